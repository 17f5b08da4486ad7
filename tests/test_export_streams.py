"""Exports are written a piece at a time, yet are the bytes of the whole written at once."""

from __future__ import annotations

import csv
import errno
import io
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from gift_ledger.errors import OutputError
from gift_ledger.exporters import (
    EXPORTERS,
    DocumentFormat,
    Export,
    ExportOptions,
    FolderFormat,
    stream_output,
    write_output,
)
from gift_ledger.exporters.datapackage import DESCRIPTOR, FILES
from gift_ledger.exporters.streams import write_json_array
from gift_ledger.models import Gift
from gift_ledger.tables.package import ARCHIVE
from gift_ledger.validate import LoadedLedger, load_ledger
from gift_ledger.writing import MARKER

from .conftest import CASES
from .export_support import EVERY_FIELD, RECORDS, export

LEDGERS = [RECORDS, *sorted((CASES / "valid").iterdir())]

_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from('\n\r\t\u2028"\\{}[],: '))
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@given(st.lists(_JSON, max_size=5), st.integers(min_value=0, max_value=3))
def test_an_array_written_item_by_item_is_the_array_dumped_whole(
    items: list[Any], level: int
) -> None:
    stream = io.BytesIO()
    write_json_array(stream, iter(items), level)
    document: Any = items
    for _ in range(level):
        document = [document]
    opening = b"".join(b"[\n" + b"  " * (depth + 1) for depth in range(level))
    closing = b"".join(b"\n" + b"  " * depth + b"]" for depth in reversed(range(level)))
    whole = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    assert opening + stream.getvalue() + closing == whole


@pytest.mark.parametrize("ledger", LEDGERS, ids=lambda path: path.name)
def test_json_exports_are_their_documents_dumped_whole(runner: CliRunner, ledger: Path) -> None:
    for format_name in ("jsonld", "json"):
        streamed = export(runner, ledger, "--format", format_name).stdout_bytes
        whole = orjson.dumps(orjson.loads(streamed), option=orjson.OPT_INDENT_2) + b"\n"
        assert streamed == whole, format_name
    lines = export(runner, ledger, "--format", "ndjson").stdout_bytes
    assert lines == b"".join(
        orjson.dumps(orjson.loads(line)) + b"\n" for line in lines.splitlines()
    )


@pytest.mark.parametrize("ledger", LEDGERS, ids=lambda path: path.name)
def test_csv_exports_are_their_tables_written_whole(
    runner: CliRunner, tmp_path: Path, ledger: Path
) -> None:
    streamed = export(runner, ledger, "--format", "csv").stdout_bytes
    assert streamed == _table_written_whole(streamed)
    package = tmp_path / "package"
    assert export(runner, ledger, "--format", "datapackage", "--output", package).exit_code == 0
    assert {path.name for path in package.iterdir()} == {*FILES, MARKER}
    for table in (package / name for name in FILES - {DESCRIPTOR, ARCHIVE}):
        assert table.read_bytes() == _table_written_whole(table.read_bytes()), table.name


def _table_written_whole(data: bytes) -> bytes:
    """The rows of a CSV table written at once, as the CSV exports used to be made."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    return buffer.getvalue().encode("utf-8")


class _Recording(io.BytesIO):
    """A stream that remembers how much each write brought."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[int] = []

    def write(self, data: Any) -> int:
        self.writes.append(len(data))
        return super().write(data)


@pytest.mark.parametrize(
    "format_name",
    [name for name, e in EXPORTERS.items() if isinstance(e, DocumentFormat) and not e.binary],
)
def test_a_document_reaches_its_stream_a_record_at_a_time(format_name: str) -> None:
    loaded = load_ledger(RECORDS)
    stream = _Recording()
    stream_output(Export(EXPORTERS[format_name], loaded, ExportOptions()), stream)
    gift_items = sum(len(gift.items) for gift, _entry in loaded.ledger.of_type(Gift))
    gifts = len(list(loaded.ledger.of_type(Gift)))
    pieces = {"csv": gift_items, "csv-gifts": gifts}.get(format_name, len(loaded.ledger.entries))
    assert len(stream.writes) >= pieces
    assert max(stream.writes) < len(stream.getvalue()) / 4


def test_a_folder_export_cannot_go_to_a_stream() -> None:
    package = Export(EXPORTERS["datapackage"], load_ledger(EVERY_FIELD), ExportOptions())
    with pytest.raises(OutputError, match="give it a path"):
        stream_output(package, io.BytesIO())


_FAILURES = [
    (OSError(errno.ENOSPC, "No space left on device"), OutputError),
    (RuntimeError("a bug in an exporter"), RuntimeError),
]


@pytest.mark.parametrize(("failure", "raised"), _FAILURES)
def test_a_file_export_that_fails_part_way_leaves_the_target_as_it_was(
    tmp_path: Path, failure: Exception, raised: type[Exception]
) -> None:
    def fail(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
        stream.write(b"the first part of an export\n")
        raise failure

    out = tmp_path / "ledger.jsonld"
    out.write_bytes(b"the previous export\n")
    failing = Export(DocumentFormat(fail), load_ledger(EVERY_FIELD), ExportOptions())
    with pytest.raises(raised, match=str(failure.args[-1])):
        write_output(failing, out, ledger_root=EVERY_FIELD)
    assert out.read_bytes() == b"the previous export\n"
    assert [path.name for path in tmp_path.iterdir()] == ["ledger.jsonld"]


@pytest.mark.parametrize(("failure", "raised"), _FAILURES)
def test_a_folder_export_that_fails_part_way_leaves_the_target_as_it_was(
    tmp_path: Path, failure: Exception, raised: type[Exception]
) -> None:
    def fail(loaded: LoadedLedger, options: ExportOptions, folder: Path) -> None:
        (folder / DESCRIPTOR).write_bytes(b"{}\n")
        raise failure

    out = tmp_path / "package"
    out.mkdir()
    (out / DESCRIPTOR).write_bytes(b"the previous export\n")
    (out / MARKER).write_bytes(b"")
    failing = Export(FolderFormat(fail, FILES), load_ledger(EVERY_FIELD), ExportOptions())
    with pytest.raises(raised, match=str(failure.args[-1])):
        write_output(failing, out, ledger_root=EVERY_FIELD)
    assert [path.name for path in tmp_path.iterdir()] == ["package"]
    assert {path.name: path.read_bytes() for path in out.iterdir()} == {
        DESCRIPTOR: b"the previous export\n",
        MARKER: b"",
    }
