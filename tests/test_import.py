"""`ledger import`: exports come home as record files that hold the very same records."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gift_ledger.check.quotes import contains_quote, normalize
from gift_ledger.cli import app
from gift_ledger.codes import country_codes, currency_codes
from gift_ledger.exporters import ExportOptions, export_ledger, write_output
from gift_ledger.importers import import_ledger, write_records
from gift_ledger.read import read_file
from gift_ledger.record_yaml import scalar
from gift_ledger.tables.flat import FORMULA_STARTS
from gift_ledger.validate import load_ledger
from gift_ledger.vocab import Category
from gift_ledger.writing import MARKER

from .conftest import PROJECT
from .export_support import EVERY_FIELD, RECORDS, small_ledger, write_ledger


def run(runner: CliRunner, *args: str | Path) -> Any:
    return runner.invoke(app, [str(arg) for arg in args])


def records_by_id(folder: Path) -> dict[str, dict[str, Any]]:
    """The validated records of a ledger folder, as plain values, by id."""
    loaded = load_ledger(folder)
    return {e.record.id: e.record.model_dump(mode="json") for e in loaded.ledger.entries}


def export_to(ledger: Path, format_name: str, target: Path) -> Path:
    result = export_ledger(ledger, format_name, ExportOptions())
    assert result.output is not None, [d.message for d in result.report.diagnostics]
    write_output(result.output, target, ledger_root=ledger)
    return target


def round_trip(ledger: Path, work: Path, format_name: str) -> Path:
    """Export the ledger, import the export, and copy the archived texts beside the records."""
    suffix = ".csv" if format_name == "csv" else ""
    work.mkdir(exist_ok=True)
    exported = export_to(ledger, format_name, work / f"export{suffix}")
    imported = import_ledger(exported, ledger if format_name == "csv" else None)
    assert [str(p) for p in imported.problems] == []
    out = work / "imported"
    write_records(imported.records, out, protect=ledger)
    if (ledger / "texts").is_dir():
        shutil.copytree(ledger / "texts", out / "texts")
    return out


# Ledgers that validate, for the property tests ------------------------------------------

_SAFE_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(
    "=+-@'| \t\r\n\"#:,[]{}"
)
_ANY_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs",)) | _SAFE_CHARACTERS


def _texts(characters: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.text(characters, min_size=1, max_size=12).filter(lambda s: not s.isspace())


WILD = _texts(_ANY_CHARACTERS)
"""Any text the models take, control characters and line separators included."""
SAFE = _texts(_SAFE_CHARACTERS)
"""Text without control characters other than tab and line ends."""


def _quotable(text: str) -> bool:
    """Found between other words: it neither begins nor ends inside a word or a character."""
    return contains_quote(normalize(f"0 {text} 0"), text)


QUOTABLE = SAFE.filter(_quotable)
"""Text that an article can be quoted by."""

_DATES = st.sampled_from(
    ["2024-06-19", "2024-06", "2024", 2012, "2024-06?", "2017-10~", "2017-10%", "201X", "XXXX",
     "2024-XX", "2024-06/2024-08", "../2019", "2019/..", "/2019", "2019/", "0999", "2024-02-29"]
)  # fmt: skip
_SLUGS = st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}\Z")
_COUNTRIES = st.sampled_from(sorted(country_codes()))
_CURRENCIES = st.sampled_from(sorted(currency_codes()))
_WIKIDATA = st.integers(1, 10**8).map(lambda n: f"Q{n}")


def _one_or_more(ids: list[str]) -> st.SearchStrategy[str | list[str]]:
    """An actor's id, or a list of ids (a joint gift's givers or recipients)."""
    return st.sampled_from(ids) | st.lists(st.sampled_from(ids), min_size=1, max_size=3)


def _optional(draw: st.DrawFn, record: dict[str, Any], **fields: st.SearchStrategy[Any]) -> None:
    for key, strategy in fields.items():
        if draw(st.booleans()):
            record[key] = draw(strategy)


def _others(ids: list[str], own: str) -> st.SearchStrategy[list[str]]:
    """Ids to relate to: a record cannot refer to itself."""
    return st.lists(st.sampled_from([i for i in ids if i != own]), max_size=2)


@st.composite
def ledgers(
    draw: st.DrawFn,
    text: st.SearchStrategy[str] = WILD,
    quotable: st.SearchStrategy[str] = QUOTABLE,
) -> tuple[list[Any], dict[str, str]]:
    """A valid ledger: its records, and the archived texts (path -> text) they cite.

    Text is drawn from text, except what an archived article must hold: quotes of sources
    with a text (from quotable) and provisions (QUOTABLE).
    """
    # How many persons, states, organizations, sources, gifts and agreements, at most.
    sizes = ((1, 2), (2, 3), (0, 1), (1, 3), (0, 3), (0, 2))
    counts = [draw(st.integers(low, high)) for low, high in sizes]
    ids = iter(draw(st.lists(_SLUGS, min_size=sum(counts), max_size=sum(counts), unique=True)))
    persons, states, organizations, sources, gifts, agreements = (
        [next(ids) for _ in range(n)] for n in counts
    )
    records: list[Any] = []
    for kind, group in (("person", persons), ("state", states), ("organization", organizations)):
        for actor_id in group:
            actor: dict[str, Any] = {"type": "actor", "id": actor_id, "kind": kind}
            named = draw(st.sampled_from(["name", "role", "both"]))
            if named != "role":
                actor["name"] = draw(text)
            if named != "name":
                actor["role"] = draw(text)
            if kind == "state" or draw(st.booleans()):
                actor["country"] = draw(_COUNTRIES)
            _optional(draw, actor, wikidata=_WIKIDATA, aliases=st.lists(text, max_size=2),
                      notes=text)  # fmt: skip
            records.append(actor)
    archived = {source_id: draw(st.booleans()) for source_id in sources}
    texts: dict[str, list[str]] = {source_id: [] for source_id in sources if archived[source_id]}
    for source_id in sources:
        source: dict[str, Any] = {"type": "source", "id": source_id, "title": draw(text)}
        if archived[source_id]:
            source["text"] = f"texts/{source_id}.txt"
        _optional(draw, source, publisher=text, author=text, published=_DATES,
                  url=st.sampled_from(["https://example.org/a", "http://news.example/x?y=1"]),
                  language=st.sampled_from(["en", "ko", "pt-BR"]), notes=text)  # fmt: skip
        records.append(source)

    def citations() -> list[dict[str, Any]]:
        cited = []
        for source_id in draw(st.lists(st.sampled_from(sources), min_size=1, max_size=2)):
            quote = draw(quotable if archived[source_id] else text)
            if archived[source_id]:
                texts[source_id].append(quote)
            citation = {"source": source_id, "quote": quote}
            _optional(draw, citation, date=_DATES)
            cited.append(citation)
        return cited

    every_id = persons + states + organizations + sources + gifts + agreements
    actors = persons + states + organizations
    for gift_id in gifts:
        items = []
        for _ in range(draw(st.integers(1, 2))):
            item: dict[str, Any] = {
                "item": draw(text),
                "category": draw(st.sampled_from([str(category) for category in Category])),
            }
            names = draw(st.lists(text, max_size=2))
            if names or draw(st.booleans()):
                count = draw(st.integers(max(1, len(names)), 40))
                item["count"] = str(count) if draw(st.booleans()) else count
            if names:
                item["names"] = names
            _optional(draw, item, wikidata=_WIKIDATA)
            items.append(item)
        gift: dict[str, Any] = {
            "type": "gift",
            "id": gift_id,
            "giver": draw(_one_or_more(actors)),
            "recipient": draw(_one_or_more(actors)),
            "date": draw(_DATES),
            "items": items,
        }
        transfer = draw(st.sampled_from([None, "gift", "loan"]))
        if transfer is not None:
            gift["transfer"] = transfer
        if transfer == "loan":  # an end no earlier than any date drawn, or none
            _optional(draw, gift, until=st.sampled_from(["2999", "2999-06?", "XXXX", "2030/.."]))
        amounts = st.integers(1, 10**9) | st.floats(0.01, 1e12) | st.just(1e-7)
        _optional(draw, gift, total=st.integers(100, 1000),
                  value=st.fixed_dictionaries({"amount": amounts, "currency": _CURRENCIES}),
                  occasion=text, related=_others(every_id, gift_id))  # fmt: skip
        gift["sources"] = citations()
        _optional(draw, gift, notes=text)
        records.append(gift)
    for agreement_id in agreements:
        agreement: dict[str, Any] = {
            "type": "agreement",
            "id": agreement_id,
            "title": draw(text),
            "parties": draw(st.lists(st.sampled_from(states + organizations), min_size=2,
                                     max_size=3)),
            "date": draw(_DATES),
        }  # fmt: skip
        _optional(draw, agreement, signatories=st.lists(st.sampled_from(persons), max_size=2),
                  place=text,
                  obligations=st.lists(st.sampled_from(["defense", "consultation"]), max_size=2),
                  topics=st.lists(text, max_size=2),
                  related=_others(every_id, agreement_id))  # fmt: skip
        agreement["sources"] = citations()
        provisions = draw(
            st.lists(st.tuples(st.sampled_from(["4", 7, "12a"]), QUOTABLE), max_size=2)
        )
        if provisions:
            agreement["provisions"] = [{"article": a, "text": t} for a, t in provisions]
            for citation in agreement["sources"]:
                if archived[citation["source"]]:
                    texts[citation["source"]].extend(t for _, t in provisions)
        _optional(draw, agreement, notes=text)
        records.append(agreement)
    files = {f"texts/{source_id}.txt": "\n".join(quotes) for source_id, quotes in texts.items()}
    return draw(st.permutations(records)), files


def write_generated(folder: Path, ledger: tuple[list[Any], dict[str, str]]) -> Path:
    records, texts = ledger
    write_ledger(folder, records)
    for path, text in texts.items():
        (folder / path).parent.mkdir(exist_ok=True)
        (folder / path).write_text(text, "utf-8")
    loaded = load_ledger(folder)
    assert [d.full_message for d in loaded.report.diagnostics if d.severity == "error"] == []
    return folder


_PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(ledgers())
def test_a_data_package_comes_home_as_the_same_records(
    ledger: tuple[list[Any], dict[str, str]],
) -> None:
    with tempfile.TemporaryDirectory() as work:
        original = write_generated(Path(work) / "records", ledger)
        imported = round_trip(original, Path(work), "datapackage")
        assert records_by_id(imported) == records_by_id(original)
        assert load_ledger(imported).report.errors == 0


def _csv_safe(text: str) -> bool:
    """Text the flat CSV keeps apart: no ' | ' inside, no leading ' before a formula start."""
    return " | " not in text and not (text.startswith("'") and text[1:].startswith(FORMULA_STARTS))


