"""Positions in a normalized text mapped back to the archived text it came from.

`gift_ledger.check.quotes.normalize` makes the text that quotes are matched against; this module
makes the same text (a test holds them equal) and remembers where each part of it came
from, so that a match can be shown in, and exported as offsets of, the archived text: code
points of the text as read (UTF-8, without a byte order mark), as the W3C Web Annotation
`TextPositionSelector` counts them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from .quotes import (
    DASH,
    DASHES,
    FORMAT,
    FORMAT_BMP,
    PARAGRAPH_BREAK,
    QUOTATION_MARKS,
    QUOTE_MARK,
    WHITE_SPACE,
    WHITE_SPACE_BUT_SPACE,
)

__all__ = ["MappedText", "Positions", "map_text", "positions_of"]

# A character and what NFC may join to it: everything up to the next character that is a
# starter and stable under NFC (canonical combining class 0, NFC_Quick_Check Yes), where
# normalizing the parts one by one gives what normalizing the whole does. A stable
# character followed by another is left as it is.
_UNSTABLE = r"[\p{NFC_QC=M}\p{NFC_QC=N}\P{ccc=0}]"
_NFC_PIECE = regex.compile(rf"(?s).{_UNSTABLE}+|{_UNSTABLE}")
# Runs of whitespace and format characters that normalizing changes (`_changed_runs`):
# every such run holds a character of `_SPECIAL` (whitespace but a space, or a format
# character) or two spaces, or is a space at the start or the end of the text. A class
# with characters beyond U+FFFF is scanned three times as slowly as one without, and a
# text without them (most) is scanned for those below U+10000 alone.
# Each pattern matches from such a character to the end of its run.
_SPECIAL = re.compile(f"[{WHITE_SPACE_BUT_SPACE}{FORMAT}][{WHITE_SPACE}{FORMAT}]*")
_SPECIAL_BMP = re.compile(f"[{WHITE_SPACE_BUT_SPACE}{FORMAT_BMP}][{WHITE_SPACE}{FORMAT_BMP}]*")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_RUN = re.compile(f"[{WHITE_SPACE}{FORMAT}]*")
_WHITE_SPACE = re.compile(f"[{WHITE_SPACE}]")
_FORMAT = re.compile(f"[{FORMAT}]+")
_QUOTE_MARK = re.compile(f"[{QUOTATION_MARKS}]")
_DASH = re.compile(f"[{DASHES}]")


@dataclass(frozen=True, slots=True)
class _Map:
    """Stretches of a target string and the source they came from; what lies between was
    removed or replaced, and a span that ends next to it leaves it out.

    Stretch k is target[targets[k] : targets[k] + lengths[k]], made from
    source[sources[k] : sources[k] + source_lengths[k]]: copied unchanged, character by
    character, or (`whole`) replaced as one piece, which a span takes whole or not at all.
    """

    targets: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    source_lengths: list[int] = field(default_factory=list)
    whole: list[bool] = field(default_factory=list)

    def copied(self, target: int, source: int, length: int) -> None:
        if length:
            self._add(target, source, length, length, whole=False)

    def replaced(self, target: int, source: int, length: int, source_length: int) -> None:
        """target[target : target + length] was made from this piece of the source."""
        self._add(target, source, length, source_length, whole=True)

    def _add(
        self, target: int, source: int, length: int, source_length: int, *, whole: bool
    ) -> None:
        self.targets.append(target)
        self.sources.append(source)
        self.lengths.append(length)
        self.source_lengths.append(source_length)
        self.whole.append(whole)

    def start(self, position: int) -> int:
        """Where a span beginning at this target position begins in the source."""
        k = bisect_right(self.targets, position) - 1
        return self._back(k, position, to_end=False)

    def end(self, position: int) -> int:
        """Where a span ending at this target position ends in the source."""
        k = bisect_left(self.targets, position) - 1
        return self._back(k, position, to_end=True)

    def _back(self, k: int, position: int, *, to_end: bool) -> int:
        if k < 0:
            return 0
        offset = position - self.targets[k]
        if offset >= self.lengths[k]:
            return self.sources[k] + self.source_lengths[k]
        if not self.whole[k]:
            return self.sources[k] + offset
        return self.sources[k] + (self.source_lengths[k] if to_end else 0)


@dataclass(frozen=True, slots=True)
class Positions:
    """The way from positions of a normalized text back to the archived text it came from."""

    _maps: tuple[_Map, ...]
    """Applied last to first to go from the normalized text back to the original."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The code points of the original that the normalized text[start:end] came from."""
        for step in reversed(self._maps):
            start, end = step.start(start), step.end(end)
        return start, end


