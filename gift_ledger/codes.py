"""The code lists of the record contract: countries, currencies and languages.

Countries are ISO 3166-1 alpha-3 and the ISO 3166-3 codes of former countries (pycountry),
plus `XKX` (Kosovo, the code in common use); currencies are ISO 4217, current and historic,
as CLDR lists them (Babel); languages are ISO 639 codes (pycountry). Each list is read on
first use, so that commands which never look at a code do not pay for reading it
(docs/performance.md has the figures). Free of pydantic: the models wrap these checks.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from functools import cache

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


@cache
def country_codes() -> Mapping[str, str]:
    """Every country code a record may give, with the country's name in English."""
    import pycountry  # read on first use: about 50 ms

    names = {country.alpha_3: country.name for country in pycountry.countries}
    for former in pycountry.historic_countries:
        names.setdefault(former.alpha_3, former.name)
    names.update(_COMMON_USE)
    return dict(sorted(names.items()))


@cache
def _alpha_2() -> Mapping[str, str]:
    import pycountry

    return {country.alpha_2: country.alpha_3 for country in pycountry.countries}


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
    import pycountry  # the ISO 639-3 table and its ISO 639-1 and 639-2 codes: about 130 ms

    codes: set[str] = set()
    for language in pycountry.languages:
        codes.add(language.alpha_3)
        for other in ("alpha_2", "bibliographic"):
            code = getattr(language, other, None)
            if code:
                codes.add(code)
    return frozenset(codes)


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
    primary = tag.split("-", 1)[0]
    if primary.lower() in _languages():
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
