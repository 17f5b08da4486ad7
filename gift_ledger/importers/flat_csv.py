"""The flat CSV export read back: the gifts, edited in a spreadsheet, with the rest of a ledger.

The flat table has one row per gift item and only what a spreadsheet needs: it has no
actors, sources or agreements, and of a gift it lacks the citations' dates and ``related``.
So an import of it takes a ledger (``--ledger``): the gifts come from the table, the other
records from the ledger unchanged, and for each gift that the ledger has too, its
``related`` and the dates of citations of the same source. Names and titles copied into the
table from actors and sources (``giver_name``, ``source_titles``...) and the derived days
(``date_earliest``, ``date_latest``) are ignored: edit actors and sources in their records.

Free text that the export prefixed with ``'`` (a formula start) is restored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..models import Gift
from ..record_yaml import as_written
from ..tables.flat import COLUMNS, restore
from ..tables.values import number
from ..validate import LoadedLedger
from .candidates import Candidate, compact
from .cells import Problem, Row, read_table, split, whole

__all__ = ["DERIVED", "detect", "read"]

DERIVED = (
    "date_earliest",
    "date_latest",
    "giver_name",
    "giver_country",
    "giver_country_name",
    "recipient_name",
    "recipient_country",
    "recipient_country_name",
    "source_titles",
)
"""Columns copied from other records or computed: an import ignores them."""

# A gift's own columns, repeated on each of its rows.
_SHARED = (
    "date",
    "giver_id",
    "recipient_id",
    "transfer",
    "until",
    "total",
    "value_amount",
    "value_currency",
    "occasion",
    "source_ids",
    "quotes",
    "notes",
)


def detect(source: Path) -> bool:
    """Whether source is a file whose header row starts as the flat CSV export's does."""
    if not source.is_file():
        return False
    with source.open("rb") as stream:
        head = stream.read(4096)
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"gift_id,")


def read(source: Path, loaded: LoadedLedger) -> tuple[list[Candidate], list[Problem]]:
    """The ledger's records with its gifts replaced by those of the table."""
    rows, problems = read_table(source, COLUMNS, DERIVED)
    if problems:
        return [], problems
    gifts: dict[str, list[Row]] = {}
    for row in rows:
        gifts.setdefault(row.get("gift_id") or "", []).append(row)
    candidates = [
        Candidate(as_written(entry.record), {"": str(entry.file)})
        for entry in loaded.ledger.entries
        if not isinstance(entry.record, Gift)
    ]
    for gift_id, gift_rows in gifts.items():
        known = loaded.ledger.record(gift_id)
        candidate = _gift(gift_id, gift_rows, known if isinstance(known, Gift) else None, problems)
        if candidate is not None:
            candidates.append(candidate)
    return candidates, problems


def _gift(
    gift_id: str, rows: list[Row], known: Gift | None, problems: list[Problem]
) -> Candidate | None:
    first = rows[0]
    for row in rows[1:]:
        for column in _SHARED:
            if row.get(column) != first.get(column):
                problems.append(
                    Problem(
                        row.place,
                        "invalid-value",
                        f"{column!r} differs from the first row of gift {gift_id!r} "
                        f"({first.place}): a gift's own columns repeat on each of its rows; "
                        "make them the same",
                    )
                )
                return None
    numbered: dict[int, Row] = {}
    for row in rows:
        number_ = whole(row.get("item_number"))
        if not isinstance(number_, int) or number_ < 1 or number_ in numbered:
            problems.append(
                Problem(
                    row.place,
                    "invalid-value",
                    f"'item_number' must be 1 or more and differ between the rows of gift "
                    f"{gift_id!r}, not {row.get('item_number')!r}",
                )
            )
            return None
        numbered[number_] = row
    items = [numbered[n] for n in sorted(numbered)]
    places = {"": first.place, **{f"/items/{i}": row.place for i, row in enumerate(items)}}
    source_ids, quotes = split(first.get("source_ids")), split(restore(first.get("quotes")))
    if len(source_ids) != len(quotes):
        problems.append(
            Problem(
                first.place,
                "invalid-value",
                f"gift {gift_id!r} has {len(source_ids)} source ids and {len(quotes)} quotes: "
                "they pair up in order, joined with ' | ' (a quote that holds ' | ' cannot be "
                "imported from the flat table: edit it in the data package instead)",
            )
        )
        return None
    amount, currency = number(first.get("value_amount")), first.get("value_currency")
    record: dict[str, Any] = {
        "type": "gift",
        "id": gift_id,
        "giver": _actor_ids(first.get("giver_id")),
        "recipient": _actor_ids(first.get("recipient_id")),
        "transfer": first.get("transfer"),
        "until": first.get("until"),
        "date": first.get("date"),
        "items": [
            {
                "item": restore(row.get("item")),
                "category": row.get("category"),
                "count": whole(row.get("count")),
                "names": split(restore(row.get("names"))),
                "wikidata": row.get("item_wikidata"),
            }
            for row in items
        ],
        "total": whole(first.get("total")),
        "value": (
            {"amount": amount, "currency": currency}
            if amount is not None or currency is not None
            else None
        ),
        "occasion": restore(first.get("occasion")),
        "related": list(known.related) if known else [],
        "sources": _citations(source_ids, quotes, known),
        "notes": restore(first.get("notes")),
    }
    return Candidate(compact(record), places)


def _actor_ids(cell: str | None) -> str | list[str] | None:
    """One actor's id, or the ids of a joint gift's actors (joined with `` | ``)."""
    ids = split(cell)
    return ids[0] if len(ids) == 1 else ids


def _citations(source_ids: list[str], quotes: list[str], known: Gift | None) -> list[Any]:
    """Citations from the table, with the date of the known gift's citation of each source."""
    dates: dict[str, list[str | None]] = {}
    for citation in known.sources if known else ():
        dates.setdefault(citation.source, []).append(citation.date.text if citation.date else None)
    citations = []
    for source_id, quote in zip(source_ids, quotes, strict=True):
        remaining = dates.get(source_id, [])
        date = remaining.pop(0) if remaining else None
        citations.append({"source": source_id, "quote": quote, "date": date})
    return citations
