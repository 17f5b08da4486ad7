"""The record contract's second version end to end (issue #14): a ledger with a joint gift,
a loan, the new categories, a former state and a historic currency validates, exports in
every format (the outside tools accept the data package and the JSON-LD), and imports back
unchanged."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gift_ledger.cli import app

from .conftest import CASES
from .export_support import FORMATS, export
from .test_export_package_strict import package_problems
from .test_export_shapes import violations
from .test_import import records_by_id, round_trip

V2 = CASES / "valid" / "contract-v2"
BASE = "https://w3id.org/gift-ledger/id/"


@pytest.mark.parametrize("format_name", FORMATS)
def test_the_v2_ledger_exports_in_every_format(
    runner: CliRunner, tmp_path: Path, format_name: str
) -> None:
    out = tmp_path / "out"
    result = export(runner, V2, "--format", format_name, "--output", out)
    assert (result.exit_code, result.stderr) == (0, "")
    assert out.exists()


def test_the_v2_ledger_passes_the_outside_validators(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "package"
    assert export(runner, V2, "--format", "datapackage", "--output", out).exit_code == 0
    assert package_problems(out) == set()
    actors = (out / "actors.csv").read_text("utf-8").splitlines()
    assert (
        'soviet-union,state,Soviet Union,,SUN,"USSR, Union of Soviet Socialist Republics",,'
        in actors
    )
    document = json.loads(export(runner, V2, "--format", "jsonld").stdout)
    assert violations(document) == set()


@pytest.mark.parametrize("format_name", ["datapackage", "csv"])
def test_the_v2_ledger_imports_back_unchanged(tmp_path: Path, format_name: str) -> None:
    imported = round_trip(V2, tmp_path, format_name)
    assert records_by_id(imported) == records_by_id(V2)
    loan = records_by_id(imported)["china-to-edinburgh-zoo-pandas-2011"]
    assert (loan["transfer"], loan["until"]) == ("loan", "2021")


JOINT = "us-president-and-first-lady-to-modi-2023"


def test_a_joint_gift_names_each_giver_in_show_stats_and_the_csv(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["show", JOINT, str(V2)])
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[1] == (
        "  giver: President of the United States (us-president), "
        "First Lady of the United States (us-first-lady)"
    )
    stats = runner.invoke(app, ["stats", str(V2)]).stdout
    assert "First Lady of the United States  us-first-lady      1" in stats
    assert "President of the United States   us-president       1" in stats
    rows = list(csv.DictReader(io.StringIO(export(runner, V2, "--format", "csv").stdout)))
    joint = [row for row in rows if row["gift_id"] == JOINT]
    assert [(row["giver_id"], row["giver_country"], row["item"]) for row in joint] == [
        ("us-president | us-first-lady", "USA | USA", "Book galley"),
        ("us-president | us-first-lady", "USA | USA", "Vintage camera"),
    ]
    document = json.loads(export(runner, V2, "--format", "jsonld").stdout)
    [node] = [n for n in document["@graph"] if n.get("identifier") == JOINT]
    assert node["agent"] == [BASE + "us-president", BASE + "us-first-lady"]


def test_each_actor_of_a_joint_gift_is_checked_where_it_is(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copytree(V2, tmp_path / "ledger")
    records = tmp_path / "ledger" / "records.yaml"
    text = records.read_text("utf-8").replace(
        "giver: [us-president, us-first-lady]", "giver: [us-president, us-first-lday]"
    )
    records.write_text(text, "utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "ledger")])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == (
        f"{records}:81:25: error [unknown-reference] no record has id 'us-first-lday': "
        "did you mean 'us-first-lady'?"
    )


def test_joint_gifts_with_the_same_actors_in_another_order_look_alike(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copytree(V2, tmp_path / "ledger")
    records = tmp_path / "ledger" / "records.yaml"
    text = records.read_text("utf-8")
    gift = text[text.index(f"- type: gift\n  id: {JOINT}") :]
    again = gift.replace(JOINT, f"{JOINT}-again").replace(
        "giver: [us-president, us-first-lady]", "giver: [us-first-lady, us-president]"
    )
    records.write_text(text + "\n" + again, "utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "ledger")])
    assert f"warning [possible-duplicate] gift '{JOINT}-again' looks like '{JOINT}'" in (
        result.stdout
    )
