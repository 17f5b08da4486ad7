"""A worksheet's rows written as SpreadsheetML text: the cells of the workbook export.

openpyxl makes a cell object and an XML element for every value it writes, which was most
of the time of a workbook of 300,000 cells. `SheetData` writes each row as one string
instead, in the form openpyxl writes it (``<row r="2"><c r="A2" t="inlineStr">...``), into
a temporary file that becomes the body of the sheet's ``<sheetData>``; openpyxl still
writes everything around it. Each kind of column has its cell:

- text (`Kind.CODE`, `Kind.TEXT`): an inline string, ``t="inlineStr"``, never a formula,
  whatever it starts with; ``xml:space="preserve"`` keeps leading and trailing spaces;
- numbers (`Kind.INTEGER`, `Kind.AMOUNT`): a number cell;
- days (`Kind.DAY`, and `Kind.DATE` where it names one exact day): a date cell, the day's
  serial number in the date style the workbook gives it; other EDTF dates are text.

Excel refuses control characters other than tab, line feed and carriage return in a
cell, and holds at most 32,767 characters in one: `cell_text` shows such characters as
U+FFFD (as it does the two code points XML forbids, U+FFFE and U+FFFF) and cuts longer
text, with a note saying so at the cut.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import IO, Any

from ..edtf import EDTFDate, Precision, parse_edtf
from .gift_rows import Kind

__all__ = ["MAX_CELL_TEXT", "SheetData", "cell_text"]

MAX_CELL_TEXT = 32_767
"""Excel's limit on the characters of one cell."""

_CUT_NOTE = " [… cut here: a spreadsheet cell holds at most 32,767 characters]"
# What a cell cannot hold: C0 controls but tab, line feed and carriage return (Excel), the
# noncharacters U+FFFE and U+FFFF (XML), and lone surrogates (UTF-8).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_ROWS_PER_WRITE = 500


def cell_text(text: str) -> str:
    """Text as a cell can hold it: control characters shown as U+FFFD, cut at the limit."""
    if not text.isprintable():  # the usual text goes straight through
        text = _ILLEGAL.sub("\ufffd", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - len(_CUT_NOTE)] + _CUT_NOTE
    return text


def _escaped(text: str) -> str:
    """A cell's text as XML character data."""
    if text.isprintable():  # the usual text: no control character, no carriage return
        if len(text) > MAX_CELL_TEXT:
            text = cell_text(text)
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = cell_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")  # else a reader takes it for a line feed


def _text_cell(ref: str, value: str) -> str:
    if not value:
        return ""
    text = _escaped(value)
    if value.strip() != value:  # as openpyxl: else a reader may drop the spaces
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _number_cell(ref: str, value: int | float) -> str:
    return f'<c r="{ref}"><v>{value!r}</v></c>'


_CellWriter = Callable[[str, Any], str]


class SheetData:
    """The rows of one worksheet below its header, each a row of typed cells.

    `append` takes a row as a mapping of column name -> value, as the ledger's row makers
    give it, and writes it into file (a temporary file); `copy_to` writes the rows written
    so far as the body of ``<sheetData>``. letters name the columns (``A``, ``B``, ...),
    date_style is the index of the workbook's cell style for dates.
    """

    def __init__(
        self,
        columns: Sequence[tuple[str, Kind]],
        letters: Sequence[str],
        date_style: int,
        file: IO[bytes],
    ) -> None:
        self.last_row = 1  # the header, which openpyxl writes
        self._date_style = date_style
        writers: dict[Kind, _CellWriter] = {
            Kind.CODE: _text_cell,
            Kind.TEXT: _text_cell,
            Kind.DATE: self._date_cell,
            Kind.DAY: self._day_cell,
            Kind.INTEGER: _number_cell,
            Kind.AMOUNT: _number_cell,
        }
        self._cells = [
            (name, letter, writers[kind])
            for (name, kind), letter in zip(columns, letters, strict=True)
        ]
        self._file = file
        self._pending: list[str] = []

    def append(self, row: Mapping[str, Any]) -> None:
        self.last_row += 1
        number = str(self.last_row)
        cells = [f'<row r="{number}">']
        for name, letter, cell in self._cells:
            value = row[name]
            if value is not None:
                cells.append(cell(letter + number, value))
        cells.append("</row>")
        self._pending.append("".join(cells))
        if len(self._pending) == _ROWS_PER_WRITE:
            self._flush()

    def extend(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.append(row)

    def copy_to(self, stream: IO[bytes]) -> None:
        """Write the rows (the body of ``<sheetData>``) into stream."""
        self._flush()
        self._file.seek(0)
        shutil.copyfileobj(self._file, stream, 1 << 20)

    def _flush(self) -> None:
        self._file.write("".join(self._pending).encode())
        self._pending.clear()

    def _day_cell(self, ref: str, value: date | str) -> str:
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return f'<c r="{ref}" s="{self._date_style}"><v>{_serial(day)}</v></c>'

    def _date_cell(self, ref: str, value: EDTFDate | str) -> str:
        exact = _exact_day(value)
        if exact is not None:
            return self._day_cell(ref, exact)
        return _text_cell(ref, value if isinstance(value, str) else value.text)


_EPOCH = date(1899, 12, 30).toordinal()
"""Day 0 of Excel's serial numbers: a day is its number of days since."""
_LEAP_BUG = 60
"""Excel counts a 29 February 1900 that never was: serial numbers up to it are a day off."""


def _serial(day: date) -> int:
    """The day's serial number in a spreadsheet (before 1900 a negative one, as openpyxl
    writes it: it reads it back, though Excel shows no date before 1900)."""
    serial = day.toordinal() - _EPOCH
    return serial - 1 if 0 < serial <= _LEAP_BUG else serial


def _exact_day(value: EDTFDate | str) -> date | None:
    """The day an EDTF date names exactly, if it names one."""
    if isinstance(value, str):
        value = parse_edtf(value)
    if value.precision is Precision.DAY and not value.qualified and not value.is_interval:
        return value.earliest
    return None
