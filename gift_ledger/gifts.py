"""Gifts with their parties and sources resolved: what a notebook iterates over.

from gift_ledger import load_ledger, resolved_gifts

loaded = load_ledger(Path("records"))
for gift in resolved_gifts(loaded):
    print(gift.gift.date, gift.givers[0].label, "->", gift.recipients[0].label)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .models import Actor, Citation, Gift, Source
from .validate import LoadedLedger

__all__ = ["ResolvedGift", "resolved_gifts"]


@dataclass(frozen=True, slots=True)
class ResolvedGift:
    """A gift with the records it refers to in place of their ids.

    In a valid ledger every reference resolves; in a ledger with errors a reference to a
    record that failed validation is None.
    """

    gift: Gift
    givers: tuple[Actor | None, ...]
    """The giver, or the givers of a joint gift, in the order written."""
    recipients: tuple[Actor | None, ...]
    citations: tuple[tuple[Citation, Source | None], ...]
    """Each citation of the gift with its source, in the order written."""


def resolved_gifts(loaded: LoadedLedger) -> Iterator[ResolvedGift]:
    """Every gift of a loaded ledger in reading order, its givers, recipients and sources
    resolved."""
    ledger = loaded.ledger

    def actor(actor_id: str) -> Actor | None:
        found = ledger.record(actor_id)
        return found if isinstance(found, Actor) else None

    def source(source_id: str) -> Source | None:
        found = ledger.record(source_id)
        return found if isinstance(found, Source) else None

    for gift, _entry in ledger.of_type(Gift):
        yield ResolvedGift(
            gift,
            tuple(actor(actor_id) for actor_id in gift.giver),
            tuple(actor(actor_id) for actor_id in gift.recipient),
            tuple((citation, source(citation.source)) for citation in gift.sources),
        )
