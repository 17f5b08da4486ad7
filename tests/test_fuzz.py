"""Mutated valid ledgers: `ledger validate` answers every mutant with diagnostics, never a crash.

Hypothesis takes a valid example ledger (tests/cases/valid/minimal, every-field and the
JSON one), mutates one of its record files a few times (random bytes, deleted ranges,
duplicated, swapped and re-indented lines, truncation, YAML syntax dropped in: anchors,
aliases, tags, document markers, colons, dashes, flipped quotes) and runs `ledger validate`
in process. Whatever the mutant holds, the answer is exit 0 or 1, one located diagnostic
per line and the summary last: never a traceback, a usage error (2) or an internal one (3).

In CI the test tries 300 mutants (well within a minute). For a long campaign, set
LEDGER_FUZZ_EXAMPLES:

    LEDGER_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py -p no:cacheprovider

A failure prints the shrunk mutation and the output; the example database in .hypothesis/
replays it on the next run. See docs/hostile-input.md.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gift_ledger.cli import app

from .conftest import CASES

EXAMPLES = int(os.environ.get("LEDGER_FUZZ_EXAMPLES", "300"))
SEEDS = ("minimal", "every-field", "json-and-bom")
RECORD_SUFFIXES = (".yaml", ".yml", ".json")

DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (error|warning) \[[a-z-]+\] .+$")
SUMMARY = re.compile(
    r"^\d+ records? in \d+ files?: \d+ errors?, \d+ warnings?( \(strict\))?: (valid|invalid)$"
)
SNIPPETS = [
    b"&a ", b"*a", b"&a [*a, *a, *a]", b"!!tag ", b"!!str ", b"!!python/object:os.system ",
    b"!custom ", b"---\n", b"...\n", b": ", b"- ", b"? ", b"<<: *a\n", b"{", b"}", b"[", b"]",
    b",", b'"', b"'", b"#", b"|\n", b">-\n", b"\t", b"\\", b"\\u0000", b"\\ud800", b"%YAML 1.1\n",
    b"\x00", b"\r", b"\xef\xbb\xbf", b"\xe2\x80\xa8", b"\xc2\x85", b"\xe2\x80\xae", b"\xff",
    b"1e309", b"-.inf", b".nan", b"NaN", b"Infinity", b"9" * 40, b"~", b"null", b"true",
    b"2024-02-30", b"../../etc/passwd", b"/etc/passwd", b"texts/", b"\"\\0\"",
]  # fmt: skip


def _seed(name: str) -> dict[str, bytes]:
    root = CASES / "valid" / name
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


LEDGERS = {name: _seed(name) for name in SEEDS}


def _insert(data: bytes, at: int, extra: bytes) -> bytes:
    return data[:at] + extra + data[at:]


def _lines_op(data: bytes, op: str, i: int, j: int, width: int) -> bytes:
    lines = data.split(b"\n")
    i, j = i % len(lines), j % len(lines)
    if op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "indent":
        lines[i] = b" " * width + lines[i]
    elif op == "dedent":
        lines[i] = lines[i].lstrip(b" ")
    elif op == "delete-line":
        del lines[i]
    return b"\n".join(lines)


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """One to five mutations of data, each at a drawn place."""
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        kind = draw(
            st.sampled_from(
                ["bytes", "delete", "lines", "truncate", "snippet", "quotes", "replace-char"]
            )
        )
        if kind == "bytes":
            data = _insert(data, at, draw(st.binary(min_size=1, max_size=8)))
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)) :]
        elif kind == "lines":
            op = draw(st.sampled_from(["duplicate", "swap", "indent", "dedent", "delete-line"]))
            i, j, width = (
                draw(st.integers(0, 200)),
                draw(st.integers(0, 200)),
                draw(st.integers(1, 8)),
            )
            data = _lines_op(data, op, i, j, width)
        elif kind == "truncate":
            data = data[:at]
        elif kind == "snippet":
            data = _insert(data, at, draw(st.sampled_from(SNIPPETS)))
        elif kind == "quotes":
            table = draw(st.sampled_from([(b'"', b"'"), (b"'", b'"'), (b'"', b""), (b": ", b":")]))
            data = data[:at] + data[at:].replace(*table, 1)
        elif at < len(data):
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return data


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """A seed ledger, one of its record files, and that file mutated."""
    seed = draw(st.sampled_from(SEEDS))
    records = sorted(name for name in LEDGERS[seed] if name.endswith(RECORD_SUFFIXES))
    name = draw(st.sampled_from(records))
    return seed, name, draw(mutations(LEDGERS[seed][name]))


def _write(root: Path, seed: str, name: str, data: bytes) -> None:
    for rel, original in LEDGERS[seed].items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if rel == name else original)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutant=mutants(), strict=st.booleans())
def test_validate_answers_every_mutant_with_diagnostics(
    mutant: tuple[str, str, bytes], strict: bool
) -> None:
    seed, name, data = mutant
    root = Path(tempfile.mkdtemp(prefix="ledger-fuzz-"))
    try:
        _write(root, seed, name, data)
        options = ["--strict"] if strict else []
        result = CliRunner().invoke(app, ["validate", str(root), *options])
    finally:
        shutil.rmtree(root)
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output, output
    assert result.exit_code in (0, 1), output
    lines = output.splitlines()
    assert lines, "no output"
    for line in lines[:-1]:
        assert DIAGNOSTIC.match(line), f"not a diagnostic line: {line!r}\n{output}"
    assert SUMMARY.match(lines[-1]), f"not the summary: {lines[-1]!r}\n{output}"
    assert (result.exit_code == 1) == lines[-1].endswith(": invalid"), output
