"""`ledger export --format xlsx`: a workbook that openpyxl reads back with typed cells."""

from __future__ import annotations

import builtins
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pandas
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from gift_ledger.exporters.gift_rows import GIFT_COLUMNS
from gift_ledger.exporters.workbook import SHEETS

from .export_support import EVERY_FIELD, RECORDS, export, small_ledger, write_ledger

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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


def test_text_reads_back_exactly_as_recorded(runner: CliRunner, tmp_path: Path) -> None:
    # XML's special characters, text outside the Basic Multilingual Plane, a carriage
    # return (which an XML reader turns into a line feed unless it is escaped), and
    # spaces at either end (which a reader drops unless told to keep them).
    occasion = "  <b>Fish & chips</b> \"quoted\" 'single' -> ]]> &amp;  "
    notes = "first\r\nsecond\tthird \U0001f415 \U0001d50a Ωμέγα 평양\n"
    ledger = write_ledger(tmp_path / "records", small_ledger(occasion=occasion, notes=notes))
    book = workbook(runner, ledger, tmp_path / "ledger.xlsx")
    [row] = rows(book["gifts"])
    assert (row["occasion"].value, row["occasion"].data_type) == (occasion, "s")
    assert (row["notes"].value, row["notes"].data_type) == (notes, "s")
    # Excel keeps the spaces at the ends of a cell only where its text says so.
    with zipfile.ZipFile(tmp_path / "ledger.xlsx") as archive:
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    texts = [(t.text, t.get(XML_SPACE)) for t in sheet.iter(f"{{{MAIN}}}t")]
    assert (occasion, "preserve") in texts
    assert [text for text, space in texts if text != text.strip() and space != "preserve"] == []


def test_what_a_cell_cannot_hold_is_shown_and_cut(runner: CliRunner, tmp_path: Path) -> None:
    cut_note = " [… cut here: a spreadsheet cell holds at most 32,767 characters]"
    occasion = "a\x00b\ufffec\uffffd"  # a control character and XML's two noncharacters
    notes = "&" * 40_000  # cut by characters, not by the bytes of its XML (&amp;)
    ledger = write_ledger(tmp_path / "records", small_ledger(occasion=occasion, notes=notes))
    [row] = rows(workbook(runner, ledger, tmp_path / "ledger.xlsx")["gifts"])
    assert row["occasion"].value == "a\ufffdb\ufffdc\ufffdd"
    assert row["notes"].value == "&" * (32_767 - len(cut_note)) + cut_note
    assert len(row["notes"].value) == 32_767


def test_days_before_and_around_1900_are_dates(runner: CliRunner, tmp_path: Path) -> None:
    # Excel counts a 29 February 1900 that never was; a day before 1900 is a negative number.
    days = ["1850-06-01", "1900-01-01", "1900-02-28", "1900-03-01", "2024-06-19"]
    [*_parties, source, gift] = small_ledger()
    gifts = [
        {
            **gift,
            "id": f"gift-{n}",
            "date": day,
            "items": [{"item": f"Dog {n}", "category": "animal"}],
        }
        for n, day in enumerate(days)
    ]
    ledger = write_ledger(tmp_path / "records", [*_parties, source, *gifts])
    book = workbook(runner, ledger, tmp_path / "ledger.xlsx")
    cells = [row["date"] for row in rows(book["gifts"])]
    assert [cell.value for cell in cells] == [datetime.fromisoformat(day) for day in days]
    assert {(cell.data_type, cell.number_format) for cell in cells} == {("d", "yyyy-mm-dd")}


def test_pandas_reads_the_sheets_with_their_types(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    workbook(runner, RECORDS, out)
    frames = pandas.read_excel(out, sheet_name=None)
    assert list(frames) == list(SHEETS)
    gifts = frames["gifts"].set_index("gift_id")
    assert list(gifts.columns) == [column.name for column in GIFT_COLUMNS][1:]
    putin = gifts.loc["kim-to-putin-pungsan-dogs-2024"]
    assert putin["date_earliest"] == pandas.Timestamp("2024-06-19")
    assert (putin["giver_name"], putin["items"], putin["things"]) == (
        "Kim Jong Un",
        "2 × Pungsan dog",
        2,
    )
    assert pandas.api.types.is_datetime64_any_dtype(gifts["date_earliest"])
    items = frames["items"]
    assert pandas.api.types.is_integer_dtype(items["position"])
    assert len(items) == sum(gift.count(" | ") + 1 for gift in gifts["items"])
