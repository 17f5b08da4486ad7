"""`ledger export --format jsonld`: read back by two JSON-LD processors, offline, losing nothing.

JSON-LD processors silently drop keys that the context does not map (pyld issue #50), so
a document that looks complete may say much less as RDF. These tests expand the export with
PyLD and rdflib and check that every value of every record comes back.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from gift_ledger.exporters import DEFAULT_BASE
from gift_ledger.exporters.jsonld import CONTEXT_FILE, context
from gift_ledger.validate import load_ledger

from .conftest import PROJECT
from .export_support import EVERY_FIELD, export, no_network, small_ledger, write_ledger

BASE = "https://example.org/ledger/"
GL = Namespace("https://w3id.org/gift-ledger/vocab#")
SDO = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = "http://www.wikidata.org/entity/"
EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")

# The classes that stand for a record's type and an actor's kind.
TYPE_CLASSES = {"actor": GL.Actor, "source": GL.Source, "gift": GL.Gift, "agreement": GL.Agreement}
KIND_CLASSES = {
    "person": {SDO.Person},
    "state": {SDO.Country, SDO.GovernmentOrganization},
    "organization": {SDO.Organization},
}
TRANSFER_CLASSES = {"gift": SDO.GiveAction, "loan": SDO.LendAction}


def _refuse_remote(url: str, options: object = None) -> None:
    raise AssertionError(f"the export asked for a remote document: {url}")


def pyld_nquads(document: dict[str, Any]) -> str:
    """The document expanded by PyLD, then as N-Quads, with no document loader to call."""
    with no_network():
        expanded = jsonld.expand(document, {"documentLoader": _refuse_remote})
        nquads: str = jsonld.to_rdf(
            expanded, {"format": "application/n-quads", "documentLoader": _refuse_remote}
        )
    return nquads


def rdflib_graph(text: str, graph: Graph | None = None) -> Graph:
    """The document as an rdflib graph (added to graph, if given), by rdflib's JSON-LD parser."""
    with no_network(), warnings.catch_warnings():
        # rdflib 7.6's JSON-LD parser builds a ConjunctiveGraph internally and warns about
        # its own deprecated class (RDFLib/rdflib#3064, fixed by #3495 after 7.6).
        warnings.filterwarnings(
            "ignore", message="ConjunctiveGraph is deprecated", category=DeprecationWarning
        )
        return (Graph() if graph is None else graph).parse(data=text, format="json-ld")


