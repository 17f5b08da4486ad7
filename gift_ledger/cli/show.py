"""`ledger show`: one record and everything in the ledger that refers to it."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..escape import escape
from .application import EXIT_INVALID, Command, app, guarded
from .options import DEFAULT_LEDGER, LedgerDir

__all__ = ["show"]


@app.command(cls=Command)
@guarded
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The id of the record.")],
    ledger_dir: LedgerDir = DEFAULT_LEDGER,
) -> None:
    """Print one record and everything in the ledger that refers to it.

    Exits 1 when no valid record has the id (naming the nearest one), 2 when DIR does not
    exist. Records with errors are left out, as `ledger validate` reports.
    """
    from ..anchors import Anchors
    from ..show import UnknownIdError, describe
    from ..validate import load_ledger

    loaded = load_ledger(ledger_dir)
    try:
        text = describe(loaded.ledger, record_id, Anchors(loaded))
    except UnknownIdError as e:
        typer.echo(f"ledger: error: {escape(str(e))}", err=True)
        raise typer.Exit(EXIT_INVALID) from e
    sys.stdout.write(text)
