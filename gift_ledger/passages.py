"""A quote shown inside its passage of the archived text, for `ledger show`.

The lines of the text that hold the quote are shown with a line of context each side (the
nearest that is not blank), numbered as editors number them (a line ends at LF, CR LF or
CR), each segment of the quote between ``>>`` and ``<<``. Long lines are cut (``…``) to
what is near the quote; control characters are escaped, as everywhere the ledger writes to
a terminal.
"""

from __future__ import annotations

import re

from .anchors import Anchor
from .escape import escape

__all__ = ["passage_lines"]

_LINE_END = re.compile(r"\r\n|\r|\n")
NEAR = 60
"""How many characters of a line to show before and after the quote, at most."""
START, END = ">>", "<<"


def passage_lines(text: str, anchor: Anchor) -> list[str]:
    """The lines of text around the anchor's segments, numbered from 1, as ``12 | ...``."""
    starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
    first = _line_of(starts, anchor.segments[0].start)
    last = _line_of(starts, max(anchor.segments[-1].end - 1, anchor.segments[-1].start))
    lines_of = [
        _LINE_END.sub("", text[start : starts[n + 1] if n + 1 < len(starts) else len(text)])
        for n, start in enumerate(starts)
    ]
    before = next((n for n in range(first - 1, -1, -1) if lines_of[n].strip()), first)
    after = next((n for n in range(last + 1, len(starts)) if lines_of[n].strip()), last)
    shown = [before] * (before < first) + list(range(first, last + 1)) + [after] * (after > last)
    width = len(str(shown[-1] + 1))
    lines = []
    for n in shown:
        line_start, line = starts[n], lines_of[n]
        if first <= n <= last:
            line = _marked(line, line_start, anchor)
        else:
            line = _cut(line, NEAR * 2, keep_end=n < first)
        lines.append(f"{n + 1:>{width}} | {escape(line)}".rstrip())
    return lines


def _line_of(starts: list[int], position: int) -> int:
    """The 0-based line that holds the code point at position."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= position:
            low = middle
        else:
            high = middle - 1
    return low


def _marked(line: str, offset: int, anchor: Anchor) -> str:
    """The line with the segments on it between the markers, cut to what is near them."""
    parts: list[str] = []
    done = 0
    for segment in anchor.segments:
        start, end = segment.start - offset, segment.end - offset
        if start >= len(line) or end <= 0:
            continue
        clipped_start, clipped_end = max(start, 0), min(end, len(line))
        between = line[done:clipped_start]
        parts.append(_middle(between) if parts else _cut(between, NEAR, keep_end=True))
        parts.append(START if start >= 0 else "")
        parts.append(line[clipped_start:clipped_end] + (END if end <= len(line) else ""))
        done = clipped_end
    parts.append(_cut(line[done:], NEAR, keep_end=False))
    return "".join(parts)


def _cut(text: str, limit: int, *, keep_end: bool) -> str:
    """At most limit characters of text, from its end (keep_end) or its start."""
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if keep_end else text[:limit] + "…"


def _middle(text: str) -> str:
    """What lies between two segments on one line: its ends, if it is long."""
    if len(text) <= 2 * NEAR:
        return text
    return text[:NEAR] + "…" + text[-NEAR:]
