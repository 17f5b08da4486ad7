"""Browse a ledger in Datasette: its SQLite export, described and faceted, on a local server.

Datasette (with datasette-search-all, one search box over every searchable table, and
datasette-dashboards, which draws charts of SQL queries) is the optional extra
``gift-ledger[serve]``.
The database is the ``sqlite`` export (`gift_ledger.exporters.database`) in a temporary
folder; the metadata that Datasette shows (titles, descriptions, column descriptions,
licence, source, facets, the chart query) is made here from the same table declarations::

    datasette = open_datasette(Path("ledger.db"))
    # datasette.client.get("/ledger/gift_overview.json") in tests; run_server(...) to serve
"""

from __future__ import annotations

import contextlib
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import LedgerError
from .exporters import Export, write_output
from .exporters.database import FTS_TABLES, TABLES_IN_DATABASE, VIEWS

__all__ = [
    "CHART_QUERY",
    "DASHBOARD",
    "DATABASE",
    "INSTALL_HINT",
    "ServeError",
    "listen",
    "metadata",
    "open_datasette",
    "require_datasette",
    "run_server",
    "temporary_database",
]

INSTALL_HINT = "pip install 'gift-ledger[serve]'"
DATABASE = "ledger"
"""The database's name in Datasette's addresses: /ledger/gift_overview."""

DASHBOARD = "ledger"
"""The dashboard's name: /-/dashboards/ledger (datasette-dashboards)."""

CHART_QUERY = """SELECT year, giver_country, gifts
FROM gifts_per_country_year
WHERE year IS NOT NULL
ORDER BY year, giver_country"""
"""The chart a journalist wants first: gifts per year, by giver country."""

_VIEW_DESCRIPTIONS = {
    "gift_overview": "One row per gift: giver, recipient, their countries, the date range, "
    "the items and the sources. Each gift is one row, so its columns sum safely.",
    "gifts_per_country_year": "Gifts per giver country per year (a gift counts under a year "
    f"when its date falls within it). Chart: /-/dashboards/{DASHBOARD}",
}
_GIFT_OVERVIEW_COLUMNS = {
    "year": "the year of the gift, when its date falls within one year",
    "giver": "the giver's name, or role when it has no name; a joint gift's givers joined "
    "with ' | '",
    "giver_country": "ISO 3166-1 alpha-3",
    "recipient": "the recipient's name, or role; several joined with ' | '",
    "transfer": "gift, or loan: lent for a time, still the giver's",
    "until": "when a loan ends or ended",
    "recipient_country": "ISO 3166-1 alpha-3",
    "items": "what was given, each item's count and name",
    "categories": "the items' categories (a JSON array)",
    "things": "the sum of the items' counts",
    "sources": "titles of the cited sources",
}


class ServeError(LedgerError):
    """The ledger cannot be served: Datasette is missing."""


def require_datasette() -> None:
    """Raise ServeError saying what to install when Datasette is not installed."""
    try:
        import datasette  # noqa: F401
    except ImportError as e:
        raise ServeError(f"ledger serve needs Datasette: {INSTALL_HINT}") from e


def metadata() -> dict[str, Any]:
    """Datasette's metadata for an exported ledger: what every table, view and column is."""
    tables: dict[str, Any] = {}
    for table in TABLES_IN_DATABASE:
        described: dict[str, Any] = {"description": table.description}
        columns = {c.name: c.description for c in table.columns if c.description}
        if columns:
            described["columns"] = columns
        tables[table.name] = described
    for name in FTS_TABLES:
        tables[f"{name}_fts"] = {"hidden": True}
    for name in VIEWS:
        tables[name] = {"description": _VIEW_DESCRIPTIONS[name]}
    tables["gift_overview"]["columns"] = _GIFT_OVERVIEW_COLUMNS
    tables["gift_overview"]["facets"] = [
        "giver_country",
        {"array": "categories"},
        "year",
        "recipient_country",
    ]
    tables["gift_items"]["facets"] = ["category"]
    tables["actors"]["facets"] = ["kind", "country"]
    return {
        "title": "gift-ledger: diplomatic gifts and international agreements",
        "description": "Who gave what to whom and when, each record with the verbatim quote "
        "of the article that reports it. Search every table at /-/search; "
        f"gift_overview has one row per gift; a chart at /-/dashboards/{DASHBOARD}.",
        "license": "MIT (the ledger); quotes and archived texts belong to their publishers",
        "license_url": "https://opensource.org/license/mit",
        "source": "gift-ledger records, exported with `ledger export --format sqlite`",
        "databases": {
            DATABASE: {
                "tables": tables,
                "queries": {
                    "gifts_per_year_by_giver_country": {
                        "title": "Gifts per year, by giver country",
                        "sql": CHART_QUERY,
                    }
                },
            }
        },
        "plugins": {"datasette-dashboards": {DASHBOARD: _dashboard()}},
    }


def _dashboard() -> dict[str, Any]:
    return {
        "title": "Diplomatic gifts",
        "description": "Gifts per year, by giver country: a gift counts under a year when "
        "its date falls within that year.",
        "layout": [["gifts-per-year"]],
        "charts": {
            "gifts-per-year": {
                "title": "Gifts per year, by giver country",
                "db": DATABASE,
                "query": CHART_QUERY,
                "library": "vega-lite",
                "display": {
                    "mark": {"type": "bar", "tooltip": True},
                    "encoding": {
                        "x": {"field": "year", "type": "ordinal", "title": "year"},
                        "y": {
                            "field": "gifts",
                            "type": "quantitative",
                            "title": "gifts",
                            "axis": {"tickMinStep": 1, "format": "d"},
                        },
                        "color": {"field": "giver_country", "type": "nominal", "title": "giver"},
                    },
                },
            }
        },
    }


def open_datasette(database: Path, *, sql_threads: int = 3) -> Any:
    """A Datasette instance on the exported database, with the ledger's metadata.

    `sql_threads` is how many threads run queries; 0 runs them in the calling thread and
    starts no thread at all, which a process that forks later needs.
    """
    require_datasette()
    from datasette.app import Datasette

    return Datasette(
        files=[str(database)],
        metadata=metadata(),
        settings={"default_page_size": 100, "num_sql_threads": sql_threads},
    )


@contextmanager
def temporary_database(output: Export, *, ledger_root: Path) -> Iterator[Path]:
    """Write the sqlite export to a temporary database, removed on leaving; give its path."""
    with tempfile.TemporaryDirectory(prefix="ledger-serve-") as folder:
        path = Path(folder) / f"{DATABASE}.db"
        write_output(output, path, ledger_root=ledger_root)
        yield path


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port; ServeError says why it cannot be (a port in use)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as e:
        reason = e.strerror or str(e)
        raise ServeError(f"cannot listen on {host}:{port}: {reason}; try another --port") from e


def run_server(database: Path, listening: socket.socket) -> None:
    """Serve Datasette on the database through the listening socket until Ctrl+C."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(open_datasette(database).app(), log_level="warning"))
    with listening, contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how it stops
        server.run(sockets=[listening])
