"""Arguments and options that several commands share, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["DEFAULT_LEDGER", "Jobs", "LedgerDir"]

DEFAULT_LEDGER = Path("records")
"""The ledger folder when DIR is not given."""

LedgerDir = Annotated[
    Path, typer.Argument(metavar="DIR", help="The ledger folder.", show_default=True)
]
"""The DIR argument of the commands that read a ledger."""

Jobs = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help="Worker processes that read files: 0 picks by the ledger's size and the cores, "
        "1 reads in this process alone. The result is the same either way.",
    ),
]
