"""`ledger new`: skeleton records that editors check against the schema and that validate."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from gift_ledger import validate_ledger
from gift_ledger.cli import app
from gift_ledger.cli import new as new_command
from gift_ledger.schema import generate_schemas
from gift_ledger.skeletons import PACKAGED_SCHEMA, SCHEMA_FILE, SKELETONS, schema_reference

from .conftest import CASES, PROJECT

MINIMAL = CASES / "valid" / "minimal"

GIFT_FLAGS = [
    "--id", "putin-to-kim-limousine-2024", "--giver", "vladimir-putin",
    "--recipient", "kim-jong-un", "--date", "2024-06-19", "--item", "Aurus Senat limousine",
    "--category", "vehicle", "--count", "1", "--source", "dogs-report",
    "--quote", "state media reported Thursday",
]  # fmt: skip
FLAGS = {
    "gift": GIFT_FLAGS,
    "agreement": [
        "--id", "trade-deal-2024", "--title", "Trade deal: grain, for oil", "--party", "russia",
        "--party", "north-korea", "--date", "2024-06", "--source", "dogs-report",
        "--quote", "Article 4 of the agreement says",
    ],
    "actor": ["--id", "sergei-lavrov", "--kind", "person", "--name", "Sergei Lavrov"],
    "source": ["--id", "second-report", "--title", "A second report: the dogs arrive"],
}  # fmt: skip

EMPTY_GIFT = """\
# yaml-language-server: $schema=../schema/record-file.schema.json
# A new gift. Fill in each value marked "required", uncomment the optional fields you need,
# then run `ledger validate`. `ledger new gift --help` explains every field.
- type: gift
  id:  # required: a slug unique in the ledger, e.g. kim-to-putin-pungsan-dogs-2024
  giver:  # required: the id of the actor who gave it
  recipient:  # required: the id of the actor who received it
  # transfer: loan  # gift (the default) or loan: lent for a time, still the giver's property
  # until: 2034-06  # for a loan, when it ends or ended, an EDTF date: 2024-06-19, 2024-06, 2012 or "2024-06?"
  date:  # required: when it was given, an EDTF date: 2024-06-19, 2024-06, 2012 or "2024-06?"
  items:  # what was given: add an item for each kind of thing
    - item:  # required: what it is, e.g. Pungsan dog
      category:  # required: animal, vehicle, clothing, jewelry, artwork, craft, book, decoration, food, weapon, document or other
      # count: 2  # a whole number; leave it out only when the source gives no number ("a pair" is 2)
      # names: [Gomi, Songgang]  # the individuals' names, never more than count
      # wikidata: Q39275  # the item's kind (a breed, a model) as a Wikidata item id
  # total: 20  # how many things were given in all, where the source lists only some
  # value:  # an estimate as the source gives it
  #   amount: 650  # a number
  #   currency: USD  # an ISO 4217 code in capitals
  # occasion: Putin's state visit to Pyongyang  # what it was given for
  # related: [russia-north-korea-defense-pact-2024]  # ids of other records, typically an agreement
  sources:  # the evidence: add a citation for each source that reports it
    - source:  # required: the id of a source record
      quote:  # required: the source's own words, copied exactly from its archived text (500 characters at most)
      # date: 2024-06-19  # the date as this source gives it, where sources disagree
  # notes: ...  # why a value was entered as it was