def exported(runner: CliRunner) -> str:
    result = export(runner, EVERY_FIELD, "--format", "jsonld", "--base", BASE)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def leaves(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every scalar inside a record dump, with its path of keys."""
    if isinstance(value, dict):
        for key, member in value.items():
            yield from leaves(member, (*path, key))
    elif isinstance(value, list):
        for member in value:
            yield from leaves(member, path)
    else:
        yield path, value


def reachable(graph: Graph, subject: URIRef) -> set[Any]:
    """Every object said of subject, following its parts (items, citations, dates)."""
    parts = f"{subject}#"
    found: set[Any] = set()
    todo: list[Any] = [subject]
    while todo:
        node = todo.pop()
        for obj in graph.objects(node, None):
            if obj not in found:
                found.add(obj)
                if isinstance(obj, URIRef) and obj.startswith(parts):
                    todo.append(obj)
    return found


def missing_values(graph: Graph, base: str) -> list[str]:
    """Each record value (as `id/path=value`) that the graph does not say of its record."""
    missing = []
    checked = 0
    for entry in load_ledger(EVERY_FIELD).ledger.entries:
        record = entry.record
        subject = URIRef(base + record.id)
        terms = reachable(graph, subject)
        literals = {str(term) for term in terms if isinstance(term, Literal)}
        iris = {str(term) for term in terms if isinstance(term, URIRef)}
        for path, value in leaves(record.model_dump(mode="json", exclude_none=True)):
            checked += 1
            if path == ("type",):
                found = TYPE_CLASSES[value] in terms
            elif path == ("kind",):
                found = KIND_CLASSES[value] <= terms
            elif path == ("transfer",):
                found = TRANSFER_CLASSES[value] in terms
            else:
                text = str(value)
                found = text in literals or bool({text, base + text, WD + text} & iris)
            if not found:
                missing.append(f"{record.id}/{'/'.join(path)}={value!r}")
    assert checked > 80  # the example uses every field: make sure the walk saw them
    return missing


def test_two_processors_read_the_same_triples_offline(runner: CliRunner) -> None:
    text = exported(runner)
    nquads = pyld_nquads(json.loads(text))
    assert all(line.endswith(" .") for line in nquads.splitlines())
    from_pyld = Graph().parse(data=nquads, format="nt")
    from_rdflib = rdflib_graph(text)
    assert len(nquads.splitlines()) == len(from_rdflib) == len(from_pyld) > 100
    assert isomorphic(from_pyld, from_rdflib)


def test_every_value_of_every_record_comes_back_as_rdf(runner: CliRunner) -> None:
    graph = Graph().parse(data=pyld_nquads(json.loads(exported(runner))), format="nt")
    assert missing_values(graph, BASE) == []


def test_the_check_catches_a_term_the_context_does_not_map(runner: CliRunner) -> None:
    # Without its term, PyLD drops the occasion silently: the check above must notice.
    document = json.loads(exported(runner))
    del document["@context"]["occasion"]
    graph = Graph().parse(data=pyld_nquads(document), format="nt")
    assert missing_values(graph, BASE) == [
        "northland-to-southland-dogs-2024/occasion='The state banquet'"
    ]


def test_records_get_schema_org_types_iris_and_wikidata_links(runner: CliRunner) -> None:
    graph = rdflib_graph(exported(runner))
    gift = URIRef(BASE + "northland-to-southland-dogs-2024")
    state = URIRef(BASE + "northland")
    assert set(graph.objects(state, RDF.type)) == {
        SDO.Country,
        SDO.GovernmentOrganization,
        GL.Actor,
    }
    assert (state, SDO.sameAs, URIRef(WD + "Q55")) in graph
    assert (state, GL.countryName, Literal("Netherlands", lang="en")) in graph
    assert set(graph.objects(gift, RDF.type)) == {SDO.GiveAction, GL.Gift}
    assert (gift, SDO.agent, URIRef(BASE + "northland-leader")) in graph
    assert (gift, SDO.recipient, URIRef(BASE + "southland-president")) in graph
    source = URIRef(BASE + "summit-report-2024")
    assert set(graph.objects(source, RDF.type)) == {SDO.NewsArticle, GL.Source}
    assert (
        source,
        SDO.headline,
        Literal("Leaders exchange gifts at the summit", lang="en"),
    ) in graph
    assert (source, SDO.datePublished, Literal("2024-06-20", datatype=XSD.date)) in graph
    assert (source, SDO.url, URIRef("https://news.example.org/summit-report")) in graph
    treaty = URIRef(BASE + "northland-southland-friendship-treaty-2024")
    assert set(graph.objects(treaty, RDF.type)) == {SDO.Legislation, GL.Agreement}
    dogs = graph.value(predicate=SDO.name, object=Literal("Hunting dog"))
    assert (gift, SDO.object, dogs) in graph
    assert graph.value(dogs, GL["count"]) == Literal(2)
    assert set(graph.objects(dogs, GL.individualName)) == {Literal("Gomi"), Literal("Songgang")}
    assert graph.value(dogs, SDO.additionalType) == URIRef(WD + "Q144")
    value = graph.value(gift, GL.estimatedValue)
    assert graph.value(value, SDO.value) == Literal("650", datatype=XSD.decimal)
    assert graph.value(value, SDO.currency) == Literal("USD")


def test_a_loan_is_a_lend_action_with_its_borrower_and_end(runner: CliRunner) -> None:
    graph = rdflib_graph(exported(runner))
    loan = URIRef(BASE + "news-agency-to-northland-report-2024")
    assert set(graph.objects(loan, RDF.type)) == {SDO.LendAction, GL.Gift}
    assert (loan, SDO.agent, URIRef(BASE + "state-news-agency")) in graph
    assert (loan, SDO.borrower, URIRef(BASE + "northland")) in graph
    until = graph.value(loan, GL.until)
    assert graph.value(until, RDF.type) == GL.DateSpan
    assert (URIRef(BASE + "northland-to-southland-dogs-2024"), SDO.borrower, None) not in graph


def test_a_citation_keeps_its_source_and_quote_as_a_web_annotation(runner: CliRunner) -> None:
    graph = rdflib_graph(exported(runner))
    citation = graph.value(URIRef(BASE + "news-agency-to-northland-report-2024"), GL.citation)
    assert set(graph.objects(citation, RDF.type)) == {GL.Citation, OA.SpecificResource}
    assert graph.value(citation, OA.hasSource) == URIRef(BASE + "summit-report-2024")
    selector = graph.value(citation, OA.hasSelector)
    assert graph.value(selector, RDF.type) == OA.TextQuoteSelector
    assert graph.value(selector, OA.exact) == Literal("state media said on Wednesday", lang="en")


DATES = {
    # a day, exact: xsd:date
    "northland-to-southland-dogs-2024": (
        "2024-06-19",
        Literal("2024-06-19", datatype=XSD.date),
        "2024-06-19",
        "2024-06-19",
    ),
    # a month, exact at that precision: xsd:gYearMonth
    "northland-southland-friendship-treaty-2024": (
        "2024-06",
        Literal("2024-06", datatype=XSD.gYearMonth),
        "2024-06-01",
        "2024-06-30",
    ),
    # an approximate month has no exact value, only its span
    "news-agency-to-northland-report-2024": ("2024-06~", None, "2024-06-01", "2024-06-30"),
}


@pytest.mark.parametrize("record_id", DATES)
def test_dates_carry_edtf_exact_value_and_span(runner: CliRunner, record_id: str) -> None:
    edtf, exact, earliest, latest = DATES[record_id]
    graph = rdflib_graph(exported(runner))
    date = graph.value(URIRef(BASE + record_id), GL.date)
    assert graph.value(date, RDF.type) == GL.DateSpan
    assert graph.value(date, GL.edtf) == Literal(edtf, datatype=EDTF)
    assert graph.value(date, GL.exactDate) == exact
    assert graph.value(date, GL.earliest) == Literal(earliest, datatype=XSD.date)
    assert graph.value(date, GL.latest) == Literal(latest, datatype=XSD.date)


def test_the_context_is_inline_and_the_same_as_the_published_one(runner: CliRunner) -> None:
    package_copy = (PROJECT / "gift_ledger" / "exporters" / CONTEXT_FILE).read_bytes()
    published = (PROJECT / "schema" / CONTEXT_FILE).read_bytes()
    assert published == package_copy
    document = json.loads(exported(runner))
    assert document["@context"] == json.loads(published)["@context"] == context()
    assert list(document) == ["@context", "@graph"]
    assert len(document["@graph"]) == 10  # the dataset and 9 records
    assert document["@graph"][0]["@type"] == "Dataset"


def test_the_default_base_gives_w3id_iris(runner: CliRunner) -> None:
    result = export(runner, EVERY_FIELD, "--format", "jsonld")
    ids = [node["@id"] for node in json.loads(result.stdout)["@graph"]]
    assert ids[:2] == [
        "https://w3id.org/gift-ledger/id/",
        "https://w3id.org/gift-ledger/id/northland",
    ]


def test_a_base_that_is_not_an_absolute_iri_is_refused(runner: CliRunner) -> None:
    result = export(runner, EVERY_FIELD, "--format", "jsonld", "--base", "ledger/")
    assert result.exit_code == 2
    assert result.stderr == (
        "ledger: error: base IRI 'ledger/' is not an absolute IRI ending in '/', '#' or ':', "
        "e.g. https://w3id.org/gift-ledger/id/\n"
    )
    assert result.stdout == ""


def test_a_url_with_characters_iris_forbid_stays_one_iri(runner: CliRunner, tmp_path: Path) -> None:
    ledger = small_ledger()
    ledger[2]["url"] = "https://example.org/search?q={dogs}|cats"
    result = export(runner, write_ledger(tmp_path / "ledger", ledger), "-f", "jsonld")
    assert result.exit_code == 0
    graph = rdflib_graph(result.stdout)
    expected = URIRef("https://example.org/search?q=%7Bdogs%7D%7Ccats")
    assert graph.value(URIRef(DEFAULT_BASE + "report"), SDO.url) == expected
    assert len(pyld_nquads(json.loads(result.stdout)).splitlines()) == len(graph)
