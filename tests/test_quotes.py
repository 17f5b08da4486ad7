"""Quote matching as the contract defines it: each rule, and properties over random texts."""

from __future__ import annotations

import re
import unicodedata

import pytest
import regex
from hypothesis import assume, given
from hypothesis import strategies as st

from gift_ledger.check.quotes import (
    DASHES,
    FORMAT,
    QUOTATION_MARKS,
    WHITE_SPACE,
    WHITE_SPACE_BUT_SPACE,
    _paragraphs_by_lines,
    _paragraphs_by_pattern,
    contains_quote,
    find_quote,
    normalize,
    segments_of,
)

ARTICLE = normalize(
    "Former South Korean president Moon Jae-in also received a pair of white Pungsans −\n"
    "named “Gomi” and ‘Songgang’ – from Kim in 2018.\u00a0 It\u2019s a\tbreed of co\u00adop"
    "eration and cafe\u0301 culture, «\u200bvery old», a horseshoe, x\x1fy.\r\n\r\n"
    "The second paragraph says the dogs had puppies later that year."
)


@pytest.mark.parametrize(
    "quote",
    [
        # 1. NFC: a precomposed é equals e and a combining acute, either way round
        "and café culture",
        "and cafe\u0301 culture",
        # 2. format characters are removed from both
        "breed of cooperation",
        "breed of co\u200boperation",
        "'very old'",
        # 3. every White_Space run is one space, paragraph breaks included
        "received a pair of white Pungsans - named",
        "Moon Jae-in   also\nreceived",
        "in 2018. It's a breed",
        "x\x1fy. The second paragraph",
        # 4. every quotation mark matches every other, and every dash every other
        'named "Gomi" and',
        "and 'Songgang' - from Kim",
        "and «Songgang» — from Kim",
        "white Pungsans \u2212 named",
        "Moon Jae\u2010in",
        # 5. a match may begin and end next to punctuation: boundaries are UAX #29's
        "Moon Jae",
        "a horseshoe,",
        # 7. elisions: segments in order, in one paragraph
        "Moon Jae-in … a pair of white Pungsans",
        "received a pair ... from Kim in 2018.",
        "Former South Korean [...] It's a breed [\u2026] a horseshoe",
    ],
)
def test_found(quote: str) -> None:
    assert contains_quote(ARTICLE, quote)


@pytest.mark.parametrize(
    "quote",
    [
        "a horse",  # 5. not inside a longer word
        "horseshoes",
        "caf",
        "and cafe culture",  # 5. never inside a character's combining marks
        "moon jae-in",  # 6. letter case
        "x y",  # 3. U+001F is not whitespace
        "named Gomi and",  # quote marks left out
        "MoonJae-in",  # a space left out is not a whitespace difference
        "from Kim in 2018,",  # other punctuation
        "   ",  # nothing to find
        "\u00ad",
        # 7. segments out of order, across a paragraph break, or of one word
        "a pair of white Pungsans ... Moon Jae-in also",
        "a horseshoe, x\x1fy. … the dogs had puppies",
        "received a pair … Kim",
        "received ... a pair",
    ],
)
def test_not_found(quote: str) -> None:
    assert not contains_quote(ARTICLE, quote)


def test_segments_of_an_elided_quote_and_their_places() -> None:
    assert segments_of("gave him … two fine dogs") == ["gave him", "two fine dogs"]
    assert segments_of("gave him ... dogs") is None  # a segment of one word
    assert segments_of("gave him...two dogs") is None  # no space around the ellipsis
    text = normalize("He gave him, on Monday, two fine dogs.\n\nThey were two fine dogs.")
    match = find_quote(text, "gave him … two fine dogs")
    assert match is not None
    assert [text[start:end] for start, end in match.segments] == ["gave him", "two fine dogs"]
    assert (match.start, match.end) == (3, 37)


def test_an_elided_quote_found_as_written_is_one_segment() -> None:
    text = normalize("It said: wait ... for it.\n\nMore.")
    match = find_quote(text, "wait ... for it")
    assert match is not None and match.segments == ((9, 24),)


def test_provisions_take_no_elisions() -> None:
    text = normalize("Article 4 says the parties shall help each other at once.")
    assert contains_quote(text, "the parties … each other")
    assert not contains_quote(text, "the parties … each other", elisions=False)


def test_normalize_marks_paragraph_breaks_and_collapses_other_whitespace() -> None:
    assert normalize(" a \u00a0\u2028b\r\n\tc \r\n \r\nd\u2029e\n\u200b\nf ") == "a b c\nd\ne\nf"


