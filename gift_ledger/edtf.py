"""Dates in the Extended Date/Time Format (EDTF, ISO 8601-2) that the ledger accepts.

The ledger takes EDTF level 0 and the level 1 features its records need:

- a day, month or year: ``2024-06-19``, ``2024-06``, ``2012``;
- a qualifier on the whole date: uncertain ``2024-06?``, approximate ``2017-10~``,
  both ``2017-10%``;
- unspecified digits: ``201X``, ``20XX``, ``XXXX`` (no date given), ``2024-XX``,
  ``2024-06-XX``;
- intervals of those: ``2024-06/2024-08``, open ends ``../2019`` (on or before 2019),
  ``2019/..``, and unknown ends ``/2019``, ``2019/``.

Every date knows its earliest and latest possible day (``None`` where it is unbounded),
ignoring qualifiers: ``2017-10~`` spans 2017-10-01 to 2017-10-31.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = ["EDTF_PATTERN", "EDTFDate", "EDTFError", "Precision", "parse_edtf"]

_SINGLE = (
    r"(?P<year>[0-9X]{4})(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2}))?)?(?P<qualifier>[?~%])?"
)
_SINGLE_RE = re.compile(_SINGLE)

# The shape of every accepted value, for the published JSON Schema: calendar validity
# (months 01-12, day 30 of February) is checked by `parse_edtf`, not by this pattern.
_SHAPE = r"[0-9X]{4}(?:-[0-9X]{2}(?:-[0-9X]{2})?)?[?~%]?"
EDTF_PATTERN = rf"^(?:{_SHAPE}|(?:{_SHAPE}|\.\.)?/(?:{_SHAPE}|\.\.)?)$"


class EDTFError(ValueError):
    """A text that is not a date the ledger accepts; the message says why."""


class Precision(StrEnum):
    """How much of a single date is given."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class EDTFDate:
    """A parsed EDTF value: the text as written plus the span of days it may denote."""

    text: str
    earliest: date | None
    latest: date | None
    is_interval: bool = False
    precision: Precision | None = None
    """For a single date without unspecified digits: day, month or year; else None."""
    qualified: bool = False
    """True when the value (or an end of the interval) is uncertain or approximate."""

    def __str__(self) -> str:
        return self.text

    def overlaps(self, other: EDTFDate) -> bool:
        """Whether the two spans of possible days share at least one day."""
        if self.earliest is None and self.latest is None:
            return False  # "no date" tells nothing, so it overlaps nothing
        if other.earliest is None and other.latest is None:
            return False
        start = max(self.earliest or date.min, other.earliest or date.min)
        end = min(self.latest or date.max, other.latest or date.max)
        return start <= end


@dataclass(frozen=True, slots=True)
class _Single:
    earliest: date | None
    latest: date | None
    precision: Precision | None
    qualified: bool


_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def _spreadsheet_date(text: str) -> str | None:
    """What to write for a date as spreadsheets show it (6/18/1984), or None."""
    match = _SLASHED.fullmatch(text)
    if match is None:
        return None
    first, second, year = int(match[1]), int(match[2]), match[3]
    readings = [(m, d) for m, d in ((first, second), (second, first)) if 1 <= m <= 12 and d >= 1]
    days = {f"{year}-{m:02d}-{d:02d}": m for m, d in readings if d <= 31}
    if not days:
        return None
    which = " or ".join(f"{day} if {month} is the month" for day, month in days.items())
    if len(days) == 1:
        which = next(iter(days))
    return f"{text!r} is a date as a spreadsheet shows it: write it as EDTF, {which}"


@functools.lru_cache(maxsize=65536)
def parse_edtf(text: str) -> EDTFDate:
    """Parse one EDTF value; raise EDTFError naming what is wrong with it.

    Results are cached: a ledger repeats the same dates many times, and values are frozen.
    """
    if not isinstance(text, str):
        raise EDTFError(f"a date must be text, not {type(text).__name__}")
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        if "/" in end_text:
            raise EDTFError(_spreadsheet_date(text) or f"{text!r} has more than one '/'")
        start = _parse_end(start_text, text)
        end = _parse_end(end_text, text)
        if start is None and end is None:
            raise EDTFError(f"{text!r}: an interval needs at least one known end")
        earliest = start.earliest if start else None
        latest = end.latest if end else None
        if start and end and start.earliest and end.latest and start.earliest > end.latest:
            raise EDTFError(f"{text!r}: the interval ends before it starts")
        qualified = bool((start and start.qualified) or (end and end.qualified))
        return EDTFDate(text, earliest, latest, is_interval=True, qualified=qualified)
    single = _parse_single(text, text)
    return EDTFDate(text, single.earliest, single.latest, False, single.precision, single.qualified)


def _parse_end(part: str, whole: str) -> _Single | None:
    if part in ("", ".."):
        return None
    return _parse_single(part, whole)


def _parse_single(part: str, whole: str) -> _Single:
    match = _SINGLE_RE.fullmatch(part)
    if match is None:
        raise EDTFError(
            f"{whole!r} is not an EDTF date: write YYYY, YYYY-MM or YYYY-MM-DD "
            "(X for unknown digits, ? uncertain, ~ approximate, A/B or ../B for intervals)"
        )
    year_text, month_text, day_text = match["year"], match["month"], match["day"]
    qualified = match["qualifier"] is not None
    if day_text is not None and "X" in month_text and "X" not in day_text:
        raise EDTFError(f"{whole!r}: a day cannot be known when its month is not")
    if month_text is not None and "X" in year_text and "X" not in month_text:
        raise EDTFError(f"{whole!r}: a month cannot be known when its year is not")
    if "X" in year_text and not re.fullmatch(r"[0-9]*X*", year_text):
        raise EDTFError(f"{whole!r}: unknown digits of a year must be its last ones (201X)")

    if year_text == "XXXX":
        return _Single(None, None, None, qualified)
    if "X" in year_text:
        low_year = int(year_text.replace("X", "0"))
        high_year = int(year_text.replace("X", "9"))
        return _Single(_first_day(max(low_year, 1)), _last_day(high_year), None, qualified)
    year = int(year_text)
    if year == 0:
        raise EDTFError(f"{whole!r}: year 0000 is outside the ledger's calendar (1 to 9999)")
    if month_text is None or month_text == "XX":
        return _Single(
            _first_day(year), _last_day(year), None if month_text else Precision.YEAR, qualified
        )
    if "X" in month_text:
        raise EDTFError(f"{whole!r}: a month is either known (01-12) or unknown (XX)")
    month = int(month_text)
    if not 1 <= month <= 12:
        raise EDTFError(f"{whole!r}: month {month_text} does not exist (01 to 12)")
    month_days = calendar.monthrange(year, month)[1]
    if day_text is None or day_text == "XX":
        return _Single(
            date(year, month, 1),
            date(year, month, month_days),
            None if day_text else Precision.MONTH,
            qualified,
        )
    if "X" in day_text:
        raise EDTFError(f"{whole!r}: a day is either known or unknown (XX)")
    day = int(day_text)
    if not 1 <= day <= month_days:
        raise EDTFError(
            f"{whole!r}: {year:04d}-{month:02d} has no day {day_text} (it has {month_days} days)"
        )
    return _Single(date(year, month, day), date(year, month, day), Precision.DAY, qualified)


def _first_day(year: int) -> date:
    return date(year, 1, 1)


def _last_day(year: int) -> date:
    return date(year, 12, 31)
