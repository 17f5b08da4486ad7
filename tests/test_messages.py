"""Messages as a user reads them: fields named as paths, lengths said, through the CLI."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from gift_ledger.cli import app

AGREEMENT = """\
- type: actor
  id: russia
  kind: state
  name: Russia
  country: RUS
- type: actor
  id: north-korea
  kind: state
  name: North Korea
  country: PRK
- type: source
  id: report
  title: A report
  text: texts/report.txt
- type: agreement
  id: pact
  title: A pact
  parties: [russia, north-korea]
  date: 2024-06-19
  obligations: [defense, trade]
  topics: [security, " "]
  sources:
    - source: report
      quote: {quote}
"""


def _validate(runner: CliRunner, root: Path, text: str) -> tuple[int, str]:
    (root / "texts").mkdir(parents=True, exist_ok=True)
    (root / "texts" / "report.txt").write_text("They signed a pact.\n", encoding="utf-8")
    (root / "records.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(root)])
    return result.exit_code, result.output.replace(f"{root}/", "")


def test_a_value_in_a_list_is_named_by_its_field_and_position(
    runner: CliRunner, tmp_path: Path
) -> None:
    exit_code, output = _validate(runner, tmp_path, AGREEMENT.format(quote="a pact"))
    assert output == (
        "records.yaml:20:26: error [invalid-value] 'obligations[1]' must be one of defense, "
        "offense, neutrality, nonaggression, consultation, not 'trade'\n"
        "records.yaml:21:22: error [invalid-value] 'topics[1]' must be text that is not blank, "
        "not ' '\n"
        "4 records in 1 file: 2 errors, 0 warnings: invalid\n"
    )
    assert exit_code == 1


def test_a_text_too_long_says_its_length_and_the_limit(runner: CliRunner, tmp_path: Path) -> None:
    text = AGREEMENT.format(quote="word " * 120).replace(", trade", "").replace(', " "', "")
    exit_code, output = _validate(runner, tmp_path, text)
    assert output == (
        "records.yaml:24:14: error [too-long] 'sources[0].quote' is 599 characters, more than "
        "the 500 allowed\n"
        "4 records in 1 file: 1 error, 0 warnings: invalid\n"
    )
    assert exit_code == 1


def test_a_colon_in_an_unquoted_value_says_to_quote_it(runner: CliRunner, tmp_path: Path) -> None:
    text = AGREEMENT.format(quote="Article 4 says: help at once")
    exit_code, output = _validate(
        runner, tmp_path, text.replace(", trade", "").replace(', " "', "")
    )
    assert output == (
        "records.yaml:24:28: error [yaml-syntax] a value holds ': ' (a colon and a space), "
        "which YAML reads as a new key: put the whole value in quotes, e.g. "
        'quote: "Article 4 says: help at once"\n'
        "0 records in 1 file: 1 error, 0 warnings: invalid\n"
    )
    assert exit_code == 1


def test_an_unclosed_quotation_mark_is_reported_where_it_opened(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = AGREEMENT.format(quote="a pact").replace("title: A pact", "title: 'A pact")
    exit_code, output = _validate(runner, tmp_path, text)
    assert output == (
        "records.yaml:17:10: error [yaml-syntax] the quotation mark (') opened here is never "
        "closed: end the value with ', or remove the opening one\n"
        "0 records in 1 file: 1 error, 0 warnings: invalid\n"
    )
    assert exit_code == 1
