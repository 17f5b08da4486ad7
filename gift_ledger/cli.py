"""The `ledger` command: parses options, calls the library, prints, and sets the exit code.

Exit codes are the same for every command: 0 success (a valid ledger), 1 invalid input
(records with errors, or warnings under --strict; a stale schema under --check), 2 usage or
environment errors (an unknown option, a missing folder, an unwritable output), and 3 for
an internal error, which prints a short message asking for a report instead of a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from . import __version__
from .errors import LedgerError

__all__ = ["app", "main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="ledger",
    help="A typed, evidence-backed ledger of diplomatic gifts and agreements.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_P = ParamSpec("_P")
_T = TypeVar("_T")


def _guarded(command: Callable[_P, _T]) -> Callable[_P, _T]:
    """Map the library's exceptions to exit codes; never let a traceback reach the user."""

    @functools.wraps(command)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
            raise
        except LedgerError as e:
            typer.echo(f"ledger: error: {e}", err=True)
            raise typer.Exit(EXIT_USAGE) from e
        except Exception as e:  # an unexpected bug: say so briefly, exit with its own code
            typer.echo(
                f"ledger: internal error: {type(e).__name__}: {e}\n"
                "This is a bug in gift-ledger. Please report it with the command you ran "
                "and the file that caused it.",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from e

    return wrapper


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ledger {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """A typed, evidence-backed ledger of diplomatic gifts and agreements."""


@app.command()
@_guarded
def validate(
    ledger_dir: Annotated[
        Path, typer.Argument(metavar="DIR", help="The ledger folder.", show_default=True)
    ] = Path("records"),
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="How to print the problems.")
    ] = ReportFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too.")] = False,
) -> None:
    """Check every record file in DIR; print each problem as path:line:col, then a summary.

    Exits 0 when the ledger is valid, 1 when it has errors (or warnings, with --strict),
    2 when DIR does not exist.
    """
    from .progress import file_progress
    from .reporters import REPORTERS
    from .validate import validate_ledger

    with file_progress("validating") as progress:
        report = validate_ledger(ledger_dir, progress)
    sys.stdout.write(REPORTERS[output_format.value](report, strict))
    raise typer.Exit(EXIT_INVALID if report.failed(strict=strict) else EXIT_OK)


@app.command()
@_guarded
def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Where to write the schema files.")
    ] = Path("schema"),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the files differ from the models."),
    ] = False,
) -> None:
    """Write the JSON Schema (Draft 2020-12) of record files, generated from the models."""
    from .schema import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(output)
        for path in stale:
            typer.echo(f"{path}: out of date: run `ledger schema --output {output}`")
        if stale:
            raise typer.Exit(EXIT_INVALID)
        typer.echo(f"{output}: up to date")
        return
    try:
        written = write_schemas(output)
    except OSError as e:
        raise LedgerError(f"cannot write the schema into {str(output)!r}: {e.strerror}") from e
    for path in written:
        typer.echo(f"wrote {path}")


def main() -> None:
    """Entry point of the `ledger` console script and `python -m gift_ledger`."""
    app(prog_name="ledger")


@app.command()
@_guarded
def export(
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="jsonld, csv, datapackage (a folder: needs --output), json or ndjson.",
        ),
    ],
    ledger_dir: Annotated[
        Path, typer.Argument(metavar="DIR", help="The ledger folder.", show_default=True)
    ] = Path("records"),
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
        str, typer.Option("--base", metavar="IRI", help="Base of the records' IRIs (jsonld).")
    ] = "https://w3id.org/gift-ledger/id/",
) -> None:
    """Export the records of DIR as JSON-LD, CSV, a Data Package, JSON or NDJSON.

    Validates first: a ledger with errors exports nothing, prints its problems to stderr
    and exits 1 (warnings do not stop an export). Exits 2 when DIR does not exist or the
    output cannot be written. The same ledger always exports to the same bytes.
    """
    from .errors import OutputError
    from .exporters import ExportOptions, export_ledger, get_exporter, write_output
    from .progress import file_progress
    from .reporters.text import render

    options = ExportOptions(base=base)
    if get_exporter(format_name).writes_folder and output is None:
        raise OutputError(f"the {format_name} format writes a folder: give one with --output")
    with file_progress("reading") as progress:
        result = export_ledger(ledger_dir, format_name, options, progress)
    if result.output is None:
        sys.stderr.write(render(result.report, False))
        raise typer.Exit(EXIT_INVALID)
    if output is not None:
        write_output(result.output, output, ledger_root=ledger_dir)
        typer.echo(f"wrote {output}")
    elif isinstance(result.output, bytes):
        sys.stdout.buffer.write(result.output)
        sys.stdout.buffer.flush()
