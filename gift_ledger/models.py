"""The typed records of the ledger: actor, source, gift and agreement (the record contract).

Records are frozen pydantic models that refuse unknown keys. Field types carry both their
check and their JSON Schema, so that `gift_ledger.schema` publishes exactly what the
models accept. Rules that span records (references, quotes, duplicates) are not here but
in `gift_ledger.check.rules`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from . import codes
from .edtf import EDTF_PATTERN, EDTFDate, EDTFError, parse_edtf
from .vocab import ActorKind, Category, Obligation, RecordType, Transfer

__all__ = [
    "FIELD_HINTS",
    "RECORD_MODELS",
    "REFERENCE_HINT",
    "SLUG_PATTERN",
    "Actor",
    "ActorKind",
    "Agreement",
    "Category",
    "Citation",
    "Gift",
    "Item",
    "Obligation",
    "Provision",
    "Record",
    "RecordType",
    "Source",
    "Transfer",
    "Value",
]

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
COUNTRY_PATTERN = r"^[A-Z]{3}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"

_SLUG_HINT = "lowercase letters and digits in words joined by single hyphens, e.g. kim-jong-un"


def _to_edtf(value: Any) -> EDTFDate:
    if isinstance(value, EDTFDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999:
        value = f"{value:04d}"  # an unquoted year in YAML: 2012
    if not isinstance(value, str):
        raise PydanticCustomError(
            "invalid-date", "a date must be EDTF text such as 2024-06-19, 2024-06 or 2012"
        )
    try:
        return parse_edtf(value)
    except EDTFError as e:
        raise PydanticCustomError("invalid-date", "{reason}", {"reason": str(e)}) from e


_LARGEST = 10**18
"""Numbers stay below this, so that every export (JSON, CSV, RDF) can hold them exactly."""


def _to_count(value: Any) -> int:
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        value = int(value)  # count: "2" means 2
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < _LARGEST:
        raise PydanticCustomError(
            "invalid-value", "must be a whole number of 1 or more, with at most 18 digits"
        )
    return value


def _to_amount(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("invalid-value", "must be a number, e.g. 650 or 12.5")
    if not math.isfinite(value):
        raise PydanticCustomError("invalid-value", "must be a finite number")
    if value <= 0:
        raise PydanticCustomError("invalid-value", "must be more than 0")
    if value >= _LARGEST:
        raise PydanticCustomError("invalid-value", "must have at most 18 digits before the point")
    return value


def _to_article(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # article: 4 means "4"
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError(
            "invalid-value", 'must be the article\'s number as text, e.g. "4"'
        )
    return value


EDTF = Annotated[
    EDTFDate,
    PlainValidator(_to_edtf),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": EDTF_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "EDTF date: 2024-06-19, 2024-06, 2012, 2024-06?, 2017-10~, "
            "201X, XXXX, 2024-06/2024-08, ../2019",
        }
    ),
]
Count = Annotated[
    int,
    PlainValidator(_to_count),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 10**18 - 1},
                {"type": "string", "pattern": "^[0-9]{1,18}$"},
            ]
        }
    ),
]
Amount = Annotated[
    int | float,
    PlainValidator(_to_amount),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10**18}),
]
ArticleNumber = Annotated[
    str,
    PlainValidator(_to_article),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "integer"}]}),
]
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]


def _one_or_more(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


def _one_or_list(ids: tuple[str, ...]) -> str | list[str]:
    return ids[0] if len(ids) == 1 else list(ids)


_SLUG_SCHEMA = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80}
ActorIds = Annotated[
    tuple[Slug, ...],
    BeforeValidator(_one_or_more),
    Field(min_length=1),
    PlainSerializer(_one_or_list),
    WithJsonSchema(
        {"anyOf": [_SLUG_SCHEMA, {"type": "array", "items": _SLUG_SCHEMA, "minItems": 1}]}
    ),
]
"""One actor's id, or a list of ids for actors who act together ("the president and his
wife gave ..."): always a tuple in the model, written back as it was typed."""


def _checked(problem: Callable[[str], str | None]) -> Callable[[str], str]:
    def check(value: str) -> str:
        message = problem(value)
        if message is not None:
            raise PydanticCustomError("invalid-value", "{message}", {"message": message})
        return value

    return check


class _CodeList:
    """A field's JSON Schema as the list of its codes, read only when a schema is made."""

    def __init__(self, codes: Callable[[], Iterable[str]], description: str) -> None:
        self.codes = codes
        self.description = description

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "enum": list(self.codes()), "description": self.description}


