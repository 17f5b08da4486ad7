"""Shared helpers: the CLI runner and the example ledgers under tests/cases/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# In CI the property tests draw the same examples every run, so that a red run means a
# change broke something, not that this run drew a new example; a run on a developer's
# machine draws new ones (and `LEDGER_FUZZ_EXAMPLES` runs the long campaign).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

CASES = Path(__file__).parent / "cases"
PROJECT = Path(__file__).parent.parent


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
