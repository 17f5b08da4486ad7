"""Positions of chosen values in a JSON file, walking only along their pointers.

`locate` asks for the positions of the values that have problems. The walk goes down the
pointers asked for, reads keys and passes over every other value with `json`'s own C
scanner, and stops after the last value asked for: a file costs about what parsing it up to
there costs, not `scan_json`'s pass over every token in Python (16 ms for a file of 100
records). Positions are `scan_json`'s: lines count LF, as `json` does, and
columns count characters; text that is not JSON gets `scan_json`'s.
"""

from __future__ import annotations

import json
import re

from .json import scan_json
from .positions import PointerTree, Position, list_indexes

__all__ = ["json_positions"]

_value_at = json.JSONDecoder().raw_decode
"""The JSON value at an index and the index after it (`json`'s C scanner, where Python has
it): how the walk reads a key and passes over a value."""
_SPACE = re.compile(r"[ \t\n\r]*")


def _space(text: str, index: int) -> int:
    """The index after the JSON whitespace at an index."""
    match = _SPACE.match(text, index)
    return match.end() if match else index


def json_positions(text: str, wanted: PointerTree) -> dict[str, Position]:
    """The positions of the wanted values that the text has, and of their holders, by
    JSON pointer: those `scan_json` gives, found without scanning every token."""
    walk = _Walk(text)
    try:
        walk.value(_space(text, 0), wanted, None, need_end=False)
    except (_NotJsonError, ValueError, IndexError, RecursionError):
        table = scan_json(text)[0]
        return {p: table[p] for p in _pointers(wanted) if p in table}
    return walk.found


def _pointers(node: PointerTree) -> list[str]:
    found, nodes = [], [node]
    while nodes:
        node = nodes.pop()
        found.append(node.pointer)
        nodes += node.children.values()
    return found


class _NotJsonError(Exception):
    """The text is not JSON where the walk went: `scan_json` makes out what it can."""


class _Walk:
    """One walk down a text; positions are noted in the order of the text, so that lines
    are counted once."""

    __slots__ = ("found", "last", "line", "line_start", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, Position] = {}
        self.line, self.line_start, self.last = 1, 0, 0

    def _where(self, index: int) -> tuple[int, int]:
        text, last = self.text, self.last
        breaks = text.count("\n", last, index)
        if breaks:
            self.line += breaks
            self.line_start = text.rfind("\n", last, index) + 1
        self.last = index
        return self.line, index - self.line_start + 1

    def value(
        self, start: int, node: PointerTree, key: tuple[int, int] | None, need_end: bool
    ) -> int:
        """Note the value at `start`, walk into it along the node's children; the index
        after it, or -1 when nothing after it is wanted (`need_end` false)."""
        line, column = self._where(start)
        key_line, key_column = key or (line, column)
        self.found[node.pointer] = Position(line, column, key_line, key_column)
        if node.children:
            char = self.text[start]
            if char == "{":
                return self._object(start, node.children, need_end)
            if char == "[":
                return self._array(start, node.children, need_end)
        return _value_at(self.text, start)[1] if need_end else -1

    def _object(self, start: int, children: dict[str, PointerTree], need_end: bool) -> int:
        text = self.text
        left = dict(children)  # a key given twice is found at its first place, as scan_json
        index = _space(text, start + 1)
        if text[index] == "}":
            return index + 1
        while True:
            if text[index] != '"':
                raise _NotJsonError
            key, after = _value_at(text, index)
            child = left.pop(key, None)
            key_place = self._where(index) if child is not None else None
            index = _space(text, after)
            if text[index] != ":":
                raise _NotJsonError
            index = _space(text, index + 1)
            if child is None:
                index = _value_at(text, index)[1]
            else:
                more = need_end or bool(left)
                index = self.value(index, child, key_place, more)
                if not more:
                    return -1
            index = _space(text, index)
            if text[index] == "}":
                return index + 1
            if text[index] != ",":
                raise _NotJsonError
            index = _space(text, index + 1)

    def _array(self, start: int, children: dict[str, PointerTree], need_end: bool) -> int:
        text = self.text
        left = list_indexes(children)
        index = _space(text, start + 1)
        if text[index] == "]":
            return index + 1
        number = 0
        while True:
            child = left.pop(number, None)
            if child is None:
                index = _value_at(text, index)[1]
            else:
                more = need_end or bool(left)
                index = self.value(index, child, None, more)
                if not more:
                    return -1
            number += 1
            index = _space(text, index)
            if text[index] == "]":
                return index + 1
            if text[index] != ",":
                raise _NotJsonError
            index = _space(text, index + 1)
