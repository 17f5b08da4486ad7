"""Find the ledger's record files and read each one into plain Python values.

YAML files are read by `yaml` (libyaml's events, the ledger's scalar rules), or by the
compiled fast path in `yaml_fast` where it gives the same values, and JSON files by
`json`; both refuse duplicate keys and report every problem located.
The reader knows nothing of records: it returns the file's top-level value and the
problems it met. Positions of values are not kept; `positions` finds those of the values
that have problems (see `locate`), helped by where the exact YAML reader saw a list's
records and their keys begin (`ParsedFile.places`).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..diagnostics import Diagnostic, Severity
from .json import load_json
from .json_positions import json_positions
from .limits import MAX_ALIAS_EXPANSION, MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES
from .positions import Position, ReadError, pointer_tree
from .yaml import RecordPlaces
from .yaml_fast import read_yaml
from .yaml_positions import yaml_positions

__all__ = [
    "MANIFEST_FILE",
    "MAX_ALIAS_EXPANSION",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "RECORD_SUFFIXES",
    "Ignored",
    "ParsedFile",
    "Position",
    "find_record_files",
    "positions",
    "read_file",
]

RECORD_SUFFIXES = (".yaml", ".yml", ".json")
MANIFEST_FILE = "ledger.toml"
"""The ledger's optional manifest at its root (see `gift_ledger.manifest`): not a record file."""


@dataclass(slots=True)
class ParsedFile:
    """One record file as read: its top-level value (None if unreadable) and problems."""

    path: Path
    value: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    places: RecordPlaces | None = None
    """Where the records of a YAML file begin, if the exact reader read it: for `positions`."""

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def find_record_files(
    root: Path, ignored: Ignored | None = None, unlisted: list[Diagnostic] | None = None
) -> list[Path]:
    """Every YAML and JSON file below root, in a stable order; hidden folders are skipped.

    `ignored` (the manifest's ignore patterns) names files and folders to leave out, by
    their path relative to root (a folder's ends in ``/``). Symlinked folders are not
    entered. The walk keeps its own stack: `Path.rglob` recurses once per folder level and
    fails on a tree a thousand folders deep. A folder that cannot be listed is an
    `unreadable-folder` error, added to `unlisted`: its record files would be left out,
    and the ledger must not be called valid without them (issue #18).
    """
    found = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as e:
            if unlisted is not None:
                message = (
                    f"cannot list the folder: {e.strerror or e}: its record files would be "
                    "left out; make it readable, or move it out of the ledger"
                )
                error = Diagnostic(folder, "", "unreadable-folder", Severity.ERROR, message, 1, 1)
                unlisted.append(error)
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if ignored is not None and _ignored(ignored, root, entry):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            # Path.is_file, not DirEntry.is_file, which raises for a symlink loop
            elif entry.name.lower().endswith(RECORD_SUFFIXES) and Path(entry.path).is_file():
                found.append(Path(entry.path))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


class Ignored(Protocol):
    """Patterns of paths to leave out (a `pathspec.GitIgnoreSpec`)."""

    def match_file(self, file: str) -> bool: ...


def _ignored(ignored: Ignored, root: Path, entry: os.DirEntry[str]) -> bool:
    relative = Path(entry.path).relative_to(root).as_posix()
    if entry.is_dir(follow_symlinks=False):
        relative += "/"
    return ignored.match_file(relative)


def read_file(path: Path, root: Path | None = None) -> ParsedFile:
    """Read one record file; every problem is returned located, nothing is raised.

    Given the ledger's root, a file that resolves outside it (a symlink leading out of the
    ledger) is refused unread.
    """
    parsed = ParsedFile(path)
    try:
        if root is not None and not path.resolve().is_relative_to(root.resolve()):
            raise ReadError(
                "unreadable-file",
                "cannot read the file: it is a symlink that leads outside the ledger folder; "
                "commit the file itself",
                "", 1, 1,
            )  # fmt: skip
        text = _read_text(path)
        if path.suffix.lower() == ".json":
            parsed.value = load_json(text)
        else:
            parsed.value, parsed.places = read_yaml(text)
    except ReadError as e:
        parsed.diagnostics.append(
            Diagnostic(path, e.pointer, e.code, Severity.ERROR, str(e), e.line, e.column)
        )
    return parsed


def positions(
    path: Path, pointers: Iterable[str], places: RecordPlaces | None = None
) -> dict[str, Position]:
    """The positions of these values in a file and of every value that holds one, by JSON
    pointer; a pointer to nothing in the file is left out, and {} if the file cannot be read.

    Only the way down to the values asked for is walked, and reading stops after the last
    of them (`json_positions`, `yaml_positions`). `places`, noted when the file was read
    (`ParsedFile.places`), spare the walk some proofs, if the file is still as it was.
    """
    try:
        text = _read_text(path)
    except ReadError:
        return {}
    wanted = pointer_tree(pointers)
    if path.suffix.lower() == ".json":
        return json_positions(text, wanted)
    if places is not None and places.fingerprint != hash(text):
        places = None  # changed since it was read
    return yaml_positions(text, wanted, places)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(
                "file-too-large",
                f"the file has {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}: "
                "split it into several record files",
                "", 1, 1,
            )  # fmt: skip
        data = path.read_bytes()
    except OSError as e:
        raise ReadError("unreadable-file", f"cannot read the file: {e.strerror}", "", 1, 1) from e
    return _decode(data)


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ReadError(
                "encoding", f"the file is not valid UTF-16: {e.reason}", "", 1, 1
            ) from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = data[: e.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ReadError(
            "encoding",
            f"byte 0x{data[e.start]:02x} is not valid UTF-8: save the file as UTF-8",
            "", line, column,
        ) from e  # fmt: skip