CountryCode = Annotated[
    str,
    AfterValidator(_checked(codes.country_problem)),
    _CodeList(codes.country_codes, "ISO 3166-1 alpha-3, ISO 3166-3 (former countries) or XKX"),
]
CurrencyCode = Annotated[
    str,
    AfterValidator(_checked(codes.currency_problem)),
    _CodeList(codes.currency_codes, "ISO 4217, current or historic"),
]
LanguageTag = Annotated[
    str, Field(pattern=LANGUAGE_PATTERN), AfterValidator(_checked(codes.language_problem))
]
WikidataId = Annotated[str, Field(pattern=WIKIDATA_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=False, str_strip_whitespace=False)


class _Record(_Strict):
    id: Slug
    notes: Text | None = None


def _actor_schema(schema: dict[str, Any]) -> None:
    schema["anyOf"] = [{"required": ["name"]}, {"required": ["role"]}]
    schema["if"] = {"properties": {"kind": {"const": "state"}}, "required": ["kind"]}
    schema["then"] = {"required": ["country"]}


class Actor(_Record):
    """A person, state or organization that gives, receives, signs or is party to a record."""

    model_config = ConfigDict(json_schema_extra=_actor_schema)

    type: Literal["actor"]
    kind: ActorKind
    name: Text | None = None
    role: Text | None = None
    country: CountryCode | None = None
    wikidata: WikidataId | None = None
    aliases: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _named_and_placed(self) -> Actor:
        if self.name is None and self.role is None:
            raise PydanticCustomError(
                "missing-field",
                "an actor needs a name, or a role for a person known only by office",
            )
        if self.kind is ActorKind.STATE and self.country is None:
            raise PydanticCustomError(
                "missing-field", "a state needs its country: its ISO 3166-1 alpha-3 code"
            )
        return self

    @property
    def label(self) -> str:
        """The name, or the role for a person known only by office."""
        return self.name or self.role or self.id


class Source(_Record):
    """A published report that records cite: an article, with its archived text."""

    type: Literal["source"]
    title: Text
    publisher: Text | None = None
    author: Text | None = None
    published: EDTF | None = None
    url: Annotated[str, Field(pattern=URL_PATTERN)] | None = None
    language: LanguageTag = "en"
    text: Text | None = None
    """Path of the archived plain text, relative to the ledger's root folder."""


class Citation(_Strict):
    """Where a record comes from: a source and its words, quoted verbatim."""

    source: Slug
    quote: Annotated[str, Field(min_length=1, max_length=500, pattern=r"\S")]
    date: EDTF | None = None


class Item(_Strict):
    """One kind of thing given: what it is, how many, and their names."""

    item: Text
    category: Category
    count: Count | None = None
    names: tuple[Text, ...] = ()
    wikidata: WikidataId | None = None


class Value(_Strict):
    """An estimated value as the source gives it."""

    amount: Amount
    currency: CurrencyCode


class Gift(_Record):
    """Something one actor gave another, with the evidence for it."""

    type: Literal["gift"]
    giver: ActorIds
    recipient: ActorIds
    transfer: Transfer = Transfer.GIFT
    until: EDTF | None = None
    """When a loan ends or ended; `gift_ledger.check.rules` checks it against the date."""
    date: EDTF
    items: Annotated[tuple[Item, ...], Field(min_length=1)]
    total: Count | None = None
    value: Value | None = None
    occasion: Text | None = None
    related: tuple[Slug, ...] = ()
    sources: Annotated[tuple[Citation, ...], Field(min_length=1)]


class Provision(_Strict):
    """One article of an agreement, its text verbatim as a source gives it."""

    article: ArticleNumber
    text: Text


class Agreement(_Record):
    """A treaty, pact or other agreement between states or organizations."""

    type: Literal["agreement"]
    title: Text
    parties: Annotated[tuple[Slug, ...], Field(min_length=2)]
    signatories: tuple[Slug, ...] = ()
    date: EDTF
    place: Text | None = None
    obligations: tuple[Obligation, ...] = ()
    topics: tuple[Text, ...] = ()
    provisions: tuple[Provision, ...] = ()
    related: tuple[Slug, ...] = ()
    sources: Annotated[tuple[Citation, ...], Field(min_length=1)]


Record = Annotated[Actor | Source | Gift | Agreement, Field(discriminator="type")]
RECORD_MODELS: dict[str, type[_Record]] = {
    "actor": Actor,
    "source": Source,
    "gift": Gift,
    "agreement": Agreement,
}

REFERENCE_HINT = f"the id of a record: {_SLUG_HINT}"
"""What a field that refers to another record must be (see `gift_ledger.references`)."""

FIELD_HINTS = {
    "id": f"a slug: {_SLUG_HINT}",
    "country": "an ISO 3166-1 alpha-3 country code in capitals, e.g. RUS, PRK, KOR",
    "currency": "an ISO 4217 currency code in capitals, e.g. USD, EUR, RUB",
    "wikidata": "a Wikidata item id: Q and digits, e.g. Q7747",
    "url": "an http or https URL",
    "language": "a BCP 47 language tag, e.g. en, ko, pt-BR",
}
"""What each patterned field must be, in words, shown instead of the pattern itself."""
