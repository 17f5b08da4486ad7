"""Where validation found each quote in its source's archived text, kept for the exports.

`gift_ledger.check.evidence.quotes_found` finds every quote in its source's normalized text;
what it found is noted here, so that the exports anchor each quote (`gift_ledger.anchors`)
without matching it again. A match is a function of the normalized text and the quote
alone, so it is kept by that text (the very string validation searched, not a copy), then
by quote: a source id that two records share, or a text that changed on disk since, finds
no match here for a text it was not found in. Compact, as a ledger of 100,000 gifts has
127,000 citations: a match of one segment (most) is one int, ``start << 32 | end``; an
elided quote's is a tuple of ints, ``(start, end, start, end, ...)``. Positions are code
points of the normalized text (`gift_ledger.check.quotes.normalize`), which holds at most
16 MiB, so each fits in 32 bits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .quotes import QuoteMatch

__all__ = ["QuoteMatches"]

_LOW = (1 << 32) - 1


@dataclass
class QuoteMatches:
    """Where each quote was found, by normalized text and quote."""

    _by_text: dict[str, dict[str, int | tuple[int, ...]]] = field(default_factory=dict)

    def add(self, text: str, quote: str, match: QuoteMatch) -> None:
        """Note where the quote was found in a normalized text."""
        segments = match.segments
        if len(segments) == 1:
            start, end = segments[0]
            packed: int | tuple[int, ...] = start << 32 | end
        else:
            packed = tuple(position for span in segments for position in span)
        self._by_text.setdefault(text, {})[quote] = packed

    def spans(self, text: str, quote: str) -> tuple[tuple[int, int], ...] | None:
        """Where the quote was found in a normalized text, a (start, end) span per segment
        (`QuoteMatch.segments`); None if it was not noted (not found, or never looked for
        in that text)."""
        by_quote = self._by_text.get(text)
        packed = None if by_quote is None else by_quote.get(quote)
        if packed is None:
            return None
        if isinstance(packed, int):
            return ((packed >> 32, packed & _LOW),)
        return tuple(zip(packed[::2], packed[1::2], strict=True))
