"""One self-contained JSON-LD 1.1 document: the context inline, every record in `@graph`.

The context is the package's ``context.jsonld`` (published as ``schema/context.jsonld``),
so the document is processed offline. schema.org terms where one fits, the ledger's own
vocabulary (``https://w3id.org/gift-ledger/vocab#``, defined in ``schema/vocab.ttl``) for
the rest; each record's IRI is the base followed by its id. Nothing is a blank node: the
parts of a record (items, citations and their selectors, dates, provisions, a value) have
IRIs under their record's, ``<record-iri>#item-1``, so that loading an export twice gives
the same graph. docs/exports.md lists every term.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import chain
from typing import Any, BinaryIO

from ..anchors import Anchor, Anchors, selectors
from ..codes import country_name
from ..edtf import EDTFDate
from ..ledger import Ledger
from ..models import Actor, ActorKind, Agreement, Citation, Gift, Item, Source, Transfer
from ..tables.values import amount_text, day, exact_date, part_iri
from ..validate import LoadedLedger
from .dataset import dataset_node
from .iris import as_iri
from .options import ExportOptions
from .streams import indented_json, write_json_array

__all__ = ["CONTEXT_FILE", "WIKIDATA", "context", "write"]

CONTEXT_FILE = "context.jsonld"
WIKIDATA = "http://www.wikidata.org/entity/"

_ACTOR_TYPES = {
    ActorKind.PERSON: ["Person", "Actor"],
    # schema.org's agent and recipient do not accept a Country: a state is both.
    ActorKind.STATE: ["Country", "GovernmentOrganization", "Actor"],
    ActorKind.ORGANIZATION: ["Organization", "Actor"],
}


Node = dict[str, Any]


@cache
def context() -> dict[str, Any]:
    """The JSON-LD context that the export uses inline (the value of its ``@context``)."""
    text = files("gift_ledger.exporters").joinpath(CONTEXT_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)["@context"]
    return loaded


def write(loaded: LoadedLedger, options: ExportOptions, stream: BinaryIO) -> None:
    """The ledger as one JSON-LD document: the dataset node, then every record in reading
    order, ending with a newline.

    Written a node at a time, with the bytes of ``{"@context": ..., "@graph": [...]}``
    dumped whole with two-space indentation.
    """
    stream.write(b'{\n  "@context": ' + indented_json(context(), 1) + b',\n  "@graph": ')
    graph = _Graph(options.record_base, loaded.ledger, Anchors(loaded))
    records = (graph.node(entry.record) for entry in loaded.ledger.entries)
    nodes = chain([dataset_node(options.record_base, loaded.manifest)], records)
    write_json_array(stream, nodes, level=1)
    stream.write(b"\n}\n")


@dataclass(frozen=True, slots=True)
class _Graph:
    """What a record's node needs beyond the record: the base, and the other records."""

    base: str
    ledger: Ledger
    anchors: Anchors
    _labels: dict[str, str] = field(default_factory=dict)
    """Each actor's label, by id: the gifts' labels name the same actors over and over."""

    def node(self, record: Actor | Source | Gift | Agreement) -> Node:
        if isinstance(record, Actor):
            return self.actor(record)
        if isinstance(record, Source):
            return self.source(record)
        if isinstance(record, Gift):
            return self.gift(record)
        return self.agreement(record)

    def actor(self, actor: Actor) -> Node:
        node = _start(self.base, actor.id, _ACTOR_TYPES[actor.kind], actor.label)
        node["name"] = actor.name
        node["jobTitle"] = actor.role
        node["country"] = actor.country
        name = country_name(actor.country) if actor.country else None
        node["countryName"] = _text(name, "en") if name else None
        node["alternateName"] = list(actor.aliases)
        node["sameAs"] = _wikidata(actor.wikidata)
        return _finish(node, actor.notes)

    def source(self, source: Source) -> Node:
        iri = self.base + source.id
        language = source.language
        node = _start(self.base, source.id, ["NewsArticle", "Source"], source.title, language)
        node["headline"] = _text(source.title, language)
        node["publisher"] = _named(iri, "publisher", "Organization", source.publisher)
        node["author"] = _named(iri, "author", "Person", source.author)
        if source.published is not None:
            node["datePublished"] = _exact(source.published)
            node["published"] = _date(part_iri(iri, "published"), source.published)
        node["url"] = _iri(source.url) if source.url else None
        node["inLanguage"] = language
        node["archivedText"] = source.text
        return _finish(node, source.notes)

    def gift(self, gift: Gift) -> Node:
        iri = self.base + gift.id
        loan = gift.transfer is Transfer.LOAN
        action = "LendAction" if loan else "GiveAction"
        node = _start(self.base, gift.id, [action, "Gift"], self.gift_label(gift))
        node["agent"] = [self.base + giver for giver in gift.giver]
        node["recipient"] = [self.base + recipient for recipient in gift.recipient]
        if loan:  # schema.org's LendAction names the one who borrows; the agent lends
            node["borrower"] = node["recipient"]
        node["date"] = _date(part_iri(iri, "date"), gift.date)
        if gift.until is not None:
            node["until"] = _date(part_iri(iri, "until"), gift.until)
        node["object"] = [
            _item(part_iri(iri, f"item-{n}"), n, item) for n, item in enumerate(gift.items, 1)
        ]
        node["total"] = gift.total
        if gift.value is not None:
            node["estimatedValue"] = {
                "@id": part_iri(iri, "value"),
                "@type": "MonetaryAmount",
                "amount": amount_text(gift.value.amount),
                "currency": gift.value.currency,
            }
        node["occasion"] = gift.occasion
        node["related"] = [self.base + related for related in gift.related]
        node["citation"] = self.citations(iri, gift.sources)
        return _finish(node, gift.notes)

    def agreement(self, agreement: Agreement) -> Node:
        iri = self.base + agreement.id
        node = _start(self.base, agreement.id, ["Legislation", "Agreement"], agreement.title)
        node["name"] = agreement.title
        node["party"] = [self.base + party for party in agreement.parties]
        node["signatory"] = [self.base + person for person in agreement.signatories]
        node["legislationDate"] = _exact(agreement.date)
        node["date"] = _date(part_iri(iri, "date"), agreement.date)
        node["place"] = agreement.place
        node["obligation"] = [obligation.value for obligation in agreement.obligations]
        node["topic"] = list(agreement.topics)
        node["provision"] = [
            {
                "@id": part_iri(iri, f"provision-{position}"),
                "@type": "Provision",
                "position": position,
                "article": provision.article,
                "text": provision.text,
            }
            for position, provision in enumerate(agreement.provisions, start=1)
        ]
        node["related"] = [self.base + related for related in agreement.related]
        node["citation"] = self.citations(iri, agreement.sources)
        return _finish(node, agreement.notes)

    def citations(self, record_iri: str, citations: Iterable[Citation]) -> list[Node]:
        return [
            citation_node(
                part_iri(record_iri, f"citation-{position}"),
                position,
                citation,
                self.base,
                self.language_of(citation.source),
                anchor=self.anchors.of(citation),
            )
            for position, citation in enumerate(citations, start=1)
        ]

    def language_of(self, source_id: str) -> str | None:
        source = self.ledger.record(source_id)
        return source.language if isinstance(source, Source) else None

    def gift_label(self, gift: Gift) -> str:
        """``Pungsan dog (2) from Kim Jong Un to Vladimir Putin, 2024-06``."""
        items = ", ".join(
            [f"{item.item} ({item.count})" if item.count else item.item for item in gift.items]
        )
        giver = " and ".join(map(self.actor_label, gift.giver))
        recipient = " and ".join(map(self.actor_label, gift.recipient))
        return f"{items} from {giver} to {recipient}, {gift.date.text}"

    def actor_label(self, actor_id: str) -> str:
        label = self._labels.get(actor_id)
        if label is None:
            actor = self.ledger.record(actor_id)
            label = self._labels[actor_id] = actor.label if isinstance(actor, Actor) else actor_id
        return label


