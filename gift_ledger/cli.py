"""The `ledger` command: parses options, calls the library, prints, and sets the exit code.

Exit codes are the same for every command: 0 success (a valid ledger), 1 invalid input
(records with errors, or warnings under --strict; a stale schema under --check), 2 usage or
environment errors (an unknown option, a missing folder, an unwritable output), and 3 for
an internal error, which prints a short message asking for a report instead of a traceback.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from . import __version__
from .errors import LedgerError
from .vocab import ActorKind, Category, Obligation

__all__ = ["app", "main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="ledger",
    help="A typed, evidence-backed ledger of diplomatic gifts and agreements.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_P = ParamSpec("_P")
_T = TypeVar("_T")


def _guarded(command: Callable[_P, _T]) -> Callable[_P, _T]:
    """Map the library's exceptions to exit codes; never let a traceback reach the user."""

    @functools.wraps(command)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
            raise
        except LedgerError as e:
            typer.echo(f"ledger: error: {e}", err=True)
            raise typer.Exit(EXIT_USAGE) from e
        except Exception as e:  # an unexpected bug: say so briefly, exit with its own code
            typer.echo(
                f"ledger: internal error: {type(e).__name__}: {e}\n"
                "This is a bug in gift-ledger. Please report it with the command you ran "
                "and the file that caused it.",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from e

    return wrapper


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ledger {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """A typed, evidence-backed ledger of diplomatic gifts and agreements."""


_JOBS = typer.Option(
    "--jobs",
    "-j",
    min=0,
    metavar="N",
    help="Worker processes that read files: 0 picks by the ledger's size and the cores, "
    "1 reads in this process alone. The result is the same either way.",
)


@app.command()
@_guarded
def validate(
    ledger_dir: Annotated[
        Path, typer.Argument(metavar="DIR", help="The ledger folder.", show_default=True)
    ] = Path("records"),
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="How to print the problems.")
    ] = ReportFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too.")] = False,
    jobs: Annotated[int, _JOBS] = 0,
) -> None:
    """Check every record file in DIR; print each problem as path:line:col, then a summary.

    Exits 0 when the ledger is valid, 1 when it has errors (or warnings, with --strict),
    2 when DIR does not exist.
    """
    from .progress import file_progress
    from .reporters import REPORTERS
    from .validate import validate_ledger

    with file_progress("validating") as progress:
        report = validate_ledger(ledger_dir, progress, jobs=jobs)
    sys.stdout.write(REPORTERS[output_format.value](report, strict))
    raise typer.Exit(EXIT_INVALID if report.failed(strict=strict) else EXIT_OK)


@app.command()
@_guarded
def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Where to write the schema files.")
    ] = Path("schema"),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the files differ from the models."),
    ] = False,
) -> None:
    """Write the JSON Schema (Draft 2020-12) of record files, generated from the models."""
    from .schema import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(output)
        for path in stale:
            typer.echo(f"{path}: out of date: run `ledger schema --output {output}`")
        if stale:
            raise typer.Exit(EXIT_INVALID)
        typer.echo(f"{output}: up to date")
        return
    try:
        written = write_schemas(output)
    except OSError as e:
        raise LedgerError(f"cannot write the schema into {str(output)!r}: {e.strerror}") from e
    for path in written:
        typer.echo(f"wrote {path}")


def main() -> None:
    """Entry point of the `ledger` console script and `python -m gift_ledger`."""
    # A run is short and makes next to no reference cycles: the cycle collector would only
    # walk the ledger in memory again and again (see gcpause.py), and the operating
    # system takes back all memory at exit anyway.
    gc.disable()
    # pydantic looks for plugins (observability hooks) among the entry points of every
    # installed package the first time a model is built: 30 ms or more at each start, for
    # hooks on models that are this tool's own business. Set the variable to have them.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="ledger")


