"""The closed vocabularies of the record contract, free of pydantic so anything may import
them cheaply (the CLI offers them as choices without building the models)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ActorKind", "Category", "Obligation", "RecordType"]


class RecordType(StrEnum):
    ACTOR = "actor"
    SOURCE = "source"
    GIFT = "gift"
    AGREEMENT = "agreement"


class ActorKind(StrEnum):
    PERSON = "person"
    STATE = "state"
    ORGANIZATION = "organization"


class Category(StrEnum):
    ANIMAL = "animal"
    VEHICLE = "vehicle"
    CLOTHING = "clothing"
    ARTWORK = "artwork"
    FOOD = "food"
    WEAPON = "weapon"
    DOCUMENT = "document"
    OTHER = "other"


class Obligation(StrEnum):
    """The five obligations of the ATOP alliance codebook."""

    DEFENSE = "defense"
    OFFENSE = "offense"
    NEUTRALITY = "neutrality"
    NONAGGRESSION = "nonaggression"
    CONSULTATION = "consultation"
