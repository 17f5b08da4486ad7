"""Finding a quote in an archived text, by the record contract's rules and nothing else.

The rules (docs/record-format.md, "Quote matching"):

1. The quote and the text are put in Unicode normalization form NFC, so that a precomposed
   ``é`` equals ``e`` followed by U+0301.
2. Invisible format characters (general category Cf: soft hyphen, zero-width space, joiners,
   U+FEFF, bidirectional marks) are removed from both.
3. Every run of Unicode ``White_Space`` characters is one space. Other control characters
   (U+001F, say) are not whitespace and must match exactly. A run that holds a blank line
   (two line ends, CR LF counting as one) or U+2029 PARAGRAPH SEPARATOR is a paragraph
   break: it too matches one space, but the segments of an elided quote must all lie in one
   paragraph.
4. Every ``Quotation_Mark`` character (straight, typographic, double and single
   guillemets, corner brackets) matches every other, and every dash (category Pd, and
   U+2212 MINUS SIGN) matches every other.
5. A match begins and ends at a word boundary as Unicode defines it (UAX #29), which never
   falls inside a word or between a character and its combining marks: ``a horse`` is not
   found in "a horseshoe", nor ``cafe`` in "café", whatever its normal form.
6. Letter case must match.
7. An ellipsis (``…``, ``...``, ``[…]`` or ``[...]``) with a space on each side separates
   segments of at least two words each; the segments must be found in that order, within
   one paragraph. A quote whose words are all found as written needs no elision.

`normalize` gives the text as matching sees it (paragraph breaks as ``\\n``, every other
whitespace run as one space); `find_quote` finds a quote in such a text and says where each
segment is, in positions of the normalized text (`gift_ledger.check.offsets` maps them back to
the archived text).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import regex

__all__ = [
    "QuoteMatch",
    "contains_quote",
    "find_quote",
    "flat_text",
    "normalize",
    "normalized_quote",
    "segments_of",
    "segments_of_normalized",
]

# The Unicode sets the rules name, as `re` character classes: `re` scans them ten times
# faster than `regex` does its \p{...} properties. tests/test_quotes.py holds each equal to
# the property as the `regex` package has it, for its version of Unicode.
WHITE_SPACE_BUT_SPACE = (
    r"\u0009-\u000d\u0085\u00a0\u1680\u2000-\u200a\u2028-\u2029\u202f\u205f\u3000"
)
WHITE_SPACE = " " + WHITE_SPACE_BUT_SPACE
"""Characters with the property White_Space."""
FORMAT_BMP = (
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
"""Characters of general category Cf in the Basic Multilingual Plane (below U+10000)."""
FORMAT = FORMAT_BMP + (
    r"\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    r"\U000e0001\U000e0020-\U000e007f"
)
"""Characters of general category Cf."""
QUOTATION_MARKS = (
    r"\u0022\u0027\u00ab\u00bb\u2018-\u201f\u2039-\u203a\u2e42\u300c-\u300f\u301d-\u301f"
    r"\ufe41-\ufe44\uff02\uff07\uff62-\uff63"
)
"""Characters with the property Quotation_Mark."""
DASHES = (
    r"\u002d\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a-\u2e3b\u2e40\u2e5d"
    r"\u301c\u3030\u30a0\ufe31-\ufe32\ufe58\ufe63\uff0d\U00010d6e\U00010ead\u2212"
)
"""Characters of general category Pd, and U+2212 MINUS SIGN."""

_FORMAT = re.compile(f"[{FORMAT}]+")
_QUOTE_MARK = re.compile(f"[{QUOTATION_MARKS}]")
_DASH = re.compile(f"[{DASHES}]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_WHITE_SPACE = re.compile(f"[{WHITE_SPACE}]+")
# `str.split()` splits on White_Space and also on these four, which are not White_Space.
_SEPARATORS = "\x1c\x1d\x1e\x1f"
_LINE_ENDS = "\n\v\f\r\x85\u2028\u2029"
_LINE_END = r"(?>\r\n|[\n\v\f\r\x85\u2028])"
PARAGRAPH_BREAK = re.compile(f"{_LINE_END}[{WHITE_SPACE}]*?{_LINE_END}|\u2029")
"""The core of a whitespace run that ends a paragraph."""
_BOUNDARY = regex.compile(r"\b", regex.WORD)
_ELLIPSIS = re.compile(r" (?:…|\.\.\.|\[…\]|\[\.\.\.\]) ")

QUOTE_MARK = "'"
"""What every quotation mark becomes in a normalized text."""
DASH = "-"
"""What every dash becomes in a normalized text."""


def normalize(text: str) -> str:
    """The text as matching sees it: rules 1 to 4, paragraph breaks as one ``\\n``."""
    if text.isascii() and text.isprintable():
        # Most quotes: plain ASCII on one line, where only straight double quotation marks
        # and runs of spaces change. Three times as fast as the whole of the rules below.
        return " ".join(text.replace('"', QUOTE_MARK).split())
    return _normalize_any(text)


def _normalize_any(text: str) -> str:
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        # Which characters beyond ASCII occur, then those that change replaced where they
        # are: an article has a few kinds, often many of each. Five times as fast as
        # scanning for every quotation mark, dash and format character.
        for character in set(_NOT_ASCII.findall(text)):
            if (plain := _plain(character)) is not None:
                text = text.replace(character, plain)
    if '"' in text:
        text = text.replace('"', QUOTE_MARK)
    if any(separator in text for separator in _SEPARATORS):
        return _paragraphs_by_pattern(text)
    return _paragraphs_by_lines(text)


@functools.lru_cache(maxsize=4096)
def _plain(character: str) -> str | None:
    """What a character beyond ASCII becomes by rules 2 and 4, None if it stays."""
    if _FORMAT.match(character):
        return ""
    if _QUOTE_MARK.match(character):
        return QUOTE_MARK
    return DASH if _DASH.match(character) else None


def _paragraphs_by_pattern(text: str) -> str:
    """Rule 3 on any text: each paragraph's whitespace runs as one space, one paragraph a line."""
    separated = any(separator in text for separator in _SEPARATORS)
    split = _split_white_space if separated else str.split
    broken = any(end in text for end in _LINE_ENDS) and PARAGRAPH_BREAK.search(text)
    paragraphs = PARAGRAPH_BREAK.split(text) if broken else [text]
    return "\n".join(filter(None, (" ".join(split(paragraph)) for paragraph in paragraphs)))


