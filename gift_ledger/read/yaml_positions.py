"""Positions of chosen values in a YAML file, from libyaml's events alone.

`locate` asks for the positions of the values that have problems. The walk builds no
values: it goes down the pointers asked for, passes over every other value by counting the
starts and ends of collections, and stops reading events after the last value asked for.
Positions are the builder's (`YamlBuilder` with positions): lines as editors count them,
columns in characters; a value reached through an alias is at the alias.

Most record files are a list of records, one ``- `` at the start of a line each. When only
later records are wanted, the walk starts at the first of them: its line is found by a
search of the text, and libyaml proves it, at C speed, to be where that record begins
(`_item_start`). Building the events of the records before it would cost four times as
much. Inside a record, the walk starts from the line of its first wanted key
(`_walked_by_keys`), proven by libyaml the same way or taken from where the exact reader
saw the record's keys begin (`RecordPlaces`); from there the lines alone place the values
where they are of the simplest kind (`yaml_lines`), the events where not.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from itertools import islice, pairwise
from typing import Any

import yaml

from .positions import PointerTree, Position, list_indexes
from .yaml import RecordPlaces, event_parser, odd_line_starts, where
from .yaml_lines import PLAIN_KEY, block_positions

__all__ = ["yaml_positions"]

_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_NODES = (_Scalar, _Alias, _MappingStart, _SequenceStart)
_NODE_CLASSES = frozenset(_NODES)
_NO_MORE_NODES = (yaml.DocumentEndEvent, yaml.StreamEndEvent)
_ITEM_LINE = re.compile(r"[\r\n]-")
"""A line that begins with ``-``: an item of a block list at column 0 if a blank follows,
unless it is inside a quoted text that runs over lines."""


def yaml_positions(
    text: str, wanted: PointerTree, places: RecordPlaces | None = None
) -> dict[str, Position]:
    """The positions of the wanted values that the first document has, and of their
    holders, by JSON pointer. Where the parser refuses the text, those found before.

    `places`, where the exact reader saw the records of this text begin, stand for the
    proofs that the walk from a record's key would otherwise ask of libyaml."""
    parser = event_parser(text)
    walk = _Walk(parser.get_event, odd_line_starts(text))
    try:
        event = parser.get_event()
        while not isinstance(event, _NODES):
            if isinstance(event, _NO_MORE_NODES):
                return walk.found
            event = parser.get_event()
        if not _walked_by_keys(text, event, wanted, walk, places) and not _walked_from_later_item(
            text, event, wanted, walk
        ):
            walk.value(event, wanted, None, need_end=False)
    except (yaml.YAMLError, _EndedEarlyError):
        pass  # what was found before the error stands
    finally:
        parser.dispose()
    return walk.found


def _walked_by_keys(
    text: str, root: Any, wanted: PointerTree, walk: _Walk, places: RecordPlaces | None
) -> bool:
    """Walk to the wanted values of a top-level block list of mappings, each wanted item's
    events read from the line of its first wanted key on; False, having done nothing, where
    that is not proven to be the same.

    A record is a mapping at column 2 (``- type: gift``, then ``  id: ...``), and the values
    that have problems are mostly late in it (its citations come last). A line of the item
    that begins with two spaces and the key (``  sources:``) is that key of the record,
    unless it lies in a quoted text or a flow collection that runs over lines (a block text
    or a plain one ends at it). The exact reader, which saw every record and key begin,
    says so (`places`); for a file the fast path read, libyaml proves it, at C speed, as it
    proves where items begin (`_item_start`): with a document marker put before the line,
    the text still reads. The record's events are then read from that line on, as a
    mapping at column 2 of its own, which is what they are within the list.
    """
    items = list_indexes(wanted.children)
    if (
        not items
        or len(items) != len(wanted.children)
        or "\r" in text  # `_line_numbers` counts LF alone
        or not _block_list_at_line_start(text, root, walk)
    ):
        return False
    mark: Any = root.start_mark
    plans = _plans_from_places(text, places, items) if places is not None else None
    if plans is None:
        plans = _plans_proven(text, mark.index, items)
    if plans is None:
        return False
    lines = _line_numbers(text, [p for plan in plans for p in (plan.item, plan.start)])
    found: dict[str, Position] = {}
    for plan in plans:
        if not plan.walk(text, lines, found):
            return False
    line, column = where(None, mark)
    walk.found[""] = Position(line, column, line, column)
    walk.found.update(found)
    return True


