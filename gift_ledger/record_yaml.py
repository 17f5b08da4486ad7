"""Write records as YAML that people can read and the ledger's reader reads back exactly.

Text is written plain (unquoted) only when it cannot be read as anything else: it starts
with a letter, holds no ``#``, no ``: ``, no control characters or line breaks, does not
end with a space or ``:``, and is not a word that some YAML reader takes for a boolean or
null (``yes``, ``no``, ``null``...). In a list written ``[a, b]`` it holds only letters,
digits, spaces and ``. ' ( ) / & _ -``. Everything else is double-quoted on one line, with
every character that YAML cannot hold literally (control characters, line and paragraph
separators, a byte order mark) escaped.
Dates that YAML reads as intended (``2024-06-19``, ``2024-06``, ``2012``) stay plain, as
the record contract writes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["DATE_FIELDS", "IMPLIED", "as_written", "dump_records", "scalar"]

DATE_FIELDS = frozenset(("date", "published", "until"))
"""Keys whose values are EDTF dates."""

_PLAIN_IN_FLOW = re.compile(r"[^\W\d_][\w .'()/&-]*")
_PLAIN = re.compile(r"[^\W\d_][^#]*")
_PLAIN_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}")
# Words that YAML 1.1 or 1.2 readers take for booleans or null, whatever their case.
_YAML_WORDS = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan"))
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _printable(char: str) -> bool:
    """Whether YAML may hold the character literally inside double quotes on one line."""
    code = ord(char)
    if code in (0x85, 0x2028, 0x2029, 0xFEFF):  # line breaks to YAML; a stray BOM
        return False
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if _printable(char):
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def _quoted(text: str) -> str:
    return '"' + "".join(_escape(char) for char in text) + '"'


def scalar(value: Any, key: str = "", *, flow: bool = False) -> str:
    """One value as a YAML scalar on one line; key names the field (dates stay plain).

    flow: the value is a member of a list written ``[a, b]``, where ``,[]{}`` end a value.
    """
    if isinstance(value, bool):
        raise TypeError("records hold no booleans")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same float
    if not isinstance(value, str):
        raise TypeError(f"not a scalar: {value!r}")
    if key in DATE_FIELDS and _PLAIN_DATE.fullmatch(value):
        return value
    if value.lower() in _YAML_WORDS or value.endswith((" ", ":")) or ": " in value:
        return _quoted(value)
    plain = _PLAIN_IN_FLOW if flow else _PLAIN
    if plain.fullmatch(value) and all(map(_printable, value)):
        return value
    return _quoted(value)


def _flow_list(values: Sequence[Any], key: str) -> str:
    return "[" + ", ".join(scalar(value, key, flow=True) for value in values) + "]"


def _mapping_lines(mapping: Mapping[str, Any], indent: str, first: str) -> Iterable[str]:
    """Lines of a block mapping; the first line starts with ``first`` (e.g. ``- ``)."""
    lead = first
    for key, value in mapping.items():
        if isinstance(value, Mapping):
            yield f"{indent}{lead}{key}:"
            yield from _mapping_lines(value, indent + " " * len(lead) + "  ", "")
        elif isinstance(value, list | tuple) and value and isinstance(value[0], Mapping):
            yield f"{indent}{lead}{key}:"
            for member in value:
                yield from _mapping_lines(member, indent + " " * len(lead) + "  ", "- ")
        elif isinstance(value, list | tuple):
            yield f"{indent}{lead}{key}: {_flow_list(value, key)}"
        else:
            yield f"{indent}{lead}{key}: {scalar(value, key)}"
        indent, lead = indent + " " * len(lead), ""


def dump_records(records: Iterable[Mapping[str, Any]], header: str = "") -> str:
    """A record file: a YAML list of the records, a blank line between two records.

    The records hold text, whole numbers, decimals, lists and mappings; leave out values
    that are None and lists that are empty (a None value raises TypeError).
    """
    blocks = ["\n".join(_mapping_lines(record, "", "- ")) for record in records]
    head = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return head + ("\n" if head and blocks else "") + "\n\n".join(blocks) + "\n"


def as_written(record: BaseModel) -> dict[str, Any]:
    """A record as people type it: ``type`` and ``id`` first, ``notes`` last, dates as EDTF
    text, and no empty values (absent optional fields and empty lists are left out)."""
    values = _without_empty(record.model_dump(mode="json", exclude_none=True))
    for key, implied in IMPLIED.items():
        if values.get(key) == implied:
            del values[key]
    ordered = {key: values.pop(key) for key in ("type", "id") if key in values}
    notes = values.pop("notes", None)
    ordered.update(values)
    if notes is not None:
        ordered["notes"] = notes
    return ordered


IMPLIED = {"transfer": "gift"}
"""Defaults that go without saying: a gift is a gift unless it says it is a loan."""


def _without_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v != []}
    if isinstance(value, list):
        return [_without_empty(member) for member in value]
    return value
