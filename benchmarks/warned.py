"""Copy a generated ledger with one warning planted in every record file (issue #20, goal 1).

Usage::

    python benchmarks/warned.py SOURCE TARGET

SOURCE is a ledger written by ``benchmarks/generate.py`` (YAML or JSON), TARGET a new
folder. Each record file gets one warning, at its middle record, so that locating it means
reading about half the file again, as for a warning anywhere in a file on average:

- a gift file: the gift is dated 2030, after every source that reports it
  (``gift-after-reports``);
- an agreement file: its first two citations are dated 1990 and 2000
  (``dates-disagree``);
- an actor or a source file: a copy of the record under a new id follows it, and nothing
  refers to the copy (``unreferenced``): one more record in each of these files.

Every other byte is as generated (JSON files are written back as the generator writes
them), and the archived texts are copied as they are. Only the standard library is used.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["plant_warnings"]

_LATE_DATE = "2030"
_DISAGREEING_DATES = ("1990", "2000")
_COPY_SUFFIX = "-unreferenced"
_MAX_ID = 80


def plant_warnings(source: Path, target: Path) -> int:
    """Copy the ledger at `source` to `target` with a warning in every record file; the
    number of record files."""
    shutil.copytree(source, target)
    planted = 0
    for path in sorted(target.glob("*/*")):
        kind = path.parent.name.removesuffix("s")
        if path.suffix == ".json":
            records = json.loads(path.read_text(encoding="utf-8"))
            if _render_json(records) != path.read_text(encoding="utf-8"):
                raise ValueError(f"{path}: not written as generate.py writes JSON")
            _plant_in_records(kind, records)
            path.write_text(_render_json(records), encoding="utf-8")
        elif path.suffix == ".yaml":
            blocks = path.read_text(encoding="utf-8").split("\n\n")
            _plant_in_blocks(kind, blocks)
            path.write_text("\n\n".join(blocks), encoding="utf-8")
        else:
            continue
        planted += 1
    return planted


def _render_json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, indent=1, ensure_ascii=False) + "\n"


def _plant_in_records(kind: str, records: list[dict[str, Any]]) -> None:
    middle = len(records) // 2
    if kind == "gift":
        at = _first_from(middle, records, lambda r: "until" not in r)
        records[at]["date"] = _LATE_DATE
    elif kind == "agreement":
        at = _first_from(middle, records, lambda r: len(r["sources"]) >= 2)
        for citation, date in zip(records[at]["sources"], _DISAGREEING_DATES, strict=False):
            citation["date"] = date
    elif kind in ("actor", "source"):
        copy = dict(records[middle])
        copy["id"] = _new_id(str(copy["id"]))
        records.insert(middle + 1, copy)
    else:
        raise ValueError(f"no warning to plant in a file of {kind}s")


def _plant_in_blocks(kind: str, blocks: list[str]) -> None:
    """The same in YAML, where each record is a block of lines after a blank line."""
    middle = len(blocks) // 2
    if kind == "gift":
        at = _first_from(middle, blocks, lambda b: "\n  until: " not in b)
        blocks[at] = re.sub(r"(?m)^  date: .*$", f"  date: {_LATE_DATE}", blocks[at], count=1)
    elif kind == "agreement":
        at = _first_from(middle, blocks, lambda b: b.count("\n    - source: ") >= 2)
        lines = blocks[at].split("\n")
        quotes = [n for n, line in enumerate(lines) if line.startswith("      quote: ")][:2]
        for n, date in reversed(list(zip(quotes, _DISAGREEING_DATES, strict=True))):
            lines.insert(n + 1, f"      date: {date}")
        blocks[at] = "\n".join(lines)
    elif kind in ("actor", "source"):
        block = blocks[middle].rstrip("\n")
        copy = re.sub(r"(?m)^  id: (.*)$", lambda m: f"  id: {_new_id(m[1])}", block, count=1)
        blocks[middle] = block + "\n\n" + copy + blocks[middle][len(block) :]
    else:
        raise ValueError(f"no warning to plant in a file of {kind}s")


def _first_from(start: int, items: Sequence[Any], fits: Callable[[Any], bool]) -> int:
    """The first item at or after `start` that fits, else the first before it."""
    for at in [*range(start, len(items)), *range(start)]:
        if fits(items[at]):
            return at
    raise ValueError("no record to plant the warning in")


def _new_id(old: str) -> str:
    return old[: _MAX_ID - len(_COPY_SUFFIX)].rstrip("-") + _COPY_SUFFIX


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    files = plant_warnings(Path(argv[1]), Path(argv[2]))
    print(f"planted a warning in each of {files} record files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
