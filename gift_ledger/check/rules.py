"""Checks across records: each is a small function from the ledger to its diagnostics.

Adding a rule means writing one function here and listing it in `CHECKS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from ..diagnostics import Code, Diagnostic, Place, Severity, did_you_mean, pointer_of
from ..edtf import EDTFDate
from ..ledger import Entry, Ledger
from ..models import Actor, Agreement, Gift, Source, Transfer
from ..references import REFERENCES_OF, FieldPath, Target
from ..speed import texts_last
from .quotes import contains_quote
from .texts import SourceTexts, TextProblem

__all__ = ["CHECKS", "Check", "run_checks"]

Check = Callable[[Ledger, SourceTexts], Iterable[Diagnostic]]


def _at(entry: Entry, *parts: str | int) -> tuple[Entry, str]:
    return entry, entry.pointer + pointer_of(parts)


def _diag(
    where: tuple[Entry, str],
    code: Code,
    severity: Severity,
    message: str,
    related: tuple[Place, ...] = (),
) -> Diagnostic:
    entry, pointer = where
    return Diagnostic(entry.file, pointer, code, severity, message, related=related)


def _error(
    where: tuple[Entry, str], code: Code, message: str, related: tuple[Place, ...] = ()
) -> Diagnostic:
    return _diag(where, code, Severity.ERROR, message, related)


def _warning(
    where: tuple[Entry, str], code: Code, message: str, related: tuple[Place, ...] = ()
) -> Diagnostic:
    return _diag(where, code, Severity.WARNING, message, related)


def _place(entry: Entry, *parts: str | int) -> Place:
    return Place(entry.file, entry.pointer + pointer_of(parts))


# Errors ---------------------------------------------------------------------------------


def duplicate_ids(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """An id names one record across the whole ledger."""
    for entry in ledger.entries:
        first = ledger.by_id[entry.record.id]
        if first is not entry:
            yield _error(
                _at(entry, "id"),
                "duplicate-id",
                f"id {entry.record.id!r} is already used by another record: choose a new id",
                (_place(first, "id"),),
            )


def _references(entry: Entry) -> Iterator[tuple[FieldPath, str, Target]]:
    """Each id the record mentions: where (as pointer parts), the id, and what it must name."""
    for reference in REFERENCES_OF.get(type(entry.record), ()):
        for parts, target_id in reference.ids(entry.record):
            yield parts, target_id, reference.target


def references_resolve(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Every id a record mentions names an existing record of the right type and kind."""
    for entry in ledger.entries:
        for parts, target_id, expected in _references(entry):
            target = ledger.by_id.get(target_id)
            if target is None and target_id in ledger.rejected_ids:
                continue  # the record exists but is invalid; its own errors say why
            if target is None:
                candidates = [e.record.id for e in ledger.entries if expected.accepts(e.record)]
                yield _error(
                    _at(entry, *parts),
                    "unknown-reference",
                    f"no record has id {target_id!r}{did_you_mean(target_id, candidates)}",
                )
            elif not expected.accepts(target.record):
                yield _error(
                    _at(entry, *parts),
                    "wrong-reference",
                    f"{parts[0]!r} must name {expected.noun}, but {target_id!r} is "
                    f"{_describe(target.record)}",
                    (_place(target, "id"),),
                )
            elif target is entry:
                yield _error(
                    _at(entry, *parts), "wrong-reference", "a record cannot refer to itself"
                )


def _describe(record: object) -> str:
    if isinstance(record, Actor):
        return f"a {record.kind.value} actor"
    return f"a {getattr(record, 'type', 'record')}"


