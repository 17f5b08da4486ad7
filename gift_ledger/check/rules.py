"""Checks across records: each is a small function from the ledger to its diagnostics.

Adding a rule means writing one function here and listing it in `CHECKS`. The ledger holds
the partial records too (`gift_ledger.judge`): a field that failed validation is None, or
its default, and a check judges whatever else it can.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from ..diagnostics import Code, Diagnostic, Place, Severity, did_you_mean, pointer_of
from ..edtf import EDTFDate
from ..ledger import Entry, Ledger
from ..models import Actor, Agreement, Gift, Source, Transfer
from ..overlaps import first_disagreement, overlapping_groups
from ..references import REFERENCES_OF, FieldPath, Target
from ..speed import texts_last
from .hints import hint
from .quotes import contains_quote
from .texts import SourceTexts, TextProblem

__all__ = ["CHECKS", "Check", "run_checks"]

Check = Callable[[Ledger, SourceTexts], Iterable[Diagnostic]]
_T = TypeVar("_T")


def _at(entry: Entry, *parts: str | int) -> tuple[Entry, str]:
    return entry, entry.pointer + pointer_of(parts)


def _diag(
    where: tuple[Entry, str],
    code: Code,
    severity: Severity,
    message: str,
    related: tuple[Place, ...] = (),
    *,
    details: tuple[tuple[str, str], ...] = (),
) -> Diagnostic:
    entry, pointer = where
    return Diagnostic(
        entry.file, pointer, code, severity, message, related=related, details=details
    )


def _error(
    where: tuple[Entry, str],
    code: Code,
    message: str,
    related: tuple[Place, ...] = (),
    *,
    details: tuple[tuple[str, str], ...] = (),
) -> Diagnostic:
    return _diag(where, code, Severity.ERROR, message, related, details=details)


def _warning(
    where: tuple[Entry, str], code: Code, message: str, related: tuple[Place, ...] = ()
) -> Diagnostic:
    return _diag(where, code, Severity.WARNING, message, related)


def _each(values: tuple[_T, ...] | None) -> Iterator[tuple[int, _T]]:
    """Each element with its index, but those that failed validation (None)."""
    for i, value in enumerate(values or ()):
        if value is not None:
            yield i, value


def _place(entry: Entry, *parts: str | int) -> Place:
    return Place(entry.file, entry.pointer + pointer_of(parts))


# Errors ---------------------------------------------------------------------------------


def duplicate_ids(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """An id names one record across the whole ledger."""
    for entry in ledger.entries:
        first = ledger.by_id.get(entry.record.id)
        if first is not None and first is not entry:
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
    hints = _Hints(ledger)
    for entry in ledger.entries:
        for parts, target_id, expected in _references(entry):
            target = ledger.by_id.get(target_id)
            if target is None and target_id in ledger.rejected_ids:
                continue  # the record exists but is invalid; its own errors say why
            if target is None:
                yield _error(
                    _at(entry, *parts),
                    "unknown-reference",
                    f"no record has id {target_id!r}{hints.hint(target_id, expected)}",
                )
            elif _undecided(target.record):
                continue  # its kind failed; its own errors say why
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
        for i, citation in _each(record.sources):
            text = readable.get(citation.source)
            if text is not None and citation.quote and not contains_quote(text, citation.quote):
                found = hint(text, citation.quote)
                where = f"the quote is not in the text of source {citation.source!r}"
                yield _error(
                    _at(entry, "sources", i, "quote"),
                    "quote-not-found",
                    f"{where}: {found.message}",
                    details=found.fields(),
                )


def provisions_found(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Each provision's text occurs in the archived text of at least one cited source."""
    readable = _readable_texts(ledger, texts)
    for agreement, entry in ledger.of_type(Agreement):
        available = [
            readable[c.source] for _, c in _each(agreement.sources) if c.source in readable
        ]
        if not available:
            continue
        for i, provision in _each(agreement.provisions):
            if provision.text is None:
                continue
            if not any(contains_quote(t, provision.text, elisions=False) for t in available):
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
        if source.text is not None and ledger.by_id.get(source.id) is entry:
            text = texts.get(source.text)
            if isinstance(text, str):
                readable[source.id] = text
    return readable


