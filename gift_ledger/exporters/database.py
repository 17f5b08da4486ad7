"""A SQLite database: the data package's tables with their keys, full-text search and views.

The tables and their columns are those of the data package (`tables.package.TABLES`),
with typed columns (``INTEGER`` counts, ``REAL`` amounts, dates as ISO text beside their
earliest and latest day), primary and foreign keys, ``CHECK`` constraints for closed
vocabularies and an index on every reference. One more table, ``source_texts``, holds the
archived text of each source that has one. FTS5 indexes (``<table>_fts``, external content,
as Datasette and sqlite-utils expect them) search quotes, items and their names, actors,
source titles and archived texts. Two views answer the first questions: ``gift_overview``
(one row per gift, its parties resolved) and ``gifts_per_country_year``.

The database is built in a temporary file and then copied into the export's stream, so
that it is written in place whole or not at all, like every export.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..check.texts import TextProblem
from ..models import Source
from ..tables.package import TABLES, Column, Table
from ..tables.values import Cell
from ..validate import LoadedLedger
from .datapackage import fill_tables
from .options import ExportOptions

__all__ = ["FTS_TABLES", "SOURCE_TEXTS", "TABLES_IN_DATABASE", "VIEWS", "build", "write"]

SOURCE_TEXTS = Table(
    "source_texts",
    "The archived text of each source that has one, as the quotes were checked against.",
    (
        Column("source_id", required=True, description="the source"),
        Column("text", required=True, description="the archived text, normalized"),
    ),
    ("source_id",),
    ((("source_id",), "sources", ("id",)),),
)

TABLES_IN_DATABASE: tuple[Table, ...] = (*TABLES, SOURCE_TEXTS)
"""Every table of the database, in the order they are created."""

FTS_TABLES: dict[str, tuple[str, ...]] = {
    "citations": ("quote",),
    "gift_items": ("item",),
    "gift_item_names": ("name",),
    "actors": ("name", "role"),
    "actor_aliases": ("alias",),
    "sources": ("title",),
    "source_texts": ("text",),
}
"""The columns searched in full text, by table: each gets an FTS5 table ``<table>_fts``."""

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "date": "TEXT"}
_BATCH = 2000


def _actors_of(role: str, table: str) -> str:
    """A gift's givers or recipients as the view's columns: id, label and country, each
    joined with ' | ' in the order written (one actor for most gifts)."""
    columns = (("a.id", f"{role}_id"), ("coalesce(a.name, a.role)", role),
               ("coalesce(a.country, '')", f"{role}_country"))  # fmt: skip
    return ",\n  ".join(
        f"(SELECT nullif(group_concat(v, ' | '), '') FROM (SELECT {value} AS v FROM {table} AS m "
        f"JOIN actors AS a ON a.id = m.actor_id WHERE m.gift_id = g.id ORDER BY m.position)) "
        f"AS {name}"
        for value, name in columns
    )


VIEWS: dict[str, str] = {
    "gift_overview": f"""
SELECT
  g.id AS gift_id,
  g.date, g.date_earliest, g.date_latest,
  CASE WHEN substr(g.date_earliest, 1, 4) = substr(g.date_latest, 1, 4)
       THEN CAST(substr(g.date_earliest, 1, 4) AS INTEGER) END AS year,
  {_actors_of("giver", "gift_givers")},
  {_actors_of("recipient", "gift_recipients")},
  g.transfer, g.until,
  (SELECT group_concat(label, ' | ') FROM (
     SELECT CASE WHEN i.count IS NULL THEN i.item ELSE i.count || ' × ' || i.item END AS label
     FROM gift_items AS i WHERE i.gift_id = g.id ORDER BY i.position)) AS items,
  (SELECT json_group_array(category) FROM (
     SELECT DISTINCT i.category FROM gift_items AS i WHERE i.gift_id = g.id
     ORDER BY i.category)) AS categories,
  (SELECT sum(i.count) FROM gift_items AS i WHERE i.gift_id = g.id) AS things,
  g.total, g.value_amount, g.value_currency, g.occasion,
  (SELECT group_concat(title, ' | ') FROM (
     SELECT s.title FROM citations AS c JOIN sources AS s ON s.id = c.source_id
     WHERE c.record_id = g.id ORDER BY c.position)) AS sources,
  g.notes
