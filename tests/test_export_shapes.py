"""schema/shapes.ttl: the export of every valid ledger conforms, and planted faults are caught.

pyshacl validates the JSON-LD export, read by rdflib, against the published shapes. Each
fault is planted in the exported document, as a downstream tool that rewrites the data
might, and must be reported at the node and property where it was planted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pyshacl
import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from typer.testing import CliRunner

from gift_ledger.exporters.jsonld import context
from gift_ledger.vocab import Category, Obligation

from .conftest import CASES, PROJECT
from .export_support import EVERY_FIELD, RECORDS, export
from .test_export_jsonld import rdflib_graph

SHAPES_FILE = PROJECT / "schema" / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")
BASE = "https://w3id.org/gift-ledger/id/"
GIFT = "northland-to-southland-dogs-2024"
TREATY = "northland-southland-friendship-treaty-2024"

Document = dict[str, Any]


@cache
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def violations(document: Document) -> set[tuple[str, str]]:
    """(focus node, property) of each violation, both without their common prefixes."""
    graph = rdflib_graph(json.dumps(document))
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes(), inference="none")
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = str(results.value(result, SH.focusNode)).removeprefix(BASE)
        path = results.value(result, SH.resultPath)
        found.add((focus, graph.namespace_manager.normalizeUri(path) if path else ""))
    assert conforms == (not found)
    return found


def exported(runner: CliRunner, ledger: Path) -> Document:
    result = export(runner, ledger, "--format", "jsonld")
    assert (result.exit_code, result.stderr) == (0, "")
    document: Document = json.loads(result.stdout)
    return document


VALID = sorted(path for path in (CASES / "valid").iterdir() if path.is_dir())


@pytest.mark.parametrize("ledger", [*VALID, RECORDS], ids=[*(p.name for p in VALID), "records"])
def test_the_export_of_every_valid_ledger_conforms(runner: CliRunner, ledger: Path) -> None:
    assert violations(exported(runner, ledger)) == set()


def node(document: Document, record_id: str) -> Document:
    found: Document = next(n for n in document["@graph"] if n["@id"] == BASE + record_id)
    return found


def _set(record_id: str, key: str, value: Any) -> Callable[[Document], None]:
    def plant(document: Document) -> None:
        node(document, record_id)[key] = value

    return plant


def _drop(record_id: str, key: str) -> Callable[[Document], None]:
    def plant(document: Document) -> None:
        del node(document, record_id)[key]

    return plant


def _item(change: Callable[[Document], None], number: int = 1) -> Callable[[Document], None]:
    def plant(document: Document) -> None:
        change(node(document, GIFT)["object"][number - 1])

    return plant


def _citation(change: Callable[[Document], None]) -> Callable[[Document], None]:
    def plant(document: Document) -> None:
        change(node(document, GIFT)["citation"][0])

    return plant


def _selectors(citation: Document) -> list[Document]:
    """A citation's selectors as a list: one quote selector, or one of each per segment."""
    selectors = citation["hasSelector"]
    return selectors if isinstance(selectors, list) else [selectors]


def _quote(text: str) -> Callable[[Document], None]:
    return _citation(lambda c: _selectors(c)[0].update(exact={"@value": text, "@language": "en"}))


def _with_position(citation: Document, start: int, end: int | None) -> None:
    """The citation's quote selector, and a text position selector in place of its own."""
    citation["hasSelector"] = [_selectors(citation)[0], _position(start, end)]


def _position(start: int, end: int | None) -> Document:
    """A W3C Web Annotation text position selector, as #16 adds them to citations."""
    selector: Document = {
        "@id": f"{BASE}{GIFT}#citation-1-selector-2",
        "@type": "http://www.w3.org/ns/oa#TextPositionSelector",
        "http://www.w3.org/ns/oa#start": {"@value": start, "@type": XSD_NNI},
    }
    if end is not None:
        selector["http://www.w3.org/ns/oa#end"] = {"@value": end, "@type": XSD_NNI}
    return selector


XSD_NNI = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
ITEM = f"{GIFT}#item-1"
CITATION = f"{GIFT}#citation-1"

