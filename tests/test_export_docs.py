"""docs/exports.md describes what the exporters write: no format, term, table or column missing."""

from __future__ import annotations

from gift_ledger.exporters import DEFAULT_BASE, EXPORTERS
from gift_ledger.exporters.datapackage import TABLES
from gift_ledger.exporters.jsonld import context
from gift_ledger.tables.flat import COLUMNS

from .conftest import PROJECT

DOC = (PROJECT / "docs" / "exports.md").read_text(encoding="utf-8")


def test_the_namespace_and_the_default_base_are_documented() -> None:
    assert context()["gl"] in DOC
    assert f"**`{DEFAULT_BASE}`**" in DOC


def test_every_format_has_a_section() -> None:
    # "## json and ndjson: the records ..." documents json and ndjson.
    headings = [line[3:].partition(":")[0] for line in DOC.splitlines() if line.startswith("## ")]
    documented = {name for heading in headings for name in heading.split(" and ")}
    assert set(EXPORTERS) <= documented


def test_every_term_of_the_context_is_documented() -> None:
    terms = [term for term in context() if not term.startswith("@")]
    prefixes = {"gl", "schema", "oa", "xsd", "wd", "rdfs"}
    undocumented = [t for t in terms if t not in prefixes and f"`{t}`" not in DOC]
    # Classes are documented by their IRI (`schema:Person`), properties by their key.
    iris = [context()[t] for t in undocumented]
    assert [iri for iri in iris if f"`{iri}`" not in DOC] == []


def test_every_csv_column_is_documented() -> None:
    assert [column for column in COLUMNS if f"`{column}`" not in DOC] == []


def test_every_table_and_column_of_the_package_is_documented() -> None:
    lines = {line.split("|")[1].strip(" `"): line for line in DOC.splitlines() if "|" in line}
    for table in TABLES:
        assert table.name in lines, table.name
        row = lines[table.name]
        assert [c.name for c in table.columns if f"`{c.name}`" not in row] == [], table.name


def test_every_row_rule_of_the_package_is_documented() -> None:
    rows = {line for line in DOC.splitlines() if line.startswith("| `")}
    for table in TABLES:
        for rule in table.row_rules:
            assert f"| `{table.name}` | `{rule}` |" in "\n".join(rows), (table.name, rule)
