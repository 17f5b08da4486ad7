"""The `ledger` command as a user runs it: exact output and exit codes for each format."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gift_ledger import __version__
from gift_ledger.cli import app

from .conftest import CASES

ARTICLE = (CASES / "valid" / "minimal" / "texts" / "dogs.txt").read_text(encoding="utf-8")

# One ledger with five problems: a typo'd key, a dangling reference, an impossible date,
# a duplicate id and a quote that is not in its article.
FIVE_PROBLEMS = """\
- type: actor
  id: kim-jong-un
  kind: person
  name: Kim Jong Un
- type: actor
  id: vladimir-putin
  kind: person
  name: Vladimir Putin
- type: source
  id: dogs-report
  title: Putin gets a pair of dogs
  text: texts/dogs.txt
- type: gift
  id: kim-to-putin-dogs-2024
  giver: kim-jong-un
  recipient: vladimir-putin
  date: 2024-06-19
  items: [{item: Pungsan dog, category: animal, count: 2}]
  sources:
    - source: dogs-report
      quote: gave Russian President Vladimir Putin two Pungsan dogs
- type: gift
  id: kim-to-putin-horse-2024
  giver: kim-jong-un
  recipient: vladimir-putin
  date: 2024-06-19
  items: [{item: Horse, category: animal}]
  ocasion: Putin's visit
  sources: [{source: dogs-report, quote: state media reported Thursday}]
- type: gift
  id: kim-to-putin-dogs-2024
  giver: kim-jong-un
  recipient: vladimir-putin
  date: 2024-06-19
  items: [{item: Carrot, category: food}]
  sources: [{source: dogs-report, quote: state media reported Thursday}]
- type: gift
  id: kim-to-putin-sword-2024
  giver: kim-jong-un
  recipient: vladimir-puttin
  date: 2024-06-19
  items: [{item: Sword, category: weapon}]
  sources: [{source: dogs-report, quote: state media reported Thursday}]
- type: gift
  id: kim-to-putin-car-2024
  giver: kim-jong-un
  recipient: vladimir-putin
  date: 2024-06-31
  items: [{item: Car, category: vehicle}]
  sources: [{source: dogs-report, quote: state media reported Thursday}]