def source_texts_readable(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """A source's archived text exists inside the ledger folder and is UTF-8."""
    for source, entry in ledger.of_type(Source):
        if source.text is not None:
            text = texts.get(source.text)
            if isinstance(text, TextProblem):
                yield _error(_at(entry, "text"), text.code, text.message)


def quotes_found(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Each quote occurs in its source's archived text (when the source has one)."""
    readable = _readable_texts(ledger, texts)
    for entry in ledger.entries:
        record = entry.record
        if not isinstance(record, Gift | Agreement):
            continue
        for i, citation in enumerate(record.sources):
            text = readable.get(citation.source)
            if text is not None and not contains_quote(text, citation.quote):
                yield _error(
                    _at(entry, "sources", i, "quote"),
                    "quote-not-found",
                    f"the quote is not in the text of source {citation.source!r}: "
                    "copy the words exactly as the article has them",
                )


def provisions_found(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Each provision's text occurs in the archived text of at least one cited source."""
    readable = _readable_texts(ledger, texts)
    for agreement, entry in ledger.of_type(Agreement):
        available = [readable[c.source] for c in agreement.sources if c.source in readable]
        if not available:
            continue
        for i, provision in enumerate(agreement.provisions):
            if not any(contains_quote(text, provision.text) for text in available):
                yield _error(
                    _at(entry, "provisions", i, "text"),
                    "provision-not-found",
                    f"the text of article {provision.article} is in no cited source's text: "
                    "copy it exactly as a source gives it",
                )


def _readable_texts(ledger: Ledger, texts: SourceTexts) -> dict[str, str]:
    """The normalized archived text of each source id that names a source with one."""
    readable = {}
    for source, entry in ledger.of_type(Source):
        if source.text is not None and ledger.by_id[source.id] is entry:
            text = texts.get(source.text)
            if isinstance(text, str):
                readable[source.id] = text
    return readable


def names_within_count(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """An item never has more names than its count."""
    for gift, entry in ledger.of_type(Gift):
        for i, item in enumerate(gift.items):
            if item.count is not None and len(item.names) > item.count:
                yield _error(
                    _at(entry, "items", i, "names"),
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
            yield _error(
                _at(entry, "until"),
                "loan-until",
                "'until' is the end of a loan, and this gift is not one: "
                "add 'transfer: loan' if it was lent, or remove 'until'",
            )
        elif (end := gift.until.latest) and (start := gift.date.earliest) and end < start:
            yield _error(
                _at(entry, "until"),
                "loan-until",
                f"the loan ends ({gift.until}) before it begins ({gift.date}): "
                "correct the date or 'until'",
                (_place(entry, "date"),),
            )


# Warnings -------------------------------------------------------------------------------


def source_dates_agree(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """The sources of one record do not give dates that cannot both be true."""
    for entry in ledger.entries:
        record = entry.record
        if not isinstance(record, Gift | Agreement):
            continue
        dated = [(i, c.date) for i, c in enumerate(record.sources) if c.date is not None]
        for (i, first), (j, second) in _pairs(dated):
            if not first.overlaps(second):
                a, b = record.sources[i].source, record.sources[j].source
                yield _warning(
                    _at(entry, "sources", j, "date"),
                    "dates-disagree",
                    f"source {b!r} dates this {second}, source {a!r} dates it {first}",
                    (_place(entry, "sources", i, "date"),),
                )
                break


def _pairs(
    items: list[tuple[int, EDTFDate]],
) -> Iterator[tuple[tuple[int, EDTFDate], tuple[int, EDTFDate]]]:
    for n, first in enumerate(items):
        for second in items[n + 1 :]:
            yield first, second


def counts_within_total(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """The counted items of a gift do not add up to more than its total."""
    for gift, entry in ledger.of_type(Gift):
        if gift.total is None:
            continue
        counted = sum(item.count or 0 for item in gift.items)
        if counted > gift.total:
            yield _warning(
                _at(entry, "total"),
                "counts-exceed-total",
                f"the items count {counted} in all, more than the total of {gift.total}",
            )


def gifts_distinct(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """No two gifts share givers, recipients and item with overlapping dates."""
    # Only gifts between the same giver and recipient can look alike: most pairs of actors
    # have one gift, and those need no look at their items.
    by_pair: dict[tuple[frozenset[str], frozenset[str]], list[tuple[Gift, Entry]]]
    by_pair = defaultdict(list)
    for gift, entry in ledger.of_type(Gift):
        by_pair[(frozenset(gift.giver), frozenset(gift.recipient))].append((gift, entry))
    for gifts in by_pair.values():
        if len(gifts) > 1:
            yield from _look_alikes(gifts)


def _look_alikes(gifts: list[tuple[Gift, Entry]]) -> Iterator[Diagnostic]:
    """Look-alike gifts among gifts of one giver to one recipient, in reading order."""
    seen: dict[str, list[tuple[Gift, Entry]]] = defaultdict(list)
    for gift, entry in gifts:
        items = {item.item.casefold() for item in gift.items}
        reported: set[int] = set()
        for item in sorted(items):
            for other, other_entry in seen[item]:
                if id(other) not in reported and gift.date.overlaps(other.date):
                    reported.add(id(other))
                    yield _warning(
                        _at(entry, "id"),
                        "possible-duplicate",
                        f"gift {gift.id!r} looks like {other.id!r}: same giver, recipient and "
                        "item at overlapping dates; merge them and cite both sources",
                        (_place(other_entry, "id"),),
                    )
            seen[item].append((gift, entry))


def records_referenced(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Every actor and source is referred to by some record."""
    referenced = {target for entry in ledger.entries for _, target, _ in _references(entry)}
    referenced |= ledger.rejected_references
    for entry in ledger.entries:
        record = entry.record
        if isinstance(record, Actor | Source) and record.id not in referenced:
            yield _warning(
                _at(entry, "id"),
                "unreferenced",
                f"no gift or agreement refers to {record.type} {record.id!r}",
            )


def gift_not_after_reports(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """A gift is not dated after every dated source that reports it was published."""
    published_by = {
        source.id: source.published.latest
        for source, entry in ledger.of_type(Source)
        if ledger.by_id[source.id] is entry and source.published and source.published.latest
    }
    for gift, entry in ledger.of_type(Gift):
        if gift.date.earliest is None:
            continue
        published = [day for c in gift.sources if (day := published_by.get(c.source)) is not None]
        if published and gift.date.earliest > max(published):
            yield _warning(
                _at(entry, "date"),
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
    records_referenced,
    gift_not_after_reports,
)
"""Every check, errors first; `run_checks` runs those that read texts last (`READING_TEXTS`)."""

READING_TEXTS = frozenset({source_texts_readable, quotes_found, provisions_found})
"""The checks that read archived texts, which may still be loading when the checks start."""


def run_checks(ledger: Ledger, texts: SourceTexts) -> list[Diagnostic]:
    """Every check's diagnostics (in no promised order: `locate` sorts them)."""
    return [
        diagnostic
        for check in texts_last(CHECKS, READING_TEXTS)
        for diagnostic in check(ledger, texts)
    ]