"""  # noqa: E501 - the skeleton's comments are as long as they are


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding a copy of the minimal ledger in records/ and the schema."""
    shutil.copytree(MINIMAL, tmp_path / "records")
    shutil.copytree(PROJECT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(runner: CliRunner, *args: str) -> typer.testing.Result:
    return runner.invoke(app, list(args))


def test_without_a_terminal_required_values_are_left_empty_and_marked(
    runner: CliRunner, repository: Path
) -> None:
    result = run(runner, "new", "gift")
    assert result.exit_code == 0
    assert result.stdout == EMPTY_GIFT
    assert result.stderr == (
        "ledger: fill in the required values left empty (--id, --giver, --recipient, --date, "
        "--item, --category, --source, --quote)\n"
    )


def test_an_unfilled_skeleton_fails_validation_at_each_empty_value(
    runner: CliRunner, repository: Path
) -> None:
    assert run(runner, "new", "gift", "--output", "records/new.yaml").exit_code == 0
    result = run(runner, "validate", "records")
    assert result.exit_code == 1
    problems = [line.split(":")[:2] for line in result.stdout.splitlines()[:-1]]
    assert problems == [["records/new.yaml", str(n)] for n in (5, 6, 7, 10, 12, 13, 24, 25)]
    assert "error [invalid-value] 'id' must be text, not empty" in result.stdout


@pytest.mark.parametrize("record_type", list(FLAGS))
def test_a_skeleton_filled_by_flags_validates(
    runner: CliRunner, repository: Path, record_type: str
) -> None:
    result = run(runner, "new", record_type, "-o", f"records/new-{record_type}.yaml",
                 *FLAGS[record_type])  # fmt: skip
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, f"wrote records/new-{record_type}.yaml\n", ""
    )  # fmt: skip
    validated = run(runner, "validate", "records")
    # A new actor or source is not referred to yet: a warning, as for any such record.
    warnings = "1 warning" if record_type in ("actor", "source") else "0 warnings"
    assert validated.stdout.endswith(f"8 records in 5 files: 0 errors, {warnings}: valid\n")
    assert validated.exit_code == 0


def test_the_gift_skeleton_validates_with_every_field(runner: CliRunner, repository: Path) -> None:
    result = run(
        runner, "new", "gift", "-o", "records/new.yaml", *GIFT_FLAGS, "--item-name", "Senat: 1",
        "--item-wikidata", "Q4038447", "--total", "3", "--amount", "1.5e6", "--currency", "USD",
        "--occasion", "# the visit", "--related", "defense-pact-2024",
        "--source-date", "2024-06-20", "--notes", "yes", "--transfer", "loan",
        "--until", "2024-09",
    )  # fmt: skip
    assert result.exit_code == 0
    assert Path("records/new.yaml").read_text("utf-8").splitlines()[3:] == [
        "- type: gift",
        "  id: putin-to-kim-limousine-2024",
        "  giver: vladimir-putin",
        "  recipient: kim-jong-un",
        "  transfer: loan",
        "  until: 2024-09",
        "  date: 2024-06-19",
        "  items:  # what was given: add an item for each kind of thing",
        "    - item: Aurus Senat limousine",
        "      category: vehicle",
        "      count: 1",
        '      names: ["Senat: 1"]',
        "      wikidata: Q4038447",
        "  total: 3",
        "  value:  # an estimate as the source gives it",
        "    amount: 1500000.0",
        "    currency: USD",
        '  occasion: "# the visit"',
        "  related: [defense-pact-2024]",
        "  sources:  # the evidence: add a citation for each source that reports it",
        "    - source: dogs-report",
        "      quote: state media reported Thursday",
        "      date: 2024-06-20",
        '  notes: "yes"',
    ]
    validated = run(runner, "validate", "records")
    assert validated.stdout == "8 records in 5 files: 0 errors, 0 warnings: valid\n"


def test_stdout_can_be_appended_to_a_list_file(runner: CliRunner, repository: Path) -> None:
    result = run(runner, "new", "gift", *GIFT_FLAGS)
    with Path("records/gifts.yaml").open("a", encoding="utf-8") as stream:
        stream.write(result.stdout)
    validated = run(runner, "validate", "records")
    assert validated.stdout == "8 records in 4 files: 0 errors, 0 warnings: valid\n"


def test_an_existing_file_is_never_overwritten(runner: CliRunner, repository: Path) -> None:
    before = Path("records/gifts.yaml").read_bytes()
    result = run(runner, "new", "gift", "-o", "records/gifts.yaml", *GIFT_FLAGS)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "ledger: error: cannot write 'records/gifts.yaml': it exists, and `ledger new` never "
        "overwrites a file\n",
    )
    assert Path("records/gifts.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2024-13"],
         "invalid value for --date: 'date': '2024-13': month 13 does not exist (01 to 12)"),
        (["--id", "Kim To Putin"],
         "invalid value for --id: 'id' must be a slug: lowercase letters and digits in words "
         "joined by single hyphens, e.g. kim-jong-un, not 'Kim To Putin'"),
        (["--amount", "lots"], "invalid value for --amount: 'value.amount': must be a number, e.g. "
         "650 or 12.5"),
        (["--count", "1", "--item-name", "A", "--item-name", "B"], None),
    ],
    ids=["date", "id", "amount", "names-beyond-count-is-a-cross-check"],
)  # fmt: skip
def test_a_value_the_contract_refuses_is_a_usage_error(
    runner: CliRunner, repository: Path, args: list[str], message: str | None
) -> None:
    result = run(runner, "new", "gift", *args)
    if message is None:  # checks that span fields are `ledger validate`'s
        assert result.exit_code == 0
        return
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"ledger: error: {message}\n",
    )


