"""`ledger export --format csv-gifts`: one row per gift, safe to sum in a spreadsheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from gift_ledger.exporters.gift_rows import GIFT_COLUMNS

from .conftest import PROJECT
from .export_support import RECORDS, export, small_ledger, write_ledger


def read(runner: CliRunner, ledger: Path, format_name: str) -> list[dict[str, str]]:
    result = export(runner, ledger, "--format", format_name)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout_bytes.endswith(b"\r\n")
    return list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))


def test_one_row_per_gift_that_sums_as_the_item_rows_do(runner: CliRunner) -> None:
    gifts = read(runner, RECORDS, "csv-gifts")
    items = read(runner, RECORDS, "csv")
    assert list(gifts[0]) == [column.name for column in GIFT_COLUMNS]
    assert [row["gift_id"] for row in gifts] == list(dict.fromkeys(r["gift_id"] for r in items))
    assert sum(int(row["things"]) for row in gifts if row["things"]) == sum(
        int(row["count"]) for row in items if row["count"]
    )
    # The per-item table repeats a gift's total on each of its rows; here it counts once.
    assert sum(int(row["total"]) for row in gifts if row["total"]) == 70
    assert sum(int(row["total"]) for row in items if row["total"]) == 70 * 6
    zoo = next(row for row in gifts if row["gift_id"] == "russia-to-pyongyang-zoo-70-animals")
    assert zoo["items"] == (
        "2 × brown bear | 2 × yak | 5 × cockatoo | 25 × pheasant | 40 × mandarin duck | 1 × lion"
    )
    assert (zoo["categories"], zoo["things"], zoo["giver_country"]) == ("animal", "75", "RUS")


def test_free_text_is_neutralised_as_in_the_item_table(runner: CliRunner, tmp_path: Path) -> None:
    ledger = write_ledger(
        tmp_path / "records",
        small_ledger(occasion="=1+1", notes="-minus", value={"amount": 12.5, "currency": "EUR"}),
    )
    [row] = read(runner, ledger, "csv-gifts")
    assert (row["occasion"], row["notes"]) == ("'=1+1", "'-minus")
    assert (row["value_amount"], row["value_currency"], row["date"]) == (
        "12.5",
        "EUR",
        "2024-06-19",
    )
    assert (row["items"], row["things"], row["giver_name"]) == ("1 × Dog", "1", "A Giver")


def test_every_column_is_documented() -> None:
    doc = (PROJECT / "docs" / "exports.md").read_text(encoding="utf-8")
    section = doc.partition("## csv-gifts:")[2].partition("\n## ")[0]
    assert [c.name for c in GIFT_COLUMNS if f"`{c.name}`" not in section] == []
