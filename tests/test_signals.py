"""SIGTERM and SIGHUP end a run as Ctrl-C does, and workers end with their parent (#18).

CI cancelling a job and `timeout` send SIGTERM; a closed terminal sends SIGHUP. Each test
runs `ledger` in a process of its own on a ledger large enough for worker processes, and
signals it part way.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

WAIT = 60.0
"""Seconds to wait for something that takes well under one: a bound, not a speed test."""


def _start(*args: str | Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gift_ledger", *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(condition: Callable[[], object], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if process.poll() is not None:
            pytest.fail("the run ended before it could be signalled")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"nothing happened within {WAIT} s")
        time.sleep(0.001)


def _end(process: subprocess.Popen[bytes]) -> tuple[int, bytes]:
    """The exit code and what the run printed on stderr, once it ends."""
    _, stderr = process.communicate(timeout=WAIT)
    return process.returncode, stderr


def _children(pid: int) -> set[int]:
    """Living processes whose parent is pid."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            if fields[0] != "Z" and int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _all_end(pids: set[int]) -> bool:
    deadline = time.monotonic() + WAIT
    while any(map(_alive, pids)):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_mid_export_leaves_no_temporary_file(
    big_ledger: Path, tmp_path: Path, signum: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    process = _start("export", "-f", "jsonld", big_ledger, "-o", out / "ledger.jsonld")
    _wait_for(lambda: any(out.iterdir()), process)  # the temporary file is being written
    process.send_signal(signum)
    assert _end(process) == (128 + signum, b"")
    assert list(out.iterdir()) == []


def test_a_signal_mid_package_export_leaves_no_temporary_folder(
    big_ledger: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    process = _start("export", "-f", "datapackage", big_ledger, "-o", out / "package")
    _wait_for(lambda: any(out.iterdir()), process)
    process.send_signal(signal.SIGTERM)
    assert _end(process) == (128 + signal.SIGTERM, b"")
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_workers_end_when_their_parent_is_stopped(big_ledger: Path, signum: int) -> None:
    process = _start("validate", big_ledger, "--jobs", "2")  # workers, even on one core
    _wait_for(lambda: _children(process.pid), process)
    workers = _children(process.pid)
    process.send_signal(signum)
    assert _end(process) == (128 + signum, b"")
    assert _all_end(workers), f"workers {workers} outlived their parent"


def test_workers_end_when_their_parent_is_killed(big_ledger: Path) -> None:
    """SIGKILL cannot be handled: the kernel ends the workers (Linux's parent-death signal)."""
    process = _start("validate", big_ledger, "--jobs", "2")  # workers, even on one core
    _wait_for(lambda: _children(process.pid), process)
    workers = _children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    assert _end(process) == (-signal.SIGKILL, b"")
    assert _all_end(workers), f"workers {workers} outlived their parent"
