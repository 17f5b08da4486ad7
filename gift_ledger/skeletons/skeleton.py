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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build import build_records
from ..models import ActorKind, Category, Obligation, RecordType
from ..record_yaml import scalar

__all__ = [
    "SCHEMA_FILE",
    "SKELETONS",
    "Group",
    "Problem",
    "Skeleton",
    "Slot",
    "schema_reference",
]

SCHEMA_FILE = "record-file.schema.json"
"""The published schema's file name, in the repository's ``schema/`` folder."""

Values = Mapping[str, Any]
"""Option name (``item-wikidata``) -> the value given: text, a number or a list of text."""

_EDTF = 'an EDTF date: 2024-06-19, 2024-06, 2012 or "2024-06?"'


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
    choices: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.option or self.key


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


def _id(example: str) -> Slot:
    return Slot("id", f"a slug unique in the ledger, e.g. {example}", required=True)


def _notes() -> Slot:
    return Slot("notes", "why a value was entered as it was", example="...")


def _sources() -> Group:
    return Group(
        "sources",
        "the evidence: add a citation for each source that reports it",
        (
            Slot("source", "the id of a source record", required=True),
            Slot(
                "quote",
                "the source's own words, copied exactly from its archived text "
                "(500 characters at most)",
                required=True,
            ),
            Slot(
                "date",
                "the date as this source gives it, where sources disagree",
                example="2024-06-19",
                option="source-date",
            ),
        ),
        required=True,
    )


def _related(about: str, example: str) -> Slot:
    return Slot("related", f"ids of other records, {about}", example=f"[{example}]", many=True)


@dataclass(frozen=True, slots=True)
class Skeleton:
    """The fields of one record type, in the order a skeleton writes them."""

    type: RecordType
    fields: tuple[Slot | Group, ...]
    slots: dict[str, tuple[Group | None, Slot]] = field(init=False)

    def __post_init__(self) -> None:
        slots: dict[str, tuple[Group | None, Slot]] = {}
        for entry in self.fields:
            for group, slot in _members(entry):
                slots[slot.name] = (group, slot)
        object.__setattr__(self, "slots", slots)

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
        built = build_records(Path("<new>"), self.record(values))
        return [
            Problem(self._slot_at(diagnostic.pointer), diagnostic.message)
            for diagnostic in built.diagnostics
            if diagnostic.code != "missing-field"
        ]

    def _slot_at(self, pointer: str) -> Slot | None:
        keys = [part for part in pointer.split("/")[1:] if not part.isdigit()]
        for group, slot in self.slots.values():
            if keys == ([group.key, slot.key] if group else [slot.key]):
                return slot
        return None

    def render(self, values: Values, schema: str | None) -> str:
        """The skeleton as YAML: a list of one record, ready to save or to append to a list."""
        missing = self.missing(values)
        lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
        todo = (
            'Fill in each value marked "required", uncomment the optional fields you need'
            if missing
            else "Uncomment the optional fields you need"
        )
        lines += [
            f"# A new {self.type.value}. {todo},",
            "# then run `ledger validate`. docs/record-format.md explains every field.",
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
    the output's folder or a folder above it is used, else ``schema/`` in cwd (the
    repository root, beside ``records/``). Written to stdout, the skeleton is taken to
    go into ``records/`` below cwd.
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
        target = next(found, cwd / "schema" / SCHEMA_FILE)
    return Path(os.path.relpath(target, folder)).as_posix()


def _choices(words: Sequence[str]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1]


_KINDS = tuple(kind.value for kind in ActorKind)
_CATEGORIES = tuple(category.value for category in Category)
_OBLIGATIONS = tuple(obligation.value for obligation in Obligation)

