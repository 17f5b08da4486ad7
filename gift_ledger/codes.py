"""The code lists of the record contract: countries, currencies and languages.

Countries are ISO 3166-1 alpha-3 and the ISO 3166-3 codes of former countries (pycountry),
plus `XKX` (Kosovo, the code in common use); currencies are ISO 4217, current and historic,
as CLDR lists them (Babel); languages are ISO 639 codes (pycountry). Each list is read on
first use, so that commands which never look at a code do not pay for reading it
(docs/performance.md has the figures). Free of pydantic: the models wrap these checks.
"""

from __future__ import annotations

import difflib
import importlib.util
from collections.abc import Collection, Mapping
from functools import cache
from pathlib import Path

import orjson

__all__ = [
    "country_codes",
    "country_name",
    "country_problem",
    "currency_codes",
    "currency_name",
    "currency_problem",
    "language_problem",
]

_COMMON_USE = {"XKX": "Kosovo"}
"""Codes outside ISO 3166 that are in common use for a country (the European Union's, the
World Bank's and the IMF's code for Kosovo)."""


_TABLES = {"countries": "3166-1", "historic_countries": "3166-3", "languages": "639-3"}
"""pycountry's tables that the ledger reads, by the name pycountry gives each, and the
ISO standard that names its file (`iso639-3.json`) and its list inside."""


@cache
def _iso_table(name: str) -> tuple[Mapping[str, str], ...]:
    """The entries of one of pycountry's tables (a name of `_TABLES`), each its fields.

    Read from the JSON file that pycountry ships, without importing pycountry: its objects
    cost ten times as much as the codes (the 7,923 languages: about 45 ms through pycountry,
    4 ms this way). If the file is not where pycountry kept it, pycountry's own API.
    """
    standard = _TABLES[name]
    try:
        entries = orjson.loads(_table_text(standard))[standard]
        if isinstance(entries, list) and all(isinstance(entry, dict) for entry in entries):
            return tuple(entries)
    except (ValueError, KeyError, TypeError):
        pass
    import pycountry

    return tuple(dict(entry) for entry in getattr(pycountry, name))


@cache
def _table_text(standard: str) -> bytes:
    """The JSON text of pycountry's table of this ISO standard; nothing if it is not there."""
    try:
        return (_databases() / f"iso{standard}.json").read_bytes()
    except OSError:
        return b""


def _databases() -> Path:
    """The folder of pycountry's tables, found without running pycountry's module."""
    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pycountry")
    return Path(next(iter(spec.submodule_search_locations))) / "databases"


@cache
def country_codes() -> Mapping[str, str]:
    """Every country code a record may give, with the country's name in English."""
    names = {country["alpha_3"]: country["name"] for country in _iso_table("countries")}
    for former in _iso_table("historic_countries"):
        names.setdefault(former["alpha_3"], former["name"])
    names.update(_COMMON_USE)
    return dict(sorted(names.items()))


@cache
def _alpha_2() -> Mapping[str, str]:
    return {country["alpha_2"]: country["alpha_3"] for country in _iso_table("countries")}


@cache
def currency_codes() -> tuple[str, ...]:
    """Every ISO 4217 currency code, current or historic, in order."""
    from babel.numbers import list_currencies  # CLDR's global data, read on first use

    return tuple(sorted(list_currencies()))


def currency_name(code: str) -> str:
    """A currency's name in English; its names are read only when one is asked for."""
    from babel.numbers import get_currency_name

    return get_currency_name(code, locale="en")


@cache
def _languages() -> frozenset[str]:
    """The ISO 639-3 codes and their ISO 639-1 and 639-2 (bibliographic) equivalents."""
    return frozenset(
        code
        for language in _iso_table("languages")
        for code in (language["alpha_3"], language.get("alpha_2"), language.get("bibliographic"))
        if code
    )


@cache
def _is_language(code: str) -> bool:
    """Whether a code in lower case is an ISO 639 code.

    A two-letter code, the commonest kind (`en`, `ko`), is first looked for in the table's
    text as pycountry writes it, `"alpha_2": "en"`, in a tenth of a millisecond; parsing the
    table takes 10 ms or more. A code not found so is looked up in the parsed table, so that
    a table written otherwise costs time, never a wrong answer.
    """
    if len(code) == 2 and f'"alpha_2": "{code}"'.encode() in _table_text(_TABLES["languages"]):
        return True
    return code in _languages()


def country_name(code: str) -> str | None:
    """The name of the country with this code, or None for a code in no list."""
    return country_codes().get(code)


def country_problem(code: str) -> str | None:
    """What is wrong with a country code, with the closest real code; None if it is real."""
    codes = country_codes()
    if code in codes:
        return None
    guess = _alpha_2().get(code.upper()) or _closest(code.upper(), codes)
    hint = f": did you mean {guess!r} ({codes[guess]})?" if guess else ""
    return f"{code!r} is not an ISO 3166-1 alpha-3 code{hint}"


def currency_problem(code: str) -> str | None:
    """What is wrong with a currency code, with the closest real code; None if it is real."""
    codes = currency_codes()
    if code in codes:
        return None
    guess = _closest(code.upper(), codes)
    hint = f": did you mean {guess!r} ({currency_name(guess)})?" if guess else ""
    return f"{code!r} is not an ISO 4217 currency code{hint}"


def language_problem(tag: str) -> str | None:
    """What is wrong with a BCP 47 tag's primary language subtag; None if it is ISO 639."""
    if _is_language(tag.split("-", 1)[0].lower()):
        return None
    return (
        f"{tag!r} does not start with an ISO 639 language code "
        "(e.g. en, ko, pt-BR, yue for Cantonese)"
    )


def _closest(code: str, codes: Collection[str]) -> str | None:
    """The real code nearest to one that is not: a case slip first, then the code that shares
    the longest beginning and is most alike (`RUX` is `RUS`, not `LUX`)."""
    if code in codes:
        return code
    close = difflib.get_close_matches(code, codes, n=10, cutoff=0.6)
    if not close:
        return None
    return max(close, key=lambda real: (_shared_start(code, real), -close.index(real)))


def _shared_start(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length
