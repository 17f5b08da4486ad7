"""`ledger export`: validate a ledger, then write it in one of the export formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..escape import escape
from ..exporters import DEFAULT_BASE, EXPORTERS, DocumentFormat
from .application import EXIT_INVALID, app, guarded
from .options import DEFAULT_LEDGER, LedgerDir

__all__ = ["export"]


def _sentence(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1]


_FORMAT_HELP = (
    _sentence(
        [
            f"{name} (a folder: needs --output)"
            if exporter.writes_folder
            else f"{name} (a file: needs --output)"
            if isinstance(exporter, DocumentFormat) and exporter.binary
            else name
            for name, exporter in EXPORTERS.items()
        ]
    )
    + "."
)


def _formats(incomplete: str) -> list[str]:
    """The export formats that start with what was typed, for shell completion."""
    return [name for name in EXPORTERS if name.startswith(incomplete)]


_TITLES = _sentence([exporter.title for exporter in EXPORTERS.values()])


@app.command(
    help=f"""Export the records of DIR as {_TITLES}.

    Validates first: a ledger with errors exports nothing, prints its problems to stderr
    and exits 1 (warnings do not stop an export). Exits 2 when DIR does not exist or the
    output cannot be written. The same ledger always exports to the same bytes.
    """
)
@guarded
def export(
    format_name: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help=_FORMAT_HELP, autocompletion=_formats
        ),
    ],
    ledger_dir: LedgerDir = DEFAULT_LEDGER,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write the export here, whole or not at all, instead of to stdout.",
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="IRI",
            help="Base of the records' IRIs (jsonld); default: the manifest's base, "
            f"else {DEFAULT_BASE}",
        ),
    ] = None,
) -> None:
    from ..errors import OutputError
    from ..exporters import ExportOptions, export_ledger, get_exporter, stream_output, write_output
    from ..progress import file_progress
    from ..reporters.text import render

    options = ExportOptions(base=base)
    exporter = get_exporter(format_name)
    if exporter.writes_folder and output is None:
        raise OutputError(f"the {format_name} format writes a folder: give one with --output")
    if isinstance(exporter, DocumentFormat) and exporter.binary and output is None:
        raise OutputError(f"the {format_name} format writes a binary file: give it with --output")
    with file_progress("reading") as progress:
        result = export_ledger(ledger_dir, format_name, options, progress)
    if result.output is None:
        sys.stderr.write(render(result.report, False))
        raise typer.Exit(EXIT_INVALID)
    if output is not None:
        write_output(result.output, output, ledger_root=ledger_dir)
        typer.echo(f"wrote {escape(str(output))}")
    else:
        try:
            stream_output(result.output, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise  # a reader that stopped early (`| head`): the command ends quietly
        except OSError as e:  # a full disk
            raise OutputError(f"cannot write to stdout: {e.strerror or e}") from e
