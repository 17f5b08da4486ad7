"""Ending cleanly on the signals that stop a run (issue #18).

CI cancelling a job and `timeout` send SIGTERM; a closed terminal sends SIGHUP. Python's
default for both ends the process at once, leaving half-written temporary files behind.
Raising an exception from the handler instead, as Ctrl-C does, is not safe: it may land
inside a library's locks or cleanup, where it hangs the run or is swallowed. So the
handler does the little that must be done and ends the process itself: it removes the
temporary files and folders that are registered here while they are being written, and
exits with the shell's code, 128 + the signal.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

__all__ = ["STOPPING_SIGNALS", "end_cleanly_on_signals", "removed_if_stopped"]

STOPPING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)

_temporary: dict[Path, None] = {}
_owner: set[int] = set()
"""The process that installed the handlers: only it removes the temporary paths (a process
forked from it, by a library, may get a signal before it sets its own handlers)."""


@contextlib.contextmanager
def removed_if_stopped(path: Path) -> Iterator[Path]:
    """Within the block, a stopping signal removes path (a file or a folder) before exit.

    Register the path before making it: a signal may come at any moment, even between two
    system calls, and a path not yet made is simply not there to remove.
    """
    _temporary[path] = None
    try:
        yield path
    finally:
        _temporary.pop(path, None)


def _stop(signum: int, frame: FrameType | None) -> None:
    if os.getpid() in _owner:
        for path in list(_temporary):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
    os._exit(128 + signum)


def end_cleanly_on_signals() -> None:
    """On SIGTERM and SIGHUP, remove the registered temporary paths and exit."""
    _owner.clear()
    _owner.add(os.getpid())
    for signum in STOPPING_SIGNALS:
        signal.signal(signum, _stop)