def citation_node(
    iri: str,
    position: int,
    citation: Citation,
    base: str,
    language: str | None,
    *,
    anchor: Anchor | None = None,
) -> Node:
    """A citation: a W3C Web Annotation specific resource, the part of its source that the
    quote selects, with the quote in the source's language. Given its anchor in the
    archived text, the selectors are those of the anchor: for each segment of the quote a
    quote selector and a position selector, and the text's state named by its SHA-256."""
    node: Node = {
        "@id": iri,
        "@type": ["Citation", "SpecificResource"],
        "position": position,
        "hasSource": base + citation.source,
        "quote": _text(citation.quote, language),
    }
    if anchor is None:
        node["hasSelector"] = {
            "@id": f"{iri}-selector-1",
            "@type": "TextQuoteSelector",
            "exact": _text(citation.quote, language),
        }
    else:  # where the quote is in the archived text
        node.update(selectors(anchor, iri))
        for selector in node["hasSelector"]:
            if "exact" in selector:
                selector["exact"] = _text(selector["exact"], language)
    if citation.date is not None:
        node["date"] = _date(f"{iri}-date", citation.date)
    return node


def _item(iri: str, position: int, item: Item) -> Node:
    # What may be absent is added only when present, as `_drop_empty` would leave it: an
    # item and a date are most of a gift's nodes.
    node: Node = {
        "@id": iri,
        "@type": "Item",
        "position": position,
        "label": item.item,
        "name": item.item,
        "category": item.category.value,
    }
    if item.count is not None:
        node["count"] = item.count
    if item.names:
        node["individualName"] = list(item.names)
    if item.wikidata:
        node["additionalType"] = _wikidata(item.wikidata)
    return node