def _plans_proven(text: str, first_item: int, items: dict[int, PointerTree]) -> list[_Plan] | None:
    """The plans of the items asked for, their lines proven by libyaml; None if not."""
    last = max(items)
    starts = [first_item, *islice(_item_lines(text, first_item), last + 1)]
    if len(starts) <= last:
        return None  # the items asked for are not all there: the whole walk says which
    starts.append(len(text))
    plans = [_plan(text, starts[n], starts[n + 1], n, items[n]) for n in sorted(items)]
    # The proof: a document marker before each item from the first to the last asked for,
    # and before the line of each wanted key, and the text up to there still reads.
    keys = {key for plan in plans for key in plan.keys}
    cuts = sorted({*starts[1 : last + 2], *keys} - {len(text)})
    return plans if _reads_with_markers(text, [0, *cuts, starts[last + 1]]) else None


def _plans_from_places(
    text: str, places: RecordPlaces, items: dict[int, PointerTree]
) -> list[_Plan] | None:
    """The plans of the items asked for, from where the exact reader saw each item and
    each key at column 3 begin; None where the places do not tell."""
    begins = places.items
    if max(items) >= len(begins):
        return None
    plans = []
    for n in sorted(items):
        start = _dash_before(text, begins[n])
        end = _dash_before(text, begins[n + 1]) if n + 1 < len(begins) else len(text)
        if start < 0 or end < 0:
            return None
        plan = _plan(text, start, end, n, items[n])
        if not all(_noted(places.keys, key + 2) for key in plan.keys):
            return None
        plans.append(plan)
    return plans


def _dash_before(text: str, value: int) -> int:
    """Where the line of the item whose value begins at `value` begins, if it is ``- `` and
    the value; -1 if not."""
    line = value - 2
    if line < 0 or text[line:value] != "- " or (line > 0 and text[line - 1] != "\n"):
        return -1
    return line


def _noted(keys: array[int], index: int) -> bool:
    at = bisect_left(keys, index)
    return at < len(keys) and keys[at] == index


_FIRST_KEY = re.compile(rf"- ({PLAIN_KEY}):(?:[ \n]|$)")
_PLAIN_KEY = re.compile(PLAIN_KEY)


class _Plan:
    """How one item asked for is walked: from its first wanted key's line (`keyed`), or
    from its own start. `keys` are the lines of all its wanted keys, each to be proven a
    key of the record (a wanted key written otherwise before the first would be missed)."""

    __slots__ = ("end", "item", "keyed", "keys", "node", "number", "start")

    def __init__(
        self, item: int, end: int, number: int, node: PointerTree, keys: tuple[int, ...] = ()
    ) -> None:
        self.item, self.end, self.number, self.node, self.keys = item, end, number, node, keys
        self.start = min(keys, default=item)
        self.keyed = bool(keys)

    def walk(self, text: str, lines: dict[int, int], found: dict[str, Position]) -> bool:
        """Note the positions of the item's wanted values; False where the events are not
        what the proof promised."""
        if self.keyed:
            line = lines[self.item]
            found[self.node.pointer] = Position(line, 3, line, 3)  # the record, at its first key
            placed = block_positions(  # the lines alone, where they are of the simplest kind
                text, self.start, self.end, line=lines[self.start], column=2,
                keys=self.node.children,
            )  # fmt: skip
            if placed is not None:
                found.update(placed)
                return True
        parser = event_parser(text[self.start : self.end])
        later = _Walk(parser.get_event, None, lines[self.start] - 1)
        later.found = found  # kept only if every item's walk succeeds
        try:
            for _ in range(3):  # the stream, the document, the list or the mapping
                opening = parser.get_event()
            place: Any = getattr(opening, "start_mark", None)
            if self.keyed:
                if opening.__class__ is not _MappingStart or place is None or place.index != 2:
                    return False
                later._mapping(self.node.children, need_end=False)
            else:
                if opening.__class__ is not _SequenceStart or place is None or place.index != 0:
                    return False
                later.sequence({self.number: self.node}, need_end=False, first=self.number)
        except (yaml.YAMLError, _EndedEarlyError):
            return False
        finally:
            parser.dispose()
        return True


