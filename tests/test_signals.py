"""SIGTERM and SIGHUP end a run as Ctrl-C does, leaving no half-written output (#18).

CI cancelling a job and `timeout` send SIGTERM; a closed terminal sends SIGHUP. Each test
runs `ledger` in a process of its own on a ledger of a few thousand records, and signals
it part way.
"""

from __future__ import annotations

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
