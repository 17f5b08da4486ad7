"""The hook and the workflow in docs/ci.md work as written: pre-commit and GitHub Actions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pre_commit.clientlib import load_manifest

from .conftest import CASES, PROJECT

HOOKS = PROJECT / ".pre-commit-hooks.yaml"
WORKFLOW = PROJECT / "docs" / "examples" / "ledger.yml"
CI_DOC = (PROJECT / "docs" / "ci.md").read_text(encoding="utf-8")
BIN = str(Path(sys.executable).parent)


def environment(tmp_path: Path) -> dict[str, str]:
    """The package's `ledger` first on PATH; pre-commit's cache and git's config kept here."""
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_COLOR": "1",
    }


def git_repository(tmp_path: Path, ledger: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(ledger, repo / "records")
    (repo / "README.md").write_text("A ledger.\n")
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True)
    return repo


def git_add(repo: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", "add", "--all"], cwd=repo, env=env, check=True)


def test_the_hooks_are_valid_for_pre_commit() -> None:
    hooks = load_manifest(str(HOOKS))
    assert [hook["id"] for hook in hooks] == ["ledger-validate"]
    (hook,) = hooks
    assert hook["language"] == "python"
    assert hook["entry"] == "ledger validate"
    assert hook["pass_filenames"] is False
    assert hook["args"] == ["records"]


def test_the_doc_shows_the_hooks_as_they_are() -> None:
    shown = re.search(r"it now\. The hook is:\n\n```yaml\n(.*?)```", CI_DOC, re.DOTALL)
    assert shown
    written = "".join(
        line for line in HOOKS.read_text("utf-8").splitlines(keepends=True)
        if not line.startswith("#")
    )  # fmt: skip
    assert shown.group(1) == written


def _pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_pre_commit_runs_the_hook_as_written(tmp_path: Path) -> None:
    env = environment(tmp_path)
    repo = git_repository(tmp_path, CASES / "valid" / "minimal")
    (hook,) = yaml.safe_load(HOOKS.read_text("utf-8"))
    # The hook as shipped, but run with the `ledger` installed here (language: system)
    # instead of one pre-commit would install from the package index.
    local = {**hook, "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    git_add(repo, env)

    passed = _pre_commit(repo, env, "--all-files")
    assert (passed.returncode, passed.stderr) == (0, ""), passed.stdout
    assert re.fullmatch(r"validate the gift ledger\.+Passed\n", passed.stdout)

    skipped = _pre_commit(repo, env, "--files", "README.md")
    assert skipped.returncode == 0
    assert re.fullmatch(
        r"validate the gift ledger\.+\(no files to check\)Skipped\n", skipped.stdout
    )

    # A change to the ledger manifest alone runs the hook, and a broken one fails it.
    (repo / "records" / "ledger.toml").write_text("title = 'A ledger'\nlicence = 'CC0-1.0'\n")
    git_add(repo, env)
    manifest = _pre_commit(repo, env, "--files", "records/ledger.toml")
    assert manifest.returncode == 1
    assert "ledger.toml:2:1: error [unknown-field]" in manifest.stdout
    (repo / "records" / "ledger.toml").unlink()
    git_add(repo, env)

    (repo / "records" / "bad.yaml").write_text("- {type: actor, id: nameless, kind: person}\n")
    git_add(repo, env)
    failed = _pre_commit(repo, env, "--all-files")
    assert failed.returncode == 1
    assert failed.stdout.splitlines()[1:] == [
        "- hook id: ledger-validate",
        "- exit code: 1",
        "",
        "records/bad.yaml:1:3: error [missing-field] an actor needs a name, or a role for a "
        "person known only by office",
        "records/bad.yaml:1:21: warning [unreferenced] no gift or agreement refers to actor "
        "'nameless'",
        "8 records in 5 files: 1 error, 1 warning: invalid",
        "",
    ]


# GitHub Actions -----------------------------------------------------------------------


def workflow() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    return loaded


def steps() -> list[dict[str, Any]]:
    (job,) = workflow()["jobs"].values()
    found: list[dict[str, Any]] = job["steps"]
    return found


def ledger_commands() -> list[str]:
    return [step["run"] for step in steps() if "run" in step and "ledger " in step["run"]]


def run_step(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A `run:` step as GitHub runs it: bash --noprofile --norc -eo pipefail."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_the_workflow_installs_validates_exports_and_uploads() -> None:
    uses = [step["uses"].split("@")[0] for step in steps() if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]
    runs = [step["run"] for step in steps() if "run" in step]
    assert runs == [
        "python -m pip install .",
        "ledger validate --format github records",
        "mkdir -p dist\nledger export records --format datapackage --output dist/ledger\n",
    ]
    assert steps()[-1]["with"]["path"] == "dist/ledger"
    assert set(workflow()[True]) == {"pull_request", "push"}  # YAML 1.1 reads `on` as true


def test_the_doc_shows_the_workflow_as_it_is() -> None:
    shown = re.search(r"`\.github/workflows/ledger\.yml`:\n\n```yaml\n(.*?)```", CI_DOC, re.DOTALL)
    assert shown
    text = WORKFLOW.read_text("utf-8")
    assert shown.group(1) == text[text.index("name: ledger") :]


def test_the_workflows_ledger_steps_pass_on_the_projects_ledger(tmp_path: Path) -> None:
    env = environment(tmp_path)
    checkout = tmp_path / "checkout"
    shutil.copytree(PROJECT / "records", checkout / "records")
    validate, export = (run_step(command, checkout, env) for command in ledger_commands())
    assert (validate.returncode, validate.stderr) == (0, "")
    lines = validate.stdout.splitlines()
    assert lines[1] == (
        "::warning file=records/gifts.yaml,line=230,col=10,title=counts-exceed-total::"
        "the items count 75 in all, more than the total of 70"
    )  # the line docs/ci.md shows
    assert lines[1] in CI_DOC
    assert lines[-1] == "29 records in 4 files: 0 errors, 4 warnings: valid"
    assert (export.returncode, export.stdout) == (0, "wrote dist/ledger\n")
    uploaded = checkout / steps()[-1]["with"]["path"]
    assert (uploaded / "datapackage.json").is_file()


def test_the_workflow_fails_on_an_invalid_ledger_and_points_at_the_line(tmp_path: Path) -> None:
    env = environment(tmp_path)
    checkout = tmp_path / "checkout"
    shutil.copytree(CASES / "valid" / "minimal", checkout / "records")
    (checkout / "records" / "bad.yaml").write_text("- {type: actor, id: nameless, kind: person}\n")
    validate = run_step(ledger_commands()[0], checkout, env)
    assert validate.returncode == 1
    assert validate.stdout == (
        "::error file=records/bad.yaml,line=1,col=3,title=missing-field::an actor needs a "
        "name, or a role for a person known only by office\n"
        "::warning file=records/bad.yaml,line=1,col=21,title=unreferenced::no gift or agreement "
        "refers to actor 'nameless'\n"
        "8 records in 5 files: 1 error, 1 warning: invalid\n"
    )


@pytest.mark.parametrize("command", ledger_commands())
def test_each_ledger_step_names_the_records_folder(command: str) -> None:
    assert " records" in command
