"""The ledger manifest, ledger.toml: checked like a record file, and used by the exports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rdflib import URIRef
from typer.testing import CliRunner

from gift_ledger.cli import app

from .conftest import CASES
from .export_support import export
from .test_export_jsonld import SDO, rdflib_graph

CASE = CASES / "valid" / "manifest"
IGNORE = 'ignore = ["texts/*.json", "drafts/"]\n'


def ledger_copy(tmp_path: Path, manifest: str | None) -> Path:
    """The manifest example ledger, with another manifest (None: without one)."""
    folder = tmp_path / "ledger"
    shutil.copytree(CASE, folder)
    if manifest is None:
        (folder / "ledger.toml").unlink()
    else:
        (folder / "ledger.toml").write_text(manifest, "utf-8")
    return folder


def test_ignored_files_are_not_read_as_records(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(CASE), "--strict"])
    assert (result.exit_code, result.output) == (
        0,
        "7 records in 4 files: 0 errors, 0 warnings (strict): valid\n",
    )
    # Without the manifest, the article's metadata and the draft are record files.
    folder = ledger_copy(tmp_path, None)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert [line.split(" ")[0] for line in result.output.splitlines()[:-1]] == [
        f"{folder}/drafts/next.yaml:3:1:",
        f"{folder}/texts/dogs.json:1:1:",
    ]


def test_a_manifest_with_errors_still_ignores_its_files(runner: CliRunner, tmp_path: Path) -> None:
    folder = ledger_copy(tmp_path, 'title = ""\n' + IGNORE)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert result.output == (
        f"{folder}/ledger.toml:1:1: error [invalid-value] title in the manifest: "
        "string should have at least 1 character\n"
        "7 records in 4 files: 1 error, 0 warnings: invalid\n"
    )


def test_a_licence_without_a_known_url_needs_one(runner: CliRunner, tmp_path: Path) -> None:
    folder = ledger_copy(tmp_path, 'title = "Gifts"\n\nlicense = "LicenseRef-Desk-1"\n' + IGNORE)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{folder}/ledger.toml:3:1: error [invalid-value] the licence 'LicenseRef-Desk-1' is not "
        "one whose URL is known (CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, ODbL-1.0, "
        "ODC-By-1.0, PDDL-1.0): give its URL as license_url"
    )
    with_url = 'license = "LicenseRef-Desk-1"\nlicense_url = "https://example.org/licence"\n'
    with_url += IGNORE
    folder = ledger_copy(tmp_path / "2", with_url)
    assert runner.invoke(app, ["validate", str(folder)]).exit_code == 0


def test_the_manifest_problems_come_as_json_too(runner: CliRunner) -> None:
    case = CASES / "invalid" / "manifest-syntax"
    result = runner.invoke(app, ["validate", str(case), "--format", "json"])
    assert result.exit_code == 1
    [problem] = json.loads(result.output)["diagnostics"]
    assert problem["file"] == f"{case}/ledger.toml"
    assert (problem["line"], problem["column"], problem["code"]) == (2, 11, "toml-syntax")
    assert problem["message"] == "the manifest is not valid TOML: Invalid value"


def test_the_manifest_gives_the_base_unless_base_is_given(runner: CliRunner) -> None:
    result = export(runner, CASE, "--format", "jsonld")
    assert result.exit_code == 0
    ids = [node["@id"] for node in json.loads(result.stdout)["@graph"]]
    assert "https://example.org/summit/kim-jong-un" in ids
    result = export(runner, CASE, "--format", "jsonld", "--base", "https://other.example/id/")
    ids = [node["@id"] for node in json.loads(result.stdout)["@graph"]]
    assert "https://other.example/id/kim-jong-un" in ids


def test_the_dataset_node_describes_the_ledger(runner: CliRunner) -> None:
    result = export(runner, CASE, "--format", "jsonld")
    dataset = json.loads(result.stdout)["@graph"][0]
    title = {"@value": "Gifts of the 2024 Pyongyang summit", "@language": "en"}
    assert dataset == {
        "@id": "https://example.org/summit/",
        "@type": "Dataset",
        "label": title,
        "name": title,
        "description": {
            "@value": "A Pungsan dog pair and the defense pact, from one archived report.",
            "@language": "en",
        },
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "version": "1.2.0",
        "publisher": {
            "@id": "https://example.org/summit/#publisher",
            "name": "Example Desk",
            "url": "https://example.org/",
        },
        "maintainer": [
            {
                "@id": "https://example.org/summit/#maintainer-1",
                "name": "A. Researcher",
                "email": "researcher@example.org",
            }
        ],
    }
    graph = rdflib_graph(result.stdout)
    license_iri = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (URIRef("https://example.org/summit/"), SDO.license, license_iri) in graph


def test_without_a_manifest_the_dataset_has_a_generic_title(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = export(runner, ledger_copy(tmp_path, IGNORE), "--format", "jsonld")
    dataset = json.loads(result.stdout)["@graph"][0]
    assert dataset == {
        "@id": "https://w3id.org/gift-ledger/id/",
        "@type": "Dataset",
        "label": "A gift ledger",
        "name": "A gift ledger",
    }


def test_a_manifest_with_a_byte_order_mark_is_read(runner: CliRunner, tmp_path: Path) -> None:
    folder = ledger_copy(tmp_path, "\ufefftitle = 'Gifts'\n" + IGNORE)
    assert runner.invoke(app, ["validate", str(folder)]).exit_code == 0


def test_a_manifest_that_is_not_utf8_is_located(runner: CliRunner, tmp_path: Path) -> None:
    folder = ledger_copy(tmp_path, IGNORE)
    (folder / "ledger.toml").write_bytes(IGNORE.encode() + b"title = 'Caf\xe9'\n")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    # A manifest that cannot be read ignores nothing: the draft is an error too.
    assert result.output.splitlines()[1] == (
        f"{folder}/ledger.toml:2:13: error [encoding] byte 0xe9 is not valid UTF-8: "
        "save the file as UTF-8"
    )


def test_a_manifest_nested_deep_is_an_error_not_a_crash(runner: CliRunner, tmp_path: Path) -> None:
    folder = ledger_copy(tmp_path, IGNORE + "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    # A manifest that cannot be read ignores nothing: the draft is an error too.
    assert result.output.splitlines()[1] == (
        f"{folder}/ledger.toml:1:1: error [too-deep] values nest too deep for a manifest, "
        "whose tables are one level deep"
    )


def test_a_manifest_symlink_out_of_the_ledger_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    folder = ledger_copy(tmp_path, None)
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("title = 'Not this ledger'\n", "utf-8")
    (folder / "ledger.toml").symlink_to(outside)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    # A manifest that cannot be read ignores nothing: the draft is an error too.
    assert result.output.splitlines()[1] == (
        f"{folder}/ledger.toml:1:1: error [unreadable-file] cannot read the manifest: "
        "it is a symlink that leads outside the ledger folder"
    )


def test_values_from_the_manifest_are_escaped_on_the_terminal(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = ledger_copy(tmp_path, IGNORE + 'version = "1\\u001b[31m"\n')
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert result.output.splitlines()[0] == (
        f"{folder}/ledger.toml:2:1: error [invalid-value] version in the manifest: "
        "'1\\x1b[31m' is not a version, e.g. 1.0.0 or 2026-11"
    )


def test_a_malformed_ignore_pattern_is_located_and_the_others_hold(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = ledger_copy(tmp_path, 'title = "Gifts"\nignore = ["texts/*.json", "!", "drafts/"]\n')
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert result.output == (
        f"{folder}/ledger.toml:2:1: error [invalid-value] ignore in the manifest: "
        "'!' is not a pattern as .gitignore writes them, e.g. texts/*.json\n"
        "7 records in 4 files: 1 error, 0 warnings: invalid\n"
    )


def test_values_of_the_wrong_toml_type_say_what_to_write(runner: CliRunner, tmp_path: Path) -> None:
    text = 'title = 2024\nignore = "texts/*.json"\npublisher = "Example Desk"\n'
    folder = ledger_copy(tmp_path, text)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    # The ignore patterns cannot be read either: the draft and metadata are errors too.
    lines = [line.partition(" error ")[2] for line in result.output.splitlines()]
    assert [line for line in lines if "in the manifest" in line] == [
        "[invalid-value] title in the manifest: must be text, in quotes",
        '[invalid-value] ignore in the manifest: must be an array, e.g. ["texts/*.json"]',
        "[invalid-value] publisher in the manifest: must be a table, e.g. [publisher] with "
        "name = ...",
    ]


def test_a_ledger_whose_manifest_has_errors_exports_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = ledger_copy(tmp_path, 'base = "summit/"\n' + IGNORE)
    out = tmp_path / "ledger.jsonld"
    result = export(runner, folder, "--format", "jsonld", "--output", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{folder}/ledger.toml:1:1: error [invalid-value] base in the manifest: 'summit/' is "
        "not an absolute IRI ending in '/', '#' or ':', e.g. https://w3id.org/gift-ledger/id/"
    )
    assert not out.exists()
