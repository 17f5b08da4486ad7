"""`ledger schema`: write the JSON Schema of record files, or check it is up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import LedgerError
from ..escape import escape, escape_line
from .application import EXIT_INVALID, app, guarded

__all__ = ["schema"]


@app.command()
@guarded
def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Where to write the schema files.")
    ] = Path("schema"),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the files differ from the models."),
    ] = False,
    where: Annotated[
        bool,
        typer.Option(
            "--where", help="Write nothing; print where the schema that ships with ledger is."
        ),
    ] = False,
) -> None:
    """Write the JSON Schema (Draft 2020-12) of record files, generated from the models."""
    if where:
        from ..skeletons import PACKAGED_SCHEMA

        typer.echo(
            f"{PACKAGED_SCHEMA}\npoint an editor at it with the first line "
            f"`# yaml-language-server: $schema={PACKAGED_SCHEMA.as_uri()}`"
        )
        return
    from ..schema import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(output)
        for path in stale:
            state = "out of date" if path.exists() else "missing"
            typer.echo(escape_line(f"{path}: {state}: run `ledger schema --output {output}`"))
        if stale:
            raise typer.Exit(EXIT_INVALID)
        typer.echo(escape_line(f"{output}: up to date"))
        return
    try:
        written = write_schemas(output)
    except OSError as e:
        raise LedgerError(f"cannot write the schema into {str(output)!r}: {e.strerror}") from e
    for path in written:
        typer.echo(f"wrote {escape(str(path))}")
