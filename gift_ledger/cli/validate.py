"""`ledger validate`: check a ledger and print its problems in a report format."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from ..reporters import REPORTERS
from .application import EXIT_INVALID, EXIT_OK, app, guarded
from .options import DEFAULT_LEDGER, LedgerDir

__all__ = ["ReportName", "validate"]

if TYPE_CHECKING:
    ReportName = str
else:
    ReportName = Literal[tuple(REPORTERS)]
    """The choices of --format: the names of the report formats."""


@app.command()
@guarded
def validate(
    ledger_dir: LedgerDir = DEFAULT_LEDGER,
    output_format: Annotated[
        ReportName, typer.Option("--format", "-f", help="How to print the problems.")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too.")] = False,
) -> None:
    """Check every record file in DIR; print each problem as path:line:col, then a summary.

    Exits 0 when the ledger is valid, 1 when it has errors (or warnings, with --strict),
    2 when DIR does not exist.
    """
    from ..progress import file_progress
    from ..validate import validate_ledger

    with file_progress("validating") as progress:
        report = validate_ledger(ledger_dir, progress)
    sys.stdout.write(REPORTERS[output_format](report, strict))
    raise typer.Exit(EXIT_INVALID if report.failed(strict=strict) else EXIT_OK)
