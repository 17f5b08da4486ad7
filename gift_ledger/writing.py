"""Write an export all at once or not at all, though it is made a piece at a time.

An exporter writes into the stream or the folder it is given as it goes. A file is
written to a temporary file in the same folder, fsynced and moved into place with
`os.replace`, which is atomic: readers, and other exports racing to the same path, see the
old file or the new one, never a mix or a part. A data package folder is built in a
temporary sibling folder and renamed into place; an existing folder is replaced only when
it is empty or is one this exporter wrote: it holds the marker file `MARKER` and nothing
but the files the export writes. A file is written only over a regular file: a symlink,
a FIFO or a device is refused, never replaced (issue #18). On any failure, or SIGTERM or
SIGHUP (signals.py), the temporary files are removed and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator, Mapping, Set
from pathlib import Path
from typing import BinaryIO, TypeVar

from .errors import OutputError
from .signals import removed_if_stopped

__all__ = ["MARKER", "create_file", "fill_file", "fill_folder", "write_folder"]

_TEMP_PREFIX = ".ledger-export-"
_REPLACE_ATTEMPTS = 100
_TEMP_ATTEMPTS = 100
_BUFFER_BYTES = 1 << 20
"""A file's write buffer: an export writes a record at a time, a few KB each, and the
default buffer (8 KiB) made a system call of nearly every one."""
_Made = TypeVar("_Made")
MARKER = ".gift-ledger-export"
"""The file in every folder an export or import makes: only a folder holding it is ever
replaced. Its name starts with a dot, so the reader skips it in an imported ledger."""
_MARKER_TEXT = (
    b"gift-ledger wrote this folder (ledger export or ledger import): the next run given\n"
    b"this folder as --output replaces it. Without this file, it is never replaced.\n"
)


def fill_file(path: Path, fill: Callable[[BinaryIO], object], *, ledger_root: Path) -> None:
    """Write to path atomically what fill writes into the stream it is given.

    Raise OutputError saying why path cannot be written.
    """
    _refuse_inside_ledger(path, ledger_root)
    _refuse_special_file(path)
    _require_folder(path)
    mode = _file_mode(path)
    with _temp_file(path) as (temp, stream):
        fill(stream)
        stream.flush()
        os.fsync(stream.fileno())
        stream.close()
        temp.chmod(mode)
        temp.replace(path)  # atomic, as os.replace


def create_file(path: Path, data: bytes) -> None:
    """Write a new file at path whole or not at all; never replace one (`ledger new`).

    The data is written to a temporary file beside it and hard-linked into place, which
    fails if path exists: a full disk or a file-size limit leaves no empty or truncated
    file behind. Raise OutputError saying why path cannot be written.
    """
    if os.path.lexists(path):
        raise _exists(path)
    _require_folder(path)
    with _temp_file(path) as (temp, stream):
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
        stream.close()
        temp.chmod(0o666 & ~_umask())
        try:
            os.link(temp, path)
        except FileExistsError as e:
            raise _exists(path) from e
        temp.unlink()


def _exists(path: Path) -> OutputError:
    return OutputError(
        f"cannot write {str(path)!r}: it exists, and `ledger new` never overwrites a file"
    )


@contextlib.contextmanager
def _temp_file(path: Path) -> Iterator[tuple[Path, BinaryIO]]:
    """A temporary file beside path, open for writing; removed if the block fails."""
    try:
        with _new_temp(path, ".tmp", _create_file) as (temp, descriptor):
            try:
                with os.fdopen(descriptor, "wb", buffering=_BUFFER_BYTES) as stream:
                    yield temp, stream
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
    except OSError as e:
        raise _cannot_write(path, e) from e


@contextlib.contextmanager
def _new_temp(
    path: Path, suffix: str, create: Callable[[Path], _Made]
) -> Iterator[tuple[Path, _Made]]:
    """A new temporary path beside path, made by create, and removed by SIGTERM or SIGHUP
    while the block runs (signals.py): it is registered before it is made."""
    for _ in range(_TEMP_ATTEMPTS):
        temp = path.parent / f"{_TEMP_PREFIX}{path.name}.{secrets.token_hex(6)}{suffix}"
        with removed_if_stopped(temp):
            try:
                made = create(temp)
            except FileExistsError:
                continue
            yield temp, made
            return
    raise OutputError(f"cannot write {str(path)!r}: no free name for a temporary file")


def _create_file(temp: Path) -> int:
    return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)


def _create_folder(temp: Path) -> None:
    temp.mkdir(mode=0o700)


def _refuse_special_file(path: Path) -> None:
    """Only a regular file, or nothing, may be replaced by an export."""
    try:
        mode = path.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there: `_require_folder` says what is wrong with its folder
    except OSError as e:
        raise _cannot_write(path, e) from e
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {str(path)!r}: it is a folder, give a file name")
    what = "a symlink" if stat.S_ISLNK(mode) else "a pipe, a device or a socket"
    raise OutputError(
        f"cannot write {str(path)!r}: it is {what}, not a regular file; to write into a "
        "pipe or a device, leave out --output and redirect stdout"
    )


def write_folder(path: Path, files: Mapping[str, bytes], *, ledger_root: Path) -> None:
    """Write files (name -> bytes) as the folder path, replacing it whole or not at all."""

    def fill(folder: Path) -> None:
        for name, data in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)  # a text in texts/
            (folder / name).write_bytes(data)

    fill_folder(path, files.keys(), fill, ledger_root=ledger_root)


def fill_folder(
    path: Path, names: Set[str], fill: Callable[[Path], object], *, ledger_root: Path
) -> None:
    """Make the folder path of what fill writes into the new folder it is given.

    names are the files that fill may write. An existing folder is replaced, whole or not
    at all, only when it is empty or holds the marker file `MARKER`, which every folder
    made here holds, and nothing but such files; anything else is refused, so that no
    one's folder is deleted by a typo.
    """
    _refuse_inside_ledger(path, ledger_root)
    if _contains(path, ledger_root):
        raise OutputError(
            f"cannot write {str(path)!r}: it holds the ledger folder {str(ledger_root)!r}"
        )
    _require_folder(path)
    _check_replaceable(path, names)
    try:
        with _new_temp(path, "", _create_folder) as (temp, _):
            try:
                fill(temp)
                (temp / MARKER).write_bytes(_MARKER_TEXT)
                temp.chmod(_folder_mode())
                _move_into_place(temp, path, names)
            except BaseException:
                shutil.rmtree(temp, ignore_errors=True)
                raise
    except OSError as e:
        raise _cannot_write(path, e) from e


def _move_into_place(temp: Path, path: Path, names: Set[str]) -> None:
    # A folder cannot be swapped atomically: a previous export is first renamed aside,
    # then the new one renamed in. A reader in between sees no folder, never a mixed one.
    # Other exports racing for the same path may take it first: then try again.
    for _ in range(_REPLACE_ATTEMPTS):
        try:
            temp.rename(path)
            return
        except OSError as e:
            if e.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            _check_replaceable(path, names, cause=e)
        with _new_temp(path, ".old", _create_folder) as (aside, _):
            try:
                path.rename(aside / path.name)
            except FileNotFoundError:
                pass  # another export moved it aside first
            finally:
                shutil.rmtree(aside, ignore_errors=True)
    raise _kept_replacing(path)


def _check_replaceable(path: Path, names: Set[str], cause: OSError | None = None) -> None:
    """Refuse to replace anything but nothing, an empty folder or a previous export."""
    if path.is_file() or path.is_symlink():
        raise OutputError(
            f"cannot write {str(path)!r}: it is a file, give a folder for the package"
        )
    try:
        present = _listing(path)
    except FileNotFoundError:
        return  # nothing there (any more)
    except OSError as e:
        raise _cannot_write(path, e) from e
    if present and (MARKER not in present or not present <= {*names, MARKER}):
        raise OutputError(
            f"cannot write {str(path)!r}: the folder exists and is not a previous data package "
            "export; give a new or empty folder"
        ) from cause


def _listing(path: Path) -> set[str]:
    """The names in the folder, read while the same folder stayed at path: a racing export
    may move it aside and delete its files while they are listed, and a listing that
    misses the marker would refuse a previous export."""
    for _ in range(_REPLACE_ATTEMPTS):
        before = path.stat()
        present = {child.name for child in path.iterdir()}
        after = path.stat()
        if (before.st_dev, before.st_ino, before.st_ctime_ns) == (
            after.st_dev, after.st_ino, after.st_ctime_ns,
        ):  # fmt: skip
            return present
    raise _kept_replacing(path)


def _kept_replacing(path: Path) -> OutputError:
    return OutputError(f"cannot write {str(path)!r}: other exports keep replacing it; try again")


def _require_folder(path: Path) -> None:
    folder = path.parent
    if folder.is_dir():
        return
    what = "is not a folder" if folder.exists() else "does not exist"
    raise OutputError(f"cannot write {str(path)!r}: {str(folder)!r} {what}")


def _refuse_inside_ledger(path: Path, ledger_root: Path) -> None:
    if _contains(ledger_root, path):
        raise OutputError(
            f"cannot write {str(path)!r}: it is inside the ledger folder {str(ledger_root)!r}, "
            "where it would be read as records; write it elsewhere"
        )


def _contains(folder: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _cannot_write(path: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    return OutputError(f"cannot write {str(path)!r}: {reason}")


def _umask() -> int:
    # Reading the umask means setting it; /proc gives it without that race where it exists.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _file_mode(path: Path) -> int:
    # Temporary files are made readable by their owner only; an export should be as readable
    # as any file the user writes (or keep the mode of the file it replaces).
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _folder_mode() -> int:
    return 0o777 & ~_umask()
