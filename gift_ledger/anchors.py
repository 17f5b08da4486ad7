"""Where each citation's quote is in its source's archived text, for the exports.

A quote is anchored as the W3C Web Annotation model anchors a part of a text
(https://www.w3.org/TR/annotation-model/#selectors): for each segment of the quote (one,
or one per part of an elided quote), a ``TextQuoteSelector`` with the text's own
characters (``exact``, and up to 32 characters before and after as ``prefix`` and
``suffix``) and a ``TextPositionSelector`` (``start``, ``end``: code points of the archived
text as read, UTF-8 without a byte order mark, counted from 0, end excluded). So
``text[start:end]`` in Python is ``exact``, and matches the quote's segment by the
contract's rules. The archived text is named by the SHA-256 of its file's bytes: a reader
can check that the text is the one the offsets count in.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .check.offsets import Positions, positions_of
from .check.quotes import find_quote, normalize
from .check.texts import ArchivedText, TextProblem
from .models import Citation, Source

if TYPE_CHECKING:
    from .validate import LoadedLedger

__all__ = ["CONTEXT", "Anchor", "Anchors", "Segment", "fields", "ni_of", "selectors"]

CONTEXT = 32
"""How many characters of the text `prefix` and `suffix` hold, at most."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment of a quote as the archived text has it."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """A quote's segments in its source's archived text, and that text's SHA-256 (hex) and
    name as an RFC 6920 ``ni`` URI (`ni_of`)."""

    sha256: str
    segments: tuple[Segment, ...]
    ni: str


def ni_of(sha256: str) -> str:
    """A text's name as an RFC 6920 ``ni`` URI, from its SHA-256 (hex)."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256)).rstrip(b"=").decode()
    return f"ni:///sha-256;{digest}"


def segments_in(text: str, spans: Iterable[tuple[int, int]]) -> tuple[Segment, ...]:
    """The segments of a text at these (start, end) code point spans, with their context."""
    return tuple(
        [
            Segment(
                start,
                end,
                text[start:end],
                text[max(0, start - CONTEXT) : start],
                text[end : end + CONTEXT],
            )
            for start, end in spans
        ]
    )


def selectors(anchor: Anchor, citation_iri: str) -> dict[str, Any]:
    """A citation's W3C Web Annotation terms for where its quote is: ``hasSelector``, for
    each segment a ``TextQuoteSelector`` and a ``TextPositionSelector`` in the text's order,
    and ``hasState``, a ``TimeState`` whose ``cachedSource`` is the archived text they
    select in, named by its SHA-256. Every node has an IRI under the citation's
    (``<citation-iri>-selector-1``, ``-state``), so that a reload adds no blank node."""
    return {
        "hasSelector": _selectors(anchor, citation_iri),
        "hasState": {
            "@id": f"{citation_iri}-state",
            "@type": "TimeState",
            "cachedSource": {"@id": anchor.ni, "sha256": anchor.sha256},
        },
    }


def _selectors(anchor: Anchor, citation_iri: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for segment in anchor.segments:
        found.append(
            {
                "@id": f"{citation_iri}-selector-{len(found) + 1}",
                "@type": "TextQuoteSelector",
                "exact": segment.exact,
                "prefix": segment.prefix,
                "suffix": segment.suffix,
            }
        )
        found.append(
            {
                "@id": f"{citation_iri}-selector-{len(found) + 1}",
                "@type": "TextPositionSelector",
                "start": segment.start,
                "end": segment.end,
            }
        )
    return found


def fields(anchor: Anchor) -> dict[str, Any]:
    """The anchor as plain JSON fields of a citation, as the JSON exports give it."""
    return {
        "text_sha256": anchor.sha256,
        "segments": [
            {
                "start": s.start,
                "end": s.end,
                "exact": s.exact,
                "prefix": s.prefix,
                "suffix": s.suffix,
            }
            for s in anchor.segments
        ],
    }


@dataclass
class Anchors:
    """Anchors the quotes of a valid ledger's citations; each archived text is read once.

    Where each quote is in its normalized text is what validation found
    (`gift_ledger.check.matches`); only that span is mapped back to the text as read.
    """

    loaded: LoadedLedger
    _texts: dict[str, tuple[ArchivedText, Positions, str, str] | None] = field(default_factory=dict)

    def of(self, citation: Citation) -> Anchor | None:
        """Where the citation's quote is in its source's archived text; None if the source
        has no readable archived text, or the quote is not in it (a ledger with errors)."""
        found = self._text(citation.source)
        if found is None:
            return None
        archived, positions, ni, normalized = found
        spans = self.loaded.texts.quotes.spans(normalized, citation.quote)
        if spans is None:  # validation did not find it in this text: look again
            match = find_quote(normalized, citation.quote)
            if match is None:
                return None
            spans = match.segments
        in_text = [positions.span(start, end) for start, end in spans]
        return Anchor(archived.sha256, segments_in(archived.text, in_text), ni)

    def text_of(self, source_id: str) -> str | None:
        """The source's archived text as read, or None if it has none."""
        found = self._text(source_id)
        return None if found is None else found[0].text

    def _text(self, source_id: str) -> tuple[ArchivedText, Positions, str, str] | None:
        """The source's archived text as read, the way back to it from its normalized
        text, its ``ni`` name, and its normalized text: validation's own string if it read
        the same bytes (then its matches apply), or else normalized anew."""
        if source_id not in self._texts:
            source = self.loaded.ledger.record(source_id)
            found = None
            if isinstance(source, Source) and source.text is not None:
                archived = self.loaded.texts.archived(source.text)
                if not isinstance(archived, TextProblem):
                    normalized = archived.normalized
                    if normalized is None:  # not read for validation, or changed since
                        normalized = normalize(archived.text)
                    positions = positions_of(archived.text)
                    found = (archived, positions, ni_of(archived.sha256), normalized)
            self._texts[source_id] = found
        return self._texts[source_id]
