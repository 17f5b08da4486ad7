"""One self-contained JSON-LD 1.1 document: the context inline, every record in `@graph`.

The context is the package's ``context.jsonld`` (published as ``schema/context.jsonld``),
so the document is processed offline. schema.org terms where one fits, the ledger's own
vocabulary (``https://w3id.org/gift-ledger/vocab#``) for the rest; each record's IRI is
the base followed by its id. docs/exports.md lists every term.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any, BinaryIO

from ..anchors import Anchors, selectors
from ..edtf import EDTFDate
from ..models import Actor, ActorKind, Agreement, Citation, Gift, Item, Source
from ..validate import LoadedLedger
from .options import ExportOptions
from .streams import indented_json, write_json_array
from .values import amount_text, day, exact_date

__all__ = ["CONTEXT_FILE", "WIKIDATA", "context", "write"]

CONTEXT_FILE = "context.jsonld"
WIKIDATA = "http://www.wikidata.org/entity/"

_ACTOR_TYPES = {
    ActorKind.PERSON: ["Person", "Actor"],
    # schema.org's agent and recipient do not accept a Country: a state is both.
    ActorKind.STATE: ["Country", "GovernmentOrganization", "Actor"],
    ActorKind.ORGANIZATION: ["Organization", "Actor"],
}

# The record contract takes any URL without spaces; these would make an invalid IRI.
_IRI_ESCAPES = str.maketrans({char: f"%{ord(char):02X}" for char in '<>"{}|\\^`'})

Node = dict[str, Any]


@cache
def context() -> dict[str, Any]:
    """The JSON-LD context that the export uses inline (the value of its ``@context``)."""
    text = files("gift_ledger.exporters").joinpath(CONTEXT_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)["@context"]
    return loaded


def write(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
    """The ledger as one JSON-LD document, records in reading order, ending with a newline.

    Written a node at a time, with the bytes of ``{"@context": ..., "@graph": [...]}``
    dumped whole with two-space indentation.
    """
    stream.write(b'{\n  "@context": ' + indented_json(context(), 1) + b',\n  "@graph": ')
    anchors = Anchors(loaded)
    nodes = (_node(entry.record, options.base, anchors) for entry in loaded.ledger.entries)
    write_json_array(stream, nodes, level=1)
    stream.write(b"\n}\n")


def _node(record: Actor | Source | Gift | Agreement, base: str, anchors: Anchors) -> Node:
    if isinstance(record, Actor):
        return _actor(record, base)
    if isinstance(record, Source):
        return _source(record, base)
    if isinstance(record, Gift):
        return _gift(record, base, anchors)
    return _agreement(record, base, anchors)


def _actor(actor: Actor, base: str) -> Node:
    node = _start(base, actor.id, _ACTOR_TYPES[actor.kind])
    node["name"] = actor.name
    node["role"] = actor.role
    node["country"] = actor.country
    node["alternateName"] = list(actor.aliases)
    node["sameAs"] = _wikidata(actor.wikidata)
    return _finish(node, actor.notes)


def _source(source: Source, base: str) -> Node:
    node = _start(base, source.id, ["NewsArticle", "Source"])
    node["headline"] = source.title
    node["publisher"] = source.publisher
    node["author"] = source.author
    if source.published is not None:
        node["datePublished"] = _exact(source.published)
        node["published"] = _date(source.published)
    node["url"] = _iri(source.url) if source.url else None
    node["inLanguage"] = source.language
    node["archivedText"] = source.text
    return _finish(node, source.notes)


def _gift(gift: Gift, base: str, anchors: Anchors) -> Node:
    node = _start(base, gift.id, ["GiveAction", "Gift"])
    node["agent"] = base + gift.giver
    node["recipient"] = base + gift.recipient
    node["date"] = _date(gift.date)
    node["object"] = [_item(item) for item in gift.items]
    node["total"] = gift.total
    if gift.value is not None:
        node["estimatedValue"] = {
            "@type": "MonetaryAmount",
            "amount": amount_text(gift.value.amount),
            "currency": gift.value.currency,
        }
    node["occasion"] = gift.occasion
    node["related"] = [base + related for related in gift.related]
    node["citation"] = [_citation(citation, base, anchors) for citation in gift.sources]
    return _finish(node, gift.notes)


def _item(item: Item) -> Node:
    node: Node = {"@type": "Item", "name": item.item, "category": item.category.value}
    node["count"] = item.count
    node["individualName"] = list(item.names)
    node["additionalType"] = _wikidata(item.wikidata)
    return _drop_empty(node)


def _agreement(agreement: Agreement, base: str, anchors: Anchors) -> Node:
    node = _start(base, agreement.id, ["Legislation", "Agreement"])
    node["name"] = agreement.title
    node["party"] = [base + party for party in agreement.parties]
    node["signatory"] = [base + person for person in agreement.signatories]
    node["legislationDate"] = _exact(agreement.date)
    node["date"] = _date(agreement.date)
    node["place"] = agreement.place
    node["obligation"] = [obligation.value for obligation in agreement.obligations]
    node["topic"] = list(agreement.topics)
    node["provision"] = [
        {"@type": "Provision", "article": provision.article, "text": provision.text}
        for provision in agreement.provisions
    ]
    node["related"] = [base + related for related in agreement.related]
    node["citation"] = [_citation(c, base, anchors) for c in agreement.sources]
    return _finish(node, agreement.notes)


def _citation(citation: Citation, base: str, anchors: Anchors) -> Node:
    # A W3C Web Annotation specific resource: the part of the source that the quote selects.
    node: Node = {
        "@type": ["Citation", "SpecificResource"],
        "hasSource": base + citation.source,
        "quote": citation.quote,
        "hasSelector": {"@type": "TextQuoteSelector", "exact": citation.quote},
    }
    anchor = anchors.of(citation)
    if anchor is not None:  # where the quote is in the archived text
        node.update(selectors(anchor))
    if citation.date is not None:
        node["date"] = _date(citation.date)
    return node


def _date(value: EDTFDate) -> Node:
    node: Node = {"@type": "DateSpan", "edtf": value.text}
    node["exactDate"] = _exact(value)
    node["earliest"] = day(value, "earliest")
    node["latest"] = day(value, "latest")
    return _drop_empty(node)


def _exact(value: EDTFDate) -> dict[str, str] | None:
    exact = exact_date(value)
    if exact is None:
        return None
    xsd_type, lexical = exact
    return {"@value": lexical, "@type": f"xsd:{xsd_type}"}


def _iri(url: str) -> str:
    """A URL as an IRI: the few ASCII characters IRIs forbid (RFC 3987) percent-encoded."""
    return url.translate(_IRI_ESCAPES)


def _wikidata(item_id: str | None) -> str | None:
    return WIKIDATA + item_id if item_id else None


def _start(base: str, record_id: str, types: list[str]) -> Node:
    return {"@id": base + record_id, "@type": types, "identifier": record_id}


def _finish(node: Node, notes: str | None) -> Node:
    node["notes"] = notes
    return _drop_empty(node)


def _drop_empty(node: Node) -> Node:
    """Leave out absent values (None) and empty lists: JSON-LD reads both as no value."""
    return {key: value for key, value in node.items() if value is not None and value != []}
