"""gift-ledger: a typed, evidence-backed ledger of diplomatic gifts and agreements.

The library API: `load_ledger` reads and checks a ledger folder, `validate_ledger` returns
just its report, `resolved_gifts` iterates a loaded ledger's gifts with their actors and
sources resolved, and `export_ledger` with `write_output` writes any export format
(`gift_ledger.exporters`). The `ledger` command line tool is a thin layer over these.
docs/api.md shows them at work and how to build their reference with pdoc.

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
    "ResolvedGift": "gifts",
    "resolved_gifts": "gifts",
    "ExportOptions": "exporters",
    "ExportResult": "exporters",
    "export_ledger": "exporters",
    "write_output": "exporters",
    "load_ledger": "validate",
    "validate_ledger": "validate",
}

__all__ = [
    "Diagnostic",
    "ExportOptions",
    "ExportResult",
    "LedgerError",
    "LedgerNotFoundError",
    "LoadedLedger",
    "OutputError",
    "Report",
    "ResolvedGift",
    "Severity",
    "__version__",
    "export_ledger",
    "load_ledger",
    "resolved_gifts",
    "validate_ledger",
    "write_output",
]

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Report, Severity
    from .errors import LedgerError, LedgerNotFoundError, OutputError
    from .exporters import ExportOptions, ExportResult, export_ledger, write_output
    from .gifts import ResolvedGift, resolved_gifts
    from .validate import LoadedLedger, load_ledger, validate_ledger


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
