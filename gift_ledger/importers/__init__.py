"""Bring an export home: a data package or the flat CSV back into record files (YAML).

People who edit the ledger in a spreadsheet export it, change the tables, and import them
into a new folder of record files, one file per record type (``actors.yaml``,
``sources.yaml``, ``gifts.yaml``, ``agreements.yaml``), to put in place of the ledger's
own record files::

    imported = import_ledger(Path("dist/ledger"))
    if not imported.problems:
        write_records(imported.records, Path("imported"), protect=Path("dist/ledger"))

The data package holds every field of every record and comes home whole. The flat CSV
holds only gifts, so it is imported together with a ledger that gives the other records
(see `gift_ledger.importers.flat_csv`). Every record is checked against the record contract
before anything is written; the checks across records (references, quotes) are
``ledger validate``'s, once the files are in the ledger folder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..errors import LedgerError, OutputError
from ..read import MAX_FILE_BYTES
from ..record_yaml import dump_records
from ..tables.package import ARCHIVE
from ..validate import load_ledger
from ..vocab import RecordType
from ..writing import write_folder
from . import datapackage, flat_csv
from .candidates import check
from .cells import Problem
from .files import Unreadable, read_regular_file

__all__ = [
    "FILE_NAMES",
    "Imported",
    "Problem",
    "import_ledger",
    "record_files",
    "write_records",
]

FILE_NAMES = {kind.value: kind.plural for kind in RecordType}
"""Record type -> the name of the file (``.yaml``) that holds the records of that type."""

_FILE_BYTES = MAX_FILE_BYTES // 2
"""A type whose records pass this size goes on in ``gifts-2.yaml``, ``gifts-3.yaml``..."""


@dataclass(frozen=True, slots=True)
class Imported:
    """The records read, in order, and the problems that keep them from being written."""

    records: list[dict[str, Any]]
    problems: list[Problem]
    texts: dict[str, bytes] = field(default_factory=dict)
    """The sources' archived texts, by the path their `text` gives, to write beside them."""


def import_ledger(source: Path, ledger: Path | None = None) -> Imported:
    """Read a data package export, or a flat CSV export with the ledger it came from.

    Raises LedgerError when source is neither, when a flat CSV comes without a ledger or a
    data package with one.
    """
    if not source.exists():
        raise LedgerError(f"{str(source)!r} does not exist: give a data package or a flat CSV")
    if datapackage.detect(source):
        if ledger is not None:
            raise LedgerError("a data package holds every record: import it without --ledger")
        candidates, problems = datapackage.read(source)
        texts_from = (source if source.is_dir() else source.parent) / ARCHIVE
    elif flat_csv.detect(source):
        if ledger is None:
            raise LedgerError(
                "the flat CSV holds only gifts: give the ledger it came from with --ledger "
                "DIR, for the actors, sources and agreements (or import the data package)"
            )
        loaded = load_ledger(ledger)
        if loaded.report.errors:
            errors = [d for d in loaded.report.diagnostics if d.severity is Severity.ERROR]
            return Imported([], [_ledger_problem(d) for d in errors])
        candidates, problems = flat_csv.read(source, loaded)
        texts_from = ledger
    else:
        raise LedgerError(
            f"{str(source)!r} is not an export that can be imported: give a data package "
            "folder (with datapackage.json) or a flat CSV (`ledger export --format csv`)"
        )
    if problems:
        return Imported([], problems)
    problems = check(candidates)
    if problems:
        return Imported([], problems)
    records = [c.record for c in candidates]
    return Imported(records, problems, _texts(records, texts_from))


def _texts(records: Sequence[dict[str, Any]], folder: Path) -> dict[str, bytes]:
    """The archived texts that the sources name and folder holds, by the path named.

    Only the folder's own regular files are read, as for the tables (issue #18): a path
    that leads outside it (``..``, an absolute path, a symlinked folder on the way), a
    symlink, a FIFO, a device or a file over the reader's limit is left out unread. The
    imported ledger then reports the text as missing, as `ledger validate` would.
    """
    inside = folder.resolve()
    texts = {}
    for record in records:
        path = record.get("text") if record.get("type") == RecordType.SOURCE.value else None
        if not isinstance(path, str) or path in texts:
            continue
        relative = PurePosixPath(path)
        if relative.is_absolute() or ".." in relative.parts:
            continue
        file = folder / relative
        if not file.parent.resolve().is_relative_to(inside):
            continue  # a symlinked folder on the way leads out
        data = read_regular_file(file)
        if not isinstance(data, Unreadable):
            texts[path] = data
    return texts


def _ledger_problem(diagnostic: Diagnostic) -> Problem:
    place = f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}"
    return Problem(place, diagnostic.code, diagnostic.full_message)


def record_files(records: Sequence[dict[str, Any]]) -> dict[str, tuple[bytes, int]]:
    """The files of an import: file name -> (YAML bytes, records), a file per record type."""
    files: dict[str, tuple[bytes, int]] = {}
    for kind, name in FILE_NAMES.items():
        chunks: list[list[bytes]] = [[]]
        size = 0
        for record in (r for r in records if r.get("type") == kind):
            data = dump_records([record]).encode("utf-8")
            if chunks[-1] and size + len(data) > _FILE_BYTES:
                chunks.append([])
                size = 0
            chunks[-1].append(data)
            size += len(data) + 1
        for number, chunk in enumerate(c for c in chunks if c):
            file_name = f"{name}.yaml" if number == 0 else f"{name}-{number + 1}.yaml"
            files[file_name] = (b"\n".join(chunk), len(chunk))
    return files


def write_records(
    records: Sequence[dict[str, Any]],
    output: Path,
    *,
    protect: Path,
    texts: Mapping[str, bytes] | None = None,
) -> dict[str, int]:
    """Write the records into output, a new or empty folder, whole or not at all.

    protect is the ledger or the export the records come from, which output must not be
    inside (its records would be read twice): a folder, or a file (``datapackage.json``,
    the flat CSV), whose folder is protected. texts (path -> bytes) are written too, the
    sources' archived texts. Returns file name -> the number of records written to it.
    """
    if protect.is_file():
        protect = protect.parent
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise OutputError(
            f"cannot import into {str(output)!r}: it is not an empty folder; "
            "give a new or empty folder"
        )
    files = record_files(records)
    contents = {name: data for name, (data, _n) in files.items()} | dict(texts or {})
    write_folder(output, contents, ledger_root=protect)
    return {name: count for name, (_data, count) in files.items()}
