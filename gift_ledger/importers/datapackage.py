"""The data package export read back into records: every field of every record comes home.

The ``records`` table gives the order of the records; a record that has a row in its own
table (``gifts``, ...) but none in ``records`` comes after those listed. List fields are
read from their tables in the order of ``position``. The ``*_earliest`` and ``*_latest``
columns are derived from the dates and ignored.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..tables.package import DESCRIPTOR, TABLES
from ..tables.values import number
from ..vocab import RecordType
from .candidates import Candidate, compact
from .cells import Problem, Row, read_table, whole

__all__ = ["detect", "read"]

_MAIN = {kind.value: kind.plural for kind in RecordType}
"""Record type -> its main table, the one with a row per record."""
_Key = tuple[str, ...]
# The records that the rows of each list table belong to.
_OWNERS = {
    "actor_aliases": ("actor",),
    "gift_givers": ("gift",),
    "gift_recipients": ("gift",),
    "gift_items": ("gift",),
    "agreement_parties": ("agreement",),
    "agreement_signatories": ("agreement",),
    "agreement_obligations": ("agreement",),
    "agreement_topics": ("agreement",),
    "provisions": ("agreement",),
    "citations": ("gift", "agreement"),
    "related": ("gift", "agreement"),
}


def detect(source: Path) -> bool:
    """Whether source is a data package export: its folder, or its ``datapackage.json``."""
    if source.is_dir():
        return (source / DESCRIPTOR).is_file()
    return source.name == DESCRIPTOR and source.is_file()


def read(source: Path) -> tuple[list[Candidate], list[Problem]]:
    """The records of the package, each with the places its values come from."""
    folder = source if source.is_dir() else source.parent
    tables: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    for table in TABLES:
        if table.derived:  # where quotes are in the texts: the ledger finds that itself
            continue
        columns = [column.name for column in table.columns]
        derived = [name for name in columns if name.endswith(("_earliest", "_latest"))]
        tables[table.name], found = read_table(folder / f"{table.name}.csv", columns, derived)
        problems.extend(found)
    if problems:
        return [], problems
    return _Package(tables, problems).records(), problems


class _Package:
    """The tables of one package, with list members grouped by owner and sorted."""

    def __init__(self, tables: dict[str, list[Row]], problems: list[Problem]) -> None:
        self.tables = tables
        self.problems = problems
        self.main: dict[str, dict[str, Row]] = {}
        for kind, name in _MAIN.items():
            self.main[kind] = self._by_id(tables[name], name)
        self._one_table_per_id()
        self.members: dict[str, dict[_Key, list[Row]]] = {}
        for table in TABLES:
            key = table.primary_key
            if table.name in _MAIN.values() or table.name == "records" or table.derived:
                continue
            self.members[table.name] = self._grouped(table.name, key[:-1], key[-1])

    def _by_id(self, rows: list[Row], table: str) -> dict[str, Row]:
        found: dict[str, Row] = {}
        for row in rows:
            record_id = row.get("id") or ""
            if record_id in found:
                self.problems.append(
                    Problem(
                        row.place,
                        "duplicate-id",
                        f"id {record_id!r} is in {table}.csv twice (first at "
                        f"{found[record_id].place})",
                    )
                )
                continue
            found[record_id] = row
        return found

    def _one_table_per_id(self) -> None:
        seen: dict[str, Row] = {}
        self.duplicated: set[str] = set()
        for by_id in self.main.values():
            for record_id, row in list(by_id.items()):
                if record_id in seen:
                    self.problems.append(
                        Problem(
                            row.place,
                            "duplicate-id",
                            f"id {record_id!r} is also at {seen[record_id].place}",
                        )
                    )
                    del by_id[record_id]
                    self.duplicated.add(record_id)
                else:
                    seen[record_id] = row

    def _grouped(self, table: str, owner: _Key, position: str) -> dict[_Key, list[Row]]:
        groups: dict[_Key, dict[int, Row]] = defaultdict(dict)
        for row in self.tables[table]:
            key = tuple(row.get(column) or "" for column in owner)
            place = whole(row.get(position))
            if not isinstance(place, int) or place < 1:
                self.problems.append(
                    Problem(row.place, "invalid-value", f"{position!r} must be 1 or more")
                )
            elif place in groups[key]:
                self.problems.append(
                    Problem(
                        row.place,
                        "duplicate-key",
                        f"{position} {place} of {'/'.join(key)} is in {table}.csv twice "
                        f"(first at {groups[key][place].place})",
                    )
                )
            else:
                groups[key][place] = row
        return {key: [rows[p] for p in sorted(rows)] for key, rows in groups.items()}

    def records(self) -> list[Candidate]:
        listed: dict[str, str] = {}
        for row in self.tables["records"]:
            record_id, kind = row.get("id") or "", row.get("type") or ""
            if record_id in self.duplicated:
                continue  # reported once, as a duplicate
            if kind not in _MAIN or record_id not in self.main[kind]:
                self.problems.append(
                    Problem(
                        row.place,
                        "unknown-reference",
                        f"{kind or 'a record'} {record_id!r} has no row in "
                        f"{_MAIN.get(kind, 'its table')}.csv",
                    )
                )
            else:
                listed.setdefault(record_id, kind)
        order = {record_id: index for index, record_id in enumerate(listed)}
        rows = [(kind, row) for kind, by_id in self.main.items() for row in by_id.values()]
        rows.sort(key=lambda pair: order.get(pair[1].get("id") or "", len(order)))
        candidates = [self._record(kind, row) for kind, row in rows]
        self._orphans()
        return candidates

    def _orphans(self) -> None:
        items = {
            (key[0], row.get("position") or "")
            for key, rows in self.members["gift_items"].items()
            for row in rows
        }
        for table, groups in self.members.items():
            for key, rows in groups.items():
                if table == "gift_item_names":
                    if key not in items:
                        self._orphan(rows[0], f"item {key[1]} of gift {key[0]!r}")
                elif not any(key[0] in self.main[kind] for kind in _OWNERS[table]):
                    self._orphan(rows[0], f"{' or '.join(_OWNERS[table])} {key[0]!r}")

    def _orphan(self, row: Row, what: str) -> None:
        self.problems.append(
            Problem(
                row.place,
                "unknown-reference",
                f"the row belongs to {what}, which has no row in its own table",
            )
        )

    def _list(
        self, table: str, owner: str, column: str, base: str
    ) -> tuple[list[Any], dict[str, str]]:
        rows = self.members[table].get((owner,), [])
        places = {f"{base}/{i}": row.place for i, row in enumerate(rows)}
        return [row.get(column) for row in rows], places

    def _record(self, kind: str, row: Row) -> Candidate:
        record_id = row.get("id") or ""
        places = {"": row.place}
        cells = row.get
        if kind == "actor":
            aliases, where = self._list("actor_aliases", record_id, "alias", "/aliases")
            places.update(where)
            record = {
                "type": kind,
                "id": record_id,
                "kind": cells("kind"),
                "name": cells("name"),
                "role": cells("role"),
                "country": cells("country"),
                "wikidata": cells("wikidata"),
                "aliases": aliases,
                "notes": cells("notes"),
            }
        elif kind == "source":
            record = {
                "type": kind,
                "id": record_id,
                "title": cells("title"),
                "publisher": cells("publisher"),
                "author": cells("author"),
                "published": cells("published"),
                "url": cells("url"),
                "language": cells("language"),
                "text": cells("text"),
                "notes": cells("notes"),
            }
        elif kind == "gift":
            record = self._gift(row, places)
        else:
            record = self._agreement(row, places)
        return Candidate(compact(record), places)

    def _gift(self, row: Row, places: dict[str, str]) -> dict[str, Any]:
        gift_id = row.get("id") or ""
        items = []
        for i, item in enumerate(self.members["gift_items"].get((gift_id,), [])):
            places[f"/items/{i}"] = item.place
            names = self.members["gift_item_names"].get((gift_id, item.get("position") or ""), [])
            places.update({f"/items/{i}/names/{j}": name.place for j, name in enumerate(names)})
            items.append(
                {
                    "item": item.get("item"),
                    "category": item.get("category"),
                    "count": whole(item.get("count")),
                    "names": [name.get("name") for name in names],
                    "wikidata": item.get("wikidata"),
                }
            )
        amount, currency = number(row.get("value_amount")), row.get("value_currency")
        actors = {}
        for field, table in (("giver", "gift_givers"), ("recipient", "gift_recipients")):
            ids, where = self._list(table, gift_id, "actor_id", f"/{field}")
            places.update(where)
            actors[field] = ids[0] if len(ids) == 1 else ids  # one actor is written as one id
        return {
            "type": "gift",
            "id": gift_id,
            **actors,
            "transfer": row.get("transfer"),
            "until": row.get("until"),
            "date": row.get("date"),
            "items": items,
            "total": whole(row.get("total")),
            "value": (
                {"amount": amount, "currency": currency}
                if amount is not None or currency is not None
                else None
            ),
            "occasion": row.get("occasion"),
            **self._citations_and_related(gift_id, places),
            "notes": row.get("notes"),
        }

    def _agreement(self, row: Row, places: dict[str, str]) -> dict[str, Any]:
        agreement_id = row.get("id") or ""
        lists = {}
        for field, table, column in (
            ("parties", "agreement_parties", "actor_id"),
            ("signatories", "agreement_signatories", "actor_id"),
            ("obligations", "agreement_obligations", "obligation"),
            ("topics", "agreement_topics", "topic"),
        ):
            lists[field], where = self._list(table, agreement_id, column, f"/{field}")
            places.update(where)
        provisions = self.members["provisions"].get((agreement_id,), [])
        places.update({f"/provisions/{i}": p.place for i, p in enumerate(provisions)})
        return {
            "type": "agreement",
            "id": agreement_id,
            "title": row.get("title"),
            "parties": lists["parties"],
            "signatories": lists["signatories"],
            "date": row.get("date"),
            "place": row.get("place"),
            "obligations": lists["obligations"],
            "topics": lists["topics"],
            "provisions": [
                {"article": p.get("article"), "text": p.get("text")} for p in provisions
            ],
            **self._citations_and_related(agreement_id, places),
            "notes": row.get("notes"),
        }

    def _citations_and_related(self, record_id: str, places: dict[str, str]) -> dict[str, Any]:
        related, where = self._list("related", record_id, "related_id", "/related")
        places.update(where)
        citations = self.members["citations"].get((record_id,), [])
        places.update({f"/sources/{i}": c.place for i, c in enumerate(citations)})
        return {
            "related": related,
            "sources": [
                {"source": c.get("source_id"), "quote": c.get("quote"), "date": c.get("date")}
                for c in citations
            ],
        }
