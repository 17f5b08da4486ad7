"""The tables of the data package export: columns, types, constraints and keys.

Declared once here, they give both the ``datapackage.json`` descriptor and the order of
each CSV's columns (`gift_ledger.exporters.datapackage` fills in the rows). Every rule of
the record contract that a Table Schema can say is a constraint or a key here; the one
rule between two columns that it cannot say (a date's earliest day is not after its
latest) is a row rule, a formula for a Frictionless ``row-constraint`` check.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..edtf import EDTF_PATTERN
from ..models import (
    COUNTRY_PATTERN,
    CURRENCY_PATTERN,
    LANGUAGE_PATTERN,
    SLUG_PATTERN,
    URL_PATTERN,
    WIKIDATA_PATTERN,
    ActorKind,
    Category,
    Obligation,
    RecordType,
    Transfer,
)
from .table_schema import Column, ForeignKey, Table

__all__ = ["ARCHIVE", "DESCRIPTOR", "FILES", "TABLES", "Column", "ForeignKey", "Table"]

_LARGEST = 10**18 - 1
"""Counts and amounts stay below 10^18 (see `gift_ledger.models`)."""


def _id(name: str = "id", description: str | None = None) -> Column:
    return Column(name, required=True, pattern=SLUG_PATTERN, max_length=80, description=description)


def _position(name: str = "position") -> Column:
    return Column(
        name, "integer", required=True, minimum=1, description="1-based place in the list"
    )


def _count(name: str, description: str) -> Column:
    return Column(name, "integer", minimum=1, maximum=_LARGEST, description=description)


def _wikidata(description: str) -> Column:
    return Column("wikidata", pattern=WIKIDATA_PATTERN, description=description)


def _date_columns(name: str, required: bool = False) -> tuple[Column, ...]:
    return (
        Column(name, required=required, pattern=EDTF_PATTERN, description="EDTF date as written"),
        Column(f"{name}_earliest", "date", description="first possible day; empty if open"),
        Column(f"{name}_latest", "date", description="last possible day; empty if open"),
    )


def _date_order(name: str) -> str:
    """The row rule that a date's earliest day is not after its latest."""
    earliest, latest = f"{name}_earliest", f"{name}_latest"
    return f"not({earliest})or(not({latest}))or(not({earliest}>{latest}))"


def _enum(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(value) for value in values)


def _to_records(*columns: str) -> ForeignKey:
    return (columns, "records", ("id",))


def _to(table: str, *columns: str) -> ForeignKey:
    return (columns, table, ("id",))


def _list_of(
    name: str, owner: str, owner_table: str, value: Column, about: str, *, refers_to: str = ""
) -> Table:
    keys: tuple[ForeignKey, ...] = (_to(owner_table, owner),)
    if refers_to:
        keys += (_to(refers_to, value.name),)
    return Table(name, about, (_id(owner), _position(), value), (owner, "position"), keys)


