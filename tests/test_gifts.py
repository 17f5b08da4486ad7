"""`resolved_gifts`: each gift with its actors and sources in place of their ids."""

from __future__ import annotations

from pathlib import Path

from gift_ledger import load_ledger, resolved_gifts

from .export_support import small_ledger, write_ledger


def test_a_valid_ledger_resolves_every_reference(tmp_path: Path) -> None:
    loaded = load_ledger(write_ledger(tmp_path / "records", small_ledger()))
    [resolved] = resolved_gifts(loaded)
    assert resolved.gift.id == "the-gift"
    [giver], [recipient] = resolved.givers, resolved.recipients
    assert giver is not None and giver.label == "A Giver"
    assert recipient is not None and recipient.country == "RUS"
    [(citation, source)] = resolved.citations
    assert (citation.quote, source is not None and source.title) == ("gave a dog", "A report")


def test_a_reference_to_a_rejected_record_is_none(tmp_path: Path) -> None:
    records = small_ledger()
    records[1] = {**records[1], "kind": "planet"}  # no such kind: the actor is rejected
    loaded = load_ledger(write_ledger(tmp_path / "records", records))
    assert loaded.report.errors == 1
    [resolved] = resolved_gifts(loaded)
    assert resolved.givers[0] is not None
    assert resolved.recipients == (None,)
