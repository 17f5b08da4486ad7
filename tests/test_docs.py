"""The docs tell the truth: every command and code is documented, and the README's
example output is what the command really prints."""

from __future__ import annotations

import re
import shutil

import typer.main
from typer.testing import CliRunner

from gift_ledger.cli import app
from gift_ledger.diagnostics import CODES

from .conftest import PROJECT

README = (PROJECT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_group(app)
    return sorted(group.commands)


def test_every_command_is_in_the_readme_table() -> None:
    assert _commands()
    for name in _commands():
        assert re.search(rf"^\| `ledger {name}\b", README, re.MULTILINE), name


def test_every_code_is_documented() -> None:
    doc = (PROJECT / "docs" / "validation.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"| `{code}` |" in doc, code


def test_readme_validate_example_is_real_output(runner: CliRunner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    block = re.search(r"```console\n\$ ledger validate records\n(.*?)```", README, re.DOTALL)
    assert block
    monkeypatch.chdir(PROJECT)
    result = runner.invoke(app, ["validate", "records"])
    assert result.output == block.group(1)
    assert result.exit_code == 0


def test_readme_csv_example_is_real_output(runner: CliRunner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    block = re.search(
        r"\$ ledger export records --format csv \| cut -d, -f1,3,6,8 \| head -n 4\n(.*?)\$",
        README,
        re.DOTALL,
    )
    assert block
    monkeypatch.chdir(PROJECT)
    result = runner.invoke(app, ["export", "records", "--format", "csv"])
    assert result.exit_code == 0
    rows = result.stdout.splitlines()[:4]
    cut = [",".join(row.split(",")[i - 1] for i in (1, 3, 6, 8)) for row in rows]
    assert "\n".join(cut) + "\n" == block.group(1)


def test_readme_datapackage_example_is_real_output(
    runner: CliRunner, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert (
        "$ ledger export records --format datapackage --output ledger-package\n"
        "wrote ledger-package\n"
    ) in README
    shutil.copytree(PROJECT / "records", tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["export", "records", "--format", "datapackage", "--output", "ledger-package"]
    )
    assert result.output == "wrote ledger-package\n"
    assert result.exit_code == 0
    assert (tmp_path / "ledger-package" / "datapackage.json").is_file()
