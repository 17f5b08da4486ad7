"""An Excel workbook (openpyxl): gifts, items, actors, sources and citations, typed cells.

Sheets: ``gifts`` (one row per gift, `gift_rows.GIFT_COLUMNS`), ``items`` (one row per
item, its names joined), and ``actors``, ``sources`` and ``citations`` with the data
package's columns. A day is a real date cell; an EDTF date is a real date where it names
one exact day (``2024-06-19``), its text otherwise (``2024-06?``); counts and positions
are whole numbers, amounts numbers, and everything else a text cell. No cell is ever a
formula: text that starts with ``=`` is stored as a text cell, shown as typed, so no
``'`` is needed. Each sheet has a frozen header row, a filter over its columns and
readable column widths.

Excel refuses control characters other than tab, line feed and carriage return in a
cell, and holds at most 32,767 characters in one: such characters are shown as U+FFFD
and longer text is cut, with a note saying so at the cut.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from ..edtf import EDTFDate, Precision
from ..models import Gift
from ..tables.package import TABLES, Table
from ..tables.values import LIST_SEPARATOR
from ..validate import LoadedLedger
from .datapackage import Row, RowSink, fill_tables
from .gift_rows import GIFT_COLUMNS, Kind, gift_rows
from .options import ExportError, ExportOptions

__all__ = ["INSTALL_HINT", "SHEETS", "cell_text", "write"]

INSTALL_HINT = "pip install 'gift-ledger[xlsx]'"

MAX_CELL_TEXT = 32_767
"""Excel's limit on the characters of one cell."""

_CUT_NOTE = " [… cut here: a spreadsheet cell holds at most 32,767 characters]"
# What Excel cannot hold: C0 controls but tab, line feed and carriage return.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_PACKAGE_SHEETS = ("actors", "sources", "citations")
SHEETS = ("gifts", "items", *_PACKAGE_SHEETS)
"""The workbook's sheets, in order."""

_ITEM_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("gift_id", Kind.CODE),
    ("position", Kind.INTEGER),
    ("item", Kind.TEXT),
    ("category", Kind.CODE),
    ("count", Kind.INTEGER),
    ("names", Kind.TEXT),
    ("wikidata", Kind.CODE),
)
_WIDTHS = {Kind.CODE: 18, Kind.TEXT: 40, Kind.DATE: 14, Kind.DAY: 12, Kind.INTEGER: 9}
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def cell_text(text: str) -> str:
    """Text as a cell can hold it: control characters shown as U+FFFD, cut at the limit."""
    if not text.isprintable():  # the usual text goes straight through
        text = _ILLEGAL.sub("\ufffd", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - len(_CUT_NOTE)] + _CUT_NOTE
    return text


