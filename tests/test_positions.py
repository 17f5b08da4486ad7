"""`positions` walks a file only as far as the values asked for: the positions it gives must
be those that the full scans give (every value's position, noted while reading the whole
file), for every value, in YAML and JSON, whatever the layout, line ends and encoding.

The full scans are the reference: the YAML builder with positions, and `scan_json`.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gift_ledger.read import files, positions, read_file
from gift_ledger.read.json import scan_json
from gift_ledger.read.positions import Position
from gift_ledger.read.yaml import YamlBuilder

from .conftest import CASES, PROJECT
from .test_import import GENERATOR

RECORD_SUFFIXES = (".yaml", ".yml", ".json")


def full_scan(path: Path) -> dict[str, Position]:
    """The position of every value in a file that reads without error: the reference."""
    text = files._read_text(path)
    if path.suffix.lower() == ".json":
        return scan_json(text)[0]
    builder = YamlBuilder(text, want_positions=True)
    builder.build()
    return builder.positions


def holders(pointer: str) -> Iterable[str]:
    """The pointer and each pointer to a value that holds it."""
    yield pointer
    while pointer:
        pointer = pointer.rsplit("/", 1)[0]
        yield pointer


def expected(every: dict[str, Position], asked: Iterable[str]) -> dict[str, Position]:
    """What `positions` promises: each value asked for and each of its holders, if there."""
    return {p: every[p] for pointer in asked for p in holders(pointer) if p in every}


def readable(root: Path) -> list[Path]:
    return [
        path
        for path in sorted(root.rglob("*"))
        if path.suffix.lower() in RECORD_SUFFIXES and path.is_file() and read_file(path).ok
    ]


CASE_FILES = [path for root in (CASES, PROJECT / "records") for path in readable(root)]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_each_value_of_the_cases_is_where_the_full_scan_puts_it(path: Path) -> None:
    every = full_scan(path)
    assert positions(path, every) == every
    for pointer in ["", *every]:
        assert positions(path, [pointer]) == expected(every, [pointer]), pointer
        missing = f"{pointer}/not-there"
        assert positions(path, [missing]) == expected(every, [missing]), missing


# Generated ledgers: the benchmarks' generator, in both formats, with odd line ends ------


def _variants(root: Path, target: Path) -> None:
    """Copies of a ledger's record files with CRLF and CR line ends, tabs, and a BOM."""
    for path in readable(root):
        data = path.read_bytes()
        name = path.relative_to(root).as_posix().replace("/", "-")
        variants = {"crlf": data.replace(b"\n", b"\r\n"), "bom": b"\xef\xbb\xbf" + data}
        if path.suffix == ".json":
            variants["cr"] = data.replace(b"\n", b"\r")
            variants["tabs"] = data.replace(b"\n ", b"\n\t").replace(b'": ', b'":\t')
        else:
            variants["cr"] = data.replace(b"\n", b"\r")
            variants["utf16"] = data.decode("utf-8").encode("utf-16")
        for kind, variant in variants.items():
            (target / f"{kind}-{name}").write_bytes(variant)


@pytest.fixture(scope="module")
def generated_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    work = tmp_path_factory.mktemp("generated")
    for fmt in ("yaml", "json"):
        GENERATOR.generate_ledger(work / fmt, 60, fmt, records_per_file=20, seed=3)
    originals = sorted(p for p in work.rglob("*") if p.suffix in RECORD_SUFFIXES)
    variants = work / "variants"
    variants.mkdir()
    for fmt in ("yaml", "json"):
        _variants(work / fmt, variants)
    found = sorted(p for p in work.rglob("*") if p.suffix in RECORD_SUFFIXES)
    assert len(found) == 5 * len(originals)
    assert all(read_file(path).ok for path in found)
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_records_are_where_the_full_scan_puts_them(
    generated_files: list[Path], data: st.DataObject
) -> None:
    path = data.draw(st.sampled_from(generated_files), label="file")
    every = full_scan(path)
    asked = data.draw(_asked(sorted(every)), label="asked")
    assert positions(path, asked) == expected(every, asked)


