"""A table of the data package as a Table Schema: its columns, their constraints and keys.

`gift_ledger.tables.package` declares the ledger's tables with these; each gives its own
part of ``datapackage.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Column", "ForeignKey", "Table"]

ForeignKey = tuple[tuple[str, ...], str, tuple[str, ...]]
"""(fields, referenced table, referenced fields)."""


@dataclass(frozen=True, slots=True)
class Column:
    """A field of a table: its name, Table Schema type and constraints."""

    name: str
    type: str = "string"
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    description: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    exclusive_minimum: int | None = None
    exclusive_maximum: int | None = None
    max_length: int | None = None

    def descriptor(self) -> dict[str, Any]:
        described: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.description:
            described["description"] = self.description
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern.removeprefix("^").removesuffix("$")
        for key, value in (
            ("minimum", self.minimum),
            ("maximum", self.maximum),
            ("exclusiveMinimum", self.exclusive_minimum),
            ("exclusiveMaximum", self.exclusive_maximum),
            ("maxLength", self.max_length),
        ):
            if value is not None:
                constraints[key] = value
        if constraints:
            described["constraints"] = constraints
        return described


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the package: its columns, keys and what it describes."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    row_rules: tuple[str, ...] = ()
    """Formulas every row must satisfy (Frictionless ``row-constraint``), for rules between
    columns that a Table Schema cannot say. Written without spaces or ``=``, so that they
    pass whole through ``frictionless validate --checks``."""
    derived: bool = False
    """Made by the export from more than the records (the archived texts): not imported."""

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [column.descriptor() for column in self.columns],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fields), "reference": {"resource": table, "fields": list(ref)}}
                for fields, table, ref in self.foreign_keys
            ]
        return {
            "name": self.name,
            "type": "table",
            "path": f"{self.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": self.description,
            "schema": schema,
        }
