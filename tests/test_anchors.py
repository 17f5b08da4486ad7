"""Every citation of every valid ledger is anchored exactly in its source's archived text:
in the JSON-LD export as an RDF processor (rdflib) reads it, and with the same offsets in the
JSON export and the data package."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Namespace, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from gift_ledger import load_ledger
from gift_ledger.anchors import CONTEXT, Anchors
from gift_ledger.check.matches import QuoteMatches
from gift_ledger.check.quotes import contains_quote, normalize, normalized_quote, segments_of
from gift_ledger.cli import app
from gift_ledger.models import Agreement, Gift

from .conftest import CASES, PROJECT
from .test_export_jsonld import rdflib_graph

OA = Namespace("http://www.w3.org/ns/oa#")
GL = Namespace("https://w3id.org/gift-ledger/vocab#")
SCHEMA = Namespace("https://schema.org/")
LEDGERS = [*sorted(p for p in (CASES / "valid").iterdir() if p.is_dir()), PROJECT / "records"]


BASE = "https://w3id.org/gift-ledger/id/"
"""The records' IRIs, given on the command line: a ledger's manifest may name another."""


def _export(runner: CliRunner, ledger: Path, format_name: str, output: Path) -> None:
    result = runner.invoke(
        app, ["export", str(ledger), "--format", format_name, "-o", str(output), "--base", BASE]
    )
    assert result.exit_code == 0, result.output


def _records(runner: CliRunner, ledger: Path, tmp_path: Path) -> list[dict[str, object]]:
    _export(runner, ledger, "json", tmp_path / "ledger.json")
    records: list[dict[str, object]] = json.loads((tmp_path / "ledger.json").read_bytes())
    return records


def _expected_segments(quote: str, text: str) -> tuple[str, ...]:
    """The quote's segments as matching sees them: the quote whole, if the text has it."""
    if contains_quote(normalize(text), quote, elisions=False):
        return (normalized_quote(quote),)
    segments = segments_of(quote)
    assert segments is not None
    return tuple(segments)


@pytest.mark.parametrize("ledger", LEDGERS, ids=lambda p: p.name)
def test_every_selector_anchors_its_quote_exactly(
    runner: CliRunner, ledger: Path, tmp_path: Path
) -> None:
    records = _records(runner, ledger, tmp_path)
    texts = {
        r["id"]: ledger / str(r["text"]) for r in records if r["type"] == "source" and "text" in r
    }
    _export(runner, ledger, "jsonld", tmp_path / "ledger.jsonld")
    graph = rdflib_graph((tmp_path / "ledger.jsonld").read_text(encoding="utf-8"))
    by_iri = {URIRef(f"{BASE}{r['id']}"): r for r in records}

    anchored = 0
    for record_iri, record in by_iri.items():
        if record["type"] not in ("gift", "agreement"):
            continue
        found: Counter[tuple[str, tuple[str, ...]]] = Counter()
        for citation in graph.objects(record_iri, GL.citation):
            source = str(graph.value(citation, OA.hasSource)).rsplit("/", 1)[1]
            if source not in texts:
                assert graph.value(citation, OA.hasState) is None
                continue
            data = texts[source].read_bytes()
            text = data.decode("utf-8-sig")
            state = graph.value(citation, OA.hasState)
            assert graph.value(state, RDF.type) == OA.TimeState
            cached = graph.value(state, OA.cachedSource)
            assert str(graph.value(cached, SCHEMA.sha256)) == hashlib.sha256(data).hexdigest()
            assert str(cached).startswith("ni:///sha-256;")
            selectors = list(graph.objects(citation, OA.hasSelector))
            positions = sorted(
                (int(graph.value(s, OA.start)), int(graph.value(s, OA.end)))  # type: ignore[arg-type]
                for s in selectors
                if graph.value(s, RDF.type) == OA.TextPositionSelector
            )
            quotes = {
                (str(graph.value(s, OA.exact)), str(graph.value(s, OA.prefix) or ""),
                 str(graph.value(s, OA.suffix) or ""))
                for s in selectors
                if graph.value(s, RDF.type) == OA.TextQuoteSelector
            }  # fmt: skip
            assert quotes == {
                (text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT])
                for start, end in positions
            }
            segments = tuple(
                normalize(text[start:end]).replace("\n", " ") for start, end in positions
            )
            found[(source, segments)] += 1
            anchored += 1
        expected = Counter(
            (c["source"], _expected_segments(c["quote"], texts[c["source"]].read_text("utf-8-sig")))
            for c in record["sources"]  # type: ignore[attr-defined]
            if c["source"] in texts
        )
        assert found == expected, record["id"]
    assert anchored > 0 or ledger.name in ("date-forms",)