@dataclass(frozen=True, slots=True)
class MappedText:
    """An archived text, its normalized form, and the way from one to the other."""

    original: str
    normalized: str
    positions: Positions

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The code points of the original that the normalized text[start:end] came from."""
        return self.positions.span(start, end)


def map_text(original: str) -> MappedText:
    """The archived text with its normalized form (equal to `normalize`'s) and positions."""
    text, positions = _mapped(original, keep_text=True)
    if not text.isascii():
        text = _DASH.sub(DASH, _QUOTE_MARK.sub(QUOTE_MARK, text))  # one for one
    elif '"' in text:
        text = text.replace('"', QUOTE_MARK)
    return MappedText(original, text, positions)


def positions_of(original: str) -> Positions:
    """`map_text(original).positions`, without making the normalized text: for a text
    whose normalized form is already known (`gift_ledger.check.texts.SourceTexts`)."""
    return _mapped(original, keep_text=False)[1]


def _mapped(original: str, *, keep_text: bool) -> tuple[str, Positions]:
    """The text with NFC and rule 3 applied (its whitespace and format characters
    normalized; "" unless `keep_text`), and the way back from it to the original.
    Quotation marks and dashes are replaced one for one, which moves nothing."""
    maps = []
    text = original
    if not unicodedata.is_normalized("NFC", text):
        text, nfc = _nfc(text)
        maps.append(nfc)
    text, collapsed = _collapse(text, keep_text=keep_text)
    maps.append(collapsed)
    return text, Positions(tuple(maps))


def _nfc(text: str) -> tuple[str, _Map]:
    parts: list[str] = []
    mapping = _Map()
    copied_from = copy_target = 0
    for piece in _NFC_PIECE.finditer(text):
        composed = unicodedata.normalize("NFC", piece[0])
        if composed != piece[0]:
            start = piece.start()
            if _first_stands_alone(piece[0], composed):  # ":" before U+F900, which
                start, composed = start + 1, composed[1:]  # NFC makes U+8C48 alone
            gap = start - copied_from
            mapping.copied(copy_target, copied_from, gap)
            mapping.replaced(copy_target + gap, start, len(composed), piece.end() - start)
            parts += (text[copied_from:start], composed)
            copy_target += gap + len(composed)
            copied_from = piece.end()
    mapping.copied(copy_target, copied_from, len(text) - copied_from)
    parts.append(text[copied_from:])
    return "".join(parts), mapping


def _first_stands_alone(piece: str, composed: str) -> bool:
    """Whether NFC leaves a piece's first character as it is and apart from the rest (a
    character that NFC replaces without joining it to the one before): then a span may
    end after it, and it is copied, not replaced with the rest as one."""
    return (
        len(piece) > 1
        and composed[:1] == piece[0]
        and unicodedata.normalize("NFC", piece[1:]) == composed[1:]
    )


def _collapse(text: str, *, keep_text: bool = True) -> tuple[str, _Map]:
    """Format characters removed, whitespace runs made one space or paragraph break; the
    text so made is "" unless `keep_text`, and the map is the same either way."""
    parts: list[str] = []
    mapping = _Map()
    copied_from = copy_target = 0
    for start, end in _changed_runs(text):
        mapping.copied(copy_target, copied_from, start - copied_from)
        if keep_text:
            parts.append(text[copied_from:start])
        copy_target += start - copied_from
        replacement = _replacement(text[start:end], start == 0, end == len(text))
        if keep_text:
            parts.append(replacement)
        copy_target += len(replacement)
        copied_from = end
    mapping.copied(copy_target, copied_from, len(text) - copied_from)
    parts.append(text[copied_from:] if keep_text else "")
    return "".join(parts), mapping


def _changed_runs(text: str) -> Iterator[tuple[int, int]]:
    """Each run of whitespace and format characters that normalizing changes, as (start,
    end), in order: a whole run (it is never split), unless it is a single space inside the
    text, which stays as it is.

    Such a run holds a character of `_SPECIAL` or two spaces, or is a lone space at an end
    of the text; so the runs are found from those (each a search from where the last run
    ended), and the spaces before one that are part of its run.
    """
    length = len(text)
    special = _SPECIAL if _BEYOND_BMP.search(text) else _SPECIAL_BMP
    if "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Most texts: every run holds a character of `_SPECIAL`, and the spaces before it
        # in its run (one, as there are no two) are the rest.
        end = 0
        for run in special.finditer(text):
            start = run.start()
            if start > end and text[start - 1] == " ":
                start -= 1
            end = run.end()
            yield start, end
        return
    next_special = next_double = -1
    ends = [i for i in sorted({0, length - 1}) if length and text[i] == " "]
    position = 0
    while True:
        if next_special < position:
            found = special.search(text, position)
            next_special = found.start() if found else length
        if next_double < position:
            next_double = text.find("  ", position)
            if next_double < 0:
                next_double = length
        while ends and ends[0] < position:
            ends.pop(0)
        start = min(next_special, next_double, ends[0] if ends else length)
        if start >= length:
            return
        run_end = _RUN.match(text, start).end()  # type: ignore[union-attr]
        while start > position and text[start - 1] == " ":
            start -= 1
        yield start, run_end
        position = run_end


@functools.lru_cache(maxsize=1024)
def _replacement(run: str, first: bool, last: bool) -> str:
    """What normalizing makes of a run; kept, as a text's runs are mostly alike."""
    if not _WHITE_SPACE.search(run) or first or last:
        return ""
    return "\n" if PARAGRAPH_BREAK.search(_FORMAT.sub("", run)) else " "