FAULTS: dict[str, tuple[Callable[[Document], None], set[tuple[str, str]]]] = {
    "gift without giver": (_drop(GIFT, "agent"), {(GIFT, "schema:agent")}),
    "gift without recipient": (_drop(GIFT, "recipient"), {(GIFT, "schema:recipient")}),
    "giver not an actor": (
        _set(GIFT, "agent", BASE + "nobody"),
        {(GIFT, "schema:agent")},
    ),
    "gift without items": (_drop(GIFT, "object"), {(GIFT, "schema:object")}),
    "gift without date": (_drop(GIFT, "date"), {(GIFT, "gl:date")}),
    "gift without sources": (_drop(GIFT, "citation"), {(GIFT, "gl:citation")}),
    "count -5": (_item(lambda i: i.update(count=-5), 2), {(f"{GIFT}#item-2", "gl:count")}),
    "count 0": (_item(lambda i: i.update(count=0), 2), {(f"{GIFT}#item-2", "gl:count")}),
    "more names than count": (
        _item(lambda i: i.update(count=1)),
        {(ITEM, "gl:individualName")},
    ),
    "item without name": (_item(lambda i: i.pop("name")), {(ITEM, "schema:name")}),
    "item without category": (_item(lambda i: i.pop("category")), {(ITEM, "gl:category")}),
    "unknown category": (_item(lambda i: i.update(category="toy")), {(ITEM, "gl:category")}),
    "earliest after latest": (
        lambda d: node(d, GIFT)["date"].update(earliest="2024-07-01"),
        {(f"{GIFT}#date", "gl:earliest")},
    ),
    "empty quote": (_quote(""), {(f"{CITATION}-selector-1", "oa:exact")}),
    "quote of 501 characters": (_quote("x" * 501), {(f"{CITATION}-selector-1", "oa:exact")}),
    "citation without source": (
        _citation(lambda c: c.pop("hasSource")),
        {(CITATION, "oa:hasSource")},
    ),
    "citation of a record that is no source": (
        _citation(lambda c: c.update(hasSource=BASE + "northland")),
        {(CITATION, "oa:hasSource")},
    ),
    "citation without quote": (
        _citation(lambda c: c.pop("hasSelector")),
        {(CITATION, "oa:hasSelector")},
    ),
    "agreement with one party": (
        _set(TREATY, "party", [BASE + "northland"]),
        {(TREATY, "gl:party")},
    ),
    "a person as party": (
        _set(TREATY, "party", [BASE + "northland", BASE + "northland-leader"]),
        {(TREATY, "gl:party")},
    ),
    "a state as signatory": (
        _set(TREATY, "signatory", [BASE + "northland"]),
        {(TREATY, "gl:signatory")},
    ),
    "unknown obligation": (_set(TREATY, "obligation", ["bribery"]), {(TREATY, "gl:obligation")}),
    "state without country": (_drop("northland", "country"), {("northland", "gl:country")}),
    "country not alpha-3": (_set("northland", "country", "NL"), {("northland", "gl:country")}),
    "record without label": (_drop("southland", "label"), {("southland", "rdfs:label")}),
    "id not a slug": (
        _set("southland", "identifier", "South Land"),
        {("southland", "schema:identifier")},
    ),
    "a text position that ends before it starts": (
        _citation(lambda c: _with_position(c, 10, 5)),
        {(f"{CITATION}-selector-2", "oa:start")},
    ),
    "a text position without end": (
        _citation(lambda c: _with_position(c, 10, None)),
        {(f"{CITATION}-selector-2", "oa:end")},
    ),
    "dataset without title": (
        lambda d: d["@graph"][0].pop("name"),
        {("", "schema:name")},
    ),
    "dataset with a licence that is text": (
        lambda d: d["@graph"][0].update(license={"@value": "CC-BY-4.0"}),
        {("", "schema:license")},
    ),
    "actor without name or role": (
        lambda d: [node(d, "northland-leader").pop(k, None) for k in ("name", "jobTitle")],
        {("northland-leader", "")},
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_planted_fault_is_caught_where_it_is(runner: CliRunner, fault: str) -> None:
    plant, expected = FAULTS[fault]
    document = exported(runner, EVERY_FIELD)
    plant(document)
    assert violations(document) == expected


def _listed(shape_path: URIRef) -> set[str]:
    graph = shapes()
    for prop in graph.subjects(SH.path, shape_path):
        members = graph.value(prop, SH["in"])
        if members is not None:
            return {str(m) for m in graph.items(members)}
    raise AssertionError(f"no sh:in for {shape_path}")


def test_the_closed_lists_are_the_contracts() -> None:
    gl = Namespace(context()["gl"])
    assert _listed(gl.category) == {str(c) for c in Category}
    assert _listed(gl.obligation) == {str(o) for o in Obligation}


def test_a_citation_may_also_have_a_text_position(runner: CliRunner) -> None:
    document = exported(runner, EVERY_FIELD)
    citation = node(document, GIFT)["citation"][0]
    _with_position(citation, 5, 10)
    assert violations(document) == set()
