"""Turn the values read from a record file into typed records, or located diagnostics.

A file holds one record (a mapping) or a list of them. Each record is validated on its
own, so one bad record never hides the others, and a record that fails is kept field by
field (`judge`), so that its valid fields still take part in the checks across records.
Pydantic's errors become diagnostics with the ledger's codes and messages that say what to
write instead ("did you mean ...?").
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Code, Diagnostic, Severity, did_you_mean, pointer_of
from .judge import judged, model_in
from .ledger import Entry
from .models import FIELD_HINTS, RECORD_MODELS, REFERENCE_HINT, RecordType
from .references import REFERENCE_KEYS, REFERENCES

__all__ = ["Built", "build_records"]

_TYPES = ", ".join(t.value for t in RecordType)


@dataclass
class Built:
    """What one file gave: valid records, problems, and the ids of records that failed."""

    entries: list[Entry] = field(default_factory=list)
    """Records in reading order: the valid ones, and the partial ones (see `judge`)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rejected_ids: list[str] = field(default_factory=list)
    rejected_references: set[str] = field(default_factory=set)
    """Ids that the failed records mention, so that what they refer to is not "unreferenced"."""
    read: int = 0
    """Records read, valid or not."""


def build_records(file: Path, value: Any) -> Built:
    """Validate every record in a file's top-level value; return records and problems."""
    built = Built()
    entries, diagnostics, rejected = built.entries, built.diagnostics, built.rejected_ids
    if isinstance(value, dict):
        candidates: list[tuple[str, Any]] = [("", value)]
    elif isinstance(value, list):
        candidates = [(f"/{i}", item) for i, item in enumerate(value)]
    elif value is None:
        diagnostics.append(
            _error(file, "", "empty-file", "the file holds no record: add one or delete the file")
        )
        return built
    else:
        diagnostics.append(
            _error(
                file,
                "",
                "not-a-record",
                "a record file holds a record (a mapping) or a list of records",
            )
        )
        return built

    built.read = len(candidates)
    for pointer, raw in candidates:
        if not isinstance(raw, dict):
            diagnostics.append(
                _error(
                    file,
                    pointer,
                    "not-a-record",
                    "each item of the list must be a record (a mapping with type and id)",
                )
            )
            continue
        # The type picks the model, as a discriminated union would; a union adapter costs
        # 50 ms to build at start-up and gives nothing more.
        given = raw.get("type")
        model = RECORD_MODELS.get(given) if isinstance(given, str) else None
        if model is None:
            diagnostics.append(_type_problem(file, pointer, raw))
        else:
            try:
                entries.append(Entry(model.model_validate(raw), file, pointer))
                continue
            except ValidationError as e:
                diagnostics.extend(_translate(file, pointer, raw, e, model))
                failed = [tuple(err["loc"]) for err in e.errors(include_url=False)]
                entries.append(Entry(judged(model, raw, failed), file, pointer, complete=False))
        if isinstance(raw.get("id"), str):
            rejected.append(raw["id"])
        built.rejected_references.update(_raw_references(raw))
    return built


def _raw_references(raw: dict[str, Any]) -> Iterator[str]:
    """The ids an unvalidated record mentions, as far as they can be made out."""
    for reference in REFERENCES:
        yield from reference.raw_ids(raw)


def _error(
    file: Path, pointer: str, code: Code, message: str, *, on_key: bool = False
) -> Diagnostic:
    return Diagnostic(file, pointer, code, Severity.ERROR, message, on_key=on_key)


def _translate(
    file: Path, base: str, raw: dict[str, Any], error: ValidationError, model: type[BaseModel]
) -> Iterator[Diagnostic]:
    errors = error.errors(include_url=False)
    locs = [tuple(e["loc"]) for e in errors]
    misspelt = _misspelt_required(errors)
    for err, loc in zip(errors, locs, strict=True):
        kind = err["type"]
        if kind == "missing" and loc in misspelt:
            continue  # the unknown key's "did you mean" already names it
        # A list that fails only because one of its items failed says so twice: keep one.
        if kind == "too_short" and any(
            other[: len(loc)] == loc and len(other) > len(loc) for other in locs
        ):
            continue
        yield _field_problem(file, base, loc, err, model)


