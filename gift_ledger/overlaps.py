"""Which dates overlap, among many, without comparing every pair (issue #18).

A ledger from a stranger may hold thousands of gifts on one day or a citation list of
thousands: the checks across records use these to stay near-linear in the ledger's size.
Spans follow `EDTFDate.overlaps`: an unbounded end reaches as far as the calendar, and a
date with no known day at all ("XXXX") overlaps nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from .edtf import EDTFDate

__all__ = ["first_disagreement", "overlapping_groups"]

T = TypeVar("T")


def _undated(span: EDTFDate) -> bool:
    return span.earliest is None and span.latest is None


def _start(span: EDTFDate) -> date:
    return span.earliest or date.min


def _end(span: EDTFDate) -> date:
    return span.latest or date.max


def first_disagreement(spans: Sequence[EDTFDate]) -> tuple[int, int] | None:
    """The first pair (i, j), i < j, in the order of `for i: for j > i:`, whose spans do not
    overlap; None when every pair overlaps.

    Spans all overlap pairwise exactly when the latest start is on or before the earliest
    end, so the maxima and minima of each suffix tell, for each i, whether some later span
    misses it; only then are the later ones scanned, once.
    """
    n = len(spans)
    later_start = [date.min] * (n + 1)  # latest start among spans[i:]
    later_end = [date.max] * (n + 1)  # earliest end among spans[i:]
    later_undated = [False] * (n + 1)
    for i in range(n - 1, -1, -1):
        span = spans[i]
        later_start[i] = max(later_start[i + 1], _start(span))
        later_end[i] = min(later_end[i + 1], _end(span))
        later_undated[i] = later_undated[i + 1] or _undated(span)
    for i, span in enumerate(spans[:-1]):
        if (
            _undated(span)
            or later_undated[i + 1]
            or later_start[i + 1] > _end(span)
            or later_end[i + 1] < _start(span)
        ):
            j = next(j for j in range(i + 1, n) if not span.overlaps(spans[j]))
            return i, j
    return None


def overlapping_groups(dated: Sequence[tuple[EDTFDate, T]]) -> list[list[T]]:
    """The groups of two or more values whose dates are linked by overlaps.

    Two values share a group when a chain of overlapping dates joins them. Values keep their
    order within a group; undated ones ("XXXX") are in none. One sort and one sweep.
    """
    order = sorted(
        (i for i, (span, _) in enumerate(dated) if not _undated(span)),
        key=lambda i: _start(dated[i][0]),
    )
    groups: list[list[int]] = []
    current: list[int] = []
    reach = date.min
    for i in order:
        span = dated[i][0]
        if current and _start(span) <= reach:
            current.append(i)
            reach = max(reach, _end(span))
        else:
            if len(current) > 1:
                groups.append(current)
            current, reach = [i], _end(span)
    if len(current) > 1:
        groups.append(current)
    return [[dated[i][1] for i in sorted(group)] for group in groups]
