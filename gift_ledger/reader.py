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

import bisect
import codecs
import json
import os
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
    "MAX_VALUES",
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
MAX_VALUES = 100_000
"""Values one file may hold, aliases expanded: a record holds a few dozen. Without it a
16 MB file of `{},` holds five million values, and its diagnostics need gigabytes."""

_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUES = frozenset(("true", "True", "TRUE"))
_FALSES = frozenset(("false", "False", "FALSE"))
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_FLOAT_RE = re.compile(r"[-+]?(?:[0-9]*\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?")
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
"""Line breaks to libyaml (YAML 1.1), but not to editors, git or GitHub."""
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
    """Every YAML and JSON file below root, in a stable order; hidden folders are skipped.

    Symlinked folders are not entered. The walk keeps its own stack: `Path.rglob` recurses
    once per folder level and fails on a tree a thousand folders deep.
    """
    found = []
    folders = [root]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:  # a folder that cannot be listed, as Path.rglob skipped it
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            # Path.is_file, not DirEntry.is_file, which raises for a symlink loop
            elif entry.name.lower().endswith(RECORD_SUFFIXES) and Path(entry.path).is_file():
                found.append(Path(entry.path))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_file(path: Path, root: Path | None = None) -> ParsedFile:
    """Read one record file; every problem is returned located, nothing is raised.

    Given the ledger's root, a file that resolves outside it (a symlink leading out of the
    ledger) is refused unread.
    """
    parsed = ParsedFile(path)
    try:
        if root is not None and not path.resolve().is_relative_to(root.resolve()):
            raise _ReadError(
                "unreadable-file",
                "cannot read the file: it is a symlink that leads outside the ledger folder; "
                "commit the file itself",
                "", 1, 1,
            )  # fmt: skip
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
        text = _read_text(path)
        if path.suffix.lower() == ".json":
            return _scan_json(text)[0]
        builder = _YamlBuilder(text, want_positions=True)
        builder.build()
    except _ReadError:
        return {}
    return builder.positions


def _line_starts(text: str) -> list[int]:
    """Where each line starts; lines end at CRLF, CR or LF, as people's editors see them."""
    return [0, *(match.end() for match in re.finditer(r"\r\n?|\n", text))]


def _line_column(line_starts: list[int], index: int) -> tuple[int, int]:
    """The 1-based line and column of a character index."""
    line = bisect.bisect_right(line_starts, index)
    return line, index - line_starts[line - 1] + 1


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
        value = json.loads(text, object_pairs_hook=pairs_to_dict, parse_constant=no_constants)
    except json.JSONDecodeError as e:
        raise _ReadError("json-syntax", f"invalid JSON: {e.msg}", "", e.lineno, e.colno) from e
    except RecursionError as e:
        raise _json_too_deep(text) from e
    except ValueError as e:  # Python converts integers of at most 4,300 digits
        line, column = _find_json_token(text, _LONG_INTEGER)
        raise _ReadError(
            "invalid-number",
            "an integer of thousands of digits is not a number a record can hold",
            "", line, column,
        ) from e  # fmt: skip
    except _JsonConstantError as e:
        line, column = _find_json_token(text, _CONSTANT)
        raise _ReadError(e.code, e.message, "", line, column) from e
    except _DuplicateJsonKeyError as e:
        code, pointer, line, column = _scan_json(text)[1] or (e.code, "", 1, 1)
        if code == "too-deep":
            raise _json_too_deep(text) from e
        raise _ReadError(e.code, e.message, pointer, line, column) from e
    limit = _json_over_limit(value)
    if limit == "too-deep":
        raise _json_too_deep(text)
    if limit is not None:
        raise _ReadError(
            "file-too-large",
            f"the file holds more than {MAX_VALUES:,} values, the limit: "
            "split it into several record files",
            "", 1, 1,
        )  # fmt: skip
    return value


def _json_over_limit(value: Any) -> str | None:
    """Which limit a JSON value passes, "too-deep" or "too-many" (values), if any."""
    level, depth, values = [value], 0, 1
    while level:  # one level at a time: no recursion, no tuple per value
        depth += 1
        below: list[Any] = []
        for item in level:
            if type(item) is dict:
                item = item.values()  # noqa: PLW2901 - its children are what count
            elif type(item) is not list:
                continue
            if depth > MAX_DEPTH:
                return "too-deep"
            values += len(item)
            if values > MAX_VALUES:
                return "too-many"
            below += item
        level = below
    return None


def _json_too_deep(text: str) -> _ReadError:
    problem = _scan_json(text)[1]
    pointer, line, column = problem[1:] if problem else ("", 1, 1)
    return _ReadError(
        "too-deep", f"values nest deeper than the limit of {MAX_DEPTH}", pointer, line, column
    )


_CONSTANT = "(-?Infinity|NaN)"
_LONG_INTEGER = r"(-?[0-9]{4301,})"


