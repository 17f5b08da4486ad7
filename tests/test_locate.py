"""`ledger validate` places each problem where the value is, in every file that has one:
the places are those of the full scan of each file (see test_positions.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from gift_ledger.cli import app

from .conftest import PROJECT
from .test_import import GENERATOR
from .test_positions import full_scan


def _load_planter() -> ModuleType:
    name = "gift_ledger_benchmarks_warned"
    spec = importlib.util.spec_from_file_location(name, PROJECT / "benchmarks" / "warned.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


PLANTER = _load_planter()


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_warning_in_every_file_is_at_its_value(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    GENERATOR.generate_ledger(tmp_path / "clean", 300, fmt, records_per_file=40, seed=2)
    files = PLANTER.plant_warnings(tmp_path / "clean", tmp_path / "warned")
    result = runner.invoke(app, ["validate", str(tmp_path / "warned"), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["warnings"] == files == len({d["file"] for d in report["diagnostics"]})
    codes = {d["code"] for d in report["diagnostics"]}
    assert codes == {"gift-after-reports", "dates-disagree", "unreferenced"}
    for diagnostic in report["diagnostics"]:
        place = full_scan(Path(diagnostic["file"]))[diagnostic["pointer"]]
        assert (diagnostic["line"], diagnostic["column"]) == (place.line, place.column)
        if diagnostic["code"] == "dates-disagree":  # and the other source's date
            pointer = diagnostic["pointer"].replace("/sources/1/", "/sources/0/")
            place = full_scan(Path(diagnostic["file"]))[pointer]
            assert f"{diagnostic['file']}:{place.line}:{place.column})" in diagnostic["message"]


def test_a_located_diagnostic_keeps_every_other_field() -> None:
    from dataclasses import fields

    from gift_ledger.diagnostics import Diagnostic, Place, Severity

    place = Place(Path("b.yaml"), "/1", 4, 5)
    diagnostic = Diagnostic(
        Path("a.yaml"),
        "/0/sources/0/quote",
        "quote-not-found",
        Severity.WARNING,
        "message",
        on_key=True,
        related=(Place(Path("b.yaml"), "/1"),),
        details=(("hint", "case"),),
    )
    located = diagnostic.located(2, 3, (place,))
    assert (located.line, located.column, located.related) == (2, 3, (place,))
    for field in fields(Diagnostic):
        if field.name not in ("line", "column", "related"):
            assert getattr(located, field.name) == getattr(diagnostic, field.name), field.name
    assert diagnostic.located(2, 3).related == diagnostic.related
