"""The published JSON Schema: up to date, usable by other tools, and in step with the models."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from typer.testing import CliRunner

from gift_ledger.cli import app
from gift_ledger.codes import country_codes, currency_codes
from gift_ledger.models import Record
from gift_ledger.schema import generate_schemas, record_file_schema
from gift_ledger.vocab import Category

from .conftest import CASES, PROJECT

SCHEMA = record_file_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
RECORD = TypeAdapter(Record)


def test_published_schema_is_what_the_models_generate() -> None:
    for name, text in generate_schemas().items():
        assert (PROJECT / "schema" / name).read_text(encoding="utf-8") == text


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_check_passes_then_fails_when_stale(runner: CliRunner, tmp_path: Path) -> None:
    written = runner.invoke(app, ["schema", "--output", str(tmp_path)])
    assert written.output == f"wrote {tmp_path / 'record-file.schema.json'}\n"
    assert written.exit_code == 0
    fresh = runner.invoke(app, ["schema", "--check", "--output", str(tmp_path)])
    assert fresh.output == f"{tmp_path}: up to date\n"
    assert fresh.exit_code == 0
    (tmp_path / "record-file.schema.json").write_text("{}\n", encoding="utf-8")
    stale = runner.invoke(app, ["schema", "--check", "--output", str(tmp_path)])
    assert stale.output == (
        f"{tmp_path / 'record-file.schema.json'}: out of date: "
        f"run `ledger schema --output {tmp_path}`\n"
    )
    assert stale.exit_code == 1


def test_check_jsonschema_accepts_the_project_records() -> None:
    files = sorted(str(p) for p in (PROJECT / "records").glob("*.yaml"))
    assert files
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile",
         str(PROJECT / "schema" / "record-file.schema.json"), *files],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_typo(tmp_path: Path) -> None:
    shutil.copy(CASES / "invalid" / "unknown-field" / "gifts.yaml", tmp_path / "gifts.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile",
         str(PROJECT / "schema" / "record-file.schema.json"), str(tmp_path / "gifts.yaml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "recipeint" in result.stdout


# Records as people write them, for the property tests ----------------------------------

_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20
).filter(lambda s: not s.isspace())
_slug = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}\Z")
_date = st.one_of(
    st.sampled_from(
        ["2024-06-19", "2024-06", "2024", "2024-06?", "2017-10~", "201X", "XXXX", "2024-XX",
         "2024-06/2024-08", "../2019", "2019/..", "/2019", "2024-02-29"]
    ),
    st.integers(1000, 9999),
    st.dates().map(lambda d: d.isoformat() if d.year >= 1000 else "1999"),
)  # fmt: skip
_count = st.one_of(st.integers(1, 10**6), st.integers(1, 999).map(str))
_wikidata = st.integers(1, 10**8).map(lambda n: f"Q{n}")
_country = st.sampled_from(sorted(country_codes()))
_currency = st.sampled_from(sorted(currency_codes()))
_amount = st.integers(1, 10**6) | st.floats(0.01, 1e9)


def _record(
    required: dict[str, Any], optional: dict[str, Any]
) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(required, optional=optional)


_actors = _slug | st.lists(_slug, min_size=1, max_size=3)
_citation = _record({"source": _slug, "quote": _text}, {"date": _date})
_item = _record(
    {"item": _text, "category": st.sampled_from([str(c) for c in Category])},
    {"count": _count, "names": st.lists(_text, max_size=2), "wikidata": _wikidata},
)
_common = {"notes": _text}
_actor = _record(
    {"type": st.just("actor"), "id": _slug, "kind": st.sampled_from(["person", "organization"]),
     "name": _text},
    {**_common, "role": _text, "country": _country, "wikidata": _wikidata,
     "aliases": st.lists(_text, max_size=2)},
) | _record(
    {"type": st.just("actor"), "id": _slug, "kind": st.just("state"), "role": _text,
     "country": _country},
    _common,
)  # fmt: skip
_source = _record(
    {"type": st.just("source"), "id": _slug, "title": _text},
    {**_common, "publisher": _text, "author": _text, "published": _date,
     "url": st.sampled_from(["https://example.org/a", "http://news.example/x?y=1"]),
     "language": st.sampled_from(["en", "ko", "pt-BR", "yue", "en-GB"]), "text": _text},
)  # fmt: skip
_gift = _record(
    {"type": st.just("gift"), "id": _slug, "giver": _actors, "recipient": _actors, "date": _date,
     "items": st.lists(_item, min_size=1, max_size=3),
     "sources": st.lists(_citation, min_size=1, max_size=2)},
    {**_common, "total": _count, "transfer": st.sampled_from(["gift", "loan"]), "until": _date,
     "value": _record({"amount": _amount, "currency": _currency}, {}),
     "occasion": _text, "related": st.lists(_slug, max_size=2)},
)  # fmt: skip
_agreement = _record(
    {"type": st.just("agreement"), "id": _slug, "title": _text,
     "parties": st.lists(_slug, min_size=2, max_size=3), "date": _date,
     "sources": st.lists(_citation, min_size=1, max_size=2)},
    {**_common, "signatories": st.lists(_slug, max_size=2), "place": _text,
     "obligations": st.lists(st.sampled_from(["defense", "consultation"]), max_size=2),
     "topics": st.lists(_text, max_size=2),
     "provisions": st.lists(_record({"article": st.sampled_from(["4", 7]), "text": _text}, {}),
                            max_size=2),
     "related": st.lists(_slug, max_size=2)},
)  # fmt: skip
records = st.one_of(_actor, _source, _gift, _agreement)


def _models_accept(record: Any) -> bool:
    try:
        RECORD.validate_python(record)
    except ValidationError:
        return False
    return True


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_records_the_models_accept_pass_the_schema(record: dict[str, Any]) -> None:
    assert _models_accept(record), record
    assert VALIDATOR.is_valid(record), list(VALIDATOR.iter_errors(record))
    assert VALIDATOR.is_valid([record, record])


def _drop_required(record: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    key = data.draw(st.sampled_from(sorted(k for k in record if k not in _OPTIONAL)))
    return {k: v for k, v in record.items() if k != key}


_OPTIONAL = {"notes", "role", "country", "wikidata", "aliases", "publisher", "author",
             "published", "url", "language", "text", "total", "value", "occasion", "related",
             "signatories", "place", "obligations", "topics", "provisions", "name", "transfer",
             "until"}  # fmt: skip
_WRONG_VALUES = st.one_of(st.booleans(), st.just({"nested": 1}), st.just([[1]]), st.just(""))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(records, st.data())
def test_structural_defects_are_rejected_by_both(
    record: dict[str, Any], data: st.DataObject
) -> None:
    defect = data.draw(st.sampled_from(["unknown key", "missing key", "wrong type", "bad type"]))
    if defect == "unknown key":
        broken = {**record, data.draw(st.sampled_from(["colour", "giverr", "Type", "id2"])): 1}
    elif defect == "missing key":
        broken = _drop_required(record, data)
    elif defect == "wrong type":
        key = data.draw(st.sampled_from(sorted(k for k in record if k != "type")))
        broken = {**record, key: data.draw(_WRONG_VALUES)}
    else:
        broken = {**record, "type": data.draw(st.sampled_from(["gfit", "Gift", "", 3]))}
    assert not VALIDATOR.is_valid(broken), (defect, broken)
    assert not _models_accept(broken), (defect, broken)
    # ... and whatever the schema rejects, the models reject (never the other way round).


@pytest.mark.parametrize("case", sorted((CASES / "valid").iterdir()), ids=lambda p: p.name)
def test_schema_accepts_every_valid_case(case: Path) -> None:
    from gift_ledger.manifest import read_manifest
    from gift_ledger.read import find_record_files, read_file

    for path in find_record_files(case, read_manifest(case).ignored):
        parsed = read_file(path)
        assert parsed.ok
        assert VALIDATOR.is_valid(parsed.value), (path, list(VALIDATOR.iter_errors(parsed.value)))
