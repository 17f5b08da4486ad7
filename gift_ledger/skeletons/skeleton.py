"""Skeleton records for `ledger new`: a commented YAML record to fill in, one per record type.

Each record type is a list of slots, one per field, in the order the record contract lists
them. A slot has the command-line option that fills it, whether it is required, and the
comment that says what to write. Values given for slots are written out; a required slot
without a value is written empty (YAML null) with a ``# required:`` comment, so that the
record fails validation until it is filled in; an optional slot without a value is written
commented out, with an example.

The first line points YAML editors at the published JSON Schema
(``# yaml-language-server: $schema=...``), by a path relative to the file written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from ..errors import LedgerError, OutputError
from ..record_yaml import scalar
from ..tables.values import number
from ..vocab import ActorKind, RecordType

__all__ = [
    "PACKAGED_SCHEMA",
    "SCHEMA_FILE",
    "Group",
    "Problem",
    "Skeleton",
    "Slot",
    "schema_reference",
    "sentence",
    "write_new_file",
]

SCHEMA_FILE = "record-file.schema.json"
"""The published schema's file name, in the repository's ``schema/`` folder."""

PACKAGED_SCHEMA = Path(__file__).parent.parent / SCHEMA_FILE
"""The copy of the schema that ships inside the package, for ledgers outside this
repository: `ledger new` points at it when no ``schema/`` folder is near, and
`ledger schema --where` prints it. A test keeps it equal to what the models generate."""

Values = Mapping[str, Any]
"""Option name (``item-wikidata``) -> the value given: text, a number or a list of text."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One field of a skeleton: its key, the option that fills it, and what to write."""

    key: str
    about: str
    required: bool = False
    example: str = ""
    """Shown on the commented-out line of an optional field left empty."""
    option: str = ""
    """The command-line option (without ``--``); the key when empty."""
    many: bool = False
    """A list of values (the option may be repeated)."""
    one_or_more: bool = False
    """With ``many``: a single value is written as itself, not as a list of one (a gift's
    giver, or its givers)."""
    vocabulary: type[StrEnum] | None = None
    """The closed vocabulary its values come from, offered as the option's choices."""
    help: str = ""
    """The option's help in `ledger new TYPE --help`; a vocabulary's words when empty."""
    metavar: str = "TEXT"
    value: Literal["text", "count", "number"] = "text"
    """What the option takes: text, a whole number of 1 or more, or a number."""

    @property
    def name(self) -> str:
        return self.option or self.key

    @property
    def option_help(self) -> str:
        if self.help or self.vocabulary is None:
            return self.help
        return sentence(self.vocabulary) + (" (repeatable)." if self.many else ".")


@dataclass(frozen=True, slots=True)
class Group:
    """A field that holds a mapping (``value``) or a list of one mapping (``items``)."""

    key: str
    about: str
    slots: tuple[Slot, ...]
    required: bool = False
    listed: bool = True


@dataclass(frozen=True, slots=True)
class Problem:
    """A value given for a slot that the record contract refuses."""

    slot: Slot | None
    message: str


@dataclass(frozen=True, slots=True)
class Skeleton:
    """The fields of one record type, in the order a skeleton writes them."""

    type: RecordType
    help: str
    """What `ledger new TYPE --help` says of it."""
    fields: tuple[Slot | Group, ...]
    slots: dict[str, tuple[Group | None, Slot]] = field(init=False)

    def __post_init__(self) -> None:
        slots: dict[str, tuple[Group | None, Slot]] = {}
        for entry in self.fields:
            for group, slot in _members(entry):
                slots[slot.name] = (group, slot)
        object.__setattr__(self, "slots", slots)

    def given(self, values: Values) -> dict[str, Any]:
        """The values given on the command line: empty ones left out, numbers read."""
        given = {}
        for name, value in values.items():
            if value is None or value == []:
                continue
            slot = self.slots[name][1]
            given[name] = number(value) if slot.value == "number" else value
        return given

    def missing(self, values: Values) -> list[Slot]:
        """The required slots that have no value yet, in the order they are written."""
        missing = []
        for group, slot in self.slots.values():
            if _given(values, slot):
                continue
            if self._required(slot, group, values):
                missing.append(slot)
        return missing

    def _required(self, slot: Slot, group: Group | None, values: Values) -> bool:
        if self.type is RecordType.ACTOR and slot.key == "name":
            return not _given(values, self.slots["role"][1])
        if self.type is RecordType.ACTOR and slot.key == "country":
            return values.get("kind") == ActorKind.STATE.value
        if not slot.required:
            return False
        if group is None or group.required:
            return True
        return any(_given(values, other) for other in group.slots)

    def record(self, values: Values) -> dict[str, Any]:
        """The record as people type it, with the values given (and nothing else)."""
        record: dict[str, Any] = {"type": self.type.value}
        for entry in self.fields:
            if isinstance(entry, Slot):
                if _given(values, entry):
                    record[entry.key] = values[entry.name]
                continue
            members = {s.key: values[s.name] for s in entry.slots if _given(values, s)}
            if members:
                record[entry.key] = [members] if entry.listed else members
        return record

    def problems(self, values: Values) -> list[Problem]:
        """What the record contract says about the values given: bad forms, bad words.

        Missing fields are not problems here (see `missing`), nor are references to
        other records, which only `ledger validate` can check.
        """
        from ..build import build_records  # builds the models: only when a record is made

        built = build_records(Path("<new>"), self.record(values))
        return [
            Problem(self._slot_at(diagnostic.pointer), diagnostic.message)
            for diagnostic in built.diagnostics
            if diagnostic.code != "missing-field"
        ]

    def refuse_problems(self, values: Values) -> None:
        """Raise LedgerError naming the option of the first value the contract refuses."""
        for problem in self.problems(values):
            where = f" for --{problem.slot.name}" if problem.slot else ""
            raise LedgerError(f"invalid value{where}: {problem.message}")

    def _slot_at(self, pointer: str) -> Slot | None:
        keys = [part for part in pointer.split("/")[1:] if not part.isdigit()]
        for group, slot in self.slots.values():
            if keys == ([group.key, slot.key] if group else [slot.key]):
                return slot
        return None

    def render(self, values: Values, schema: str | None, *, header: bool = True) -> str:
        """The skeleton as YAML: a list of one record, ready to save or to append to a list.

        Without the header (the schema line), it is a record to add to a file that has one.
        """
        missing = self.missing(values)
        lines = [f"# yaml-language-server: $schema={schema}"] if schema and header else []
        todo = (
            'Fill in each value marked "required", uncomment the optional fields you need'
            if missing
            else "Uncomment the optional fields you need"
        )
        lines += [
            f"# A new {self.type.value}. {todo},",
            f"# then run `ledger validate`. `ledger new {self.type.value} --help` explains every "
            "field.",
            f"- type: {self.type.value}",
        ]
        for entry in self.fields:
            if isinstance(entry, Slot):
                lines.extend(_slot_lines(entry, values, entry in missing, "  "))
            else:
                lines.extend(_group_lines(entry, values, missing))
        return "\n".join(lines) + "\n"


