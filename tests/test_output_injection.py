"""Ledger text reaches the terminal and the reports inert, in every command and format (#18).

`tests/cases/hostile/output-injection/` holds names, titles, items and notes with ANSI
escape sequences, forged diagnostic lines, GitHub workflow commands, rich markup and
bidirectional controls. Whatever command prints them, each must come out escaped, on its
own line, and no line may start with `::` but the workflow commands of `--format github`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from gift_ledger import terminal
from gift_ledger.cli import app

from .conftest import CASES

CASE = CASES / "hostile" / "output-injection"
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""What must never be printed raw: controls (but tab and newline), separators, bidi controls."""
COMMAND = re.compile(r"^\s*::")
"""A line that GitHub Actions would read as a workflow command."""


def _inert(output: str) -> list[str]:
    """The output's lines, after checking that none holds a raw character or a command."""
    assert not RAW.search(output.replace("\t", "")), RAW.findall(output)
    lines = output.splitlines()
    assert not [line for line in lines if COMMAND.match(line)]
    return lines


@pytest.mark.parametrize(
    "record_id",
    ["kim-jong-un", "vladimir-putin", "markup-close", "markup-link", "dogs-report",
     "kim-to-putin-dogs-2024", "putin-to-markup", "markup-to-kim"],
)  # fmt: skip
def test_show_prints_every_value_escaped(runner: CliRunner, record_id: str) -> None:
    result = runner.invoke(app, ["show", record_id, str(CASE)])
    assert result.exit_code == 0, result.output
    _inert(result.output)


def test_show_escapes_what_would_forge_lines(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "vladimir-putin", str(CASE)])
    lines = _inert(result.output)
    assert lines[:5] == [
        f"actor vladimir-putin ({CASE}/records.yaml:8:3)",
        "  kind: person",
        "  name: ::error file=records.yaml,line=1::forged",
        r"  role: \n::add-mask::secret",
        "  country: RUS",
    ]
    result = runner.invoke(app, ["show", "kim-to-putin-dogs-2024", str(CASE)])
    lines = _inert(result.output)
    assert lines[1] == (
        r"  giver: \x1b[31mKim\x1b[0m Jong Un \x1b]8;;https://example.com\x07click"
        r"\x1b]8;;\x07 (kim-jong-un)"
    )
    assert lines[5:7] == [
        r"    1. Pungsan dog\r::warning::forged (animal), count 2",
        r"  occasion: \u2066state visit\u2069 \u2028::notice::forged",
    ]
    assert lines[8] == (
        r"    1. dogs-report (source: Kim gives Putin dogs\nrecords.yaml:1:1: error [forged] "
        "not a diagnostic)"
    )


def test_stats_as_plain_text_escapes_names_and_commands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["stats", str(CASE)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    lines = _inert(result.output)
    start = lines.index("Gifts by giver")
    assert lines[start + 3 : start + 6] == [
        r"\x1b[31mKim\x1b[0m Jong Un \x1b]8;;https://example.com\x07click\x1b]8;;\x07"
        "  kim-jong-un         1",
        "[link=https://example.com]click[/link] [bold]bold"
        "                            markup-link         1",
        r"\x3a:error file=records.yaml,line=1::forged"
        "                                  vladimir-putin      1",
    ]


def test_stats_on_a_terminal_never_reads_names_as_markup(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An actor named `[/]` once ended in an internal error, and `[link=...]` made a link."""
    monkeypatch.setattr(terminal, "wants_rich", lambda stream, environ: True)
    result = runner.invoke(app, ["stats", str(CASE)], env={"FORCE_COLOR": "1", "COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "\x1b]8;" not in result.output  # no hyperlink
    assert "[link=https://example.com]click[/link] [bold]bold" in result.output
    assert re.search(r"│ \[/\] +│ markup-close +│", result.output), result.output
    assert r"\x1b[31mKim\x1b[0m Jong Un" in result.output
    assert "\x1b[31m" not in result.output


def _hostile_names(tmp_path: Path) -> Path:
    """The case, plus record files whose names hold ESC, a bidi override and `:1:1:`."""
    ledger = tmp_path / "ledger"
    shutil.copytree(CASE, ledger)
    bad = "- type: actor\n  id: extra-{0}\n  kind: persn\n  name: X\n"
    names = ("esc\x1b[2J.yaml", "bidi\u202eyaml.txt.yaml", "x:1:1: error [x] y.yaml")
    for n, name in enumerate(names):
        (ledger / name).write_text(bad.format(n), encoding="utf-8")
    return ledger


def _errors(lines: list[str]) -> list[str]:
    """The errors among the diagnostics (the partial actors are also warned unreferenced)."""
    return [line for line in lines if " error [invalid-value] " in line]


def test_validate_text_escapes_file_names(runner: CliRunner, tmp_path: Path) -> None:
    ledger = _hostile_names(tmp_path)
    result = runner.invoke(app, ["validate", str(ledger)])
    assert result.exit_code == 1
    message = "error [invalid-value] 'kind' must be one of person, state, organization"
    assert [line.split(": did")[0] for line in _errors(_inert(result.output)[:-1])] == [
        f"{ledger}/bidi\\u202eyaml.txt.yaml:3:9: {message}, not 'persn'",
        f"{ledger}/esc\\x1b[2J.yaml:3:9: {message}, not 'persn'",
        f"{ledger}/x\\x3a1\\x3a1: error [x] y.yaml:3:9: {message}, not 'persn'",
    ]


def test_validate_json_escapes_file_names(runner: CliRunner, tmp_path: Path) -> None:
    ledger = _hostile_names(tmp_path)
    result = runner.invoke(app, ["validate", str(ledger), "--format", "json"])
    _inert(result.output)
    files = [
        d["file"]
        for d in orjson.loads(result.output)["diagnostics"]
        if d["code"] == "invalid-value"
    ]
    assert files == [
        f"{ledger}/bidi\\u202eyaml.txt.yaml",
        f"{ledger}/esc\\x1b[2J.yaml",
        f"{ledger}/x\\x3a1\\x3a1: error [x] y.yaml",
    ]


def test_validate_github_passes_no_raw_bytes(runner: CliRunner, tmp_path: Path) -> None:
    ledger = _hostile_names(tmp_path)
    result = runner.invoke(app, ["validate", str(ledger), "--format", "github"])
    assert not RAW.search(result.output)
    lines = [line for line in result.output.splitlines() if not line.startswith("::warning ")]
    assert len(lines) == 4
    assert all(line.startswith("::error file=") for line in lines[:-1])
    assert lines[1].startswith(f"::error file={ledger}/esc\\x1b[2J.yaml,line=3,col=9,")
    assert f"file={ledger}/x%3A1%3A1%3A error [x] y.yaml,line=3," in lines[2]


def test_every_character_escaped_is_one_that_python_does_not_print() -> None:
    """`escape` passes printable text through untouched, unsearched: that is right only
    while no character it rewrites is printable."""
    from gift_ledger import escape as escaping

    rewritten = [c for c in map(chr, range(0x110000)) if escaping._UNSAFE.match(c)]
    assert rewritten and not any(c.isprintable() for c in rewritten)
    assert all(escaping.escape(c) != c for c in rewritten)
