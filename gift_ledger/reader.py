"""Find the ledger's record files and read each one into plain Python values.

YAML is read from libyaml's event stream (through PyYAML) with the ledger's own, narrow
scalar rules, so that values mean what people typed:

- plain ``2024-06-19`` and ``2012`` stay as written (text and an integer), for the date
  fields to read as EDTF; ``NO``, ``yes``, ``on`` are text, never booleans;
- only ``true``/``false`` are booleans and only ``null``, ``~`` or nothing is null
  (the YAML 1.2 core schema); ``0x1F``, ``0012`` and ``1_000`` are text;
- a key is always text, and a key given twice in one mapping is an error;
- explicit tags other than ``!!str`` are refused, and aliases may not expand the file
  past a limit (the "billion laughs").

JSON files are read with the standard library, which reports duplicate keys the same way.

The reader knows nothing of records: it returns the file's top-level value and the
problems it met, each located. Positions of values are not kept for files that read
cleanly; `positions` computes them again for a file that needs them (see `locate`).
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Severity, pointer_of

_Parser: Any
try:  # libyaml's parser; PyYAML's pure-Python one gives the same events, only slower
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.Loader

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "RECORD_SUFFIXES",
    "ParsedFile",
    "Position",
    "find_record_files",
    "positions",
    "read_file",
]

RECORD_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 16 * 1024 * 1024
"""Larger files are refused: a record file is a few kilobytes; split big imports."""
MAX_DEPTH = 64
"""Records nest five levels deep; anything far deeper is not a record file."""
MAX_ALIAS_EXPANSION = 10_000
"""Values that YAML aliases may add to one file, against exponential "billion laughs"."""

_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUES = frozenset(("true", "True", "TRUE"))
_FALSES = frozenset(("false", "False", "FALSE"))
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_FLOAT_RE = re.compile(r"[-+]?(?:[0-9]*\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Position:
    """Where a value (and, in a mapping, its key) starts: 1-based line and column."""

    line: int
    column: int
    key_line: int
    key_column: int


@dataclass(slots=True)
class ParsedFile:
    """One record file as read: its top-level value (None if unreadable) and problems."""

    path: Path
    value: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.diagnostics


class _ReadError(Exception):
    """Stops reading one file; carries the located diagnostic to report."""

    def __init__(self, code: str, message: str, pointer: str, line: int, column: int) -> None:
        super().__init__(message)
        self.code, self.pointer, self.line, self.column = code, pointer, line, column


def find_record_files(root: Path) -> list[Path]:
    """Every YAML and JSON file below root, in a stable order; hidden folders are skipped."""
    found = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in RECORD_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_file(path: Path) -> ParsedFile:
    """Read one record file; every problem is returned located, nothing is raised."""
    parsed = ParsedFile(path)
    try:
        text = _read_text(path)
        if path.suffix.lower() == ".json":
            parsed.value = _load_json(text)
        else:
            parsed.value = _YamlBuilder(text, want_positions=False).build()
    except _ReadError as e:
        parsed.diagnostics.append(
            Diagnostic(path, e.pointer, e.code, Severity.ERROR, str(e), e.line, e.column)
        )
    return parsed


def positions(path: Path) -> dict[str, Position]:
    """The position of every value in a file, by JSON pointer; empty if it cannot be read."""
    try:
        builder = _YamlBuilder(_read_text(path), want_positions=True)
        builder.build()
    except _ReadError:
        return {}
    return builder.positions


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _ReadError(
                "file-too-large",
                f"the file has {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}: "
                "split it into several record files",
                "", 1, 1,
            )  # fmt: skip
        data = path.read_bytes()
    except OSError as e:
        raise _ReadError("unreadable-file", f"cannot read the file: {e.strerror}", "", 1, 1) from e
    return _decode(data)


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise _ReadError(
                "encoding", f"the file is not valid UTF-16: {e.reason}", "", 1, 1
            ) from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = data[: e.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise _ReadError(
            "encoding",
            f"byte 0x{data[e.start]:02x} is not valid UTF-8: save the file as UTF-8",
            "", line, column,
        ) from e  # fmt: skip


def _load_json(text: str) -> Any:
    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _DuplicateJsonKeyError(key)
            result[key] = value
        return result

    def no_constants(name: str) -> Any:
        raise _JsonConstantError(name)

    try:
        return json.loads(text, object_pairs_hook=pairs_to_dict, parse_constant=no_constants)
    except json.JSONDecodeError as e:
        raise _ReadError("json-syntax", f"invalid JSON: {e.msg}", "", e.lineno, e.colno) from e
    except RecursionError as e:
        raise _ReadError(
            "too-deep", f"values nest deeper than the limit of {MAX_DEPTH}", "", 1, 1
        ) from e
    except _JsonConstantError as e:
        line, column = _find_json_constant(text)
        raise _ReadError(e.code, e.message, "", line, column) from e
    except _DuplicateJsonKeyError as e:
        # Locate it by reading the file as YAML, which JSON is, with positions.
        try:
            _YamlBuilder(text, want_positions=False).build()
        except _ReadError as located:
            raise located from e
        raise _ReadError(e.code, e.message, "", 1, 1) from e


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _find_json_constant(text: str) -> tuple[int, int]:
    """Where the first bare NaN or Infinity stands, skipping strings."""
    for match in _JSON_TOKEN.finditer(text):
        if match.group(1):
            before = text[: match.start()]
            return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
    return 1, 1


class _DuplicateJsonKeyError(Exception):
    code = "duplicate-key"

    def __init__(self, key: str) -> None:
        self.message = f"key {key!r} appears twice in one mapping: keep one"
        super().__init__(self.message)


class _JsonConstantError(Exception):
    code = "invalid-number"

    def __init__(self, name: str) -> None:
        self.message = f"{name} is not a number a record can hold"
        super().__init__(self.message)


class _Frame:
    """A mapping or sequence being built, with what its next child needs to know."""

    __slots__ = ("anchor", "container", "is_map", "key", "key_mark", "size")

    def __init__(self, container: Any, is_map: bool, anchor: str | None) -> None:
        self.container = container
        self.is_map = is_map
        self.key: str | None = None
        self.key_mark: Any = None
        self.size = 1
        self.anchor = anchor


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent


class _YamlBuilder:
    """Builds plain values from libyaml events, without recursion, checking as it goes.

    This loop runs once per YAML event of every file, so it keeps to local names and
    inline steps; positions are recorded only when asked for.
    """

    def __init__(self, text: str, *, want_positions: bool) -> None:
        self.text = text
        self.want_positions = want_positions
        self.positions: dict[str, Position] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.path: list[str | int] = []

    def build(self) -> Any:
        parser = _Parser(self.text)
        try:
            return self._build(parser)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = e.problem or e.context or "invalid YAML"
            raise _ReadError(
                "yaml-syntax", f"invalid YAML: {problem}", pointer_of(self.path), line, column
            ) from e
        except yaml.YAMLError as e:
            raise _ReadError("yaml-syntax", f"invalid YAML: {e}", "", 1, 1) from e
        finally:
            parser.dispose()

    def _fail(self, code: str, message: str, mark: Any) -> _ReadError:
        return _ReadError(code, message, pointer_of(self.path), mark.line + 1, mark.column + 1)

    def _build(self, parser: Any) -> Any:  # noqa: PLR0915 - one flat dispatch loop
        check_event, get_event = parser.check_event, parser.get_event
        want_positions = self.want_positions
        path = self.path
        stack: list[_Frame] = []
        top: _Frame | None = None
        documents = 0
        result: Any = None
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
                    top.key_mark = event.start_mark
                    continue
                if event.tag is not None:
                    self._refuse_tag(event, "scalar")
                    value: Any = event.value
                elif event.style:
                    value = event.value
                else:
                    value = _plain(event.value)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                if want_positions:
                    self._note_position(top, event.start_mark)
                if top is None:
                    result = value
                elif top.is_map:
                    top.container[top.key] = value
                    top.key = None
                    top.size += 1
                else:
                    top.container.append(value)
                    top.size += 1
            elif cls is _MappingStartEvent or cls is _SequenceStartEvent:
                is_map = cls is _MappingStartEvent
                if top is not None and top.is_map and top.key is None:
                    raise self._invalid_key(event)
                if event.tag is not None:
                    self._refuse_tag(event, "mapping" if is_map else "list")
                if len(stack) >= MAX_DEPTH:
                    raise self._fail(
                        "too-deep",
                        f"values nest deeper than the limit of {MAX_DEPTH}",
                        event.start_mark,
                    )
                if want_positions:
                    self._note_position(top, event.start_mark)
                if top is not None:
                    path.append(top.key if top.is_map else len(top.container))  # type: ignore[arg-type]
                top = _Frame({} if is_map else [], is_map, event.anchor)
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
                if want_positions:
                    self._note_position(top, event.start_mark)
                if top is None:
                    result = value
                else:
                    self._attach(top, value, size)
            elif cls is _DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self._fail(
                        "multiple-documents",
                        "a record file holds one YAML document: remove the '---' or split the file",
                        event.start_mark,
                    )
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

    def _note_position(self, top: _Frame | None, mark: Any) -> None:
        line, column = mark.line + 1, mark.column + 1
        if top is None:
            self.positions[""] = Position(line, column, line, column)
        elif top.is_map:
            pointer = pointer_of([*self.path, top.key])  # type: ignore[list-item]
            key_mark = top.key_mark
            self.positions[pointer] = Position(line, column, key_mark.line + 1, key_mark.column + 1)
        else:
            pointer = pointer_of([*self.path, len(top.container)])
            self.positions[pointer] = Position(line, column, line, column)

    def _invalid_key(self, event: Any) -> _ReadError:
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


def _plain(value: str) -> Any:
    """A plain (unquoted) scalar as the ledger reads it: see the module's docstring."""
    if not value or value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT_RE.fullmatch(value):
            return int(value)
        if _FLOAT_RE.fullmatch(value):
            return float(value)
        if value in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[value]
    return value