def _plan(text: str, item: int, end: int, number: int, node: PointerTree) -> _Plan:
    """Where the walk of an item asked for starts: the line of its first wanted key, if the
    item is a mapping at column 2 and each wanted key is on a line of its own, once."""
    head = _FIRST_KEY.match(text, item, end)
    keys = node.children
    if head is None or not keys or head[1] in keys:
        return _Plan(item, end, number, node)
    lines = []
    for key in keys:
        if _PLAIN_KEY.fullmatch(key) is None:
            return _Plan(item, end, number, node)
        needle = f"\n  {key}:"
        found = text.find(needle, item, end)
        after = found + len(needle)
        if (
            found < 0
            or text[after : after + 1] not in ("", " ", "\n")
            or text.find(needle, after, end) >= 0
        ):
            return _Plan(item, end, number, node)
        lines.append(found + 1)
    return _Plan(item, end, number, node, tuple(lines))


def _line_numbers(text: str, places: list[int]) -> dict[int, int]:
    """The 1-based line of each place in a text whose lines end with LF."""
    numbers, line, before = {}, 1, 0
    for place in sorted(set(places)):
        line += text.count("\n", before, place)
        numbers[place], before = line, place
    return numbers


def _walked_from_later_item(text: str, root: Any, wanted: PointerTree, walk: _Walk) -> bool:
    """Walk to the wanted items of a top-level block list, reading its events from the first
    of them on; False, having done nothing, where that is not proven to be the same."""
    items = list_indexes(wanted.children)
    if not items or min(items) == 0 or not _block_list_at_line_start(text, root, walk):
        return False
    mark: Any = root.start_mark
    first = min(items)
    start = _item_start(text, mark.index, first)
    if start is None:
        return False
    # libyaml's lines before it: CRLF, CR and LF end one each
    lines = text.count("\n", 0, start) + text.count("\r", 0, start) - text.count("\r\n", 0, start)
    parser = event_parser(text[start:])
    later = _Walk(parser.get_event, None, lines)
    try:
        for _ in range(3):  # the stream, the document, the list
            opening = parser.get_event()
        place: Any = getattr(opening, "start_mark", None)
        if opening.__class__ is not _SequenceStart or place is None or place.index != 0:
            return False  # not what the proof promised: the whole walk decides
        later.sequence(items, need_end=False, first=first)
    except (yaml.YAMLError, _EndedEarlyError):
        return False
    finally:
        parser.dispose()
    line, column = where(None, mark)
    walk.found[""] = Position(line, column, line, column)
    walk.found.update(later.found)
    return True


def _item_start(text: str, first_item: int, item: int) -> int | None:
    """Where an item of the top-level block list whose first item starts at `first_item`
    begins, if libyaml proves it; None otherwise.

    The candidates are the lines that begin with ``- ``. Each is an item, unless it lies in
    a quoted text that runs over lines: there, a document marker ``---`` is an error. So
    the text up to the candidate, with ``---`` put before every candidate but the first,
    is read by libyaml (at C speed, building nothing): if it reads, the candidates before
    are the items before, and the candidate is the item.
    """
    starts = [first_item, *islice(_item_lines(text, first_item), item)]
    if len(starts) <= item:
        return None
    # The text before the first item stays as it is, with the first item.
    return starts[item] if _reads_with_markers(text, [0, *starts[1:]]) else None


def _block_list_at_line_start(text: str, root: Any, walk: _Walk) -> bool:
    """Whether the document is a block list whose first item starts a line, at its ``-``,
    in a text whose lines libyaml counts as editors do: where the walks from a later
    item or key may start."""
    mark: Any = root.start_mark
    return (
        walk.starts is None  # NEL, LS or PS: lines that libyaml counts apart
        and root.__class__ is _SequenceStart
        and not root.flow_style
        and mark.column == 0
        and text[mark.index : mark.index + 2].rstrip(" \t\r\n") == "-"  # at its first -
    )


def _item_lines(text: str, first_item: int) -> Iterator[int]:
    """Where each line after the first item's that could start an item of a top-level
    block list begins: it begins with ``-`` and a blank (or nothing). Lines inside a
    quoted text that runs over lines are among them: `_reads_with_markers` tells."""
    if "\r" in text:  # lines may end with CR alone
        lines: Iterator[int] = (m.start() + 1 for m in _ITEM_LINE.finditer(text, first_item))
    else:
        lines = _lines_starting_with_dash(text, first_item)
    return (line for line in lines if text[line + 1 : line + 2] in _BLANK_OR_END)


