"""A record that failed validation, judged field by field: its valid fields kept.

The contract reports every problem in one run, as far as each can be judged. A record with
an invalid date still has a giver, items and quotes that the checks across records can look
at, so `build` keeps such a record as a *partial* one: each field that passed is its
validated value, and each field that failed is treated as absent, that is its default when
it has one and None when it is required. Lists keep their length, a failed element being a
partial element (a mapping) or None (a value), so that every pointer still names the place
in the file. The checks skip what is absent; a partial record is never exported.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

__all__ = ["judged", "model_in"]

Loc = tuple[int | str, ...]


def judged(model: type[BaseModel], raw: dict[str, Any], failed: Sequence[Loc]) -> BaseModel:
    """The record `raw` as `model`, keeping the fields that no failed location is under."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in raw:
            continue
        # A list whose element failed is also "too short" by the count of valid elements:
        # that is about its parts, so only the parts are left out.
        inside = [loc[1:] for loc in failed if loc and loc[0] == name]
        if not inside:
            kept = _validated(model, name, raw[name])
        elif inside == [()] * len(inside):  # the value as a whole, not only a part of it
            kept = _ABSENT
        else:
            kept = _kept_in(info.annotation, raw[name], inside)
        if kept is not _ABSENT:
            values[name] = kept
    for name, info in model.model_fields.items():
        if name not in values and info.is_required():
            values[name] = None
    return model.model_construct(**values)


_ABSENT = object()


def _validated(model: type[BaseModel], name: str, value: Any) -> Any:
    try:
        return _adapter(model, name).validate_python(value)
    except ValidationError:  # valid within the record only (none such yet): leave it out
        return _ABSENT


@functools.cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


@functools.cache
def _element_adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _kept_in(annotation: Any, value: Any, failed: list[Loc]) -> Any:
    """What is valid of a field whose value failed somewhere inside it."""
    submodel = model_in(annotation)
    if isinstance(value, dict) and submodel is not None:
        return judged(submodel, value, failed)
    element = _element_of(annotation)
    if not isinstance(value, list) or element is None:
        return _ABSENT
    kept = []
    for i, item in enumerate(value):
        inside = [loc[1:] for loc in failed if loc and loc[0] == i]
        if not inside:
            kept.append(_element_adapter(element).validate_python(item))
        elif submodel is not None and isinstance(item, dict) and () not in inside:
            kept.append(judged(submodel, item, inside))
        else:
            kept.append(None)
    return tuple(kept)


def _element_of(annotation: Any) -> Any:
    """The element type of a `tuple[X, ...]` field (under Optional), or None."""
    if typing.get_origin(annotation) is tuple:
        args = typing.get_args(annotation)
        return args[0] if len(args) == 2 and args[1] is Ellipsis else None
    for arg in typing.get_args(annotation):
        found = _element_of(arg)
        if found is not None:
            return found
    return None


def model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = model_in(arg)
        if found is not None:
            return found
    return None
