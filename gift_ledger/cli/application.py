"""The `ledger` application: its exit codes, its errors and `--version`.

Exit codes are the same for every command: 0 success (a valid ledger), 1 invalid input
(records with errors, or warnings under --strict; a stale schema under --check), 2 usage or
environment errors (an unknown option, a missing folder, an unwritable output), and 3 for
an internal error, which prints a short message asking for a report instead of a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from ..errors import LedgerError
from ..escape import escape

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "app",
    "guarded",
]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _base(name: str) -> Any:
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


# Click's exceptions, whichever click typer parses with: its own copy (typer 0.2x and later)
# or the click package (before); typer exports only BadParameter of them.
_CLICK_ERROR, _USAGE_ERROR = _base("ClickException"), _base("UsageError")


class _LedgerGroup(TyperGroup):
    """The command group, with click's own usage errors in the ledger's one style.

    Click prints "Usage: ... Error: Invalid value for '--count'"; every usage error of the
    ledger, click's included, reads `ledger: error: ...` on one line and exits 2.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except _CLICK_ERROR as e:
            typer.echo(f"ledger: error: {_usage_message(e)}", err=True)
            sys.exit(e.exit_code)
        except typer.Abort:
            typer.echo("ledger: aborted", err=True)
            sys.exit(EXIT_INVALID)
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader stopped early (`| head`) and has all it wants: end quietly, as `cat`
            # does, whatever had not been written yet.
            _drop_stdout()
            raise typer.Exit(EXIT_OK) from None


class Command(TyperCommand):
    """A command whose usage line writes a required argument as its name, `ledger show ID`,
    as the reference does, not typer's `{ID}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


def _drop_stdout() -> None:
    """Send what Python still holds for stdout to nowhere, so that exiting prints nothing."""
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file: CliRunner's buffer
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


_WORDS = (
    ("Value error, ", ""),
    ("Input should be a valid integer, unable to parse string as an integer", "not a whole number"),
)
"""Pydantic's words in typer's messages, and the ledger's."""


def _usage_message(error: Any) -> str:
    message: str = error.format_message()
    for library_words, ours in _WORDS:
        message = message.replace(library_words, ours)
    message = message[:1].lower() + message[1:].rstrip(".")
    context = getattr(error, "ctx", None)
    if isinstance(error, _USAGE_ERROR) and context is not None:
        message += f" (see '{context.command_path} --help')"
    return message


app = typer.Typer(
    cls=_LedgerGroup,
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
        except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt, BrokenPipeError):
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
