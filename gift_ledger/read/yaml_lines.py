"""Positions of values in YAML lines of the simplest kind, from the text alone.

`yaml_positions` walks a record from the line of its first wanted key, most often a
record's citations::

      sources:
        - source: tass-2024-06-19
          quote: "gave Russia six young Pungsan dogs"

libyaml's events cost about a microsecond each as Python objects, whoever reads them. When
every line from there to the record's end is of the simplest kind, each value whole on its
own line, the lines say all that the events would: `block_positions` places the wanted
values from the lines alone, and gives up (None) at the first line it does not know, for
the events to decide.

The lines it knows, each maybe ending in a comment, with blank and comment lines between:

- ``key:``, its value on the lines below: a mapping or a list more indented, or a list at
  the key's own indentation;
- ``key: value``, ``- key: value`` and ``- key:`` (a list item that is a mapping, whose keys
  are at the column of its first);
- ``- value`` (a list item that is a text).

A key is plain (letters, digits, ``_`` and ``-``). A value is a text quoted with ``"`` or
``'`` that closes on its line, or a plain text that starts with no YAML indicator and holds
no ``: `` or `` #``. So a quoted text that runs over lines, a block text (``|``, ``>``), a
flow collection, an anchor, an alias, a tag, a tab, a key left without a value: each is a
line or a value it does not know.

Given that the first line lies outside any quoted text or flow collection (`yaml_positions`
proves it with libyaml), each known line ends outside one, so the next one starts outside
one too. The structure is then the indentation's, by YAML's block rules: a mapping's keys
share one column, a list's ``-`` share one column, a value on a key's line ends at the line's
end (a more indented line after it would continue a plain text, or be an error: not known).
The positions are libyaml's: a text at its first character (a quoted one at its quote), a
mapping at its first key, a list at its first ``-``.
"""

from __future__ import annotations

import re

from .positions import PointerTree, Position, list_indexes

__all__ = ["block_positions"]

