"""Places in a record file, and the located problem that stops reading one.

Shared by the YAML and JSON readers: a `Position` is where a value (and its key) starts,
a `ReadError` carries the diagnostic that ends reading a file, a `PointerTree` the values
whose positions `locate` asks for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..diagnostics import Code

__all__ = [
    "PointerTree",
    "Position",
    "ReadError",
    "line_column",
    "line_starts",
    "list_indexes",
    "pointer_tree",
]


class Position(NamedTuple):
    """Where a value (and, in a mapping, its key) starts: 1-based line and column.

    A named tuple: a file with a problem in every record has tens of thousands made, and a
    tuple is made in a fifth of the time of a frozen dataclass."""

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


@dataclass(slots=True)
class PointerTree:
    """The values whose positions are wanted, as a tree of JSON pointer tokens.

    Each node is a wanted value, or one that holds a wanted value: its `pointer`, and its
    `children` by reference token, unescaped (``~1`` is ``/``, ``~0`` is ``~``), as a key or
    a list index is written in the file.
    """

    pointer: str
    children: dict[str, PointerTree]


def pointer_tree(pointers: Iterable[str]) -> PointerTree:
    """The tree of these JSON pointers and of every value that holds one of them."""
    root = PointerTree("", {})
    for pointer in pointers:
        node = root
        for token in pointer.split("/")[1:]:
            key = token.replace("~1", "/").replace("~0", "~") if "~" in token else token
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = PointerTree(f"{node.pointer}/{token}", {})
            node = child
    return root


def list_indexes(children: dict[str, PointerTree]) -> dict[int, PointerTree]:
    """The children that a list can hold: those whose token is an index (``0``, ``12``)."""
    return {
        int(token): child
        for token, child in children.items()
        if token.isascii() and token.isdigit() and (token == "0" or token[0] != "0")
    }
