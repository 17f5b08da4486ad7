"""The record contract's second version end to end (issue #14): a ledger with a loan, the
new categories, a former state and a historic currency validates, exports in every format
(the outside tools accept the data package and the JSON-LD), and imports back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import CASES
from .export_support import FORMATS, export
from .test_export_package_strict import package_problems
from .test_export_shapes import violations
from .test_import import records_by_id, round_trip

V2 = CASES / "valid" / "contract-v2"


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
