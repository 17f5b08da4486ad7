"""How exported values are written, the same way in every format.

Dates travel as the EDTF text plus the earliest and latest possible day, so that
downstream users can sort and filter; amounts as plain decimal text, never in exponent
form (`number` reads them back); actors by their name, or their role when they are known
only by office; the parts of a record, in linked data, by IRIs under their record's.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..edtf import EDTFDate, Precision

if TYPE_CHECKING:
    from ..ledger import Ledger
    from ..models import Actor

__all__ = [
    "LIST_SEPARATOR",
    "Cell",
    "actor_label",
    "actors_joined",
    "amount_text",
    "day",
    "exact_date",
    "number",
    "part_iri",
]

LIST_SEPARATOR = " | "
"""Joins several values in one CSV cell (names, titles, quotes)."""

Cell = str | int | None


def day(value: EDTFDate | None, end: str) -> str | None:
    """The earliest (end="earliest") or latest day of a date as YYYY-MM-DD, or None."""
    if value is None:
        return None
    found = value.earliest if end == "earliest" else value.latest
    return found.isoformat() if found else None


_XSD_BY_PRECISION = {
    Precision.DAY: ("date", 10),
    Precision.MONTH: ("gYearMonth", 7),
    Precision.YEAR: ("gYear", 4),
}


def exact_date(value: EDTFDate) -> tuple[str, str] | None:
    """The XML Schema type and lexical form of a date that is exact at its precision.

    ``2024-06-19`` is an ``xsd:date``, ``2024-06`` an ``xsd:gYearMonth``, ``2012`` an
    ``xsd:gYear``. Uncertain or approximate dates, unspecified digits and intervals have
    no exact value: None.
    """
    if value.is_interval or value.qualified or value.precision is None:
        return None
    xsd_type, length = _XSD_BY_PRECISION[value.precision]
    return xsd_type, value.text[:length]


def amount_text(amount: int | float) -> str:
    """An amount as decimal text: ``650``, ``12.5``, never ``1e+20``."""
    if isinstance(amount, int):
        return str(amount)
    return format(Decimal(repr(amount)), "f")


def actor_label(actor: Actor | None) -> str | None:
    """The name an export shows for an actor: its name, else its role."""
    return actor.label if actor is not None else None


def actors_joined(ledger: Ledger, actor_ids: tuple[str, ...]) -> dict[str, str | None]:
    """The actors of a gift's role (its givers or recipients) as the tables write them: id,
    name, country and country name, each joined with `` | `` in the order written, so that
    the n-th of each belong together; a column with no value at all is None."""
    from ..codes import country_name  # the code list is read only when an export needs it
    from ..models import Actor

    found = [ledger.record(actor_id) for actor_id in actor_ids]
    actors = [actor if isinstance(actor, Actor) else None for actor in found]
    countries = [actor.country if actor else None for actor in actors]
    columns: dict[str, list[str | None]] = {
        "id": list(actor_ids),
        "name": [actor_label(actor) for actor in actors],
        "country": countries,
        "country_name": [country_name(code) if code else None for code in countries],
    }
    return {
        column: LIST_SEPARATOR.join(v or "" for v in values) if any(values) else None
        for column, values in columns.items()
    }


def number(text: str | None) -> int | float | str | None:
    """A decimal amount as the exports write it (``650``, ``12.5``), or the text as it is."""
    if text is None or not text.isascii():
        return text
    if text.isdigit():
        return int(text)
    try:
        value = float(text)
    except ValueError:
        return text
    return value if text.strip() == text and "_" not in text else text


def part_iri(record_iri: str, part: str) -> str:
    """The IRI of a part of a record: ``<record-iri>#item-1``.

    Under a base that ends in ``#`` the record's IRI already has a fragment, so the part
    follows a ``/`` inside it (``...#kim-to-putin/item-1``); a slug holds neither, so a
    part never takes another record's IRI.
    """
    return f"{record_iri}{'/' if '#' in record_iri else '#'}{part}"
