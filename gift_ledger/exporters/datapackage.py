"""A Frictionless Data Package: normalized CSV tables and a ``datapackage.json`` describing them.

Each table has typed fields, a primary key and foreign keys, so that a Data Package
validator (``frictionless validate datapackage.json``) checks every reference. Lists in
records become tables of their own, one row per member with its 1-based ``position``.
The ``records`` table lists every id with its type: citations and related links, which
may point at records of several types, refer to it. Values are written as they are:
unlike the flat ``csv`` format, no cell is altered for spreadsheets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from ..anchors import Anchors
from ..codes import country_name
from ..edtf import EDTFDate
from ..models import Actor, Agreement, Gift, Source
from ..tables.package import ARCHIVE, DESCRIPTOR, FILES, TABLES, Table
from ..tables.values import Cell, amount_text, day
from ..validate import LoadedLedger
from .dataset import UNTITLED
from .options import ExportOptions
from .streams import CsvTable

__all__ = ["DESCRIPTOR", "FILES", "PROFILE", "TABLES", "RowSink", "fill_tables", "write"]

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
"""The package follows Data Package v2."""

if TYPE_CHECKING:
    from ..manifest import Manifest

Row = dict[str, Cell]


def write(loaded: LoadedLedger, options: ExportOptions, folder: Path) -> None:
    """Write the package's files into folder: ``datapackage.json`` and one CSV per table.

    One pass over the records fills every table, each row written as it is made.
    """
    (folder / DESCRIPTOR).write_bytes(_descriptor(loaded.manifest))
    with ExitStack() as files:
        rows = {
            table.name: _Rows(table, files.enter_context((folder / f"{table.name}.csv").open("wb")))
            for table in TABLES
        }
        _fill(loaded, rows)
    _archive(loaded, folder / ARCHIVE)


def _archive(loaded: LoadedLedger, archive: Path) -> None:
    """Copy each source's archived text, byte for byte, to its path below archive.

    A ledger is exported only when it is valid, so every text is a readable file inside the
    ledger folder (`source_texts_readable`).
    """
    archive.mkdir()
    for source, _entry in loaded.ledger.of_type(Source):
        if source.text is not None:
            target = archive / source.text
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((loaded.ledger.root / source.text).read_bytes())


class _Rows:
    """A table's CSV, that takes rows (column name -> cell) as lists take items."""

    def __init__(self, table: Table, stream: BinaryIO) -> None:
        self._columns = [column.name for column in table.columns]
        self._csv = CsvTable(stream, self._columns)

    def append(self, row: Row) -> None:
        self._csv.write([row[name] for name in self._columns])

    def extend(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.append(row)


class RowSink(Protocol):
    """Where a table's rows go: a CSV file here, a database table, a worksheet."""

    def append(self, row: Row) -> None: ...

    def extend(self, rows: Iterable[Row]) -> None: ...


Tables = Mapping[str, RowSink]
"""Each table's rows by the table's name."""


def _descriptor(manifest: Manifest | None) -> bytes:
    package: dict[str, Any] = {
        "$schema": PROFILE,
        "name": "gift-ledger",
        "title": (manifest.title if manifest else None) or UNTITLED,
    }
    if manifest is not None:
        package.update(_described(manifest))
    package["resources"] = [table.descriptor() for table in TABLES]
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _described(manifest: Manifest) -> Iterator[tuple[str, Any]]:
    """What the manifest says of the package, as Data Package properties."""
    if manifest.description:
        yield "description", manifest.description
    if manifest.version:
        yield "version", manifest.version
    if manifest.license and manifest.license_iri:
        yield "licenses", [{"name": manifest.license, "path": manifest.license_iri}]
    if manifest.sources:
        yield "sources", [_without_none(source.model_dump()) for source in manifest.sources]
    contributors = [(manifest.publisher, "publisher")] if manifest.publisher else []
    contributors += [(agent, "maintainer") for agent in manifest.maintainers]
    if contributors:
        yield (
            "contributors",
            [
                _without_none({"title": a.name, "path": a.url, "email": a.email, "roles": [role]})
                for a, role in contributors
            ],
        )


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _fill(loaded: LoadedLedger, rows: Tables) -> None:
    # Anchoring the quotes is most of the work: done only for a table that keeps them.
    anchors = Anchors(loaded) if "quote_segments" in rows else None
    for entry in loaded.ledger.entries:
        record = entry.record
        rows["records"].append({"id": record.id, "type": record.type})
        if isinstance(record, Actor):
            _actor(record, rows)
        elif isinstance(record, Source):
            _source(record, rows)
        elif isinstance(record, Gift):
            _gift(record, rows, anchors)
        elif isinstance(record, Agreement):
            _agreement(record, rows, anchors)


def _actor(actor: Actor, rows: Tables) -> None:
    rows["actors"].append(
        {
            "id": actor.id,
            "kind": actor.kind.value,
            "name": actor.name,
            "role": actor.role,
            "country": actor.country,
            "country_name": country_name(actor.country) if actor.country else None,
            "wikidata": actor.wikidata,
            "notes": actor.notes,
        }
    )
    rows["actor_aliases"].extend(_members("actor_id", actor.id, "alias", actor.aliases))


def _source(source: Source, rows: Tables) -> None:
    rows["sources"].append(
        {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "author": source.author,
            **_date_cells("published", source.published),
            "url": source.url,
            "language": source.language,
            "text": source.text,
            "notes": source.notes,
        }
    )


def _gift(gift: Gift, rows: Tables, anchors: Anchors | None) -> None:
    value = gift.value
    rows["gifts"].append(
        {
            "id": gift.id,
            "transfer": gift.transfer.value,
            **_date_cells("until", gift.until),
            **_date_cells("date", gift.date),
            "total": gift.total,
            "value_amount": amount_text(value.amount) if value else None,
            "value_currency": value.currency if value else None,
            "occasion": gift.occasion,
            "notes": gift.notes,
        }
    )
    rows["gift_givers"].extend(_members("gift_id", gift.id, "actor_id", gift.giver))
    rows["gift_recipients"].extend(_members("gift_id", gift.id, "actor_id", gift.recipient))
    for item_position, item in enumerate(gift.items, start=1):
        rows["gift_items"].append(
            {
                "gift_id": gift.id,
                "position": item_position,
                "item": item.item,
                "category": item.category.value,
                "count": item.count,
                "wikidata": item.wikidata,
            }
        )
        rows["gift_item_names"].extend(
            {"item_position": item_position, **member}
            for member in _members("gift_id", gift.id, "name", item.names)
        )
    _citations_and_related(gift, rows, anchors)


def _agreement(agreement: Agreement, rows: Tables, anchors: Anchors | None) -> None:
    rows["agreements"].append(
        {
            "id": agreement.id,
            "title": agreement.title,
            **_date_cells("date", agreement.date),
            "place": agreement.place,
            "notes": agreement.notes,
        }
    )
    owner = ("agreement_id", agreement.id)
    rows["agreement_parties"].extend(_members(*owner, "actor_id", agreement.parties))
    rows["agreement_signatories"].extend(_members(*owner, "actor_id", agreement.signatories))
    obligations = [obligation.value for obligation in agreement.obligations]
    rows["agreement_obligations"].extend(_members(*owner, "obligation", obligations))
    rows["agreement_topics"].extend(_members(*owner, "topic", agreement.topics))
    rows["provisions"].extend(
        {"agreement_id": agreement.id, "position": position, "article": p.article, "text": p.text}
        for position, p in enumerate(agreement.provisions, start=1)
    )
    _citations_and_related(agreement, rows, anchors)


def _citations_and_related(record: Gift | Agreement, rows: Tables, anchors: Anchors | None) -> None:
    for position, citation in enumerate(record.sources, start=1):
        rows["citations"].append(
            {
                "record_id": record.id,
                "position": position,
                "source_id": citation.source,
                "quote": citation.quote,
                **_date_cells("date", citation.date),
            }
        )
        anchor = None if anchors is None else anchors.of(citation)
        if anchor is not None:
            for n, segment in enumerate(anchor.segments, start=1):
                rows["quote_segments"].append(
                    {
                        "record_id": record.id,
                        "citation_position": position,
                        "position": n,
                        "start": segment.start,
                        "end": segment.end,
                        "exact": segment.exact,
                        "prefix": segment.prefix,
                        "suffix": segment.suffix,
                        "text_sha256": anchor.sha256,
                    }
                )
    rows["related"].extend(_members("record_id", record.id, "related_id", record.related))


def _date_cells(name: str, value: EDTFDate | None) -> Row:
    return {
        name: value.text if value else None,
        f"{name}_earliest": day(value, "earliest"),
        f"{name}_latest": day(value, "latest"),
    }


def _members(owner_column: str, owner: str, column: str, values: Iterable[str]) -> Iterator[Row]:
    for position, value in enumerate(values, start=1):
        yield {owner_column: owner, "position": position, column: value}


fill_tables = _fill
"""Fill the tables' rows (name -> a sink with `append` and `extend`) from a loaded ledger.

The quotes' places in their texts (``quote_segments``) are found only when the mapping
holds that table (``"quote_segments" in rows``).

The SQLite and workbook exports take their rows from here, so that every table format
holds the same rows.
"""
