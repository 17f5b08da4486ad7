"""A generated ledger of a few thousand records, read by worker processes and by one.

These tests are functional, not timed: the speed of the same commands is measured by
benchmarks/run.py. What they prove is that a ledger large enough for `ledger validate`
to read its files in worker processes gives the same report, and the same exports, as
one read in a single process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gift_ledger import validate
from gift_ledger.check import texts
from gift_ledger.check.texts import read_text
from gift_ledger.read import ParsedFile, read_file, yaml_fast
from gift_ledger.workers import PARALLEL_MIN_BYTES, choose_jobs, usable_cores

from .conftest import BIG_LEDGER_GIFTS as GIFTS
from .test_import import GENERATOR


def ledger(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, as a user runs it (forking needs one thread)."""
    command = [sys.executable, "-m", "gift_ledger", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def records_in(root: Path) -> int:
    """Records in a generated ledger: each starts a list item with its type."""
    return sum(
        line.startswith("- type: ")
        for path in root.rglob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
    )


def test_the_generated_ledger_is_large_enough_for_workers(big_ledger: Path) -> None:
    size = sum(p.stat().st_size for p in big_ledger.rglob("*.yaml"))
    assert size >= PARALLEL_MIN_BYTES
    expected = usable_cores() if usable_cores() > 1 else 0
    assert choose_jobs(None, size) == expected
    assert choose_jobs(1, size) == 0
    assert choose_jobs(None, PARALLEL_MIN_BYTES - 1) == 0


def test_a_few_thousand_records_validate(big_ledger: Path) -> None:
    result = ledger("validate", big_ledger, "--strict")
    assert (result.returncode, result.stderr) == (0, "")
    records = records_in(big_ledger)
    assert records > GIFTS
    assert result.stdout.startswith(f"{records} records in ")
    assert result.stdout.endswith(" files: 0 errors, 0 warnings (strict): valid\n")


def break_ledger(root: Path) -> None:
    """Errors in several files far apart, so that different workers meet them."""
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


def test_workers_and_one_process_report_the_same(big_ledger: Path, tmp_path: Path) -> None:
    broken = tmp_path / "records"
    GENERATOR.generate_ledger(broken, GIFTS, "yaml", records_per_file=100, seed=5)
    break_ledger(broken)
    reports = {
        jobs: ledger("validate", broken, "--format", "json", "--jobs", jobs)
        for jobs in ("1", "2", "0")
    }
    for result in reports.values():
        assert (result.returncode, result.stderr) == (1, "")
    assert reports["2"].stdout == reports["1"].stdout == reports["0"].stdout
    codes = {d["code"] for d in json.loads(reports["2"].stdout)["diagnostics"]}
    assert {"invalid-date", "yaml-syntax", "quote-not-found", "duplicate-id"} <= codes


def test_a_json_ledger_loads_its_texts_in_workers_with_the_same_report(tmp_path: Path) -> None:
    """JSON files are read in the main process, but a ledger this large loads its archived
    texts in workers, forked before the records are built."""
    root = tmp_path / "records"
    GENERATOR.generate_ledger(root, GIFTS, "json", records_per_file=100, seed=5)
    assert choose_jobs(None, sum(p.stat().st_size for p in root.rglob("*.json"))) == (
        usable_cores() if usable_cores() > 1 else 0
    )
    texts = sorted((root / "texts").iterdir())
    texts[3].unlink()
    texts[-1].write_text("Rewritten: no quote is found here.", encoding="utf-8")
    reports = {jobs: ledger("validate", root, "--format", "json", "--jobs", jobs) for jobs in "10"}
    assert (reports["0"].returncode, reports["0"].stderr) == (1, "")
    assert reports["0"].stdout == reports["1"].stdout
    codes = {d["code"] for d in json.loads(reports["0"].stdout)["diagnostics"]}
    assert codes == {"text-not-found", "quote-not-found"}


def _note_pid(variable: str) -> None:
    """Append this process's id to the file that the environment variable names."""
    with Path(os.environ[variable]).open("a", encoding="utf-8") as notes:
        notes.write(f"{os.getpid()}\n")


def read_noting_pid(path: Path, root: Path) -> ParsedFile:
    _note_pid("TEST_FILE_READERS")
    return read_file(path, root)


def load_noting_pid(path: str, status: os.stat_result | None) -> object:
    _note_pid("TEST_TEXT_LOADERS")
    return read_text(path, status)


@pytest.mark.skipif(choose_jobs(None, 10**9) == 0, reason="one core, or no fork here")
@pytest.mark.parametrize(
    ("fmt", "fast"),
    [("yaml", False), ("yaml", True), ("json", False)],
    ids=["yaml-exact-reader", "yaml-fast-path", "json"],
)
def test_a_large_ledger_is_shared_with_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, fast: bool
) -> None:
    """YAML files read by the exact reader are read by workers and the main process; JSON
    files, and YAML files offered to the compiled fast path, by the main process alone.
    The archived texts load in the workers."""
    root = tmp_path / "records"
    GENERATOR.generate_ledger(root, GIFTS, fmt, records_per_file=100, seed=5)
    monkeypatch.setattr(yaml_fast, "ENABLED", fast)
    monkeypatch.setattr(validate, "read_file", read_noting_pid)
    monkeypatch.setattr(texts, "read_text", load_noting_pid)
    for variable in ("TEST_FILE_READERS", "TEST_TEXT_LOADERS"):
        monkeypatch.setenv(variable, str(tmp_path / variable))
    assert validate.validate_ledger(root).diagnostics == ()
    readers, loaders = (
        set((tmp_path / variable).read_text(encoding="utf-8").split())
        for variable in ("TEST_FILE_READERS", "TEST_TEXT_LOADERS")
    )
    main = str(os.getpid())
    if fmt == "yaml" and not fast:
        assert main in readers and len(readers) > 1
    else:
        assert readers == {main}
    assert loaders and main not in loaders


@pytest.mark.parametrize("fmt", ["jsonld", "csv", "ndjson"])
def test_a_few_thousand_records_export(big_ledger: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"ledger.{fmt}"
    result = ledger("export", big_ledger, "--format", fmt, "--output", out)
    assert (result.returncode, result.stderr) == (0, "")
    data = out.read_bytes()
    alone = tmp_path / f"alone.{fmt}"
    assert ledger("export", big_ledger, "-f", fmt, "-o", alone, "--jobs", "1").returncode == 0
    assert alone.read_bytes() == data
    records = records_in(big_ledger)
    if fmt == "jsonld":
        assert len(json.loads(data)["@graph"]) == records + 1  # and the dataset node
    elif fmt == "ndjson":
        assert [json.loads(line)["type"] for line in data.splitlines()].count("gift") == GIFTS
    else:
        gift_ids = {row.split(b",", 1)[0] for row in data.splitlines()[1:]}
        assert len(gift_ids) == GIFTS
