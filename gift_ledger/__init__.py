"""gift-ledger: a typed, evidence-backed ledger of diplomatic gifts and agreements.

The library API: `load_ledger` reads and checks a ledger folder, `validate_ledger` returns
just its report. The `ledger` command line tool is a thin layer over these.
"""

from __future__ import annotations

from .diagnostics import Diagnostic, Report, Severity
from .errors import LedgerError, LedgerNotFoundError, OutputError
from .validate import LoadedLedger, load_ledger, validate_ledger

__version__ = "0.1.0"

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
