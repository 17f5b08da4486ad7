"""One flat CSV table for spreadsheets: a row per item of each gift.

A gift of dogs, rice wine and a portrait is three rows that repeat the gift's own
columns (date, giver, recipient, total, value, occasion, sources), so count the gift's
value or total once per gift (``item_number`` 1). Several values in one cell (names,
source titles, quotes) are joined with `` | ``; the n-th title goes with the n-th quote.

Free text that a spreadsheet would run as a formula (a cell starting with ``=``, ``+``,
``-``, ``@``, a tab, a carriage return or a line feed) is prefixed with ``'``, as the OWASP
guidance on CSV injection advises. Ids, dates, codes and numbers are never prefixed: the
record contract keeps them from starting with those characters.
"""

from __future__ import annotations

from typing import BinaryIO

from ..ledger import Ledger
from ..models import Gift, Source
from ..tables.flat import COLUMNS, FORMULA_STARTS, neutralize
from ..tables.values import LIST_SEPARATOR, Cell, actors_joined, amount_text, day
from ..validate import LoadedLedger
from .options import ExportOptions
from .streams import CsvTable

__all__ = ["COLUMNS", "FORMULA_STARTS", "neutralize", "write"]


def write(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
    """The gifts of the ledger as one CSV table with a header row, in reading order.

    Each row is written as it is made.
    """
    ledger = loaded.ledger
    table = CsvTable(stream, COLUMNS)
    actor_cells = _ActorCells(ledger)
    for gift, _entry in ledger.of_type(Gift):
        sources = [ledger.record(citation.source) for citation in gift.sources]
        titles = [source.title if isinstance(source, Source) else "" for source in sources]
        shared: dict[str, Cell] = {
            "gift_id": gift.id,
            "date": gift.date.text,
            "date_earliest": day(gift.date, "earliest"),
            "date_latest": day(gift.date, "latest"),
            **actor_cells.of("giver", gift.giver),
            **actor_cells.of("recipient", gift.recipient),
            "transfer": gift.transfer.value,
            "until": gift.until.text if gift.until else None,
            "total": gift.total,
            "value_amount": amount_text(gift.value.amount) if gift.value else None,
            "value_currency": gift.value.currency if gift.value else None,
            "occasion": neutralize(gift.occasion),
            "source_ids": LIST_SEPARATOR.join(c.source for c in gift.sources),
            "source_titles": neutralize(LIST_SEPARATOR.join(titles)),
            "quotes": neutralize(LIST_SEPARATOR.join(c.quote for c in gift.sources)),
            "notes": neutralize(gift.notes),
        }
        for number, item in enumerate(gift.items, start=1):
            cells: dict[str, Cell] = {
                **shared,
                "item_number": number,
                "item": neutralize(item.item),
                "category": item.category.value,
                "count": item.count,
                "names": neutralize(LIST_SEPARATOR.join(item.names)) or None,
                "item_wikidata": item.wikidata,
            }
            table.write([cells[column] for column in COLUMNS])


class _ActorCells:
    """The cells of a gift's givers or recipients; a lone actor's worked out once per role,
    as the gifts name the same actors over and over (at most two per actor are kept)."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger
        self._lone: dict[tuple[str, str], dict[str, Cell]] = {}

    def of(self, role: str, actor_ids: tuple[str, ...]) -> dict[str, Cell]:
        """The cells, ``giver_id`` to ``giver_country_name`` (say); not to be changed."""
        if len(actor_ids) != 1:
            return _actor_cells(self._ledger, role, actor_ids)
        key = (role, actor_ids[0])
        cells = self._lone.get(key)
        if cells is None:
            cells = self._lone[key] = _actor_cells(self._ledger, role, actor_ids)
        return cells


def _actor_cells(ledger: Ledger, role: str, actor_ids: tuple[str, ...]) -> dict[str, Cell]:
    joined = actors_joined(ledger, actor_ids)
    cells: dict[str, Cell] = {f"{role}_{column}": value for column, value in joined.items()}
    cells[f"{role}_name"] = neutralize(joined["name"])
    return cells
