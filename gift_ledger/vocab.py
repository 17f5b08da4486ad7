"""The closed vocabularies of the record contract, free of pydantic so anything may import
them cheaply (the CLI offers them as choices without building the models)."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "IRI_BASE_PATTERN",
    "ActorKind",
    "Category",
    "Obligation",
    "RecordType",
    "Transfer",
]


class RecordType(StrEnum):
    """The record types, in the order the contract, the exports and the counts list them."""

    ACTOR = "actor"
    SOURCE = "source"
    GIFT = "gift"
    AGREEMENT = "agreement"

    @property
    def plural(self) -> str:
        """The name of a file, table or heading of records of this type: ``gifts``."""
        return f"{self.value}s"


class ActorKind(StrEnum):
    PERSON = "person"
    STATE = "state"
    ORGANIZATION = "organization"


class Category(StrEnum):
    ANIMAL = "animal"
    VEHICLE = "vehicle"
    CLOTHING = "clothing"
    JEWELRY = "jewelry"
    ARTWORK = "artwork"
    CRAFT = "craft"
    """Handicrafts: carpets, ceramics, boxes."""
    BOOK = "book"
    DECORATION = "decoration"
    """Orders, medals, insignia."""
    FOOD = "food"
    WEAPON = "weapon"
    DOCUMENT = "document"
    OTHER = "other"


class Transfer(StrEnum):
    """Whether a gift changes owner, or is lent for a time and stays the giver's property."""

    GIFT = "gift"
    LOAN = "loan"


class Obligation(StrEnum):
    """The five obligations of the ATOP alliance codebook."""

    DEFENSE = "defense"
    OFFENSE = "offense"
    NEUTRALITY = "neutrality"
    NONAGGRESSION = "nonaggression"
    CONSULTATION = "consultation"


IRI_BASE_PATTERN = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#:]$"
"""A base of records' IRIs: an absolute IRI ending in '/', '#' or ':' (--base, the manifest)."""
