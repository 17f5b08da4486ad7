"""The benchmark scripts start: each answers --help, so a broken option table (two options of
one name after a merge, say) fails here rather than in the middle of a long measurement."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
WITH_OPTIONS = ["bombs", "code_lists", "generate", "hints", "run", "startup", "yaml_readers"]


@pytest.mark.parametrize("name", WITH_OPTIONS)
def test_a_benchmark_script_answers_help(name: str) -> None:
    result = _help(name)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("usage: ")


def test_the_runner_can_measure_only_some_commands() -> None:
    result = _help("run")
    assert result.stdout.count("\n  --only KEY,KEY") == 1  # described once


def test_every_script_is_listed_here_or_takes_no_options() -> None:
    """A new benchmark script is added to WITH_OPTIONS, or here if it has no --help."""
    without = {"fuzz_reader", "warned"}  # libFuzzer's options; positional arguments only
    assert {p.stem for p in BENCHMARKS.glob("*.py")} == set(WITH_OPTIONS) | without


def _help(name: str) -> subprocess.CompletedProcess[str]:
    """What `python benchmarks/NAME.py --help` prints."""
    command = [sys.executable, str(BENCHMARKS / f"{name}.py"), "--help"]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
