"""Which fields of a record name other records, and what each must name: declared once.

The checks (a reference resolves to a record of the right type), `build` (the ids a rejected
record mentions), `ledger show` (what refers to a record, under which heading) and the
hints for a malformed id all read `REFERENCES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .models import RECORD_MODELS, Actor, ActorKind, Agreement, Gift, Source

__all__ = ["REFERENCES", "REFERENCES_OF", "REFERENCE_KEYS", "FieldPath", "Reference", "Target"]


@dataclass(frozen=True, slots=True)
class Target:
    """What a reference must name, in words and as a test."""

    noun: str
    accepts: Callable[[object], bool]


_ACTOR = Target("an actor", lambda r: isinstance(r, Actor))
_SOURCE = Target("a source", lambda r: isinstance(r, Source))
_PARTY = Target(
    "a state or organization actor",
    lambda r: isinstance(r, Actor) and r.kind in (ActorKind.STATE, ActorKind.ORGANIZATION),
)
_PERSON = Target("a person actor", lambda r: isinstance(r, Actor) and r.kind is ActorKind.PERSON)
_ANY = Target("a record", lambda r: True)

FieldPath = tuple[str | int, ...]
"""Where a value is in a record, as keys and list indexes (a JSON pointer's parts)."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A field whose values are the ids of other records."""

    models: tuple[type[BaseModel], ...]
    """The record types that have the field."""
    field: str
    target: Target
    shown_as: str
    """The heading of the records that refer by this field, in `ledger show`."""
    key: str | None = None
    """In a list of mappings, the key that holds the id (a citation's ``source``)."""
    one_or_more: bool = False
    """The field holds one id or a list of them (a gift's givers): one is at the field."""

    def ids(self, record: Any) -> list[tuple[FieldPath, str]]:
        """Each id the record gives in this field, with where it is."""
        value = getattr(record, self.field)
        found: list[tuple[FieldPath, str | None]]
        if self.key is not None:
            found = [
                ((self.field, i, self.key), getattr(v, self.key, None)) for i, v in _each(value)
            ]
        elif self.one_or_more and value is not None and len(value) == 1:
            found = [((self.field,), value[0])]
        elif isinstance(value, tuple):
            found = [((self.field, i), v) for i, v in enumerate(value)]
        else:
            found = [((self.field,), value)]
        return [(parts, v) for parts, v in found if v is not None]  # None: failed (`judge`)

    def raw_ids(self, raw: dict[str, Any]) -> list[str]:
        """The ids an unvalidated record gives in this field, as far as they can be made out."""
        value = raw.get(self.field)
        if self.key is not None:
            items = value if isinstance(value, list) else []
            value = [item.get(self.key) for item in items if isinstance(item, dict)]
        return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def _each(value: tuple[Any, ...] | None) -> list[tuple[int, Any]]:
    return [(i, v) for i, v in enumerate(value or ()) if v is not None]


REFERENCES: tuple[Reference, ...] = (
    Reference((Gift,), "giver", _ACTOR, "gifts given", one_or_more=True),
    Reference((Gift,), "recipient", _ACTOR, "gifts received", one_or_more=True),
    Reference((Agreement,), "parties", _PARTY, "party to"),
    Reference((Agreement,), "signatories", _PERSON, "signed"),
    Reference((Gift, Agreement), "sources", _SOURCE, "cited by", key="source"),
    Reference((Gift, Agreement), "related", _ANY, "named as related by"),
)
"""Every field that refers to other records, in the order `ledger show` lists them."""

REFERENCES_OF: dict[type[BaseModel], tuple[Reference, ...]] = {
    model: tuple(reference for reference in REFERENCES if model in reference.models)
    for model in RECORD_MODELS.values()
}
"""Record model -> the fields of its records that refer to other records."""

REFERENCE_KEYS = frozenset(reference.key or reference.field for reference in REFERENCES)
"""The keys whose values are ids of other records (``giver``, ``source`` in a citation)."""
