"""Overlaps among many dates, found without comparing every pair, agree with every pair."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gift_ledger.edtf import EDTFDate, parse_edtf
from gift_ledger.overlaps import first_disagreement, overlapping_groups

DATES = st.sampled_from(
    [
        "2024", "2024-06", "2024-06-19", "2024-06-20", "2024-07", "2023", "XXXX", "202X",
        "2024-06/2024-08", "../2019", "2019/..", "2024-06-19/..", "/2024-01", "2024-XX",
    ]
).map(parse_edtf)  # fmt: skip


def _every_pair_disagreement(spans: list[EDTFDate]) -> tuple[int, int] | None:
    for i, first in enumerate(spans):
        for j in range(i + 1, len(spans)):
            if not first.overlaps(spans[j]):
                return i, j
    return None


def _components(spans: list[EDTFDate]) -> list[list[int]]:
    """Groups of two or more indexes joined by chains of overlaps, by every pair."""
    group = list(range(len(spans)))

    def find(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, first in enumerate(spans):
        for j in range(i + 1, len(spans)):
            if first.overlaps(spans[j]):
                group[find(j)] = find(i)
    members: dict[int, list[int]] = {}
    for i in range(len(spans)):
        members.setdefault(find(i), []).append(i)
    return sorted(m for m in members.values() if len(m) > 1)


@given(st.lists(DATES, max_size=12))
def test_first_disagreement_is_the_first_pair_that_does_not_overlap(
    spans: list[EDTFDate],
) -> None:
    assert first_disagreement(spans) == _every_pair_disagreement(spans)


@given(st.lists(DATES, max_size=12))
def test_groups_are_the_chains_of_overlaps(spans: list[EDTFDate]) -> None:
    groups = overlapping_groups([(span, i) for i, span in enumerate(spans)])
    assert sorted(groups) == _components(spans)


def test_dates_that_all_agree_have_no_disagreement() -> None:
    assert first_disagreement([parse_edtf("2024-06-19")] * 20_000) is None
    assert first_disagreement([parse_edtf("2024-06"), parse_edtf("2024-07")]) == (0, 1)
