"""`block_positions`: values placed from the lines alone, where every line is of the
simplest kind, exactly where libyaml's events put them (the full scan of test_positions);
and None, for the events to decide, wherever a line is of another kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gift_ledger.read import positions, read_file
from gift_ledger.read.positions import pointer_tree
from gift_ledger.read.yaml_lines import block_positions

from .test_positions import expected, write, yaml_full_scan

_WORDS = st.sampled_from(["x", "two words", "https://example.org/a#b", "it's", "a-b", "12"])
_QUOTED = st.text(st.sampled_from([*"ab \"'\\é#:-"]), max_size=8)
_KEYS = st.sampled_from(["source", "quote", "a", "b_2", "c-d"])


@st.composite
def _scalar(draw: st.DrawFn) -> str:
    style = draw(st.sampled_from(["plain", "double", "single"]))
    if style == "plain":
        return draw(_WORDS)
    text = draw(_QUOTED)
    if style == "double":
        return json.dumps(text, ensure_ascii=False)
    return "'" + text.replace("'", "''") + "'"


_VALUES = st.recursive(
    _scalar(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3),
        st.dictionaries(_KEYS, inner, min_size=1, max_size=3),
    ),
    max_leaves=8,
)


@st.composite
def _block(draw: st.DrawFn, value: Any, column: int) -> list[str]:
    """The lines of a value below a key at `column`, in the simplest kinds of line, with
    comments, blank lines and the layouts YAML allows them in."""
    lines: list[str] = []
    if isinstance(value, dict):
        inner = column + draw(st.integers(1, 3))
        lines += _entries(draw, value, inner, first_prefix=" " * inner)
    else:
        at = column + draw(st.sampled_from([0, 2]))  # a list may sit at its key's column
        for item in value:
            gap = " " * draw(st.integers(1, 3))
            prefix = " " * at + "-" + gap
            if isinstance(item, dict):
                lines += _entries(draw, item, len(prefix), first_prefix=prefix)
            elif isinstance(item, list):
                lines.append(prefix + "a:")  # a list item holds a mapping that holds it
                lines += draw(_block(item, len(prefix)))
            else:
                lines.append(prefix + item + draw(_comment()))
            if draw(st.booleans()):
                lines.append(draw(st.sampled_from(["", " " * at + "# between", "#"])))
    return lines


def _entries(draw: st.DrawFn, mapping: dict[str, Any], column: int, first_prefix: str) -> list[str]:
    lines: list[str] = []
    for n, (key, value) in enumerate(mapping.items()):
        prefix = first_prefix if n == 0 else " " * column
        if isinstance(value, str):
            lines.append(f"{prefix}{key}: {value}{draw(_comment())}")
        else:
            lines.append(f"{prefix}{key}:{draw(_comment())}")
            lines += draw(_block(value, column))
    return lines


@st.composite
def _comment(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["", "", " # a comment", "  #"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_lines_place_values_where_the_events_do(data: st.DataObject) -> None:
    key = data.draw(_KEYS, label="key")
    value = data.draw(_VALUES.filter(lambda v: not isinstance(v, str)), label="value")
    body = data.draw(_block(value, 2), label="lines")
    after = data.draw(st.sampled_from(["", "  id: after\n", "\n# end\n"]), label="after")
    text = "- id: first\n  " + key + ":\n" + "\n".join(body) + "\n" + after + "- id: next\n"
    every = yaml_full_scan(text)
    inside = sorted(p for p in every if p.startswith(f"/0/{key}"))
    asked = data.draw(st.lists(st.sampled_from(inside), min_size=1, max_size=4), label="asked")
    start = text.index(f"\n  {key}:") + 1
    keys = pointer_tree(asked).children["0"].children
    placed = block_positions(text, start, text.index("- id: next"), line=2, column=2, keys=keys)
    assert placed is not None, "every line is of a kind the lines alone place"
    assert placed == {p: q for p, q in expected(every, asked).items() if p.startswith(f"/0/{key}")}


@pytest.mark.parametrize(
    "lines",
    [
        '  a: "runs over\n    the line"',  # a quoted text that runs over lines
        "  a: |\n    a block of text",
        "  a: [x,\n    y]",  # a flow list over lines
        "  a: &anchor x",
        "  a: !!str x",
        "  a:\n  b: 1",  # a key left without a value
        "  a: x\n    - a plain text that runs on\n  b: 1",
        "  a:\n    -\n      b: 1",  # "-" alone
        "  a:\n  \t- a tab",
        '  "a": quoted key',
        "  a:\n    - - nested at once",
        "  a: 1\n    b: 2",  # a key deeper than its mapping's (an error to YAML)
        "  a:\n    - x\n   - y",  # an item's "-" off its list's column
    ],
)
def test_lines_of_other_kinds_are_left_to_the_events(tmp_path: Path, lines: str) -> None:
    text = "- id: first\n" + lines + "\n- id: next\n"
    tree = pointer_tree(["/0/a/0/b", "/0/a", "/0/b"])
    start, end = text.index("\n") + 1, text.index("- id: next")
    keys = tree.children["0"].children
    assert block_positions(text, start, end, line=2, column=2, keys=keys) is None
    path = write(tmp_path, "r.yaml", text)
    if read_file(path).ok:  # the events place them, as they are
        every = yaml_full_scan(text)
        assert positions(path, ["/0/a", "/0/b"]) == expected(every, ["/0/a", "/0/b"])


def test_the_lines_are_read_no_further_than_the_last_value_wanted() -> None:
    """As the events' walk does: a line below cannot move a value above it."""
    text = "- id: first\n  a: x\n    - a plain text that runs on\n- id: next\n"
    keys = pointer_tree(["/0/a"]).children["0"].children
    start, end = text.index("  a"), text.index("- id: next")
    placed = block_positions(text, start, end, line=2, column=2, keys=keys)
    assert placed == {"/0/a": yaml_full_scan(text)["/0/a"]}


