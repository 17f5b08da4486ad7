"""Archived texts are kept by their real path, however sources spell it (issue #18)."""

from __future__ import annotations

from pathlib import Path

from gift_ledger.check.quotes import normalize
from gift_ledger.check.texts import SourceTexts, TextProblem
from gift_ledger.read.limits import MAX_FILE_BYTES


def test_a_text_spelled_two_ways_is_read_and_kept_once(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("It was  a “gift”.", encoding="utf-8")
    texts = SourceTexts(tmp_path)
    first = texts.get("texts/a.txt")
    assert first == normalize("It was  a “gift”.")
    assert texts.get("./texts/a.txt") is first
    assert texts.get("texts//a.txt") is first
    assert texts.get("texts/../texts/a.txt") is first


def test_a_problem_names_the_path_as_each_source_spells_it(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_bytes(b"\xff not UTF-8")
    texts = SourceTexts(tmp_path)
    for spelling in ("texts/a.txt", "./texts/a.txt", "texts/{0}/../a.txt"):
        assert texts.get(spelling) == TextProblem(
            "text-unreadable", f"text {spelling!r} is not UTF-8: save it as UTF-8"
        )


def test_a_text_that_grew_since_it_was_looked_at_is_read_whole_up_to_the_limit(
    tmp_path: Path,
) -> None:
    """The exports read a text again, by the size validation saw: what was added since is
    read too, and a text that grew past the limit is refused as one that was too large."""
    text = tmp_path / "a.txt"
    text.write_text("It was a gift.", encoding="utf-8")
    texts = SourceTexts(tmp_path)
    assert texts.get("a.txt") == "It was a gift."
    with text.open("a", encoding="utf-8") as file:
        file.write(" And a loan.")
    archived = texts.archived("a.txt")
    assert not isinstance(archived, TextProblem)
    assert archived.text == "It was a gift. And a loan."
    with text.open("ab") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    assert texts.archived("a.txt") == TextProblem(
        "text-unreadable", f"text 'a.txt' is larger than {MAX_FILE_BYTES:,} bytes"
    )