@pytest.mark.parametrize("ledger", LEDGERS, ids=lambda p: p.name)
def test_the_json_exports_and_the_data_package_carry_the_same_offsets(
    runner: CliRunner, ledger: Path, tmp_path: Path
) -> None:
    records = _records(runner, ledger, tmp_path)
    _export(runner, ledger, "datapackage", tmp_path / "package")
    with (tmp_path / "package" / "quote_segments.csv").open(encoding="utf-8", newline="") as f:
        rows = [
            (r["record_id"], int(r["citation_position"]), int(r["position"]), int(r["start"]),
             int(r["end"]), r["exact"], r["prefix"], r["suffix"], r["text_sha256"])
            for r in csv.DictReader(f)
        ]  # fmt: skip
    from_json = [
        (r["id"], i, n, s["start"], s["end"], s["exact"], s["prefix"], s["suffix"],
         c["text_sha256"])
        for r in records
        if r["type"] in ("gift", "agreement")
        for i, c in enumerate(r["sources"], start=1)  # type: ignore[arg-type]
        for n, s in enumerate(c.get("segments", []), start=1)
    ]  # fmt: skip
    assert rows == from_json
    _export(runner, ledger, "ndjson", tmp_path / "ledger.ndjson")
    lines = (tmp_path / "ledger.ndjson").read_text(encoding="utf-8").split("\n")[:-1]
    assert [json.loads(line) for line in lines] == records


@pytest.mark.parametrize("ledger", LEDGERS, ids=lambda p: p.name)
def test_the_anchors_are_the_same_without_the_matches_validation_noted(ledger: Path) -> None:
    """The exports anchor each quote where validation found it; a quote it noted no match
    for (as in a ledger with errors, which `ledger show` still shows) is found again, at
    the same place."""
    loaded = load_ledger(ledger)
    citations = [
        citation
        for entry in loaded.ledger.entries
        if isinstance(entry.record, Gift | Agreement)
        for citation in entry.record.sources
    ]
    noted = [Anchors(loaded).of(citation) for citation in citations]
    assert any(anchor is not None for anchor in noted)
    loaded.texts.quotes = QuoteMatches()
    assert [Anchors(loaded).of(citation) for citation in citations] == noted


_ACTORS_AND_GIFT = """\
- type: actor
  id: kim
  kind: person
  name: Kim
  country: PRK
- type: actor
  id: putin
  kind: person
  name: Putin
  country: RUS
- type: gift
  id: g1
  giver: kim
  recipient: putin
  date: 2024-06-19
  items:
    - item: dog
      category: animal
      count: 2
  sources:
    - source: s1
      quote: two three four
"""


def test_a_source_id_given_twice_anchors_in_the_text_shown(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Validation checks the quote against the first source ``s1``, which is incomplete;
    `ledger show` shows the second, the one the ledger keeps: the quote is marked where
    that text has it, not at the first text's offsets."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("one two three four five\n", encoding="utf-8")
    (tmp_path / "texts" / "b.txt").write_text(
        "zzzzzzzzzzzz one two three four five\n", encoding="utf-8"
    )
    sources = (
        "- type: source\n  id: s1\n  title: Bad source\n  published: not-a-date\n"
        "  text: texts/a.txt\n"
        "- type: source\n  id: s1\n  title: Good source\n  published: 2024-06-20\n"
        "  text: texts/b.txt\n"
    )
    (tmp_path / "records.yaml").write_text(_ACTORS_AND_GIFT + sources, encoding="utf-8")
    result = runner.invoke(app, ["show", "g1", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "zzzzzzzzzzzz one >>two three four<< five" in result.output


def test_a_text_changed_after_validation_is_anchored_in_what_it_holds_now(
    tmp_path: Path,
) -> None:
    """The anchors carry the hash of the bytes read for them, so they must select the quote
    in those bytes, even if the file changed after validation found the quote in it."""
    (tmp_path / "texts").mkdir()
    text = tmp_path / "texts" / "b.txt"
    text.write_text("one two three four five\n", encoding="utf-8")
    sources = (
        "- type: source\n  id: s1\n  title: Good source\n  published: 2024-06-20\n"
        "  text: texts/b.txt\n"
    )
    (tmp_path / "records.yaml").write_text(_ACTORS_AND_GIFT + sources, encoding="utf-8")
    loaded = load_ledger(tmp_path)
    assert not loaded.report.failed()
    text.write_text("zzzzzzzz one two three four five\n", encoding="utf-8")
    gift = loaded.ledger.record("g1")
    assert isinstance(gift, Gift)
    anchor = Anchors(loaded).of(gift.sources[0])
    assert anchor is not None
    data = text.read_bytes()
    assert anchor.sha256 == hashlib.sha256(data).hexdigest()
    (segment,) = anchor.segments
    assert data.decode("utf-8")[segment.start : segment.end] == segment.exact == "two three four"
