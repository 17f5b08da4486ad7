"""EDTF dates: every accepted form, impossible dates refused, and bounds checked against
the `edtf` library (a well-kept implementation of the Library of Congress specification)."""

from __future__ import annotations

from datetime import date

import edtf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gift_ledger.edtf import EDTFError, Precision, parse_edtf


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2024-06-19", date(2024, 6, 19), date(2024, 6, 19), Precision.DAY),
        ("2024-06", date(2024, 6, 1), date(2024, 6, 30), Precision.MONTH),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2012", date(2012, 1, 1), date(2012, 12, 31), Precision.YEAR),
        ("2024-06?", date(2024, 6, 1), date(2024, 6, 30), Precision.MONTH),
        ("2017-10~", date(2017, 10, 1), date(2017, 10, 31), Precision.MONTH),
        ("2017-10-07%", date(2017, 10, 7), date(2017, 10, 7), Precision.DAY),
        ("201X", date(2010, 1, 1), date(2019, 12, 31), None),
        ("20XX", date(2000, 1, 1), date(2099, 12, 31), None),
        ("XXXX", None, None, None),
        ("2024-XX", date(2024, 1, 1), date(2024, 12, 31), None),
        ("2024-06-XX", date(2024, 6, 1), date(2024, 6, 30), None),
        ("2024-06/2024-08", date(2024, 6, 1), date(2024, 8, 31), None),
        ("../2019", None, date(2019, 12, 31), None),
        ("/2019", None, date(2019, 12, 31), None),
        ("2019/..", date(2019, 1, 1), None, None),
        ("2019/", date(2019, 1, 1), None, None),
        ("2017-10~/2018?", date(2017, 10, 1), date(2018, 12, 31), None),
    ],
)
def test_accepted_forms_and_their_bounds(
    text: str, earliest: date | None, latest: date | None, precision: Precision | None
) -> None:
    parsed = parse_edtf(text)
    assert (parsed.earliest, parsed.latest, parsed.precision) == (earliest, latest, precision)
    assert str(parsed) == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-02-30", "2024-02 has no day 30 (it has 29 days)"),
        ("2023-02-29", "2023-02 has no day 29 (it has 28 days)"),
        ("2024-13", "month 13 does not exist"),
        ("2024-00", "month 00 does not exist"),
        ("0000", "year 0000 is outside"),
        ("19 June 2024", "is not an EDTF date"),
        ("2024-6-1", "is not an EDTF date"),
        ("24", "is not an EDTF date"),
        ("2024-08/2024-06", "the interval ends before it starts"),
        ("../..", "needs at least one known end"),
        ("2024/2025/2026", "more than one '/'"),
        ("20X4", "unknown digits of a year must be its last ones"),
        ("XXXX-06", "a month cannot be known when its year is not"),
        ("2024-XX-15", "a day cannot be known when its month is not"),
        ("2024-1X", "a month is either known (01-12) or unknown (XX)"),
        ("", "is not an EDTF date"),
    ],
)
def test_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(EDTFError, match=None) as raised:
        parse_edtf(text)
    assert reason in str(raised.value)


def test_overlaps() -> None:
    assert parse_edtf("2024-06").overlaps(parse_edtf("2024-06-19"))
    assert not parse_edtf("2024-06").overlaps(parse_edtf("2024-08?"))
    assert parse_edtf("../2019").overlaps(parse_edtf("2010"))
    assert not parse_edtf("XXXX").overlaps(parse_edtf("2010"))


def _bounds_by_edtf_library(text: str) -> tuple[date, date]:
    parsed = edtf.parse_edtf(text)
    low, high = parsed.lower_strict(), parsed.upper_strict()
    return date(*low[:3]), date(*high[:3])


_days = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
_single = st.one_of(
    _days.map(lambda d: d.isoformat()),
    _days.map(lambda d: d.isoformat()[:7]),
    _days.map(lambda d: d.isoformat()[:4]),
    _days.map(lambda d: d.isoformat()[:3] + "X"),
    _days.map(lambda d: d.isoformat()[:7] + "-XX"),
)
_qualified = st.tuples(_single, st.sampled_from(["", "?", "~", "%"])).map("".join)
# The edtf library takes unspecified digits (X) in single dates only, as EDTF level 1 does.
_interval_end = st.tuples(
    _single.filter(lambda t: "X" not in t), st.sampled_from(["", "?", "~"])
).map("".join)


@settings(deadline=None, max_examples=60)
@given(_qualified)
def test_bounds_agree_with_the_edtf_library(text: str) -> None:
    ours = parse_edtf(text)
    assert (ours.earliest, ours.latest) == _bounds_by_edtf_library(text)


@settings(deadline=None, max_examples=60)
@given(st.tuples(_interval_end, _interval_end))
def test_interval_bounds_agree_with_the_edtf_library(ends: tuple[str, str]) -> None:
    first, second = sorted(ends, key=lambda t: parse_edtf(t).earliest or date.min)
    text = f"{first}/{second}"
    try:
        ours = parse_edtf(text)
    except EDTFError:
        assert parse_edtf(first).earliest > parse_edtf(second).latest  # type: ignore[operator]
        return
    assert (ours.earliest, ours.latest) == _bounds_by_edtf_library(text)