def _members(entry: Slot | Group) -> Iterator[tuple[Group | None, Slot]]:
    if isinstance(entry, Slot):
        yield None, entry
    else:
        for slot in entry.slots:
            yield entry, slot


def _given(values: Values, slot: Slot) -> bool:
    value = values.get(slot.name)
    return value is not None and value not in ([], ())


def _with_comment(line: str, comment: str) -> str:
    return f"{line}  # {comment}" if comment else line


def _value_text(slot: Slot, value: Any) -> str:
    if slot.many and slot.one_or_more and len(value) == 1:
        return scalar(value[0], slot.key)
    if slot.many:
        return "[" + ", ".join(scalar(v, slot.key, flow=True) for v in value) + "]"
    return scalar(value, slot.key)


def _slot_lines(slot: Slot, values: Values, missing: bool, indent: str) -> list[str]:
    if _given(values, slot):
        return [f"{indent}{slot.key}: {_value_text(slot, values[slot.name])}"]
    if missing:
        return [_with_comment(f"{indent}{slot.key}:", f"required: {slot.about}")]
    example = f" {slot.example}" if slot.example else ""
    return [_with_comment(f"{indent}# {slot.key}:{example}", slot.about)]


def _group_lines(group: Group, values: Values, missing: Sequence[Slot]) -> list[str]:
    given = any(_given(values, slot) for slot in group.slots)
    if not given and not group.required:
        return _commented_group(group)
    lines = [_with_comment(f"  {group.key}:", group.about)]
    for index, slot in enumerate(group.slots):
        lead = ("    - " if index == 0 else "      ") if group.listed else "    "
        (line,) = _slot_lines(slot, values, slot in missing, "")
        lines.append(f"{lead}{line}")
    return lines


def _commented_group(group: Group) -> list[str]:
    lines = [_with_comment(f"  # {group.key}:", group.about)]
    for index, slot in enumerate(group.slots):
        lead = ("  #   - " if index == 0 else "  #     ") if group.listed else "  #   "
        lines.append(_with_comment(f"{lead}{slot.key}: {slot.example}", slot.about))
    return lines


def schema_reference(output: Path | None, schema: str | None, cwd: Path) -> str:
    """The schema's address for the first line of a skeleton written to output.

    A URL is kept as it is. A path (relative to cwd) is made relative to the folder of
    the output file; without a path, the nearest ``schema/record-file.schema.json`` in
    the output's folder or a folder above it is used, else the copy inside the package (a
    ``file:`` URI), so that a ledger outside this repository gets a line that points
    somewhere. Written to stdout, the skeleton is taken to go into ``records/`` below cwd.
    """
    if schema is not None and re.match(r"https?://", schema):
        return schema
    folder = (cwd / output).parent if output is not None else cwd / "records"
    if schema is not None:
        target = cwd / schema
    else:
        found = (
            candidate
            for candidate in (base / "schema" / SCHEMA_FILE for base in (folder, *folder.parents))
            if candidate.is_file()
        )
        nearest = next(found, None)
        if nearest is None:  # a ledger outside this repository: the schema in the package
            return PACKAGED_SCHEMA.as_uri()
        target = nearest
    return Path(os.path.relpath(target, folder)).as_posix()


def write_new_file(path: Path, text: str) -> None:
    """Write a new record file whole or not at all; never over a file (OutputError says so)."""
    from ..writing import create_file

    if not path.parent.is_dir():
        raise OutputError(
            f"cannot write {str(path)!r}: the folder {str(path.parent)!r} does not exist: "
            "create it first, or write the record into an existing folder"
        )
    create_file(path, text.encode("utf-8"))


def sentence(words: Iterable[str]) -> str:
    """Words as a list in a sentence: ``a, b or c``."""
    listed = [str(word) for word in words]
    return ", ".join(listed[:-1]) + " or " + listed[-1]