@pytest.mark.parametrize(
    ("lines", "asked"),
    [
        # one search reads these lists of mappings whole
        ('  s:\n    - a: 1\n      b: "x"\n    - a: 2\n      b: y\n', ["/0/s/1/b", "/0/s/0/a"]),
        ("  s:\n  - a: 1\n    b: 'x'\n\n", ["/0/s/0/b", "/0/s/0/c"]),
        # the last item goes on past what the search reads: the lines say the rest
        ("  s:\n    - a: 1\n      n:\n        - x\n      b: 2\n", ["/0/s/0/b"]),
        ("  s:\n    - a: 1\n      # a comment\n      b: 2\n", ["/0/s/0/b"]),
        ("  s:\n    - a: 1\n    # a comment at the items' column\n      b: 2\n", ["/0/s/0/b"]),
        ("  s:\n    - a: 1\n\n    - a: 2\n", ["/0/s/1/a"]),
        ("  s:\n    - a: 1\n    - [x]\n    - a: 3\n", ["/0/s/0/a"]),
    ],
)
def test_lists_of_mappings_are_where_the_events_put_them(lines: str, asked: list[str]) -> None:
    text = "- id: first\n" + lines + "- id: next\n"
    keys = pointer_tree(asked).children["0"].children
    start, end = text.index("  s:"), text.index("- id: next")
    placed = block_positions(text, start, end, line=2, column=2, keys=keys)
    every = yaml_full_scan(text)
    assert placed is not None
    assert placed == {p: q for p, q in expected(every, asked).items() if p.startswith("/0/s")}


def test_a_key_that_no_line_could_hold_is_not_there() -> None:
    """`a: b` is no plain key: the line ``- a: b:c`` holds `a`, not it."""
    text = "- id: x\n  s:\n    - a: b:c\n      k: b:c\n- id: y\n"
    asked = ["/0/s/0/a: b", "/0/s/0/k: b"]
    keys = pointer_tree(asked).children["0"].children
    placed = block_positions(
        text, text.index("  s:"), text.index("- id: y"), line=2, column=2, keys=keys
    )
    every = yaml_full_scan(text)
    assert placed == {p: q for p, q in expected(every, asked).items() if p.startswith("/0/s")}
    assert "/0/s/0/a: b" not in placed


def test_a_block_at_another_column_than_said_is_left_to_the_events() -> None:
    text = "- id: x\n  s:\n    - a: 1\n  t: 2\n- id: y\n"
    start, end = text.index("  s:"), text.index("- id: y")
    for asked in (["/0/s/0/a"], ["/0/t"]):
        keys = pointer_tree(asked).children["0"].children
        assert block_positions(text, start, end, line=2, column=4, keys=keys) is None
        assert block_positions(text, start, end, line=2, column=2, keys=keys) is not None