@_PROPERTY
@given(ledgers(text=SAFE.filter(_csv_safe), quotable=QUOTABLE.filter(_csv_safe)))
def test_the_flat_csv_with_its_ledger_comes_home_as_the_same_records(
    ledger: tuple[list[Any], dict[str, str]],
) -> None:
    with tempfile.TemporaryDirectory() as work:
        original = write_generated(Path(work) / "records", ledger)
        imported = round_trip(original, Path(work), "csv")
        assert records_by_id(imported) == records_by_id(original)


def _load_generator() -> Any:
    name = "gift_ledger_benchmarks_generate"
    path = PROJECT / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


GENERATOR = _load_generator()


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 12), st.integers(0, 2**32), st.sampled_from(["yaml", "json"]))
def test_a_generated_ledger_comes_home_from_both_exports(gifts: int, seed: int, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        original = Path(work) / "records"
        GENERATOR.generate_ledger(original, gifts, fmt, records_per_file=5, seed=seed)
        expected = records_by_id(original)
        assert expected
        assert (
            records_by_id(round_trip(original, Path(work) / "package", "datapackage")) == expected
        )
        assert records_by_id(round_trip(original, Path(work) / "flat", "csv")) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1))
def test_any_text_is_written_so_the_reader_reads_it_back(text: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "x.yaml"
        path.write_text(f"- title: {scalar(text)}\n  list: [{scalar(text, flow=True)}]\n", "utf-8")
        parsed = read_file(path)
        assert parsed.diagnostics == []
        assert parsed.value == [{"title": text, "list": [text]}]


# The command as people run it ------------------------------------------------------------


def test_the_projects_records_come_home_from_the_data_package(
    runner: CliRunner, tmp_path: Path
) -> None:
    package, out = tmp_path / "package", tmp_path / "imported"
    assert run(runner, "export", RECORDS, "-f", "datapackage", "-o", package).exit_code == 0
    result = run(runner, "import", package, "--output", out)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"wrote {out / 'actors.yaml'} (12 records)\n"
        f"wrote {out / 'sources.yaml'} (5 records)\n"
        f"wrote {out / 'gifts.yaml'} (11 records)\n"
        f"wrote {out / 'agreements.yaml'} (1 record)\n"
        f"wrote 5 archived texts below {out}\n"
    )  # the package carries the sources' texts: the imported ledger proves its quotes
    for text in (RECORDS / "texts").iterdir():
        assert (package / "archive" / "texts" / text.name).read_bytes() == text.read_bytes()
        assert (out / "texts" / text.name).read_bytes() == text.read_bytes()
    assert records_by_id(out) == records_by_id(RECORDS)
    validated = run(runner, "validate", out)
    assert validated.exit_code == 0
    assert validated.stdout.endswith("29 records in 4 files: 0 errors, 4 warnings: valid\n")


