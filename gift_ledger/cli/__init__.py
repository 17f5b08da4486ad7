"""The `ledger` command: a module per command, each parsing its options and calling the library.

`app` is the typer application, `main` the console script's entry point (exit codes and
error handling are in `app`). Each command module registers its command when imported.
"""

from __future__ import annotations

from importlib import import_module

from .app import app, main

__all__ = ["COMMAND_MODULES", "app", "main"]

COMMAND_MODULES = ("validate", "schema", "export", "new", "show", "stats", "importing", "serve")
"""The command modules, in the order `ledger --help` lists their commands."""

for _module in COMMAND_MODULES:
    import_module(f"{__name__}.{_module}")
