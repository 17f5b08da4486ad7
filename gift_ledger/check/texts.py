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
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Code
from ..read.limits import MAX_FILE_BYTES
from .matches import QuoteMatches
from .quotes import normalize

__all__ = ["ArchivedText", "SourceTexts", "TextProblem", "load_text", "read_text"]


@dataclass(frozen=True, slots=True)
class TextProblem:
    """Why a source's archived text cannot be used; `code` is the diagnostic's code."""

    code: Code
    message: str


@dataclass(frozen=True, slots=True)
class ArchivedText:
    """An archived text as read (UTF-8, without a byte order mark) and its file's SHA-256."""

    text: str
    sha256: str
    normalized: str | None = None
    """The normalized text that validation read from the same bytes, if it read them (the
    very string, which `SourceTexts.quotes` knows); None if the file was not read for
    validation, or has changed since."""


@dataclass
class SourceTexts:
    """Reads archived texts on first use; remembers each text or why it cannot be read.

    Texts are kept by their real path, so a text that many sources name, each spelling its
    path differently (``texts/a.txt``, ``./texts/a.txt``), is read and kept once. `quotes`
    holds where validation found each quote in them, for the exports.
    """

    root: Path
    quotes: QuoteMatches = field(default_factory=QuoteMatches)
    _located: dict[str, tuple[str, os.stat_result | None] | TextProblem] = field(
        default_factory=dict
    )
    _by_path: dict[str, str | _ReadProblem] = field(default_factory=dict)
    _fingerprints: dict[str, int] = field(default_factory=dict)
    """The hash of the bytes each normalized text was made from, to tell a text that has
    changed since (`archived`)."""

    def get(self, relative: str) -> str | TextProblem:
        """The normalized text at a path relative to the root, or the problem with it."""
        found = self._locate(relative)
        if isinstance(found, TextProblem):
            return found
        path, status = found
        if path not in self._by_path:
            data = _read_bytes(path, status)
            if not isinstance(data, _ReadProblem):
                self._fingerprints[path] = hash(data)
            self._by_path[path] = _normalized(data)
        text = self._by_path[path]
        return text.about(relative) if isinstance(text, _ReadProblem) else text

    def archived(self, relative: str) -> ArchivedText | TextProblem:
        """The text at a path relative to the root as read, not normalized, with its hash.

        Read again on each call: the exports ask once per source.
        """
        found = self._locate(relative)
        if isinstance(found, TextProblem):
            return found
        path, status = found
        data = _read_bytes(path, status)
        text = data if isinstance(data, _ReadProblem) else _decode(data)
        if isinstance(text, _ReadProblem):
            return text.about(relative)
        assert isinstance(data, bytes)
        normalized = self._by_path.get(path)
        if not isinstance(normalized, str) or self._fingerprints.get(path) != hash(data):
            normalized = None  # not read for validation, or changed since
        return ArchivedText(text, hashlib.sha256(data).hexdigest(), normalized)

    def _locate(self, relative: str) -> tuple[str, os.stat_result | None] | TextProblem:
        if relative not in self._located:
            self._located[relative] = _inside(str(self._resolved_root), self.root, relative)
        return self._located[relative]

    @functools.cached_property
    def _resolved_root(self) -> Path:
        return self.root.resolve()


def load_text(resolved_root: Path, root: Path, relative: str) -> str | TextProblem:
    """The normalized text at a path relative to the ledger's root, or the problem with it.

    `root` is the root as the user gave it, for messages; `resolved_root` is the same
    folder with symlinks resolved, which the text must stay inside.
    """
    found = _inside(str(resolved_root), root, relative)
    if isinstance(found, TextProblem):
        return found
    text = read_text(*found)
    return text.about(relative) if isinstance(text, _ReadProblem) else text


@dataclass(frozen=True, slots=True)
class _ReadProblem:
    """Why the file at a real path cannot be used, to be told about each spelling of it."""

    code: Code
    template: str
    """The message, with ``{text}`` where the path as the source spells it goes."""

    def about(self, relative: str) -> TextProblem:
        return TextProblem(self.code, self.template.format(text=repr(relative)))


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


def read_text(path: str, status: os.stat_result | None) -> str | _ReadProblem:
    """The normalized text of the file at a real path, or why it cannot be used."""
    return _normalized(_read_bytes(path, status))


def _normalized(data: bytes | _ReadProblem) -> str | _ReadProblem:
    text = data if isinstance(data, _ReadProblem) else _decode(data)
    return text if isinstance(text, _ReadProblem) else normalize(text)


def _read_bytes(path: str, status: os.stat_result | None) -> bytes | _ReadProblem:
    """The bytes of the file at a real path, or why it cannot be used."""
    try:
        info = os.stat(path) if status is None else status
        if not stat.S_ISREG(info.st_mode):  # opening a FIFO would wait for a writer forever
            return _ReadProblem(
                "text-unreadable",
                "text {text} is not a file (a folder, a pipe or a device): "
                "archive the article as a plain-text file",
            )
        if info.st_size > MAX_FILE_BYTES:
            return _ReadProblem(
                "text-unreadable", f"text {{text}} is larger than {MAX_FILE_BYTES:,} bytes"
            )
        with open(path, "rb") as file:
            # As much as the file held when it was looked at, and a byte more: asking for
            # the limit at once costs a buffer of 16 MiB each time (15 µs a text).
            data = file.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew since: read on, up to the limit
                data += file.read(MAX_FILE_BYTES + 1 - len(data))
    except FileNotFoundError:
        return _ReadProblem(
            "text-not-found", "text {text} does not exist: archive the article there"
        )
    except OSError as e:
        return _ReadProblem("text-unreadable", f"cannot read text {{text}}: {e.strerror}")
    if len(data) > MAX_FILE_BYTES:  # it grew since it was looked at
        return _ReadProblem(
            "text-unreadable", f"text {{text}} is larger than {MAX_FILE_BYTES:,} bytes"
        )
    return data


def _decode(data: bytes) -> str | _ReadProblem:
    """The text of a file's bytes as read: UTF-8, without a byte order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _ReadProblem("text-unreadable", "text {text} is not UTF-8: save it as UTF-8")
