"""One type for every problem the ledger finds, from reading a file to checks across records.

Problems are data: every stage yields `Diagnostic` values and the run goes on, so that one
report shows everything at once. A diagnostic names its file and a JSON pointer into it;
the line and column are filled in from the file's positions (see `gift_ledger.locate`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Literal

from .escape import escape_path

__all__ = [
    "CODES",
    "Code",
    "Diagnostic",
    "Place",
    "Report",
    "Severity",
    "did_you_mean",
    "escape_pointer_token",
    "pointer_of",
]


class Severity(StrEnum):
    """Errors fail validation; warnings fail it only under --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Place:
    """A value in a record file: a JSON pointer and, once located, its line and column."""

    file: Path
    pointer: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        file = escape_path(self.file)
        if self.line is None:
            return f"{file}#{self.pointer}" if self.pointer else file
        return f"{file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located problem: where it is, what rule it breaks, and what to do about it."""

    file: Path
    pointer: str
    """JSON pointer (RFC 6901) from the top of the file to the value concerned."""
    code: Code
    severity: Severity
    message: str
    line: int | None = None
    """1-based; None until located (or when the file cannot be parsed that far)."""
    column: int | None = None
    """1-based."""
    on_key: bool = False
    """Point at the mapping key rather than its value (an unknown or duplicate key)."""
    related: tuple[Place, ...] = ()
    """Other places the problem involves, e.g. the first use of a duplicate id."""
    details: tuple[tuple[str, str], ...] = ()
    """Named facts behind the message, for machine-readable reports (a quote's hint)."""

    def located(self, line: int, column: int, related: tuple[Place, ...] = ()) -> Diagnostic:
        """A copy with its position (and those of its related places) filled in."""
        return Diagnostic(
            self.file,
            self.pointer,
            self.code,
            self.severity,
            self.message,
            line,
            column,
            self.on_key,
            related or self.related,
            self.details,
        )

    @property
    def full_message(self) -> str:
        """The message with the related places, as the reports print it."""
        if not self.related:
            return self.message
        return f"{self.message} (see {', '.join(str(place) for place in self.related)})"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, then position, then code: the order people read a file in."""
        return (str(self.file), self.line or 0, self.column or 0, self.code, self.message)


def escape_pointer_token(token: str | int) -> str:
    """One reference token of a JSON pointer, with ``~`` and ``/`` escaped."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_of(parts: Iterable[str | int]) -> str:
    """The JSON pointer for a path of keys and list indexes; ``""`` is the whole file."""
    return "".join("/" + escape_pointer_token(part) for part in parts)


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """A hint naming the nearest choice, or "" when none is near."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f": did you mean {close[0]!r}?" if close else ""


@dataclass(frozen=True, slots=True)
class Report:
    """The result of validating a ledger: counts and every diagnostic, in reading order."""

    root: Path
    files: int
    records: int
    diagnostics: Sequence[Diagnostic] = field(default_factory=tuple)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    def failed(self, *, strict: bool = False) -> bool:
        """Whether the ledger fails validation: any error, or any warning when strict."""
        return self.errors > 0 or (strict and self.warnings > 0)


Code = Literal[
    "unreadable-file",
    "unreadable-folder",
    "file-too-large",
    "encoding",
    "yaml-syntax",
    "json-syntax",
    "toml-syntax",
    "duplicate-key",
    "invalid-key",
    "invalid-number",
    "yaml-tag",
    "alias-expansion",
    "too-deep",
    "multiple-documents",
    "empty-file",
    "not-a-record",
    "unknown-field",
    "missing-field",
    "invalid-value",
    "invalid-date",
    "too-long",
    "duplicate-id",
    "unknown-reference",
    "wrong-reference",
    "text-outside-ledger",
    "text-not-found",
    "text-unreadable",
    "quote-not-found",
    "provision-not-found",
    "too-many-names",
    "loan-until",
    "quote-unverified",
    "dates-disagree",
    "counts-exceed-total",
    "possible-duplicate",
    "unreferenced",
    "gift-after-reports",
]
"""Every diagnostic code: mypy refuses a code that is not one of these (`CODES` says what
each means, and a test keeps the two the same)."""


CODES: dict[Code, str] = {
    # Reading a file
    "unreadable-file": "the file cannot be opened",
    "unreadable-folder": "a folder of the ledger cannot be listed",
    "file-too-large": "the file is larger than the reader's limits (bytes or values)",
    "encoding": "the file is not UTF-8 (or UTF-16 with a byte order mark)",
    "yaml-syntax": "the file is not valid YAML",
    "json-syntax": "the file is not valid JSON",
    "toml-syntax": "the ledger manifest (ledger.toml) is not valid TOML",
    "duplicate-key": "a key appears twice in one mapping",
    "invalid-key": "a mapping key that is not plain text",
    "invalid-number": "NaN, Infinity or an integer of thousands of digits in JSON",
    "yaml-tag": "an explicit YAML tag other than !!str",
    "alias-expansion": "YAML aliases expand past the limit",
    "too-deep": "values nest deeper than the limit",
    "multiple-documents": "more than one YAML document in a file",
    "empty-file": "a file with no record",
    "not-a-record": "a value where a record (a mapping) should be",
    # One record
    "unknown-field": "a key the record type does not have",
    "missing-field": "a required field is missing",
    "invalid-value": "a value of the wrong type, form or vocabulary",
    "invalid-date": "a date that is not EDTF or not a real day",
    "too-long": "text longer than its limit",
    # Across records
    "duplicate-id": "two records share an id",
    "unknown-reference": "an id that no record has",
    "wrong-reference": "an id of a record of the wrong type or kind",
    "text-outside-ledger": "a source text path that leads outside the ledger folder",
    "text-not-found": "a source text file that does not exist",
    "text-unreadable": "a source text file that cannot be read as UTF-8",
    "quote-not-found": "a quote that is not in its source's archived text",
    "provision-not-found": "a provision text that is in no cited source's archived text",
    "too-many-names": "more names than count",
    "loan-until": "an end date (until) on a gift that is not a loan, or before its date",
    # Warnings
    "quote-unverified": "a quote of a source that has no archived text, so it cannot be proven",
    "dates-disagree": "the sources of a record give dates that cannot both be true",
    "counts-exceed-total": "item counts add up to more than the gift's total",
    "possible-duplicate": "two gifts with the same giver, recipient and item at overlapping dates",
    "unreferenced": "an actor or source that no gift or agreement refers to",
    "gift-after-reports": "a gift dated after every dated source that reports it",
}
"""Every diagnostic code, with what it means."""
