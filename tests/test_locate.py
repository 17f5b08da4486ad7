"""Locating problems reads a file again for the positions asked for alone: they must be the
positions a full read with positions gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from gift_ledger.read import positions

from .conftest import CASES, PROJECT

YAML_FILES = sorted(
    path
    for root in (CASES / "valid", CASES / "invalid", PROJECT / "records")
    for path in root.rglob("*.y*ml")
    if positions(path)
)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_the_positions_asked_for_are_those_of_a_full_read(path: Path) -> None:
    every = positions(path)
    assert positions(path, list(every)) == every
    some = sorted(every)[::3]
    asked = positions(path, some)
    assert {pointer: asked[pointer] for pointer in some} == {p: every[p] for p in some}
