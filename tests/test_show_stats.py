"""`ledger show` and `ledger stats`: the ledger as readable text, exactly as printed."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from gift_ledger.cli import app
from gift_ledger.stats import ledger_stats
from gift_ledger.terminal import Table, render_plain, render_rich, wants_rich
from gift_ledger.validate import load_ledger

from .conftest import CASES, PROJECT

EVERY_FIELD = CASES / "valid" / "every-field"
HERE = "tests/cases/valid/every-field/records.yaml"
DOGS = (
    "2024-06-19  gift northland-to-southland-dogs-2024: Hunting dog (2), Rice wine (12), "
    "Portrait, from Dear Leader (northland-leader) to President of Southland "
    "(southland-president)"
)
TREATY = "2024-06  agreement northland-southland-friendship-treaty-2024: Treaty of friendship"
BANQUET = (
    "The gifts, worth an estimated $650, were presented at the state banquet. "
    "In all, 20 gifts changed hands."
)
QUOTE = '"gave the president of Southland a pair of white hunting dogs named "Gomi" and "Songgang""'

SHOWN = {
    "northland": f"""\
actor northland ({HERE}:2:3)
  kind: state
  name: Northland
  country: NLD
  wikidata: Q55
  aliases: The North, NL
  notes: A state of the example.

gifts received (1):
  2024-06~  gift news-agency-to-northland-report-2024: Report (1), from State News Agency \
(state-news-agency) to Northland (northland)

party to (1):
  {TREATY}
""",
    "northland-leader": f"""\
actor northland-leader ({HERE}:17:3)
  kind: person
  name: Dear Leader
  role: Leader of Northland
  country: NLD

gifts given (1):
  {DOGS}

signed (1):
  {TREATY}
""",
    "summit-report-2024": f"""\
source summit-report-2024 ({HERE}:36:3)
  title: Leaders exchange gifts at the summit
  publisher: The Example Times
  author: A. Reporter
  published: 2024-06-20
  url: https://news.example.org/summit-report
  language: en
  text: texts/summit-report.txt
  notes: An invented article for the tests.

cited by (3):
  {TREATY}
    "The two countries also signed a treaty of friendship."
  2024-06~  gift news-agency-to-northland-report-2024: Report (1), from State News Agency \
(state-news-agency) to Northland (northland)
    "state media said on Wednesday"
  {DOGS}
    {QUOTE}
""",
    "northland-to-southland-dogs-2024": f"""\
gift northland-to-southland-dogs-2024 ({HERE}:47:3)
  giver: Dear Leader (northland-leader)
  recipient: President of Southland (southland-president)
  date: 2024-06-19
  items:
    1. Hunting dog (animal), count 2, names Gomi, Songgang, wikidata Q144
    2. Rice wine (food), count 12
    3. Portrait (artwork)
  total: 20
  value: 650 USD
  occasion: The state banquet
  related: northland-southland-friendship-treaty-2024 (agreement: Treaty of friendship)
  sources:
    1. summit-report-2024 (source: Leaders exchange gifts at the summit)
       dated 2024-06-19
       {QUOTE}
       in texts/summit-report.txt:
         1 | Leaders exchange gifts at the summit
         3 | PYONGYANG — The leader of Northland >>gave the president of Southland a pair of \
white hunting dogs named “Gomi” and “Songgang”<<, together with 12 bottles of rice wine and a \
portrait, stat…
         5 | {BANQUET}
  notes: The article says the gifts were presented at the banquet.

named as related by (1):
  {TREATY}
""",
    "northland-southland-friendship-treaty-2024": f"""\
agreement northland-southland-friendship-treaty-2024 ({HERE}:73:3)
  title: Treaty of friendship
  parties: Northland (northland), Southland (southland)
  signatories: Dear Leader (northland-leader), President of Southland (southland-president)
  date: 2024-06 (2024-06-01 to 2024-06-30)
  place: Pyongyang
  obligations: defense, consultation
  topics: friendship, mutual aid
  provisions:
    article 4: "In case either side is attacked, the other side shall provide military \
assistance without delay."
    article 7: "shall consult each other on matters of common interest"
  related: northland-to-southland-dogs-2024 (gift: Hunting dog (2), Rice wine (12), Portrait)
  sources:
    1. summit-report-2024 (source: Leaders exchange gifts at the summit)
       dated 2024-06-19
       "The two countries also signed a treaty of friendship."
       in texts/summit-report.txt:
         5 | {BANQUET}
         7 | >>The two countries also signed a treaty of friendship.<< Article 4 says: “In case \
either side is attacked, the other…
  notes: Signed at the summit.

named as related by (1):
  {DOGS}
""",
    "news-agency-to-northland-report-2024": f"""\
