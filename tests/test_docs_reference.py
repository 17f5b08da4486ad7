"""The reference and the guides tell the truth: every command and option is in the reference,
completion works as it says, and the guides' commands and snippets print what they show."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from gift_ledger.cli import app

from .conftest import CASES, PROJECT

DOCS = PROJECT / "docs"
REFERENCE = (DOCS / "reference.md").read_text(encoding="utf-8")


def _sections(text: str) -> dict[str, str]:
    """Level-two sections by their heading's command: "ledger new" -> its text."""
    found = {}
    for part in text.split("\n## ")[1:]:
        heading, _, body = part.partition("\n")
        match = re.fullmatch(r"`(ledger [a-z ]+)`", heading)
        if match:
            found[match.group(1)] = body
    return found


SECTIONS = _sections(REFERENCE)


def _commands(group: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every command below a group, subcommands after their group (typer vendors click)."""
    for name, command in group.commands.items():
        yield f"{path} {name}", command
        if hasattr(command, "commands"):
            yield from _commands(command, f"{path} {name}")


COMMANDS = list(_commands(typer.main.get_group(app), "ledger"))


def test_the_walk_finds_every_command() -> None:
    names = [name for name, _command in COMMANDS]
    assert names == [
        "ledger validate", "ledger schema", "ledger export", "ledger show", "ledger stats",
        "ledger import", "ledger serve", "ledger new", "ledger new gift", "ledger new agreement",
        "ledger new actor", "ledger new source",
    ]  # fmt: skip


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_option_and_argument_is_in_the_reference(name: str, command: Any) -> None:
    top = " ".join(name.split()[:2])
    assert top in SECTIONS, f"no section '## `{top}`' in docs/reference.md"
    section = SECTIONS[top]
    if name != top:  # a subcommand: named in the synopsis, `ledger new gift|agreement|...`
        synopsis = section.split("```")[1]
        assert re.search(rf"\b{name.rsplit(maxsplit=1)[-1]}\b", synopsis), name
    for param in command.params:
        if param.param_type_name == "option":
            if param.opts == ["--help"]:
                continue
            for opt in (*param.opts, *param.secondary_opts):
                assert f"`{opt}`" in section or f"`{opt} " in section, (name, opt)
        else:
            assert f"`{param.metavar or param.name.upper()}`" in section, (name, param.name)


def test_the_programs_own_options_are_in_the_reference() -> None:
    head = REFERENCE.split("\n## ")[0]
    for param in typer.main.get_group(app).params:
        for opt in param.opts:
            assert f"`{opt}`" in head, opt


def test_completion_completes_the_vocabularies_as_documented(tmp_path: Path) -> None:
    assert "`ledger new gift\n--category a<TAB>` offers `animal` and `artwork`" in REFERENCE
    env = {
        **os.environ,
        "_LEDGER_COMPLETE": "complete_bash",
        "COMP_WORDS": "ledger new gift --category a",
        "COMP_CWORD": "4",
    }
    ledger = Path(sys.executable).parent / "ledger"
    done = subprocess.run([str(ledger)], env=env, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout.split()) == (0, ["animal", "artwork"])


def test_the_show_completion_option_prints_a_script(monkeypatch: pytest.MonkeyPatch) -> None:
    # typer finds the shell by walking the parent processes (shellingham), which fails
    # where pytest has no shell above it (a background job): say the shell is bash.
    import typer.completion

    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    result = CliRunner().invoke(app, ["--show-completion"], prog_name="ledger")
    assert result.exit_code == 0
    assert "_LEDGER_COMPLETE=complete_bash" in result.stdout


# The guides, run ---------------------------------------------------------------------

_BLOCK = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def run_console(block: str, runner: CliRunner) -> Path | None:
    """Run a console block's commands; check each prints the lines that follow it.

    Returns the file that the last command wrote with --output, if any.
    """
    written = None
    for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
        command, _, expected = chunk.partition("\n")
        words = shlex.split(command)
        if words[:2] == ["mkdir", "-p"]:
            Path(words[2]).mkdir(parents=True, exist_ok=True)
            continue
        assert words[0] == "ledger", command
        append = None
        if ">>" in words:
            words, append = words[: words.index(">>")], Path(words[words.index(">>") + 1])
        result = runner.invoke(app, words[1:], prog_name="ledger")
        if append is not None:
            with append.open("a", encoding="utf-8") as stream:
                stream.write(result.stdout)
            assert result.stderr == expected, command
        else:
            assert result.output == expected, command
        if "--output" in words:
            written = Path(words[words.index("--output") + 1])
    return written


def test_the_guide_to_entering_a_record_runs_as_written(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CASES / "valid" / "minimal", tmp_path / "records")
    shutil.copytree(PROJECT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    guide = (DOCS / "guide-enter-a-record.md").read_text(encoding="utf-8")
    written: Path | None = None
    ran = 0
    for language, info, body in _BLOCK.findall(guide):
        if language == "text" and info.strip():
            Path(info.strip()).write_text(body, encoding="utf-8")
        elif language == "console":
            written = run_console(body, runner) or written
            ran += 1
        elif language == "yaml" and body.startswith("# yaml-language-server"):
            assert written is not None
            assert written.read_text(encoding="utf-8") == body
    assert ran == 5


def test_the_analysis_guide_prints_what_it_shows(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(PROJECT / "records", tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    guide = (DOCS / "guide-analysis.md").read_text(encoding="utf-8")
    blocks = _BLOCK.findall(guide)
    namespace: dict[str, object] = {}
    snippets = 0
    for index, (language, _info, body) in enumerate(blocks):
        if language == "console":
            run_console(body, runner)
        elif language == "python":
            following = blocks[index + 1] if index + 1 < len(blocks) else ("", "", "")
            assert following[0] == "text", f"no output shown after:\n{body}"
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(compile(body, f"guide-analysis.md block {index}", "exec"), namespace)
            assert printed.getvalue() == following[2], body
            snippets += 1
    assert snippets == 9
    assert {"pd", "duckdb", "sqlite3"} <= set(namespace)  # pandas, DuckDB and SQLite ran


def test_the_readme_links_the_guides_and_the_reference() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for page in ("reference.md", "ci.md", "guide-enter-a-record.md", "guide-analysis.md"):
        assert f"(docs/{page})" in readme, page


def test_the_readme_ci_example_is_the_workflows() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    workflow = (DOCS / "examples" / "ledger.yml").read_text(encoding="utf-8")
    shown = re.findall(r"^      - run: (.*)$", readme, re.MULTILINE)
    assert shown == ["python -m pip install .", "ledger validate --format github records"]
    for command in shown:
        assert f"run: {command}\n" in workflow
