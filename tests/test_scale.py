"""A generated ledger of a few thousand records, read by the compiled YAML fast path and
by the exact reader alone.

These tests are functional, not timed: the speed of the same commands is measured by
benchmarks/run.py. What they prove is that such a ledger, its problems spread over many
files, gives the same report and the same exports whichever reader reads its YAML files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BIG_LEDGER_GIFTS as GIFTS
from .test_import import GENERATOR


def ledger(*args: str | Path, fast: bool = True) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, as a user runs it; with `fast` false, every
    YAML file is read by the exact reader."""
    command = [sys.executable, "-m", "gift_ledger", *map(str, args)]
    env = {**os.environ, "GIFT_LEDGER_YAML_FAST": "1" if fast else "0"}
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, env=env
    )


def records_in(root: Path) -> int:
    """Records in a generated ledger: each starts a list item with its type."""
    return sum(
        line.startswith("- type: ")
        for path in root.rglob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
    )


def test_a_few_thousand_records_validate(big_ledger: Path) -> None:
    result = ledger("validate", big_ledger, "--strict")
    assert (result.returncode, result.stderr) == (0, "")
    records = records_in(big_ledger)
    assert records > GIFTS
    assert result.stdout.startswith(f"{records} records in ")
    assert result.stdout.endswith(" files: 0 errors, 0 warnings (strict): valid\n")


def break_ledger(root: Path) -> None:
    """Errors in several files far apart, of reading, of records and across records."""
    gifts = sorted((root / "gifts").glob("*.yaml"))
    first = gifts[0].read_text(encoding="utf-8")
    gifts[0].write_text(first.replace("  date: ", "  date: 2024-13-45 #", 1), encoding="utf-8")
    gifts[7].write_text("- type: gift\n  id: [unclosed\n", encoding="utf-8")
    last = gifts[-1].read_text(encoding="utf-8")
    gifts[-1].write_text(last.replace('quote: "', 'quote: "Not in the text. ', 1), "utf-8")
    actors = sorted((root / "actors").glob("*.yaml"))
    actors[-1].write_text(
        actors[-1].read_text(encoding="utf-8") + actors[0].read_text(encoding="utf-8"), "utf-8"
    )


def test_both_readers_report_the_same_problems(tmp_path: Path) -> None:
    broken = tmp_path / "records"
    GENERATOR.generate_ledger(broken, GIFTS, "yaml", records_per_file=100, seed=5)
    break_ledger(broken)
    reports = {
        fast: ledger("validate", broken, "--format", "json", fast=fast) for fast in (True, False)
    }
    for result in reports.values():
        assert (result.returncode, result.stderr) == (1, "")
    assert reports[True].stdout == reports[False].stdout
    codes = {d["code"] for d in json.loads(reports[True].stdout)["diagnostics"]}
    assert {"invalid-date", "yaml-syntax", "quote-not-found", "duplicate-id"} <= codes


def test_a_json_ledger_reports_a_missing_and_a_rewritten_text(tmp_path: Path) -> None:
    root = tmp_path / "records"
    GENERATOR.generate_ledger(root, GIFTS, "json", records_per_file=100, seed=5)
    texts = sorted((root / "texts").iterdir())
    texts[3].unlink()
    texts[-1].write_text("Rewritten: no quote is found here.", encoding="utf-8")
    result = ledger("validate", root, "--format", "json")
    assert (result.returncode, result.stderr) == (1, "")
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert codes == {"text-not-found", "quote-not-found"}


@pytest.mark.parametrize("fmt", ["jsonld", "csv", "ndjson"])
def test_a_few_thousand_records_export(big_ledger: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"ledger.{fmt}"
    result = ledger("export", big_ledger, "--format", fmt, "--output", out)
    assert (result.returncode, result.stderr) == (0, "")
    data = out.read_bytes()
    alone = tmp_path / f"alone.{fmt}"
    assert ledger("export", big_ledger, "-f", fmt, "-o", alone, fast=False).returncode == 0
    assert alone.read_bytes() == data
    records = records_in(big_ledger)
    if fmt == "jsonld":
        assert len(json.loads(data)["@graph"]) == records + 1  # and the dataset node
    elif fmt == "ndjson":
        assert [json.loads(line)["type"] for line in data.splitlines()].count("gift") == GIFTS
    else:
        gift_ids = {row.split(b",", 1)[0] for row in data.splitlines()[1:]}
        assert len(gift_ids) == GIFTS
