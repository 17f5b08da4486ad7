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
        """Each id the record gives in this field, with where it is.

        None stands for a value that failed validation (`judge`): it names nothing.
        """
        field, value = self.field, getattr(record, self.field)
        if value is None:
            return []
        if self.key is not None:
            key = self.key
            return [
                ((field, i, key), target)
                for i, item in enumerate(value)
                if (target := getattr(item, key, None)) is not None
            ]
        if self.one_or_more and len(value) == 1:
            return [((field,), value[0])] if value[0] is not None else []
        if isinstance(value, tuple):
            return [((field, i), target) for i, target in enumerate(value) if target is not None]
        return [((field,), value)]

    def raw_ids(self, raw: dict[str, Any]) -> list[str]:
        """The ids an unvalidated record gives in this field, as far as they can be made out."""
        value = raw.get(self.field)
        if self.key is not None:
            items = value if isinstance(value, list) else []
            value = [item.get(self.key) for item in items if isinstance(item, dict)]
        return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


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
