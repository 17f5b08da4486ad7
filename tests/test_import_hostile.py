"""An export to import may come from anyone: only its own regular files are read (#18).

A table that is a symlink (to a secret elsewhere, to `/dev/zero`), a FIFO or over the
reader's size limit is refused unread; a cell may be as long as a table; every CSV problem
is located; and `--output` is never inside the package, however SOURCE names it.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gift_ledger.cli import app
from gift_ledger.read.limits import MAX_FILE_BYTES

from .export_support import RECORDS, small_ledger, write_ledger

SECRET = "SECRET-OUTSIDE-THE-PACKAGE"
NOT_REGULAR = (
    "error [unreadable-file] the table is {what}, not a regular file: an import reads only "
    "the files of the export itself"
)


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture
def package(runner: CliRunner, tmp_path: Path) -> Path:
    out = tmp_path / "pkg"
    result = runner.invoke(app, ["export", "-f", "datapackage", str(RECORDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _import_guarded(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`ledger import` in its own process, with a timeout and 1 GiB of address space."""

    def limit_memory() -> None:  # in the child, before it starts Python
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    try:
        return subprocess.run(
            [sys.executable, "-m", "gift_ledger", "import", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=limit_memory,  # the test process starts no threads of its own
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("import did not answer within 120 s: a hang")


@pytest.mark.parametrize("well_formed", [False, True], ids=["secret", "a-real-table"])
def test_a_table_linked_outside_the_package_is_refused_unread(
    runner: CliRunner, package: Path, tmp_path: Path, well_formed: bool
) -> None:
    outside = tmp_path / "outside.csv"
    if well_formed:
        shutil.copy(package / "gifts.csv", outside)
    else:
        outside.write_text(f"{SECRET},b\n", encoding="utf-8")
    (package / "gifts.csv").unlink()
    (package / "gifts.csv").symlink_to(outside)
    result = _import_guarded(package, "-o", tmp_path / "imported")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{package / 'gifts.csv'}: {NOT_REGULAR.format(what='a symlink')}\n"
    assert not (tmp_path / "imported").exists()


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_table_that_never_ends_is_refused(package: Path, tmp_path: Path, kind: str) -> None:
    """A FIFO once hung the import forever; a link to /dev/zero ran out of memory."""
    table = package / "gifts.csv"
    table.unlink()
    if kind == "fifo":
        os.mkfifo(table)
        what = "a pipe, a device or a socket"
    else:
        table.symlink_to("/dev/zero")
        what = "a symlink"
    result = _import_guarded(package, "-o", tmp_path / "imported")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{table}: {NOT_REGULAR.format(what=what)}\n"


def test_a_table_over_the_size_limit_is_refused_unread(package: Path, tmp_path: Path) -> None:
    table = package / "gifts.csv"
    with table.open("r+b") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, nothing read
    result = _import_guarded(package, "-o", tmp_path / "imported")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"{table}: error [file-too-large] the table has 16,777,217 bytes, more than the limit "
        "of 16,777,216: an export this large is not one that `ledger export` makes of a ledger\n"
    )


@pytest.mark.parametrize("fmt", ["datapackage", "csv"])
def test_a_cell_longer_than_the_csv_modules_limit_comes_home(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    """A valid ledger's own export once failed to import: an internal error over 131,072."""
    notes = "A long note. " * 20_000  # 260,000 characters
    ledger = write_ledger(tmp_path / "records", small_ledger(notes=notes))
    exported = tmp_path / ("pkg" if fmt == "datapackage" else "gifts.csv")
    assert run(runner, "export", "-f", fmt, ledger, "-o", exported).exit_code == 0
    more = ["--ledger", ledger] if fmt == "csv" else []
    result = runner.invoke(
        app, ["import", str(exported), "-o", str(tmp_path / "in"), *map(str, more)]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert notes.strip() in (tmp_path / "in" / "gifts.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("row", "message"),
    [('"unclosed,2024', "unexpected end of data"), ('"a"b,2024', "',' expected after '\"'")],
)
def test_a_table_that_is_not_csv_is_located(
    runner: CliRunner, package: Path, tmp_path: Path, row: str, message: str
) -> None:
    table = package / "actor_aliases.csv"
    header = table.read_text(encoding="utf-8").splitlines()[0]
    table.write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(package), "-o", str(tmp_path / "in")])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{table}:2: error [csv-syntax] not CSV: {message}\n"


@pytest.mark.parametrize("spelling", ["pkg", "pkg/", "pkg/datapackage.json", "pkg/./."])
def test_the_output_is_never_inside_the_package(
    runner: CliRunner, package: Path, tmp_path: Path, spelling: str
) -> None:
    before = sorted(p.name for p in package.iterdir())
    source = f"{tmp_path}/{spelling}"
    result = runner.invoke(app, ["import", source, "-o", str(package / "imported")])
    assert result.exit_code == 2
    assert "it is inside the ledger folder" in result.stderr
    assert sorted(p.name for p in package.iterdir()) == before


def _text_imported(runner: CliRunner, package: Path, tmp_path: Path) -> tuple[Result, Path]:
    """Import the package; the first archived text it holds, in the imported ledger."""
    out = tmp_path / "imported"
    result = run(runner, "import", package, "-o", out)
    return result, out / "texts"


def test_an_archived_text_linked_outside_the_package_is_not_copied(
    runner: CliRunner, package: Path, tmp_path: Path
) -> None:
    """A text in the package's archive that is a symlink to a file elsewhere is left out
    unread, as a table would be: the secret never reaches the imported ledger."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    texts = sorted((package / "archive" / "texts").iterdir())
    texts[0].unlink()
    texts[0].symlink_to(secret)
    result, imported = _text_imported(runner, package, tmp_path)
    assert result.exit_code == 0, result.output
    assert not (imported / texts[0].name).exists()
    assert (imported / texts[1].name).is_file()  # the package's own texts come home
    assert SECRET not in "".join(p.read_text("utf-8") for p in imported.iterdir())


def test_an_archive_folder_linked_outside_the_package_is_not_read(
    runner: CliRunner, package: Path, tmp_path: Path
) -> None:
    """A symlinked folder on the way out of the package is not followed either."""
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(package / "archive" / "texts", elsewhere)
    for text in elsewhere.iterdir():
        text.write_text(SECRET, encoding="utf-8")
    shutil.rmtree(package / "archive" / "texts")
    (package / "archive" / "texts").symlink_to(elsewhere, target_is_directory=True)
    result, imported = _text_imported(runner, package, tmp_path)
    assert result.exit_code == 0, result.output
    assert not imported.exists() or not any(imported.iterdir())
