"""Ledgers shaped to make the checks across records compare every pair (issue #18).

Functional, not timed: each shape runs at the size that took minutes and gigabytes before
the checks grouped, sorted and indexed instead of comparing pairs, in a process of its own
with a generous timeout and an address-space limit, so that a quadratic check fails here
instead of hanging CI. The time and memory they take are in docs/hostile-input.md.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROJECT

TIMEOUT = 240
"""Seconds: each shape takes under ten on a loaded CI runner, and took minutes before."""
MEMORY = 2 << 30
"""Bytes of address space: the largest shape peaks under 300 MB, and took 3.4 GB before."""


def _limit_memory() -> None:  # runs in the child, before it starts Python
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _bomb(tmp_path: Path, shape: str, n: int) -> Path:
    root = tmp_path / "records"
    command = [sys.executable, str(PROJECT / "benchmarks" / "bombs.py"), shape, str(n), root]
    subprocess.run(command, check=True, timeout=TIMEOUT)
    return root


def _validate(root: Path) -> tuple[int, list[str]]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gift_ledger", "validate", str(root)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            preexec_fn=_limit_memory,  # the test process starts no threads of its own
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"validate did not answer within {TIMEOUT} s: a check compares pairs")
    assert done.stderr == ""
    return done.returncode, done.stdout.splitlines()


def test_thousands_of_gifts_on_one_day_give_one_warning(tmp_path: Path) -> None:
    root = _bomb(tmp_path, "look-alikes", 4_000)
    code, lines = _validate(root)
    file = root / "records.json"
    assert (code, lines[1:]) == (0, ["4003 records in 1 file: 0 errors, 1 warning: valid"])
    assert lines[0] == (
        f"{file}:80002:9: warning [possible-duplicate] gift 'gift-3999' looks like 'gift-0', "
        "'gift-1', 'gift-2', 'gift-3', 'gift-4' and 3,994 more: same giver, recipient and "
        "item at overlapping dates; merge them and cite all their sources "
        f"(see {file}:22:9, {file}:42:9, {file}:62:9, {file}:82:9, {file}:102:9)"
    )


def test_thousands_of_gifts_on_different_days_look_like_none(tmp_path: Path) -> None:
    code, lines = _validate(_bomb(tmp_path, "look-alikes-dated", 4_000))
    assert (code, lines) == (0, ["4003 records in 1 file: 0 errors, 0 warnings: valid"])


def test_thousands_of_unknown_references_are_each_reported(tmp_path: Path) -> None:
    code, lines = _validate(_bomb(tmp_path, "unknown-references", 4_000))
    assert (code, lines[-1]) == (1, "4003 records in 1 file: 4000 errors, 0 warnings: invalid")
    hinted = [line for line in lines if line.endswith("did you mean 'gift-0'?")]
    assert len(hinted) == 1 and "no record has id 'gift-0-missing'" in hinted[0]
    assert sum("[unknown-reference]" in line for line in lines) == 4_000
    assert sum("did you mean" in line for line in lines) == 20  # checks.MAX_SUGGESTIONS


def test_twenty_thousand_citations_whose_dates_agree(tmp_path: Path) -> None:
    code, lines = _validate(_bomb(tmp_path, "citation-dates", 20_000))
    assert (code, lines) == (0, ["4 records in 1 file: 0 errors, 0 warnings: valid"])


def test_one_large_text_named_two_hundred_ways_is_read_once(tmp_path: Path) -> None:
    root = _bomb(tmp_path, "text-spellings", 200)
    assert (root / "texts" / "a.txt").stat().st_size > 15_000_000
    code, lines = _validate(root)
    assert (code, lines) == (0, ["203 records in 1 file: 0 errors, 0 warnings: valid"])


def test_a_late_disagreement_among_many_dates_is_found(tmp_path: Path) -> None:
    root = _bomb(tmp_path, "citation-dates", 5_000)
    records = root / "records.json"
    text = records.read_text(encoding="utf-8")
    last = text.rindex('"date": "2024-06-19"')
    records.write_text(text[:last] + '"date": "2023"' + text[last + 20 :], encoding="utf-8")
    code, lines = _validate(root)
    assert code == 0
    assert re.fullmatch(
        r".*records\.json:\d+:\d+: warning \[dates-disagree\] source 'report' dates this 2023, "
        r"source 'report' dates it 2024-06-19 \(see .*records\.json:\d+:\d+\)",
        lines[0],
    )
    assert lines[1:] == ["4 records in 1 file: 0 errors, 1 warning: valid"]
