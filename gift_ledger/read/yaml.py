"""YAML record files: libyaml's event stream (through PyYAML) built into plain values.

Values mean what people typed, by the ledger's own narrow scalar rules:

- plain ``2024-06-19`` and ``2012`` stay as written (text and an integer), for the date
  fields to read as EDTF; ``NO``, ``yes``, ``on`` are text, never booleans;
- only ``true``/``false`` are booleans and only ``null``, ``~`` or nothing is null
  (the YAML 1.2 core schema); ``0x1F``, ``0012`` and ``1_000`` are text;
- a key is always text, and a key given twice in one mapping is an error;
- explicit tags other than ``!!str`` are refused, and aliases may not expand the file
  past a limit (the "billion laughs").

The builder walks the events without recursion and notes no positions of values
(`yaml_positions` finds those that diagnostics need), only, for a file that is a block list
of records, where each record and each of its own keys begins (`RecordPlaces`): what the
walk to a record's value would otherwise have libyaml prove again.

The ledger's limits are its own, not the parser's: libyaml (since 0.2.6, bundled with
PyYAML 6.0.4) stops at its own nesting depth of 1,000, and its scanner reads up to 1,024
characters ahead of the events it hands over, so a line of ``[[[[...`` used to be refused by
libyaml before the builder saw the 65th level. When libyaml refuses a file, the builder reads
the part of the file before libyaml's error again with PyYAML's pure-Python parser (the same
events, no depth limit); a ledger diagnostic found there comes first, being earlier in the file.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Any

import yaml

from ..diagnostics import Code, pointer_of
from .limits import MAX_ALIAS_EXPANSION, MAX_DEPTH, MAX_VALUES
from .positions import ReadError, line_column, line_starts
from .yaml_errors import explain
from .yaml_scalars import plain as _plain

_PureParser: Any = yaml.BaseLoader
"""PyYAML's pure-Python parser: the same events as libyaml, slower, with no depth limit."""
_Parser: Any
try:  # libyaml's parser, for speed
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = _PureParser

__all__ = ["RecordPlaces", "YamlBuilder", "event_parser", "odd_line_starts", "where"]

_STR_TAG = "tag:yaml.org,2002:str"
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
"""Line breaks to libyaml (YAML 1.1), but not to editors, git or GitHub."""


@dataclass(frozen=True, slots=True)
class RecordPlaces:
    """Where the items of a file's top-level block list begin, and the keys of each item
    that begin at column 3 as editors count (index 2: a record's own keys, ``- type: gift``
    then ``  id: ...``), as character indexes, noted by the exact reader from libyaml's
    events. `fingerprint` is the text's hash: the places hold only for the text they were
    noted in."""

    fingerprint: int
    items: array[int]
    """Where each item's value begins, as libyaml marks it: a mapping at its first key, an
    anchored value at its anchor, an empty one where the next token begins. Only those two
    characters after a ``- `` that starts a line are taken for a record (`yaml_positions`)."""
    keys: array[int]
    """Where each key at column 3 of an item begins, in the order of the text."""


class _Frame:
    """A mapping or sequence being built, with what its next child needs to know."""

    __slots__ = ("anchor", "container", "is_map", "item", "key", "size")

    def __init__(self, container: Any, is_map: bool, anchor: str | None) -> None:
        self.container = container
        self.is_map = is_map
        self.key: str | None = None
        self.size = 1
        self.anchor = anchor
        self.item = False
        """Whether this is an item of the file's top-level block list."""


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent


class YamlBuilder:
    """Builds plain values from libyaml events, without recursion, checking as it goes.

    This loop runs once per YAML event of every file, so it keeps to local names and
    inline steps. It notes no positions: `yaml_positions` finds those that diagnostics need.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.path: list[str | int] = []
        self.unseen = (0, 0)
        """Where the parser's events stopped when it refused the file, and the depth there."""
        # libyaml counts NEL, LS and PS as line breaks; only a file that holds one needs
        # its lines counted again, the way editors and GitHub count them.
        self.line_starts = odd_line_starts(text)
        self.places: RecordPlaces | None = None
        """After `build`, where the records of a top-level block list and their keys begin."""

    def _where(self, mark: Any) -> tuple[int, int]:
        return where(self.line_starts, mark)

    def build(self) -> Any:
        parser = _Parser(self.text)
        try:
            return self._build(parser)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            if mark is not None and _Parser is not _PureParser and self._may_hide_levels(mark):
                self._reread_before(mark)
            message, mark = explain(e, self.text)
            line, column = self._where(mark) if mark else (1, 1)
            raise ReadError("yaml-syntax", message, pointer_of(self.path), line, column) from e
        except yaml.reader.ReaderError as e:  # a character YAML refuses; its offset is in bytes
            index = len(self.text.encode("utf-8")[: e.position].decode("utf-8", "ignore"))
            line, column = line_column(line_starts(self.text), index)
            what = f"U+{e.character:04X}" if isinstance(e.character, int) else "a character"
            raise ReadError(
                "yaml-syntax", f"invalid YAML: {what}: {e.reason}", "", line, column
            ) from e
        except yaml.YAMLError as e:
            raise ReadError("yaml-syntax", f"invalid YAML: {e}", "", 1, 1) from e
        finally:
            parser.dispose()

    def _may_hide_levels(self, mark: Any) -> bool:
        """Whether the text the parser read ahead, up to its error at `mark`, opens enough
        collections (`[`, `{`, `-`, `?`, `:`) to nest past the ledger's limit."""
        start, depth = self.unseen
        ahead = self.text[start : mark.index]
        openers = sum(ahead.count(c) for c in "[{-?:")
        return depth + openers > MAX_DEPTH

    def _reread_before(self, mark: Any) -> None:
        """Raise the ledger's own diagnostic if one stands before libyaml's error at `mark`.

        The events before `mark` are read again, from a fresh start, by the pure-Python
        parser; its own errors there, and anything at or after `mark`, leave libyaml's error
        to be reported. So does a character it refuses anywhere in the file: unlike libyaml,
        it checks them all before it reads (a NUL past libyaml's error was an internal error).
        """
        again = YamlBuilder(self.text)
        try:
            prefix = _EventsBefore(_PureParser(self.text), (mark.line, mark.column))
        except yaml.YAMLError:
            return
        try:
            again._build(prefix)
        except yaml.YAMLError:
            return
        finally:
            prefix.dispose()

    def _fail(self, code: Code, message: str, mark: Any) -> ReadError:
        return ReadError(code, message, pointer_of(self.path), *self._where(mark))

    def _too_many(self, event: Any) -> ReadError:
        return self._fail(
            "file-too-large",
            f"the file holds more than {MAX_VALUES:,} values, the limit: "
            "split it into several record files",
            event.start_mark,
        )

    def _build(self, parser: Any) -> Any:  # noqa: PLR0915 - one flat dispatch loop
        check_event, get_event = parser.check_event, parser.get_event
        path = self.path
        stack: list[_Frame] = []
        top: _Frame | None = None
        records: _Frame | None = None  # the top-level block list, if the file is one
        items, keys = array("i"), array("i")  # indexes below MAX_FILE_BYTES
        documents = values = 0
        result: Any = None
        event: Any = None
        try:
            while check_event():
                event = get_event()
                cls = event.__class__
                if cls is _ScalarEvent:
                    if top is not None and top.is_map and top.key is None:
                        if event.tag is not None:
                            self._refuse_tag(event, "key")
                        key = event.value
                        if key in top.container:
                            path.append(key)
                            raise self._fail(
                                "duplicate-key",
                                f"key {key!r} appears twice in one mapping: keep one",
                                event.start_mark,
                            )
                        top.key = key
                        if top.item:
                            mark = event.start_mark
                            if mark.column == 2:
                                keys.append(mark.index)
                        continue
                    values += 1
                    if values > MAX_VALUES:
                        raise self._too_many(event)
                    if event.tag is not None:
                        self._refuse_tag(event, "scalar")
                        value: Any = event.value
                    elif event.style:
                        value = event.value
                    else:
                        value = _plain(event.value)
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (value, 1)
                    if top is None:
                        result = value
                    elif top.is_map:
                        top.container[top.key] = value
                        top.key = None
                        top.size += 1
                    else:
                        top.container.append(value)
                        top.size += 1
                        if top is records:
                            items.append(event.start_mark.index)
                elif cls is _MappingStartEvent or cls is _SequenceStartEvent:
                    is_map = cls is _MappingStartEvent
                    if top is not None and top.is_map and top.key is None:
                        raise self._invalid_key(event)
                    if event.tag is not None:
                        self._refuse_tag(event, "mapping" if is_map else "list")
                    values += 1
                    if values > MAX_VALUES:
                        raise self._too_many(event)
                    if len(stack) >= MAX_DEPTH:
                        raise self._fail(
                            "too-deep",
                            f"values nest deeper than the limit of {MAX_DEPTH}",
                            event.start_mark,
                        )
                    if top is not None:
                        path.append(top.key if top.is_map else len(top.container))  # type: ignore[arg-type]
                    frame = _Frame({} if is_map else [], is_map, event.anchor)
                    if top is None:
                        if not is_map and not event.flow_style:
                            records = frame
                    elif top is records:
                        items.append(event.start_mark.index)
                        frame.item = True
                    top = frame
                    stack.append(top)
                elif cls is _MappingEndEvent or cls is _SequenceEndEvent:
                    done = stack.pop()
                    if done.anchor is not None:
                        self.anchors[done.anchor] = (done.container, done.size)
                    if stack:
                        path.pop()
                        top = stack[-1]
                        self._attach(top, done.container, done.size)
                    else:
                        top = None
                        result = done.container
                elif cls is _AliasEvent:
                    if top is not None and top.is_map and top.key is None:
                        raise self._invalid_key(event)
                    value, size = self._expand(event)
                    values += size
                    if values > MAX_VALUES:
                        raise self._too_many(event)
                    if top is None:
                        result = value
                    else:
                        self._attach(top, value, size)
                        if top is records:
                            items.append(event.start_mark.index)
                elif cls is _DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise self._fail(
                            "multiple-documents",
                            "a record file holds one YAML document: "
                            "remove the '---' or split the file",
                            event.start_mark,
                        )
        except yaml.MarkedYAMLError:
            # What the parser read ahead of its last event, and did not hand over, starts
            # at that event: the reader looks there for levels a refusal may have hidden.
            self.unseen = (event.start_mark.index if event is not None else 0, len(stack))
            raise
        if records is not None:
            self.places = RecordPlaces(hash(self.text), items, keys)
        return result

    @staticmethod
    def _attach(frame: _Frame, value: Any, size: int) -> None:
        if frame.is_map:
            frame.container[frame.key] = value
            frame.key = None
        else:
            frame.container.append(value)
        frame.size += size

    def _expand(self, event: Any) -> tuple[Any, int]:
        if event.anchor not in self.anchors:
            raise self._fail(
                "yaml-syntax",
                f"alias *{event.anchor} has no anchor &{event.anchor} before it",
                event.start_mark,
            )
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise self._fail(
                "alias-expansion",
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                "(the limit): write the values out",
                event.start_mark,
            )
        return value, size

    def _invalid_key(self, event: Any) -> ReadError:
        return self._fail(
            "invalid-key",
            "a key must be plain text, not a list, mapping or alias",
            event.start_mark,
        )

    def _refuse_tag(self, event: Any, what: str) -> None:
        tag = event.tag
        if tag == "!" or (tag == _STR_TAG and what in ("scalar", "key")):
            return
        shown = (
            "!!" + tag.removeprefix("tag:yaml.org,2002:")
            if tag.startswith("tag:yaml.org,2002:")
            else tag
        )
        raise self._fail(
            "yaml-tag",
            f"YAML tag {shown} is not allowed in records: "
            "remove it (quote the value to make it text)",
            event.start_mark,
        )


def event_parser(text: str) -> Any:
    """A parser of the text's YAML events: libyaml's, where PyYAML was built with it."""
    return _Parser(text)


def odd_line_starts(text: str) -> list[int] | None:
    """Where the lines of a text start, if it holds a break that libyaml counts and editors
    do not (NEL, LS, PS); None when libyaml's own line numbers are right."""
    return line_starts(text) if any(c in text for c in _ODD_BREAKS) else None


def where(starts: list[int] | None, mark: Any) -> tuple[int, int]:
    """The 1-based line and column of a parser's mark, as editors and GitHub count them."""
    if starts is None:
        return mark.line + 1, mark.column + 1
    return line_column(starts, mark.index)


class _EventsBefore:
    """A parser's events up to, not including, the first that starts at or after `stop`."""

    def __init__(self, parser: Any, stop: tuple[int, int]) -> None:
        self.parser, self.stop = parser, stop

    def check_event(self) -> bool:
        event = self.parser.peek_event() if self.parser.check_event() else None
        if event is None:
            return False
        mark = event.start_mark
        return (mark.line, mark.column) < self.stop

    def get_event(self) -> Any:
        return self.parser.get_event()

    def dispose(self) -> None:
        self.parser.dispose()
