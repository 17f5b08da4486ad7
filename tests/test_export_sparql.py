"""The SPARQL query of docs/exports.md runs on the export, in rdflib and in Oxigraph alike."""

from __future__ import annotations

import re

import pyoxigraph
from typer.testing import CliRunner

from .conftest import PROJECT
from .export_support import RECORDS, export
from .test_export_jsonld import rdflib_graph

DOC = (PROJECT / "docs" / "exports.md").read_text(encoding="utf-8")
BASE = "https://w3id.org/gift-ledger/id/"
QUOTE = (
    "Kim Jong Un gave Russian President Vladimir Putin a pair of Pungsan dogs, a local breed, "
    "state media KCNA reported Thursday"
)


def documented_query() -> str:
    found = re.search(r"```sparql\n(.*?)```", DOC, re.DOTALL)
    assert found, "docs/exports.md has no ```sparql block"
    return found.group(1)


Row = tuple[str | None, ...]


def oxigraph_rows(data: bytes, query: str) -> list[Row]:
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.JSON_LD)
    solutions = store.query(query)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return [tuple(None if term is None else term.value for term in row) for row in solutions]


def rdflib_rows(text: str, query: str) -> list[Row]:
    result = rdflib_graph(text).query(query)
    return [tuple(None if term is None else str(term) for term in row) for row in result]


def test_all_gifts_to_putin_with_dates_and_quoted_sources(runner: CliRunner) -> None:
    result = export(runner, RECORDS, "--format", "jsonld")
    assert result.exit_code == 0
    query = documented_query()
    rows = oxigraph_rows(result.stdout_bytes, query)
    assert rows == rdflib_rows(result.stdout, query)
    gifts = [(row[0] or "").removeprefix(BASE) for row in rows]
    assert gifts == [
        "bulgarian-president-to-putin-karakachan-dog-buffy",
        "former-defense-minister-to-putin-labrador-konni",
        "japan-to-putin-akita-dog-yume-2012",
        "turkmen-president-to-putin-puppy-2017",
        "kyrgyz-leader-to-putin-puppy-and-horse-2019",
        "serbian-president-to-putin-puppy-pasha-2019",
        "kim-to-putin-pungsan-dogs-2024",
        "kim-to-putin-pungsan-dogs-2024",
        "kim-to-putin-pungsan-dogs-2024",
    ]
    # The Pungsan dogs: the date, its span, each source's headline and quote, in order.
    assert rows[7] == (
        BASE + "kim-to-putin-pungsan-dogs-2024",
        "2024-06-19/2024-06-20",
        "2024-06-19",
        "2024-06-20",
        "Putin gets a pair of North Korean hunting dogs after defense pact with dictator Kim",
        QUOTE,
    )
    # A gift the source gives no date for: open at both ends.
    assert rows[0][1:4] == ("XXXX", None, None)
