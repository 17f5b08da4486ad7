"""Positions of values in YAML lines of the simplest kind, from the text alone.

`yaml_positions` walks a record from the line of its first wanted key, most often a
record's citations::

      sources:
        - source: tass-2024-06-19
          quote: "gave Russia six young Pungsan dogs"

libyaml's events cost about a microsecond each as Python objects, whoever reads them. When
every line the walk needs is of the simplest kind, each value whole on its own line, the
lines say all that the events would: `block_positions` places the wanted values from the
lines alone, and gives up (None) at the first line it does not know, for the events to
decide. Like the events' walk, it reads no further than the last value wanted: a line
below cannot move a value above it.

A list of mappings whose every entry is ``key: value`` on a line of its own, as a record's
citations, items and provisions mostly are, is read by one regular expression at C speed
(`_FLAT_LIST`); any other block, line by line (`_Block`). The lines known, each maybe
ending in a comment, with blank and comment lines between:

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

The first line is known to lie outside any quoted text or flow collection: libyaml proved
it, or the exact reader saw a key begin there (`yaml_positions`). Each known line ends
outside one, so the next one starts outside one too. The structure is then the
indentation's, by YAML's block rules: a mapping's keys share one column, a list's ``-``
share one column, a value on a key's line ends at the line's end (a more indented line
after it would continue a plain text, or be an error: not known). The positions are
libyaml's: a text at its first character (a quoted one at its quote), a mapping at its
first key, a list at its first ``-``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .positions import PointerTree, Position, list_indexes

__all__ = ["PLAIN_KEY", "block_positions"]

PLAIN_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
"""A key as a pattern, of the kind the lines alone place (and the walks search for)."""

_DOUBLE = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_SINGLE = r"'[^'\n]*+(?:''[^'\n]*+)*+'"
_PLAIN = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`](?:[^\s:#]++|:(?=\S)|(?<=\S)\#| ++(?=[^\s#]))*+"""
_VALUE = rf"(?:{_DOUBLE}|{_SINGLE}|{_PLAIN})"
"""A value whole on its line: quoted and closed there, or plain."""
_LINE = re.compile(
    r"(?P<indent> *)(?:(?P<dash>-) +)?"
    rf"(?:(?P<key>{PLAIN_KEY}):(?= |$) *)?"
    rf"(?P<value>{_VALUE})? *(?:(?<= )#.*)?"
)


class _UnknownError(Exception):
    """A line, or a layout of lines, that the events must decide."""


class _Line(NamedTuple):
    """A line read: columns 0-based, as all columns here but the positions'."""

    number: int
    indent: int
    dash: bool
    """Whether it starts with ``- ``."""
    key: str | None
    key_column: int
    """-1 without a key."""
    value_column: int
    """-1 without a value."""


def block_positions(
    text: str, start: int, end: int, *, line: int, column: int, keys: dict[str, PointerTree]
) -> dict[str, Position] | None:
    """The positions of the wanted values below these keys of a block mapping at `column`
    (0-based), read from the lines of text[start:end]: the first is that mapping's key at
    `column`, numbered `line`; the lines to `end` are the rest of the mapping. None where a
    line read is not of the kind known here.

    As the events' walk does, it reads no further than the last value wanted: a line below
    cannot change where a value above it starts."""
    placed = _flat_list(text, start, end, line=line, column=column, keys=keys)
    if placed is not None:
        return placed
    block = _Block(text, start, end, line)
    try:
        first = block.peek()
        if first is None or first.indent != column or first.dash:
            return None
        block.mapping(column, keys, item=False, to_end=False)
    except _UnknownError:
        return None
    return block.found


