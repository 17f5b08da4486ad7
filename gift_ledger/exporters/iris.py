"""URLs and base IRIs as valid IRIs (RFC 3987) in the JSON-LD export (issue #18).

The record contract takes any http(s) URL without whitespace, so a source's `url` may hold
control characters, a `%` that starts no escape, a second `#` or characters that IRIs
forbid; `as_iri` percent-encodes each of those (as UTF-8 bytes) and leaves the rest as
written, non-ASCII letters included. `--base` is the user's own: it is refused, not
repaired, when it is not already such an IRI.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

__all__ = ["as_iri", "base_problem"]

_KEPT = frozenset(string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@/?")
"""ASCII an IRI holds as it is outside its host: unreserved, sub-delims, : @ / ?"""
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")
_KEPT_CLASS = "[" + "".join(re.escape(char) for char in sorted(_KEPT)) + "]*"
_PLAIN = re.compile(f"{_KEPT_CLASS}(?:#{_KEPT_CLASS})?")
"""A URL of `_KEPT` characters alone and at most one ``#`` (most): an IRI as it is."""
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _ucschar(char: str) -> bool:
    """Whether RFC 3987 lets the non-ASCII character stand as it is (`ucschar`)."""
    code = ord(char)
    if char in _BIDI_CONTROLS:  # RFC 3987 section 4.1: never in an IRI
        return False
    if 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF:
        return True
    return 0x10000 <= code <= 0xEFFFD and code & 0xFFFF <= 0xFFFD and not 0xE0000 <= code < 0xE1000


def _encoded(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def _kept(url: str) -> Iterator[tuple[str, bool]]:
    """Each character of the URL, and whether an IRI may hold it there as it is."""
    authority = _AUTHORITY.match(url)
    host_end = authority.end() if authority else 0
    in_fragment = False
    for index, char in enumerate(url):
        if char == "#":  # the first starts the fragment; a fragment holds no other
            yield char, not in_fragment
            in_fragment = True
        elif char == "%":
            yield char, bool(_ESCAPE.match(url, index))
        elif char in "[]":  # only in an IPv6 host: http://[::1]/
            yield char, index < host_end
        else:
            yield char, char in _KEPT or (char > "\x7f" and _ucschar(char))


def as_iri(url: str) -> str:
    """The URL with what an IRI cannot hold percent-encoded, everything else as written."""
    if _PLAIN.fullmatch(url):
        return url
    return "".join(char if kept else _encoded(char) for char, kept in _kept(url))


def base_problem(base: str) -> str | None:
    """What keeps base from being an IRI as it is, or None."""
    for index, (char, kept) in enumerate(_kept(base), start=1):
        if kept:
            continue
        if char == "%":
            return f"the '%' at character {index} starts no escape (%XX)"
        if char == "#":
            return f"it has a second '#', at character {index}"
        return f"it holds {char!r} at character {index}, which an IRI cannot hold"
    return None