def _paragraphs_by_lines(text: str) -> str:
    """`_paragraphs_by_pattern` for a text without `_SEPARATORS`, four times as fast.

    Without them, `str.splitlines` splits at exactly the line ends of rule 3 and at U+2029,
    and `str.split` at White_Space: a paragraph break is a line of White_Space alone
    between two lines of words, or a U+2029.
    """
    paragraphs = []
    for part in text.split("\u2029"):
        words: list[str] = []
        for line in part.splitlines():
            if on_line := line.split():
                words += on_line
            elif words:
                paragraphs.append(" ".join(words))
                words = []
        if words:
            paragraphs.append(" ".join(words))
    return "\n".join(paragraphs)


def _split_white_space(text: str) -> list[str]:
    return [word for word in _WHITE_SPACE.split(text) if word]


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a quote was found: one (start, end) span per segment, in the normalized text."""

    segments: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def segments_of(quote: str) -> list[str] | None:
    """The segments of an elided quote (normalized), or None if it elides nothing.

    An ellipsis counts as an elision only when every segment has at least two words.
    """
    return segments_of_normalized(_flat(normalize(quote)))


def segments_of_normalized(needle: str) -> list[str] | None:
    """`segments_of` a quote already normalized, with paragraph breaks as spaces."""
    if "." not in needle and "…" not in needle:
        return None
    parts = _ELLIPSIS.split(needle)
    if len(parts) < 2 or any(part.count(" ") < 1 for part in parts):
        return None
    return parts


def find_quote(text: str, quote: str, *, elisions: bool = True) -> QuoteMatch | None:
    """Where the quote is in a text already passed through `normalize`, or None.

    The quote is first looked for as written; if it is not found and it elides words
    (rule 7, and `elisions` is true), its segments are looked for in one paragraph.
    """
    needle = normalized_quote(quote)
    if not needle:
        return None
    flat = flat_text(text)
    start = _find_bounded(flat, needle, 0, len(flat))
    if start >= 0:
        return QuoteMatch(((start, start + len(needle)),))
    if not elisions:
        return None
    segments = segments_of_normalized(needle)
    return None if segments is None else _find_segments(text, segments)


def contains_quote(text: str, quote: str, *, elisions: bool = True) -> bool:
    """Whether the quote is in a text already passed through `normalize`."""
    return find_quote(text, quote, elisions=elisions) is not None


@functools.lru_cache(maxsize=64)
def normalized_quote(quote: str) -> str:
    """The quote as matching sees it, paragraph breaks and all as spaces.

    Kept for a while: a quote that is not found is normalized again for its hint.
    """
    return _flat(normalize(quote))


def flat_text(text: str) -> str:
    """A text already normalized, its paragraph breaks as spaces: where a quote is looked
    for. The last few of up to a mebibyte are kept: the records that cite a source are
    often near one another (and an archived text may be as long as 16 MiB)."""
    return _flat_kept(text) if len(text) <= _KEPT_TEXT else _flat(text)


_KEPT_TEXT = 1 << 20


@functools.lru_cache(maxsize=16)
def _flat_kept(text: str) -> str:
    return _flat(text)


def _flat(text: str) -> str:
    """Paragraph breaks as spaces: a quote (or a segment) may not tell them apart."""
    return text.replace("\n", " ") if "\n" in text else text


def _find_bounded(text: str, needle: str, start: int, end: int) -> int:
    """The first index in text[start:end] where needle begins and ends at word boundaries."""
    while (found := text.find(needle, start, end)) >= 0:
        if _BOUNDARY.match(text, found) and _BOUNDARY.match(text, found + len(needle)):
            return found
        start = found + 1
    return -1


def _find_segments(text: str, segments: list[str]) -> QuoteMatch | None:
    """The segments in order, all in one paragraph; the earliest such paragraph wins."""
    paragraph_start = 0
    while paragraph_start <= len(text):
        paragraph_end = text.find("\n", paragraph_start)
        if paragraph_end < 0:
            paragraph_end = len(text)
        spans = _in_order(text, segments, paragraph_start, paragraph_end)
        if spans is not None:
            return QuoteMatch(spans)
        paragraph_start = paragraph_end + 1
    return None


def _in_order(
    text: str, segments: list[str], start: int, end: int
) -> tuple[tuple[int, int], ...] | None:
    """Each segment at its earliest place after the one before, within text[start:end]."""
    spans = []
    for segment in segments:
        found = _find_bounded(text, segment, start, end)
        if found < 0:
            return None
        start = found + len(segment)
        spans.append((found, start))
    return tuple(spans)