_PLAIN_KEY = re.compile(PLAIN_KEY)
_FLAT_LIST = re.compile(
    rf"(?P<indent> *)(?P<key>{PLAIN_KEY}): *+\n(?=(?P<dash> +)- )"
    rf"(?:(?P=dash)- {PLAIN_KEY}: {_VALUE} *+\n(?:(?P=dash)  {PLAIN_KEY}: {_VALUE} *+\n)*+)++"
)
"""A key whose value is a list of mappings, every entry ``key: value`` on a line of its own
(``- `` before the first of each item), the items' ``-`` at one column: a record's
citations, items and provisions, as most are written. No comment, blank line or key
without a value on the line: the search stops there (and the walk line by line reads on).
One search at C speed reads what the walk line by line would."""


def _flat_list(
    text: str, start: int, end: int, *, line: int, column: int, keys: dict[str, PointerTree]
) -> dict[str, Position] | None:
    """`block_positions` of one wanted key whose value is a list of mappings of the kind of
    `_FLAT_LIST`, each item wanted to its entries at most; None for any other."""
    if len(keys) != 1:
        return None
    ((name, node),) = keys.items()
    items = _items_to_entries(node)
    if items is None:
        return None
    found = _FLAT_LIST.match(text, start, end)
    if found is None or found["key"] != name or len(found["indent"]) != column:
        return None
    dash = found["dash"]
    last, marker = found.end(), "\n" + dash + "- "
    starts = [found.start("dash")]  # where each item's line begins
    at = text.find(marker, starts[0], last)
    while at >= 0:
        starts.append(at + 1)
        at = text.find(marker, at + 1, last)
    if max(items) >= len(starts) or (
        len(starts) - 1 in items and not _ends_item(text, last, end, len(dash))
    ):
        return None  # not every wanted item is of the kind: the walk line by line decides
    item_column = len(dash) + 2  # that of the items' keys (0-based, as all but positions')
    placed = {node.pointer: Position(line + 1, len(dash) + 1, line, column + 1)}
    for number, item in sorted(items.items()):
        at = starts[number]
        stop = starts[number + 1] if number + 1 < len(starts) else last
        item_line = line + 1 + text.count("\n", starts[0], at)
        placed[item.pointer] = Position(item_line, item_column + 1, item_line, item_column + 1)
        for key, wanted in item.children.items():
            if text.startswith(key + ":", at + item_column):  # on the item's own line
                key_line = item_line
            else:
                key_at = text.find(f"\n{dash}  {key}:", at, stop)
                if key_at < 0:
                    continue  # not there: the item holds it, as the events' walk says
                key_line = item_line + text.count("\n", at, key_at + 1)
            value_column = item_column + len(key) + 2  # after "key: "
            placed[wanted.pointer] = Position(key_line, value_column + 1, key_line, item_column + 1)
    return placed


def _items_to_entries(node: PointerTree) -> dict[int, PointerTree] | None:
    """The wanted items of a list, by number, if none is wanted deeper than its entries
    and each entry wanted has a plain key (no other key is on a line `_FLAT_LIST` reads)."""
    items = list_indexes(node.children)
    if not items or len(items) != len(node.children):
        return None
    for item in items.values():
        for key, entry in item.children.items():
            if entry.children or _PLAIN_KEY.fullmatch(key) is None:
                return None
    return items


def _ends_item(text: str, at: int, end: int, dash_column: int) -> bool:
    """Whether the lines from `at` on leave the item before them whole: they are blank to
    the block's end, or the first is outdented to the items' ``-`` (at `dash_column`) or
    past it, and is not a comment."""
    if _BLANK_LINES.match(text, at, end).end() == end:  # type: ignore[union-attr]
        return True
    stop = text.find("\n", at, end)
    line = text[at : end if stop < 0 else stop]
    words = line.lstrip(" ")
    return bool(words) and words[0] != "#" and len(line) - len(words) <= dash_column


_BLANK_LINES = re.compile(r"[ \n]*+")


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
            self.pending = _Line(
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
        on_item_line = item  # the item's own line: its key is the mapping's first
        while left or to_end:
            line = self.peek()
            if line is None:
                return
            number, indent, dash, key, key_column, value_column = line
            if on_item_line:
                on_item_line = False
            elif indent < column or (indent == column and dash):
                return  # the mapping ends; what holds it decides what the line is
            elif indent > column:
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