gift news-agency-to-northland-report-2024 ({HERE}:94:3)
  giver: State News Agency (state-news-agency)
  recipient: Northland (northland)
  transfer: loan
  until: 2034-06 (2034-06-01 to 2034-06-30)
  date: 2024-06~ (2024-06-01 to 2024-06-30)
  items:
    1. Report (document), count 1
  sources:
    1. summit-report-2024 (source: Leaders exchange gifts at the summit)
       "state media said on Wednesday"
       in texts/summit-report.txt:
         1 | Leaders exchange gifts at the summit
         3 | …ang”, together with 12 bottles of rice wine and a portrait, >>state media said \
on Wednesday<<.
         5 | {BANQUET}
""",
}

EVERY_FIELD_STATS = """\
Records
type       records
---------  -------
actor            5
source           1
gift             2
agreement        1

Gifts and loans
transfer  records
--------  -------
gift            1
loan            1

Gifts by giver
giver              id                 gifts
-----------------  -----------------  -----
Dear Leader        northland-leader       1
State News Agency  state-news-agency      1

Gifts by recipient
recipient               id                   gifts
----------------------  -------------------  -----
Northland               northland                1
President of Southland  southland-president      1

Gifts by year
year  gifts
----  -----
2024      2

Gift items by category
category  gifts  items  count
--------  -----  -----  -----
animal        1      1      2
artwork       1      1      0
food          1      1     12
document      1      1      1
"""

RECORDS_STATS = """\
Records
type       records
---------  -------
actor           12
source           5
gift            11
agreement        1

Gifts and loans
transfer  records
--------  -------
gift           11
loan            0

Gifts by giver
giver                              id                               gifts
---------------------------------  -------------------------------  -----
Russia                             russia                               3
Kim Jong Un                        kim-jong-un                          2
Japan                              japan                                1
Leader of Kyrgyzstan               leader-of-kyrgyzstan                 1
President of Bulgaria              president-of-bulgaria                1
President of Serbia                president-of-serbia                  1
President of Turkmenistan          president-of-turkmenistan            1
Former Defense Minister of Russia  russian-former-defense-minister      1

Gifts by recipient
recipient       id              gifts
--------------  --------------  -----
Vladimir Putin  vladimir-putin      7
North Korea     north-korea         2
Moon Jae-in     moon-jae-in         1
Pyongyang Zoo   pyongyang-zoo       1

Gifts by year
year     gifts
-------  -----
../2007      1
2012         1
2017         1
2018         1
2019         2
2024         4
unknown      1

Gift items by category
category  gifts  items  count
--------  -----  -----  -----
animal       11     18    112
"""

KIM_JONG_UN = """\
actor kim-jong-un (records/actors.yaml:11:3)
  kind: person
  name: Kim Jong Un
  role: Leader of North Korea
  country: PRK
  wikidata: Q56226
  aliases: Kim Jong-un
  notes: The sources call him "North Korean leader" and "North Korea's leader", so the role \
says no more than that. Article 003 spells the name "Kim Jong-un".

gifts given (2):
  2018  gift kim-to-moon-pungsan-dogs-2018: Pungsan dog (2), from Kim Jong Un (kim-jong-un) \
to Moon Jae-in (moon-jae-in)
  2024-06-19/2024-06-20  gift kim-to-putin-pungsan-dogs-2024: Pungsan dog (2), from Kim Jong \
Un (kim-jong-un) to Vladimir Putin (vladimir-putin)

signed (1):
  2024-06-19  agreement russia-north-korea-mutual-defense-pact-2024: Russia-North Korea mutual \
