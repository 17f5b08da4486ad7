"""One record as readable text, with everything in the ledger that refers to it.

An actor shows the gifts it gave and received and the agreements it is party to or signed;
a source shows what cites it, with the quotes; a gift or agreement shows the names behind
its ids, its sources with their quotes, and the records it is related to or that refer to
it. Records with errors are not in the ledger and cannot be shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .anchors import Anchors
from .diagnostics import did_you_mean
from .edtf import EDTFDate
from .errors import LedgerError
from .escape import escape_line
from .ledger import Entry, Ledger
from .models import (
    Actor,
    Agreement,
    Citation,
    Gift,
    Item,
    Source,
    Transfer,
)
from .passages import passage_lines
from .read import positions
from .references import REFERENCES, REFERENCES_OF, Reference
from .tables.values import amount_text, day

__all__ = ["UnknownIdError", "describe"]

Record = Actor | Source | Gift | Agreement


class UnknownIdError(LedgerError):
    """No valid record has the id asked for; the message names the nearest one."""


@dataclass(frozen=True, slots=True)
class _Reference:
    """A gift or agreement that refers to the record shown, and in which field."""

    record: Gift | Agreement
    role: Reference
    citation: Citation | None = None


def describe(ledger: Ledger, record_id: str, anchors: Anchors | None = None) -> str:
    """The record with this id and what refers to it, as lines of text; given the anchors
    of the ledger's quotes, a gift's or agreement's quotes inside their passages.

    Raises UnknownIdError when no valid record has the id.
    """
    entry = ledger.by_id.get(record_id) or _found(ledger, record_id)
    record: Record = entry.record
    lines = [f"{record.type} {record.id} ({_place(entry)})"]
    lines += [f"  {line}" for line in _fields(ledger, record, anchors)]
    references = sorted(_references_to(ledger, record.id), key=_when)
    for section in REFERENCES:
        found = [reference for reference in references if reference.role is section]
        if found:
            lines += ["", f"{section.shown_as} ({len(found)}):"]
            lines += [f"  {line}" for r in found for line in _reference_lines(ledger, r)]
    if not references and not isinstance(record, Gift | Agreement):
        lines += ["", "no gift or agreement refers to it"]
    return "\n".join(map(escape_line, lines)) + "\n"


def _found(ledger: Ledger, query: str) -> Entry:
    """The one record that a name, an alias or an item's name (any case) names."""
    if query in ledger.rejected_ids:
        raise UnknownIdError(
            f"record {query!r} has errors and is not in the ledger: "
            "run `ledger validate` to see them"
        )
    wanted = query.casefold()
    found = [e for e in ledger.entries if wanted in (n.casefold() for n in _names(e.record))]
    if len(found) == 1:
        return found[0]
    if found:
        ids = ", ".join(e.record.id for e in found)
        raise UnknownIdError(f"{query!r} names {len(found)} records: {ids}: give one id")
    names = list(ledger.by_id) + [n for e in ledger.entries for n in _names(e.record)]
    hint = did_you_mean(query, names)
    raise UnknownIdError(f"no record has the id, name, alias or item {query!r}{hint}")


def _names(record: Record) -> list[str]:
    """What a record can be found by besides its id."""
    if isinstance(record, Actor):
        return [n for n in (record.name, record.role, *record.aliases) if n]
    if isinstance(record, Gift):
        return [name for item in record.items for name in (item.item, *item.names)]
    return [record.title]


def _place(entry: Entry) -> str:
    position = positions(entry.file, [entry.pointer]).get(entry.pointer)
    if position is None:
        return str(entry.file)
    return f"{entry.file}:{position.line}:{position.column}"


def _fields(ledger: Ledger, record: Record, anchors: Anchors | None) -> Iterator[str]:
    if isinstance(record, Actor):
        yield from _pairs(
            ("kind", record.kind.value),
            ("name", record.name),
            ("role", record.role),
            ("country", record.country),
            ("wikidata", record.wikidata),
            ("aliases", ", ".join(record.aliases)),
        )
    elif isinstance(record, Source):
        yield from _pairs(
            ("title", record.title),
            ("publisher", record.publisher),
            ("author", record.author),
            ("published", _date(record.published)),
            ("url", record.url),
            ("language", record.language),
            ("text", record.text),
        )
    elif isinstance(record, Gift):
        yield from _pairs(
            ("giver", _actors(ledger, record.giver)),
            ("recipient", _actors(ledger, record.recipient)),
            ("transfer", "loan" if record.transfer is Transfer.LOAN else None),
            ("until", _date(record.until) if record.until else None),
            ("date", _date(record.date)),
        )
        yield "items:"
        yield from (f"  {n}. {_item(item)}" for n, item in enumerate(record.items, start=1))
        value = record.value
        yield from _pairs(
            ("total", record.total),
            ("value", f"{amount_text(value.amount)} {value.currency}" if value else None),
            ("occasion", record.occasion),
        )
    else:
        yield from _pairs(
            ("title", record.title),
            ("parties", _actors(ledger, record.parties)),
            ("signatories", _actors(ledger, record.signatories)),
            ("date", _date(record.date)),
            ("place", record.place),
            ("obligations", ", ".join(o.value for o in record.obligations)),
            ("topics", ", ".join(record.topics)),
        )
        if record.provisions:
            yield "provisions:"
            for provision in record.provisions:
                yield f"  article {provision.article}: {_quoted(provision.text)}"
    if isinstance(record, Gift | Agreement):
        yield from _pairs(("related", ", ".join(_label(ledger, i) for i in record.related)))
        yield "sources:"
        for n, citation in enumerate(record.sources, start=1):
            yield f"  {n}. {_label(ledger, citation.source)}"
            if citation.date is not None:
                yield f"     dated {_date(citation.date)}"
            yield f"     {_quoted(citation.quote)}"
            yield from _passage(ledger, citation, anchors)
    yield from _pairs(("notes", record.notes))


