"""The published JSON Schema (Draft 2020-12), generated from the models.

`schema/record-file.schema.json` accepts exactly the files a ledger may hold: one record
or a list of records. Editors use it through a yaml-language-server ``$schema`` comment,
and other tools (check-jsonschema) can check record files with it. Checks across records
(references, quotes) are beyond any JSON Schema: only `ledger validate` makes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .models import Record

__all__ = ["SCHEMA_FILES", "generate_schemas", "stale_schemas", "write_schemas"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
RECORD_FILE = "record-file.schema.json"
SCHEMA_FILES = (RECORD_FILE,)


def record_file_schema() -> dict[str, Any]:
    """The schema of a record file: a record, or a list of records."""
    record = TypeAdapter(Record).json_schema(ref_template="#/$defs/{model}")
    definitions = record.pop("$defs")
    definitions["Record"] = record
    return {
        "$schema": DRAFT,
        "title": "gift-ledger record file",
        "description": "One gift-ledger record (actor, source, gift or agreement) or a list of "
        "them. Generated from the gift_ledger models by `ledger schema`: do not edit.",
        "oneOf": [
            {"$ref": "#/$defs/Record"},
            {"type": "array", "items": {"$ref": "#/$defs/Record"}, "minItems": 1},
        ],
        "$defs": dict(sorted(definitions.items())),
    }


def generate_schemas() -> dict[str, str]:
    """Each published schema file's name and its exact text."""
    return {RECORD_FILE: json.dumps(record_file_schema(), indent=2, ensure_ascii=False) + "\n"}


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into folder (created if needed); return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[Path]:
    """The schema files in folder that are missing or differ from what the models generate."""
    stale = []
    for name, text in generate_schemas().items():
        path = folder / name
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            stale.append(path)
    return stale