def test_the_projects_gifts_come_home_from_the_flat_csv(runner: CliRunner, tmp_path: Path) -> None:
    table, out = tmp_path / "gifts.csv", tmp_path / "imported"
    assert run(runner, "export", RECORDS, "-f", "csv", "-o", table).exit_code == 0
    result = run(runner, "import", table, "--ledger", RECORDS, "-o", out)
    assert (result.exit_code, result.stderr) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == [
        MARKER, "actors.yaml", "agreements.yaml", "gifts.yaml", "sources.yaml", "texts"
    ]  # fmt: skip
    assert records_by_id(out) == records_by_id(RECORDS)
    assert run(runner, "validate", out).stdout.endswith("0 errors, 4 warnings: valid\n")


def test_a_spreadsheet_edit_comes_home(runner: CliRunner, tmp_path: Path) -> None:
    ledger = write_ledger(tmp_path / "records", small_ledger(occasion="=SUM(A1)", notes="-old"))
    table, out = tmp_path / "gifts.csv", tmp_path / "imported"
    export_to(ledger, "csv", table)
    text = table.read_bytes().decode("utf-8")
    assert ",'=SUM(A1)," in text  # neutralised at export, as a spreadsheet shows it
    table.write_bytes(text.replace(",'-old", ',"\'-new, from the spreadsheet"').encode())
    assert run(runner, "import", table, "--ledger", ledger, "-o", out).exit_code == 0
    gift = records_by_id(out)["the-gift"]
    assert (gift["occasion"], gift["notes"]) == ("=SUM(A1)", "-new, from the spreadsheet")
    assert (out / "gifts.yaml").read_text("utf-8") == (
        "- type: gift\n"
        "  id: the-gift\n"
        "  giver: giver\n"
        "  recipient: taker\n"
        "  date: 2024-06-19\n"
        "  items:\n"
        "    - item: Dog\n"
        "      category: animal\n"
        "      count: 1\n"
        '  occasion: "=SUM(A1)"\n'
        "  sources:\n"
        "    - source: report\n"
        "      quote: gave a dog\n"
        '  notes: "-new, from the spreadsheet"\n'
    )