def _date(iri: str, value: EDTFDate) -> Node:
    node: Node = {"@id": iri, "@type": "DateSpan", "edtf": value.text}
    if (exact := _exact(value)) is not None:
        node["exactDate"] = exact
    if (earliest := day(value, "earliest")) is not None:
        node["earliest"] = earliest
    if (latest := day(value, "latest")) is not None:
        node["latest"] = latest
    return node


def _named(source_iri: str, part: str, kind: str, name: str | None) -> Node | None:
    """A source's publisher or author, as the article gives it: a node with its name."""
    if name is None:
        return None
    return {"@id": part_iri(source_iri, part), "@type": kind, "name": name}


def _text(value: str, language: str | None) -> str | dict[str, str]:
    """Text in a language, as a language-tagged literal: ``{"@value": ..., "@language": "en"}``."""
    if language is None:
        return value
    return {"@value": value, "@language": language}


def _exact(value: EDTFDate) -> dict[str, str] | None:
    exact = exact_date(value)
    if exact is None:
        return None
    xsd_type, lexical = exact
    return {"@value": lexical, "@type": f"xsd:{xsd_type}"}


def _iri(url: str) -> str:
    """A URL as an IRI (RFC 3987): what IRIs cannot hold percent-encoded (iris.py)."""
    return as_iri(url)


def _wikidata(item_id: str | None) -> str | None:
    return WIKIDATA + item_id if item_id else None


def _start(
    base: str, record_id: str, types: list[str], label: str, language: str | None = None
) -> Node:
    return {
        "@id": base + record_id,
        "@type": types,
        "identifier": record_id,
        "label": _text(label, language),
    }


def _finish(node: Node, notes: str | None) -> Node:
    node["notes"] = notes
    return _drop_empty(node)


def _drop_empty(node: Node) -> Node:
    """Leave out absent values (None) and empty lists: JSON-LD reads both as no value.

    The node is changed in place (each is made for this alone), the rest kept in order.
    """
    for key in [key for key, value in node.items() if value is None or value == []]:
        del node[key]
    return node
