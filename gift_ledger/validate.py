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

from .diagnostics import Diagnostic, Report
from .errors import LedgerNotFoundError
from .gcpause import collector_paused
from .locate import locate
from .reader import ParsedFile, find_record_files, read_file
from .texts import SourceTexts
from .workers import Workers, choose_jobs

if TYPE_CHECKING:
    from .ledger import Ledger

__all__ = ["LoadedLedger", "Progress", "load_ledger", "validate_ledger"]


@dataclass(frozen=True)
class LoadedLedger:
    """The records that were valid, the texts they cite, and the report on the whole."""

    ledger: Ledger
    texts: SourceTexts
    report: Report


Progress = Callable[[int, int], None]
"""Called after each record file is read, with the files done and the files in all."""


def load_ledger(
    root: Path, progress: Progress | None = None, *, jobs: int | None = None
) -> LoadedLedger:
    """Read and check every record file below root; raise only if root is not a folder.

    `jobs` is how many worker processes read files: None (or 0) chooses by the ledger's
    size and the cores there are, 1 reads in this process alone. The result is the same
    either way.
    """
    if not root.is_dir():
        raise LedgerNotFoundError(root)
    unlisted: list[Diagnostic] = []
    files = find_record_files(root, unlisted)
    roots = [root] * len(files)
    sizes = [_size(path) for path in files]
    yaml_bytes = sum(
        size for path, size in zip(files, sizes, strict=True) if path.suffix.lower() != ".json"
    )
    # A large ledger gets workers even if it is JSON, for its archived texts: they are
    # forked now, while this process is small (see Workers). Decided first: once there
    # are workers, a thread runs beside this one and no more are forked.
    read_in_workers = choose_jobs(jobs, yaml_bytes) > 0
    with collector_paused(), Workers(choose_jobs(jobs, sum(sizes))) as workers:
        if read_in_workers:
            # Workers start reading now, while this process imports what builds records.
            parsed: Iterable[ParsedFile] = workers.map(read_file, files, roots, share=True)
        else:  # JSON reads faster here than its values would travel back from a worker
            parsed = map(read_file, files, roots)
        return _load(root, files, parsed, workers, progress, unlisted=unlisted)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _load(
    root: Path,
    files: list[Path],
    parsed_files: Iterable[ParsedFile],
    workers: Workers,
    progress: Progress | None,
    *,
    unlisted: list[Diagnostic],
) -> LoadedLedger:
    # Imported here, not above: building the models takes about a quarter of a second,
    # which worker processes, started just before, spend reading files.
    from .build import build_records
    from .checks import run_checks
    from .ledger import Ledger
    from .models import Source

    ledger = Ledger(root)
    diagnostics: list[Diagnostic] = list(unlisted)
    records_read = 0
    for done, parsed in enumerate(parsed_files, start=1):
        diagnostics.extend(parsed.diagnostics)
        if parsed.ok:
            built = build_records(parsed.path, parsed.value)
            diagnostics.extend(built.diagnostics)
            ledger.rejected_ids.update(built.rejected_ids)
            ledger.rejected_references.update(built.rejected_references)
            records_read += built.read
            for entry in built.entries:
                ledger.add(entry)
        if progress is not None:
            progress(done, len(files))
    texts = SourceTexts(root)
    # Workers load the texts while the checks that need none run here.
    texts.preload((s.text for s, _ in ledger.of_type(Source) if s.text is not None), workers.map)
    diagnostics.extend(run_checks(ledger, texts))
    report = Report(root, len(files), records_read, tuple(locate(diagnostics)))
    return LoadedLedger(ledger, texts, report)


def validate_ledger(
    root: Path, progress: Progress | None = None, *, jobs: int | None = None
) -> Report:
    """The validation report for the ledger below root."""
    return load_ledger(root, progress, jobs=jobs).report
