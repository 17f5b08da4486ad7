"""Exports of a valid ledger: a name -> exporter registry, one module per format.

An exporter is a pure function of the loaded ledger and the export options: it returns
the bytes of one document, or for a folder format the files of the folder (name ->
bytes). It reads no files and writes none; `write_output` puts the result in place
atomically. A new format is one module here and one line in `EXPORTERS`::

    result = export_ledger(Path("records"), "jsonld")
    if result.output is not None:
        write_output(result.output, Path("ledger.jsonld"), ledger_root=Path("records"))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from ..gcpause import collector_paused
from ..validate import LoadedLedger, Progress, load_ledger
from . import datapackage, jsonld, records, table
from .options import DEFAULT_BASE, ExportError, ExportOptions
from .writing import write_file, write_folder

__all__ = [
    "DEFAULT_BASE",
    "EXPORTERS",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Exporter",
    "Output",
    "export_ledger",
    "get_exporter",
    "write_output",
]

Output = bytes | Mapping[str, bytes]
"""One document's bytes, or a folder's files: name -> bytes."""


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: how to render it, and whether it is a folder of files."""

    render: Callable[[LoadedLedger, ExportOptions], Output]
    writes_folder: bool = False


EXPORTERS: dict[str, Exporter] = {
    "jsonld": Exporter(jsonld.render),
    "csv": Exporter(table.render),
    "datapackage": Exporter(datapackage.render, writes_folder=True),
    "json": Exporter(records.render_json),
    "ndjson": Exporter(records.render_ndjson),
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The validation report, and the export: None when the ledger has errors."""

    report: Report
    output: Output | None


def get_exporter(name: str) -> Exporter:
    """The exporter registered under name; ExportError names the formats there are."""
    try:
        return EXPORTERS[name]
    except KeyError:
        choices = ", ".join(EXPORTERS)
        raise ExportError(f"unknown export format {name!r}: choose one of {choices}") from None


def export_ledger(
    root: Path,
    format_name: str,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Validate the ledger below root and, when it has no errors, export it.

    Warnings do not stop an export. The same ledger always gives the same bytes.
    """
    exporter = get_exporter(format_name)
    loaded = load_ledger(root, progress)
    if loaded.report.errors:
        return ExportResult(loaded.report, None)
    with collector_paused():
        output = exporter.render(loaded, options or ExportOptions())
    return ExportResult(loaded.report, output)


def write_output(output: Output, path: Path, *, ledger_root: Path) -> None:
    """Put an export at path whole or not at all; never inside the ledger folder."""
    if isinstance(output, bytes):
        write_file(path, output, ledger_root=ledger_root)
    else:
        write_folder(path, output, ledger_root=ledger_root)
