"""Exceptions for what stops a command before it can report on records.

Problems in records are never raised: they are `Diagnostic` values. These exceptions are
for the environment: a ledger folder that is not there, an output that cannot be written.
The CLI turns each into a one-line message and exit code 2.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["LedgerError", "LedgerNotFoundError", "OutputError"]


class LedgerError(Exception):
    """Base of the errors that stop a command; the message says what to do."""


class LedgerNotFoundError(LedgerError):
    """The ledger folder does not exist or is not a folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        what = "is not a folder" if root.exists() else "does not exist"
        super().__init__(
            f"ledger folder {str(root)!r} {what}: give the folder that holds the records"
        )


class OutputError(LedgerError):
    """An output file or folder cannot be written."""