FROM gifts AS g
""",
    "gifts_per_country_year": """
SELECT giver_country, year, count(*) AS gifts, sum(things) AS things
FROM gift_overview
GROUP BY giver_country, year
ORDER BY year, giver_country
""",
}
"""Views for the questions asked first, by name: their SQL."""


def write(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
    """Write the ledger as a SQLite database file into stream."""
    with tempfile.TemporaryDirectory(prefix="ledger-sqlite-") as folder:
        path = Path(folder) / "ledger.db"
        build(loaded, path)
        with path.open("rb") as database:
            shutil.copyfileobj(database, stream, 1 << 20)


def build(loaded: LoadedLedger, path: Path) -> None:
    """Create the database at path, which must not exist yet, from a valid ledger."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # A new file that is thrown away on failure needs no journal; it is synced once
        # it is copied into place.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("BEGIN")
        for table in TABLES_IN_DATABASE:
            connection.execute(_create_table(table))
        sinks = {table.name: _Inserts(connection, table) for table in TABLES}
        fill_tables(loaded, sinks)
        for sink in sinks.values():
            sink.flush()
        texts = _Inserts(connection, SOURCE_TEXTS)
        texts.extend(_source_texts(loaded))
        texts.flush()
        for table in TABLES_IN_DATABASE:
            for statement in _indexes(table):
                connection.execute(statement)
        for name, columns in FTS_TABLES.items():
            for statement in _full_text(name, columns):
                connection.execute(statement)
        for name, select in VIEWS.items():
            connection.execute(f"CREATE VIEW {name} AS {select.strip()}")
        connection.execute("COMMIT")
        connection.execute("PRAGMA optimize")
    finally:
        connection.close()


class _Inserts:
    """Rows (column name -> cell) inserted into a table in batches."""

    def __init__(self, connection: sqlite3.Connection, table: Table) -> None:
        self._connection = connection
        self._columns = [column.name for column in table.columns]
        names = ", ".join(self._columns)
        marks = ", ".join("?" * len(self._columns))
        self._sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"
        self._batch: list[tuple[Cell, ...]] = []

    def append(self, row: dict[str, Cell]) -> None:
        self._batch.append(tuple(row[name] for name in self._columns))
        if len(self._batch) >= _BATCH:
            self.flush()

    def extend(self, rows: Iterable[dict[str, Cell]]) -> None:
        for row in rows:
            self.append(row)

    def flush(self) -> None:
        self._connection.executemany(self._sql, self._batch)
        self._batch.clear()


def _create_table(table: Table) -> str:
    lines = [_column_definition(column) for column in table.columns]
    lines.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    lines.extend(
        f"FOREIGN KEY ({', '.join(fields)}) REFERENCES {target} ({', '.join(referenced)})"
        for fields, target, referenced in table.foreign_keys
    )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {table.name} (\n  {body}\n)"


def _column_definition(column: Column) -> str:
    definition = f"{column.name} {_SQL_TYPES[column.type]}"
    if column.required:
        definition += " NOT NULL"
    if column.enum:
        choices = ", ".join(_literal(value) for value in column.enum)
        definition += f" CHECK ({column.name} IN ({choices}))"
    return definition


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _indexes(table: Table) -> Iterator[str]:
    """An index on each reference that the primary key does not already lead with."""
    for fields, _target, _referenced in table.foreign_keys:
        if table.primary_key[: len(fields)] == fields:
            continue
        name = f"{table.name}_{'_'.join(fields)}"
        yield f"CREATE INDEX {name} ON {table.name} ({', '.join(fields)})"


def _full_text(table: str, columns: tuple[str, ...]) -> Iterator[str]:
    names = ", ".join(columns)
    yield (
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5"
        f'({names}, content="{table}", content_rowid="rowid")'
    )
    yield f"INSERT INTO {table}_fts (rowid, {names}) SELECT rowid, {names} FROM {table}"


def _source_texts(loaded: LoadedLedger) -> Iterator[dict[str, Cell]]:
    for source, _entry in loaded.ledger.of_type(Source):
        if source.text is None:
            continue
        text = loaded.texts.get(source.text)
        if not isinstance(text, TextProblem):
            yield {"source_id": source.id, "text": text}
