"""`ledger serve`: the ledger in Datasette, checked with Datasette's own in-process client,
and the command itself serving over HTTP as a user starts it."""

from __future__ import annotations

import asyncio
import builtins
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gift_ledger.cli import app
from gift_ledger.exporters import export_ledger
from gift_ledger.serve import open_datasette, temporary_database

from .conftest import PROJECT
from .export_support import RECORDS, write_ledger


@pytest.fixture(scope="module")
def datasette() -> Iterator[Any]:
    output = export_ledger(RECORDS, "sqlite").output
    assert output is not None
    with temporary_database(output, ledger_root=RECORDS) as database:
        yield open_datasette(database, sql_threads=0)


def get(datasette: Any, path: str) -> Any:
    async def fetch() -> Any:
        return await datasette.client.get(path)

    response = asyncio.run(fetch())
    assert response.status_code == 200, (path, response.text[:500])
    return response


def test_the_gifts_view_has_one_row_per_gift_with_its_parties(datasette: Any) -> None:
    data = get(datasette, "/ledger/gift_overview.json?_shape=objects&_size=max").json()
    rows = {row["gift_id"]: row for row in data["rows"]}
    assert len(rows) == 11
    putin = rows["kim-to-putin-pungsan-dogs-2024"]
    assert {key: putin[key] for key in ("giver", "giver_country", "recipient", "items")} == {
        "giver": "Kim Jong Un",
        "giver_country": "PRK",
        "recipient": "Vladimir Putin",
        "items": "2 × Pungsan dog",
    }
    assert (putin["date_earliest"], putin["date_latest"], putin["year"]) == (
        "2024-06-19",
        "2024-06-20",
        2024,
    )


def test_the_facets_count_and_filter_gifts(datasette: Any) -> None:
    data = get(datasette, "/ledger/gift_overview.json?_shape=objects").json()
    facets = data["facet_results"]
    assert {"giver_country", "categories", "year", "recipient_country"} <= set(facets)
    by_country = {f["value"]: f["count"] for f in facets["giver_country"]["results"]}
    assert (by_country["RUS"], by_country["PRK"]) == (4, 2)
    assert [(f["value"], f["count"]) for f in facets["categories"]["results"]] == [("animal", 11)]
    chosen = get(datasette, "/ledger/gift_overview.json?_shape=objects&giver_country=PRK").json()
    assert sorted(row["gift_id"] for row in chosen["rows"]) == [
        "kim-to-moon-pungsan-dogs-2018",
        "kim-to-putin-pungsan-dogs-2024",
    ]


def test_a_search_for_pungsan_finds_the_gift_to_putin(datasette: Any) -> None:
    found = get(datasette, "/ledger/citations.json?_search=Pungsan&_shape=objects").json()
    assert {row["record_id"] for row in found["rows"]} == {"kim-to-putin-pungsan-dogs-2024"}
    items = get(datasette, "/ledger/gift_items.json?_search=Pungsan&_shape=objects").json()
    assert sorted(row["gift_id"] for row in items["rows"]) == [
        "kim-to-moon-pungsan-dogs-2018",
        "kim-to-putin-pungsan-dogs-2024",
    ]
    # One search box across every searchable table (datasette-search-all), which asks each
    # table's own search, as above.
    page = get(datasette, "/-/search?q=Pungsan").text
    for table in ("citations", "gift_items", "actors", "source_texts"):
        assert f'"/ledger/{table}.json"' in page, table


def test_the_chart_of_gifts_per_year(datasette: Any) -> None:
    query = get(datasette, "/ledger/gifts_per_year_by_giver_country.json?_shape=array").json()
    assert {"year": 2024, "giver_country": "RUS", "gifts": 3} in query
    assert all(row["year"] is not None for row in query)
    page = get(datasette, "/-/dashboards/ledger").text
    assert "Gifts per year, by giver country" in page
    assert "vega-lite.min.js" in page


def test_tables_and_columns_are_described(datasette: Any) -> None:
    page = get(datasette, "/ledger/gift_items").text
    assert "What each gift was made of" in page
    about = get(datasette, "/-/metadata.json").json()
    assert about["license"].startswith("MIT")
    assert about["databases"]["ledger"]["tables"]["gifts"]["columns"]["date_earliest"]


def test_without_datasette_the_command_says_what_to_install(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_datasette(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.partition(".")[0] == "datasette":
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_datasette)
    result = runner.invoke(app, ["serve", str(RECORDS)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "ledger: error: ledger serve needs Datasette: pip install 'gift-ledger[serve]'\n"
    )


def test_an_invalid_ledger_is_not_served(runner: CliRunner, tmp_path: Path) -> None:
    ledger = write_ledger(tmp_path / "records", [{"type": "actor", "id": "x", "kind": "state"}])
    result = runner.invoke(app, ["serve", str(ledger)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert "error [" in result.stderr
    assert result.stderr.endswith("invalid\n")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_the_command_serves_the_ledger_until_stopped(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "gift_ledger", "serve", "records", "--port", str(port)]
    server = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        url = f"http://127.0.0.1:{port}/ledger/gift_overview.json?_shape=array&giver_country=PRK"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.load(response)
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.2)
        assert len(rows) == 2
        assert [p.name.startswith("ledger-serve-") for p in tmp_path.iterdir()] == [True]
    finally:
        server.send_signal(signal.SIGINT)
        stdout, stderr = server.communicate(timeout=30)
    assert stdout == f"serving records at http://127.0.0.1:{port}/ (Ctrl+C stops)\n"
    assert server.returncode == 0, stderr
    assert list(tmp_path.iterdir()) == []  # the temporary database is gone


def test_a_port_in_use_is_a_clear_error(runner: CliRunner) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", str(RECORDS), "--port", str(port)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"ledger: error: cannot listen on 127.0.0.1:{port}: ")
    assert result.stderr.endswith("; try another --port\n")
