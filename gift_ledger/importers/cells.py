"""Reading the CSV tables of an export back: rows with their place, cells as typed text.

Tables are RFC 4180 CSV in UTF-8 (a byte order mark, as spreadsheets write one, is fine).
An empty cell is no value. Columns are found by their header, in any order; a column the
table does not have is refused, and so is a missing one, except the derived columns
(``*_earliest``, ``*_latest``, names and titles copied from other records), which an import
ignores.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..read.limits import MAX_FILE_BYTES
from ..tables.flat import restore
from ..tables.values import LIST_SEPARATOR
from .files import Unreadable, read_regular_file

__all__ = ["Problem", "Row", "read_table", "restore", "split", "whole"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Why something cannot be imported, and where: printed as validate prints problems."""

    place: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: error [{self.code}] {self.message}"


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table: where it starts (``path:line``) and its cells by column."""

    place: str
    cells: dict[str, str | None] = field(default_factory=dict)

    def get(self, column: str) -> str | None:
        return self.cells.get(column)


def read_table(
    path: Path, columns: Sequence[str], derived: Collection[str] = ()
) -> tuple[list[Row], list[Problem]]:
    """The rows of a CSV table with these columns, or the problems that stop reading it."""
    data = read_regular_file(path)
    if isinstance(data, Unreadable):
        return [], [Problem(str(path), data.code, data.message)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(str(path), "encoding", "the table is not UTF-8: save it as CSV UTF-8")]
    # A cell may be as long as a table may be: the csv module's own limit is 131,072.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        return _rows(path, reader, columns, derived)
    except csv.Error as e:
        return [], [Problem(f"{path}:{reader.line_num}", "csv-syntax", f"not CSV: {e}")]


def _rows(
    path: Path, reader: Any, columns: Sequence[str], derived: Collection[str]
) -> tuple[list[Row], list[Problem]]:
    header = next(reader, None)
    if header is None:
        return [], [Problem(f"{path}:1", "missing-field", "the table has no header row")]
    unknown = [name for name in header if name not in columns]
    absent = [name for name in columns if name not in header and name not in derived]
    if unknown or absent or len(set(header)) != len(header):
        what = [f"unknown column {name!r}" for name in unknown]
        what += [f"no column {name!r}" for name in absent]
        what += ["a column named twice"] if len(set(header)) != len(header) else []
        return [], [
            Problem(
                f"{path}:1",
                "missing-field" if absent else "unknown-field",
                f"{'; '.join(what)}: the columns are {', '.join(columns)}",
            )
        ]
    rows, problems = [], []
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(cells):
            continue  # a blank line, as spreadsheets leave at the end
        place = f"{path}:{start}"
        if len(cells) > len(header):
            problems.append(
                Problem(place, "invalid-value", f"{len(cells)} cells in a row of {len(header)}")
            )
            continue
        padded = [*cells, *[""] * (len(header) - len(cells))]
        values = zip(header, padded, strict=True)
        rows.append(Row(place, {name: value or None for name, value in values}))
    return rows, problems


def whole(text: str | None) -> int | str | None:
    """A whole number, or the text as it is (for the models to refuse with a clear message).

    ``2.0`` is 2: pandas writes a column of counts with gaps as floats.
    """
    if text is not None and _WHOLE.fullmatch(text):
        return int(text.partition(".")[0])
    return text


_WHOLE = re.compile(r"[0-9]+(\.0+)?")


def split(text: str | None) -> list[str]:
    """The values joined in one cell of the flat CSV."""
    return text.split(LIST_SEPARATOR) if text is not None else []
