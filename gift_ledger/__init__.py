"""gift-ledger: a typed, evidence-backed ledger of diplomatic gifts and agreements.

The library API: `load_ledger` reads and checks a ledger folder, `validate_ledger` returns
just its report. The `ledger` command line tool is a thin layer over these.

Names are imported on first use, so that `ledger --version` and commands that do not
validate start without building the models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Diagnostic": "diagnostics",
    "Report": "diagnostics",
    "Severity": "diagnostics",
    "LedgerError": "errors",
    "LedgerNotFoundError": "errors",
    "OutputError": "errors",
    "LoadedLedger": "validate",
    "load_ledger": "validate",
    "validate_ledger": "validate",
}

__all__ = [
    "Diagnostic",
    "LedgerError",
    "LedgerNotFoundError",
    "LoadedLedger",
    "OutputError",
    "Report",
    "Severity",
    "__version__",
    "load_ledger",
    "validate_ledger",
]

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Report, Severity
    from .errors import LedgerError, LedgerNotFoundError, OutputError
    from .validate import LoadedLedger, load_ledger, validate_ledger


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
