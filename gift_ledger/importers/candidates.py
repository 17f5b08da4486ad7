"""Records read from an export, checked against the record contract before they are written.

Each record comes with the places (``table.csv:line``) its values were read from, keyed by
JSON pointer, so that a problem is reported at the row to fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build import build_records
from ..record_yaml import IMPLIED
from .cells import Problem

__all__ = ["Candidate", "check", "compact"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A record as people type it, and where each part was read: JSON pointer -> place."""

    record: dict[str, Any]
    places: dict[str, str]

    def place_of(self, pointer: str) -> str:
        """The place of the deepest part that holds the value at pointer."""
        while pointer not in self.places and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        return self.places.get(pointer, "")


def compact(record: dict[str, Any]) -> dict[str, Any]:
    """The record without the values it does not have: None, empty lists, empty mappings,
    and defaults that go without saying (a gift that is not a loan)."""
    kept: dict[str, Any] = {}
    for key, given in record.items():
        if IMPLIED.get(key, ...) == given:
            continue
        value = given
        if isinstance(given, dict):
            value = compact(given)
        elif isinstance(given, list):
            value = [compact(v) if isinstance(v, dict) else v for v in given]
        if value is not None and value not in ([], {}):
            kept[key] = value
    return kept


def check(candidates: Iterable[Candidate]) -> list[Problem]:
    """What the record contract says about each record, at the row it was read from."""
    problems = []
    for candidate in candidates:
        built = build_records(Path("<import>"), candidate.record)
        for diagnostic in built.diagnostics:
            label = f"{candidate.record.get('type', 'record')} {candidate.record.get('id')!r}"
            problems.append(
                Problem(
                    candidate.place_of(diagnostic.pointer),
                    diagnostic.code,
                    f"{label}: {diagnostic.message}",
                )
            )
    return problems
