"""Small tables for the terminal: plain aligned text, or rich tables on a terminal.

Plain text is the default wherever a program or a log reads the output: it has no colour
codes and no box drawing, and the same data always gives the same bytes. Rich tables are
drawn only when stdout is a terminal and neither ``NO_COLOR``, ``CI`` nor ``TERM=dumb``
asks for plain output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rich.cells import cell_len

from .escape import escape, escape_line

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["Table", "render_plain", "render_rich", "wants_rich"]

Cell = str | int


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table; columns of whole numbers are aligned right, text left."""

    title: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[Cell, ...]]

    def numeric(self, index: int) -> bool:
        return bool(self.rows) and all(isinstance(row[index], int) for row in self.rows)


class _Stream(Protocol):
    def isatty(self) -> bool: ...


def wants_rich(stream: _Stream, environ: Mapping[str, str]) -> bool:
    """Whether to draw rich tables: on a terminal, unless NO_COLOR, CI or TERM=dumb is set."""
    if "NO_COLOR" in environ or environ.get("CI") or environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def render_plain(tables: Sequence[Table]) -> str:
    """The tables as aligned text: a title, a header, a rule, rows; a blank line between."""
    blocks = []
    for table in tables:
        cells = [table.columns, *(_escaped(row) for row in table.rows)]
        widths = [max(cell_len(row[i]) for row in cells) for i in range(len(table.columns))]
        right = [table.numeric(i) for i in range(len(table.columns))]

        rule = tuple("-" * width for width in widths)
        lines = [_line(row, widths, right) for row in (cells[0], rule, *cells[1:])]
        blocks.append("\n".join([table.title, *lines]))
    return "\n\n".join(blocks) + "\n"


def _line(row: Sequence[str], widths: Sequence[int], right: Sequence[bool]) -> str:
    cells = []
    for cell, width, align_right in zip(row, widths, right, strict=True):
        padding = " " * (width - cell_len(cell))
        cells.append(padding + cell if align_right else cell + padding)
    return "  ".join(cells).rstrip()


def _escaped(row: Sequence[Cell]) -> tuple[str, ...]:
    """A row's cells as inert text; the first starts a line."""
    first, *rest = (str(cell) for cell in row)
    return (escape_line(first), *map(escape, rest))


def render_rich(tables: Sequence[Table], console: Console) -> None:
    """Draw the tables with rich, one after another."""
    from rich.table import Table as RichTable
    from rich.text import Text

    for table in tables:
        # Text, never str: rich reads a str as markup, and `[/]` in a name is an error.
        drawn = RichTable(title=Text(escape(table.title)), title_justify="left")
        for index, column in enumerate(table.columns):
            drawn.add_column(
                Text(escape(column)), justify="right" if table.numeric(index) else "left"
            )
        for row in table.rows:
            drawn.add_row(*(Text(escape(str(cell))) for cell in row))
        console.print(drawn)
