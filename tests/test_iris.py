"""Every IRI in the JSON-LD export is a valid IRI (RFC 3987), whatever a URL holds (#18).

URLs with control characters, a stray `%`, a second `#`, brackets or bidirectional
controls were emitted as they were; now what an IRI cannot hold is percent-encoded, and a
`--base` that is not already a valid IRI is refused.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import URIRef
from typer.testing import CliRunner

from gift_ledger.exporters import DEFAULT_BASE
from gift_ledger.exporters.iris import as_iri

from .export_support import EVERY_FIELD, export, small_ledger, write_ledger
from .test_export_jsonld import SDO, pyld_nquads, rdflib_graph

# RFC 3987 `ipchar` and the query's `/` and `?`, as an independent statement of the grammar;
# bidirectional controls are forbidden by its section 4.1.
_CHAR = (
    r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2}"
    r"|(?![\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069])"
    r"[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    + "".join(rf"\U000{plane:X}0000-\U000{plane:X}fffd" for plane in range(1, 14))
    + r"\U000e1000-\U000efffd])"
)
IRI = re.compile(rf"https?://{_CHAR}*(?:#{_CHAR}*)?")


@pytest.mark.parametrize(
    ("url", "iri"),
    [
        ("https://example.org/a\x01b\x7fc", "https://example.org/a%01b%7Fc"),
        ("https://example.org/100%?q=%zz%41", "https://example.org/100%25?q=%25zz%41"),
        ("https://example.org/#one#two", "https://example.org/#one%23two"),
        ("https://example.org/a[1]\\b", "https://example.org/a%5B1%5D%5Cb"),
        ("https://example.org/caf\u00e9\u202eevil", "https://example.org/café%E2%80%AEevil"),
        ("https://[2001:db8::1]/x", "https://[2001:db8::1]/x"),
    ],
)
def test_a_url_is_exported_as_a_valid_iri(
    runner: CliRunner, tmp_path: Path, url: str, iri: str
) -> None:
    ledger = small_ledger()
    ledger[2]["url"] = url
    result = export(runner, write_ledger(tmp_path / "ledger", ledger), "-f", "jsonld")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    exported = next(node["url"] for node in document["@graph"] if "url" in node)
    assert exported == iri
    assert IRI.fullmatch(exported) or exported.startswith("https://[")
    graph = rdflib_graph(result.stdout)
    assert graph.value(URIRef(DEFAULT_BASE + "report"), SDO.url) == URIRef(iri)
    assert len(pyld_nquads(document).splitlines()) == len(graph)


@given(st.text())
def test_any_url_becomes_a_valid_iri_and_stays_one(path: str) -> None:
    iri = as_iri("https://example.org/" + path)
    assert IRI.fullmatch(iri), iri
    assert as_iri(iri) == iri


@pytest.mark.parametrize(
    ("base", "problem"),
    [
        (
            "https://example.org/\x1b[2J/",
            "it holds '\\x1b' at character 21, which an IRI cannot hold",
        ),
        ("https://example.org/%zz/", "the '%' at character 21 starts no escape (%XX)"),
        ("https://example.org/#ids#", "it has a second '#', at character 25"),
    ],
)
def test_a_base_that_is_not_a_valid_iri_is_refused(
    runner: CliRunner, base: str, problem: str
) -> None:
    result = export(runner, EVERY_FIELD, "-f", "jsonld", "--base", base)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"ledger: error: base IRI {base!r} is not a valid IRI: {problem}\n".replace("\x1b", "\\x1b")
    )
