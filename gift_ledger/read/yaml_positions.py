"""Positions of chosen values in a YAML file, from libyaml's events alone.

`locate` asks for the positions of the few values that have problems. The walk builds no
values: it goes down the pointers asked for, passes over every other value by counting the
starts and ends of collections, and stops reading events after the last value asked for.
Positions are the builder's (`YamlBuilder` with positions): lines as editors count them,
columns in characters; a value reached through an alias is at the alias.
"""

from __future__ import annotations

from typing import Any

import yaml

from .positions import PointerTree, Position, list_indexes
from .yaml import event_parser, odd_line_starts, where

__all__ = ["yaml_positions"]

_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_NODES = (_Scalar, _Alias, _MappingStart, _SequenceStart)
_NO_MORE_NODES = (yaml.DocumentEndEvent, yaml.StreamEndEvent)


def yaml_positions(text: str, wanted: PointerTree) -> dict[str, Position]:
    """The positions of the wanted values that the first document has, and of their
    holders, by JSON pointer. Where the parser refuses the text, those found before."""
    parser = event_parser(text)
    walk = _Walk(parser.get_event, odd_line_starts(text))
    try:
        event = parser.get_event()
        while not isinstance(event, _NODES):
            if isinstance(event, _NO_MORE_NODES):
                return walk.found
            event = parser.get_event()
        walk.value(event, wanted, None, need_end=False)
    except (yaml.YAMLError, _EndedEarlyError):
        pass  # what was found before the error stands
    finally:
        parser.dispose()
    return walk.found


class _EndedEarlyError(Exception):
    """The events ended inside a value (a parser that stops without an error)."""


class _Walk:
    __slots__ = ("found", "get_event", "starts")

    def __init__(self, get_event: Any, starts: list[int] | None) -> None:
        self.get_event = get_event
        self.starts = starts
        self.found: dict[str, Position] = {}

    def value(self, event: Any, node: PointerTree, key_mark: Any, need_end: bool) -> None:
        """Note the value that `event` starts and walk into it along the node's children;
        read its events to its end only if `need_end`."""
        if not isinstance(event, _NODES):
            raise _EndedEarlyError
        line, column = where(self.starts, event.start_mark)
        key_line, key_column = (line, column) if key_mark is None else where(self.starts, key_mark)
        self.found[node.pointer] = Position(line, column, key_line, key_column)
        cls = event.__class__
        if cls is _MappingStart:
            if node.children:
                self._mapping(node.children, need_end)
            elif need_end:
                self._skip()
        elif cls is _SequenceStart:
            if node.children:
                self._sequence(node.children, need_end)
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

    def _sequence(self, children: dict[str, PointerTree], need_end: bool) -> None:
        get_event, left = self.get_event, list_indexes(children)
        number = 0
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
