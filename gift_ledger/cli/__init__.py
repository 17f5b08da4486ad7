"""The `ledger` command: a module per command, each parsing its options and calling the library.

`app` is the typer application with every command, `main` the console script's entry point
(exit codes and error handling are in `application`). Each command module registers its
command when imported. `main` imports only the module of the command it is asked to run:
the other modules' imports, and typer's building of every command's options, cost a short
run more than the work (docs/performance.md).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..signals import end_cleanly_on_signals
from ..speed import at_start

if TYPE_CHECKING:
    from typer import Typer

    from .application import app

__all__ = ["COMMANDS", "app", "main"]

COMMANDS = {
    "validate": "validate",
    "schema": "schema",
    "export": "export",
    "show": "show",
    "stats": "stats",
    "import": "importing",
    "serve": "serve",
    "new": "new",
}
"""Each command and the module that registers it, in the order `ledger --help` lists them."""


def main() -> None:
    """Entry point of the `ledger` console script and `python -m gift_ledger`."""
    at_start()
    end_cleanly_on_signals()
    _registered(_wanted(sys.argv[1:]))(prog_name="ledger")


def _wanted(arguments: Sequence[str]) -> Iterable[str]:
    """The commands to register for these arguments: the one they name, or every command
    (for `ledger --help`, a mistyped command and shell completion, which list them)."""
    named = next((word for word in arguments if not word.startswith("-")), None)
    return (named,) if named in COMMANDS else COMMANDS


def _registered(commands: Iterable[str]) -> Typer:
    """The application, with these commands registered."""
    for command in commands:
        import_module(f"{__name__}.{COMMANDS[command]}")
    application: Typer = import_module(f"{__name__}.application").app
    return application


def __getattr__(name: str) -> Any:
    if name == "app":
        return _registered(COMMANDS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