def test_a_bad_cell_is_reported_at_its_row_and_nothing_is_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    package, out = tmp_path / "package", tmp_path / "imported"
    export_to(EVERY_FIELD, "datapackage", package)
    items = package / "gift_items.csv"
    items.write_text(items.read_text("utf-8").replace(",food,", ",fod,"), "utf-8")
    result = run(runner, "import", package, "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{items}:3: error [invalid-value] gift 'northland-to-southland-dogs-2024': "
        "'items[1].category' "
        "must be one of animal, vehicle, clothing, jewelry, artwork, craft, book, decoration, "
        "food, weapon, document, other, "
        "not 'fod': did you mean 'food'?\n"
    )
    assert not out.exists()


def test_rows_that_belong_to_no_record_are_reported(runner: CliRunner, tmp_path: Path) -> None:
    package = export_to(EVERY_FIELD, "datapackage", tmp_path / "package")
    with (package / "actor_aliases.csv").open("a", encoding="utf-8", newline="") as stream:
        stream.write("nobody,1,Nobody\r\n")
    result = run(runner, "import", package, "-o", tmp_path / "imported")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{package / 'actor_aliases.csv'}:4: error [unknown-reference] the row belongs to actor "
        "'nobody', which has no row in its own table\n",
    )


def test_a_missing_table_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    package = export_to(EVERY_FIELD, "datapackage", tmp_path / "package")
    (package / "citations.csv").unlink()
    result = run(runner, "import", package, "-o", tmp_path / "imported")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{package / 'citations.csv'}: error [missing-table] the table is missing from the "
        "export\n",
    )


