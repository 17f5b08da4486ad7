"""Arguments and options that several commands share, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["DEFAULT_LEDGER", "LedgerDir"]

DEFAULT_LEDGER = Path("records")
"""The ledger folder when DIR is not given."""

LedgerDir = Annotated[
    Path, typer.Argument(metavar="DIR", help="The ledger folder.", show_default=True)
]
"""The DIR argument of the commands that read a ledger."""
