"""`ledger` starts with what the command it runs needs, and no more (issue #20).

Start-up is measured in benchmarks (docs/performance.md), never timed here: these tests
check which modules a run imports, in a fresh interpreter, as a user runs the command.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from gift_ledger.cli import COMMANDS

from .conftest import CASES


def _run(*arguments: str) -> tuple[int, str, set[str]]:
    """Run `ledger ARGUMENTS` through the console script's entry point in a new interpreter:
    its exit code, its output and the modules it imported."""
    script = (
        "import sys\n"
        "from gift_ledger.cli import main\n"
        "sys.argv = ['ledger', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "print('modules:', *sorted(sys.modules), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments], capture_output=True, text=True, check=False
    )
    modules = done.stderr.rsplit("modules: ", 1)[-1].split()
    return done.returncode, done.stdout, set(modules)


NOT_FOR_VALIDATE = {
    *(f"gift_ledger.cli.{module}" for module in COMMANDS.values() if module != "validate"),
    "gift_ledger.exporters",
    "gift_ledger.importers",
    "gift_ledger.skeletons",
    "gift_ledger.tables",
    "gift_ledger.anchors",
    "pycountry",  # its tables are read as the JSON files they are
    "jsonschema",
    "rich",
}
"""Modules that `ledger validate` of a clean ledger has no use for."""


def test_validate_imports_neither_the_other_commands_nor_what_they_need() -> None:
    code, output, modules = _run("validate", str(CASES / "valid" / "every-field"))
    assert (code, output) == (0, "9 records in 1 file: 0 errors, 0 warnings: valid\n")
    assert "gift_ledger.cli.validate" in modules
    assert "gift_ledger.codes" in modules  # the ledger's countries and language were checked
    assert sorted(NOT_FOR_VALIDATE & modules) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_is_registered_by_its_module_alone(command: str) -> None:
    code, output, modules = _run(command, "--help")
    assert code == 0
    assert output.startswith(f"Usage: ledger {command} ")
    others = {f"gift_ledger.cli.{m}" for c, m in COMMANDS.items() if c != command}
    assert sorted(others & modules) == []


def test_the_help_lists_every_command() -> None:
    code, output, _ = _run("--help")
    assert code == 0
    listed = [line.split()[0] for line in output.split("Commands:\n", 1)[1].splitlines()]
    assert listed == list(COMMANDS)