def test_the_rows_of_one_gift_must_agree(runner: CliRunner, tmp_path: Path) -> None:
    table = export_to(EVERY_FIELD, "csv", tmp_path / "gifts.csv")
    lines = table.read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace(b"The state banquet", b"A different occasion")
    table.write_bytes(b"\r\n".join(lines))
    result = run(runner, "import", table, "--ledger", EVERY_FIELD, "-o", tmp_path / "imported")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{table}:3: error [invalid-value] 'occasion' differs from the first row of gift "
        f"'northland-to-southland-dogs-2024' ({table}:2): a gift's own columns repeat on each "
        "of its rows; make them the same\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "nowhere", "-o", "out"],
         "ledger: error: 'nowhere' does not exist: give a data package or a flat CSV\n"),
        (["import", "gifts.csv", "-o", "out"],
         "ledger: error: the flat CSV holds only gifts: give the ledger it came from with "
         "--ledger DIR, for the actors, sources and agreements (or import the data package)\n"),
        (["import", "package", "--ledger", "records", "-o", "out"],
         "ledger: error: a data package holds every record: import it without --ledger\n"),
        (["import", "package", "-o", "package"],
         "ledger: error: cannot import into 'package': it is not an empty folder; give a new "
         "or empty folder\n"),
        (["import", "gifts.csv", "--ledger", "records", "-o", "records/imported"],
         "ledger: error: cannot write 'records/imported': it is inside the ledger folder "
         "'records', where it would be read as records; write it elsewhere\n"),
        (["import", "records", "-o", "out"],
         "ledger: error: 'records' is not an export that can be imported: give a data package "
         "folder (with datapackage.json) or a flat CSV (`ledger export --format csv`)\n"),
    ],
    ids=["missing", "csv-without-ledger", "package-with-ledger", "not-empty", "inside-ledger",
         "not-an-export"],
)  # fmt: skip
def test_usage_errors_exit_2(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EVERY_FIELD, "records")
    export_to(Path("records"), "datapackage", Path("package"))
    export_to(Path("records"), "csv", Path("gifts.csv"))
    result = run(runner, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not Path("out").exists()
    assert not Path("records/imported").exists()


def test_a_ledger_with_errors_is_not_imported_from(runner: CliRunner, tmp_path: Path) -> None:
    table = export_to(EVERY_FIELD, "csv", tmp_path / "gifts.csv")
    broken = write_ledger(tmp_path / "broken", [{"type": "actor", "id": "x", "kind": "person"}])
    result = run(runner, "import", table, "--ledger", broken, "-o", tmp_path / "out")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{broken / 'records.json'}:1:2: error [missing-field] an actor needs a name, or a role "
        "for a person known only by office\n",
    )


def test_the_import_is_read_in_record_order(tmp_path: Path) -> None:
    package = export_to(EVERY_FIELD, "datapackage", tmp_path / "package")
    imported = import_ledger(package)
    assert [r["id"] for r in imported.records] == list(records_by_id(EVERY_FIELD))
    assert json.loads(json.dumps(imported.records)) == imported.records


def test_an_id_in_two_tables_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    package = export_to(EVERY_FIELD, "datapackage", tmp_path / "package")
    with (package / "actors.csv").open("a", encoding="utf-8", newline="") as stream:
        stream.write("summit-report-2024,person,Someone,,,,\r\n")
    result = run(runner, "import", package, "-o", tmp_path / "imported")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{package / 'sources.csv'}:2: error [duplicate-id] id 'summit-report-2024' is also at "
        f"{package / 'actors.csv'}:7\n",
    )


def test_spreadsheet_leftovers_come_home_or_say_what_to_write(
    runner: CliRunner, tmp_path: Path
) -> None:
    """pandas writes counts as 2.0, a spreadsheet shows dates as 6/18/2018."""
    package, out = tmp_path / "package", tmp_path / "imported"
    export_to(RECORDS, "datapackage", package)
    items = package / "gift_items.csv"
    items.write_text(items.read_text("utf-8").replace(",animal,2,", ",animal,2.0,"), "utf-8")
    gifts = package / "gifts.csv"
    gifts.write_text(
        gifts.read_text("utf-8").replace(",gift,,,,2018,", ",gift,,,,6/18/2018,"), "utf-8"
    )
    result = run(runner, "import", package, "-o", out)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{gifts}:3: error [invalid-date] gift 'kim-to-moon-pungsan-dogs-2018': 'date': "
        "'6/18/2018' is a date as a spreadsheet shows it: write it as EDTF, 2018-06-18\n"
    )  # and no word about the counts: 2.0 is 2
    gifts.write_text(gifts.read_text("utf-8").replace("6/18/2018", "2018-06-18"), "utf-8")
    result = run(runner, "import", package, "-o", out)
    assert result.exit_code == 0, result.output
    assert records_by_id(out)["kim-to-putin-pungsan-dogs-2024"]["items"][0]["count"] == 2
