"""Finding a quote in an archived article, as the record contract defines a match.

Matching ignores differences of whitespace, of straight versus typographic quotes and
apostrophes, and of dash characters; nothing else (not case, not other punctuation).
"""

from __future__ import annotations

import re

__all__ = ["contains_quote", "normalize"]

# One pattern per replacement: re.sub runs in C, where str.translate with a table looks
# up every character of an article in a dict.
_PLAIN = (
    (re.compile("[“”„‟«»]"), '"'),
    (re.compile("[‘’‚‛‹›]"), "'"),
    (re.compile("[‐‑‒–—―−⁃﹘﹣－]"), "-"),
)


def normalize(text: str) -> str:
    """The text as matching sees it: quotes and dashes made plain, whitespace runs one space."""
    if not text.isascii():  # typographic quotes and dashes are never ASCII
        for pattern, plain in _PLAIN:
            text = pattern.sub(plain, text)
    return " ".join(text.split())


def contains_quote(normalized_text: str, quote: str) -> bool:
    """Whether the quote occurs in a text already passed through `normalize`."""
    needle = normalize(quote)
    return bool(needle) and needle in normalized_text
