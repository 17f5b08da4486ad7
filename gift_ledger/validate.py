"""Validate a ledger folder: read every file, build records, run checks, locate problems.

This is the library entry point that the CLI and the exporters call::

    from gift_ledger import load_ledger
    result = load_ledger(Path("records"))
    result.report.errors, result.ledger.entries
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .check.texts import SourceTexts
from .diagnostics import Diagnostic, Report
from .errors import LedgerNotFoundError
from .locate import locate
from .read import MANIFEST_FILE, ParsedFile, find_record_files, read_file
from .speed import collector_paused

if TYPE_CHECKING:
    from .ledger import Ledger
    from .manifest import Manifest, ReadManifest

__all__ = ["LoadedLedger", "Progress", "load_ledger", "validate_ledger"]


@dataclass(frozen=True)
class LoadedLedger:
    """The records that were valid, the texts they cite, the report on the whole, and the
    ledger's manifest (None when it has none, or when it has errors)."""

    ledger: Ledger
    texts: SourceTexts
    report: Report
    manifest: Manifest | None = None


Progress = Callable[[int, int], None]
"""Called after each record file is read, with the files done and the files in all."""


def load_ledger(root: Path, progress: Progress | None = None) -> LoadedLedger:
    """Read and check every record file below root; raise only if root is not a folder."""
    if not root.is_dir():
        raise LedgerNotFoundError(root)
    manifest = _read_manifest(root)
    unlisted: list[Diagnostic] = []
    files = find_record_files(root, manifest.ignored if manifest else None, unlisted)
    with collector_paused():
        parsed = map(read_file, files, [root] * len(files))
        return _load(root, files, parsed, progress, manifest=manifest, unlisted=unlisted)


def _read_manifest(root: Path) -> ReadManifest | None:
    """The ledger's manifest, read only if there is one: it needs pydantic and the models."""
    if not (root / MANIFEST_FILE).is_file():
        return None
    from .manifest import read_manifest

    return read_manifest(root)


def _load(
    root: Path,
    files: list[Path],
    parsed_files: Iterable[ParsedFile],
    progress: Progress | None,
    *,
    manifest: ReadManifest | None,
    unlisted: list[Diagnostic],
) -> LoadedLedger:
    # Imported here, not above: building the models takes about a quarter of a second,
    # which a command that stops before reading records (a missing folder) never pays.
    from .build import build_records
    from .check.rules import run_checks
    from .ledger import Ledger

    ledger = Ledger(root)
    checked = Ledger(root)  # with the partial records too, that the checks also judge
    diagnostics: list[Diagnostic] = [*unlisted, *(manifest.diagnostics if manifest else ())]
    records_read = 0
    places = {}  # where the records of each file read by the exact reader begin
    for done, parsed in enumerate(parsed_files, start=1):
        diagnostics.extend(parsed.diagnostics)
        if parsed.places is not None:
            places[parsed.path] = parsed.places
        if parsed.ok:
            built = build_records(parsed.path, parsed.value)
            diagnostics.extend(built.diagnostics)
            for index in (ledger, checked):
                index.rejected_ids.update(built.rejected_ids)
                index.rejected_references.update(built.rejected_references)
            records_read += built.read
            for entry in built.entries:
                checked.add(entry)
                if entry.complete:
                    ledger.add(entry)
        if progress is not None:
            progress(done, len(files))
    texts = SourceTexts(root)
    diagnostics.extend(run_checks(checked, texts))
    report = Report(root, len(files), records_read, tuple(locate(diagnostics, places)))
    return LoadedLedger(ledger, texts, report, manifest.manifest if manifest else None)


def validate_ledger(root: Path, progress: Progress | None = None) -> Report:
    """The validation report for the ledger below root."""
    return load_ledger(root, progress).report
