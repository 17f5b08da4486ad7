"""Where the start-up of `ledger validate` of a small ledger goes (issue #20, goal 4).

Usage::

    python benchmarks/startup.py [--runs 21] [--ledger tests/cases/valid/every-field]
        [--before FOLDER]

Each line is its own process, the lines round-robin: the bare interpreter, the goal's peer
`import pydantic, typer, orjson`, then what `ledger validate` needs on top of it, one layer
at a time (pydantic's model machinery, the ledger's models, PyYAML, regex), and the whole
command. It prints a Markdown table of median and fastest wall times and each median over
the peer's. With `--before FOLDER` (a folder holding an older `gift_ledger/`, from
`git archive COMMIT gift_ledger | tar -x -C FOLDER`), the whole command runs with that
package too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PEER = "import pydantic, typer, orjson"
# As `ledger` does at start (gift_ledger.speed.at_start): no scan for pydantic plugins.
QUIET = "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'; "
LAYERS = {
    "`python -c pass`": "pass",
    f"`{PEER}` (the peer)": PEER,
    "+ a pydantic model of one field": QUIET
    + PEER
    + "\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int",
    "+ the ledger's models (`gift_ledger.models`)": QUIET + PEER + "; import gift_ledger.models",
    "+ PyYAML": QUIET + PEER + "; import gift_ledger.models, yaml",
    "+ regex": QUIET + PEER + "; import gift_ledger.models, yaml, regex",
}
_RUN = (
    "import sys; sys.meta_path = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "
    "sys.path.insert(0, {root!r}); import gift_ledger; "
    "assert gift_ledger.__file__.startswith({root!r}), gift_ledger.__file__; "
    "from gift_ledger.cli import main; sys.argv = ['ledger', *{args!r}]; main()"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--ledger", default="tests/cases/valid/every-field")
    parser.add_argument("--before", type=Path, help="a folder holding an older gift_ledger/")
    options = parser.parse_args()
    whole = ["validate", options.ledger]
    scripts = dict(LAYERS)
    scripts[f"`ledger validate {options.ledger}`"] = _RUN.format(root=str(ROOT), args=whole)
    if options.before:
        before = str(options.before.resolve())
        scripts[f"the same, package of {options.before}"] = _RUN.format(root=before, args=whole)
    times: dict[str, list[float]] = {label: [] for label in scripts}
    for script in scripts.values():  # once unmeasured: no cold caches
        _run(script)
    for _ in range(options.runs):
        for label, script in scripts.items():
            times[label].append(_run(script))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    peer = statistics.median(times[f"`{PEER}` (the peer)"])
    print(f"{options.runs} runs each, round-robin; load average after: {load}\n")
    print("| what runs | median | fastest | ÷ peer |")
    print("|---|--:|--:|--:|")
    for label, measured in times.items():
        median = statistics.median(measured)
        print(f"| {label} | {median:.0f} ms | {min(measured):.0f} ms | {median / peer:.2f} |")


def _run(script: str) -> float:
    """Wall time in ms of one interpreter running the script; it must succeed."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False
    )
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"failed: {script}\n{done.stderr}")
    return elapsed


if __name__ == "__main__":
    main()
