"""Writing JSON and CSV into a binary stream piece by piece: the bytes of the whole at once.

An export is written a record or a row at a time as it is made, so that it never holds the
whole document beside the loaded ledger (which nearly doubled an export's peak memory).
The pieces join into exactly the bytes that dumping the whole document at once gives, so
the exports stay byte-identical to what they were.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

import orjson

from ..tables.values import Cell

__all__ = ["CsvTable", "indented_json", "write_json_array"]

_INDENT = b"  "


def indented_json(value: Any, level: int) -> bytes:
    """value as orjson's OPT_INDENT_2 writes it when nested `level` deep in a document.

    orjson has no base indentation. It escapes every line feed inside a string, so its
    raw line feeds are all between tokens: indenting after each of them is exact.
    """
    dumped = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    return dumped.replace(b"\n", b"\n" + _INDENT * level) if level else dumped


def write_json_array(stream: BinaryIO, items: Iterable[Any], level: int = 0) -> None:
    """Write items as the JSON array OPT_INDENT_2 makes `level` deep, one item at a time.

    Each item is dumped nested in arrays as deep as the document has it, which indents it
    as the document does: what lies between those brackets is written as it is.
    """
    inner = _INDENT * (level + 1)
    opening = b"".join(b"[\n" + _INDENT * (depth + 1) for depth in range(level + 1))
    closing = b"".join(b"\n" + _INDENT * depth + b"]" for depth in reversed(range(level + 1)))
    first, separator = b"[\n" + inner, b",\n" + inner
    empty = True
    for item in items:
        document: Any = [item]
        for _ in range(level):
            document = [document]
        dumped = orjson.dumps(document, option=orjson.OPT_INDENT_2)
        stream.write(first if empty else separator)
        stream.write(memoryview(dumped)[len(opening) : len(dumped) - len(closing)])
        empty = False
    stream.write(b"[]" if empty else b"\n" + _INDENT * level + b"]")


class CsvTable:
    """An RFC 4180 table written a row at a time.

    UTF-8, CRLF line ends, quotes only where needed, None as an empty cell.
    """

    def __init__(self, stream: BinaryIO, header: Sequence[str]) -> None:
        self._writer = csv.writer(
            _Utf8Text(stream), lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
        )
        self._writer.writerow(header)

    def write(self, row: Iterable[Cell]) -> None:
        """Write one row below those written before."""
        self._writer.writerow(row)  # the csv module writes None as an empty cell


class _Utf8Text:
    """A binary stream as the text file the csv module writes to.

    Not `io.TextIOWrapper`: that closes the stream it wraps when it is dropped, and the
    stream (stdout, or a temporary file still to be flushed and fsynced) is not ours.
    """

    __slots__ = ("_stream",)

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, text: str) -> None:
        self._stream.write(text.encode("utf-8"))
