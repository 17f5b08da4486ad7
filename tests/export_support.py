"""Helpers for the export tests: the example ledgers, a small ledger writer, no network."""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

from typer.testing import CliRunner, Result

from gift_ledger.cli import app

from .conftest import CASES, PROJECT

EVERY_FIELD = CASES / "valid" / "every-field"
RECORDS = PROJECT / "records"
FORMATS = ("jsonld", "csv", "csv-gifts", "datapackage", "json", "ndjson", "sqlite", "xlsx")


def export(runner: CliRunner, *args: str | Path) -> Result:
    """Run `ledger export ARGS` as a user would."""
    return runner.invoke(app, ["export", *(str(arg) for arg in args)])


def write_ledger(folder: Path, records: list[dict[str, Any]]) -> Path:
    """A ledger folder holding the records in one JSON file (JSON keeps tabs and such exact)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "records.json").write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    return folder


@contextlib.contextmanager
def no_network() -> Iterator[None]:
    """Fail any attempt to reach the network: the exports must be processed offline."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("the network is off in this test: the export must be read offline")

    with (
        mock.patch.object(socket.socket, "connect", refuse),
        mock.patch.object(socket, "create_connection", refuse),
        mock.patch.object(socket, "getaddrinfo", refuse),
    ):
        yield


def small_ledger(**gift: Any) -> list[dict[str, Any]]:
    """Two actors, a source (no archived text) and one gift with the given fields."""
    return [
        {"type": "actor", "id": "giver", "kind": "person", "name": "A Giver", "country": "PRK"},
        {"type": "actor", "id": "taker", "kind": "state", "name": "A Taker", "country": "RUS"},
        {"type": "source", "id": "report", "title": "A report"},
        {
            "type": "gift",
            "id": "the-gift",
            "giver": "giver",
            "recipient": "taker",
            "date": "2024-06-19",
            "items": [{"item": "Dog", "category": "animal", "count": 1}],
            "sources": [{"source": "report", "quote": "gave a dog"}],
            **gift,
        },
    ]