def _find_json_token(text: str, token: str) -> tuple[int, int]:
    """Where the first bare token (a regular expression group) stands, skipping strings."""
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|' + token, text):
        if match.group(1):
            before = text[: match.start()]
            return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
    return 1, 1


def _json_key(token: str) -> str:
    try:
        key = json.loads(token, strict=False)
    except ValueError:
        return token
    return key if isinstance(key, str) else token


_JSON_LEXEME = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def _scan_json(text: str) -> tuple[dict[str, Position], tuple[str, str, int, int] | None]:
    """The position of every value in JSON text, and its first duplicate key or too deep level.

    Reading it as YAML instead would lose valid JSON that libyaml refuses (a key and its
    colon on two lines, a key longer than 1,024 characters, a lone surrogate escape). Text
    that is not JSON gets the positions that can be made out. Lines count LF, as `json` does.
    """
    table: dict[str, Position] = {}
    frames: list[list[Any]] = []  # [is_map, keys seen, key or index, key line, key column]
    path: list[str | int] = []
    line, line_start, last, expect_key = 1, 0, 0, False
    for match in _JSON_LEXEME.finditer(text):
        start, token = match.start(), match.group()
        breaks = text.count("\n", last, start)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", last, start) + 1
        last = match.end()
        column = start - line_start + 1
        if token in (",", ":"):
            expect_key = token == "," and bool(frames) and frames[-1][0]
            continue
        if token in ("}", "]"):
            if frames:
                frames.pop()
            if frames:
                path.pop()
            expect_key = False
            continue
        if expect_key:
            frame, key = frames[-1], _json_key(token)
            if key in frame[1]:
                return table, ("duplicate-key", pointer_of([*path, key]), line, column)
            frame[1].add(key)
            frame[2:] = [key, line, column]
            expect_key = False
            continue
        if frames:
            frame = frames[-1]
            if frame[0]:
                here, key_line, key_column = frame[2], frame[3], frame[4]
            else:
                here, key_line, key_column = frame[2], line, column
                frame[2] += 1
            pointer = pointer_of([*path, here])
        else:
            pointer, key_line, key_column = "", line, column
        table[pointer] = Position(line, column, key_line, key_column)
        if token in ("{", "["):
            if len(frames) >= MAX_DEPTH:
                return table, ("too-deep", pointer, line, column)
            if frames:
                path.append(here)
            frames.append([token == "{", set(), 0, line, column])
            expect_key = token == "{"
    return table, None


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
        # libyaml counts NEL, LS and PS as line breaks; only a file that holds one needs
        # its lines counted again, the way editors and GitHub count them.
        self.line_starts = _line_starts(text) if any(c in text for c in _ODD_BREAKS) else None

    def _where(self, mark: Any) -> tuple[int, int]:
        if self.line_starts is None:
            return mark.line + 1, mark.column + 1
        return _line_column(self.line_starts, mark.index)

    def build(self) -> Any:
        parser = _Parser(self.text)
        try:
            return self._build(parser)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            line, column = self._where(mark) if mark else (1, 1)
            problem = e.problem or e.context or "invalid YAML"
            raise _ReadError(
                "yaml-syntax", f"invalid YAML: {problem}", pointer_of(self.path), line, column
            ) from e
        except yaml.reader.ReaderError as e:  # a character YAML refuses; its offset is in bytes
            index = len(self.text.encode("utf-8")[: e.position].decode("utf-8", "ignore"))
            line, column = _line_column(_line_starts(self.text), index)
            what = f"U+{e.character:04X}" if isinstance(e.character, int) else "a character"
            raise _ReadError(
                "yaml-syntax", f"invalid YAML: {what}: {e.reason}", "", line, column
            ) from e
        except yaml.YAMLError as e:
            raise _ReadError("yaml-syntax", f"invalid YAML: {e}", "", 1, 1) from e
        finally:
            parser.dispose()

    def _fail(self, code: str, message: str, mark: Any) -> _ReadError:
        return _ReadError(code, message, pointer_of(self.path), *self._where(mark))

    def _too_many(self, event: Any) -> _ReadError:
        return self._fail(
            "file-too-large",
            f"the file holds more than {MAX_VALUES:,} values, the limit: "
            "split it into several record files",
            event.start_mark,
        )

    def _build(self, parser: Any) -> Any:  # noqa: PLR0915 - one flat dispatch loop
        check_event, get_event = parser.check_event, parser.get_event
        want_positions = self.want_positions
        path = self.path
        stack: list[_Frame] = []
        top: _Frame | None = None
        documents = values = 0
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
                values += 1
                if values > MAX_VALUES:
                    raise self._too_many(event)
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
                values += size
                if values > MAX_VALUES:
                    raise self._too_many(event)
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
        line, column = self._where(mark)
        if top is None:
            self.positions[""] = Position(line, column, line, column)
        elif top.is_map:
            pointer = pointer_of([*self.path, top.key])  # type: ignore[list-item]
            key_mark = top.key_mark
            self.positions[pointer] = Position(line, column, *self._where(key_mark))
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