def _asked(pointers: list[str]) -> st.SearchStrategy[list[str]]:
    """Some of the pointers of a file, and pointers to values it does not have."""
    present = st.sampled_from(pointers)
    absent = st.builds(
        lambda pointer, token: f"{pointer}/{token}",
        present,
        st.sampled_from(["x", "0", "7", "99", "01", "~1", "a~0b", "", "id"]),
    )
    return st.lists(st.one_of(present, absent), min_size=1, max_size=6)


# Any document, written by YAML's and JSON's own writers in any of their layouts ----------

_CHARACTERS = st.sampled_from([*"ab~/01 é\U0001f600\t:#-?\\", *"\"'\n\r\x85\u2028[{,&*!\ufeff"])
_KEYS = st.one_of(
    st.text(_CHARACTERS, max_size=4),
    st.text(_CHARACTERS, min_size=130, max_size=140),  # YAML writes these as `? key`
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(_CHARACTERS, max_size=12),
    st.text(_CHARACTERS, min_size=60, max_size=120),  # folded over lines
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(_KEYS, inner, max_size=4),
        inner.map(lambda shared: [shared, {"again": shared}]),  # YAML: an anchor, an alias
    ),
    max_leaves=25,
)
_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16")


@st.composite
def _yaml_text(draw: st.DrawFn, value: Any) -> str:
    style = draw(st.sampled_from([None, '"', "'", "|"]))
    return yaml.safe_dump(
        value if style is None else _as_text(value, {}),  # else YAML would tag 1 as !!int
        default_flow_style=draw(st.sampled_from([False, True, None])),
        default_style=style,
        indent=draw(st.integers(2, 5)),
        width=draw(st.sampled_from([20, 80, 1000])),
        allow_unicode=draw(st.booleans()),
        line_break=draw(st.sampled_from(["\n", "\r\n", "\r"])),
        explicit_start=draw(st.booleans()),
        sort_keys=False,
    )


def _as_text(value: Any, done: dict[int, Any]) -> Any:
    """The value with every scalar made text, values that were shared still shared."""
    if id(value) in done:
        return done[id(value)]
    if isinstance(value, list):
        done[id(value)] = copy = []
        copy.extend(_as_text(item, done) for item in value)
        return copy
    if isinstance(value, dict):
        done[id(value)] = mapping = {}
        mapping.update((key, _as_text(item, done)) for key, item in value.items())
        return mapping
    return value if isinstance(value, str) else str(value)


@st.composite
def _json_text(draw: st.DrawFn, value: Any) -> str:
    text = json.dumps(
        value,
        indent=draw(st.sampled_from([None, 0, 1, 3, "\t"])),
        separators=draw(st.sampled_from([None, (",", ":"), (" ,\t", " :  ")])),
        ensure_ascii=draw(st.booleans()),
    )
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r", "\n\r\t "])))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_document_is_where_the_full_scan_puts_it(data: st.DataObject) -> None:
    value = data.draw(_VALUES, label="value")
    suffix = data.draw(st.sampled_from([".yaml", ".json"]), label="suffix")
    writer = _json_text if suffix == ".json" else _yaml_text
    text = data.draw(writer(value), label="text")
    encoding = data.draw(st.sampled_from(_ENCODINGS), label="encoding")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"records{suffix}"
        path.write_bytes(text.encode(encoding))
        assume(read_file(path).ok)
        every = full_scan(path)
        asked = data.draw(_asked(sorted(every)), label="asked")
        assert positions(path, asked) == expected(every, asked)
        assert positions(path, every) == every


# Lists of records as people type them, with what could be mistaken for a record's start --

_VALUE_FORMS = [
    "word",
    "two words",
    '"a quote"',
    '"runs over\n- a line that starts like a record"',  # a quoted text, not an item
    "'runs over\n- another line, it''s quoted'",
    '"ends the line\n"',
    "[a, b]",
    "{a: 1}",
    "|\n    a block of text\n    - not an item",
    ">-\n    folded text",
    "\n    - nested\n    - list",
    "\n    key: value",
    "&shared [1, 2]",
    "*shared",
    "!!str 12",
    "# only a comment",
]


