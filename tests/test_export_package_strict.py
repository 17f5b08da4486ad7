"""The data package refuses broken data: each planted corruption is caught by frictionless.

Every rule of the contract that a Table Schema can say is a constraint or a key of the
package (`gift_ledger.tables.package`); the rules between two columns are row
rules, run as Frictionless ``row-constraint`` checks. Each corruption is planted in one
cell of an exported package, as someone editing it in a spreadsheet might, and must be
reported on that table and field, and nothing else.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import frictionless
import pytest
from typer.testing import CliRunner

from gift_ledger.exporters.datapackage import PROFILE, TABLES

from .export_support import EVERY_FIELD, RECORDS, export, no_network
from .test_manifest import CASE as MANIFEST_CASE

Problem = tuple[str, str, str]
"""(table, error type, field or the row rule's formula)."""


def package_problems(folder: Path) -> set[Problem]:
    """What frictionless finds in a package: its own validation, then each row rule."""
    found: set[Problem] = set()
    with no_network():
        report = frictionless.validate(folder / "datapackage.json")
        for task in report.tasks:
            for error in task.errors:
                found.add((task.name, error.type, getattr(error, "field_name", "")))
        package = frictionless.Package(folder / "datapackage.json")
        for table in TABLES:
            if not table.row_rules:
                continue
            checks = [frictionless.checks.row_constraint(formula=rule) for rule in table.row_rules]
            checklist = frictionless.Checklist(checks=checks, pick_errors=["row-constraint"])
            rows = package.get_resource(table.name).validate(checklist=checklist)
            for error in rows.flatten(["type", "note"]):
                formula = error[1].split('"')[1]
                found.add((table.name, error[0], formula))
    return found


def exported_package(runner: CliRunner, tmp_path: Path, ledger: Path = EVERY_FIELD) -> Path:
    out = tmp_path / "package"
    result = export(runner, ledger, "--format", "datapackage", "--output", out)
    assert result.exit_code == 0, result.stderr
    return out


def plant(folder: Path, table: str, row: int, column: str, value: str) -> None:
    """Write value into one cell: the row-th data row (from 1) of the table's column."""
    path = folder / f"{table}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))
    assert column in rows[row - 1], column
    rows[row - 1][column] = value
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8", newline="")


@pytest.mark.parametrize(
    "ledger", [EVERY_FIELD, RECORDS, MANIFEST_CASE], ids=["every-field", "records", "manifest"]
)
def test_every_valid_package_passes_every_check(
    runner: CliRunner, tmp_path: Path, ledger: Path
) -> None:
    assert package_problems(exported_package(runner, tmp_path, ledger)) == set()


GIFT_DATE = "not(date_earliest)or(not(date_latest))or(not(date_earliest>date_latest))"

# (table, data row, column, value) -> what frictionless reports
CORRUPTIONS: dict[str, tuple[tuple[str, int, str, str], set[Problem]]] = {
    # The five of issue #17
    "an agreement party that is no actor": (
        ("agreement_parties", 1, "actor_id", "nobody"),
        {("agreement_parties", "foreign-key", "")},
    ),
    "count -5": (
        ("gift_items", 1, "count", "-5"),
        {("gift_items", "constraint-error", "count")},
    ),
    "earliest after latest": (
        ("gifts", 1, "date_earliest", "2024-06-20"),
        {("gifts", "row-constraint", GIFT_DATE)},
    ),
    "currency dollars": (
        ("gifts", 1, "value_currency", "dollars"),
        {("gifts", "constraint-error", "value_currency")},
    ),
    "wikidata not-a-qid": (
        ("actors", 1, "wikidata", "not-a-qid"),
        {("actors", "constraint-error", "wikidata")},
    ),
    # ... and more
    "a signatory that is no actor": (
        ("agreement_signatories", 1, "actor_id", "nobody"),
        {("agreement_signatories", "foreign-key", "")},
    ),
    "a giver that is no actor": (
        ("gift_givers", 1, "actor_id", "summit-report-2024"),
        {("gift_givers", "foreign-key", "")},
    ),
    "a citation of a record that is no source": (
        ("citations", 1, "source_id", "northland"),
        {("citations", "foreign-key", "")},
    ),
    "a related record that does not exist": (
        ("related", 1, "related_id", "nothing-here"),
        {("related", "foreign-key", "")},
    ),
    "an item of no gift": (
        ("gift_items", 1, "gift_id", "no-such-gift"),
        {("gift_items", "foreign-key", ""), ("gift_item_names", "foreign-key", "")},
    ),
    "count 0": (("gift_items", 1, "count", "0"), {("gift_items", "constraint-error", "count")}),
    "total 0": (("gifts", 1, "total", "0"), {("gifts", "constraint-error", "total")}),
    "value 0": (
        ("gifts", 1, "value_amount", "0"),
        {
            ("gifts", "constraint-error", "value_amount"),
            ("gifts", "row-constraint", "not(value_currency)or(value_amount)"),
        },
    ),
    "until on a gift that is not a loan": (
        ("gifts", 1, "until", "2030"),
        {("gifts", "row-constraint", "not(until)or((transfer)in('loan',))")},
    ),
    "a transfer outside the vocabulary": (
        ("gifts", 1, "transfer", "swap"),
        {("gifts", "constraint-error", "transfer")},
    ),
    "a value without currency": (
        ("gifts", 1, "value_currency", ""),
        {("gifts", "row-constraint", "not(value_amount)or(value_currency)")},
    ),
    "position 0": (
        ("provisions", 1, "position", "0"),
        {("provisions", "constraint-error", "position")},
    ),
    "an unknown category": (
        ("gift_items", 1, "category", "toy"),
        {("gift_items", "constraint-error", "category")},
    ),
    "an unknown kind": (("actors", 1, "kind", "alien"), {("actors", "constraint-error", "kind")}),
    "an unknown obligation": (
        ("agreement_obligations", 1, "obligation", "bribery"),
        {("agreement_obligations", "constraint-error", "obligation")},
    ),
    "a quote of 501 characters": (
        ("citations", 1, "quote", "x" * 501),
        {("citations", "constraint-error", "quote")},
    ),
    "a date that is not EDTF": (
        ("agreements", 1, "date", "June 2024"),
        {("agreements", "constraint-error", "date")},
    ),
    "a country that is not alpha-3": (
        ("actors", 1, "country", "NL"),
        {("actors", "constraint-error", "country")},
    ),
    "a language that is no tag": (
        ("sources", 1, "language", "english"),
        {("sources", "constraint-error", "language")},
    ),
    "a url that is not http": (
        ("sources", 1, "url", "ftp://example.org/x"),
        {("sources", "constraint-error", "url")},
    ),
    "a source without title": (
        ("sources", 1, "title", ""),
        {("sources", "constraint-error", "title")},
    ),
    "an actor without name or role": (
        ("actors", 4, "role", ""),
        {("actors", "row-constraint", "(name)or(role)")},
    ),
    "a state without country": (
        ("actors", 2, "country", ""),
        {("actors", "row-constraint", "(country)or((kind)in('person','organization'))")},
    ),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_each_planted_corruption_is_refused(
    runner: CliRunner, tmp_path: Path, corruption: str
) -> None:
    cell, expected = CORRUPTIONS[corruption]
    folder = exported_package(runner, tmp_path)
    plant(folder, *cell)
    assert package_problems(folder) == expected


def test_the_descriptor_is_data_package_v2_with_the_manifests_metadata(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = exported_package(runner, tmp_path, MANIFEST_CASE)
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    resources = descriptor.pop("resources")
    assert descriptor == {
        "$schema": PROFILE,
        "name": "gift-ledger",
        "title": "Gifts of the 2024 Pyongyang summit",
        "description": "A Pungsan dog pair and the defense pact, from one archived report.",
        "version": "1.2.0",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": "Archived news reports", "path": "https://example.org/archive/"}],
        "contributors": [
            {"title": "Example Desk", "path": "https://example.org/", "roles": ["publisher"]},
            {"title": "A. Researcher", "email": "researcher@example.org", "roles": ["maintainer"]},
        ],
    }
    assert [resource["name"] for resource in resources] == [table.name for table in TABLES]
    parties = next(r for r in resources if r["name"] == "agreement_parties")
    assert parties["schema"]["foreignKeys"] == [
        {"fields": ["agreement_id"], "reference": {"resource": "agreements", "fields": ["id"]}},
        {"fields": ["actor_id"], "reference": {"resource": "actors", "fields": ["id"]}},
    ]
