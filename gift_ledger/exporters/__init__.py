"""Exports of a valid ledger: a name -> exporter registry, one module per format.

An exporter writes the loaded ledger, as the export options say, into what it is given: a
binary stream for a one-document format (`DocumentFormat`), a new empty folder for a
folder format (`FolderFormat`). It writes a record or a row at a time, so that an export
never holds its whole output beside the ledger, and it reads no files. `export_ledger`
validates; the `Export` it gives back is made only as it is written: `write_output` puts
it in place atomically, `stream_output` writes a document into a stream such as stdout.
A new format is one module here and one line in `EXPORTERS`, which imports the module
only when the format is used; the CLI's choices come from `EXPORTERS`::

    result = export_ledger(Path("records"), "jsonld")
    if result.output is not None:  # None: the ledger has errors, see result.report
        write_output(result.output, Path("ledger.jsonld"), ledger_root=Path("records"))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass, replace
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar

from ..errors import OutputError
from ..speed import collector_paused
from .options import DEFAULT_BASE, ExportError, ExportOptions

if TYPE_CHECKING:
    from ..diagnostics import Report
    from ..validate import LoadedLedger, Progress

__all__ = [
    "DEFAULT_BASE",
    "EXPORTERS",
    "DocumentFormat",
    "Export",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Exporter",
    "FolderFormat",
    "export_ledger",
    "get_exporter",
    "stream_output",
    "write_output",
]


def _load(module: str, name: str) -> Any:
    """A name from one of the format modules, imported on first use (they build the models)."""
    return getattr(import_module(f"{__name__}.{module}"), name)


def _lazy(module: str, function: str = "write") -> Callable[..., None]:
    """The format module's write function, imported when the format is first written."""

    def write(*args: Any) -> None:
        _load(module, function)(*args)

    return write


class _FilesOf(Set[str]):
    """A format module's ``FILES``, imported when first asked."""

    def __init__(self, module: str) -> None:
        self.module = module

    def _files(self) -> Set[str]:
        return _load(self.module, "FILES")  # type: ignore[no-any-return]

    def __contains__(self, name: object) -> bool:
        return name in self._files()

    def __iter__(self) -> Iterator[str]:
        return iter(self._files())

    def __len__(self) -> int:
        return len(self._files())


@dataclass(frozen=True, slots=True)
class DocumentFormat:
    """A format that is one document, which `write` writes into a binary stream.

    `title` names the format in a sentence ("JSON-LD"). A `binary` document (a database, a
    workbook) is written to a file, never to a terminal.
    """

    write: Callable[[LoadedLedger, ExportOptions, BinaryIO], None]
    title: str = ""
    binary: bool = False
    writes_folder: ClassVar[bool] = False


@dataclass(frozen=True, slots=True)
class FolderFormat:
    """A format that is a folder of files, which `write` writes into a new, empty folder.

    `files` names every file it writes: an existing folder that holds nothing else is a
    previous export, which an export may replace.
    """

    write: Callable[[LoadedLedger, ExportOptions, Path], None]
    files: Set[str]
    title: str = ""
    writes_folder: ClassVar[bool] = True


Exporter = DocumentFormat | FolderFormat

EXPORTERS: dict[str, Exporter] = {
    "jsonld": DocumentFormat(_lazy("jsonld"), "JSON-LD"),
    "csv": DocumentFormat(_lazy("flat_csv"), "CSV"),
    "csv-gifts": DocumentFormat(_lazy("gift_table"), "CSV of gifts"),
    "datapackage": FolderFormat(_lazy("datapackage"), _FilesOf("datapackage"), "a Data Package"),
    "json": DocumentFormat(_lazy("json", "write_json"), "JSON"),
    "ndjson": DocumentFormat(_lazy("json", "write_ndjson"), "NDJSON"),
    "sqlite": DocumentFormat(_lazy("database"), "SQLite", binary=True),
    "xlsx": DocumentFormat(_lazy("workbook"), "Excel", binary=True),
}
"""Format name -> its exporter, whose module is imported when it is first used. The CLI's
choices and help are made from it."""


@dataclass(frozen=True, slots=True)
class Export:
    """A valid ledger and how to export it, made only as it is written.

    `write_output` and `stream_output` write it a piece at a time as it is made, so that
    the whole export is never in memory.
    """

    exporter: Exporter
    loaded: LoadedLedger
    options: ExportOptions


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The validation report, and the export: None when the ledger has errors."""

    report: Report
    output: Export | None


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
    """Validate the ledger below root and, when it has no errors, get it ready to export.

    Warnings do not stop an export. Without a base in options, the base of the records'
    IRIs is the ledger manifest's, else `DEFAULT_BASE`. Nothing is written yet, so a ledger
    with errors never writes a byte. The same ledger always gives the same bytes.
    """
    from ..validate import load_ledger

    exporter = get_exporter(format_name)
    loaded = load_ledger(root, progress)
    if loaded.report.errors:
        return ExportResult(loaded.report, None)
    options = options or ExportOptions()
    if options.base is None and loaded.manifest is not None:
        options = replace(options, base=loaded.manifest.base)
    return ExportResult(loaded.report, Export(exporter, loaded, options))


def write_output(output: Export, path: Path, *, ledger_root: Path) -> None:
    """Put an export at path whole or not at all; never inside the ledger folder."""
    from ..writing import fill_file, fill_folder

    exporter = output.exporter
    with collector_paused():
        if isinstance(exporter, FolderFormat):
            write_files = partial(exporter.write, output.loaded, output.options)
            fill_folder(path, exporter.files, write_files, ledger_root=ledger_root)
        else:
            write_bytes = partial(exporter.write, output.loaded, output.options)
            fill_file(path, write_bytes, ledger_root=ledger_root)


def stream_output(output: Export, stream: BinaryIO) -> None:
    """Write a one-document export into stream as it is made (stdout, say).

    Unlike `write_output`, a failure part way leaves what was written so far.
    """
    exporter = output.exporter
    if isinstance(exporter, FolderFormat):
        raise OutputError("a folder export cannot be written to a stream: give it a path")
    with collector_paused():
        exporter.write(output.loaded, output.options, stream)
