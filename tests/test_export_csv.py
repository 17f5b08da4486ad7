"""`ledger export --format csv`: one row per gift item, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from gift_ledger.tables.flat import COLUMNS, FORMULA_STARTS

from .export_support import EVERY_FIELD, RECORDS, export, small_ledger, write_ledger

QUOTE = (
    'gave the president of Southland a pair of white hunting dogs named ""Gomi"" and ""Songgang""'
)
DOGS = (
    "northland-to-southland-dogs-2024,{n},2024-06-19,2024-06-19,2024-06-19,"
    "northland-leader,Dear Leader,NLD,Netherlands,southland-president,President of Southland,"
    "ZAF,South Africa,gift,,"
    "{item},20,650,USD,The state banquet,summit-report-2024,"
    f'Leaders exchange gifts at the summit,"{QUOTE}",'
    "The article says the gifts were presented at the banquet.\r\n"
)


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_every_field_exports_one_row_per_item(runner: CliRunner) -> None:
    result = export(runner, EVERY_FIELD, "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout_bytes.decode("utf-8") == (
        ",".join(COLUMNS) + "\r\n"
        + DOGS.format(n=1, item="Hunting dog,animal,2,Gomi | Songgang,Q144")
        + DOGS.format(n=2, item="Rice wine,food,12,,")
        + DOGS.format(n=3, item="Portrait,artwork,,,")
        + "news-agency-to-northland-report-2024,1,2024-06~,2024-06-01,2024-06-30,"
        "state-news-agency,State News Agency,NLD,Netherlands,northland,Northland,NLD,Netherlands,"
        "loan,2034-06,"
        "Report,document,1,,,,,,,summit-report-2024,Leaders exchange gifts at the summit,"
        "state media said on Wednesday,\r\n"
    )  # fmt: skip


def test_the_header_names_the_documented_columns(runner: CliRunner) -> None:
    header = export(runner, EVERY_FIELD, "--format", "csv").stdout_bytes.split(b"\r\n")[0]
    assert header.decode() == (
        "gift_id,item_number,date,date_earliest,date_latest,"
        "giver_id,giver_name,giver_country,giver_country_name,"
        "recipient_id,recipient_name,recipient_country,recipient_country_name,"
        "transfer,until,item,category,count,names,item_wikidata,total,value_amount,value_currency,occasion,"
        "source_ids,source_titles,quotes,notes"
    )


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(
    runner: CliRunner, tmp_path: Path
) -> None:
    ledger = small_ledger(
        items=[
            {"item": "=HYPERLINK(\"http://evil.example\")", "category": "other", "count": 2,
             "names": ["-2+3", "@SUM(A1)"]},
            {"item": "+1", "category": "other"},
            {"item": "\tcmd", "category": "other"},
        ],
        occasion="@visit",
        notes="-note",
        sources=[{"source": "report", "quote": "=1+1 said the report"}],
    )  # fmt: skip
    ledger[0]["name"] = "=cmd|' /C calc'!A0"
    ledger[2]["title"] = "+ a title"
    result = export(runner, write_ledger(tmp_path / "ledger", ledger), "--format", "csv")
    assert result.exit_code == 0
    rows = read_rows(result.stdout)
    assert [row["item"] for row in rows] == ['\'=HYPERLINK("http://evil.example")', "'+1", "'\tcmd"]
    first = rows[0]
    assert first["names"] == "'-2+3 | @SUM(A1)"
    assert first["giver_name"] == "'=cmd|' /C calc'!A0"
    assert (first["occasion"], first["notes"]) == ("'@visit", "'-note")
    assert (first["source_titles"], first["quotes"]) == ("'+ a title", "'=1+1 said the report")
    for row in rows:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values()), row


def test_numbers_dates_and_codes_are_left_as_they_are(runner: CliRunner, tmp_path: Path) -> None:
    ledger = small_ledger(date="../2019", value={"amount": 1e17, "currency": "EUR"}, total=3)
    result = export(runner, write_ledger(tmp_path / "ledger", ledger), "--format", "csv")
    (row,) = read_rows(result.stdout)
    assert (row["date"], row["date_earliest"], row["date_latest"]) == ("../2019", "", "2019-12-31")
    assert (row["value_amount"], row["value_currency"]) == ("100000000000000000", "EUR")
    assert (row["count"], row["total"]) == ("1", "3")


def test_utf8_names_and_quotes_round_trip(runner: CliRunner, tmp_path: Path) -> None:
    ledger = small_ledger(
        items=[{"item": "풍산개", "category": "animal", "count": 2, "names": ["곰이", "송강"]}],
        sources=[{"source": "report", "quote": "«Кузя», a “gift”,\nwith a new line"}],
    )
    result = export(runner, write_ledger(tmp_path / "ledger", ledger), "--format", "csv")
    (row,) = read_rows(result.stdout_bytes.decode("utf-8"))
    assert (row["item"], row["names"]) == ("풍산개", "곰이 | 송강")
    assert row["quotes"] == "«Кузя», a “gift”,\nwith a new line"
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf")  # no byte order mark


def test_the_projects_ledger_has_a_row_per_item_of_each_gift(runner: CliRunner) -> None:
    from gift_ledger.models import Gift
    from gift_ledger.validate import load_ledger

    result = export(runner, RECORDS, "--format", "csv")
    assert result.exit_code == 0
    rows = read_rows(result.stdout)
    gifts = [gift for gift, _ in load_ledger(RECORDS).ledger.of_type(Gift)]
    assert len(rows) == sum(len(gift.items) for gift in gifts)
    assert [(row["gift_id"], row["item"]) for row in rows] == [
        (gift.id, item.item) for gift in gifts for item in gift.items
    ]
    assert all(len(row) == len(COLUMNS) for row in rows)
