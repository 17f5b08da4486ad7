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

openpyxl writes the workbook: its parts, each sheet's header row, frozen pane, widths and
filter; the rows below each header are written as text by `sheet_data.SheetData`, which
takes about a tenth of the time of an openpyxl cell per value.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import IO, Any, BinaryIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from ..models import Gift
from ..tables.package import TABLES, Table
from ..tables.values import LIST_SEPARATOR
from ..validate import LoadedLedger
from .datapackage import Row, RowSink, fill_tables
from .gift_rows import GIFT_COLUMNS, Kind, gift_rows
from .options import ExportError, ExportOptions
from .sheet_data import SheetData, cell_text

__all__ = ["INSTALL_HINT", "SHEETS", "cell_text", "write"]

INSTALL_HINT = "pip install 'gift-ledger[xlsx]'"

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
_DATE_FORMAT = "yyyy-mm-dd"


def write(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
    """Write the ledger as an xlsx workbook into stream."""
    try:
        from openpyxl import Workbook
        from openpyxl.writer.excel import ExcelWriter
    except ImportError as e:
        raise ExportError(f"the xlsx format needs openpyxl: {INSTALL_HINT}") from e

    workbook = Workbook(write_only=True)
    sheets: list[_Sheet] = []  # in the workbook's order
    with ExitStack() as files:

        def new_sheet(title: str, columns: Sequence[tuple[str, Kind]]) -> _Sheet:
            rows = files.enter_context(tempfile.TemporaryFile())
            sheets.append(_Sheet(workbook, title, columns, rows))
            return sheets[-1]

        new_sheet("gifts", [(c.name, c.kind) for c in GIFT_COLUMNS]).extend(
            gift_rows(loaded.ledger)
        )
        new_sheet("items", _ITEM_COLUMNS).extend(_item_rows(loaded))
        package = {
            table.name: new_sheet(table.name, _package_columns(table))
            for table in TABLES
            if table.name in _PACKAGE_SHEETS
        }
        fill_tables(loaded, _Only(package))
        for sheet in sheets:
            sheet.finish()
        # No clock, so that the same ledger gives the same bytes: the document's properties
        # and every member of the zip archive carry one fixed time, the zip format's first
        # day. (`Workbook.save` would set the time it was modified to now.)
        workbook.properties.created = workbook.properties.modified = datetime(*_ZIP_EPOCH)
        with _Archive(stream, sheets) as archive:
            ExcelWriter(workbook, archive).save()
            archive.check_every_sheet_written()


class _Archive(ZipFile):
    """The workbook's zip archive: every member carries the same fixed time, and each sheet
    that openpyxl writes gets its rows from its `SheetData`."""

    def __init__(self, stream: BinaryIO, sheets: Sequence[_Sheet]) -> None:
        super().__init__(stream, "w", ZIP_DEFLATED, allowZip64=True)
        # openpyxl names the sheets' parts by their place in the workbook, from 1.
        self._rows = {
            f"xl/worksheets/sheet{number}.xml": sheet.rows
            for number, sheet in enumerate(sheets, start=1)
        }
        self._written: set[str] = set()

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo_or_arcname = self._member(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        # openpyxl adds each write-only sheet from the temporary file it wrote it to: all of
        # the sheet but its rows below the header, which go in before </sheetData>.
        name = arcname or Path(filename).name
        frame = Path(filename).read_bytes()
        rows = self._rows.get(name)
        head, end, tail = frame.rpartition(b"</sheetData>")
        if rows is None or not end:
            raise RuntimeError(f"openpyxl wrote an unexpected worksheet part {name!r}")
        with self.open(self._member(name), "w") as written:
            written.write(head)
            rows.copy_to(written)
            written.write(end + tail)
        self._written.add(name)

    def check_every_sheet_written(self) -> None:
        missing = sorted(self._rows.keys() - self._written)
        if missing:
            raise RuntimeError(f"openpyxl did not write the worksheets {missing}")

    def _member(self, name: str) -> ZipInfo:
        member = ZipInfo(name, date_time=_ZIP_EPOCH)
        member.compress_type = ZIP_DEFLATED
        return member


class _Sheet:
    """A worksheet: openpyxl writes its header row, frozen pane, widths and filter, and
    `rows` the rows below the header."""

    def __init__(
        self,
        workbook: Any,
        title: str,
        columns: Sequence[tuple[str, Kind]],
        file: IO[bytes],
    ) -> None:
        # Any: the stubs give a write-only worksheet neither its column widths nor its
        # filter, which openpyxl has.
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        worksheet: Any = workbook.create_sheet(title)
        self._sheet = worksheet
        letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
        self._last_column = letters[-1]
        worksheet.freeze_panes = "A2"
        for letter, (name, kind) in zip(letters, columns, strict=True):
            width = max(_WIDTHS.get(kind, 14), len(name) + 2)
            worksheet.column_dimensions[letter].width = width
        worksheet.append([cell_text(name) for name, _kind in columns])
        # The cell style of a date, registered in the workbook as openpyxl registers a style.
        date_cell = WriteOnlyCell(worksheet)
        date_cell.number_format = _DATE_FORMAT
        self.rows = SheetData(columns, letters, date_cell.style_id, file)

    def extend(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.rows.extend(rows)

    def append(self, row: Mapping[str, Any]) -> None:
        self.rows.append(row)

    def finish(self) -> None:
        self._sheet.auto_filter.ref = f"A1:{self._last_column}{self.rows.last_row}"


class _Only(Mapping[str, RowSink]):
    """The data package's tables, of which only some are kept: the others are dropped."""

    def __init__(self, kept: dict[str, _Sheet]) -> None:
        self._kept = kept

    def __getitem__(self, name: str) -> RowSink:
        return self._kept.get(name) or _Dropped()

    def __contains__(self, name: object) -> bool:
        return name in self._kept  # so that no work is done for a table that is dropped

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
