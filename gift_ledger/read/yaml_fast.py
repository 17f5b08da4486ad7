"""A compiled fast path for YAML record files, taken only where it gives the exact values.

`read_yaml` is how a YAML record file is read. It first offers the file to ryaml (libyaml's
own scanner and parser, the C code transpiled to Rust, with the values made in Rust),
which reads the generated ledgers twice as fast as the exact reader, `YamlBuilder`, which
builds them from libyaml's events in Python. Being libyaml, ryaml refuses the same syntax;
where it differs is in what it makes of what it reads, and only there:

- plain ``0x1F``, ``0o17`` and ``0b101`` are integers to ryaml (text to the ledger),
  integers of 19 digits or more are integers or floats (text), and ``1e309`` is text
  (infinity);
- a key is read like a value (``1``, ``true``, ``null`` are not text), where the ledger
  keeps every key as text;
- tags are accepted and aliases expanded within ryaml's own limits, not the ledger's;
- the ledger's limits (nesting depth, values per file) are unknown to it.

So the fast path declines a file, and the exact reader reads it, unless searches of its
bytes at C speed (`bytes.translate`, `find`, a regular expression that starts with a
literal) show it holds none of the first and third kinds and fewer values than the limit;
the value ryaml gives is kept only if orjson, indenting it, finds every key text and the
nesting below the limit. Whatever ryaml refuses is declined too. A file the fast path reads
has no reading problem and the values the exact reader would give; every file with a
problem is read, and its problem reported, by the exact reader.

ryaml is the optional extra ``gift-ledger[fast]``. Without it, or with the environment
variable ``GIFT_LEDGER_YAML_FAST=0``, every file is read by the exact reader.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from itertools import islice
from typing import Any, Final

import orjson

from .limits import MAX_DEPTH, MAX_VALUES
from .yaml import RecordPlaces, YamlBuilder

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


def read_yaml(text: str) -> tuple[Any, RecordPlaces | None]:
    """The value of a YAML record file, exactly as `YamlBuilder` gives it, and where its
    records begin if the exact reader read it (the fast path notes nothing).

    Raises `ReadError` for a file that cannot be read, always from the exact reader.
    """
    if ENABLED:
        value = fast_value(text)
        if value is not DECLINED:
            return value, None
    builder = YamlBuilder(text)
    return builder.build(), builder.places


def _table(default: bytes, **classes: bytes) -> bytes:
    """A `bytes.translate` table: every byte to `default`, those named to their class."""
    table = bytearray(default * 256)
    for cls, members in classes.items():
        for byte in members:
            table[byte] = ord(cls)
    return bytes(table)


# The searches below are chosen for speed as much as for their meaning: a search for one
# byte runs at memory speed, one for a short pattern of common bytes at a fraction of
# it, so a rare byte or pattern is looked for first, and its context only where found.

_RISKY = tuple(bytes([byte]) for byte in b"!&*%?")
"""A token starting with one of these is a tag (``!``), an anchor (``&``), an alias
(``*``), a directive (``%``) or an explicit key (``?``: libyaml 0.2.6 reads a few of those
in flow collections otherwise than the 0.2.5 inside ryaml)."""
_PREFIXED = re.compile(rb"0[xob]")
"""Where ryaml may read an integer the ledger reads as text: 0x1F, 0o17, 0b101."""
_ALNUM = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_SHAPE = _table(
    b" ",  # whitespace, line breaks, indicators, quotes, anything not ASCII
    a=_ALNUM.translate(None, b"0xob"),
    x=b"xob",
    **{"0": b"0", "!": b"".join(_RISKY), "+": b"+-"},
)
"""Bytes by class, to find what starts a token. Any byte but a letter or a digit may stand
before one, so all of them are spaces here: a false alarm only costs the exact reader."""
_TOKEN_STARTS = (b" !", b" 0x", b" +0x")
_FIRST_TOKENS = tuple(token[1:] for token in _TOKEN_STARTS)
_SPACE, _SIGN = ord(" "), ord("+")
_FEW_HITS = 64
"""Up to this many risky bytes and prefixes, each is looked at on its own; past it, the
patterns are searched for in the whole file, at C speed whatever it holds."""
_DIGITS = _table(b" ", **{"0": b"0123456789.", "e": b"eE", "+": b"+-"})
_LONG_NUMBERS = (b"0" * 19, b"0e000", b"0e+000")
"""Runs of 19 digits (the ledger's integers have at most 18; a decimal point counts as a
digit here) and exponents of three digits or more (1e309 overflows: the ledger reads
infinity, ryaml text)."""
_TOO_DEEP = b"\n" + b"  " * (MAX_DEPTH - 1)
"""In orjson's output indented by two spaces, the entries of a collection nested
`MAX_DEPTH` - 1 deep: strings cannot hold a line break there (JSON escapes it), and a
collection the exact reader refuses (the limit's next level) sits in one of those."""
_VALUE_MARKS = (b":", b"-", b"?", b",", b"[", b"{")
"""Every value but the file's own follows one of these: a mapping's value its key's
``:`` (or ``?``), a sequence's entry its ``-``, a flow collection's entry its ``[``,
``{`` or ``,``. So a file has at most one value more than it has of these bytes."""


def fast_value(text: str) -> Any:
    """The file's value read by ryaml, or `DECLINED` where it might differ from the exact
    reader's (or ryaml refuses the file)."""
    if _loads is None:  # pragma: no cover - depends on the optional extra `fast`
        return DECLINED
    # A byte order mark after the one the file reader removes: libyaml drops it at the
    # start of a document, ryaml keeps a second one as text.
    if "\ufeff" in text:
        return DECLINED
    data = text.encode("utf-8")
    if _risky_token(data) or _long_number(data):
        return DECLINED
    # Bounded before ryaml reads: it would build every value of a file of millions in
    # memory, and a Rust program that runs out of memory aborts the process. A file of
    # fewer bytes than the limit has fewer values: each follows a byte of its own.
    if len(data) >= MAX_VALUES - 1 and 1 + sum(map(data.count, _VALUE_MARKS)) >= MAX_VALUES:
        return DECLINED
    try:
        value = _loads(text)
    except Exception:  # any refusal: the exact reader says what is wrong
        return DECLINED
    try:
        indented = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except TypeError:  # a key that is not text (or nesting past orjson's own limit)
        return DECLINED
    return DECLINED if _TOO_DEEP in indented else value


def _risky_token(data: bytes) -> bool:
    """Whether a token may start with a tag, anchor, alias, directive, explicit key, or an
    integer's 0x, 0o or 0b."""
    prefixes = [match.start() for match in islice(_PREFIXED.finditer(data), _FEW_HITS + 1)]
    if not prefixes and not any(byte in data for byte in _RISKY):
        return False
    shape = data.translate(_SHAPE)
    if shape.startswith(_FIRST_TOKENS):
        return True
    if shape.count(b"!") + len(prefixes) > _FEW_HITS:  # many: search for the patterns
        return any(token in shape for token in _TOKEN_STARTS)
    at = shape.find(b"!")  # few: look at the byte before each
    while at != -1:
        if shape[at - 1] == _SPACE:
            return True
        at = shape.find(b"!", at + 1)
    return any(_starts_token(shape, at) for at in prefixes)


def _starts_token(shape: bytes, at: int) -> bool:
    """Whether the integer prefix (``0x``) at `at` starts a token, maybe after a sign."""
    if at > 0 and shape[at - 1] == _SIGN:
        at -= 1
    return at == 0 or shape[at - 1] == _SPACE


def _long_number(data: bytes) -> bool:
    """Whether the file may hold an integer of 19 digits or more, or a number whose
    exponent has three digits."""
    digits = data.translate(_DIGITS)
    return any(number in digits for number in _LONG_NUMBERS)