"""


@pytest.fixture
def five_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    records = tmp_path / "records"
    (records / "texts").mkdir(parents=True)
    (records / "texts" / "dogs.txt").write_text(ARTICLE, encoding="utf-8")
    (records / "ledger.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return records


@pytest.fixture
def valid_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(CASES / "valid" / "minimal", tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "records"


def test_text_report_names_each_problem_on_its_line(runner: CliRunner, five_problems: Path) -> None:
    result = runner.invoke(app, ["validate", "records"])
    assert result.output == (
        "records/ledger.yaml:21:14: error [quote-not-found] the quote is not in the text of "
        'source \'dogs-report\': quote has "two", text has "a pair of", in the closest '
        'passage "gave Russian President Vladimir Putin a pair of Pungsan dogs"\n'
        "records/ledger.yaml:28:3: error [unknown-field] unknown field 'ocasion': "
        "did you mean 'occasion'?\n"
        "records/ledger.yaml:31:7: error [duplicate-id] id 'kim-to-putin-dogs-2024' is already "
        "used by another record: choose a new id (see records/ledger.yaml:14:7)\n"
        "records/ledger.yaml:40:14: error [unknown-reference] no record has id "
        "'vladimir-puttin': did you mean 'vladimir-putin'?\n"
        "records/ledger.yaml:48:9: error [invalid-date] 'date': '2024-06-31': 2024-06 has no "
        "day 31 (it has 30 days)\n"
        "8 records in 1 file: 5 errors, 0 warnings: invalid\n"
    )
    assert result.exit_code == 1


def test_json_report_has_one_object_per_diagnostic(runner: CliRunner, five_problems: Path) -> None:
    result = runner.invoke(app, ["validate", "records", "--format", "json"])
    report = json.loads(result.output)
    assert result.exit_code == 1
    assert {k: v for k, v in report.items() if k != "diagnostics"} == {
        "root": "records",
        "valid": False,
        "strict": False,
        "files": 1,
        "records": 8,
        "errors": 5,
        "warnings": 0,
    }
    assert report["diagnostics"][1] == {
        "file": "records/ledger.yaml",
        "line": 28,
        "column": 3,
        "pointer": "/4/ocasion",
        "code": "unknown-field",
        "severity": "error",
        "message": "unknown field 'ocasion': did you mean 'occasion'?",
    }
    assert [(d["line"], d["code"]) for d in report["diagnostics"]] == [
        (21, "quote-not-found"),
        (28, "unknown-field"),
        (31, "duplicate-id"),
        (40, "unknown-reference"),
        (48, "invalid-date"),
    ]


def test_github_report_is_workflow_commands(runner: CliRunner, five_problems: Path) -> None:
    result = runner.invoke(app, ["validate", "records", "--format", "github"])
    lines = result.output.splitlines()
    assert lines[1] == (
        "::error file=records/ledger.yaml,line=28,col=3,title=unknown-field::"
        "unknown field 'ocasion': did you mean 'occasion'?"
    )
    assert lines[2] == (
        "::error file=records/ledger.yaml,line=31,col=7,title=duplicate-id::id "
        "'kim-to-putin-dogs-2024' is already used by another record: choose a new id "
        "(see records/ledger.yaml:14:7)"
    )
    assert len(lines) == 6
    assert lines[-1] == "8 records in 1 file: 5 errors, 0 warnings: invalid"
    assert result.exit_code == 1


def test_valid_ledger_exits_zero(runner: CliRunner, valid_ledger: Path) -> None:
    result = runner.invoke(app, ["validate", "records"])
    assert result.output == "7 records in 4 files: 0 errors, 0 warnings: valid\n"
    assert result.exit_code == 0


def test_validate_defaults_to_the_records_folder(runner: CliRunner, valid_ledger: Path) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.output == "7 records in 4 files: 0 errors, 0 warnings: valid\n"
    assert result.exit_code == 0


def test_strict_fails_on_warnings(runner: CliRunner, valid_ledger: Path) -> None:
    (valid_ledger / "lonely.yaml").write_text(
        "type: actor\nid: lonely\nkind: person\nname: Lonely\n", encoding="utf-8"
    )
    warning = (
        "records/lonely.yaml:2:5: warning [unreferenced] no gift or agreement refers to actor "
        "'lonely'\n"
    )
    relaxed = runner.invoke(app, ["validate", "records"])
    assert relaxed.output == warning + "8 records in 5 files: 0 errors, 1 warning: valid\n"
    assert relaxed.exit_code == 0
    strict = runner.invoke(app, ["validate", "records", "--strict"])
    assert (
        strict.output == warning + "8 records in 5 files: 0 errors, 1 warning (strict): invalid\n"
    )
    assert strict.exit_code == 1


def test_github_escapes_percent_signs(runner: CliRunner, valid_ledger: Path) -> None:
    (valid_ledger / "odd.yaml").write_text(
        'type: actor\nid: "100%\\nsure"\nkind: person\nname: X\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", "records", "--format", "github"])
    assert result.output.splitlines()[0] == (
        "::error file=records/odd.yaml,line=2,col=5,title=invalid-value::'id' must be a slug: "
        "lowercase letters and digits in words joined by single hyphens, e.g. kim-jong-un, "
        "not '100%25\\nsure'"
    )
    assert result.exit_code == 1


def test_missing_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.stdout == ""
    assert result.stderr == (
        f"ledger: error: ledger folder {str(tmp_path / 'nope')!r} does not exist: "
        "give the folder that holds the records\n"
    )
    assert result.exit_code == 2


def test_unknown_format_is_a_usage_error(runner: CliRunner, valid_ledger: Path) -> None:
    result = runner.invoke(app, ["validate", "records", "--format", "xml"])
    assert "'xml' is not one of 'text', 'json', 'github'" in result.stderr
    assert result.exit_code == 2


def test_internal_error_prints_no_traceback(
    runner: CliRunner, valid_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gift_ledger.validate

    def broken(*args: object, **options: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(gift_ledger.validate, "validate_ledger", broken)
    result = runner.invoke(app, ["validate", "records"])
    assert result.stderr.startswith("ledger: internal error: RuntimeError: boom\n")
    assert "Traceback" not in result.output
    assert result.exit_code == 3


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.output == f"ledger {__version__}\n"
    assert result.exit_code == 0


def test_records_are_never_written_by_validate(runner: CliRunner, valid_ledger: Path) -> None:
    before = {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in valid_ledger.rglob("*") if p.is_file()
    }
    runner.invoke(app, ["validate", "records", "--format", "json"])
    after = {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in valid_ledger.rglob("*") if p.is_file()
    }
    assert after == before


def test_python_dash_m_runs_the_same_command() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "gift_ledger", "validate", str(CASES / "valid" / "minimal")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.endswith("7 records in 4 files: 0 errors, 0 warnings: valid\n")
    assert result.returncode == 0


def test_ledger_does_not_look_for_pydantic_plugins(valid_ledger: Path) -> None:
    """Scanning every installed package's entry points for plugins costs each start 30 ms
    or more; the command leaves it out unless PYDANTIC_DISABLE_PLUGINS is set otherwise."""
    script = (
        "import sys\n"
        "from gift_ledger.cli import main\n"
        "sys.argv = ['ledger', 'validate', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as e:\n"
        "    assert e.code == 0, e.code\n"
        "from pydantic.plugin import _loader\n"
        "print('plugins looked up:', _loader._plugins is not None)\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    for setting, looked_up in ((None, "False"), ("", "True")):
        if setting is not None:
            environment["PYDANTIC_DISABLE_PLUGINS"] = setting
        done = subprocess.run(
            [sys.executable, "-c", script, str(valid_ledger)],
            capture_output=True, text=True, env=environment, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == f"plugins looked up: {looked_up}"


def test_the_format_choices_are_the_registries() -> None:
    """A report or export format added to its registry is offered by the CLI, and no other."""
    import typer.main

    from gift_ledger.exporters import EXPORTERS
    from gift_ledger.reporters import REPORTERS

    usage = CliRunner().invoke(app, ["validate", "--help"], terminal_width=200).stdout
    assert f"-f, --format <{'|'.join(REPORTERS)}>" in usage
    commands = typer.main.get_group(app).commands
    export_format = next(p for p in commands["export"].params if p.name == "format_name")
    named = re.findall(r"\b([a-z][a-z-]*)\b(?: \(a [^)]*\))?(?:,|\.| or)", export_format.help)
    assert named == list(EXPORTERS)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["validate", "records", "--format", "xml"],
            "invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', "
            "'github' (see 'ledger validate --help')",
        ),
        (
            ["validate", "--frmat", "json"],
            "no such option: --frmat (Possible options: --format) (see 'ledger validate --help')",
        ),
        (
            ["new", "gift", "--count", "x"],
            "invalid value for '--count': not a whole number (see 'ledger new gift --help')",
        ),
        (["show"], "missing argument 'ID' (see 'ledger show --help')"),
        (
            ["stats", "records", "extra"],
            "got unexpected extra argument(s) (extra) (see 'ledger stats --help')",
        ),
        (["nosuch"], "no such command 'nosuch' (see 'ledger --help')"),
    ],
)
def test_every_usage_error_has_one_style(
    runner: CliRunner, arguments: list[str], message: str
) -> None:
    """Click's own usage errors read like the ledger's: one line, `ledger: error:`, exit 2."""
    result = runner.invoke(app, arguments, prog_name="ledger")
    assert (result.stdout, result.stderr) == ("", f"ledger: error: {message}\n")
    assert result.exit_code == 2


COMPLETIONS = {
    "ledger validate --format ": ["text", "json", "github"],
    "ledger export --format ": [
        "jsonld", "csv", "csv-gifts", "datapackage", "json", "ndjson", "sqlite", "xlsx"
    ],
    "ledger export records -f c": ["csv", "csv-gifts"],
    "ledger new ": ["gift", "agreement", "actor", "source"],
    "ledger new gift --category ": [
        "animal", "vehicle", "clothing", "jewelry", "artwork", "craft", "book", "decoration",
        "food", "weapon", "document", "other"
    ],
    "ledger new actor --kind ": ["person", "state", "organization"],
    "ledger new agreement --obligation ": [
        "defense", "offense", "neutrality", "nonaggression", "consultation"
    ],
}  # fmt: skip
"""What <TAB> offers after each command line: every closed choice of every command."""


@pytest.mark.parametrize("line", COMPLETIONS)
def test_tab_completes_every_closed_choice(line: str) -> None:
    env = {
        **os.environ,
        "_LEDGER_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(line.split(" ")) - 1),
    }
    ledger = Path(sys.executable).parent / "ledger"
    done = subprocess.run([str(ledger)], env=env, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, COMPLETIONS[line], "")


def test_the_json_report_is_one_document_as_documented(runner: CliRunner) -> None:
    case = CASES / "invalid" / "too-many-names"
    result = runner.invoke(app, ["validate", str(case), "--format", "json"])
    assert json.loads(result.stdout) == {
        "root": str(case),
        "valid": False,
        "strict": False,
        "files": 4,
        "records": 7,
        "errors": 1,
        "warnings": 0,
        "diagnostics": [
            {
                "file": str(case / "gifts.yaml"),
                "line": 10,
                "column": 14,
                "pointer": "/0/items/0/names",
                "code": "too-many-names",
                "severity": "error",
                "message": "3 names for a count of 2: correct the count or the names",
            }
        ],
    }
    assert result.exit_code == 1
    reference = (Path(__file__).parent.parent / "docs" / "reference.md").read_text("utf-8")
    assert "| `--format json` | one JSON document: the folder (`root`)" in reference


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("show", "Usage: ledger show [OPTIONS] ID [DIR]"),
        ("import", "Usage: ledger import [OPTIONS] SOURCE"),
    ],
)
def test_a_usage_line_names_a_required_argument_without_braces(
    runner: CliRunner, command: str, usage: str
) -> None:
    result = runner.invoke(app, [command, "--help"], prog_name="ledger")
    assert result.stdout.splitlines()[0] == usage
    reference = (Path(__file__).parent.parent / "docs" / "reference.md").read_text("utf-8")
    assert usage.removeprefix("Usage: ").replace(" [OPTIONS]", "") in reference