def names_within_count(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """An item never has more names than its count."""
    for gift, entry in ledger.of_type(Gift):
        for i, item in _each(gift.items):
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
        dated = [(i, c.date) for i, c in _each(record.sources) if c.date is not None]
        pair = first_disagreement([day for _, day in dated])
        if pair is not None:
            (i, first), (j, second) = dated[pair[0]], dated[pair[1]]
            a, b = record.sources[i].source, record.sources[j].source
            yield _warning(
                _at(entry, "sources", j, "date"),
                "dates-disagree",
                f"source {b!r} dates this {second}, source {a!r} dates it {first}",
                (_place(entry, "sources", i, "date"),),
            )


def counts_within_total(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """The counted items of a gift do not add up to more than its total."""
    for gift, entry in ledger.of_type(Gift):
        if gift.total is None:
            continue
        counted = sum(item.count or 0 for _, item in _each(gift.items))
        if counted > gift.total:
            yield _warning(
                _at(entry, "total"),
                "counts-exceed-total",
                f"the items count {counted} in all, more than the total of {gift.total}",
            )


def gifts_distinct(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """No two gifts share givers, recipients and item with overlapping dates.

    One warning for each group of gifts that overlap, at the last one read, naming the
    others; a gift in two such groups (two items) is warned once per distinct group.
    """
    by_item: dict[tuple[frozenset[str], frozenset[str], str], list[tuple[EDTFDate, int]]]
    by_item = defaultdict(list)
    gifts = [
        (gift, entry)
        for gift, entry in ledger.of_type(Gift)
        if None not in (gift.giver, gift.recipient, gift.date, gift.items)
    ]
    for n, (gift, _) in enumerate(gifts):
        givers, recipients = frozenset(gift.giver), frozenset(gift.recipient)  # any order
        for item in {item.item.casefold() for _, item in _each(gift.items) if item.item}:
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
        yield _warning(
            _at(last[1], "id"),
            "possible-duplicate",
            f"gift {last[0].id!r} looks like {named}{more}: same giver, recipient and item at "
            "overlapping dates; merge them and cite all their sources",
            tuple(_place(entry, "id") for _, entry in others[:MAX_NAMED]),
        )


MAX_NAMED = 5
"""Look-alike gifts named in one warning; the rest are counted."""


def quotes_verifiable(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Each quote is of a source with an archived text, so that it can be proven."""
    for entry in ledger.entries:
        record = entry.record
        if not isinstance(record, Gift | Agreement):
            continue
        for i, citation in _each(record.sources):
            source = ledger.by_id.get(citation.source)
            if source is not None and isinstance(source.record, Source) and not source.record.text:
                yield _warning(
                    _at(entry, "sources", i, "quote"),
                    "quote-unverified",
                    f"source {citation.source!r} has no archived text, so the quote cannot be "
                    "proven: save the article as plain text in the ledger and give the source "
                    "its path as `text`",
                    (_place(source, "id"),),
                )


def records_referenced(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Every actor and source is referred to by some record."""
    referenced = {target for entry in ledger.entries for _, target, _ in _references(entry)}
    referenced |= ledger.rejected_references
    for entry in ledger.entries:
        record = entry.record
        if (
            isinstance(record, Actor | Source)
            and record.id is not None
            and record.id not in referenced
        ):
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
        if ledger.by_id.get(source.id) is entry and source.published and source.published.latest
    }
    for gift, entry in ledger.of_type(Gift):
        if gift.date is None or gift.date.earliest is None:
            continue
        published = [
            day for _, c in _each(gift.sources) if (day := published_by.get(c.source)) is not None
        ]
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
    quotes_verifiable,
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
