"""What `--output` may replace, and files written whole or not at all (issue #18).

An export never replaces a symlink, a FIFO or a device with a regular file; a package
export replaces only a folder it can prove it wrote; `ledger new` leaves no empty or
truncated record file when the disk is full or a file-size limit is reached.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gift_ledger.errors import OutputError
from gift_ledger.writing import MARKER, fill_file

from .export_support import RECORDS, export

REFUSED = (
    "it is {what}, not a regular file; to write into a pipe or a device, leave out --output "
    "and redirect stdout"
)


def _refused(runner: CliRunner, out: Path, what: str) -> None:
    result = export(runner, RECORDS, "-f", "csv", "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"ledger: error: cannot write {str(out)!r}: {REFUSED.format(what=what)}\n"
    )


def test_a_fifo_is_refused_and_left_as_it_was(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "pipe"
    os.mkfifo(out)
    _refused(runner, out, "a pipe, a device or a socket")
    assert out.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


@pytest.mark.parametrize("target", ["/dev/null", "/proc/self/fd/1", "real.csv"])
def test_a_symlink_is_refused_and_left_as_it_was(
    runner: CliRunner, tmp_path: Path, target: str
) -> None:
    """`-o` a symlink to a device or to stdout once replaced the link with a regular file."""
    (tmp_path / "real.csv").write_text("someone's data\n", encoding="utf-8")
    out = tmp_path / "link"
    out.symlink_to(target)
    _refused(runner, out, "a symlink")
    assert out.is_symlink() and str(out.readlink()) == target
    assert (tmp_path / "real.csv").read_text(encoding="utf-8") == "someone's data\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real.csv"]


def test_a_socket_is_refused_and_left_as_it_was(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "socket"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(out))
        _refused(runner, out, "a pipe, a device or a socket")
    assert out.is_socket()


def test_a_device_is_refused_before_anything_is_written() -> None:
    """`-o /dev/null` as root once replaced the device. Checked here without the CLI, which
    would write into /dev/null itself were the refusal ever lost."""
    with pytest.raises(OutputError, match="it is a pipe, a device or a socket, not a regular"):
        fill_file(Path("/dev/null"), lambda stream: stream.write(b"x"), ledger_root=RECORDS)
    assert Path("/dev/null").is_char_device()


def test_a_folder_holding_a_descriptor_is_not_taken_for_an_export(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Only the marker that every package export writes proves the folder is one."""
    out = tmp_path / "research"
    out.mkdir()
    mine = {"datapackage.json": b"{}", "gifts.csv": b"my own survey\n"}
    for name, data in mine.items():
        (out / name).write_bytes(data)
    result = export(runner, RECORDS, "-f", "datapackage", "-o", out)
    assert result.exit_code == 2
    assert "the folder exists and is not a previous data package export" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == mine


def test_a_package_export_is_marked_and_replaced_next_time(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "package"
    assert export(runner, RECORDS, "-f", "datapackage", "-o", out).exit_code == 0
    assert (out / MARKER).read_text(encoding="utf-8").startswith("gift-ledger wrote this folder")
    assert export(runner, RECORDS, "-f", "datapackage", "-o", out).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["package"]


def _new_with_file_size_limit(folder: Path, limit: int) -> subprocess.CompletedProcess[str]:
    def limit_file_size() -> None:  # in the child, before it starts Python
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [sys.executable, "-m", "gift_ledger", "new", "gift", "-o", "gift.yaml"]
    return subprocess.run(
        [*command, "--id", "kim-to-putin-dogs-2024", "--giver", "kim-jong-un"],
        cwd=folder,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        preexec_fn=limit_file_size,  # the test process starts no threads of its own
        timeout=120,
        check=False,
    )


def test_new_past_a_file_size_limit_leaves_no_record_file(tmp_path: Path) -> None:
    """The write fails part way (EFBIG, as on a full disk): it once left a truncated file."""
    result = _new_with_file_size_limit(tmp_path, 100)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "ledger: error: cannot write 'gift.yaml': File too large\n"
    assert list(tmp_path.iterdir()) == []


def test_new_within_the_limit_writes_the_whole_file(tmp_path: Path) -> None:
    result = _new_with_file_size_limit(tmp_path, 1 << 20)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "wrote gift.yaml\n"
    text = (tmp_path / "gift.yaml").read_text(encoding="utf-8")
    assert "id: kim-to-putin-dogs-2024" in text and text.endswith("\n")
    assert [p.name for p in tmp_path.iterdir()] == ["gift.yaml"]
