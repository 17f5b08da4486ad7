"""A folder of the ledger that cannot be listed is an error, not a silent skip (#18).

Its record files would be left out, and the ledger called valid without them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gift_ledger.cli import app
from gift_ledger.read import files as reader

from .conftest import CASES


@pytest.fixture
def unlistable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A valid ledger with a sub-folder whose permissions forbid listing it."""
    ledger = tmp_path / "ledger"
    shutil.copytree(CASES / "valid" / "minimal", ledger)
    folder = ledger / "more"
    folder.mkdir()
    (folder / "gifts.yaml").write_text("- type: gift\n  id: unseen\n", encoding="utf-8")
    folder.chmod(0)
    if os.geteuid() == 0:  # root lists any folder: refuse as the OS refuses everyone else
        real_scandir = os.scandir

        def scandir(path: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
            if Path(path) == folder:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(reader.os, "scandir", scandir)
    yield folder
    folder.chmod(0o755)


def test_an_unreadable_folder_is_an_error(runner: CliRunner, unlistable: Path) -> None:
    result = runner.invoke(app, ["validate", str(unlistable.parent)])
    assert result.exit_code == 1
    assert result.output == (
        f"{unlistable}:1:1: error [unreadable-folder] cannot list the folder: Permission "
        "denied: its record files would be left out; make it readable, or move it out of "
        "the ledger\n"
        "7 records in 4 files: 1 error, 0 warnings: invalid\n"
    )
