"""`ledger new`: a commented skeleton record to fill in, one subcommand per record type."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import LedgerError
from ..vocab import ActorKind, Category, Obligation
from .app import app, guarded

__all__ = ["new_app"]

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
    from ..skeletons import SKELETONS, schema_reference

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
    from ..errors import OutputError

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
@guarded
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
@guarded
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
@guarded
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
@guarded
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
