"""The progress bar: drawn on a terminal for long runs, never in pipes, CI or quick runs."""

from __future__ import annotations

import io

import pytest

from gift_ledger import progress
from gift_ledger.validate import load_ledger

from .conftest import CASES


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_run_in_a_terminal_draws_a_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(progress, "DELAY", 0.0)
    screen = Terminal()
    with progress.file_progress("validating", screen) as advance:
        assert advance is not None
        loaded = load_ledger(CASES / "valid" / "minimal", advance)
    assert loaded.report.errors == 0
    assert "validating" in screen.getvalue()
    assert "4/4" in screen.getvalue()


def test_a_quick_run_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(progress, "DELAY", 3600.0)
    screen = Terminal()
    with progress.file_progress("validating", screen) as advance:
        load_ledger(CASES / "valid" / "minimal", advance)
    assert screen.getvalue() == ""


@pytest.mark.parametrize(("stream", "ci"), [(io.StringIO(), ""), (Terminal(), "true")])
def test_no_bar_in_pipes_or_ci(
    monkeypatch: pytest.MonkeyPatch, stream: io.StringIO, ci: str
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("TERM", "xterm")
    with progress.file_progress("validating", stream) as advance:
        assert advance is None
