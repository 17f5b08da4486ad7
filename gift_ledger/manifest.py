"""The ledger manifest, ``ledger.toml`` at the ledger's root: what belongs to the ledger whole.

Its title, description, data licence, version, publisher, maintainers and sources describe
the dataset in the exports (the JSON-LD dataset node, the data package descriptor); its
``base`` is the default base of the records' IRIs; its ``ignore`` patterns name files below
the folder that are not record files. The file is optional: a ledger without one is read
as before. It is TOML, like ``pyproject.toml``, so that it is never taken for a record file
(every ``.yaml``, ``.yml`` and ``.json`` file is one), and checked like one: every problem
is a located diagnostic, never an exception::

    read = read_manifest(Path("records"))
    read.manifest.title, read.diagnostics
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import pathspec
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .diagnostics import Code, Diagnostic, Severity, pointer_of
from .models import LANGUAGE_PATTERN, URL_PATTERN
from .read.files import MANIFEST_FILE, _read_text
from .read.positions import ReadError
from .vocab import IRI_BASE_PATTERN

__all__ = ["KNOWN_LICENSES", "MANIFEST_FILE", "Manifest", "ReadManifest", "read_manifest"]


KNOWN_LICENSES = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "ODC-By-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
}
"""Open data licences by SPDX id, with their URL; another licence needs ``license_url``."""

Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
Url = Annotated[str, Field(pattern=URL_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Agent(_Strict):
    """A publisher or maintainer: a name, and how to reach them."""

    name: Text
    url: Url | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+$")] | None = None


class PackageSource(_Strict):
    """A raw source of the ledger as a whole, e.g. an archive of articles."""

    title: Text
    path: Url | None = None


class Manifest(_Strict):
    """What the ledger says of itself; every field is optional."""

    title: Text | None = None
    description: Text | None = None
    license: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")] | None = None
    """SPDX id of the data licence (not the code's), e.g. CC-BY-4.0."""
    license_url: Url | None = None
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]*$")] | None = None
    language: Annotated[str, Field(pattern=LANGUAGE_PATTERN)] | None = None
    base: Annotated[str, Field(pattern=IRI_BASE_PATTERN)] | None = None
    publisher: Agent | None = None
    maintainers: tuple[Agent, ...] = ()
    sources: tuple[PackageSource, ...] = ()
    ignore: tuple[Text, ...] = ()
    """Patterns, as in .gitignore, of files below the ledger folder that are not records."""

    @field_validator("ignore")
    @classmethod
    def _patterns(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            if _matcher([pattern]) is None:
                raise PydanticCustomError(
                    "invalid-pattern",
                    "{pattern} is not a pattern as .gitignore writes them, e.g. texts/*.json",
                    {"pattern": repr(pattern)},
                )
        return patterns

    @property
    def license_iri(self) -> str | None:
        """The data licence's URL: ``license_url``, else the known URL of ``license``."""
        if self.license_url is not None:
            return self.license_url
        return KNOWN_LICENSES.get(self.license) if self.license else None


@dataclass(frozen=True, slots=True)
class ReadManifest:
    """The manifest (None if it has errors), its problems, and the files it ignores.

    The ignore patterns hold even when other fields have errors, so that a typo in the
    title does not make every ignored file a record file.
    """

    manifest: Manifest | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    ignored: pathspec.GitIgnoreSpec | None = None


def read_manifest(root: Path) -> ReadManifest:
    """Read ``ledger.toml`` at root, if there is one; every problem is a located diagnostic."""
    path = root / MANIFEST_FILE
    if not path.is_file():
        return ReadManifest()
    try:
        if not path.resolve().is_relative_to(root.resolve()):
            message = (
                "cannot read the manifest: it is a symlink that leads outside the ledger folder"
            )
            raise ReadError("unreadable-file", message, "", 1, 1)
        # The same size limit and decoding (UTF-8, byte order marks) as record files.
        text = _read_text(path)
        values = tomllib.loads(text)
    except ReadError as e:
        return ReadManifest(diagnostics=(_error(path, "", e.code, str(e), (e.line, e.column)),))
    except tomllib.TOMLDecodeError as e:
        line, column = _decode_error_place(str(e))
        message = f"the manifest is not valid TOML: {_decode_error_reason(str(e))}"
        return ReadManifest(diagnostics=(_error(path, "", "toml-syntax", message, (line, column)),))
    except RecursionError:
        message = "values nest too deep for a manifest, whose tables are one level deep"
        return ReadManifest(diagnostics=(_error(path, "", "too-deep", message, (1, 1)),))
    ignored = _ignored(values.get("ignore"))
    try:
        manifest = Manifest.model_validate(values)
    except ValidationError as e:
        places = _KeyLines(text)
        problems = tuple(_problem(path, places, error) for error in e.errors())
        return ReadManifest(None, problems, ignored)
    problems = tuple(_license_problems(path, _KeyLines(text), manifest))
    return ReadManifest(None if problems else manifest, problems, ignored)


def _ignored(patterns: Any) -> pathspec.GitIgnoreSpec | None:
    """The ignore patterns that can be read, as a matcher, if they are a list of text."""
    if not isinstance(patterns, list):
        return None
    return _matcher([p for p in patterns if isinstance(p, str) and _matcher([p]) is not None])


def _matcher(patterns: list[str]) -> pathspec.GitIgnoreSpec | None:
    """A matcher of .gitignore patterns; None if there are none, or one is malformed."""
    if not patterns:
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(patterns)
    except ValueError:  # pathspec's error for a malformed pattern, such as a lone "!"
        return None


def _license_problems(path: Path, places: _KeyLines, manifest: Manifest) -> Iterator[Diagnostic]:
    if manifest.license and manifest.license_iri is None:
        known = ", ".join(KNOWN_LICENSES)
        yield _error(
            path,
            "/license",
            "invalid-value",
            f"the licence {manifest.license!r} is not one whose URL is known ({known}): "
            "give its URL as license_url",
            places.find(("license",)),
        )
    if manifest.license_url and not manifest.license:
        yield _error(
            path,
            "/license_url",
            "missing-field",
            "license_url needs license, the licence's SPDX id, e.g. CC-BY-4.0",
            places.find(("license_url",)),
        )


def _problem(path: Path, places: _KeyLines, error: Any) -> Diagnostic:
    location = tuple(error["loc"])
    pointer = pointer_of(location)
    place = places.find(location)
    kind = error["type"]
    where = _table(location[:-1])
    name = str(location[-1])
    if kind == "extra_forbidden":
        from .diagnostics import did_you_mean

        fields = _fields_at(location[:-1])
        hint = did_you_mean(name, fields) or f"; the keys are {', '.join(fields)}"
        message = f"unknown key {name!r} in {where}{hint}"
        return _error(path, pointer, "unknown-field", message, place)
    if kind == "missing":
        return _error(path, pointer, "missing-field", f"{where} needs {name}", place)
    message = f"{name} in {where}: {_reason(error)}"
    return _error(path, pointer, "invalid-value", message, place)


def _table(location: tuple[Any, ...]) -> str:
    """Where a key is: ``the manifest``, ``[publisher]``, ``[[maintainers]] 2``."""
    if not location:
        return "the manifest"
    if len(location) == 1:
        return f"[{location[0]}]"
    return f"[[{location[0]}]] {int(location[1]) + 1}"


def _reason(error: Any) -> str:
    if error["type"] == "string_pattern_mismatch":
        form = _FORMS.get(error["loc"][-1], "see docs/manifest.md")
        return f"{error['input']!r} is not {form}"
    if error["type"] in _TOML_TYPES:
        return _TOML_TYPES[error["type"]]
    message = str(error["msg"])
    return message[:1].lower() + message[1:]


# What pydantic calls a tuple or a model, TOML calls an array or a table.
_TOML_TYPES = {
    "string_type": "must be text, in quotes",
    "tuple_type": 'must be an array, e.g. ["texts/*.json"]',
    "model_type": "must be a table, e.g. [publisher] with name = ...",
}

_FORMS = {
    "license": "an SPDX licence id, e.g. CC-BY-4.0",
    "license_url": "an http or https URL",
    "url": "an http or https URL",
    "path": "an http or https URL",
    "email": "an email address",
    "version": "a version, e.g. 1.0.0 or 2026-11",
    "language": "a BCP 47 language tag, e.g. en",
    "base": "an absolute IRI ending in '/', '#' or ':', e.g. https://w3id.org/gift-ledger/id/",
}


def _fields_at(location: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = Manifest
    if location and location[0] in ("publisher", "maintainers"):
        model = Agent
    elif location and location[0] == "sources":
        model = PackageSource
    return list(model.model_fields)


def _error(
    path: Path, pointer: str, code: Code, message: str, place: tuple[int, int]
) -> Diagnostic:
    return Diagnostic(path, pointer, code, Severity.ERROR, message, *place)


_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)$")


def _decode_error_place(message: str) -> tuple[int, int]:
    found = _PLACE.search(message)
    return (int(found[1]), int(found[2])) if found else (1, 1)


def _decode_error_reason(message: str) -> str:
    return _PLACE.sub("", message).strip()


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


class _KeyLines:
    """Where each key of a manifest is written: its line and column, by path of keys.

    The manifest is flat (top-level keys, one-level tables and arrays of tables), so a
    scan of its lines finds every key a diagnostic can name; a value inside an inline
    array or table is placed at its key.
    """

    def __init__(self, text: str) -> None:
        self._places: dict[tuple[Any, ...], tuple[int, int]] = {}
        table: tuple[Any, ...] = ()
        counts: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                name = header[2]
                if header[1] == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    table = (name, index)
                else:
                    table = (name,)
                self._places.setdefault(table, (number, line.index(name) + 1))
                self._places.setdefault(table[:1], (number, line.index(name) + 1))
                continue
            key = _KEY.match(line)
            if key:
                self._places.setdefault((*table, key[1]), (number, line.index(key[1]) + 1))

    def find(self, location: tuple[Any, ...]) -> tuple[int, int]:
        """The place of the nearest key on the path: the value's own, or its table's."""
        while location:
            if location in self._places:
                return self._places[location]
            location = location[:-1]
        return 1, 1
