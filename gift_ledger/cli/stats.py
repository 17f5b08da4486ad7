"""`ledger stats`: counts of the ledger's gifts and items, as tables."""

from __future__ import annotations

import os
import sys

from .application import app, guarded
from .options import DEFAULT_LEDGER, LedgerDir

__all__ = ["stats"]


@app.command()
@guarded
def stats(ledger_dir: LedgerDir = DEFAULT_LEDGER) -> None:
    """Count gifts and loans, the gifts by giver, recipient and year, and the items by category.

    Draws tables on a terminal; prints plain aligned text when stdout is not a terminal or
    NO_COLOR, CI or TERM=dumb is set. Records with errors are left out of the counts.
    """
    from ..stats import ledger_stats
    from ..terminal import render_plain, render_rich, wants_rich
    from ..validate import load_ledger

    tables = ledger_stats(load_ledger(ledger_dir).ledger)
    if wants_rich(sys.stdout, os.environ):
        from rich.console import Console

        render_rich(tables, Console())
    else:
        sys.stdout.write(render_plain(tables))
