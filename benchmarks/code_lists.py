"""What the code lists (issue #14) cost: whole `ledger` runs with this tree's package and
with an older one, side by side.

Usage::

    git archive 1b6f775 gift_ledger | tar -x -C /tmp/before
    python benchmarks/code_lists.py /tmp/before [--runs 11]

Each command runs as its own process, the two packages in turn, and the median and fastest
wall times are printed. The older package is imported from the folder given, ahead of the
editable install of this tree.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = (
    "import sys; sys.meta_path = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "
    "sys.path.insert(0, {root!r}); import gift_ledger; "
    "assert gift_ledger.__file__.startswith({root!r}), gift_ledger.__file__; "
    "from gift_ledger.cli import main; sys.argv = ['ledger', *{args!r}]; main()"
)

COMMANDS = {
    "ledger --version": ["--version"],
    "ledger validate records": ["validate", "records"],
    "ledger validate tests/cases/valid/every-field": ["validate", "tests/cases/valid/every-field"],
    "ledger export records --format csv": ["export", "records", "--format", "csv"],
}


def wall_times(root: Path, args: list[str], runs: int) -> list[float]:
    """Wall times in ms of `runs` processes running `ledger ARGS` with the package in root."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _RUN.format(root=str(root), args=args)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        times.append((time.perf_counter() - start) * 1000)
        if "AssertionError" in done.stderr:
            raise SystemExit(done.stderr)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="a folder holding an older gift_ledger/")
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    for label, args in COMMANDS.items():
        for name, root in (("before", options.before.resolve()), ("after", ROOT)):
            times = wall_times(root, args, options.runs)
            print(
                f"| `{label}` | {name} | {statistics.median(times):.0f} ms | {min(times):.0f} ms |"
            )


if __name__ == "__main__":
    main()