SKELETONS: dict[str, Skeleton] = {
    "actor": Skeleton(
        RecordType.ACTOR,
        (
            _id("kim-jong-un"),
            Slot("kind", _choices(_KINDS), required=True, choices=_KINDS),
            Slot(
                "name",
                "e.g. Kim Jong Un; a person known only by office has a role instead",
                required=True,
            ),
            Slot("role", "an office", example="President of Bulgaria"),
            Slot(
                "country",
                "ISO 3166-1 alpha-3 in capitals (required for a state): a state's own code, "
                "or the country of a person or organization",
                example="PRK",
            ),
            Slot("wikidata", "a Wikidata item id, Q and digits", example="Q56226"),
            Slot("aliases", "other names", example="[DPRK]", option="alias", many=True),
            _notes(),
        ),
    ),
    "source": Skeleton(
        RecordType.SOURCE,
        (
            _id("putin-gets-pungsan-dogs-2024-06-20"),
            Slot("title", "the headline", required=True),
            Slot("publisher", "as the article gives it", example="Reuters"),
            Slot("author", "as the article gives it", example="A. Reporter"),
            Slot("published", f"the publication date, {_EDTF}", example="2024-06-20"),
            Slot("url", "the article's http or https address", example="https://..."),
            Slot("language", "a BCP 47 tag; en when left out", example="en"),
            Slot(
                "text",
                "the archived plain-text copy of the article, relative to the ledger folder",
                example="texts/putin-gets-pungsan-dogs-2024-06-20.txt",
            ),
            _notes(),
        ),
    ),
    "gift": Skeleton(
        RecordType.GIFT,
        (
            _id("kim-to-putin-pungsan-dogs-2024"),
            Slot("giver", "the id of the actor who gave it", required=True),
            Slot("recipient", "the id of the actor who received it", required=True),
            Slot("date", f"when it was given, {_EDTF}", required=True),
            Group(
                "items",
                "what was given: add an item for each kind of thing",
                (
                    Slot("item", "what it is, e.g. Pungsan dog", required=True),
                    Slot(
                        "category",
                        _choices(_CATEGORIES),
                        required=True,
                        choices=_CATEGORIES,
                    ),
                    Slot(
                        "count",
                        'a whole number; leave it out only when the source gives no number ("a '
                        'pair" is 2)',
                        example="2",
                    ),
                    Slot(
                        "names",
                        "the individuals' names, never more than count",
                        example="[Gomi, Songgang]",
                        option="item-name",
                        many=True,
                    ),
                    Slot(
                        "wikidata",
                        "the item's kind (a breed, a model) as a Wikidata item id",
                        example="Q39275",
                        option="item-wikidata",
                    ),
                ),
                required=True,
            ),
            Slot(
                "total",
                "how many things were given in all, where the source lists only some",
                example="20",
            ),
            Group(
                "value",
                "an estimate as the source gives it",
                (
                    Slot("amount", "a number", required=True, example="650", option="amount"),
                    Slot(
                        "currency",
                        "an ISO 4217 code in capitals",
                        required=True,
                        example="USD",
                        option="currency",
                    ),
                ),
                listed=False,
            ),
            Slot("occasion", "what it was given for", example="Putin's state visit to Pyongyang"),
            _related("typically an agreement", "russia-north-korea-defense-pact-2024"),
            _sources(),
            _notes(),
        ),
    ),
    "agreement": Skeleton(
        RecordType.AGREEMENT,
        (
            _id("russia-north-korea-defense-pact-2024"),
            Slot("title", "as the sources name it", required=True),
            Slot(
                "parties",
                "ids of two or more state or organization actors",
                required=True,
                option="party",
                many=True,
            ),
            Slot(
                "signatories",
                "ids of person actors",
                example="[vladimir-putin, kim-jong-un]",
                option="signatory",
                many=True,
            ),
            Slot("date", f"when it was signed, {_EDTF}", required=True),
            Slot("place", "where it was signed", example="Pyongyang"),
            Slot(
                "obligations",
                f"any of {_choices(_OBLIGATIONS)} (the ATOP codebook)",
                example="[defense]",
                option="obligation",
                many=True,
                choices=_OBLIGATIONS,
            ),
            Slot(
                "topics",
                "other fields of cooperation, free text",
                example="[space exploration]",
                option="topic",
                many=True,
            ),
            Group(
                "provisions",
                "articles, verbatim as a cited source gives them",
                (
                    Slot("article", "the article's number, as text", required=True, example='"4"'),
                    Slot(
                        "text",
                        "the article's text, copied exactly from a cited source's archived text",
                        required=True,
                        example="...",
                        option="provision-text",
                    ),
                ),
            ),
            _related("e.g. a gift that came with it", "kim-to-putin-pungsan-dogs-2024"),
            _sources(),
            _notes(),
        ),
    ),
}
"""Record type -> its skeleton."""
