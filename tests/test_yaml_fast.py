"""The compiled YAML fast path gives the exact reader's values, or leaves the file to it.

`read_yaml` offers a YAML record file to ryaml only where searches of its bytes show that
ryaml and the exact reader (`YamlBuilder`) cannot differ (gift_ledger/read/yaml_fast.py).
These tests hold it to that:

- the differential fuzz: mutants of the example ledgers' YAML files (the hostile-input
  suite's mutations, tests/test_fuzz.py, with snippets aimed at the differences) and of
  generated ones. The fast path declines a mutant or gives exactly the exact reader's
  value, types and key order included, and never a value where the exact reader reports
  a problem. In CI it tries 500 mutants; `LEDGER_FUZZ_EXAMPLES` sets how many:

      LEDGER_FUZZ_EXAMPLES=20000 pytest tests/test_yaml_fast.py -p no:cacheprovider

- plain scalars near the ledger's rules, in each place a scalar can stand;
- each known difference is declined, and reading the file gives what the exact reader
  gives, diagnostics included; so does every example ledger's YAML file;
- the generated ledger and the project's own records are read fast, not declined;
- ``GIFT_LEDGER_YAML_FAST=0`` turns the fast path off: `.ci/run` runs the reading tests
  a second time that way, so that the exact reader alone passes them too.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from gift_ledger.read import read_file, yaml_fast
from gift_ledger.read.positions import ReadError
from gift_ledger.read.yaml import YamlBuilder
from gift_ledger.read.yaml_fast import DECLINED, fast_value

from .conftest import CASES, PROJECT
from .test_fuzz import mutations

EXAMPLES = int(os.environ.get("LEDGER_FUZZ_EXAMPLES", "500"))
YAML_CASES = sorted(p for p in CASES.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
SNIPPETS = [
    "0x1F", "-0x1f", "+0o17", "0b101", "0X1F", "0012", "00", "1_000", "1e309", "-1E+400",
    "1e-400", ".5e999", "9" * 18, "9" * 19, "-" + "9" * 25, "1" * 320 + ".5", ".inf", "-.Inf",
    ".NaN", "nan", "~", "null", "NULL", "", "true", "False", "yes", "1.5", "1e3", "0.", "-0",
    "2024-06-19", "12:30", "!!str ", "!!int ", "! ", "!x ", "&a ", "*a", "&a [1]\nb: *a",
    "? ", "? x\n: y", "%YAML 1.2\n---\n", "%TAG ! tag:x,2024:\n---\n", "<<: {a: 1}",
    "[", "]", "{", "}", ", ", ": ", "- ", "- - - ", "[[[[", "\t", "\r", "\u0085", "\u2028",
    "\ufeff", "1: one", "true: x", "null: x", "~: x", '"1": one', "'': x", ": x",
]  # fmt: skip
"""Text aimed at what ryaml reads otherwise: numbers, keys, tags, anchors and aliases,
directives, explicit keys, merge keys, depth, odd breaks."""


def _generated_seeds() -> list[bytes]:
    from .test_import import GENERATOR

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "records"
        GENERATOR.generate_ledger(root, 40, "yaml", records_per_file=10, seed=3)
        return [p.read_bytes() for p in sorted(root.rglob("*.yaml"))[:6]]


SEEDS = [p.read_bytes() for p in YAML_CASES] + _generated_seeds()


def _exact(text: str) -> Any:
    """The exact reader's value, or the ReadError it raises."""
    try:
        return YamlBuilder(text).build()
    except ReadError as e:
        return e


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types, keys in the same order; NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if type(a) is list:
        return len(a) == len(b) and all(map(_same, a, b))
    if type(a) is float:
        if math.isnan(a):
            return math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    return bool(a == b)


def _assert_agrees(text: str) -> None:
    fast = fast_value(text)
    event("declined" if fast is DECLINED else "read fast")
    if fast is DECLINED:
        return
    exact = _exact(text)
    assert not isinstance(exact, ReadError), (
        f"fast path read what the exact reader refuses: {exact}"
    )
    assert _same(fast, exact), f"fast: {fast!r}\nexact: {exact!r}"


@st.composite
def yaml_mutants(draw: st.DrawFn) -> str:
    """A YAML file of the examples (or a generated one), mutated, that decodes as UTF-8."""
    data = draw(mutations(draw(st.sampled_from(SEEDS))))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(SNIPPETS)).encode("utf-8") + data[at:]
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=yaml_mutants())
def test_the_fast_path_gives_the_exact_value_or_declines(text: str) -> None:
    _assert_agrees(text)


