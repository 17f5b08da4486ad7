"""The `ledger` application: its exit codes, its errors, `--version` and the entry point.

Exit codes are the same for every command: 0 success (a valid ledger), 1 invalid input
(records with errors, or warnings under --strict; a stale schema under --check), 2 usage or
environment errors (an unknown option, a missing folder, an unwritable output), and 3 for
an internal error, which prints a short message asking for a report instead of a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

import typer

from .. import __version__
from ..errors import LedgerError
from ..escape import escape
from ..signals import end_cleanly_on_signals
from ..speed import at_start

__all__ = ["EXIT_INTERNAL", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "app", "guarded", "main"]

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


def guarded(command: Callable[_P, _T]) -> Callable[_P, _T]:
    """Map the library's exceptions to exit codes; never let a traceback reach the user."""

    @functools.wraps(command)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
            raise
        except LedgerError as e:
            typer.echo(f"ledger: error: {escape(str(e))}", err=True)
            raise typer.Exit(EXIT_USAGE) from e
        except Exception as e:  # an unexpected bug: say so briefly, exit with its own code
            typer.echo(
                f"ledger: internal error: {type(e).__name__}: {escape(str(e))}\n"
                "This is a bug in gift-ledger. Please report it with the command you ran "
                "and the file that caused it.",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from e

    return wrapper


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


def main() -> None:
    """Entry point of the `ledger` console script and `python -m gift_ledger`."""
    at_start()
    end_cleanly_on_signals()
    app(prog_name="ledger")
