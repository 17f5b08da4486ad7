"""`ledger export --format xlsx`: a workbook that openpyxl reads back with typed cells."""

from __future__ import annotations

import builtins
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from gift_ledger.exporters.gift_rows import GIFT_COLUMNS
from gift_ledger.exporters.workbook import SHEETS

from .export_support import EVERY_FIELD, RECORDS, export, small_ledger, write_ledger


def workbook(runner: CliRunner, ledger: Path, out: Path) -> Any:
    result = export(runner, ledger, "--format", "xlsx", "--output", out)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"wrote {out}\n", "")
    return openpyxl.load_workbook(out)


def rows(sheet: Worksheet) -> list[dict[str, Any]]:
    header, *body = sheet.iter_rows()
    names = [cell.value for cell in header]
    return [dict(zip(names, row, strict=True)) for row in body]


@pytest.mark.parametrize("ledger", [EVERY_FIELD, RECORDS], ids=["every-field", "records"])
def test_no_cell_is_a_formula(runner: CliRunner, tmp_path: Path, ledger: Path) -> None:
    book = workbook(runner, ledger, tmp_path / "ledger.xlsx")
    assert book.sheetnames == list(SHEETS)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        last = sheet.cell(sheet.max_row, sheet.max_column).coordinate
        assert sheet.auto_filter.ref == f"A1:{last}"
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        widths = [sheet.column_dimensions[c.column_letter].width for c in next(sheet.iter_rows())]
        assert min(widths) >= 9


def test_the_gifts_sheet_has_one_typed_row_per_gift(runner: CliRunner, tmp_path: Path) -> None:
    book = workbook(runner, RECORDS, tmp_path / "ledger.xlsx")
    gifts = rows(book["gifts"])
    assert [cell.value for cell in next(book["gifts"].iter_rows())] == [
        column.name for column in GIFT_COLUMNS
    ]
    assert len(gifts) == 11
    [putin] = [row for row in gifts if row["gift_id"].value == "kim-to-putin-pungsan-dogs-2024"]
    values = {name: cell.value for name, cell in putin.items()}
    assert values["date"] == "2024-06-19/2024-06-20"  # an interval stays text
    assert values["date_earliest"] == datetime(2024, 6, 19)
    assert putin["date_earliest"].is_date
    assert putin["date_earliest"].number_format == "yyyy-mm-dd"
    assert (values["giver_name"], values["giver_country"]) == ("Kim Jong Un", "PRK")
    assert (values["recipient_name"], values["recipient_country"]) == ("Vladimir Putin", "RUS")
    assert (values["items"], values["categories"], values["things"]) == (
        "2 × Pungsan dog",
        "animal",
        2,
    )
    zoo = next(row for row in gifts if row["gift_id"].value == "russia-to-pyongyang-zoo-70-animals")
    assert (zoo["total"].value, zoo["total"].data_type) == (70, "n")
    assert zoo["date"].data_type == "s"


def test_an_exact_day_is_a_date_and_counts_are_numbers(runner: CliRunner, tmp_path: Path) -> None:
    book = workbook(runner, EVERY_FIELD, tmp_path / "ledger.xlsx")
    dated = [row for row in rows(book["gifts"]) if row["value_amount"].value is not None]
    [gift] = dated
    assert (gift["value_amount"].value, gift["value_amount"].data_type) == (650, "n")
    items = rows(book["items"])
    assert {cell.data_type for row in items for cell in (row["count"], row["position"])} <= {"n"}
    assert [row["names"].value for row in items if row["names"].value] == ["Gomi | Songgang"]
    single = write_ledger(tmp_path / "records", small_ledger())
    [row] = rows(workbook(runner, single, tmp_path / "single.xlsx")["gifts"])
    assert (row["date"].value, row["date"].is_date) == (datetime(2024, 6, 19), True)


def test_text_that_looks_like_a_formula_stays_text(runner: CliRunner, tmp_path: Path) -> None:
    occasion = '=HYPERLINK("http://example.com","click")'
    notes = "+1 -2 @sum\tand\x07a bell"
    ledger = write_ledger(tmp_path / "records", small_ledger(occasion=occasion, notes=notes))
    book = workbook(runner, ledger, tmp_path / "ledger.xlsx")
    [row] = rows(book["gifts"])
    assert (row["occasion"].value, row["occasion"].data_type) == (occasion, "s")
    # Excel cannot hold a bell (U+0007): it is shown as U+FFFD; no ' is added anywhere.
    assert (row["notes"].value, row["notes"].data_type) == ("+1 -2 @sum\tand\ufffda bell", "s")


def test_without_openpyxl_the_export_says_what_to_install(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_openpyxl(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.partition(".")[0] == "openpyxl":
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    monkeypatch.delitem(sys.modules, "openpyxl")
    out = tmp_path / "ledger.xlsx"
    result = export(runner, EVERY_FIELD, "--format", "xlsx", "--output", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "ledger: error: the xlsx format needs openpyxl: pip install 'gift-ledger[xlsx]'\n"
    )
    assert list(tmp_path.iterdir()) == []