def test_normalize_makes_every_quotation_mark_and_dash_plain() -> None:
    marks = "\"'«»‘’‚‛“”„‟‹›⹂「」『』〝〞〟﹁﹂﹃﹄＂＇｢｣"
    dashes = "-‐‑‒–—―⸗⸚⸺⸻⹀〜〰゠︱︲﹘﹣－−"
    plain = "a " + "'" * len(marks) + " b " + "-" * len(dashes) + "."
    assert normalize(f"a {marks} b {dashes}.") == plain


# Properties --------------------------------------------------------------------------

_LETTERS = "abcdeé"
_WORD = st.lists(st.sampled_from([*_LETTERS, "e\u0301", "\u00ad", "\u200b"]), min_size=1).map(
    "".join
)
_GAP = st.sampled_from(
    [" ", "  ", "\n", "\t", "\u00a0", " \u200b ", "\r\n", "\n\n", "\u2029", " “", "” ", " - "]
)


@st.composite
def _texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORD, min_size=1, max_size=30))
    gaps = draw(st.lists(_GAP, min_size=len(words), max_size=len(words)))
    return "".join(word + gap for word, gap in zip(words, gaps, strict=True))


@st.composite
def _quotes(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a quote of it: any run of its words, between word boundaries."""
    text = normalize(draw(_texts()))
    words = [(m.start(), m.end()) for m in _word_spans(text)]
    assume(words)
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, len(words) - 1))
    return text, text[words[first][0] : words[last][1]]


def _word_spans(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"[^\s'\-]+", text))


@given(_quotes())
def test_a_quote_from_any_place_in_a_text_is_found(text_and_quote: tuple[str, str]) -> None:
    text, quote = text_and_quote
    match = find_quote(text, quote)
    assert match is not None
    assert text.replace("\n", " ")[match.start : match.end] == quote.replace("\n", " ")


@given(_quotes(), st.data())
def test_a_quote_with_one_letter_changed_is_not_found(
    text_and_quote: tuple[str, str], data: st.DataObject
) -> None:
    text, quote = text_and_quote
    letters = [i for i, char in enumerate(quote) if char in _LETTERS]
    assume(letters)
    i = data.draw(st.sampled_from(letters))
    for changed in ("z", quote[i].upper()):  # a letter the text never has; the same in capitals
        assert find_quote(text, quote[:i] + changed + quote[i + 1 :]) is None


def _by_the_rules(text: str) -> str:
    """Rules 1 to 4 one after another, as the contract states them: plain and slow."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(f"[{FORMAT}]", "", text)
    text = re.sub(f"[{QUOTATION_MARKS}]", "'", text)
    text = re.sub(f"[{DASHES}]", "-", text)
    return _paragraphs_by_pattern(text)


_PIECES = [
    *"ab.é", "e\u0301", *"\"'“”«\uff02", *"-–—\u2212", *"\u00ad\u200b\ufeff", "\U000e0001",
    *" \t\n\r\v\f\x85\u2028\u2029\u00a0\u3000", "\r\n", "\n\n", *"\x1c\x1f\x01",
]  # fmt: skip
_ASCII = [chr(c) for c in range(128)]
_PRINTABLE = [c for c in _ASCII if c.isprintable()]


@given(
    st.lists(st.sampled_from(_PIECES)).map("".join)
    | st.text(st.sampled_from(_PRINTABLE + [" "] * 20 + ['"'] * 5))
    | st.text(st.sampled_from(_ASCII))
)
def test_normalize_is_the_rules_one_after_another(text: str) -> None:
    """`normalize` takes short ways: for printable ASCII (most quotes), for the characters
    that change (found first, then replaced), for paragraphs (by lines)."""
    assert normalize(text) == _by_the_rules(text)


@given(st.lists(st.sampled_from([piece for piece in _PIECES if piece not in "\x1c\x1f"])))
def test_paragraphs_by_lines_are_those_of_the_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _paragraphs_by_lines(text) == _paragraphs_by_pattern(text)


_EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize(
    ("character_class", "unicode_property"),
    [
        (WHITE_SPACE, r"\p{White_Space}"),
        (WHITE_SPACE_BUT_SPACE, r"[\p{White_Space}--[ ]]"),
        (FORMAT, r"\p{Cf}"),
        (QUOTATION_MARKS, r"\p{Quotation_Mark}"),
        (DASHES, r"[\p{Pd}\u2212]"),
    ],
)
def test_each_character_set_is_its_unicode_property(
    character_class: str, unicode_property: str
) -> None:
    found = re.findall(f"[{character_class}]", _EVERY_CHARACTER)
    assert found == regex.findall(f"(?V1){unicode_property}", _EVERY_CHARACTER)
