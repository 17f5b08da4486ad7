"""The flat CSV's columns, and how its free text is kept from running as a formula.

Shared by the flat CSV's exporter, which writes these columns and neutralizes free text,
and its importer, which reads them back and restores the text.
"""

from __future__ import annotations

__all__ = ["COLUMNS", "FORMULA_STARTS", "neutralize", "restore"]

COLUMNS = (
    "gift_id",
    "item_number",
    "date",
    "date_earliest",
    "date_latest",
    "giver_id",
    "giver_name",
    "giver_country",
    "giver_country_name",
    "recipient_id",
    "recipient_name",
    "recipient_country",
    "recipient_country_name",
    "transfer",
    "until",
    "item",
    "category",
    "count",
    "names",
    "item_wikidata",
    "total",
    "value_amount",
    "value_currency",
    "occasion",
    "source_ids",
    "source_titles",
    "quotes",
    "notes",
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What a cell may not start with, lest a spreadsheet run it (OWASP, CSV injection)."""


def neutralize(text: str | None) -> str | None:
    """Free text made safe to open in a spreadsheet: a ``'`` before a formula start."""
    if text is not None and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def restore(text: str | None) -> str | None:
    """Free text as it was before the flat CSV export put a ``'`` before a formula start."""
    if text is not None and text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
