"""`ledger export --format sqlite`: a database that SQLite itself checks and searches."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gift_ledger.exporters.database import FTS_TABLES, TABLES_IN_DATABASE, VIEWS

from .export_support import EVERY_FIELD, RECORDS, export, small_ledger, write_ledger


@contextmanager
def database(runner: CliRunner, ledger: Path, out: Path) -> Iterator[sqlite3.Connection]:
    result = export(runner, ledger, "--format", "sqlite", "--output", out)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"wrote {out}\n", "")
    with closing(sqlite3.connect(f"file:{out}?mode=ro", uri=True)) as connection:
        yield connection


@pytest.mark.parametrize("ledger", [EVERY_FIELD, RECORDS], ids=["every-field", "records"])
def test_every_reference_holds(runner: CliRunner, tmp_path: Path, ledger: Path) -> None:
    with database(runner, ledger, tmp_path / "ledger.db") as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {table.name for table in TABLES_IN_DATABASE} <= names
    assert {f"{table}_fts" for table in FTS_TABLES} <= names
    assert set(VIEWS) <= names
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ledger.db"]  # no temp left


def test_a_search_for_pungsan_finds_the_gift_to_putin(runner: CliRunner, tmp_path: Path) -> None:
    with database(runner, RECORDS, tmp_path / "ledger.db") as db:
        found = db.execute(
            """SELECT DISTINCT g.gift_id, g.giver, g.recipient
            FROM citations_fts JOIN citations AS c ON c.rowid = citations_fts.rowid
            JOIN gift_overview AS g ON g.gift_id = c.record_id
            WHERE citations_fts MATCH 'Pungsan' ORDER BY g.gift_id"""
        ).fetchall()
        items = db.execute(
            "SELECT gift_id, i.item FROM gift_items_fts JOIN gift_items AS i "
            "ON i.rowid = gift_items_fts.rowid WHERE gift_items_fts MATCH 'pungsan' "
            "ORDER BY gift_id"
        ).fetchall()
        texts = db.execute(
            "SELECT source_id FROM source_texts_fts JOIN source_texts AS t "
            "ON t.rowid = source_texts_fts.rowid WHERE source_texts_fts MATCH 'Pungsan' "
            "ORDER BY source_id"
        ).fetchall()
        actors = db.execute(
            "SELECT id FROM actors_fts JOIN actors ON actors.rowid = actors_fts.rowid "
            "WHERE actors_fts MATCH 'Putin'"
        ).fetchall()
    assert found == [("kim-to-putin-pungsan-dogs-2024", "Kim Jong Un", "Vladimir Putin")]
    assert items == [
        ("kim-to-moon-pungsan-dogs-2018", "Pungsan dog"),
        ("kim-to-putin-pungsan-dogs-2024", "Pungsan dog"),
    ]
    assert ("putin-gets-pair-of-north-korean-hunting-dogs-2024-06-20",) in texts
    assert actors == [("vladimir-putin",)]


def test_columns_are_typed(runner: CliRunner, tmp_path: Path) -> None:
    with database(runner, EVERY_FIELD, tmp_path / "ledger.db") as db:
        gift = db.execute(
            "SELECT typeof(total), typeof(value_amount), value_amount, typeof(date), "
            "date_earliest, date_latest FROM gifts WHERE total IS NOT NULL"
        ).fetchone()
        counts = {row[0] for row in db.execute("SELECT typeof(count) FROM gift_items")}
        positions = {row[0] for row in db.execute("SELECT typeof(position) FROM citations")}
    assert gift[:4] == ("integer", "real", 650.0, "text")
    assert gift[4] <= gift[5]
    assert counts <= {"integer", "null"}
    assert positions == {"integer"}


def test_the_gift_overview_has_one_row_per_gift(runner: CliRunner, tmp_path: Path) -> None:
    with database(runner, RECORDS, tmp_path / "ledger.db") as db:
        gifts = db.execute("SELECT count(*) FROM gifts").fetchone()[0]
        rows = db.execute(
            "SELECT giver, giver_country, recipient, recipient_country, date, year, items, "
            "categories, things, sources FROM gift_overview "
            "WHERE gift_id = 'kim-to-putin-pungsan-dogs-2024'"
        ).fetchall()
        per_year = db.execute(
            "SELECT giver_country, year, gifts, things FROM gifts_per_country_year "
            "WHERE year = 2024 ORDER BY giver_country"
        ).fetchall()
        overview = db.execute("SELECT count(*), sum(things) FROM gift_overview").fetchone()
        items = db.execute("SELECT sum(count) FROM gift_items").fetchone()[0]
    assert overview == (gifts, items)  # summing the overview counts each thing once
    [(giver, giver_country, recipient, recipient_country, date, year, *rest)] = rows
    assert (giver, giver_country, recipient, recipient_country) == (
        "Kim Jong Un",
        "PRK",
        "Vladimir Putin",
        "RUS",
    )
    assert (date, year) == ("2024-06-19/2024-06-20", 2024)
    assert rest[:3] == ["2 × Pungsan dog", '["animal"]', 2]
    assert "Putin gets a pair of North Korean hunting dogs" in rest[3]
    assert per_year == [("PRK", 2024, 1, 2), ("RUS", 2024, 3, 101)]


def test_text_is_stored_as_written(runner: CliRunner, tmp_path: Path) -> None:
    # No formula neutralisation, no quoting: SQL parameters keep every value exact.
    ledger = write_ledger(
        tmp_path / "records",
        small_ledger(occasion='=HYPERLINK("x"); DROP TABLE gifts; --', notes="'quoted'"),
    )
    with database(runner, ledger, tmp_path / "ledger.db") as db:
        row = db.execute("SELECT occasion, notes FROM gifts").fetchone()
    assert row == ('=HYPERLINK("x"); DROP TABLE gifts; --', "'quoted'")


def test_a_database_is_not_written_to_a_terminal(runner: CliRunner) -> None:
    result = export(runner, EVERY_FIELD, "--format", "sqlite")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "ledger: error: the sqlite format writes a binary file: give it with --output\n"
    )