defense pact
"""


@pytest.fixture
def in_project(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(PROJECT)
    return PROJECT


@pytest.mark.parametrize("record_id", list(SHOWN))
def test_show_prints_a_record_and_what_refers_to_it(
    runner: CliRunner, in_project: Path, record_id: str
) -> None:
    result = runner.invoke(app, ["show", record_id, str(EVERY_FIELD.relative_to(PROJECT))])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == SHOWN[record_id]


def test_show_an_actor_of_the_projects_ledger(runner: CliRunner, in_project: Path) -> None:
    result = runner.invoke(app, ["show", "kim-jong-un"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, KIM_JONG_UN, "")


def test_show_says_when_nothing_refers_to_a_record(runner: CliRunner, in_project: Path) -> None:
    result = runner.invoke(app, ["show", "putin-using-visit-to-get-more-help-from-north-korea-isw"])
    assert result.exit_code == 0
    assert result.stdout.endswith("\n\nno gift or agreement refers to it\n")


def test_an_unknown_id_exits_1_with_the_nearest_id(runner: CliRunner, in_project: Path) -> None:
    result = runner.invoke(app, ["show", "kim-jong-on"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "ledger: error: no record has the id, name, alias or item 'kim-jong-on': did you mean "
        "'kim-jong-un'?\n",
    )


@pytest.mark.parametrize("name", ["Kim Jong Un", "kim jong-un", "Leader of North Korea"])
def test_show_finds_an_actor_by_name_alias_or_role(
    runner: CliRunner, in_project: Path, name: str
) -> None:
    result = runner.invoke(app, ["show", name])
    assert (result.exit_code, result.stdout, result.stderr) == (0, KIM_JONG_UN, "")


def test_show_finds_a_gift_by_an_item_or_a_name(runner: CliRunner, in_project: Path) -> None:
    by_item = runner.invoke(app, ["show", "Akita dog"])
    assert by_item.stdout.startswith("gift japan-to-putin-akita-dog-yume-2012 (records/gifts.yaml")
    by_name = runner.invoke(app, ["show", "yume"])
    assert (by_name.exit_code, by_name.stdout) == (0, by_item.stdout)


def test_a_name_of_several_records_lists_them(runner: CliRunner, in_project: Path) -> None:
    result = runner.invoke(app, ["show", "Pungsan dog"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "ledger: error: 'Pungsan dog' names 2 records: kim-to-putin-pungsan-dogs-2024, "
        "kim-to-moon-pungsan-dogs-2018: give one id\n",
    )


def test_a_misspelt_name_is_suggested(runner: CliRunner, in_project: Path) -> None:
    result = runner.invoke(app, ["show", "Vladimir Putn"])
    assert (result.exit_code, result.stderr) == (
        1,
        "ledger: error: no record has the id, name, alias or item 'Vladimir Putn': did you mean "
        "'Vladimir Putin'?\n",
    )


def test_show_lists_what_refers_to_a_record_by_date(runner: CliRunner, in_project: Path) -> None:
    result = runner.invoke(app, ["show", "vladimir-putin"])
    dates = [
        line.split()[0] for line in result.stdout.split("gifts received (7):\n")[1].splitlines()[:7]
    ]
    assert dates == ["../2007", "2012", "2017", "2019", "2019", "2024-06-19/2024-06-20", "XXXX"]


def test_a_record_with_errors_cannot_be_shown(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "records.yaml").write_text("- {type: actor, id: nameless, kind: person}\n")
    result = runner.invoke(app, ["show", "nameless", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        1,
        "ledger: error: record 'nameless' has errors and is not in the ledger: run `ledger "
        "validate` to see them\n",
    )


def test_a_missing_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    for args in (["show", "x", str(tmp_path / "nope")], ["stats", str(tmp_path / "nope")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert result.stderr.startswith("ledger: error: ledger folder ")


@pytest.mark.parametrize(
    ("ledger", "expected"),
    [(EVERY_FIELD, EVERY_FIELD_STATS), (PROJECT / "records", RECORDS_STATS)],
    ids=["every-field", "records"],
)
def test_stats_prints_plain_tables_when_piped(
    runner: CliRunner, ledger: Path, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("CI", raising=False)
    result = runner.invoke(app, ["stats", str(ledger)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_stats_count_a_ledger_with_errors_without_its_bad_records(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copytree(EVERY_FIELD, tmp_path / "ledger")
    (tmp_path / "ledger" / "bad.yaml").write_text("- {type: actor, id: nameless, kind: person}\n")
    result = runner.invoke(app, ["stats", str(tmp_path / "ledger")])
    assert (result.exit_code, result.stdout) == (0, EVERY_FIELD_STATS)


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("tty", "environ", "rich"),
    [
        (True, {}, True),
        (True, {"TERM": "xterm-256color"}, True),
        (False, {}, False),
        (True, {"NO_COLOR": ""}, False),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"CI": "true"}, False),
        (True, {"CI": ""}, True),
        (True, {"TERM": "dumb"}, False),
    ],
)
def test_rich_tables_only_on_a_terminal_that_wants_them(
    tty: bool, environ: dict[str, str], rich: bool
) -> None:
    assert wants_rich(_Stream(tty), environ) is rich


def test_on_a_terminal_stats_are_drawn_with_rich() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=60, color_system="standard")
    render_rich(ledger_stats(load_ledger(EVERY_FIELD).ledger)[:1], console)
    drawn = stream.getvalue()
    assert "\x1b[" in drawn  # colour, on a terminal
    cells = _cells(drawn)
    assert cells.startswith("Records")
    assert "type records" in cells
    assert "agreement 1" in cells


def _cells(drawn: str) -> str:
    """What a table shows, whatever rich's box style: no colour, no lines, single spaces."""
    drawn = re.sub(r"\x1b\[[0-9;]*m", "", drawn)
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", drawn).split())


def test_the_command_draws_rich_tables_when_it_should(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gift_ledger.terminal.wants_rich", lambda stream, environ: True)
    result = runner.invoke(app, ["stats", str(EVERY_FIELD)])
    assert result.exit_code == 0
    assert re.search(r"[\u2500-\u257f]", result.stdout)  # drawn, not plain
    assert "agreement 1" in _cells(result.stdout)


def test_plain_tables_align_wide_characters() -> None:
    table = Table("T", ("name", "n"), [("北朝鮮", 1), ("Russia", 10)])
    assert render_plain([table]) == ("T\nname     n\n------  --\n北朝鮮   1\nRussia  10\n")