def _passage(ledger: Ledger, citation: Citation, anchors: Anchors | None) -> Iterator[str]:
    """The quote inside its passage of the source's archived text, if it has one."""
    source = ledger.record(citation.source)
    if anchors is None or not isinstance(source, Source) or source.text is None:
        return
    text = anchors.text_of(citation.source)
    anchor = anchors.of(citation)
    if text is None or anchor is None:
        yield f"     not found in {source.text}: `ledger validate` says why"
        return
    yield f"     in {source.text}:"
    yield from (f"       {line}" for line in passage_lines(text, anchor))


def _pairs(*pairs: tuple[str, Any]) -> Iterator[str]:
    for name, value in pairs:
        if value not in (None, ""):
            yield f"{name}: {value}"


def _date(value: EDTFDate | None) -> str | None:
    """A date as written, with its first and last possible day unless it is one day."""
    if value is None:
        return None
    earliest, latest = day(value, "earliest"), day(value, "latest")
    if earliest is None and latest is None:
        return f"{value.text} (unknown)"
    if earliest == latest == value.text:
        return value.text
    return f"{value.text} ({earliest or '..'} to {latest or '..'})"


def _quoted(text: str) -> str:
    return f'"{text}"'


def _item(item: Item) -> str:
    parts = [f"{item.item} ({item.category.value})"]
    if item.count is not None:
        parts.append(f"count {item.count}")
    if item.names:
        parts.append(f"names {', '.join(item.names)}")
    if item.wikidata:
        parts.append(f"wikidata {item.wikidata}")
    return ", ".join(parts)


def _actor(ledger: Ledger, actor_id: str) -> str:
    actor = ledger.record(actor_id)
    return f"{actor.label} ({actor_id})" if isinstance(actor, Actor) else actor_id


def _actors(ledger: Ledger, ids: Sequence[str]) -> str:
    return ", ".join(_actor(ledger, actor_id) for actor_id in ids)


def _label(ledger: Ledger, record_id: str) -> str:
    """An id with what it names: ``putin-gets-dogs (source: Putin gets a pair of dogs)``."""
    record = ledger.record(record_id)
    if isinstance(record, Actor):
        return f"{record_id} (actor: {record.label})"
    if isinstance(record, Source | Agreement):
        return f"{record_id} ({record.type}: {record.title})"
    if isinstance(record, Gift):
        return f"{record_id} (gift: {_items(record)})"
    return record_id


def _items(gift: Gift) -> str:
    return ", ".join(
        item.item if item.count is None else f"{item.item} ({item.count})" for item in gift.items
    )


def _references_to(ledger: Ledger, record_id: str) -> Iterator[_Reference]:
    for entry in ledger.entries:
        record = entry.record
        for reference in REFERENCES_OF.get(type(record), ()):
            if reference.key is None:  # an id in a field, or in its list: once
                if any(target == record_id for _, target in reference.ids(record)):
                    yield _Reference(record, reference)
                continue
            for item in getattr(record, reference.field):  # each citation of it
                if getattr(item, reference.key) == record_id:
                    yield _Reference(record, reference, item)


def _when(reference: _Reference) -> tuple[bool, date]:
    """Sorts by the earliest day a record can be dated, the undated last."""
    when = reference.record.date.earliest or reference.record.date.latest
    return when is None, when or date.max


def _reference_lines(ledger: Ledger, reference: _Reference) -> Iterator[str]:
    record = reference.record
    if isinstance(record, Gift):
        yield (
            f"{record.date.text}  gift {record.id}: {_items(record)}, "
            f"from {_actors(ledger, record.giver)} to {_actors(ledger, record.recipient)}"
        )
    else:
        yield f"{record.date.text}  agreement {record.id}: {record.title}"
    if reference.citation is not None:
        yield f"  {_quoted(reference.citation.quote)}"
