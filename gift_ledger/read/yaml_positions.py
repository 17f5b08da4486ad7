"""Positions of chosen values in a YAML file, from libyaml's events alone.

`locate` asks for the positions of the few values that have problems; walking the events
without building values takes half the time of reading the file again.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..diagnostics import pointer_of
from .positions import Position
from .yaml import event_parser, odd_line_starts, where

__all__ = ["yaml_positions"]

_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_VALUES = (yaml.ScalarEvent, yaml.AliasEvent)


def yaml_positions(text: str, only: frozenset[tuple[int, str]]) -> dict[str, Position]:
    """The positions of the values at these (depth, last pointer token) pairs, and of
    the whole document, from the parser's events alone: building no values, this takes
    half the time of `build`. For files that `build` read without error; {} if the
    parser refuses the text."""
    parser = event_parser(text)
    starts = odd_line_starts(text)
    found: dict[str, Position] = {}
    path: list[str | int] = []
    frames: list[list[Any]] = []  # [is_map, key, key_mark, items so far], innermost last
    try:
        while parser.check_event():
            event = parser.get_event()
            cls = event.__class__
            if cls in _ENDS:
                frames.pop()
                if frames:
                    path.pop()
                    _advance(frames[-1])
                continue
            is_start = cls in _STARTS
            if not (is_start or cls in _VALUES):
                continue
            top = frames[-1] if frames else None
            if top is not None and top[0] and top[1] is None:  # a mapping's key
                top[1], top[2] = event.value, event.start_mark
                continue
            if top is None:
                line, column = where(starts, event.start_mark)
                found[""] = Position(line, column, line, column)
            else:
                last = top[1] if top[0] else top[3]
                if (len(path) + 1, str(last)) in only:
                    line, column = where(starts, event.start_mark)
                    key_line, key_column = where(starts, top[2]) if top[0] else (line, column)
                    found[pointer_of([*path, last])] = Position(line, column, key_line, key_column)
            if is_start:
                if top is not None:
                    path.append(top[1] if top[0] else top[3])
                frames.append([cls is yaml.MappingStartEvent, None, None, 0])
            elif top is not None:
                _advance(top)
    except yaml.YAMLError:
        return {}
    finally:
        parser.dispose()
    return found


def _advance(frame: list[Any]) -> None:
    """A value of the frame is done: a mapping waits for its next key."""
    if frame[0]:
        frame[1] = None
    else:
        frame[3] += 1
