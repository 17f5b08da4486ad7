"""Reading an export's tables as strangers may have made them (issue #18).

An export to import may come from anyone. Its tables are read only when each is a regular
file where the package puts it: a symlink (which may lead to any file on the machine, or
to ``/dev/zero``), a FIFO (whose opening waits for a writer forever) or a device is
refused unread, and so is a table larger than the reader's limit for record files.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..read.limits import MAX_FILE_BYTES

__all__ = ["Unreadable", "read_regular_file"]


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Why a table cannot be read: the code of the problem, and what to do."""

    code: str
    message: str


_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
"""Never follow a symlink in the last part, never wait on a FIFO: refused after fstat."""


def read_regular_file(path: Path) -> bytes | Unreadable:
    """The bytes of the regular file at path, or the problem that keeps it from being read."""
    try:
        descriptor = os.open(path, _FLAGS)
    except FileNotFoundError:
        return Unreadable("missing-table", "the table is missing from the export")
    except OSError as e:
        if path.is_symlink():  # O_NOFOLLOW refused it (ELOOP)
            return Unreadable("unreadable-file", _NOT_REGULAR.format(what="a symlink"))
        return Unreadable("unreadable-file", f"cannot read the table: {e.strerror}")
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            what = "a folder" if stat.S_ISDIR(status.st_mode) else "a pipe, a device or a socket"
            return Unreadable("unreadable-file", _NOT_REGULAR.format(what=what))
        if status.st_size > MAX_FILE_BYTES:
            return _too_large(status.st_size)
        try:
            data = stream.read(MAX_FILE_BYTES + 1)
        except OSError as e:
            return Unreadable("unreadable-file", f"cannot read the table: {e.strerror}")
    if len(data) > MAX_FILE_BYTES:  # it grew while it was read
        return _too_large(len(data))
    return data


_NOT_REGULAR = (
    "the table is {what}, not a regular file: an import reads only the files of the export itself"
)


def _too_large(size: int) -> Unreadable:
    return Unreadable(
        "file-too-large",
        f"the table has {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}: "
        "an export this large is not one that `ledger export` makes of a ledger",
    )