_DOUBLE = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_SINGLE = r"'[^'\n]*+(?:''[^'\n]*+)*+'"
_PLAIN = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`](?:[^\s:#]|:(?=\S)|(?<=\S)\#| +(?=[^\s#]))*+"""
_LINE = re.compile(
    r"(?P<indent> *)(?:(?P<dash>-) +)?"
    r"(?:(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?= |$) *)?"
    rf"(?P<value>{_DOUBLE}|{_SINGLE}|{_PLAIN})? *(?:(?<= )#.*)?"
)


class _UnknownError(Exception):
    """A line, or a layout of lines, that the events must decide."""


# A line: its number, its indentation, whether it starts with "- ", its key and the key's
# column (None and -1 without one), and its value's column (-1 without one); columns 0-based.
_Line = tuple[int, int, bool, str | None, int, int]


def block_positions(
    text: str, start: int, end: int, *, line: int, column: int, keys: dict[str, PointerTree]
) -> dict[str, Position] | None:
    """The positions of the wanted values below these keys of a block mapping at `column`
    (0-based), read from the lines of text[start:end]: the first is that mapping's key at
    `column`, numbered `line`; the lines to `end` are the rest of the mapping. None where a
    line read is not of the kind known here.

    As the events' walk does, it reads no further than the last value wanted: a line below
    cannot change where a value above it starts."""
    block = _Block(text, start, end, line)
    try:
        first = block.peek()
        if first is None or first[1] != column or first[2]:
            return None
        block.mapping(column, keys, item=False, to_end=False)
    except _UnknownError:
        return None
    return block.found


class _Block:
    """The lines of a block, each read when the walk comes to it (`peek`), and the
    positions found."""

    __slots__ = ("end", "found", "number", "pending", "place", "text")

    def __init__(self, text: str, start: int, end: int, line: int) -> None:
        self.text, self.place, self.end, self.number = text, start, end, line
        self.pending: _Line | None = None
        self.found: dict[str, Position] = {}

    def peek(self) -> _Line | None:
        """The next line that is not blank or a comment (None at the block's end), until
        `take` moves past it; `_UnknownError` for a line not of the kinds known."""
        if self.pending is not None:
            return self.pending
        text, end = self.text, self.end
        while self.place < end:
            stop = text.find("\n", self.place, end)
            if stop < 0:
                stop = end
            raw = text[self.place : stop]
            number = self.number
            self.place, self.number = stop + 1, number + 1
            stripped = raw.lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue
            found = _LINE.fullmatch(raw)
            if found is None:
                raise _UnknownError
            key_column, value_column = found.start("key"), found.start("value")
            if key_column < 0 and value_column < 0:
                raise _UnknownError  # "-" alone: its value is on the lines below
            self.pending = (
                number, len(raw) - len(stripped), found.start("dash") >= 0,
                found["key"], key_column, value_column,
            )  # fmt: skip
            return self.pending
        return None

    def take(self) -> None:
        self.pending = None

    def note(
        self, node: PointerTree, line: int, column: int, key_line: int, key_column: int
    ) -> None:
        self.found[node.pointer] = Position(line, column + 1, key_line, key_column + 1)

    def mapping(
        self, column: int, wanted: dict[str, PointerTree] | None, item: bool, to_end: bool
    ) -> None:
        """Read the entries of a mapping whose keys are at `column` (its first on a list
        item's line, if `item`), as far as its last wanted value, or to its end if
        `to_end`: the first line outdented past it."""
        left, seen = dict(wanted) if wanted else {}, set()
        while left or to_end:
            line = self.peek()
            if line is None:
                return
            number, indent, dash, key, key_column, value_column = line
            if item:
                item = False  # the item's own line: its key is the mapping's first
            elif indent < column or (indent == column and dash):
                return  # the mapping ends; what holds it decides what the line is
            elif indent > column or dash:
                raise _UnknownError
            if key is None or key in seen:
                raise _UnknownError  # a text at a key's place; a key given twice
            seen.add(key)
            child = left.pop(key, None)
            self.take()
            if value_column >= 0:
                if child is not None:
                    self.note(child, number, value_column, number, key_column)
            else:
                self.below(column, child, number, key_column, to_end or bool(left))

    def below(
        self, column: int, node: PointerTree | None, key_line: int, key_column: int, to_end: bool
    ) -> None:
        """Read the value of a key at `column` whose line has none: the lines below."""
        line = self.peek()
        if line is None:
            raise _UnknownError  # a key without a value
        number, indent, dash, key, first_key, _ = line
        children = node.children if node is not None else None
        if dash and indent >= column:  # a list, more indented or at the key's column
            if node is not None:
                self.note(node, number, indent, key_line, key_column)
            self.sequence(indent, children, to_end)
        elif indent > column and key is not None and not dash:
            if node is not None:
                self.note(node, number, first_key, key_line, key_column)
            self.mapping(first_key, children, item=False, to_end=to_end)
        else:
            raise _UnknownError  # a key without a value, or a text on the line below

    def sequence(self, column: int, wanted: dict[str, PointerTree] | None, to_end: bool) -> None:
        """Read the items of a list whose ``-`` are at `column`, as far as its last wanted
        item, or to its end if `to_end`."""
        left = list_indexes(wanted) if wanted else {}
        number_of_item = 0
        while left or to_end:
            line = self.peek()
            if line is None:
                return
            number, indent, dash, key, key_column, value_column = line
            if indent < column or (indent == column and not dash):
                return  # the list ends; what holds it decides what the line is
            if indent > column:
                raise _UnknownError
            child = left.pop(number_of_item, None)
            number_of_item += 1
            if key is not None:
                if child is not None:
                    self.note(child, number, key_column, number, key_column)
                children = child.children if child is not None else None
                self.mapping(key_column, children, item=True, to_end=to_end or bool(left))
            else:
                if child is not None:
                    self.note(child, number, value_column, number, value_column)
                self.take()
