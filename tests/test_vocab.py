"""schema/vocab.ttl defines every term of the ledger's vocabulary that the export uses."""

from __future__ import annotations

from typing import Any

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from typer.testing import CliRunner

from gift_ledger.exporters.jsonld import context

from .conftest import PROJECT
from .export_support import RECORDS, export
from .test_export_jsonld import rdflib_graph

VOCAB = PROJECT / "schema" / "vocab.ttl"


def vocabulary() -> Graph:
    return Graph().parse(VOCAB, format="turtle")


def gl_terms(terms: dict[str, Any]) -> set[URIRef]:
    """The IRIs of the ledger's vocabulary that a JSON-LD context maps terms to."""
    namespace = terms["gl"]
    found = set()
    for term, definition in terms.items():
        iri = definition.get("@id") if isinstance(definition, dict) else definition
        if term.startswith("@") or term == "gl" or not isinstance(iri, str):
            continue
        if iri.startswith("gl:"):
            iri = namespace + iri.removeprefix("gl:")
        if iri.startswith(namespace):
            found.add(URIRef(iri))
    return found


def undefined(terms: set[URIRef], vocab: Graph) -> list[str]:
    """Each term that vocab does not define as a class or property with a label and comment."""
    kinds = {RDFS.Class, RDF.Property}
    missing = []
    for term in sorted(terms):
        defined = kinds & set(vocab.objects(term, RDF.type))
        described = vocab.value(term, RDFS.label) and vocab.value(term, RDFS.comment)
        if not (defined and described):
            missing.append(str(term))
    return missing


def test_the_vocabulary_defines_every_term_the_context_uses() -> None:
    terms = gl_terms(context())
    assert len(terms) > 30
    assert undefined(terms, vocabulary()) == []


def test_a_term_the_vocabulary_lacks_is_reported() -> None:
    extended = {**context(), "bribe": "gl:bribe", "giftWrap": {"@id": "gl:giftWrap"}}
    assert undefined(gl_terms(extended), vocabulary()) == [
        "https://w3id.org/gift-ledger/vocab#bribe",
        "https://w3id.org/gift-ledger/vocab#giftWrap",
    ]


def test_every_gl_term_of_an_export_is_defined(runner: CliRunner) -> None:
    result = export(runner, RECORDS, "--format", "jsonld")
    graph = rdflib_graph(result.stdout)
    namespace = context()["gl"]
    used = {p for p in graph.predicates() if p.startswith(namespace)}
    used |= {c for c in graph.objects(None, RDF.type) if c.startswith(namespace)}
    assert isinstance(next(iter(used)), URIRef)
    assert undefined({URIRef(term) for term in used}, vocabulary()) == []


def test_each_class_links_to_a_standard_vocabulary() -> None:
    vocab = vocabulary()
    standard = ("https://schema.org/", "http://purl.org/dc/terms/", "http://www.w3.org/ns/oa#")
    classes = set(vocab.subjects(RDF.type, OWL.Class))
    assert len(classes) == 8
    for cls in classes:
        parents = [str(parent) for parent in vocab.objects(cls, RDFS.subClassOf)]
        assert any(parent.startswith(standard) for parent in parents), cls


def test_the_shapes_use_only_terms_the_vocabulary_defines() -> None:
    shapes = Graph().parse(PROJECT / "schema" / "shapes.ttl", format="turtle")
    namespace = context()["gl"]
    used = {
        term
        for triple in shapes
        for term in triple
        if isinstance(term, URIRef) and term.startswith(namespace)
    }
    assert len(used) > 25
    assert undefined(used, vocabulary()) == []
