"""Places in a record file, and the located problem that stops reading one.

Shared by the YAML and JSON readers: a `Position` is where a value (and its key) starts,
a `ReadError` carries the diagnostic that ends reading a file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..diagnostics import Code

__all__ = ["Position", "ReadError", "line_column", "line_starts"]


@dataclass(frozen=True, slots=True)
class Position:
    """Where a value (and, in a mapping, its key) starts: 1-based line and column."""

    line: int
    column: int
    key_line: int
    key_column: int


class ReadError(Exception):
    """Stops reading one file; carries the located diagnostic to report."""

    def __init__(self, code: Code, message: str, pointer: str, line: int, column: int) -> None:
        super().__init__(message)
        self.code, self.pointer, self.line, self.column = code, pointer, line, column


def line_starts(text: str) -> list[int]:
    """Where each line starts; lines end at CRLF, CR or LF, as people's editors see them."""
    return [0, *(match.end() for match in re.finditer(r"\r\n?|\n", text))]


def line_column(line_starts: list[int], index: int) -> tuple[int, int]:
    """The 1-based line and column of a character index."""
    line = bisect.bisect_right(line_starts, index)
    return line, index - line_starts[line - 1] + 1
