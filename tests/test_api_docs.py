"""The Python API: its reference builds from the docstrings, and its example runs as shown."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pdoc
import pytest

from .conftest import PROJECT

DOC = (PROJECT / "docs" / "api.md").read_text(encoding="utf-8")
API_MODULES = re.search(r"^pdoc (gift_ledger\..*)$", DOC, re.MULTILINE)


def test_the_reference_builds_with_every_module_and_its_docstrings(tmp_path: Path) -> None:
    assert API_MODULES is not None
    modules = API_MODULES.group(1).split()
    table = re.findall(r"^\| `(gift_ledger\.[a-z_.]+)` \|", DOC, re.MULTILINE)
    assert table == modules  # the command and the table name the same modules
    pdoc.pdoc(*modules, output_directory=tmp_path)
    pages = {
        module: (tmp_path / (module.replace(".", "/") + ".html")).read_text(encoding="utf-8")
        for module in modules
    }
    expected = {
        "gift_ledger.validate": "Read and check every record file below root",
        "gift_ledger.gifts": "Every gift of a loaded ledger in reading order",
        "gift_ledger.exporters": "Validate the ledger below root and, when it has no errors",
        "gift_ledger.diagnostics": "Diagnostic",
    }
    for module, text in expected.items():
        assert text in pages[module], module


def test_the_example_prints_what_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(PROJECT / "records", tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    [code] = re.findall(r"```python\n(.*?)```", DOC, re.DOTALL)
    [shown] = re.findall(r"```text\n(.*?)```", DOC, re.DOTALL)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "api.md", "exec"), {})
    assert printed.getvalue() == shown
    assert (tmp_path / "ledger.db").stat().st_size > 0