PLACES = ["k: {}\n", "- {}\n", "[{}]\n", "[a, {}, b]\n", "{{k: {}}}\n", "{}: v\n", "{}\n"]


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    scalar=st.one_of(
        st.sampled_from(SNIPPETS),
        st.text(alphabet="0123456789+-._eExXoObB~:nulltrueFALSEinfNaN ", max_size=12),
    ),
    place=st.sampled_from(PLACES),
)
@example(scalar="0x1F", place="k: {}\n")
@example(scalar="1" * 19, place="- {}\n")
def test_plain_scalars_read_fast_are_read_as_the_ledger_reads_them(scalar: str, place: str) -> None:
    _assert_agrees(place.format(scalar))


@pytest.mark.parametrize(
    "text",
    [
        "count: 0x1F\n",
        "count: 0o17\n",
        "count: 0b101\n",
        "- [+0x1F]\n",
        "count: 1234567890123456789\n",
        "total: 1e309\n",
        "1: one\n",
        "true: yes\n",
        "null: x\n",
        ": x\n",
        "count: !!int '3'\n",
        "name: !!str Kim\n",
        "a: &x [1, 2]\nb: *x\n",
        "%YAML 1.1\n---\nname: Kim\n",
        "? name\n: Kim\n",
        "a: " + "[" * 70 + "]" * 70 + "\n",
        "- " * 70 + "x\n",
        "".join(f"{'  ' * level}k{level}:\n" for level in range(70)),
        "[" + "{}," * 200_000 + "{}]\n",
        "\ufeff\ufeff",
        "\ufeffname: Kim\n",
        "name: Kim\n\ufeff\n",
    ],
    ids=lambda text: repr(text[:24]),
)
def test_each_known_difference_is_left_to_the_exact_reader(tmp_path: Path, text: str) -> None:
    assert fast_value(text) is DECLINED
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    (fast_read, fast_problems), (exact_read, exact_problems) = _read_both_ways(path)
    assert fast_problems == exact_problems
    assert _same(fast_read, exact_read)


@pytest.mark.parametrize(
    ("lists", "read_fast", "too_deep"),
    [(61, True, False), (62, True, False), (63, False, False), (64, False, True)],
)
def test_nesting_is_read_fast_only_well_within_the_limit(
    lists: int, read_fast: bool, too_deep: bool
) -> None:
    """A mapping holding `lists` nested lists: the exact reader allows 64 collections in
    all; the fast path reads at most 63 (orjson's indentation is its measure)."""
    text = "k: " + "[" * lists + "]" * lists + "\n"
    exact = _exact(text)
    assert isinstance(exact, ReadError) == too_deep
    if too_deep:
        assert exact.code == "too-deep"
    fast = fast_value(text)
    assert (fast is not DECLINED) == read_fast
    if read_fast:
        assert _same(fast, exact)


def _read_both_ways(path: Path) -> tuple[tuple[Any, list[Any]], tuple[Any, list[Any]]]:
    """read_file's value and diagnostics with the fast path on, and with it off."""
    results = []
    for enabled in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(yaml_fast, "ENABLED", enabled)
            parsed = read_file(path)
        results.append((parsed.value, parsed.diagnostics))
    return results[0], results[1]


@pytest.mark.parametrize("path", YAML_CASES, ids=lambda p: str(p.relative_to(CASES)))
def test_reading_an_example_file_gives_the_same_with_and_without_the_fast_path(
    path: Path,
) -> None:
    (fast_read, fast_problems), (exact_read, exact_problems) = _read_both_ways(path)
    assert fast_problems == exact_problems
    assert _same(fast_read, exact_read)


def test_the_generated_ledger_and_the_projects_records_are_read_fast(big_ledger: Path) -> None:
    files = sorted(big_ledger.rglob("*.yaml")) + sorted((PROJECT / "records").rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        value = fast_value(text)
        assert value is not DECLINED, path
        assert _same(value, YamlBuilder(text).build()), path


@pytest.mark.parametrize(("setting", "enabled"), [(None, "True"), ("1", "True"), ("0", "False")])
def test_gift_ledger_yaml_fast_0_turns_the_fast_path_off(setting: str | None, enabled: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GIFT_LEDGER_YAML_FAST"}
    if setting is not None:
        env["GIFT_LEDGER_YAML_FAST"] = setting
    code = "from gift_ledger.read import yaml_fast; print(yaml_fast.ENABLED)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == enabled


def test_this_run_reads_yaml_as_gift_ledger_yaml_fast_says() -> None:
    """`.ci/run` runs the reading tests a second time with the variable at 0: they must
    then run without the fast path (and with it otherwise, ryaml being in the test lock)."""
    switched_off = os.environ.get("GIFT_LEDGER_YAML_FAST") == "0"
    assert yaml_fast.ENABLED is not switched_off
