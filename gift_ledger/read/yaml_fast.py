"""A compiled fast path for YAML record files, taken only where it gives the exact values.

`read_yaml` is how a YAML record file is read. It first offers the file to ryaml (libyaml's
own scanner and parser, the C code transpiled to Rust, with the values made in Rust), about
five times quicker than `YamlBuilder`, which builds them from libyaml's events in Python.
Being libyaml, ryaml refuses the same syntax; where it differs is in what it makes of
what it reads, and only there:

- plain ``0x1F``, ``0o17`` and ``0b101`` are integers to ryaml (text to the ledger),
  integers of 19 digits or more are integers or floats (text), and ``1e309`` is text
  (infinity);
- a key is read like a value (``1``, ``true``, ``null`` are not text), where the ledger
  keeps every key as text;
- tags are accepted and aliases expanded within ryaml's own limits, not the ledger's;
- the ledger's limits (nesting depth, values per file) are unknown to it.

So the fast path declines a file, and the exact reader reads it, unless searches of its
bytes at C speed (`bytes.translate`, `find`, `count`) show it holds none of the first and
third kinds, and its values' keys are all text; its depth and size are bounded from its
bytes, and its depth counted in its values only when the bound is not enough. Whatever ryaml
refuses is declined too. A file the fast path reads has no reading diagnostic and the
values the exact reader would give; every file with a reading problem is read, and its
problem reported, by the exact reader.

ryaml is the optional extra ``gift-ledger[fast]``. Without it, or with the environment
variable ``GIFT_LEDGER_YAML_FAST=0``, every file is read by the exact reader.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from typing import Any, Final

import orjson

from .limits import MAX_DEPTH, MAX_VALUES
from .yaml import YamlBuilder

_loads: Callable[[str], Any] | None
try:
    # ryaml re-exports its compiled `loads` without naming it in an `__all__`
    from ryaml import loads as _loads  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the optional extra `fast`
    _loads = None

__all__ = ["DECLINED", "ENABLED", "fast_value", "read_yaml"]

ENABLED: bool = _loads is not None and os.environ.get("GIFT_LEDGER_YAML_FAST", "1") != "0"
"""Whether YAML files are offered to the fast path: ryaml is installed, and the variable
``GIFT_LEDGER_YAML_FAST`` is not ``0`` (read once, when the package is imported)."""


class _Declined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "DECLINED"


DECLINED: Final = _Declined()
"""What `fast_value` returns for a file it leaves to the exact reader."""


def read_yaml(text: str) -> Any:
    """The value of a YAML record file, exactly as `YamlBuilder` gives it.

    Raises `ReadError` for a file that cannot be read, always from the exact reader.
    """
    if ENABLED:
        value = fast_value(text)
        if value is not DECLINED:
            return value
    return YamlBuilder(text, want_positions=False).build()


def _table(default: bytes, **classes: bytes) -> bytes:
    """A `bytes.translate` table: every byte to `default`, those named to their class."""
    table = bytearray(default * 256)
    for cls, members in classes.items():
        for byte in members:
            table[byte] = ord(cls)
    return bytes(table)


_ALNUM = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_SHAPE = _table(
    b" ",  # whitespace, line breaks, indicators, quotes, anything not ASCII
    a=_ALNUM.translate(None, b"0xob"),
    x=b"xob",  # the prefixes ryaml reads as integers: 0x1F, 0o17, 0b101
    **{"0": b"0", "!": b"!&*%?", "+": b"+-"},
)
"""Bytes by class, to find what starts a token: ``!`` is a tag, ``&`` an anchor, ``*`` an
alias, ``%`` a directive, ``?`` an explicit key (libyaml 0.2.6 reads a few of those in
flow collections differently from the 0.2.5 inside ryaml). Any byte but a letter or digit
may stand before a token, so all of them count as a space here: a false alarm only
costs the exact reader."""
_TOKEN_STARTS = (b" !", b" 0x", b" +0x")
_FIRST_TOKENS = tuple(token[1:] for token in _TOKEN_STARTS)
_DIGITS = _table(b" ", **{"0": b"0123456789", "e": b"eE", "+": b"+-", ".": b"."})
_LONG_NUMBERS = (b"0" * 19, b"0e000", b"0e+000", b".e000", b".e+000")
"""Runs of 19 digits (the ledger's integers have at most 18) and exponents of three
digits or more (1e309 overflows: the ledger reads infinity, ryaml text)."""
_RUN = _table(b"a", **{" ": b" \t-?:", "\n": b"\n\r\x85\xa8\xa9"})
"""Indentation and compact indicators (``- - -``, ``? ``, ``: ``) as spaces, and every
line break libyaml knows as a newline (the last bytes of NEL, LS and PS, and of any
other character ending so, which only makes the bound looser)."""
_DEEPEST_RUN = 23
"""Leading runs of at most this many columns: block collections nest at most two levels
per column (a mapping and a sequence at its key's column), so 2 × 23 + 2 levels."""
_MOST_FLOWS = 15
"""Flow collections (``[`` or ``{``) in a file whose depth is bounded from its bytes:
2 × 23 + 2 + 15 = 63 levels, within `MAX_DEPTH` (64)."""
_DEEP_LINE = b"\n" + b" " * (_DEEPEST_RUN + 1)
_VALUE_MARKS = (b":", b"-", b"?", b",", b"[", b"{")
"""Every value but the file's own follows one of these: a mapping's value its key's
``:`` (or ``?``), a sequence's entry its ``-``, a flow collection's entry its ``[``,
``{`` or ``,``. Counting them bounds the values from above."""


def fast_value(text: str) -> Any:
    """The file's value read by ryaml, or `DECLINED` where it might differ from the exact
    reader's (or ryaml refuses the file)."""
    if _loads is None:  # pragma: no cover - depends on the optional extra `fast`
        return DECLINED
    data = text.encode("utf-8")
    shape = data.translate(_SHAPE)
    if shape.startswith(_FIRST_TOKENS) or any(token in shape for token in _TOKEN_STARTS):
        return DECLINED
    digits = data.translate(_DIGITS)
    if any(number in digits for number in _LONG_NUMBERS):
        return DECLINED
    # Checked before ryaml reads: it would build every value of a file of millions in
    # memory, and a Rust program that runs out of memory aborts the process.
    if 1 + sum(data.count(mark) for mark in _VALUE_MARKS) >= MAX_VALUES:
        return DECLINED
    try:
        value = _loads(text)
    except Exception:  # any refusal: the exact reader says what is wrong
        return DECLINED
    if _shallow(data):
        try:
            orjson.dumps(value)  # refuses a key that is not text, at C speed
        except TypeError:
            return DECLINED
        return value
    return value if _keys_text_and_shallow(value) else DECLINED


def _shallow(data: bytes) -> bool:
    """Whether the bytes alone prove the file nests within the ledger's depth limit."""
    runs = data.translate(_RUN)
    if _DEEP_LINE in runs or runs.startswith(_DEEP_LINE[1:]):
        return False
    return data.count(b"[") + data.count(b"{") <= _MOST_FLOWS


def _keys_text_and_shallow(value: Any) -> bool:
    """Whether every key is text and no collection nests as deep as the limit, counted."""
    level, depth = [value], 0
    while level:  # one level at a time, like the JSON reader's count
        depth += 1
        below: list[Any] = []
        for item in level:
            children: Collection[Any]
            if type(item) is dict:
                if not all(type(key) is str for key in item):
                    return False
                children = item.values()
            elif type(item) is list:
                children = item
            else:
                continue
            if depth >= MAX_DEPTH:
                return False
            below.extend(children)
        level = below
    return True
