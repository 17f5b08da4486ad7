"""The ledger in memory: every valid record with its place, indexed for checks and exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .models import Actor, Agreement, Gift, Source

__all__ = ["Entry", "Ledger"]

_R = TypeVar("_R", Actor, Source, Gift, Agreement)


@dataclass(frozen=True, slots=True)
class Entry:
    """A typed record and where it was written: its file and JSON pointer there."""

    record: Any  # Actor | Source | Gift | Agreement
    file: Path
    pointer: str
    complete: bool = True
    """False for a record that failed validation, kept field by field for the checks: its
    failed fields are absent, that is their default or None (see `gift_ledger.judge`)."""


@dataclass
class Ledger:
    """Records in reading order; `by_id` holds the first record written under each id."""

    root: Path
    entries: list[Entry] = field(default_factory=list)
    by_id: dict[str, Entry] = field(default_factory=dict)
    rejected_ids: set[str] = field(default_factory=set)
    """Ids of records that failed validation: references to them are not reported again."""
    rejected_references: set[str] = field(default_factory=set)
    """Ids that records which failed validation refer to."""

    by_type: dict[type, list[Entry]] = field(default_factory=dict)
    """Entries by their record's model, in reading order: checks go through one type."""

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        if entry.record.id is not None:
            self.by_id.setdefault(entry.record.id, entry)
        self.by_type.setdefault(type(entry.record), []).append(entry)

    def of_type(self, model: type[_R]) -> Iterator[tuple[_R, Entry]]:
        """Each record of one type, with its entry, in reading order."""
        for entry in self.by_type.get(model, ()):
            yield entry.record, entry

    def record(self, record_id: str) -> Actor | Source | Gift | Agreement | None:
        entry = self.by_id.get(record_id)
        return entry.record if entry else None
