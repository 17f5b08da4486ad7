"""`ledger serve`: browse a ledger in Datasette, from a temporary SQLite export."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .application import EXIT_INVALID, app, guarded
from .options import DEFAULT_LEDGER, LedgerDir

__all__ = ["serve"]


@app.command()
@guarded
def serve(
    ledger_dir: LedgerDir = DEFAULT_LEDGER,
    host: Annotated[
        str,
        typer.Option(
            "--host", metavar="HOST", help="Where to listen; 0.0.0.0 opens it to the network."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", "-p", min=1, max=65535, metavar="PORT", help="Port.")
    ] = 8001,
) -> None:
    """Browse DIR in Datasette: export it to a temporary SQLite database and serve it.

    Needs the optional extra: pip install 'gift-ledger[serve]'. Validates first: a ledger
    with errors is not served, its problems are printed and the command exits 1. Stops
    with Ctrl+C, and removes the database.
    """
    from ..escape import escape_line
    from ..exporters import export_ledger
    from ..progress import file_progress
    from ..reporters.text import render
    from ..serve import listen, require_datasette, run_server, temporary_database

    require_datasette()
    with file_progress("reading") as progress:
        result = export_ledger(ledger_dir, "sqlite", progress=progress)
    if result.output is None:
        sys.stderr.write(render(result.report, False))
        raise typer.Exit(EXIT_INVALID)
    with (
        listen(host, port) as listening,
        temporary_database(result.output, ledger_root=ledger_dir) as database,
    ):
        typer.echo(escape_line(f"serving {ledger_dir} at http://{host}:{port}/ (Ctrl+C stops)"))
        run_server(database, listening)
