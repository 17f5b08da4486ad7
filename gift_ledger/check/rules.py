"""Checks across records: each is a small function from the ledger to its diagnostics.

Adding a rule means writing one function here (or, for archived texts and quotes, in
`evidence`) and listing it in `CHECKS`. The ledger holds
the partial records too (`gift_ledger.judge`): a field that failed validation is None, or
its default, and a check judges whatever else it can.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, did_you_mean
from ..edtf import EDTFDate
from ..ledger import Ledger
from ..models import Actor, Agreement, Gift, Source, Transfer
from ..overlaps import first_disagreement, overlapping_groups
from ..references import REFERENCES_OF, Target
from .common import Check, at, each, error, place, warning
from .evidence import provisions_found, quotes_found, quotes_verifiable, source_texts_readable
from .texts import SourceTexts

__all__ = ["CHECKS", "Check", "run_checks"]

# Errors ---------------------------------------------------------------------------------


def duplicate_ids(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """An id names one record across the whole ledger."""
    for entry in ledger.entries:
        first = ledger.by_id.get(entry.record.id)
        if first is not None and first is not entry:
            yield error(
                at(entry, "id"),
                "duplicate-id",
                f"id {entry.record.id!r} is already used by another record: choose a new id",
                (place(first, "id"),),
            )


def references_resolve(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Every id a record mentions names an existing record of the right type and kind."""
    hints = _Hints(ledger)
    by_id, rejected = ledger.by_id, ledger.rejected_ids
    for entry in ledger.entries:
        for reference in REFERENCES_OF.get(type(entry.record), ()):
            expected = reference.target
            for parts, target_id in reference.ids(entry.record):
                target = by_id.get(target_id)
                if target is None:
                    if target_id in rejected:
                        continue  # the record exists but is invalid; its own errors say why
                    yield error(
                        at(entry, *parts),
                        "unknown-reference",
                        f"no record has id {target_id!r}{hints.hint(target_id, expected)}",
                    )
                elif expected.accepts(target.record):
                    # Only gifts and agreements refer, and only actors can be undecided.
                    if target is entry:
                        yield error(
                            at(entry, *parts), "wrong-reference", "a record cannot refer to itself"
                        )
                elif not _undecided(target.record):  # else its kind failed, and its errors say so
                    yield error(
                        at(entry, *parts),
                        "wrong-reference",
                        f"{parts[0]!r} must name {expected.noun}, but {target_id!r} is "
                        f"{_describe(target.record)}",
                        (place(target, "id"),),
                    )


MAX_SUGGESTIONS = 20
"""Unknown ids that get a did-you-mean hint in one run. Each hint compares the id with
every record of the kind wanted (a ledger of 4,000 gifts: 0.1 s); thousands of unknown ids
would take minutes, and the first twenty show what went wrong."""


@dataclass
class _Hints:
    """Did-you-mean hints for unknown ids: candidates listed once per kind, hints capped."""

    ledger: Ledger
    given: int = 0
    _candidates: dict[str, list[str]] = field(default_factory=dict)
    _known: dict[tuple[str, str], str] = field(default_factory=dict)

    def hint(self, target_id: str, expected: Target) -> str:
        key = (target_id, expected.noun)
        if key not in self._known:
            if self.given >= MAX_SUGGESTIONS:
                return ""
            self.given += 1
            if expected.noun not in self._candidates:
                self._candidates[expected.noun] = [
                    i for i, e in self.ledger.by_id.items() if expected.accepts(e.record)
                ]
            self._known[key] = did_you_mean(target_id, self._candidates[expected.noun])
        return self._known[key]


def _undecided(record: object) -> bool:
    return isinstance(record, Actor) and record.kind is None


def _describe(record: object) -> str:
    if isinstance(record, Actor):
        return f"a {record.kind.value} actor"
    return f"a {getattr(record, 'type', 'record')}"


