"""Loans: `transfer: loan` and `until`, and the checks on them (issue #14)."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from gift_ledger.cli import app

from .conftest import CASES

LOAN_UNTIL = CASES / "invalid" / "loan-until"


def test_until_on_a_gift_and_a_loan_ending_before_it_starts_are_located_errors(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copytree(LOAN_UNTIL, tmp_path / "ledger", ignore=shutil.ignore_patterns("expected.*"))
    gifts = tmp_path / "ledger" / "gifts.yaml"
    result = runner.invoke(app, ["validate", str(tmp_path / "ledger")])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{gifts}:5:10: error [loan-until] 'until' is the end of a loan, and this gift is not "
        "one: add 'transfer: loan' if it was lent, or remove 'until'\n"
        f"{gifts}:19:10: error [loan-until] the loan ends (2024-05) before it begins "
        f"(2024-06-19): correct the date or 'until' (see {gifts}:20:9)\n"
        "8 records in 4 files: 2 errors, 0 warnings: invalid\n"
    )


def test_a_loan_may_end_on_the_day_it_starts_or_be_open(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(LOAN_UNTIL, tmp_path / "ledger", ignore=shutil.ignore_patterns("expected.*"))
    gifts = tmp_path / "ledger" / "gifts.yaml"
    text = gifts.read_text("utf-8")
    text = text.replace("  until: 2025\n", "  transfer: loan\n  until: 2024-06-19/..\n")
    text = text.replace("until: 2024-05", "until: 2024-06")
    gifts.write_text(text, "utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "ledger")])
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (
        0,
        "8 records in 4 files: 0 errors, 0 warnings: valid",
    )


def test_a_loan_without_its_date_is_a_missing_field_not_an_internal_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The checks judge records with a field left out too: the end of a loan whose date is
    missing is not compared with it (found by the fuzz of tests/test_fuzz.py)."""
    shutil.copytree(LOAN_UNTIL, tmp_path / "ledger", ignore=shutil.ignore_patterns("expected.*"))
    gifts = tmp_path / "ledger" / "gifts.yaml"
    gifts.write_text(gifts.read_text("utf-8").replace("  date: 2024-06-19\n", ""), "utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "ledger")])
    assert result.exit_code == 1, result.output
    assert "missing required field 'date'" in result.stdout
    assert "internal error" not in result.output
