"""Benchmark the quote hints: a ledger whose every quote is wrong by one word.

Usage::

    python benchmarks/hints.py [--gifts 10000] [--repeat 5] [--cache DIR]

Issue #16's goal: validating the generated ledger with every quote wrong by one word
takes at most 1.5 times as long as validating the same ledger with every quote right,
although every wrong quote gets a hint (its closest passage and the first difference).

The right ledger is the one ``benchmarks/run.py`` generates (and caches); the wrong one is
a copy in which the middle word of every quote is replaced by ``several``. Both are
validated as separate processes, alternately, ``--repeat`` times each; the report gives
the medians and their ratio, after checking that the wrong ledger reports one
``quote-not-found`` error, with a ``differs`` hint, per quote and nothing else. Only the
standard library is used.

Both are measured with each YAML reader (``--reader``): the exact one, which a plain
install has, and the compiled fast path of the ``fast`` extra (``GIFT_LEDGER_YAML_FAST``
set to 0 or 1 for the process; a reader that is not installed is left out). The fast path
reads the right ledger faster and gives the wrong one the same extra work (every file with
a problem is walked again by libyaml), so its ratio is the higher.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import run  # benchmarks/run.py: the generator's cache and the process timer

GOAL = 1.5
_QUOTE = re.compile(r'^(?P<indent>\s+quote: )(?P<quote>".*")$', re.MULTILINE)


def wrong_by_one_word(right: Path, wrong: Path) -> int:
    """Copy the ledger with the middle word of every quote replaced; how many were."""
    shutil.copytree(right, wrong)
    changed = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        words = json.loads(match["quote"]).split(" ")
        middle = len(words) // 2
        words[middle] = "several" if words[middle] != "several" else "many"
        changed += 1
        return match["indent"] + json.dumps(" ".join(words), ensure_ascii=False)

    for path in sorted(wrong.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(_QUOTE.sub(replace, text), encoding="utf-8")
    return changed


def check_wrong(ledger: str, wrong: Path, quotes: int) -> None:
    """The wrong ledger reports one quote-not-found error with a `differs` hint per quote."""
    done = subprocess.run(
        [ledger, "validate", str(wrong), "--format", "json"],
        capture_output=True,
        check=False,
    )
    report = json.loads(done.stdout)
    found = [
        d
        for d in report["diagnostics"]
        if d["code"] == "quote-not-found" and d["details"]["hint"] == "differs"
    ]
    if done.returncode != 1 or len(found) != quotes or len(report["diagnostics"]) != quotes:
        raise SystemExit(
            f"hints.py: expected {quotes} quote-not-found errors with a hint, got "
            f"{len(found)} of {len(report['diagnostics'])} diagnostics (exit {done.returncode})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gifts", type=int, default=10_000, help="ledger size (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument(
        "--reader",
        choices=["both", "exact", "fast"],
        default="both",
        help="the YAML reader(s) to measure with (default both)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "gift-ledger-bench",
        help="where generated ledgers are kept (shared with run.py)",
    )
    args = parser.parse_args()
    run.compile_package()
    right = Path(run.ensure_ledger(args.cache, args.gifts, "yaml", 0).path)
    ledger = run.tool("ledger")
    with tempfile.TemporaryDirectory() as scratch:
        wrong = Path(scratch) / "wrong"
        quotes = wrong_by_one_word(right, wrong)
        check_wrong(ledger, wrong, quotes)
        run.warm([right, wrong])
        readers = _readers(args.reader)
        spawner = run.Spawner(Path(scratch) / "spawner")
        times: dict[tuple[str, str], list[float]] = {}
        try:
            for n in range(args.repeat):
                for reader, flag in readers:
                    for name, folder, expected in (("right", right, 0), ("wrong", wrong, 1)):
                        argv = [_ENV, f"GIFT_LEDGER_YAML_FAST={flag}", ledger, "validate"]
                        result = spawner.run([*argv, str(folder)], run.ROOT, 600)
                        if result.exit_code != expected:
                            raise SystemExit(f"hints.py: {name} ledger exited {result.exit_code}")
                        times.setdefault((reader, name), []).append(result.wall)
                        run.log(
                            f"{reader} reader, {name} {n + 1}/{args.repeat}: {result.wall:.3f} s"
                        )
        finally:
            spawner.close()
    print("| reader | ledger | runs | median wall | min–max |\n|---|---|--:|--:|--:|")
    for reader, _ in readers:
        for name, label in (
            ("right", "every quote right"),
            ("wrong", "every quote wrong by a word"),
        ):
            walls = times[(reader, name)]
            print(
                f"| {reader} | {args.gifts:,} gifts, {label} ({quotes:,} quotes) | {len(walls)} | "
                f"{statistics.median(walls):.2f} s | {min(walls):.2f}–{max(walls):.2f} s |"
            )
    print()
    for reader, _ in readers:
        right_median, wrong_median = (
            statistics.median(times[(reader, k)]) for k in ("right", "wrong")
        )
        ratio = wrong_median / right_median
        verdict = "met" if ratio <= GOAL else "**not met**"
        print(f"{reader} reader: wrong ÷ right: {ratio:.2f} (goal ≤ {GOAL}): {verdict}")
    return 0


_ENV = shutil.which("env") or "/usr/bin/env"


def _readers(chosen: str) -> list[tuple[str, str]]:
    """The readers to measure with, and the value of GIFT_LEDGER_YAML_FAST for each; the
    fast path only if its library (the ``fast`` extra) is installed."""
    readers = [("exact", "0")]
    if importlib.util.find_spec("ryaml") is not None:
        readers.append(("fast", "1"))
    elif chosen == "fast":
        raise SystemExit("hints.py: the fast path's library is not installed (the fast extra)")
    return [r for r in readers if chosen in ("both", r[0])]


if __name__ == "__main__":
    sys.exit(main())