def _misspelt_required(errors: list[Any]) -> set[tuple[Any, ...]]:
    """Missing fields whose name an unknown key at the same place nearly spells."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    misspelt = set()
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        *parent, key = err["loc"]
        names = [str(loc[-1]) for loc in missing if list(loc[:-1]) == parent]
        close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
        if close:
            misspelt.add((*parent, close[0]))
    return misspelt


def _type_problem(file: Path, base: str, raw: dict[str, Any]) -> Diagnostic:
    given = raw.get("type")
    if given is None:
        return _error(file, base, "missing-field", f"the record has no 'type': add one of {_TYPES}")
    hint = did_you_mean(str(given), [t.value for t in RecordType])
    return _error(
        file,
        base + "/type",
        "invalid-value",
        f"'type' must be one of {_TYPES}, not {given!r}{hint}",
    )


def _field_problem(
    file: Path, base: str, path: tuple[Any, ...], err: Any, model: type[BaseModel] | None
) -> Diagnostic:
    kind: str = err["type"]
    pointer = base + pointer_of(path)
    name = _field_name(path)
    if kind == "extra_forbidden":
        key = str(path[-1])
        fields = _field_names(model, path[:-1])
        hint = did_you_mean(key, fields)
        allowed = "" if hint else f" (allowed here: {', '.join(fields)})"
        return _error(
            file, pointer, "unknown-field", f"unknown field {key!r}{hint}{allowed}", on_key=True
        )
    if kind == "missing":
        parent = base + pointer_of(path[:-1])
        return _error(file, parent, "missing-field", f"missing required field {name!r}")
    if kind == "enum":
        choices = [str(c) for c in _enum_choices(model, path)]
        given = err.get("input")
        hint = did_you_mean(str(given), choices)
        return _error(
            file, pointer, "invalid-value",
            f"{name!r} must be one of {', '.join(choices)}, not {given!r}{hint}",
        )  # fmt: skip
    if kind == "string_pattern_mismatch":
        field = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
        hint = FIELD_HINTS.get(field) or (
            REFERENCE_HINT if field in REFERENCE_KEYS else "text that is not blank"
        )
        return _error(
            file, pointer, "invalid-value", f"{name!r} must be {hint}, not {err.get('input')!r}"
        )
    if kind in _MODEL_CODES:  # raised by the models
        return _error(
            file, pointer, _MODEL_CODES[kind], f"{name!r}: {err['msg']}" if path else err["msg"]
        )
    if kind in ("string_too_long", "too_long"):
        limit, given = err["ctx"]["max_length"], err.get("input")
        unit = "characters" if isinstance(given, str) else "entries"
        length = len(given) if isinstance(given, str | list | tuple) else "more"
        return _error(
            file, pointer, "too-long", f"{name!r} is {length} {unit}, more than the {limit} allowed"
        )
    if kind == "string_too_short":
        return _error(file, pointer, "invalid-value", f"{name!r} must not be empty")
    if kind == "too_short":
        least = err["ctx"]["min_length"]
        return _error(file, pointer, "invalid-value", f"{name!r} needs at least {least} entries")
    if kind in _EXPECTED:
        given = _describe(err.get("input"))
        return _error(
            file, pointer, "invalid-value", f"{name!r} must be {_EXPECTED[kind]}, not {given}"
        )
    return _error(file, pointer, "invalid-value", f"{name!r}: {err['msg']}")


def _field_name(path: tuple[Any, ...]) -> str:
    """The field a message names, as its path in the record: `items[0].category`."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else f".{part}" if name else str(part)
    return name or "record"


_MODEL_CODES: dict[str, Code] = {
    "invalid-date": "invalid-date",
    "invalid-value": "invalid-value",
    "missing-field": "missing-field",
}
"""The codes the models raise themselves (PydanticCustomError), which pass through."""

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "tuple_type": "a list",
    "model_type": "a mapping",
    "dict_type": "a mapping",
    "model_attributes_type": "a mapping",
}
"""What a value of the wrong type should have been, by pydantic's error type."""


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _model_at(model: type[BaseModel] | None, path: Sequence[Any]) -> type[BaseModel] | None:
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        model = model_in(field.annotation) if field else None
    return model


def _field_names(model: type[BaseModel] | None, path: Sequence[Any]) -> list[str]:
    target = _model_at(model, path)
    return list(target.model_fields) if target else []


def _enum_choices(model: type[BaseModel] | None, path: Sequence[Any]) -> list[str]:
    names = [p for p in path if isinstance(p, str)]
    parent = _model_at(model, list(path[:-1]) if not isinstance(path[-1], int) else path[:-2])
    if parent is None or not names:
        return []
    field = parent.model_fields.get(names[-1])
    enum = _enum_in(field.annotation) if field else None
    return [member.value for member in enum] if enum else []


def _enum_in(annotation: Any) -> type[Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _enum_in(arg)
            if found is not None:
                return found
    return None
