"""The example ledgers: valid ones pass --strict, invalid ones report what expected.txt says.

Each folder under tests/cases/valid/ or tests/cases/invalid/ is a ledger. An invalid case
has an `expected.txt` beside its records: one `file:line:col: severity [code]` line per
diagnostic, in the order `ledger validate` prints them. New cases are found by themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gift_ledger.cli import app
from gift_ledger.diagnostics import CODES

from .conftest import CASES

VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
_LINE = re.compile(
    r"^(?P<where>.+?:\d+:\d+): (?P<severity>error|warning) \[(?P<code>[a-z-]+)\] .+$"
)


def _diagnostic_lines(case: Path, output: str) -> list[str]:
    lines = output.splitlines()[:-1]  # the last line is the summary
    found = []
    for line in lines:
        match = _LINE.match(line)
        assert match, f"not a diagnostic line: {line!r}"
        where = match["where"].removeprefix(f"{case}/")
        found.append(f"{where}: {match['severity']} [{match['code']}]")
    return found


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case_passes_strict(runner: CliRunner, case: Path) -> None:
    result = runner.invoke(app, ["validate", str(case), "--strict"])
    assert result.output.endswith("0 errors, 0 warnings (strict): valid\n"), result.output
    assert result.exit_code == 0


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case_reports_expected_diagnostics(runner: CliRunner, case: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    result = runner.invoke(app, ["validate", str(case), "--strict"])
    assert _diagnostic_lines(case, result.output) == expected
    assert result.output.rstrip().endswith(": invalid")
    assert result.exit_code == 1


def test_every_code_has_an_invalid_case() -> None:
    covered = {
        re.search(r"\[([a-z-]+)\]", line).group(1)  # type: ignore[union-attr]
        for case in INVALID
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    }
    # These need a huge or unreadable file, or a folder git cannot store unreadable;
    # tests/test_reader.py and tests/test_unreadable_folder.py make them.
    assert set(CODES) - covered == {"file-too-large", "unreadable-file", "unreadable-folder"}
    assert covered <= set(CODES)