def names_within_count(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """An item never has more names than its count."""
    for gift, entry in ledger.of_type(Gift):
        for i, item in each(gift.items):
            if item.count is not None and len(item.names) > item.count:
                yield error(
                    at(entry, "items", i, "names"),
                    "too-many-names",
                    f"{len(item.names)} names for a count of {item.count}: "
                    "correct the count or the names",
                )


def loans_end_after_start(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Only a loan has an end (until), and it ends no earlier than it began."""
    for gift, entry in ledger.of_type(Gift):
        if gift.until is None:
            continue
        if gift.transfer is not Transfer.LOAN:
            yield error(
                at(entry, "until"),
                "loan-until",
                "'until' is the end of a loan, and this gift is not one: "
                "add 'transfer: loan' if it was lent, or remove 'until'",
            )
        elif (
            gift.date is not None  # left out: reported as missing
            and (end := gift.until.latest)
            and (start := gift.date.earliest)
            and end < start
        ):
            yield error(
                at(entry, "until"),
                "loan-until",
                f"the loan ends ({gift.until}) before it begins ({gift.date}): "
                "correct the date or 'until'",
                (place(entry, "date"),),
            )


# Warnings -------------------------------------------------------------------------------


def source_dates_agree(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """The sources of one record do not give dates that cannot both be true."""
    for entry in ledger.entries:
        record = entry.record
        if not isinstance(record, Gift | Agreement):
            continue
        dated = [(i, c.date) for i, c in each(record.sources) if c.date is not None]
        if len(dated) < 2:
            continue
        pair = first_disagreement([day for _, day in dated])
        if pair is not None:
            (i, first), (j, second) = dated[pair[0]], dated[pair[1]]
            a, b = record.sources[i].source, record.sources[j].source
            yield warning(
                at(entry, "sources", j, "date"),
                "dates-disagree",
                f"source {b!r} dates this {second}, source {a!r} dates it {first}",
                (place(entry, "sources", i, "date"),),
            )


def counts_within_total(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """The counted items of a gift do not add up to more than its total."""
    for gift, entry in ledger.of_type(Gift):
        if gift.total is None:
            continue
        counted = sum(item.count or 0 for _, item in each(gift.items))
        if counted > gift.total:
            yield warning(
                at(entry, "total"),
                "counts-exceed-total",
                f"the items count {counted} in all, more than the total of {gift.total}",
            )


def gifts_distinct(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """No two gifts share givers, recipients and item with overlapping dates.

    One warning for each group of gifts that overlap, at the last one read, naming the
    others; a gift in two such groups (two items) is warned once per distinct group.
    """
    by_item: dict[
        tuple[str | frozenset[str], str | frozenset[str], str], list[tuple[EDTFDate, int]]
    ]
    by_item = defaultdict(list)
    gifts = [
        (gift, entry)
        for gift, entry in ledger.of_type(Gift)
        if gift.giver is not None
        and gift.recipient is not None
        and gift.date is not None
        and gift.items is not None
    ]
    for n, (gift, _) in enumerate(gifts):
        givers, recipients = _actors(gift.giver), _actors(gift.recipient)
        for item in {i.item.casefold() for i in gift.items if i is not None and i.item}:
            by_item[(givers, recipients, item)].append((gift.date, n))
    groups = {
        tuple(group)
        for dated in by_item.values()
        if len(dated) > 1
        for group in overlapping_groups(dated)
    }
    for group in sorted(groups, key=lambda g: (g[-1], g)):
        *others, last = (gifts[n] for n in group)
        named = ", ".join(repr(gift.id) for gift, _ in others[:MAX_NAMED])
        more = f" and {len(others) - MAX_NAMED:,} more" if len(others) > MAX_NAMED else ""
        yield warning(
            at(last[1], "id"),
            "possible-duplicate",
            f"gift {last[0].id!r} looks like {named}{more}: same giver, recipient and item at "
            "overlapping dates; merge them and cite all their sources",
            tuple(place(entry, "id") for _, entry in others[:MAX_NAMED]),
        )


MAX_NAMED = 5
"""Look-alike gifts named in one warning; the rest are counted."""


def _actors(ids: tuple[str, ...]) -> str | frozenset[str]:
    """The same key for the same actors in any order: one actor's id, or the set of ids."""
    if len(ids) == 1:
        return ids[0]
    distinct = frozenset(ids)
    return next(iter(distinct)) if len(distinct) == 1 else distinct


def records_referenced(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Every actor and source is referred to by some record."""
    referenced = {
        target
        for entry in ledger.entries
        for reference in REFERENCES_OF.get(type(entry.record), ())
        for _, target in reference.ids(entry.record)
    }
    referenced |= ledger.rejected_references
    for entry in ledger.entries:
        record = entry.record
        if (
            isinstance(record, Actor | Source)
            and record.id is not None
            and record.id not in referenced
        ):
            yield warning(
                at(entry, "id"),
                "unreferenced",
                f"no gift or agreement refers to {record.type} {record.id!r}",
            )


def gift_not_after_reports(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """A gift is not dated after every dated source that reports it was published."""
    published_by = {
        source.id: source.published.latest
        for source, entry in ledger.of_type(Source)
        if ledger.by_id.get(source.id) is entry and source.published and source.published.latest
    }
    for gift, entry in ledger.of_type(Gift):
        if gift.date is None or gift.date.earliest is None:
            continue
        published = [
            day for _, c in each(gift.sources) if (day := published_by.get(c.source)) is not None
        ]
        if published and gift.date.earliest > max(published):
            yield warning(
                at(entry, "date"),
                "gift-after-reports",
                f"the gift is dated {gift.date}, after every source that reports it was "
                f"published (the latest on {max(published).isoformat()})",
            )


CHECKS: tuple[Check, ...] = (
    duplicate_ids,
    references_resolve,
    names_within_count,
    loans_end_after_start,
    source_texts_readable,
    quotes_found,
    provisions_found,
    source_dates_agree,
    counts_within_total,
    gifts_distinct,
    quotes_verifiable,
    records_referenced,
    gift_not_after_reports,
)
"""Every check, errors first."""


def run_checks(ledger: Ledger, texts: SourceTexts) -> list[Diagnostic]:
    """Every check's diagnostics (in no promised order: `locate` sorts them)."""
    return [diagnostic for check in CHECKS for diagnostic in check(ledger, texts)]