def test_on_a_terminal_missing_values_are_asked_for(
    runner: CliRunner, repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_command, "_stdin_is_terminal", lambda: True)
    answers = "North Korea\nnorth-korea-2\nNorth Korea\nprk\nPRK\n"
    result = runner.invoke(
        app, ["new", "actor", "--kind", "state", "-o", "records/nk.yaml"], input=answers
    )
    assert result.exit_code == 0
    # Each prompt, and the ledger's reason when an answer is refused, in the order asked
    # (how click frames a refusal is click's, not the ledger's).
    id_prompt = "id (a slug unique in the ledger, e.g. kim-jong-un):"
    country_prompt = (
        "country (ISO 3166-1 alpha-3 in capitals (required for a state): a state's own code, "
        "or the country of a person or organization):"
    )
    _assert_in_order(
        result.stderr,
        id_prompt,
        "'id' must be a slug: lowercase letters and digits in words joined "
        "by single hyphens, e.g. kim-jong-un, not 'North Korea'\n",
        id_prompt,
        "name (e.g. Kim Jong Un; a person known only by office has a role instead):",
        country_prompt,
        "'country': 'prk' is not an ISO 3166-1 alpha-3 code: did you mean 'PRK' "
        "(Korea, Democratic People's Republic of)?\n",
        country_prompt,
    )
    assert result.stdout.endswith("wrote records/nk.yaml\n")
    assert Path("records/nk.yaml").read_text("utf-8").splitlines()[3:8] == [
        "- type: actor",
        "  id: north-korea-2",
        "  kind: state",
        "  name: North Korea",
        "  # role: President of Bulgaria  # an office",
    ]


def test_without_a_terminal_nothing_is_asked(
    runner: CliRunner, repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_command, "_stdin_is_terminal", lambda: False)
    result = runner.invoke(app, ["new", "source"], input="an-id\n")
    assert result.exit_code == 0
    assert result.stderr == "ledger: fill in the required values left empty (--id, --title)\n"


def test_a_list_answer_is_split_at_commas(
    runner: CliRunner, repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_command, "_stdin_is_terminal", lambda: True)
    flags = [f for f in FLAGS["agreement"] if f not in ("--party", "russia", "north-korea")]
    result = runner.invoke(app, ["new", "agreement", *flags], input="russia\nrussia, north-korea\n")
    assert result.exit_code == 0
    assert "'parties' needs at least 2 entries\n" in result.stderr
    assert "  parties: [russia, north-korea]\n" in result.stdout


@pytest.mark.parametrize(
    ("output", "schema", "expected"),
    [
        (None, None, "../schema/record-file.schema.json"),
        ("records/new.yaml", None, "../schema/record-file.schema.json"),
        ("records/2024/june/new.yaml", None, "../../../schema/record-file.schema.json"),
        ("new.yaml", None, "schema/record-file.schema.json"),
        ("records/new.yaml", "elsewhere/s.json", "../elsewhere/s.json"),
        ("records/new.yaml", "https://example.org/s.json", "https://example.org/s.json"),
    ],
)
def test_the_schema_line_points_from_the_file_to_the_schema(
    repository: Path, output: str | None, schema: str | None, expected: str
) -> None:
    (repository / "records" / "2024" / "june").mkdir(parents=True)
    assert schema_reference(Path(output) if output else None, schema, repository) == expected


def test_the_nearest_schema_folder_above_the_output_is_found(tmp_path: Path) -> None:
    (tmp_path / "ledgers" / "schema").mkdir(parents=True)
    (tmp_path / "ledgers" / "schema" / "record-file.schema.json").write_text("{}")
    (tmp_path / "ledgers" / "records").mkdir()
    found = schema_reference(Path("ledgers/records/x.yaml"), None, tmp_path)
    assert found == "../schema/record-file.schema.json"


