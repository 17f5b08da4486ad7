"""Finding a quote in an archived article, as the record contract defines a match.

Matching ignores differences of whitespace, of straight versus typographic quotes and
apostrophes, and of dash characters; nothing else (not case, not other punctuation).
"""

from __future__ import annotations

import re

__all__ = ["contains_quote", "normalize"]

_QUOTES = {ord(c): '"' for c in "“”„‟«»"} | {ord(c): "'" for c in "‘’‚‛‹›"}
_DASHES = {ord(c): "-" for c in "‐‑‒–—―−⁃﹘﹣－"}
_TABLE = _QUOTES | _DASHES
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The text as matching sees it: quotes and dashes made plain, whitespace runs one space."""
    if not text.isascii():  # typographic quotes and dashes are never ASCII
        text = text.translate(_TABLE)
    return _SPACE.sub(" ", text).strip()


def contains_quote(normalized_text: str, quote: str) -> bool:
    """Whether the quote occurs in a text already passed through `normalize`."""
    needle = normalize(quote)
    return bool(needle) and needle in normalized_text
