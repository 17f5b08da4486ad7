"""Counts of the ledger's records: gifts and loans, gifts by giver, recipient and year,
items by category.

Years are those of the gift's date when its first and last possible day fall in one year;
a date that spans years is counted under its range of years, written as an EDTF
interval (``2010/2019``, ``../2007``), an unknown date under
``unknown``. An item's ``count`` adds to its category's count only where the source gives a
number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .ledger import Ledger
from .models import RECORD_MODELS, Actor, Category, Gift, RecordType, Transfer
from .terminal import Table

__all__ = ["ledger_stats"]


def ledger_stats(ledger: Ledger) -> list[Table]:
    """The tables of `ledger stats`, in the order printed."""
    gifts = [gift for gift, _entry in ledger.of_type(Gift)]
    return [
        Table(
            "Records",
            ("type", "records"),
            [(kind.value, len(ledger.by_type.get(RECORD_MODELS[kind], ()))) for kind in RecordType],
        ),
        _by_transfer(gifts),
        _by_actor(ledger, "giver", (giver for gift in gifts for giver in gift.giver)),
        _by_actor(ledger, "recipient", (taker for gift in gifts for taker in gift.recipient)),
        _by_year(gifts),
        _by_category(gifts),
    ]


def _by_transfer(gifts: list[Gift]) -> Table:
    counts = Counter(gift.transfer for gift in gifts)
    return Table(
        "Gifts and loans",
        ("transfer", "records"),
        [(transfer.value, counts[transfer]) for transfer in Transfer],
    )


def _most_first(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def _by_actor(ledger: Ledger, role: str, ids: Iterable[str]) -> Table:
    rows = []
    for actor_id, count in _most_first(Counter(ids)):
        actor = ledger.record(actor_id)
        rows.append((actor.label if isinstance(actor, Actor) else "", actor_id, count))
    return Table(f"Gifts by {role}", (role, "id", "gifts"), rows)


def _year(gift: Gift) -> tuple[int, int, str]:
    """A sort key and label: the year, a range of years, or unknown (last)."""
    earliest, latest = gift.date.earliest, gift.date.latest
    if earliest is None and latest is None:
        return (10_000, 10_000, "unknown")
    first = earliest.year if earliest else 0
    last = latest.year if latest else 9_999
    if first == last:
        return (first, last, str(first))
    label = f"{earliest.year if earliest else '..'}/{latest.year if latest else '..'}"
    return (first, last, label)


def _by_year(gifts: list[Gift]) -> Table:
    counts = Counter(_year(gift) for gift in gifts)
    return Table(
        "Gifts by year", ("year", "gifts"), [(key[2], n) for key, n in sorted(counts.items())]
    )


def _by_category(gifts: list[Gift]) -> Table:
    in_gifts: Counter[str] = Counter()
    items: Counter[str] = Counter()
    things: Counter[str] = Counter()
    for gift in gifts:
        in_gifts.update({item.category.value for item in gift.items})
        for item in gift.items:
            items[item.category.value] += 1
            things[item.category.value] += item.count or 0
    order = {category.value: index for index, category in enumerate(Category)}
    rows = [
        (category, n, items[category], things[category])
        for category, n in sorted(in_gifts.items(), key=lambda p: (-p[1], order[p[0]]))
    ]
    return Table("Gift items by category", ("category", "gifts", "items", "count"), rows)
