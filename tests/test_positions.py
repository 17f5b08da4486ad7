"""`positions` walks a file only as far as the values asked for: the positions it gives must
be those that the full scans give (every value's position, noted while reading the whole
file), for every value, in YAML and JSON, whatever the layout, line ends and encoding.

The full scans are the reference: every libyaml event's place (`yaml_full_scan`), and
`scan_json`.
test_positions_layouts.py draws documents in every layout the walks could misread.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gift_ledger.diagnostics import pointer_of
from gift_ledger.read import files, positions, read_file
from gift_ledger.read.json import scan_json
from gift_ledger.read.positions import Position
from gift_ledger.read.yaml import event_parser, odd_line_starts, where

from .conftest import CASES, PROJECT
from .test_import import GENERATOR

RECORD_SUFFIXES = (".yaml", ".yml", ".json")


def full_scan(path: Path) -> dict[str, Position]:
    """The position of every value in a file that reads without error: the reference."""
    text = files._read_text(path)
    if path.suffix.lower() == ".json":
        return scan_json(text)[0]
    return yaml_full_scan(text)


def yaml_full_scan(text: str) -> dict[str, Position]:
    """The position of every value (and its key) in YAML text, from every libyaml event."""
    starts = odd_line_starts(text)
    table: dict[str, Position] = {}
    frames: list[list[Any]] = []  # [is_map, key or None, key mark, entries so far]
    path: list[str | int] = []
    parser = event_parser(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frames.pop()
                if frames:
                    path.pop()
                    _done(frames[-1])
                continue
            if not isinstance(event, (yaml.NodeEvent, yaml.CollectionStartEvent)):
                continue
            top = frames[-1] if frames else None
            if top is not None and top[0] and top[1] is None:  # a mapping's key
                top[1], top[2] = event.value, event.start_mark
                continue
            line, column = where(starts, event.start_mark)
            if top is None:
                here: list[str | int] = []
                key = (line, column)
            else:
                here = [*path, top[1] if top[0] else top[3]]
                key = where(starts, top[2]) if top[0] else (line, column)
            table[pointer_of(here)] = Position(line, column, *key)
            if isinstance(event, yaml.CollectionStartEvent):
                path[:] = here
                frames.append([isinstance(event, yaml.MappingStartEvent), None, None, 0])
            elif top is not None:
                _done(top)
    finally:
        parser.dispose()
    return table


def _done(frame: list[Any]) -> None:
    """A value of the frame is read: a mapping waits for its next key."""
    if frame[0]:
        frame[1] = None
    else:
        frame[3] += 1


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
    asked = data.draw(asked_of(sorted(every)), label="asked")
    assert positions(path, asked) == expected(every, asked)


def asked_of(pointers: list[str]) -> st.SearchStrategy[list[str]]:
    """Some of the pointers of a file, and pointers to values it does not have."""
    present = st.sampled_from(pointers)
    absent = st.builds(
        lambda pointer, token: f"{pointer}/{token}",
        present,
        st.sampled_from(["x", "0", "7", "99", "01", "~1", "a~0b", "", "id"]),
    )
    return st.lists(st.one_of(present, absent), min_size=1, max_size=6)


# What the walks do with files that do not read ------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_a_key_given_twice_in_json_is_at_its_first_place(tmp_path: Path) -> None:
    path = write(tmp_path, "r.json", '{"a": 1,\n "a": 2}')
    assert positions(path, ["/a"]) == {"": Position(1, 1, 1, 1), "/a": Position(1, 7, 1, 2)}
    assert positions(path, ["/a"]) == expected(scan_json(path.read_text())[0], ["/a"])


def test_text_that_is_not_json_gets_what_the_scanner_makes_out(tmp_path: Path) -> None:
    path = write(tmp_path, "r.json", '[{"a": 1}, {"b": [2, 3}, "c"')
    every = scan_json(path.read_text())[0]
    assert every["/1/b/1"] == Position(1, 22, 1, 22)
    for pointer in ["/1/b/1", "/2", "/0/a", "/1/c"]:
        assert positions(path, [pointer]) == expected(every, [pointer])


def test_yaml_that_the_parser_refuses_keeps_the_positions_before_the_error(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "r.yaml", "a: 1\nb: [2, 3\nc: 4\n")
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