@st.composite
def _typed_list(draw: st.DrawFn) -> str:
    """A top-level list of records in block style, in the layouts the walk could misread."""
    header = ["", "---\n", "%YAML 1.1\n---\n", "# records\n", "&all\n", "--- &all\n"]
    lines = [draw(st.sampled_from(header))]
    shared = False
    for _ in range(draw(st.integers(1, 12))):
        form = draw(st.sampled_from(["mapping", "mapping", "scalar", "flow", "empty"]))
        if form == "mapping":
            keys = draw(
                st.lists(
                    st.sampled_from(["id", "a", "b", "long key"]),
                    min_size=1,
                    max_size=3,
                    unique=True,
                )
            )
            fields = []
            for key in keys:
                value = draw(st.sampled_from(_VALUE_FORMS))
                if value == "*shared" and not shared:
                    value = "&shared [1, 2]"
                shared = shared or value.startswith("&shared")
                fields.append(f"{key}: {value}")
            lines.append("- " + "\n  ".join(fields) + "\n")
        elif form == "scalar":
            lines.append("- " + draw(st.sampled_from(["word", '"a\n- b"', "'c'"])) + "\n")
        elif form == "flow":
            lines.append("- [x, {y: z}]\n")
        else:
            lines.append("-\n")
        lines.append(draw(st.sampled_from(["", "\n", "# between records\n"])))
    text = "".join(lines).replace("&shared", "&s").replace("*shared", "*s")
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_typed_list(), data=st.data())
def test_later_records_are_where_the_full_scan_puts_them(text: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.yaml"
        path.write_bytes(text.encode("utf-8"))
        assume(read_file(path).ok)
        every = full_scan(path)
        later = [p for p in every if p.count("/") >= 1 and p.split("/")[1] != "0"]
        assume(later)
        asked = data.draw(_asked(sorted(later)), label="asked")
        assert positions(path, asked) == expected(every, asked)


def test_a_list_with_an_anchor_starts_at_its_anchor(tmp_path: Path) -> None:
    path = _write(tmp_path, "r.yaml", "&records\n- a: 1\n- b: 2\n")
    assert positions(path, ["/1/b"]) == {
        "": Position(1, 1, 1, 1),
        "/1": Position(3, 3, 3, 3),
        "/1/b": Position(3, 6, 3, 3),
    }


def test_a_quoted_text_with_a_line_like_a_record_is_not_a_record(tmp_path: Path) -> None:
    path = _write(tmp_path, "r.yaml", '- a: "one\n- two"\n- b: 3\n- c: 4\n')
    assert positions(path, ["/1/b", "/2/c"]) == {
        "": Position(1, 1, 1, 1),
        "/1": Position(3, 3, 3, 3),
        "/1/b": Position(3, 6, 3, 3),
        "/2": Position(4, 3, 4, 3),
        "/2/c": Position(4, 6, 4, 3),
    }


# What the walks do with files that do not read ------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_a_key_given_twice_in_json_is_at_its_first_place(tmp_path: Path) -> None:
    path = _write(tmp_path, "r.json", '{"a": 1,\n "a": 2}')
    assert positions(path, ["/a"]) == {"": Position(1, 1, 1, 1), "/a": Position(1, 7, 1, 2)}
    assert positions(path, ["/a"]) == expected(scan_json(path.read_text())[0], ["/a"])


def test_text_that_is_not_json_gets_what_the_scanner_makes_out(tmp_path: Path) -> None:
    path = _write(tmp_path, "r.json", '[{"a": 1}, {"b": [2, 3}, "c"')
    every = scan_json(path.read_text())[0]
    assert every["/1/b/1"] == Position(1, 22, 1, 22)
    for pointer in ["/1/b/1", "/2", "/0/a", "/1/c"]:
        assert positions(path, [pointer]) == expected(every, [pointer])


def test_yaml_that_the_parser_refuses_keeps_the_positions_before_the_error(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "r.yaml", "a: 1\nb: [2, 3\nc: 4\n")
    assert positions(path, ["/a", "/b/1"]) == {
        "": Position(1, 1, 1, 1),
        "/a": Position(1, 4, 1, 1),
        "/b": Position(2, 4, 2, 1),
        "/b/1": Position(2, 8, 2, 8),
    }


@pytest.mark.parametrize("name", ["missing.yaml", "missing.json"])
def test_a_file_that_cannot_be_read_has_no_positions(tmp_path: Path, name: str) -> None:
    assert positions(tmp_path / name, ["/0/id"]) == {}


def test_a_file_not_in_utf8_has_no_positions(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"a: \xff\n")
    assert positions(path, ["/a"]) == {}
