"""Write a ledger shaped to make the checks across records slow (issue #18).

Each shape once made a check compare every pair of something; run `ledger validate` on
the result to see that it no longer does:

    python benchmarks/bombs.py look-alikes 4000 /tmp/bomb
    /usr/bin/time -v ledger validate /tmp/bomb

- `look-alikes`: N gifts of one item between the same two actors on one day (a warning
  for every pair);
- `look-alikes-dated`: the same on N different days (every pair's dates compared);
- `unknown-references`: N gifts on different days, each related to an id that no record
  has (did-you-mean over every record, for each);
- `citation-dates`: one gift citing one source N times with dates that agree (every pair
  of dates compared);
- `text-spellings`: one 15.9 MB text named by N sources, each spelling its path
  differently (the text read and kept once per spelling).

It needs only the Python standard library, like generate.py.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = ["SHAPES", "write_bomb"]

TEXT_BYTES = 15_900_000
_QUOTE = "gave the president a pair of hunting dogs"


def _actors() -> list[dict[str, Any]]:
    return [
        {"type": "actor", "id": "giver", "kind": "person", "name": "A Giver"},
        {"type": "actor", "id": "taker", "kind": "person", "name": "A Recipient"},
    ]


def _source(source_id: str, **fields: str) -> dict[str, Any]:
    return {"type": "source", "id": source_id, "title": "A report", **fields}


def _report(root: Path) -> dict[str, Any]:
    """The source every gift cites, with an archived text that holds the quote, so that the
    only problems are those of the shape."""
    (root / "texts").mkdir(exist_ok=True)
    (root / "texts" / "report.txt").write_text(f"The leader {_QUOTE}.\n", encoding="utf-8")
    return _source("report", text="texts/report.txt")


def _gift(gift_id: str, day: str, citations: list[dict[str, str]], **more: Any) -> dict[str, Any]:
    return {
        "type": "gift",
        "id": gift_id,
        "giver": "giver",
        "recipient": "taker",
        "date": day,
        "items": [{"item": "Hunting dog", "category": "animal", "count": 2}],
        "sources": citations,
        **more,
    }


def _cite(source_id: str = "report", **more: str) -> dict[str, str]:
    return {"source": source_id, "quote": _QUOTE, **more}


def _look_alikes(n: int, root: Path) -> list[dict[str, Any]]:
    gifts = [_gift(f"gift-{i}", "2024-06-19", [_cite()]) for i in range(n)]
    return [*_actors(), _report(root), *gifts]


def _days(n: int) -> list[str]:
    """N different days, in order: no two gifts on them look alike."""
    start = date(1900, 1, 1)
    return [(start + timedelta(days=i)).isoformat() for i in range(n)]


def _look_alikes_dated(n: int, root: Path) -> list[dict[str, Any]]:
    gifts = [_gift(f"gift-{i}", day, [_cite()]) for i, day in enumerate(_days(n))]
    return [*_actors(), _report(root), *gifts]


def _unknown_references(n: int, root: Path) -> list[dict[str, Any]]:
    gifts = [
        _gift(f"gift-{i}", day, [_cite()], related=[f"gift-{i}-missing"])
        for i, day in enumerate(_days(n))
    ]
    return [*_actors(), _report(root), *gifts]


def _citation_dates(n: int, root: Path) -> list[dict[str, Any]]:
    citations = [_cite(date="2024-06-19") for _ in range(n)]
    return [*_actors(), _report(root), _gift("gift", "2024-06-19", citations)]


def _text_spellings(n: int, root: Path) -> list[dict[str, Any]]:
    (root / "texts").mkdir(exist_ok=True)
    line = f"The leader {_QUOTE} on his visit.\n"
    (root / "texts" / "a.txt").write_text(line * (TEXT_BYTES // len(line)), encoding="utf-8")
    spellings = [f"{'./' * i}texts/a.txt" for i in range(n)]
    sources = [_source(f"report-{i}", text=spelling) for i, spelling in enumerate(spellings)]
    citations = [_cite(f"report-{i}") for i in range(n)]
    return [*_actors(), *sources, _gift("gift", "2024-06-19", citations)]


SHAPES = {
    "look-alikes": _look_alikes,
    "look-alikes-dated": _look_alikes_dated,
    "unknown-references": _unknown_references,
    "citation-dates": _citation_dates,
    "text-spellings": _text_spellings,
}


def write_bomb(shape: str, n: int, root: Path) -> None:
    """Write a ledger of the given shape and size into the new folder `root`."""
    root.mkdir(parents=True)
    records = SHAPES[shape](n, root)
    (root / "records.json").write_text(json.dumps(records, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shape", choices=sorted(SHAPES))
    parser.add_argument("n", type=int, help="how many gifts, citations or spellings")
    parser.add_argument("outdir", type=Path, help="a folder that does not exist yet")
    args = parser.parse_args()
    write_bomb(args.shape, args.n, args.outdir)


if __name__ == "__main__":
    main()
