"""The JSON-LD export's dataset node: the ledger as a whole, from its manifest.

One ``schema:Dataset`` whose IRI is the base of the records' IRIs, with the ledger's title,
description, data licence, version, publisher and maintainers, and nothing that changes
from one export to the next (no date of export), so that the same ledger always gives the
same bytes. A ledger without a manifest gets a dataset node with a generic title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..tables.values import part_iri

if TYPE_CHECKING:
    from ..manifest import Agent, Manifest

__all__ = ["UNTITLED", "dataset_node"]

UNTITLED = "A gift ledger"
"""The title of a ledger whose manifest gives none."""


def dataset_node(base: str, manifest: Manifest | None) -> dict[str, Any]:
    """The dataset node of a ledger whose records' IRIs start with base."""
    language = manifest.language if manifest else None
    title = _text((manifest.title if manifest else None) or UNTITLED, language)
    node: dict[str, Any] = {"@id": base, "@type": "Dataset", "label": title, "name": title}
    if manifest is None:
        return node
    if manifest.description:
        node["description"] = _text(manifest.description, language)
    if manifest.license_iri:
        node["license"] = manifest.license_iri
    if manifest.version:
        node["version"] = manifest.version
    if manifest.publisher:
        node["publisher"] = _agent(part_iri(base, "publisher"), manifest.publisher)
    if manifest.maintainers:
        node["maintainer"] = [
            _agent(part_iri(base, f"maintainer-{n}"), agent)
            for n, agent in enumerate(manifest.maintainers, start=1)
        ]
    return node


def _agent(iri: str, agent: Agent) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": iri, "name": agent.name}
    if agent.url:
        node["url"] = agent.url
    if agent.email:
        node["email"] = agent.email
    return node


def _text(value: str, language: str | None) -> str | dict[str, str]:
    return {"@value": value, "@language": language} if language else value
