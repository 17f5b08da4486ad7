"""The JSON-LD export as RDF stores hold it: no blank nodes, the same graph however often loaded.

A store that refreshes a dataset loads the new export over the old one. With blank nodes
every item, citation and date would be there twice; with IRIs for every part, reloading
changes nothing. Checked with rdflib and with Oxigraph (pyoxigraph), each with its own
JSON-LD parser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, URIRef
from typer.testing import CliRunner

from .conftest import CASES
from .export_support import EVERY_FIELD, RECORDS, export
from .test_export_jsonld import GL, SDO, rdflib_graph

VALID = sorted(path for path in (CASES / "valid").iterdir() if path.is_dir())
LEDGERS = pytest.mark.parametrize(
    "ledger", [*VALID, RECORDS], ids=[*(path.name for path in VALID), "records"]
)


def jsonld(runner: CliRunner, ledger: Path, *options: str) -> str:
    result = export(runner, ledger, "--format", "jsonld", *options)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


@LEDGERS
def test_loading_twice_into_rdflib_gives_the_same_graph(runner: CliRunner, ledger: Path) -> None:
    text = jsonld(runner, ledger)
    graph = rdflib_graph(text)
    once = set(graph)
    rdflib_graph(text, graph)
    assert set(graph) == once
    assert len(graph) == len(once) > 50
    assert [triple for triple in graph if any(isinstance(t, BNode) for t in triple)] == []


@LEDGERS
def test_loading_twice_into_oxigraph_gives_the_same_graph(runner: CliRunner, ledger: Path) -> None:
    data = jsonld(runner, ledger).encode("utf-8")
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.JSON_LD)
    once = set(store)
    store.load(data, format=pyoxigraph.RdfFormat.JSON_LD)
    assert set(store) == once
    assert len(store) == len(once) > 50
    blank = [q for q in store if isinstance(q.subject, pyoxigraph.BlankNode)]
    blank += [q for q in store if isinstance(q.object, pyoxigraph.BlankNode)]
    assert blank == []
    assert len(once) == len(rdflib_graph(data.decode("utf-8")))  # both read the same triples


def test_parts_are_named_under_their_record_with_their_position(runner: CliRunner) -> None:
    base = "https://example.org/ledger/"
    graph = rdflib_graph(jsonld(runner, EVERY_FIELD, "--base", base))
    gift = base + "northland-to-southland-dogs-2024"
    items = sorted(graph.objects(URIRef(gift), SDO.object))
    assert items == [URIRef(f"{gift}#item-{n}") for n in (1, 2, 3)]
    assert [graph.value(item, SDO.position).toPython() for item in items] == [1, 2, 3]
    citation = URIRef(f"{gift}#citation-1")
    assert graph.value(URIRef(gift), GL.citation) == citation
    assert graph.value(citation, SDO.position).toPython() == 1
    oa_selector = URIRef("http://www.w3.org/ns/oa#hasSelector")
    assert graph.value(citation, oa_selector) == URIRef(f"{gift}#citation-1-selector-1")
    assert graph.value(URIRef(gift), GL.date) == URIRef(f"{gift}#date")
    assert graph.value(URIRef(gift), GL.estimatedValue) == URIRef(f"{gift}#value")
    treaty = base + "northland-southland-friendship-treaty-2024"
    provisions = sorted(graph.objects(URIRef(treaty), GL.provision))
    assert provisions == [URIRef(f"{treaty}#provision-1"), URIRef(f"{treaty}#provision-2")]


def test_under_a_hash_base_parts_stay_inside_the_fragment(runner: CliRunner) -> None:
    text = jsonld(runner, EVERY_FIELD, "--base", "https://example.org/ledger#")
    ids = [node["@id"] for node in json.loads(text)["@graph"]]
    assert "https://example.org/ledger#northland-to-southland-dogs-2024" in ids
    graph = rdflib_graph(text)
    gift = URIRef("https://example.org/ledger#northland-to-southland-dogs-2024")
    assert graph.value(gift, GL.date) == URIRef(f"{gift}/date")
    assert [t for t in graph if any(isinstance(x, BNode) for x in t)] == []


def test_the_same_ledger_gives_the_same_bytes(runner: CliRunner) -> None:
    assert jsonld(runner, RECORDS) == jsonld(runner, RECORDS)


def test_each_record_is_labelled_and_a_role_is_a_job_title(runner: CliRunner) -> None:
    graph = rdflib_graph(jsonld(runner, RECORDS))
    rdfs_label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    base = "https://w3id.org/gift-ledger/id/"
    assert any(str(s).startswith("ni:///") for s in graph.subjects())  # a text's node
    unlabelled = [
        subject
        for subject in set(graph.subjects())
        # records: the nodes under the base that are no part of another (archived texts,
        # named by their hash, are not records)
        if str(subject).startswith(base)
        and str(subject).count("#") == 0
        and graph.value(subject, rdfs_label) is None
    ]
    assert unlabelled == []
    bulgaria = URIRef(base + "president-of-bulgaria")  # known only by office
    assert str(graph.value(bulgaria, rdfs_label)) == "President of Bulgaria"
    gift = URIRef(base + "kim-to-putin-pungsan-dogs-2024")
    assert str(graph.value(gift, rdfs_label)) == (
        "Pungsan dog (2) from Kim Jong Un to Vladimir Putin, 2024-06-19/2024-06-20"
    )
    putin = URIRef(base + "vladimir-putin")
    assert str(graph.value(putin, SDO.jobTitle)) == "President of Russia"
