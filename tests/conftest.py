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


BIG_LEDGER_GIFTS = 2_000
"""Gifts in `big_ledger`: a few thousand records, spread over many files."""


@pytest.fixture(scope="session")
def big_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated YAML ledger of 2,000 gifts, shared read-only by the scale and signal tests."""
    from .test_import import GENERATOR

    root = tmp_path_factory.mktemp("big") / "records"
    GENERATOR.generate_ledger(root, BIG_LEDGER_GIFTS, "yaml", records_per_file=100, seed=5)
    return root