@app.command()
@_guarded
def export(
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="jsonld, csv, datapackage (a folder: needs --output), json or ndjson.",
        ),
    ],
    ledger_dir: Annotated[
        Path, typer.Argument(metavar="DIR", help="The ledger folder.", show_default=True)
    ] = Path("records"),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write the export here, whole or not at all, instead of to stdout.",
        ),
    ] = None,
    base: Annotated[
        str, typer.Option("--base", metavar="IRI", help="Base of the records' IRIs (jsonld).")
    ] = "https://w3id.org/gift-ledger/id/",
    jobs: Annotated[int, _JOBS] = 0,
) -> None:
    """Export the records of DIR as JSON-LD, CSV, a Data Package, JSON or NDJSON.

    Validates first: a ledger with errors exports nothing, prints its problems to stderr
    and exits 1 (warnings do not stop an export). Exits 2 when DIR does not exist or the
    output cannot be written. The same ledger always exports to the same bytes.
    """
    from .errors import OutputError
    from .exporters import ExportOptions, export_ledger, get_exporter, stream_output, write_output
    from .progress import file_progress
    from .reporters.text import render

    options = ExportOptions(base=base)
    if get_exporter(format_name).writes_folder and output is None:
        raise OutputError(f"the {format_name} format writes a folder: give one with --output")
    with file_progress("reading") as progress:
        result = export_ledger(ledger_dir, format_name, options, progress, jobs=jobs)
    if result.output is None:
        sys.stderr.write(render(result.report, False))
        raise typer.Exit(EXIT_INVALID)
    if output is not None:
        write_output(result.output, output, ledger_root=ledger_dir)
        typer.echo(f"wrote {output}")
    else:
        try:
            stream_output(result.output, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except OSError as e:  # a reader that stopped early (`| head`), a full disk
            raise OutputError(f"cannot write to stdout: {e.strerror or e}") from e


# `ledger new`: a skeleton record to fill in ----------------------------------------------

new_app = typer.Typer(
    name="new",
    help="Write a commented skeleton record (YAML) to fill in: gift, agreement, actor or source.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(new_app)


def _opt(help_text: str, metavar: str = "TEXT", *names: str, **extra: Any) -> Any:
    return typer.Option(*names, help=help_text, metavar=metavar, show_default=False, **extra)


_Output = Annotated[
    Path | None,
    _opt(
        "Write the record to this new file (never overwritten) instead of to stdout.",
        "FILE",
        "--output",
        "-o",
    ),
]
_Schema = Annotated[
    str | None,
    _opt(
        "The record-file JSON Schema for the first line: a path, made relative to the output "
        "file, or a URL. Default: the nearest schema/record-file.schema.json in the output's "
        "folder or above it, else ./schema/.",
        "PATH",
    ),
]
_Id = Annotated[str | None, _opt("The record's id, a slug: kim-jong-un.", "ID", "--id")]
_Date = Annotated[str | None, _opt("The date, EDTF: 2024-06-19, 2024-06, 2012, 2024-06?", "EDTF")]
_Related = Annotated[list[str] | None, _opt("The id of a related record (repeatable).", "ID")]
_Source = Annotated[str | None, _opt("The id of the source that reports it.", "ID")]
_Quote = Annotated[str | None, _opt("The source's own words, exactly as in its archived text.")]
_SourceDate = Annotated[str | None, _opt("The date as this source gives it.", "EDTF")]
_Notes = Annotated[str | None, _opt("Why a value was entered as it was.")]


def _stdin_is_terminal() -> bool:
    """Whether someone is there to answer prompts."""
    return sys.stdin.isatty()


def _number(text: str | None) -> int | float | str | None:
    if text is None:
        return None
    for parse in (int, float):
        try:
            return parse(text)
        except ValueError:
            continue
    return text  # the models refuse it with a clear message


def _new(record_type: str, values: dict[str, Any], output: Path | None, schema: str | None) -> None:
    """Check the values given, prompt for missing required ones on a terminal, then write."""
    from .skeletons import SKELETONS, schema_reference

    skeleton = SKELETONS[record_type]
    given = {key: value for key, value in values.items() if value not in (None, [])}
    for problem in skeleton.problems(given):
        where = f" for --{problem.slot.name}" if problem.slot else ""
        raise LedgerError(f"invalid value{where}: {problem.message}")
    if _stdin_is_terminal():
        given = _prompt_missing(skeleton, given)
    text = skeleton.render(given, schema_reference(output, schema, Path.cwd()))
    if output is None:
        sys.stdout.write(text)
    else:
        _write_new_file(output, text)
        typer.echo(f"wrote {output}")
    missing = skeleton.missing(given)
    if missing:
        flags = ", ".join(f"--{slot.name}" for slot in missing)
        typer.echo(f"ledger: fill in the required values left empty ({flags})", err=True)


def _prompt_missing(skeleton: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Ask for each missing required value in turn; ask again while the answer is refused."""
    values = dict(values)
    while missing := skeleton.missing(values):
        slot = missing[0]

        def convert(answer: str, slot: Any = slot) -> Any:
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


def _write_new_file(path: Path, text: str) -> None:
    from .errors import OutputError

    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError as e:
        raise OutputError(
            f"cannot write {str(path)!r}: it exists, and `ledger new` never overwrites a file"
        ) from e
    except OSError as e:
        raise OutputError(f"cannot write {str(path)!r}: {e.strerror}") from e


@new_app.command("gift")
@_guarded
def new_gift(
    *,
    output: _Output = None,
    schema: _Schema = None,
    id_: _Id = None,
    giver: Annotated[str | None, _opt("The id of the actor who gave it.", "ID")] = None,
    recipient: Annotated[str | None, _opt("The id of the actor who received it.", "ID")] = None,
    date: _Date = None,
    item: Annotated[str | None, _opt("What was given: Pungsan dog.")] = None,
    category: Annotated[
        Category | None,
        _opt("animal, vehicle, clothing, artwork, food, weapon, document or other.", "CATEGORY"),
    ] = None,
    count: Annotated[int | None, _opt("How many of the item.", "N", min=1)] = None,
    item_name: Annotated[list[str] | None, _opt("An individual's name (repeatable).")] = None,
    item_wikidata: Annotated[str | None, _opt("The item's kind, a Wikidata id.", "QID")] = None,
    total: Annotated[int | None, _opt("How many things in all.", "N", min=1)] = None,
    amount: Annotated[str | None, _opt("An estimated value, a number.", "NUMBER")] = None,
    currency: Annotated[str | None, _opt("The value's ISO 4217 currency: USD.", "CODE")] = None,
    occasion: Annotated[str | None, _opt("What it was given for.")] = None,
    related: _Related = None,
    source: _Source = None,
    quote: _Quote = None,
    source_date: _SourceDate = None,
    notes: _Notes = None,
) -> None:
    """A gift: who gave what to whom and when, with one item and one source (add more by hand).

    Flags fill in fields; on a terminal, missing required fields are asked for. Otherwise
    they are left empty, marked "required", and the record fails `ledger validate` until
    they are filled in. Exits 2 on a value the record contract refuses or an existing FILE.
    """
    _new(
        "gift",
        {
            "id": id_,
            "giver": giver,
            "recipient": recipient,
            "date": date,
            "item": item,
            "category": category.value if category else None,
            "count": count,
            "item-name": item_name,
            "item-wikidata": item_wikidata,
            "total": total,
            "amount": _number(amount),
            "currency": currency,
            "occasion": occasion,
            "related": related,
            "source": source,
            "quote": quote,
            "source-date": source_date,
            "notes": notes,
        },
        output,
        schema,
    )


@new_app.command("agreement")
@_guarded
def new_agreement(
    *,
    output: _Output = None,
    schema: _Schema = None,
    id_: _Id = None,
    title: Annotated[str | None, _opt("The title, as the sources name it.")] = None,
    party: Annotated[
        list[str] | None, _opt("The id of a party (repeat: two or more).", "ID")
    ] = None,
    signatory: Annotated[
        list[str] | None, _opt("The id of a signatory (repeatable).", "ID")
    ] = None,
    date: _Date = None,
    place: Annotated[str | None, _opt("Where it was signed.")] = None,
    obligation: Annotated[
        list[Obligation] | None,
        _opt(
            "defense, offense, neutrality, nonaggression or consultation (repeatable).",
            "OBLIGATION",
        ),
    ] = None,
    topic: Annotated[list[str] | None, _opt("A field of cooperation (repeatable).")] = None,
    article: Annotated[str | None, _opt("A provision's article number.", "ARTICLE")] = None,
    provision_text: Annotated[str | None, _opt("The provision's text, verbatim.")] = None,
    related: _Related = None,
    source: _Source = None,
    quote: _Quote = None,
    source_date: _SourceDate = None,
    notes: _Notes = None,
) -> None:
    """An agreement between states or organizations, with one source (add more by hand).

    Prompts and placeholders as for `ledger new gift`.
    """
    _new(
        "agreement",
        {
            "id": id_,
            "title": title,
            "party": party,
            "signatory": signatory,
            "date": date,
            "place": place,
            "obligation": [o.value for o in obligation] if obligation else None,
            "topic": topic,
            "article": article,
            "provision-text": provision_text,
            "related": related,
            "source": source,
            "quote": quote,
            "source-date": source_date,
            "notes": notes,
        },
        output,
        schema,
    )


@new_app.command("actor")
@_guarded
def new_actor(
    *,
    output: _Output = None,
    schema: _Schema = None,
    id_: _Id = None,
    kind: Annotated[ActorKind | None, _opt("person, state or organization.", "KIND")] = None,
    name: Annotated[str | None, _opt("The name: Kim Jong Un.")] = None,
    role: Annotated[str | None, _opt("An office: President of Bulgaria.")] = None,
    country: Annotated[str | None, _opt("ISO 3166-1 alpha-3 code: PRK.", "CODE")] = None,
    wikidata: Annotated[str | None, _opt("A Wikidata item id: Q56226.", "QID")] = None,
    alias: Annotated[list[str] | None, _opt("Another name (repeatable).")] = None,
    notes: _Notes = None,
) -> None:
    """A person, state or organization that gives, receives, signs or is a party.

    Prompts and placeholders as for `ledger new gift`.
    """
    _new(
        "actor",
        {
            "id": id_,
            "kind": kind.value if kind else None,
            "name": name,
            "role": role,
            "country": country,
            "wikidata": wikidata,
            "alias": alias,
            "notes": notes,
        },
        output,
        schema,
    )


@new_app.command("source")
@_guarded
def new_source(
    *,
    output: _Output = None,
    schema: _Schema = None,
    id_: _Id = None,
    title: Annotated[str | None, _opt("The headline.")] = None,
    publisher: Annotated[str | None, _opt("The publisher, as the article gives it.")] = None,
    author: Annotated[str | None, _opt("The author, as the article gives it.")] = None,
    published: Annotated[str | None, _opt("The publication date.", "EDTF")] = None,
    url: Annotated[str | None, _opt("The article's http or https address.", "URL")] = None,
    language: Annotated[str | None, _opt("A BCP 47 tag (en when left out).", "TAG")] = None,
    text: Annotated[
        str | None, _opt("The archived text's path, relative to the ledger folder.", "PATH")
    ] = None,
    notes: _Notes = None,
) -> None:
    """A published report that records cite, with the path of its archived text.

    Prompts and placeholders as for `ledger new gift`.
    """
    _new(
        "source",
        {
            "id": id_,
            "title": title,
            "publisher": publisher,
            "author": author,
            "published": published,
            "url": url,
            "language": language,
            "text": text,
            "notes": notes,
        },
        output,
        schema,
    )


# `ledger show`, `ledger stats`: looking around ------------------------------------------


@app.command()
@_guarded
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The id of the record.")],
    ledger_dir: Annotated[
        Path, typer.Argument(metavar="DIR", help="The ledger folder.", show_default=True)
    ] = Path("records"),
) -> None:
    """Print one record and everything in the ledger that refers to it.

    Exits 1 when no valid record has the id (naming the nearest one), 2 when DIR does not
    exist. Records with errors are left out, as `ledger validate` reports.
    """
    from .anchors import Anchors
    from .show import UnknownIdError, describe
    from .validate import load_ledger

    loaded = load_ledger(ledger_dir)
    try:
        text = describe(loaded.ledger, record_id, Anchors(loaded))
    except UnknownIdError as e:
        typer.echo(f"ledger: error: {e}", err=True)
        raise typer.Exit(EXIT_INVALID) from e
    sys.stdout.write(text)


@app.command()
@_guarded
def stats(
    ledger_dir: Annotated[
        Path, typer.Argument(metavar="DIR", help="The ledger folder.", show_default=True)
    ] = Path("records"),
) -> None:
    """Count the gifts by giver, recipient and year, and the items by category.

    Draws tables on a terminal; prints plain aligned text when stdout is not a terminal or
    NO_COLOR, CI or TERM=dumb is set. Records with errors are left out of the counts.
    """
    import os

    from .stats import ledger_stats
    from .tables import render_plain, render_rich, wants_rich
    from .validate import load_ledger

    tables = ledger_stats(load_ledger(ledger_dir).ledger)
    if wants_rich(sys.stdout, os.environ):
        from rich.console import Console

        render_rich(tables, Console())
    else:
        sys.stdout.write(render_plain(tables))


# `ledger import`: exports back into record files -----------------------------------------


@app.command("import")
@_guarded
def import_(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="SOURCE",
            help="A data package export (its folder or datapackage.json) or a flat CSV export.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="DIR", help="A new or empty folder for the record files."
        ),
    ],
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            metavar="DIR",
            help="For a flat CSV: the ledger to take actors, sources and agreements from.",
        ),
    ] = None,
) -> None:
    """Read an export back into record files (YAML), one file per record type.

    A data package comes back whole. The flat CSV holds only gifts: give --ledger, whose
    other records are copied and whose gifts are replaced by the table's. Every record is
    checked first: on a problem nothing is written, the problems are printed to stderr and
    the command exits 1. Exits 2 when SOURCE is not an export or DIR is not empty.
    """
    from .importers import import_ledger, write_records

    imported = import_ledger(source, ledger)
    if imported.problems:
        for problem in imported.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(EXIT_INVALID)
    written = write_records(imported.records, output, protect=ledger or source)
    for name, count in written.items():
        typer.echo(f"wrote {output / name} ({count} record{'' if count == 1 else 's'})")