TABLES: tuple[Table, ...] = (
    Table(
        "records",
        "Every record's id and type, in reading order.",
        (_id(), Column("type", required=True, enum=_enum(RecordType))),
        ("id",),
    ),
    Table(
        "actors",
        "Persons, states and organizations.",
        (
            _id(),
            Column("kind", required=True, enum=_enum(ActorKind)),
            Column("name"),
            Column("role"),
            Column("country", pattern=COUNTRY_PATTERN, description="ISO 3166-1 alpha-3"),
            Column("country_name", description="the country's name in English, from its code"),
            _wikidata("Wikidata item id"),
            Column("notes"),
        ),
        ("id",),
        (_to_records("id"),),
        ("(name)or(role)", "(country)or((kind)in('person','organization'))"),
    ),
    _list_of("actor_aliases", "actor_id", "actors", Column("alias", required=True), "Aliases."),
    Table(
        "sources",
        "Published reports that records cite.",
        (
            _id(),
            Column("title", required=True),
            Column("publisher"),
            Column("author"),
            *_date_columns("published"),
            Column("url", pattern=URL_PATTERN),
            Column("language", required=True, pattern=LANGUAGE_PATTERN, description="BCP 47 tag"),
            Column("text", description="archived text, relative to the ledger folder"),
            Column("notes"),
        ),
        ("id",),
        (_to_records("id"),),
        (_date_order("published"),),
    ),
    Table(
        "gifts",
        "Gifts: who gave whom what, when.",
        (
            _id(),
            Column(
                "transfer",
                required=True,
                enum=_enum(Transfer),
                description="gift, or loan: lent for a time, still the giver's property",
            ),
            *_date_columns("until"),
            *_date_columns("date", required=True),
            _count("total", "the number of things given in all, where the items list some"),
            Column(
                "value_amount",
                "number",
                exclusive_minimum=0,
                exclusive_maximum=_LARGEST + 1,
                description="estimated value, in value_currency",
            ),
            Column("value_currency", pattern=CURRENCY_PATTERN, description="ISO 4217"),
            Column("occasion"),
            Column("notes"),
        ),
        ("id",),
        (_to_records("id"),),
        (
            _date_order("date"),
            _date_order("until"),
            "not(until)or((transfer)in('loan',))",
            "not(value_amount)or(value_currency)",
            "not(value_currency)or(value_amount)",
        ),
    ),
    _list_of(
        "gift_givers",
        "gift_id",
        "gifts",
        _id("actor_id"),
        "Who gave each gift: one actor, or several for a joint gift, in the order written.",
        refers_to="actors",
    ),
    _list_of(
        "gift_recipients",
        "gift_id",
        "gifts",
        _id("actor_id"),
        "Who received each gift: one actor or several, in the order written.",
        refers_to="actors",
    ),
    Table(
        "gift_items",
        "What each gift was made of: one row per kind of thing given.",
        (
            _id("gift_id"),
            _position(),
            Column("item", required=True),
            Column("category", required=True, enum=_enum(Category)),
            _count("count", "how many; empty when the source gives no number"),
            _wikidata("Wikidata item id of the item's kind"),
        ),
        ("gift_id", "position"),
        (_to("gifts", "gift_id"),),
    ),
    Table(
        "gift_item_names",
        "Individual names of the things of a gift item.",
        (
            _id("gift_id"),
            _position("item_position"),
            _position(),
            Column("name", required=True),
        ),
        ("gift_id", "item_position", "position"),
        ((("gift_id", "item_position"), "gift_items", ("gift_id", "position")),),
    ),
    Table(
        "agreements",
        "Treaties, pacts and other agreements.",
        (
            _id(),
            Column("title", required=True),
            *_date_columns("date", required=True),
            Column("place"),
            Column("notes"),
        ),
        ("id",),
        (_to_records("id"),),
        (_date_order("date"),),
    ),
    _list_of(
        "agreement_parties",
        "agreement_id",
        "agreements",
        _id("actor_id"),
        "States and organizations party to an agreement.",
        refers_to="actors",
    ),
    _list_of(
        "agreement_signatories",
        "agreement_id",
        "agreements",
        _id("actor_id"),
        "Persons who signed an agreement.",
        refers_to="actors",
    ),
    _list_of(
        "agreement_obligations",
        "agreement_id",
        "agreements",
        Column("obligation", required=True, enum=_enum(Obligation)),
        "ATOP obligations of an agreement.",
    ),
    _list_of(
        "agreement_topics",
        "agreement_id",
        "agreements",
        Column("topic", required=True),
        "Other fields of cooperation of an agreement.",
    ),
    Table(
        "provisions",
        "Articles of agreements, verbatim.",
        (
            _id("agreement_id"),
            _position(),
            Column("article", required=True),
            Column("text", required=True),
        ),
        ("agreement_id", "position"),
        (_to("agreements", "agreement_id"),),
    ),
    Table(
        "citations",
        "The sources of each gift and agreement, with the quote that supports it.",
        (
            _id("record_id"),
            _position(),
            _id("source_id"),
            Column("quote", required=True, max_length=500),
            *_date_columns("date"),
        ),
        ("record_id", "position"),
        (_to_records("record_id"), _to("sources", "source_id")),
        (_date_order("date"),),
    ),
    Table(
        "quote_segments",
        "Where each quote is in its source's archived text: one row per segment (an elided "
        "quote has several), in code points of the text as read, counted from 0, end "
        "excluded. Citations of a source without an archived text have none.",
        (
            _id("record_id"),
            _position("citation_position"),
            _position(),
            Column("start", "integer", required=True, description="first code point"),
            Column("end", "integer", required=True, description="code point after the last"),
            Column("exact", required=True, description="the text's own characters"),
            Column("prefix", description="up to 32 characters of the text before"),
            Column("suffix", description="up to 32 characters of the text after"),
            Column("text_sha256", required=True, description="SHA-256 of the text's file"),
        ),
        ("record_id", "citation_position", "position"),
        ((("record_id", "citation_position"), "citations", ("record_id", "position")),),
        derived=True,
    ),
    Table(
        "related",
        "Links from a gift or agreement to other records.",
        (_id("record_id"), _position(), _id("related_id")),
        ("record_id", "position"),
        (_to_records("record_id"), _to_records("related_id")),
    ),
)

DESCRIPTOR = "datapackage.json"
ARCHIVE = "archive"
"""The package's folder of the sources' archived texts, each at the path its source's `text`
gives (relative to the ledger folder), so that a ledger imported from the package has them."""
FILES = frozenset({DESCRIPTOR, ARCHIVE, *(f"{table.name}.csv" for table in TABLES)})
"""Every file (and the one folder) a package export writes, and nothing else."""
