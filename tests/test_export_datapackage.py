"""`ledger export --format datapackage`: tables a Data Package validator accepts, offline."""

from __future__ import annotations

import json
from pathlib import Path

import frictionless
import pytest
from typer.testing import CliRunner

from gift_ledger.exporters.datapackage import TABLES
from gift_ledger.writing import MARKER

from .export_support import EVERY_FIELD, RECORDS, export, no_network

TABLE_FILES = sorted(
    [MARKER, "archive", "datapackage.json", *(f"{table.name}.csv" for table in TABLES)]
)


def validate(folder: Path) -> frictionless.Report:
    with no_network():
        report: frictionless.Report = frictionless.validate(folder / "datapackage.json")
    return report


def errors(report: frictionless.Report) -> list[tuple[str | None, str, str]]:
    return [(task.name, error.type, error.note) for task in report.tasks for error in task.errors]


@pytest.mark.parametrize("ledger", [EVERY_FIELD, RECORDS], ids=["every-field", "records"])
def test_the_package_is_valid(runner: CliRunner, tmp_path: Path, ledger: Path) -> None:
    out = tmp_path / "package"
    result = export(runner, ledger, "--format", "datapackage", "--output", out)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"wrote {out}\n", "")
    assert sorted(path.name for path in out.iterdir()) == TABLE_FILES
    assert sorted(path.name for path in tmp_path.iterdir()) == ["package"]  # no temp left
    report = validate(out)
    assert errors(report) == []
    assert report.valid


def test_a_broken_reference_is_caught(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "package"
    export(runner, EVERY_FIELD, "--format", "datapackage", "--output", out)
    givers = out / "gift_givers.csv"
    givers.write_bytes(givers.read_bytes().replace(b",northland-leader", b",nobody", 1))
    assert errors(validate(out)) == [
        (
            "gift_givers",
            "foreign-key",
            'for "actor_id": values "nobody" not found in the lookup table "actors" as "id"',
        )
    ]


def test_lists_become_tables_with_positions(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "package"
    export(runner, EVERY_FIELD, "--format", "datapackage", "--output", out)
    assert (out / "gift_givers.csv").read_bytes() == (
        b"gift_id,position,actor_id\r\n"
        b"northland-to-southland-dogs-2024,1,northland-leader\r\n"
        b"news-agency-to-northland-report-2024,1,state-news-agency\r\n"
    )
    assert (out / "gift_item_names.csv").read_bytes() == (
        b"gift_id,item_position,position,name\r\n"
        b"northland-to-southland-dogs-2024,1,1,Gomi\r\n"
        b"northland-to-southland-dogs-2024,1,2,Songgang\r\n"
    )
    assert (out / "provisions.csv").read_bytes() == (
        b"agreement_id,position,article,text\r\n"
        b'northland-southland-friendship-treaty-2024,1,4,"In case either side is attacked, '
        b'the other side shall provide military assistance without delay."\r\n'
        b"northland-southland-friendship-treaty-2024,2,7,"
        b"shall consult each other on matters of common interest\r\n"
    )
    assert (out / "gifts.csv").read_bytes().splitlines()[1:] == [
        b"northland-to-southland-dogs-2024,gift,,,,"
        b"2024-06-19,2024-06-19,2024-06-19,20,650,USD,The state banquet,"
        b"The article says the gifts were presented at the banquet.",
        b"news-agency-to-northland-report-2024,"
        b"loan,2034-06,2034-06-01,2034-06-30,2024-06~,2024-06-01,2024-06-30,,,,,",
    ]
    descriptor = json.loads((out / "datapackage.json").read_text("utf-8"))
    gifts = next(r for r in descriptor["resources"] if r["name"] == "gifts")
    assert gifts["schema"]["primaryKey"] == ["id"]
    assert gifts["schema"]["foreignKeys"] == [
        {"fields": ["id"], "reference": {"resource": "records", "fields": ["id"]}},
    ]
    givers = next(r for r in descriptor["resources"] if r["name"] == "gift_givers")
    assert givers["schema"]["primaryKey"] == ["gift_id", "position"]
    assert givers["schema"]["foreignKeys"] == [
        {"fields": ["gift_id"], "reference": {"resource": "gifts", "fields": ["id"]}},
        {"fields": ["actor_id"], "reference": {"resource": "actors", "fields": ["id"]}},
    ]


def test_a_previous_export_or_an_empty_folder_is_replaced(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "package"
    out.mkdir()
    assert export(runner, EVERY_FIELD, "-f", "datapackage", "-o", out).exit_code == 0
    (out / "gifts.csv").write_text("stale", "utf-8")
    assert export(runner, RECORDS, "-f", "datapackage", "-o", out).exit_code == 0
    assert b"kim-to-putin-pungsan-dogs-2024" in (out / "gifts.csv").read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["package"]


def test_a_folder_that_is_not_an_export_is_left_alone(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter-1.md").write_text("years of work", "utf-8")
    result = export(runner, EVERY_FIELD, "-f", "datapackage", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"ledger: error: cannot write {str(out)!r}: the folder exists and is not a previous "
        "data package export; give a new or empty folder\n"
    )
    assert [path.name for path in out.iterdir()] == ["chapter-1.md"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["thesis"]


def test_a_file_in_the_way_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "package"
    out.write_text("a file", "utf-8")
    result = export(runner, EVERY_FIELD, "-f", "datapackage", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"ledger: error: cannot write {str(out)!r}: it is a file, give a folder for the package\n"
    )


def test_the_package_needs_an_output_folder(runner: CliRunner) -> None:
    result = export(runner, EVERY_FIELD, "--format", "datapackage")
    assert result.exit_code == 2
    assert result.stderr == (
        "ledger: error: the datapackage format writes a folder: give one with --output\n"
    )
    assert result.stdout == ""
