"""`ledger show` prints each quote inside its passage of the archived text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gift_ledger.cli import app

from .conftest import CASES

SOURCE = "dogs-report (source: Kim gives Putin a pair of dogs)"
PEACE = "…era of co\u00adoperation between the two countries, said the Kremlin’s spokesman Dmitry \
Peskov at the cafe\u0301 near the\u200b square."


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    shutil.copytree(CASES / "valid" / "quote-matching", tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    return "records"


def _citation(output: str, n: int) -> str:
    """The lines that show the n-th citation of the record."""
    sources = output.index("\n  sources:")
    start = output.index(f"\n    {n}. ", sources)
    end = output.find(f"\n    {n + 1}. ", sources)
    return output[start + 1 : (end if end >= 0 else output.index("\n  notes")) + 1]


def test_each_segment_is_marked_in_its_line_with_a_line_of_context_each_side(
    runner: CliRunner, ledger: str
) -> None:
    result = runner.invoke(app, ["show", "kim-to-putin-dogs-2024", ledger])
    assert (result.exit_code, result.stderr) == (0, "")
    assert _citation(result.stdout, 8) == (
        f"    8. {SOURCE}\n"
        '       "Kim Jong Un gave … a pair of Pungsan dogs"\n'
        "       in texts/dogs.txt:\n"
        "         1 | Kim gives Putin a pair of dogs\n"
        "         3 | North Korean leader >>Kim Jong Un gave<< Russian President Vladimir Putin "
        ">>a pair of Pungsan dogs<< — named “Gomi” and «Songgang» − during the visit.\u00a0 The "
        "gift…\n"
        "         5 | The dogs, a hunting breed, were shown to reporters in Pyongyang."
        "\\u2029A horseshoe-shaped\\x1fcourtyard held the ceremony.\n"
    )


def test_a_quote_over_a_paragraph_break_is_marked_from_its_first_line_to_its_last(
    runner: CliRunner, ledger: str
) -> None:
    result = runner.invoke(app, ["show", "kim-to-putin-dogs-2024", ledger])
    assert _citation(result.stdout, 4) == (
        f"    4. {SOURCE}\n"
        '       "Kim gives Putin a pair of dogs North Korean leader"\n'
        "       in texts/dogs.txt:\n"
        "         1 | >>Kim gives Putin a pair of dogs\n"
        "         2 |\n"
        "         3 | North Korean leader<< Kim Jong Un gave Russian President Vladimir Putin "
        "a pair of…\n"
        "         5 | The dogs, a hunting breed, were shown to reporters in Pyongyang."
        "\\u2029A horseshoe-shaped\\x1fcourtyard held the ceremony.\n"
    )


def test_control_characters_of_the_text_are_escaped(runner: CliRunner, ledger: str) -> None:
    result = runner.invoke(app, ["show", "kim-to-putin-dogs-2024", ledger])
    assert _citation(result.stdout, 7) == (
        f"    7. {SOURCE}\n"
        '       "A horseshoe-shaped"\n'
        "       in texts/dogs.txt:\n"
        f"         3 | {PEACE}\n"
        "         5 | …ogs, a hunting breed, were shown to reporters in Pyongyang.\\u2029"
        ">>A horseshoe-shaped<<\\x1fcourtyard held the ceremony.\n"
    )
    assert "\x1f" not in result.stdout


def test_a_source_without_a_text_shows_the_quote_alone(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(CASES / "invalid" / "quote-unverified", tmp_path / "records")
    result = runner.invoke(app, ["show", "kim-to-putin-dogs-2024", str(tmp_path / "records")])
    assert _citation(result.stdout, 1) == (
        f'    1. {SOURCE}\n       "gave Russian President Vladimir Putin a pair of Pungsan dogs"\n'
    )


def test_a_quote_not_in_its_text_is_shown_alone_with_a_pointer_to_validate(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copytree(CASES / "invalid" / "quote-matching", tmp_path / "records")
    result = runner.invoke(app, ["show", "kim-to-putin-dogs-2024", str(tmp_path / "records")])
    assert (result.exit_code, result.stderr) == (0, "")
    assert _citation(result.stdout, 1) == (
        f"    1. {SOURCE}\n"
        '       "gave Russian President Vladimir Putin a pair of Jindo dogs"\n'
        "       not found in texts/dogs.txt: `ledger validate` says why\n"
    )