def test_the_schema_line_can_be_given(runner: CliRunner, repository: Path) -> None:
    result = run(runner, "new", "actor", "--schema", "https://example.org/record.json")
    assert result.stdout.startswith(
        "# yaml-language-server: $schema=https://example.org/record.json\n"
    )


def test_every_field_of_every_skeleton_has_its_option() -> None:
    group = typer.main.get_group(app)
    new = group.commands["new"]
    assert isinstance(new, typer.core.TyperGroup)
    assert sorted(new.commands) == sorted(SKELETONS)
    for name, skeleton in SKELETONS.items():
        options = {p.opts[0].removeprefix("--") for p in new.commands[name].params}
        assert options == {*skeleton.slots, "output", "schema"}, name


def _assert_in_order(text: str, *parts: str) -> None:
    """Each part is in `text`, after the one before it."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"{part!r} not found after position {at} of {text!r}"
        at = found + len(part)


def test_outside_the_repository_the_schema_line_points_into_the_package(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a folder with no schema/ near it
    result = run(runner, "new", "actor", *FLAGS["actor"], "--output", "lavrov.yaml")
    assert result.output == "wrote lavrov.yaml\n"
    first, second, third = (tmp_path / "lavrov.yaml").read_text("utf-8").splitlines()[:3]
    assert first == f"# yaml-language-server: $schema={PACKAGED_SCHEMA.as_uri()}"
    assert PACKAGED_SCHEMA.is_file()
    assert (second, third) == (
        "# A new actor. Uncomment the optional fields you need,",
        "# then run `ledger validate`. `ledger new actor --help` explains every field.",
    )


def test_the_packaged_schema_is_what_the_models_generate() -> None:
    assert PACKAGED_SCHEMA.read_text("utf-8") == generate_schemas()[SCHEMA_FILE]


def test_ledger_schema_tells_editors_where_the_packaged_schema_is(runner: CliRunner) -> None:
    result = run(runner, "schema", "--where")
    assert result.output == (
        f"{PACKAGED_SCHEMA}\npoint an editor at it with the first line "
        f"`# yaml-language-server: $schema={PACKAGED_SCHEMA.as_uri()}`\n"
    )
    assert result.exit_code == 0


def test_schema_check_says_a_missing_file_is_missing(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "schema", "--check", "--output", str(tmp_path))
    assert result.output == (
        f"{tmp_path / SCHEMA_FILE}: missing: run `ledger schema --output {tmp_path}`\n"
    )
    assert result.exit_code == 1


def test_appending_to_a_file_writes_the_header_once(tmp_path: Path) -> None:
    """`ledger new ... >> file`: the schema line heads the file, not every record."""
    target = tmp_path / "actors.yaml"
    ledger = Path(sys.executable).parent / "ledger"
    for name in ("first", "second"):
        with target.open("a", encoding="utf-8") as stream:
            subprocess.run(
                [str(ledger), "new", "actor", "--id", name, "--kind", "person", "--name", name],
                stdout=stream,
                stdin=subprocess.DEVNULL,
                check=True,
                cwd=tmp_path,
            )
    text = target.read_text("utf-8")
    assert text.count("# yaml-language-server: $schema=") == 1
    assert text.startswith("# yaml-language-server: $schema=")
    assert "  name: first\n" in text
    assert "\n\n# A new actor. Uncomment the optional fields you need,\n" in text
    records = validate_ledger(tmp_path)
    assert (records.records, records.errors) == (2, 0)


def test_output_into_a_missing_folder_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "nope" / "x.yaml"
    result = run(runner, "new", "actor", *FLAGS["actor"], "--output", str(target))
    assert result.stderr == (
        f"ledger: error: cannot write {str(target)!r}: the folder {str(target.parent)!r} does "
        "not exist: create it first, or write the record into an existing folder\n"
    )
    assert result.exit_code == 2


def test_a_repeated_giver_makes_a_joint_gift(runner: CliRunner, repository: Path) -> None:
    result = run(runner, "new", "gift", "-o", "records/new.yaml", *GIFT_FLAGS, "--giver", "russia")
    assert result.exit_code == 0
    lines = Path("records/new.yaml").read_text("utf-8").splitlines()
    assert lines[5:7] == ["  giver: [vladimir-putin, russia]", "  recipient: kim-jong-un"]
    validated = run(runner, "validate", "records")
    assert validated.stdout == "8 records in 5 files: 0 errors, 0 warnings: valid\n"
