"""Validate a ledger folder: read every file, build records, run checks, locate problems.

This is the library entry point that the CLI and the exporters call::

    from gift_ledger import load_ledger
    result = load_ledger(Path("records"))
    result.report.errors, result.ledger.entries
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .build import build_records
from .checks import run_checks
from .diagnostics import Diagnostic, Report
from .errors import LedgerNotFoundError
from .ledger import Ledger
from .locate import locate
from .reader import find_record_files, read_file
from .texts import SourceTexts

__all__ = ["LoadedLedger", "Progress", "load_ledger", "validate_ledger"]


@dataclass(frozen=True)
class LoadedLedger:
    """The records that were valid, the texts they cite, and the report on the whole."""

    ledger: Ledger
    texts: SourceTexts
    report: Report


Progress = Callable[[int, int], None]
"""Called after each record file is read, with the files done and the files in all."""


def load_ledger(root: Path, progress: Progress | None = None) -> LoadedLedger:
    """Read and check every record file below root; raise only if root is not a folder."""
    if not root.is_dir():
        raise LedgerNotFoundError(root)
    ledger = Ledger(root)
    diagnostics: list[Diagnostic] = []
    files = find_record_files(root)
    records_read = 0
    for done, path in enumerate(files, start=1):
        parsed = read_file(path, root)
        diagnostics.extend(parsed.diagnostics)
        if parsed.ok:
            built = build_records(path, parsed.value)
            diagnostics.extend(built.diagnostics)
            ledger.rejected_ids.update(built.rejected_ids)
            ledger.rejected_references.update(built.rejected_references)
            records_read += built.read
            for entry in built.entries:
                ledger.add(entry)
        if progress is not None:
            progress(done, len(files))
    texts = SourceTexts(root)
    diagnostics.extend(run_checks(ledger, texts))
    report = Report(root, len(files), records_read, tuple(locate(diagnostics)))
    return LoadedLedger(ledger, texts, report)


def validate_ledger(root: Path, progress: Progress | None = None) -> Report:
    """The validation report for the ledger below root."""
    return load_ledger(root, progress).report