def write(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
    """Write the ledger as an xlsx workbook into stream."""
    try:
        from openpyxl import Workbook
        from openpyxl.writer.excel import ExcelWriter
    except ImportError as e:
        raise ExportError(f"the xlsx format needs openpyxl: {INSTALL_HINT}") from e

    workbook = Workbook(write_only=True)
    gifts = _Sheet(workbook.create_sheet("gifts"), [(c.name, c.kind) for c in GIFT_COLUMNS])
    for row in gift_rows(loaded.ledger):
        gifts.append(row)
    items = _Sheet(workbook.create_sheet("items"), _ITEM_COLUMNS)
    for row in _item_rows(loaded):
        items.append(row)
    package = {
        table.name: _Sheet(workbook.create_sheet(table.name), _package_columns(table))
        for table in TABLES
        if table.name in _PACKAGE_SHEETS
    }
    fill_tables(loaded, _Only(package))
    for sheet in (gifts, items, *package.values()):
        sheet.finish()
    # No clock, so that the same ledger gives the same bytes: the document's properties and
    # every member of the zip archive carry one fixed time, the zip format's first day.
    # (`Workbook.save` would set the time it was modified to now.)
    workbook.properties.created = workbook.properties.modified = datetime(*_ZIP_EPOCH)
    with _FixedTimeZip(stream, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()


class _FixedTimeZip(ZipFile):
    """A zip archive whose members all carry the same fixed time, whenever they are added."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo_or_arcname = self._member(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        # openpyxl adds each write-only sheet from the temporary file it wrote it to.
        member = self._member(arcname or Path(filename).name)
        with Path(filename).open("rb") as read, self.open(member, "w") as written:
            shutil.copyfileobj(read, written, 1 << 20)

    def _member(self, name: str) -> ZipInfo:
        member = ZipInfo(name, date_time=_ZIP_EPOCH)
        member.compress_type = ZIP_DEFLATED
        return member


class _Sheet:
    """A write-only worksheet with a header row, that takes rows of typed values."""

    def __init__(self, worksheet: Any, columns: Sequence[tuple[str, Kind]]) -> None:
        # Any: the stubs give a write-only worksheet neither its column widths nor its
        # filter, which openpyxl has.
        from openpyxl.utils import get_column_letter

        self._sheet = worksheet
        self._columns = columns
        self._rows = 1
        self._last_column = get_column_letter(len(columns))
        worksheet.freeze_panes = "A2"
        for index, (name, kind) in enumerate(columns, start=1):
            width = max(_WIDTHS.get(kind, 14), len(name) + 2)
            worksheet.column_dimensions[get_column_letter(index)].width = width
        worksheet.append([self._text(name) for name, _kind in columns])
        converters: dict[Kind, Callable[[Any], Any]] = {
            Kind.CODE: self._text,
            Kind.TEXT: self._text,
            Kind.DATE: self._date,
            Kind.DAY: _day,
            Kind.INTEGER: _number,
            Kind.AMOUNT: _number,
        }
        self._converters = [(name, converters[kind]) for name, kind in columns]

    def append(self, row: dict[str, Any]) -> None:
        self._sheet.append([convert(row[name]) for name, convert in self._converters])
        self._rows += 1

    def extend(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.append(row)

    def finish(self) -> None:
        self._sheet.auto_filter.ref = f"A1:{self._last_column}{self._rows}"

    def _text(self, value: str | None) -> Any:
        if value is None:
            return None
        value = cell_text(value)
        if value[:1] != "=":
            return value
        # openpyxl takes any text that starts with "=" for a formula: say it is text.
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self._sheet, value)
        cell.data_type = "s"
        return cell

    def _date(self, value: EDTFDate | str | None) -> Any:
        if value is None:
            return None
        exact = _exact_day(value)
        if exact is not None:
            return exact  # openpyxl shows a date as yyyy-mm-dd
        return self._text(value if isinstance(value, str) else value.text)


def _day(value: date | str | None) -> date | None:
    """A day as openpyxl writes a date cell (yyyy-mm-dd), from a date or ISO text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _number(value: int | float | None) -> int | float | None:
    return value


class _Only(Mapping[str, RowSink]):
    """The data package's tables, of which only some are kept: the others are dropped."""

    def __init__(self, kept: dict[str, _Sheet]) -> None:
        self._kept = kept

    def __getitem__(self, name: str) -> RowSink:
        return self._kept.get(name) or _Dropped()

    def __iter__(self) -> Iterator[str]:
        return iter(self._kept)

    def __len__(self) -> int:
        return len(self._kept)


class _Dropped:
    def append(self, row: Row) -> None:
        pass

    def extend(self, rows: Iterable[Row]) -> None:
        pass


def _package_columns(table: Table) -> list[tuple[str, Kind]]:
    names = {column.name for column in table.columns}
    kinds = []
    for column in table.columns:
        if column.type == "integer":
            kind = Kind.INTEGER
        elif column.type == "date":
            kind = Kind.DAY
        elif f"{column.name}_earliest" in names:
            kind = Kind.DATE
        elif column.name in ("id", "source_id", "record_id", "language", "country", "kind"):
            kind = Kind.CODE
        else:
            kind = Kind.TEXT
        kinds.append((column.name, kind))
    return kinds


def _exact_day(value: EDTFDate | str) -> date | None:
    """The day an EDTF date names exactly, if it names one."""
    if isinstance(value, str):
        from ..edtf import parse_edtf

        value = parse_edtf(value)
    if value.precision is Precision.DAY and not value.qualified and not value.is_interval:
        return value.earliest
    return None


def _item_rows(loaded: LoadedLedger) -> Iterator[dict[str, Any]]:
    for gift, _entry in loaded.ledger.of_type(Gift):
        for position, item in enumerate(gift.items, start=1):
            yield {
                "gift_id": gift.id,
                "position": position,
                "item": item.item,
                "category": item.category.value,
                "count": item.count,
                "names": LIST_SEPARATOR.join(item.names) or None,
                "wikidata": item.wikidata,
            }
