"""One flat CSV table for spreadsheets: a row per gift (`gift_rows.GIFT_COLUMNS`).

Sum its columns freely: each gift is one row, so that its value and total count once
(the ``csv`` format has a row per item and repeats them). What was given is one cell,
each item's count and name joined, and ``things`` adds up the items' counts. Free text is
made safe for spreadsheets as in the ``csv`` format (`table.neutralize`).
"""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from ..edtf import EDTFDate
from ..tables.flat import neutralize
from ..tables.values import Cell, amount_text
from ..validate import LoadedLedger
from .gift_rows import GIFT_COLUMNS, Kind, Value, gift_rows
from .options import ExportOptions
from .streams import CsvTable

__all__ = ["write"]


def write(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
    """The gifts of the ledger as one CSV table with a header row, one row per gift."""
    table = CsvTable(stream, [column.name for column in GIFT_COLUMNS])
    for row in gift_rows(loaded.ledger):
        table.write([_cell(row[column.name], column.kind) for column in GIFT_COLUMNS])


def _cell(value: Value, kind: Kind) -> Cell:
    if value is None:
        return None
    if isinstance(value, EDTFDate):
        return value.text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return amount_text(value)
    if kind is Kind.TEXT and isinstance(value, str):
        return neutralize(value)
    return value
