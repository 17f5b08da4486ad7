"""JSON record files: read with the standard library, located by a scanner of its own.

`json` reports syntax errors with their line and column; duplicate keys, NaN and Infinity,
integers of thousands of digits and values nested past the limit are refused and located
by `scan_json`, which also gives the position of every value it can make out (for text
that `json_positions` finds is not JSON).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..diagnostics import Code, pointer_of
from .limits import MAX_DEPTH, MAX_VALUES
from .positions import Position, ReadError

__all__ = ["load_json", "scan_json"]


def load_json(text: str) -> Any:
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
        raise ReadError("json-syntax", f"invalid JSON: {e.msg}", "", e.lineno, e.colno) from e
    except RecursionError as e:
        raise _json_too_deep(text) from e
    except ValueError as e:  # Python converts integers of at most 4,300 digits
        line, column = _find_json_token(text, _LONG_INTEGER)
        raise ReadError(
            "invalid-number",
            "an integer of thousands of digits is not a number a record can hold",
            "", line, column,
        ) from e  # fmt: skip
    except _JsonConstantError as e:
        line, column = _find_json_token(text, _CONSTANT)
        raise ReadError(e.code, e.message, "", line, column) from e
    except _DuplicateJsonKeyError as e:
        code, pointer, line, column = scan_json(text)[1] or (e.code, "", 1, 1)
        if code == "too-deep":
            raise _json_too_deep(text) from e
        raise ReadError(e.code, e.message, pointer, line, column) from e
    limit = _json_over_limit(value)
    if limit == "too-deep":
        raise _json_too_deep(text)
    if limit is not None:
        raise ReadError(
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


def _json_too_deep(text: str) -> ReadError:
    problem = scan_json(text)[1]
    pointer, line, column = problem[1:] if problem else ("", 1, 1)
    return ReadError(
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


def scan_json(text: str) -> tuple[dict[str, Position], tuple[str, str, int, int] | None]:
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
    code: Code = "duplicate-key"

    def __init__(self, key: str) -> None:
        self.message = f"key {key!r} appears twice in one mapping: keep one"
        super().__init__(self.message)


class _JsonConstantError(Exception):
    code: Code = "invalid-number"

    def __init__(self, name: str) -> None:
        self.message = f"{name} is not a number a record can hold"
        super().__init__(self.message)
