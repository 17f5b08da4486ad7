"""`ledger import`: an export (a data package or the flat CSV) back into record files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..escape import escape, escape_line
from .application import EXIT_INVALID, Command, app, guarded

__all__ = ["import_"]


@app.command("import", cls=Command)
@guarded
def import_(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="SOURCE",
            help="A data package export (its folder or datapackage.json) or a flat CSV export.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="DIR", help="A new or empty folder for the record files."
        ),
    ],
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            metavar="DIR",
            help="For a flat CSV: the ledger to take actors, sources and agreements from.",
        ),
    ] = None,
) -> None:
    """Read an export back into record files (YAML), one file per record type.

    A data package comes back whole. The flat CSV holds only gifts: give --ledger, whose
    other records are copied and whose gifts are replaced by the table's. Every record is
    checked first: on a problem nothing is written, the problems are printed to stderr and
    the command exits 1. Exits 2 when SOURCE is not an export or DIR is not empty.
    """
    from ..importers import import_ledger, write_records

    imported = import_ledger(source, ledger)
    if imported.problems:
        for problem in imported.problems:
            typer.echo(escape_line(str(problem)), err=True)
        raise typer.Exit(EXIT_INVALID)
    written = write_records(
        imported.records, output, protect=ledger or source, texts=imported.texts
    )
    for name, count in written.items():
        typer.echo(
            f"wrote {escape(str(output / name))} ({count} record{'' if count == 1 else 's'})"
        )
    if imported.texts:
        count = len(imported.texts)
        typer.echo(
            f"wrote {count} archived text{'' if count == 1 else 's'} below {escape(str(output))}"
        )
