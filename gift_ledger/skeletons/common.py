"""Slots that several record types share, and the kinds of slot they are made of."""

from __future__ import annotations

from typing import Any

from .skeleton import Group, Slot

__all__ = [
    "DATE_HELP",
    "EDTF_ABOUT",
    "ids_of_related",
    "notes",
    "record_id",
    "reference",
    "sources",
    "when",
]

EDTF_ABOUT = 'an EDTF date: 2024-06-19, 2024-06, 2012 or "2024-06?"'
DATE_HELP = "The date, EDTF: 2024-06-19, 2024-06, 2012, 2024-06?"


def reference(key: str, about: str, help_text: str, **more: Any) -> Slot:
    """A slot that holds the id of another record."""
    return Slot(key, about, help=help_text, metavar="ID", **more)


def when(key: str, about: str, help_text: str, **more: Any) -> Slot:
    """A slot that holds an EDTF date."""
    return Slot(key, about, help=help_text, metavar="EDTF", **more)


def record_id(example: str) -> Slot:
    """The record's id."""
    return reference(
        "id",
        f"a slug unique in the ledger, e.g. {example}",
        "The record's id, a slug: kim-jong-un.",
        required=True,
    )


def notes() -> Slot:
    """Why a value was entered as it was: every record type has them."""
    return Slot(
        "notes",
        "why a value was entered as it was",
        example="...",
        help="Why a value was entered as it was.",
    )


def sources() -> Group:
    """The citations of a gift or an agreement."""
    return Group(
        "sources",
        "the evidence: add a citation for each source that reports it",
        (
            reference(
                "source",
                "the id of a source record",
                "The id of the source that reports it.",
                required=True,
            ),
            Slot(
                "quote",
                "the source's own words, copied exactly from its archived text "
                "(500 characters at most)",
                required=True,
                help="The source's own words, exactly as in its archived text.",
            ),
            when(
                "date",
                "the date as this source gives it, where sources disagree",
                "The date as this source gives it.",
                example="2024-06-19",
                option="source-date",
            ),
        ),
        required=True,
    )


def ids_of_related(about: str, example: str) -> Slot:
    """The ids of related records, of a gift or an agreement."""
    return reference(
        "related",
        f"ids of other records, {about}",
        "The id of a related record (repeatable).",
        example=f"[{example}]",
        many=True,
    )
