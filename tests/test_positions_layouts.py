"""`positions` in every layout the walks could misread: any document that YAML's and JSON's
own writers make (flow and block style, anchors, `? ` keys, folded lines, CR and CRLF, a BOM
and UTF-16), and top-level lists of records with lines that look like a record's start
where they are not (see test_positions.py for the reference, the full scans).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gift_ledger.read import positions, read_file
from gift_ledger.read.positions import Position
from gift_ledger.read.yaml import RecordPlaces, YamlBuilder

from .test_positions import asked_of, expected, full_scan, write
from .test_positions import yaml_full_scan as yaml_positions_reference

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
        asked = data.draw(asked_of(sorted(every)), label="asked")
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
    '"runs over\n  b: a line that starts like a key"',  # a quoted text, not a key
    "'runs over\n  id: another line like a key'",
    "[a,\n  b: in a flow list]",
    "{a: 1,\n  id: in a flow mapping}",
    "plain text\n   runs over",
    # Blocks of the simplest lines, which the lines alone place (yaml_lines), and lines
    # near the edge of what they know
    "\n  - source: a\n    quote: \"x y\"  # a comment\n  - source: b\n    quote: 'it''s'",
    "\n    -   a: 1\n        b: two words\n    - plain\n    - 'quoted'",
    "\n    a:\n      - x\n      - y\n    b: z",
    "\n    a:\n    - at the key's column\n    b:\n      c: d",
    "\n    - a\n    # a comment between\n\n    - b",
    "\n    a: x\n      - a plain text that runs on",
    "\n    url: https://example.org/a#b # a comment\n    n: 1",
    '\n    a: "an \\"escaped\\" quote"\n    b: [x, y]',
    "\n    e:\n    f: 1",
    "\n    - a: 1\n      b:\n        c: d\n        e: |\n          block",
    "\n\t- a tab",
]


@st.composite
def _typed_list(draw: st.DrawFn, line_ends: tuple[str, ...] = ("\n", "\r\n", "\r")) -> str:
    """A top-level list of records in block style, in the layouts the walk could misread."""
    header = ["", "---\n", "%YAML 1.1\n---\n", "# records\n", "&all\n", "--- &all\n"]
    lines = [draw(st.sampled_from(header))]
    shared = False
    for _ in range(draw(st.integers(1, 12))):
        form = draw(st.sampled_from(["mapping", "mapping", "scalar", "flow", "empty", "alias"]))
        if form == "mapping":
            keys = draw(
                st.lists(
                    st.sampled_from(["id", "a", "b", "long key"]),
                    min_size=1,
                    max_size=4,
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
        elif form == "alias":  # a record given again by its anchor, or anchored here
            lines.append("- *shared\n" if shared else "- &shared\n  id: anchored\n")
            shared = True
        else:
            lines.append("-\n")
        lines.append(draw(st.sampled_from(["", "\n", "# between records\n"])))
    text = "".join(lines).replace("&shared", "&s").replace("*shared", "*s")
    return text.replace("\n", draw(st.sampled_from(line_ends)))


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
        asked = data.draw(asked_of(sorted(later)), label="asked")
        assert positions(path, asked) == expected(every, asked)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_typed_list(line_ends=("\n",)), data=st.data())
def test_the_keys_of_records_are_where_the_full_scan_puts_them(
    text: str, data: st.DataObject
) -> None:
    """Values inside records, in any record, a few at a time: the walk that starts from the
    line of a record's key (LF only: other line ends take the walks above)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.yaml"
        path.write_bytes(text.encode("utf-8"))
        assume(read_file(path).ok)
        every = full_scan(path)
        inside = sorted(p for p in every if p.count("/") >= 2 and not p.endswith("/id"))
        assume(inside)
        records = [p for p in every if p.count("/") == 1]
        keys = [f"{record}/{key}" for record in records for key in ("a", "b")]  # or not there
        asked = data.draw(st.lists(st.sampled_from(inside + keys), min_size=1, max_size=3))
        assert positions(path, asked) == expected(every, asked)
        # where the exact reader saw the records and their keys begin, for the proofs
        assert positions(path, asked, _places(text)) == expected(every, asked)


def _places(text: str) -> RecordPlaces | None:
    builder = YamlBuilder(text)
    builder.build()
    return builder.places


