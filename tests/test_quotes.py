"""Quote matching as the contract defines it: whitespace, quote marks and dashes may
differ; nothing else may."""

from __future__ import annotations

import pytest

from gift_ledger.check.quotes import contains_quote, normalize

ARTICLE = normalize(
    "Former South Korean president Moon Jae-in also received a pair of white Pungsans −\n"
    "named “Gomi” and ‘Songgang’ – from Kim in 2018.\u00a0 It\u2019s a\tbreed."
)


@pytest.mark.parametrize(
    "quote",
    [
        "received a pair of white Pungsans - named",
        'named "Gomi" and',
        "and 'Songgang' - from Kim",
        "and ‘Songgang’ — from Kim",
        "in 2018. It's a breed.",
        "Moon Jae-in   also\nreceived",
    ],
)
def test_whitespace_quotes_and_dashes_may_differ(quote: str) -> None:
    assert contains_quote(ARTICLE, quote)


@pytest.mark.parametrize(
    "quote",
    [
        "moon jae-in",  # letter case
        "named Gomi and",  # quote marks left out
        "MoonJae-in",  # a space left out is not a whitespace difference
        "from Kim in 2018,",  # other punctuation
        "   ",  # nothing to find
    ],
)
def test_nothing_else_may_differ(quote: str) -> None:
    assert not contains_quote(ARTICLE, quote)


def test_normalize_collapses_every_kind_of_whitespace() -> None:
    assert normalize(" a \u00a0\u2028b\r\n\tc ") == "a b c"


def test_normalize_makes_every_typographic_quote_and_dash_plain() -> None:
    quotes, apostrophes, dashes = "“”„‟«»", "‘’‚‛‹›", "‐‑‒–—―−⁃﹘﹣－"
    assert normalize(f"a {quotes} b {apostrophes} c {dashes}.") == (
        "a " + '"' * 6 + " b " + "'" * 6 + " c " + "-" * 11 + "."
    )