def _reads_with_markers(text: str, cuts: list[int]) -> bool:
    """Whether libyaml reads text[cuts[0]:cuts[-1]] with a document marker ``---`` put at
    each cut between (each the start of a line): then none of those lines lies inside a
    quoted text or a flow collection, where a marker is an error. At C speed, building
    nothing."""
    parser = event_parser("---\n".join(text[begin:end] for begin, end in pairwise(cuts)))
    try:
        parser.raw_parse()
    except (AttributeError, yaml.YAMLError):  # PyYAML without libyaml: no raw_parse
        return False
    finally:
        parser.dispose()
    return True


_BLANK_OR_END = ("", " ", "\t", "\n", "\r")


def _lines_starting_with_dash(text: str, start: int) -> Iterator[int]:
    """Where each line after `start` that begins with ``-`` begins, in text without CR."""
    found = text.find("\n-", start)
    while found >= 0:
        yield found + 1
        found = text.find("\n-", found + 2)


class _EndedEarlyError(Exception):
    """The events ended inside a value (a parser that stops without an error)."""


class _Walk:
    __slots__ = ("found", "get_event", "lines_before", "starts")

    def __init__(self, get_event: Any, starts: list[int] | None, lines_before: int = 0) -> None:
        self.get_event = get_event
        self.starts = starts
        self.lines_before = lines_before
        """Lines of the file before the text parsed (which starts a line)."""
        self.found: dict[str, Position] = {}

    def value(self, event: Any, node: PointerTree, key_mark: Any, need_end: bool) -> None:
        """Note the value that `event` starts and walk into it along the node's children;
        read its events to its end only if `need_end`."""
        cls = event.__class__
        if cls not in _NODE_CLASSES:
            raise _EndedEarlyError
        starts, before = self.starts, self.lines_before
        if starts is None:  # libyaml's lines are the editors' (most files): no search
            mark = event.start_mark
            line, column = mark.line + 1 + before, mark.column + 1
            if key_mark is None:
                key_line, key_column = line, column
            else:
                key_line, key_column = key_mark.line + 1 + before, key_mark.column + 1
        else:
            line, column = where(starts, event.start_mark)
            key_line, key_column = (line, column) if key_mark is None else where(starts, key_mark)
            line, key_line = line + before, key_line + before
        self.found[node.pointer] = Position(line, column, key_line, key_column)
        if cls is _MappingStart:
            if node.children:
                self._mapping(node.children, need_end)
            elif need_end:
                self._skip()
        elif cls is _SequenceStart:
            if node.children:
                self.sequence(list_indexes(node.children), need_end)
            elif need_end:
                self._skip()

    def _skip(self) -> None:
        """Read the events of the collection just started, to its end."""
        get_event, depth = self.get_event, 1
        while depth:
            cls = get_event().__class__
            if cls is _Scalar:
                continue
            if cls is _MappingStart or cls is _SequenceStart:
                depth += 1
            elif cls is _MappingEnd or cls is _SequenceEnd:
                depth -= 1
            elif cls is not _Alias:
                raise _EndedEarlyError

    def _skip_value(self, event: Any) -> None:
        """Read the events of the value that `event` starts, to its end."""
        cls = event.__class__
        if cls is _MappingStart or cls is _SequenceStart:
            self._skip()
        elif cls is not _Scalar and cls is not _Alias:
            raise _EndedEarlyError

    def _mapping(self, children: dict[str, PointerTree], need_end: bool) -> None:
        get_event, left = self.get_event, dict(children)
        while left:
            key = get_event()
            cls = key.__class__
            if cls is _MappingEnd:
                return
            if cls is _Scalar:
                child = left.pop(key.value, None)
            else:  # a key that is a collection or an alias: refused when read
                self._skip_value(key)
                child = None
            value = get_event()
            if child is not None:
                self.value(value, child, key.start_mark, need_end or bool(left))
            elif value.__class__ is not _Scalar:
                self._skip_value(value)
        if need_end:
            self._skip()

    def sequence(self, items: dict[int, PointerTree], need_end: bool, first: int = 0) -> None:
        """Walk the items of the list just started (numbered from `first`) to those wanted."""
        get_event, left = self.get_event, dict(items)
        number = first
        while left:
            item = get_event()
            if item.__class__ is _SequenceEnd:
                return
            child = left.pop(number, None)
            number += 1
            if child is not None:
                self.value(item, child, None, need_end or bool(left))
            elif item.__class__ is not _Scalar:
                self._skip_value(item)
        if need_end:
            self._skip()
