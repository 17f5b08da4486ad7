"""`ledger new TYPE`: a commented skeleton record to fill in, a subcommand per record type.

Each subcommand is made from its skeleton (`gift_ledger.skeletons`): an option per slot,
with the slot's help, metavar and type, so that a field added to a skeleton is an option
here without a line of CLI code.
"""

from __future__ import annotations

import inspect
import os
import stat
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..escape import escape
from ..skeletons import SKELETONS, Skeleton, Slot, sentence
from .application import app, guarded

__all__ = ["new_app"]

new_app = typer.Typer(
    name="new",
    help=f"Write a commented skeleton record (YAML) to fill in: {sentence(SKELETONS)}.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(new_app)


def _opt(help_text: str, metavar: str, *names: str, **extra: Any) -> Any:
    return typer.Option(*names, help=help_text, metavar=metavar, show_default=False, **extra)


def _keyword(name: str, annotation: Any) -> inspect.Parameter:
    """An option of a command made here, None when not given."""
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
    )


_OUTPUT = _keyword(
    "output",
    Annotated[
        Path | None,
        _opt(
            "Write the record to this new file (never overwritten) instead of to stdout.",
            "FILE",
            "--output",
            "-o",
        ),
    ],
)
_SCHEMA = _keyword(
    "schema",
    Annotated[
        str | None,
        _opt(
            "The record-file JSON Schema for the first line: a path, made relative to the "
            "output file, or a URL. Default: the nearest schema/record-file.schema.json in the "
            "output's folder or above it, else ./schema/.",
            "PATH",
            "--schema",
        ),
    ],
)


def _stdin_is_terminal() -> bool:
    """Whether someone is there to answer prompts."""
    return sys.stdin.isatty()


def _parameter(slot: Slot) -> inspect.Parameter:
    """The option that fills a slot: ``--item-name TEXT``, repeated for a list."""
    kind: Any = slot.vocabulary or (int if slot.value == "count" else str)
    if slot.many:
        kind = list[kind]
    extra = {"min": 1} if slot.value == "count" else {}
    option = _opt(slot.option_help, slot.metavar, f"--{slot.name}", **extra)
    return _keyword(slot.name.replace("-", "_"), Annotated[kind | None, option])


def _plain(value: Any) -> Any:
    """A value as the skeleton takes it: the words of a vocabulary, not its members."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _command(skeleton: Skeleton) -> Any:
    slots = [slot for _group, slot in skeleton.slots.values()]

    def command(*, output: Path | None = None, schema: str | None = None, **given: Any) -> None:
        values = {slot.name: _plain(given[slot.name.replace("-", "_")]) for slot in slots}
        _new(skeleton, values, output, schema)

    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [_OUTPUT, _SCHEMA, *(_parameter(slot) for slot in slots)]
    )
    command.__doc__ = skeleton.help
    command.__name__ = f"new_{skeleton.type.value}"
    return guarded(command)


for _name, _skeleton in SKELETONS.items():
    new_app.command(_name)(_command(_skeleton))


def _new(
    skeleton: Skeleton, values: dict[str, Any], output: Path | None, schema: str | None
) -> None:
    """Check the values given, prompt for missing required ones on a terminal, then write."""
    from ..skeletons import schema_reference, write_new_file

    given = skeleton.given(values)
    skeleton.refuse_problems(given)
    if _stdin_is_terminal():
        given = _prompt_missing(skeleton, given)
    if output is None and _appending_to_a_file():
        text = "\n" + skeleton.render(given, None, header=False)  # the file has its header
    else:
        text = skeleton.render(given, schema_reference(output, schema, Path.cwd()))
    if output is None:
        sys.stdout.write(text)
    else:
        write_new_file(output, text)
        typer.echo(f"wrote {escape(str(output))}")
    missing = skeleton.missing(given)
    if missing:
        flags = ", ".join(f"--{slot.name}" for slot in missing)
        typer.echo(f"ledger: fill in the required values left empty ({flags})", err=True)


def _appending_to_a_file() -> bool:
    """Whether stdout adds to a file that holds something already (`ledger new ... >> f`)."""
    try:
        status = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # not a file: CliRunner's buffer, a pipe
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size > 0


def _prompt_missing(skeleton: Skeleton, values: dict[str, Any]) -> dict[str, Any]:
    """Ask for each missing required value in turn; ask again while the answer is refused."""
    values = dict(values)
    while missing := skeleton.missing(values):
        slot = missing[0]

        def convert(answer: str, slot: Slot = slot) -> Any:
            value: Any = answer.strip()
            if slot.many:
                value = answer.replace(",", " ").split()
            for problem in skeleton.problems({**values, slot.name: value}):
                if problem.slot == slot:
                    raise typer.BadParameter(problem.message)
            return value

        many = ", separated by commas" if slot.many else ""
        values[slot.name] = typer.prompt(
            f"{slot.name} ({slot.about}{many})", err=True, value_proc=convert
        )
    return values
