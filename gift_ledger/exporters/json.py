"""The records as plain JSON, for jq and pipelines: one document (json) or one line each (ndjson).

Each record is its fields as the record contract names them, in reading order, with
`type` and `id` first and `notes` last. Absent optional values are left out; lists are
always there, empty or not. Dates stay the EDTF text that was written, and beside each
date field ``<field>_earliest`` and ``<field>_latest`` give its first and last possible
day (YYYY-MM-DD), left out where the date is open at that end. A citation of a source with
an archived text also has ``text_sha256`` and ``segments``: where its quote is in the text
(see `gift_ledger.anchors`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import orjson
from pydantic import BaseModel

from ..anchors import Anchors, fields
from ..edtf import EDTFDate
from ..models import Agreement, Gift
from ..tables.values import day
from ..validate import LoadedLedger
from .options import ExportOptions
from .streams import write_json_array

__all__ = ["normalized", "write_json", "write_ndjson"]

_FIRST = ("type", "id")
_LAST = ("notes",)


def normalized(record: BaseModel) -> dict[str, Any]:
    """A record as JSON-ready values, with the earliest and latest day of each date."""
    dumped = record.model_dump(mode="json", exclude_none=True)
    with_spans = _with_spans(record, dumped)
    ordered = {key: with_spans[key] for key in _FIRST if key in with_spans}
    ordered.update((k, v) for k, v in with_spans.items() if k not in _FIRST and k not in _LAST)
    ordered.update((key, with_spans[key]) for key in _LAST if key in with_spans)
    return ordered


def _with_spans(model: BaseModel, dumped: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in dumped.items():
        attribute = getattr(model, key, None)
        if isinstance(attribute, BaseModel):
            result[key] = _with_spans(attribute, value)
        elif isinstance(attribute, tuple) and isinstance(value, list):  # not one id as text
            result[key] = [
                _with_spans(member, item) if isinstance(member, BaseModel) else item
                for member, item in zip(attribute, value, strict=True)
            ]
        else:
            result[key] = value
        if isinstance(attribute, EDTFDate):
            for end in ("earliest", "latest"):
                found = day(attribute, end)
                if found is not None:
                    result[f"{key}_{end}"] = found
    return result


def _records(loaded: LoadedLedger) -> Iterator[dict[str, Any]]:
    anchors = Anchors(loaded)
    for entry in loaded.ledger.entries:
        found = normalized(entry.record)
        if isinstance(entry.record, Gift | Agreement):  # where each quote is in its source
            for citation, dumped in zip(entry.record.sources, found["sources"], strict=True):
                anchor = anchors.of(citation)
                if anchor is not None:
                    dumped.update(fields(anchor))
        yield found


def write_json(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
    """One JSON array of every record, indented, ending with a newline; a record at a time."""
    write_json_array(stream, _records(loaded))
    stream.write(b"\n")


def write_ndjson(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
    """One record per line (newline-delimited JSON), each line a compact JSON object."""
    for record in _records(loaded):
        stream.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
