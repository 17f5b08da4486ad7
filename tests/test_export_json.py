"""`ledger export --format json|ndjson`: the records as plain JSON, for jq and pipelines."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from .export_support import EVERY_FIELD, export, small_ledger, write_ledger

GIFT = {
    "type": "gift",
    "id": "northland-to-southland-dogs-2024",
    "giver": "northland-leader",
    "recipient": "southland-president",
    "transfer": "gift",  # the default is written out
    "date": "2024-06-19",
    "date_earliest": "2024-06-19",
    "date_latest": "2024-06-19",
    "items": [
        {"item": "Hunting dog", "category": "animal", "count": 2, "names": ["Gomi", "Songgang"],
         "wikidata": "Q144"},
        {"item": "Rice wine", "category": "food", "count": 12, "names": []},
        {"item": "Portrait", "category": "artwork", "names": []},
    ],
    "total": 20,
    "value": {"amount": 650, "currency": "USD"},
    "occasion": "The state banquet",
    "related": ["northland-southland-friendship-treaty-2024"],
    "sources": [
        {
            "source": "summit-report-2024",
            "quote": 'gave the president of Southland a pair of white hunting dogs named "Gomi" '
            'and "Songgang"',
            "date": "2024-06-19",
            "date_earliest": "2024-06-19",
            "date_latest": "2024-06-19",
            "text_sha256": "cd08d15c22d0ccdd72fde5d6de203153a7cf8f425f9d4e7d4c107adf34794d38",
            "segments": [
                {
                    "start": 74,
                    "end": 162,
                    "exact": "gave the president of Southland a pair of white hunting dogs "
                    "named “Gomi” and “Songgang”",
                    "prefix": "GYANG — The leader of Northland ",
                    "suffix": ", together with 12 bottles of ri",
                }
            ],
        }
    ],
    "notes": "The article says the gifts were presented at the banquet.",
}  # fmt: skip


def test_json_is_one_array_of_records_in_reading_order(runner: CliRunner) -> None:
    result = export(runner, EVERY_FIELD, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    records = json.loads(result.stdout)
    assert [record["id"] for record in records] == [
        "northland",
        "southland",
        "northland-leader",
        "southland-president",
        "state-news-agency",
        "summit-report-2024",
        "northland-to-southland-dogs-2024",
        "northland-southland-friendship-treaty-2024",
        "news-agency-to-northland-report-2024",
    ]
    assert records[6] == GIFT
    assert list(records[6]) == list(GIFT)  # type and id first, notes last
    assert records[5]["published_earliest"] == "2024-06-20"
    assert records[5]["language"] == "en"  # the default is written out
    assert result.stdout.endswith("}\n]\n")


def test_ndjson_is_the_same_records_one_per_line(runner: CliRunner) -> None:
    lines = export(runner, EVERY_FIELD, "--format", "ndjson").stdout_bytes.split(b"\n")
    assert lines[-1] == b""  # every line ends with a newline, the last one too
    records = [json.loads(line) for line in lines[:-1]]
    assert records == json.loads(export(runner, EVERY_FIELD, "--format", "json").stdout)
    assert all(b"\n" not in line and line.startswith(b'{"type":') for line in lines[:-1])


def test_open_and_unknown_dates_leave_out_the_days_they_lack(
    runner: CliRunner, tmp_path: Path
) -> None:
    ledger = small_ledger(
        date="../2019", sources=[{"source": "report", "quote": "gave", "date": "XXXX"}]
    )
    ledger[2]["published"] = "201X"
    result = export(runner, write_ledger(tmp_path / "ledger", ledger), "--format", "ndjson")
    source, gift = (json.loads(line) for line in result.stdout.splitlines()[2:])
    assert (source["published"], source["published_earliest"], source["published_latest"]) == (
        "201X",
        "2010-01-01",
        "2019-12-31",
    )
    assert {key: gift[key] for key in gift if key.startswith("date")} == {
        "date": "../2019",
        "date_latest": "2019-12-31",
    }
    assert gift["sources"] == [{"source": "report", "quote": "gave", "date": "XXXX"}]
