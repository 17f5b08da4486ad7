"""References between records: what `references_resolve` and `records_referenced` report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gift_ledger import validate_ledger

_ACTORS = [
    {"type": "actor", "id": "russia", "kind": "state", "name": "Russia", "country": "RUS"},
    {"type": "actor", "id": "north-korea", "kind": "state", "name": "DPRK", "country": "PRK"},
    {"type": "actor", "id": "kim", "kind": "person", "name": "Kim"},
    {"type": "source", "id": "report", "title": "A report", "text": "report.txt"},
]


def _gift(gift_id: str, **fields: Any) -> dict[str, Any]:
    gift = {
        "type": "gift",
        "id": gift_id,
        "giver": "north-korea",
        "recipient": "russia",
        "date": "2024-06-19",
        "items": [{"item": "Pungsan dog", "category": "animal"}],
        "sources": [{"source": "report", "quote": "a pair of dogs"}],
    }
    return gift | fields


def _problems(root: Path, *records: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The file, pointer and code of each diagnostic for a ledger of the given records."""
    (root / "report.txt").write_text("He got a pair of dogs.", encoding="utf-8")
    (root / "actors.json").write_text(json.dumps(_ACTORS), encoding="utf-8")
    (root / "gifts.json").write_text(json.dumps(list(records)), encoding="utf-8")
    report = validate_ledger(root)
    return [(d.file.name, d.pointer, d.code) for d in report.diagnostics]


def test_resolved_references_give_nothing(tmp_path: Path) -> None:
    gifts = [_gift("first", related=["second"]), _gift("second", giver="kim")]
    assert _problems(tmp_path, *gifts) == []


def test_each_broken_reference_is_reported(tmp_path: Path) -> None:
    gift = _gift(
        "dogs",
        giver="nobody",
        recipient="report",
        related=["dogs", "russia", "north-korea"],
        sources=[{"source": "kim", "quote": "dogs"}, {"source": "report", "quote": "dogs"}],
    )
    assert _problems(tmp_path, gift) == [
        ("gifts.json", "/0/giver", "unknown-reference"),
        ("gifts.json", "/0/recipient", "wrong-reference"),
        ("gifts.json", "/0/sources/0/source", "wrong-reference"),
        ("gifts.json", "/0/related/0", "wrong-reference"),  # written last, after "sources"
    ]


def test_a_wrong_reference_says_what_was_named_and_a_kind_that_failed_says_nothing(
    tmp_path: Path,
) -> None:
    # A gift that names itself among related records, and as its giver (a gift is no actor);
    # an agreement whose party has a kind that failed validation: its own error says why.
    (tmp_path / "parties.json").write_text(
        json.dumps([{"type": "actor", "id": "atlantis", "kind": "island", "name": "Atlantis"}]),
        encoding="utf-8",
    )
    agreement = {
        "type": "agreement",
        "id": "pact",
        "title": "A pact",
        "parties": ["russia", "atlantis"],
        "date": "2024-06-19",
        "sources": [{"source": "report", "quote": "a pair of dogs"}],
    }
    gifts = [_gift("dogs", related=["dogs"]), _gift("self", giver="self"), agreement]
    assert _problems(tmp_path, *gifts) == [
        ("actors.json", "/2/id", "unreferenced"),
        ("gifts.json", "/0/related/0", "wrong-reference"),
        ("gifts.json", "/1/giver", "wrong-reference"),
        ("parties.json", "/0/kind", "invalid-value"),
    ]
    messages = [d.message for d in validate_ledger(tmp_path).diagnostics]
    assert messages[1:3] == [
        "a record cannot refer to itself",
        "'giver' must name an actor, but 'self' is a gift",
    ]


def test_a_duplicate_naming_its_own_id_names_the_first_record(tmp_path: Path) -> None:
    # `kim` is first an actor: the gift under that id gives from him, not from itself.
    # `dogs` is first another gift: naming it is fine; the second `dogs` is not itself.
    gifts = [
        _gift("dogs"),
        _gift("kim", giver="kim"),
        _gift("dogs", giver="russia", recipient="north-korea", related=["dogs"]),
    ]
    assert _problems(tmp_path, *gifts) == [
        ("gifts.json", "/1/id", "duplicate-id"),
        ("gifts.json", "/2/id", "duplicate-id"),
    ]


def test_references_to_rejected_records_and_from_them(tmp_path: Path) -> None:
    # The rejected gift has its own error; naming it is not one more, and it refers to Kim.
    rejected = _gift("broken", giver="kim", unknown="field")
    assert _problems(tmp_path, rejected, _gift("dogs", related=["broken", "missing"])) == [
        ("gifts.json", "/0/unknown", "unknown-field"),
        ("gifts.json", "/1/related/1", "unknown-reference"),
    ]


def test_actors_and_sources_no_record_names_are_reported(tmp_path: Path) -> None:
    assert _problems(tmp_path, _gift("dogs")) == [("actors.json", "/2/id", "unreferenced")]


def test_every_code_is_typed_and_has_its_meaning() -> None:
    """`Code` is what mypy checks a code against; `CODES` says what each one means."""
    import typing

    from gift_ledger.diagnostics import CODES, Code

    assert list(CODES) == list(typing.get_args(Code))
