"""What the checks across records share: their type, and how they say where a problem is."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from ..diagnostics import Code, Diagnostic, Place, Severity, pointer_of
from ..ledger import Entry, Ledger
from .texts import SourceTexts

__all__ = ["Check", "at", "each", "error", "place", "warning"]

Check = Callable[[Ledger, SourceTexts], Iterable[Diagnostic]]
_T = TypeVar("_T")


def at(entry: Entry, *parts: str | int) -> tuple[Entry, str]:
    return entry, entry.pointer + pointer_of(parts)


def _diag(
    where: tuple[Entry, str],
    code: Code,
    severity: Severity,
    message: str,
    related: tuple[Place, ...] = (),
    *,
    details: tuple[tuple[str, str], ...] = (),
) -> Diagnostic:
    entry, pointer = where
    return Diagnostic(
        entry.file, pointer, code, severity, message, related=related, details=details
    )


def error(
    where: tuple[Entry, str],
    code: Code,
    message: str,
    related: tuple[Place, ...] = (),
    *,
    details: tuple[tuple[str, str], ...] = (),
) -> Diagnostic:
    return _diag(where, code, Severity.ERROR, message, related, details=details)


def warning(
    where: tuple[Entry, str], code: Code, message: str, related: tuple[Place, ...] = ()
) -> Diagnostic:
    return _diag(where, code, Severity.WARNING, message, related)


def each(values: tuple[_T, ...] | None) -> Iterator[tuple[int, _T]]:
    """Each element with its index, but those that failed validation (None)."""
    for i, value in enumerate(values or ()):
        if value is not None:
            yield i, value


def place(entry: Entry, *parts: str | int) -> Place:
    return Place(entry.file, entry.pointer + pointer_of(parts))