def test_a_list_with_an_anchor_starts_at_its_anchor(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", "&records\n- a: 1\n- b: 2\n")
    assert positions(path, ["/1/b"]) == {
        "": Position(1, 1, 1, 1),
        "/1": Position(3, 3, 3, 3),
        "/1/b": Position(3, 6, 3, 3),
    }


def test_a_quoted_text_with_a_line_like_a_record_is_not_a_record(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", '- a: "one\n- two"\n- b: 3\n- c: 4\n')
    assert positions(path, ["/1/b", "/2/c"]) == {
        "": Position(1, 1, 1, 1),
        "/1": Position(3, 3, 3, 3),
        "/1/b": Position(3, 6, 3, 3),
        "/2": Position(4, 3, 4, 3),
        "/2/c": Position(4, 6, 4, 3),
    }


def test_a_quoted_text_with_a_line_like_a_key_is_not_a_key(tmp_path: Path) -> None:
    text = (
        '- id: one\n  a: "runs over\n  b: a line"\n  b: 2\n- id: two\n  b: [1,\n  c: 3]\n  c: 4\n'
    )
    path = write(tmp_path, "r.yaml", text)
    assert positions(path, ["/0/b", "/1/c"]) == {
        "": Position(1, 1, 1, 1),
        "/0": Position(1, 3, 1, 3),
        "/0/b": Position(4, 6, 4, 3),
        "/1": Position(5, 3, 5, 3),
        "/1/c": Position(8, 6, 8, 3),
    }
    quoted = write(tmp_path, "q.yaml", '- id: one\n  a: "runs over\n  b: a line"\n- id: two\n')
    assert positions(quoted, ["/0/b"]) == {"": Position(1, 1, 1, 1), "/0": Position(1, 3, 1, 3)}
    places = _places(quoted.read_text())
    assert positions(quoted, ["/0/b"], places) == positions(quoted, ["/0/b"])
    flow = write(tmp_path, "f.yaml", "- id: one\n  a: {x: 1,\n  b: 2}\n")
    assert positions(flow, ["/0/b"]) == {"": Position(1, 1, 1, 1), "/0": Position(1, 3, 1, 3)}


def test_places_of_records_stand_for_libyaml_proof(tmp_path: Path, monkeypatch: Any) -> None:
    """Where the exact reader saw the records and their keys begin, no proof is asked of
    libyaml: here it would fail, so the places are what the walk went by."""
    from gift_ledger.read import yaml_positions

    text = "- &a\n  id: x\n  s: 1\n- *a\n- id: y\n  b: 1\n  s: 2\n- id: z\n  b: 1\n  s: 3\n"
    path = write(tmp_path, "r.yaml", text)
    places = _places(text)
    every = yaml_positions_reference(text)
    assert positions(path, ["/99/s", "/3/s"], places) == expected(every, ["/99/s", "/3/s"])

    def no_proof(*_: Any) -> bool:
        raise AssertionError("libyaml's proof was asked for")

    monkeypatch.setattr(yaml_positions, "_reads_with_markers", no_proof)
    asked = ["/2/s", "/3/b", "/3/s"]
    assert positions(path, asked, places) == expected(every, asked)
    assert positions(path, ["/2/s"], places)["/2/s"] == Position(7, 6, 7, 3)


def test_places_of_another_text_are_not_taken(tmp_path: Path) -> None:
    """A file changed since it was read: the places noted then are left aside."""
    before = "- id: xy\n  s: 12\n  t: 2\n"  # its keys begin where those below look to
    after = '- id: "x\n  s: 1"\n  t: 2\n'
    path = write(tmp_path, "r.yaml", after)
    asked = ["/0/s", "/0/t"]
    assert positions(path, asked, _places(before)) == expected(
        yaml_positions_reference(after), asked
    )


def test_a_wanted_key_written_otherwise_before_another_is_found(tmp_path: Path) -> None:
    """A walk that started from the line of `a` would miss `b`, quoted above it; the line
    that looks like `b` is inside a quoted text."""
    text = '- id: x\n  "b": 1\n  a: "multi\n  b: fake"\n- id: y\n'
    path = write(tmp_path, "r.yaml", text)
    want = {"": Position(1, 1, 1, 1), "/0": Position(1, 3, 1, 3)}
    want |= {"/0/a": Position(3, 6, 3, 3), "/0/b": Position(2, 8, 2, 3)}
    assert positions(path, ["/0/a", "/0/b"]) == want
    assert positions(path, ["/0/a", "/0/b"], _places(text)) == want
