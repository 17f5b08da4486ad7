"""Country, currency and language codes are checked against real code lists (issue #14)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gift_ledger import codes
from gift_ledger.cli import app

from .conftest import PROJECT

RECORDS = """\
- type: actor
  id: soviet-union
  kind: state
  name: Soviet Union
  country: SUN
- type: actor
  id: kosovo
  kind: state
  name: Kosovo
  country: XKX
- type: source
  id: pravda-1957
  title: A gift to Kosovo
  language: ru
  text: texts/pravda.txt
- type: gift
  id: soviet-union-to-kosovo-1957
  giver: soviet-union
  recipient: kosovo
  date: 1957
  value: {amount: 100, currency: SUR}
  items: [{item: samovar, category: craft, count: 1}]
  sources: [{source: pravda-1957, quote: a samovar}]
"""


def _ledger(tmp_path: Path, text: str) -> Path:
    (tmp_path / "texts").mkdir(exist_ok=True)
    (tmp_path / "texts" / "pravda.txt").write_text("They gave a samovar.\n", "utf-8")
    (tmp_path / "records.yaml").write_text(text, "utf-8")
    return tmp_path


def test_former_countries_kosovo_and_historic_currencies_are_codes(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["validate", str(_ledger(tmp_path, RECORDS))])
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (
        0,
        "4 records in 1 file: 0 errors, 0 warnings: valid",
    )


def test_unknown_codes_are_located_errors_with_the_closest_real_code(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = (
        RECORDS.replace("country: SUN", "country: RUX")
        .replace("country: XKX", "country: NO")
        .replace("language: ru", "language: qq-RU")
        .replace("currency: SUR", "currency: SUX")
    )
    result = runner.invoke(app, ["validate", str(_ledger(tmp_path, text))])
    file = tmp_path / "records.yaml"
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:4] == [
        f"{file}:5:12: error [invalid-value] 'country': 'RUX' is not an ISO 3166-1 alpha-3 "
        "code: did you mean 'RUS' (Russian Federation)?",
        f"{file}:10:12: error [invalid-value] 'country': 'NO' is not an ISO 3166-1 alpha-3 "
        "code: did you mean 'NOR' (Norway)?",
        f"{file}:14:13: error [invalid-value] 'language': 'qq-RU' does not start with an "
        "ISO 639 language code (e.g. en, ko, pt-BR, yue for Cantonese)",
        f"{file}:21:34: error [invalid-value] 'value.currency': 'SUX' is not an ISO 4217 currency "
        "code: did you mean 'SUR' (Soviet Rouble)?",
    ]


def test_a_code_like_no_other_gets_no_guess(runner: CliRunner, tmp_path: Path) -> None:
    text = RECORDS.replace("currency: SUR", "currency: QQQ")
    result = runner.invoke(app, ["validate", str(_ledger(tmp_path, text))])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{tmp_path / 'records.yaml'}:21:34: error [invalid-value] 'value.currency': 'QQQ' is not "
        "an ISO 4217 currency code"
    )


def test_check_jsonschema_refuses_an_unknown_country(tmp_path: Path) -> None:
    file = _ledger(tmp_path, RECORDS.replace("country: SUN", "country: RUX")) / "records.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile",
         str(PROJECT / "schema" / "record-file.schema.json"), str(file)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "'RUX' is not one of" in result.stdout


def test_the_code_lists_are_read_only_when_a_code_is_checked() -> None:
    imported = subprocess.run(
        [sys.executable, "-c",
         "import sys, gift_ledger.cli, gift_ledger.models; "
         "print(sorted({'pycountry', 'babel'} & set(sys.modules)))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert imported.stdout == "[]\n"


def _pycountrys_lists() -> tuple[dict[str, str], set[str]]:
    """The countries (with their names) and the language codes as pycountry's API gives them."""
    import pycountry

    countries = {country.alpha_3: country.name for country in pycountry.countries}
    for former in pycountry.historic_countries:
        countries.setdefault(former.alpha_3, former.name)
    languages = set()
    for language in pycountry.languages:
        languages.add(language.alpha_3)
        for other in ("alpha_2", "bibliographic"):
            if code := getattr(language, other, None):
                languages.add(code)
    return countries, languages


@pytest.fixture
def fresh_code_lists() -> Iterator[None]:
    """The code lists read again, in the test and after it."""
    cached = (
        codes._table_text, codes._iso_table, codes.country_codes, codes._alpha_2,
        codes._languages, codes._is_language,
    )  # fmt: skip
    for function in cached:
        function.cache_clear()
    yield
    for function in cached:
        function.cache_clear()


def _assert_the_lists_are(countries: dict[str, str], languages: set[str]) -> None:
    assert codes.country_codes() == {**countries, "XKX": "Kosovo"}
    assert codes.country_problem("NO") == (
        "'NO' is not an ISO 3166-1 alpha-3 code: did you mean 'NOR' (Norway)?"
    )
    letters = "abcdefghijklmnopqrstuvwxyz"
    two_letters = {a + b for a in letters for b in letters}
    tags = sorted(languages | two_letters | {"qqq", "xyz-Latn"})
    accepted = {tag for tag in tags if codes.language_problem(tag) is None}
    assert accepted == languages
    assert codes.language_problem("EN-gb") is None


@pytest.mark.usefixtures("fresh_code_lists")
def test_the_code_lists_read_from_pycountrys_files_are_its_lists() -> None:
    """The tables are read from the JSON files that pycountry ships, not through its API;
    every code, and every two-letter tag (looked for in the text first), is as the API says."""
    countries, languages = _pycountrys_lists()
    _assert_the_lists_are(countries, languages)


@pytest.mark.usefixtures("fresh_code_lists")
def test_without_pycountrys_files_the_lists_come_from_its_api(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A pycountry that keeps its tables elsewhere, or writes them otherwise, costs time only."""
    countries, languages = _pycountrys_lists()
    monkeypatch.setattr(codes, "_databases", lambda: tmp_path)  # a folder without the tables
    _assert_the_lists_are(countries, languages)
    monkeypatch.setattr(codes, "_table_text", lambda standard: b'{"639-3": "not a list"}')
    codes._iso_table.cache_clear()
    codes._languages.cache_clear()
    codes._is_language.cache_clear()
    assert {tag for tag in sorted(languages) if codes.language_problem(tag) is None} == languages
