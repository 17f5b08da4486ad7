"""Every problem in one run: a record with errors in some fields is still judged by the rest.

The contract ("Reading every problem at once"): a fix never uncovers a problem that the run
before could already have seen. The property test breaks a valid ledger in several fields
at once, drawn from a catalogue of single-field mistakes (each one a model error, like an
invalid date, or a problem only the checks across records see, like a quote that is not in
the article), and asserts that the run reports every diagnostic that each mistake gives when
it is the only one. Mistakes are drawn so that none breaks a field another one's check reads:
with the count broken, "more names than count" cannot be judged, and is not promised.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gift_ledger import validate_ledger
from gift_ledger.cli import app

from .conftest import CASES

TEXT = (
    "SEOUL - North Korean leader Kim Jong Un gave Russian President Vladimir Putin a pair of "
    "Pungsan dogs, state media reported Thursday. Putin gave Kim an Aurus limousine. Article 4 "
    "of the treaty says the other side shall provide military assistance without delay.\n"
)

LEDGER: dict[str, list[dict[str, Any]]] = {
    "actors": [
        {"type": "actor", "id": "kim", "kind": "person", "name": "Kim Jong Un"},
        {"type": "actor", "id": "putin", "kind": "person", "name": "Vladimir Putin"},
        {"type": "actor", "id": "russia", "kind": "state", "name": "Russia", "country": "RUS"},
        {"type": "actor", "id": "dprk", "kind": "state", "name": "DPRK", "country": "PRK"},
    ],
    "sources": [
        {
            "type": "source",
            "id": "report",
            "title": "Putin gets a pair of dogs",
            "published": "2024-06-20",
            "url": "https://example.org/dogs",
            "text": "texts/report.txt",
        }
    ],
    "gifts": [
        {
            "type": "gift",
            "id": "dogs",
            "giver": "kim",
            "recipient": "putin",
            "date": "2024-06-19",
            "items": [{"item": "Pungsan dog", "category": "animal", "count": 2, "names": ["Gomi"]}],
            "total": 2,
            "value": {"amount": 650, "currency": "USD"},
            "occasion": "A state visit",
            "sources": [
                {"source": "report", "quote": "a pair of Pungsan dogs", "date": "2024-06-19"}
            ],
        },
        {
            "type": "gift",
            "id": "car",
            "giver": "putin",
            "recipient": "kim",
            "date": "2024-06-19",
            "items": [{"item": "Aurus limousine", "category": "vehicle", "count": 1}],
            "sources": [{"source": "report", "quote": "Putin gave Kim an Aurus limousine"}],
        },
        {
            "type": "gift",
            "id": "tea",
            "giver": "kim",
            "recipient": "putin",
            "date": "2024-06",
            "items": [{"item": "Ginseng tea", "category": "food"}],
            "sources": [{"source": "report", "quote": "North Korean leader Kim Jong Un"}],
        },
    ],
    "agreements": [
        {
            "type": "agreement",
            "id": "pact",
            "title": "Treaty on comprehensive strategic partnership",
            "parties": ["russia", "dprk"],
            "signatories": ["putin", "kim"],
            "date": "2024-06-19",
            "obligations": ["defense"],
            "provisions": [
                {"article": "4", "text": "shall provide military assistance without delay"}
            ],
            "sources": [{"source": "report", "quote": "Article 4 of the treaty"}],
        }
    ],
}


@dataclass(frozen=True)
class Mistake:
    """One wrong field: where it is, what it does to the ledger, and the fields it concerns."""

    name: str
    change: Callable[[dict[str, list[dict[str, Any]]]], None]
    concerns: frozenset[str]
    """Fields ("file/index/path") that the mistake writes, or that its diagnostic reads."""


def _set(where: str, value: Any) -> Callable[[dict[str, list[dict[str, Any]]]], None]:
    file, *path = (int(p) if p.isdigit() else p for p in where.split("/"))

    def change(ledger: dict[str, list[dict[str, Any]]]) -> None:
        target: Any = ledger[str(file)]
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _mistake(name: str, where: str, value: Any, reads: str = "") -> Mistake:
    return Mistake(name, _set(where, value), frozenset({where, *reads.split()}))


_REPORT = "sources/0/id sources/0/text"

MISTAKES = (
    # Errors in one field, reported by the models
    _mistake("invalid date", "gifts/0/date", "2024-13-19"),
    _mistake("category", "gifts/0/items/0/category", "animals"),
    _mistake("count", "gifts/0/items/0/count", 0),
    _mistake("blank occasion", "gifts/0/occasion", " "),
    _mistake("currency", "gifts/0/value/currency", "usd"),
    _mistake("unknown field", "gifts/0/reciever", "putin"),
    _mistake("giver not a slug", "gifts/1/giver", "Vladimir Putin"),
    _mistake("gift id", "gifts/1/id", "Car!"),
    _mistake("obligation", "agreements/0/obligations/0", "defence"),
    _mistake("blank provision", "agreements/0/provisions/0/text", ""),
    _mistake("actor kind", "actors/0/kind", "persn"),
    _mistake("country", "actors/2/country", "rus"),
    _mistake("source date", "sources/0/published", "2024-99"),
    _mistake("url", "sources/0/url", "example.org"),
    # Problems that only the checks across records see
    _mistake(
        "quote not found",
        "gifts/0/sources/0/quote",
        "a pair of Pungsan hounds",
        reads=f"gifts/0/sources/0/source {_REPORT}",
    ),
    _mistake(
        "more names than count",
        "gifts/0/items/0/names",
        ["Gomi", "Songgang", "Third"],
        reads="gifts/0/items/0/count",
    ),
    _mistake("unknown recipient", "gifts/0/recipient", "vladimir-putin"),
    _mistake("total below counts", "gifts/0/total", 1, reads="gifts/0/items/0/count"),
    _mistake("wrong party", "agreements/0/parties/1", "kim", reads="actors/0/kind actors/0/id"),
    _mistake("duplicate id", "agreements/0/id", "dogs", reads="gifts/0/id"),
    _mistake(
        "provision not found",
        "agreements/0/provisions/0/text",
        "shall never provide help",
        reads=f"agreements/0/sources/0/source {_REPORT}",
    ),
    _mistake(
        "look-alike",
        "gifts/2/items/0/item",
        "Pungsan dog",
        reads="gifts/2/giver gifts/2/recipient gifts/2/date gifts/0/giver gifts/0/recipient "
        "gifts/0/date gifts/0/items/0/item",
    ),
)


def _disjoint(mistakes: list[Mistake]) -> bool:
    """No mistake writes or reads a field that another one writes or reads."""
    seen: set[str] = set()
    for mistake in mistakes:
        if any(_overlap(field, other) for field in mistake.concerns for other in seen):
            return False
        seen |= mistake.concerns
    return True


def _overlap(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _diagnostics(root: Path, mistakes: list[Mistake]) -> set[tuple[str, str, str, str]]:
    ledger = copy.deepcopy(LEDGER)
    for mistake in mistakes:
        mistake.change(ledger)
    for name, records in ledger.items():
        (root / f"{name}.json").write_text(json.dumps(records), encoding="utf-8")
    (root / "texts").mkdir(exist_ok=True)
    (root / "texts" / "report.txt").write_text(TEXT, encoding="utf-8")
    report = validate_ledger(root)
    return {(d.file.name, d.pointer, d.code, d.message) for d in report.diagnostics}


def test_the_ledger_without_mistakes_is_valid(tmp_path: Path) -> None:
    assert _diagnostics(tmp_path, []) == set()


def test_each_mistake_alone_gives_a_diagnostic(tmp_path: Path) -> None:
    for n, mistake in enumerate(MISTAKES):
        root = tmp_path / str(n)
        root.mkdir()
        assert _diagnostics(root, [mistake]), mistake.name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(MISTAKES), min_size=2, max_size=6, unique=True).filter(_disjoint))
def test_mistakes_together_report_what_each_reports_alone(mistakes: list[Mistake]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        alone: set[tuple[str, str, str, str]] = set()
        for n, mistake in enumerate(mistakes):
            (root / str(n)).mkdir()
            alone |= _diagnostics(root / str(n), [mistake])
        (root / "all").mkdir()
        assert alone <= _diagnostics(root / "all", mistakes)


FIVE_MISTAKES = CASES / "invalid" / "five-mistakes"


def test_five_mistakes_in_one_record_are_reported_in_one_run(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(FIVE_MISTAKES)])
    assert result.output.replace(f"{FIVE_MISTAKES}/", "") == (
        "actors.yaml:2:7: warning [unreferenced] no gift or agreement refers to actor "
        "'kim-jong-un'\n"
        "gifts.yaml:4:10: error [unknown-reference] no record has id 'kim-jong-eun': did you "
        "mean 'kim-jong-un'?\n"
        "gifts.yaml:6:9: error [invalid-date] 'date': '2024-13-19': month 13 does not exist "
        "(01 to 12)\n"
        "gifts.yaml:9:17: error [invalid-value] 'items[0].category' must be one of animal, "
        "vehicle, clothing, jewelry, artwork, craft, book, decoration, food, weapon, document, "
        "other, not 'animals': did you mean 'animal'?\n"
        "gifts.yaml:11:14: error [too-many-names] 3 names for a count of 2: correct the count "
        "or the names\n"
        "gifts.yaml:14:14: error [quote-not-found] the quote is not in the text of source "
        '\'dogs-report\': quote has "gave President", text has "President Vladimir", in the '
        'closest passage "President Vladimir Putin a pair of Pungsan dogs"\n'
        "4 records in 3 files: 5 errors, 1 warning: invalid\n"
    )
    assert result.exit_code == 1
