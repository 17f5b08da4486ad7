"""The hints of `quote-not-found`, as a reporter sees them: in the text report, located at
the quote, and as fields of the JSON report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gift_ledger.check.hints import hint
from gift_ledger.check.quotes import normalize
from gift_ledger.cli import app

from .conftest import CASES

CASE = CASES / "invalid" / "quote-matching"
SOURCE = "the quote is not in the text of source 'dogs-report': "


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    shutil.copytree(CASE, tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    return "records"


def test_each_wrong_quote_gets_its_hint_at_its_line(runner: CliRunner, ledger: str) -> None:
    result = runner.invoke(app, ["validate", ledger])
    where = "records/records.yaml"
    assert result.output == (
        f"{where}:29:14: error [quote-not-found] {SOURCE}"
        'quote has "Jindo", text has "Pungsan", in the closest passage '
        '"gave Russian President Vladimir Putin a pair of Pungsan dogs"\n'
        f"{where}:32:14: error [quote-not-found] {SOURCE}"
        "the text has an invisible character there, U+001F (a control character): "
        'text has "horseshoe-shaped\\x1fcourtyard", quote has "horseshoe-shaped courtyard"\n'
        f"{where}:35:14: error [quote-not-found] {SOURCE}"
        'the text has it only inside a longer word: "A horseshoe-shaped\\x1fcourtyard"\n'
        f"{where}:38:14: error [quote-not-found] {SOURCE}"
        'quote has "cafe", text has "café", in the closest passage "at the café"\n'
        f"{where}:41:14: error [quote-not-found] {SOURCE}"
        'only letter case differs: the text has "North Korean leader Kim Jong Un"\n'
        f"{where}:44:14: error [quote-not-found] {SOURCE}"
        "each segment is in the text, but not all in one paragraph: "
        "quote each paragraph in a citation of its own\n"
        f"{where}:47:14: error [quote-not-found] {SOURCE}"
        "each segment is in the text, but not in this order: put them in the text's order\n"
        "4 records in 1 file: 7 errors, 0 warnings: invalid\n"
    )
    assert result.exit_code == 1


def test_the_json_report_carries_the_hint_as_fields(runner: CliRunner, ledger: str) -> None:
    result = runner.invoke(app, ["validate", ledger, "--format", "json"])
    details = [d.get("details") for d in json.loads(result.stdout)["diagnostics"]]
    # Control characters are escaped in every report format, the fields of a hint too.
    assert details == [
        {
            "hint": "differs",
            "passage": "gave Russian President Vladimir Putin a pair of Pungsan dogs",
            "quote_has": "Jindo",
            "text_has": "Pungsan",
        },
        {
            "hint": "invisible",
            "passage": "A horseshoe-shaped\\x1fcourtyard",
            "quote_has": "horseshoe-shaped courtyard",
            "text_has": "horseshoe-shaped\\x1fcourtyard",
        },
        {"hint": "inside-word", "passage": "A horseshoe-shaped\\x1fcourtyard"},
        {"hint": "differs", "passage": "at the café", "quote_has": "cafe", "text_has": "café"},
        {"hint": "case", "passage": "North Korean leader Kim Jong Un"},
        {"hint": "paragraph"},
        {"hint": "order"},
    ]


def test_a_soft_hyphen_in_the_text_no_longer_hides_a_quote(
    runner: CliRunner, tmp_path: Path
) -> None:
    records = tmp_path / "records"
    shutil.copytree(CASES / "valid" / "quote-matching", records)
    assert "co\u00adoperation" in (records / "texts" / "dogs.txt").read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", str(records), "--strict"])
    assert result.output == "4 records in 1 file: 0 errors, 0 warnings (strict): valid\n"


ARTICLE = normalize(
    "Russian President Vladimir Putin gave North Korean leader Kim Jong Un\n"
    "an Aurus Senat limousine on Wednesday, the second car he has given him this year."
)


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        (
            "Kim Jong Un an Aurus limousine on Wednesday",
            'quote has "Aurus limousine", text has "Aurus Senat limousine", in the closest '
            'passage "Kim Jong Un an Aurus Senat limousine on Wednesday"',
        ),
        (
            "Kim Jong Un an Aurus Senat big limousine on Wednesday",
            'quote has "Senat big limousine", text has "Senat limousine", in the closest '
            'passage "Kim Jong Un an Aurus Senat limousine on Wednesday"',
        ),
        (
            "President Vladimir Putin gave South Korean leader Kim",
            'quote has "South", text has "North", in the closest passage '
            '"President Vladimir Putin gave North Korean leader Kim"',
        ),
        (
            "Putin gave Kim Jong Un a car",
            'quote has "Kim", text has "North", in the closest passage '
            '"Putin gave North Korean leader"',
        ),
        ("russian president", 'only letter case differs: the text has "Russian President"'),
        (
            "Trump sold a boat",
            "no passage of the text is close to it: is it a quote of another source?",
        ),
        (
            "gave North Korean … the third car he has",
            'segment 2 "the third car he has": quote has "third", text has "second", '
            'in the closest passage "the second car he has"',
        ),
        ("\u00ad\u200b", "the quote has no visible characters"),
    ],
)
def test_hints(quote: str, message: str) -> None:
    assert hint(ARTICLE, quote).message == message
