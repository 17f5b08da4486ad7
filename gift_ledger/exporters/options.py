"""What an export may be told, and the error for an export that cannot be made as asked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import LedgerError
from ..vocab import IRI_BASE_PATTERN
from .iris import base_problem

__all__ = ["DEFAULT_BASE", "ExportError", "ExportOptions"]

DEFAULT_BASE = "https://w3id.org/gift-ledger/id/"
"""Records' IRIs in the JSON-LD export are this base followed by their id."""

_BASE_PATTERN = re.compile(IRI_BASE_PATTERN)


class ExportError(LedgerError):
    """An export that cannot be made as asked: an unknown format, a bad base IRI."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The options of an export: the base of the records' IRIs (used by jsonld).

    Without a base, `export_ledger` takes the ledger manifest's, else `DEFAULT_BASE`.
    """

    base: str | None = None

    @property
    def record_base(self) -> str:
        """The base of the records' IRIs: the one given, else `DEFAULT_BASE`."""
        return self.base or DEFAULT_BASE

    def __post_init__(self) -> None:
        if self.base is None:
            return
        if not _BASE_PATTERN.fullmatch(self.base):
            raise ExportError(
                f"base IRI {self.base!r} is not an absolute IRI ending in '/', '#' or ':', "
                f"e.g. {DEFAULT_BASE}"
            )
        problem = base_problem(self.base)
        if problem is not None:
            raise ExportError(f"base IRI {self.base!r} is not a valid IRI: {problem}")
