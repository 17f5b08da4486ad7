"""The archived plain texts that sources point at, read once each and kept normalized.

A source's `text` is a path relative to the ledger's root folder. It must resolve inside
that folder: ``../``, absolute paths and symlinks that lead out are refused. Symlinks that
stay inside the folder are followed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .limits import MAX_FILE_BYTES
from .quotes import normalize

__all__ = ["ArchivedText", "Mapper", "SourceTexts", "TextProblem", "load_text"]


@dataclass(frozen=True, slots=True)
class TextProblem:
    """Why a source's archived text cannot be used; `code` is the diagnostic's code."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ArchivedText:
    """An archived text as read (UTF-8, without a byte order mark) and its file's SHA-256."""

    text: str
    sha256: str


@dataclass
class SourceTexts:
    """Reads archived texts on first use; remembers each text or why it cannot be read."""

    root: Path
    _cache: dict[str, str | TextProblem] = field(default_factory=dict)
    _pending: Iterator[tuple[str, str | TextProblem]] | None = None

    def get(self, relative: str) -> str | TextProblem:
        """The normalized text at a path relative to the root, or the problem with it."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._cache.update(pending)
        if relative not in self._cache:
            self._cache[relative] = load_text(self._resolved_root, self.root, relative)
        return self._cache[relative]

    def preload(self, relatives: Iterable[str], mapper: Mapper = map) -> None:
        """Start loading many texts; `get` waits for them.

        Given `Workers.map` as mapper, the texts load in worker processes while this one
        goes on (with checks that need no text, say).
        """
        wanted = list(dict.fromkeys(r for r in relatives if r not in self._cache))
        root, resolved = [self.root] * len(wanted), [self._resolved_root] * len(wanted)
        self._pending = zip(wanted, mapper(load_text, resolved, root, wanted), strict=True)

    def archived(self, relative: str) -> ArchivedText | TextProblem:
        """The text at a path relative to the root as read, not normalized, with its hash.

        Read again on each call: the exports ask once per source.
        """
        found = _inside(str(self._resolved_root), self.root, relative)
        if isinstance(found, TextProblem):
            return found
        data = _read_bytes(*found, relative)
        if isinstance(data, TextProblem):
            return data
        text = _decode(data, relative)
        if isinstance(text, TextProblem):
            return text
        return ArchivedText(text, hashlib.sha256(data).hexdigest())

    @functools.cached_property
    def _resolved_root(self) -> Path:
        return self.root.resolve()


Mapper = Callable[..., Iterable[Any]]
"""Like the built-in map: `Workers.map` is one."""


def load_text(resolved_root: Path, root: Path, relative: str) -> str | TextProblem:
    """The normalized text at a path relative to the ledger's root, or the problem with it.

    `root` is the root as the user gave it, for messages; `resolved_root` is the same
    folder with symlinks resolved, which the text must stay inside.
    """
    found = _inside(str(resolved_root), root, relative)
    text = found if isinstance(found, TextProblem) else _read(*found, relative)
    return text if isinstance(text, TextProblem) else normalize(text)


def _inside(
    resolved_root: str, root: Path, relative: str
) -> tuple[str, os.stat_result | None] | TextProblem:
    """The real path of the text, and its status if already known, or why it is refused."""
    if "\0" in relative:  # no file has such a name, and the OS refuses to look one up
        return TextProblem(
            "text-not-found", f"text {relative!r} holds a NUL character: no file has that name"
        )
    if os.path.isabs(relative):
        return TextProblem(
            "text-outside-ledger",
            f"text {relative!r} is an absolute path: give a path relative to {root}",
        )
    path, status = _real_path(resolved_root, relative)
    if path != resolved_root and not path.startswith(os.path.join(resolved_root, "")):
        return TextProblem(
            "text-outside-ledger",
            f"text {relative!r} leads outside the ledger folder {root}: "
            "copy the article into the ledger (e.g. texts/)",
        )
    return path, status


def _real_path(resolved_root: str, relative: str) -> tuple[str, os.stat_result | None]:
    """`os.path.realpath` of the root joined with relative, in fewer system calls.

    The root has no symlinks in it, so only the parts of `relative` need looking at: if
    none is a symlink, ``.`` or ``..``, the path is already real, and the last part's
    status is the file's. Anything else goes to `os.path.realpath`. This halves the cost of
    loading a short text.
    """
    joined = os.path.join(resolved_root, relative)
    parts = relative.split("/")
    if os.name != "posix" or any(part in ("", ".", "..") for part in parts):
        return os.path.realpath(joined), None
    path, status = resolved_root, None
    for part in parts:
        path = os.path.join(path, part)
        try:
            status = os.lstat(path)
        except OSError:  # missing, or no access: realpath answers as the OS does
            return os.path.realpath(joined), None
        if stat.S_ISLNK(status.st_mode):
            return os.path.realpath(joined), None
    return path, status


def _read(path: str, status: os.stat_result | None, relative: str) -> str | TextProblem:
    data = _read_bytes(path, status, relative)
    return data if isinstance(data, TextProblem) else _decode(data, relative)


def _read_bytes(path: str, status: os.stat_result | None, relative: str) -> bytes | TextProblem:
    try:
        info = os.stat(path) if status is None else status
        if not stat.S_ISREG(info.st_mode):  # opening a FIFO would wait for a writer forever
            return TextProblem(
                "text-unreadable",
                f"text {relative!r} is not a file (a folder, a pipe or a device): "
                "archive the article as a plain-text file",
            )
        if info.st_size > MAX_FILE_BYTES:
            return TextProblem(
                "text-unreadable", f"text {relative!r} is larger than {MAX_FILE_BYTES:,} bytes"
            )
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return TextProblem(
            "text-not-found", f"text {relative!r} does not exist: archive the article there"
        )
    except OSError as e:
        return TextProblem("text-unreadable", f"cannot read text {relative!r}: {e.strerror}")


def _decode(data: bytes, relative: str) -> str | TextProblem:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return TextProblem("text-unreadable", f"text {relative!r} is not UTF-8: save it as UTF-8")
