"""Write an export all at once or not at all, though it is made a piece at a time.

An exporter writes into the stream or the folder it is given as it goes. A file is
written to a temporary file in the same folder, fsynced and moved into place with
`os.replace`, which is atomic: readers, and other exports racing to the same path, see the
old file or the new one, never a mix or a part. A data package folder is built in a
temporary sibling folder and renamed into place; an existing folder is replaced only when
it is empty or is itself a data package export (``datapackage.json`` and CSV tables,
nothing else). On any failure the temporary files are removed and the target is left as
it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Set
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError

__all__ = ["fill_file", "fill_folder", "write_folder"]

_TEMP_PREFIX = ".ledger-export-"
_REPLACE_ATTEMPTS = 100


def fill_file(path: Path, fill: Callable[[BinaryIO], object], *, ledger_root: Path) -> None:
    """Write to path atomically what fill writes into the stream it is given.

    Raise OutputError saying why path cannot be written.
    """
    _refuse_inside_ledger(path, ledger_root)
    if path.is_dir():
        raise OutputError(f"cannot write {str(path)!r}: it is a folder, give a file name")
    _require_folder(path)
    try:
        descriptor, temp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f"{_TEMP_PREFIX}{path.name}.", suffix=".tmp"
        )
    except OSError as e:
        raise _cannot_write(path, e) from e
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            fill(stream)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(_file_mode(path))
        temp.replace(path)  # atomic, as os.replace
    except OSError as e:
        temp.unlink(missing_ok=True)
        raise _cannot_write(path, e) from e
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


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
    at all, only when it is empty or holds nothing but such files, with
    ``datapackage.json`` among them; anything else is refused, so that no one's folder is
    deleted by a typo.
    """
    _refuse_inside_ledger(path, ledger_root)
    if _contains(path, ledger_root):
        raise OutputError(
            f"cannot write {str(path)!r}: it holds the ledger folder {str(ledger_root)!r}"
        )
    _require_folder(path)
    _check_replaceable(path, names)
    try:
        temp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f"{_TEMP_PREFIX}{path.name}."))
    except OSError as e:
        raise _cannot_write(path, e) from e
    try:
        fill(temp)
        temp.chmod(_folder_mode())
        _move_into_place(temp, path, names)
    except OSError as e:
        shutil.rmtree(temp, ignore_errors=True)
        raise _cannot_write(path, e) from e
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


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
        aside = Path(tempfile.mkdtemp(dir=path.parent, prefix=f"{_TEMP_PREFIX}{path.name}.old."))
        try:
            path.rename(aside / path.name)
        except FileNotFoundError:
            pass  # another export moved it aside first
        finally:
            shutil.rmtree(aside, ignore_errors=True)
    raise OutputError(f"cannot write {str(path)!r}: other exports keep replacing it; try again")


def _check_replaceable(path: Path, names: Set[str], cause: OSError | None = None) -> None:
    """Refuse to replace anything but nothing, an empty folder or a previous export."""
    if path.is_file() or path.is_symlink():
        raise OutputError(
            f"cannot write {str(path)!r}: it is a file, give a folder for the package"
        )
    try:
        present = {child.name for child in path.iterdir()}
    except FileNotFoundError:
        return  # nothing there (any more)
    except OSError as e:
        raise _cannot_write(path, e) from e
    if present and ("datapackage.json" not in present or not present <= names):
        raise OutputError(
            f"cannot write {str(path)!r}: the folder exists and is not a previous data package "
            "export; give a new or empty folder"
        ) from cause


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
    # mkstemp creates files readable by their owner only; an export should be as readable
    # as any file the user writes (or keep the mode of the file it replaces).
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _folder_mode() -> int:
    return 0o777 & ~_umask()
