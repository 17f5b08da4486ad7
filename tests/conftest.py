"""Shared helpers: the CLI runner and the example ledgers under tests/cases/."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

CASES = Path(__file__).parent / "cases"
PROJECT = Path(__file__).parent.parent


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
