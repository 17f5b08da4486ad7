"""One row per gift, its parties and sources resolved: the columns declared once.

The gift-level CSV (``csv-gifts``) and the workbook's gifts sheet both write these rows;
each column says what kind of value it holds, and each format writes each kind its way
(a spreadsheet gets a real date where the CSV has ISO text, say).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum

from ..edtf import EDTFDate
from ..ledger import Ledger
from ..models import Gift, Source
from ..tables.values import LIST_SEPARATOR, actors_joined

__all__ = ["GIFT_COLUMNS", "GiftColumn", "Kind", "gift_rows", "item_label"]


class Kind(Enum):
    """What a column holds, which decides how a format writes it."""

    CODE = "code"
    """Ids, country and currency codes, categories: text the contract keeps plain."""
    TEXT = "text"
    """Free text, which a spreadsheet must never run as a formula."""
    DATE = "date"
    """An EDTF date as written (an `EDTFDate`)."""
    DAY = "day"
    """A calendar day (`datetime.date`), the first or last a date may be."""
    INTEGER = "integer"
    AMOUNT = "amount"
    """An amount as the source gives it (int or float)."""


@dataclass(frozen=True, slots=True)
class GiftColumn:
    """A column of the gift-level table: its name, kind and what it means."""

    name: str
    kind: Kind
    description: str


def _column(name: str, kind: Kind, description: str) -> GiftColumn:
    return GiftColumn(name, kind, description)


GIFT_COLUMNS: tuple[GiftColumn, ...] = (
    _column("gift_id", Kind.CODE, "the gift's id"),
    _column("date", Kind.DATE, "the gift's EDTF date as written"),
    _column("date_earliest", Kind.DAY, "the first day it may have been; empty if open"),
    _column("date_latest", Kind.DAY, "the last day it may have been; empty if open"),
    _column("giver_id", Kind.CODE, "the giver's id"),
    _column("giver_name", Kind.TEXT, "the giver's name, or role when it has no name"),
    _column("giver_country", Kind.CODE, "the giver's country, ISO 3166-1 alpha-3"),
    _column("giver_country_name", Kind.TEXT, "the name of the giver's country"),
    _column("recipient_id", Kind.CODE, "the recipient's id"),
    _column("recipient_name", Kind.TEXT, "the recipient's name, or role"),
    _column("recipient_country", Kind.CODE, "the recipient's country"),
    _column("recipient_country_name", Kind.TEXT, "the name of the recipient's country"),
    _column("transfer", Kind.CODE, "gift, or loan: lent for a time, still the giver's"),
    _column("until", Kind.DATE, "when a loan ends or ended, EDTF; empty for a gift"),
    _column("items", Kind.TEXT, "what was given, `2 × Pungsan dog`, joined with ` | `"),
    _column("categories", Kind.CODE, "the items' categories, each once, joined with ` | `"),
    _column("things", Kind.INTEGER, "the sum of the items' counts; empty if none is given"),
    _column("total", Kind.INTEGER, "the number of things given in all, as the source says"),
    _column("value_amount", Kind.AMOUNT, "the gift's estimated value"),
    _column("value_currency", Kind.CODE, "its currency, ISO 4217"),
    _column("occasion", Kind.TEXT, "the gift's occasion"),
    _column("source_ids", Kind.CODE, "the cited sources' ids, joined with ` | `"),
    _column("source_titles", Kind.TEXT, "their titles, in the same order"),
    _column("quotes", Kind.TEXT, "the quotes, in the same order"),
    _column("notes", Kind.TEXT, "the gift's notes"),
)

Value = str | int | float | EDTFDate | date | None
"""A value of a gift row before a format writes it; days are `datetime.date`."""


def item_label(count: int | None, item: str) -> str:
    """An item as a reader says it: its count, a multiplication sign and the item, or the
    item alone where no count is given."""
    return item if count is None else f"{count} × {item}"


def gift_rows(ledger: Ledger) -> Iterator[dict[str, Value]]:
    """Each gift of the ledger as one row (column name -> value), in reading order."""
    for gift, _entry in ledger.of_type(Gift):
        yield _row(ledger, gift)


def _row(ledger: Ledger, gift: Gift) -> dict[str, Value]:
    givers, recipients = actors_joined(ledger, gift.giver), actors_joined(ledger, gift.recipient)
    counts = [item.count for item in gift.items if item.count is not None]
    titles = []
    for citation in gift.sources:
        source = ledger.record(citation.source)
        titles.append(source.title if isinstance(source, Source) else "")
    categories = dict.fromkeys(item.category.value for item in gift.items)
    return {
        "gift_id": gift.id,
        "date": gift.date,
        "date_earliest": gift.date.earliest,
        "date_latest": gift.date.latest,
        **{f"giver_{column}": value for column, value in givers.items()},
        **{f"recipient_{column}": value for column, value in recipients.items()},
        "transfer": gift.transfer.value,
        "until": gift.until,
        "items": LIST_SEPARATOR.join(item_label(item.count, item.item) for item in gift.items),
        "categories": LIST_SEPARATOR.join(categories),
        "things": sum(counts) if counts else None,
        "total": gift.total,
        "value_amount": gift.value.amount if gift.value else None,
        "value_currency": gift.value.currency if gift.value else None,
        "occasion": gift.occasion,
        "source_ids": LIST_SEPARATOR.join(citation.source for citation in gift.sources),
        "source_titles": LIST_SEPARATOR.join(titles),
        "quotes": LIST_SEPARATOR.join(citation.quote for citation in gift.sources),
        "notes": gift.notes,
    }
