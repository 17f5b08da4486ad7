"""Positions in a normalized text mapped back to the archived text they came from."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from gift_ledger.check.offsets import map_text
from gift_ledger.check.quotes import find_quote, normalize

# Texts full of what normalizing changes: decomposed and composable characters, format
# characters (some beyond U+FFFF), every kind of whitespace and line end, quotation marks
# and dashes.
_TRICKY = st.text(
    st.one_of(
        st.sampled_from(
            "ab é\u0301\u0323\u0307q\u1100\u1161\u11a8\u2126\u0f73\u00ad\u200b\ufeff\u200d"
            "\n\r\t\x0b\x0c\x1c\x1f\x85\u2028\u2029\u00a0\u3000“”«»'\"-–—\u2212"
            # format characters beyond U+FFFF, and another character there
            "\U000110bd\U000e0020\U0001f600"
        ),
        st.characters(),
    )
)
_BOUNDARY = regex.compile(r"\b", regex.WORD)  # UAX #29, as the matcher has it


@given(st.text())
def test_the_mapped_text_is_the_normalized_text(text: str) -> None:
    assert map_text(text).normalized == normalize(text)


@given(_TRICKY)
def test_the_mapped_text_is_the_normalized_text_of_tricky_texts(text: str) -> None:
    assert map_text(text).normalized == normalize(text)


@given(_TRICKY, st.data())
def test_every_excerpt_between_word_boundaries_maps_back_to_the_original_that_gives_it(
    text: str, data: st.DataObject
) -> None:
    mapped = map_text(text)
    normalized = mapped.normalized
    boundaries = [i for i in range(len(normalized) + 1) if _BOUNDARY.match(normalized, i)]
    spans = [
        (i, j)
        for n, i in enumerate(boundaries)
        for j in boundaries[n + 1 :]
        if not normalized[i].isspace() and not normalized[j - 1].isspace()
    ]
    if not spans:
        return
    start, end = data.draw(st.sampled_from(spans))
    original_start, original_end = mapped.span(start, end)
    excerpt = text[original_start:original_end]
    assert normalize(excerpt) == mapped.normalized[start:end]
    # The excerpt is found where it came from (or at an earlier place with the same words).
    match = find_quote(mapped.normalized, excerpt)
    assert match is not None and match.start <= start


def test_spans_skip_what_normalizing_removed_around_them() -> None:
    text = "  “Co\u00adoperation”,\r\n\r\n\u200bsaid e\u0301\u0301 the\u2029end"
    mapped = map_text(text)
    assert mapped.normalized == "'Cooperation',\nsaid é\u0301 the\nend"
    start, end = mapped.span(0, 14)
    assert text[start:end] == "“Co\u00adoperation”,"
    said = mapped.normalized.index("said")
    start, end = mapped.span(said, said + 12)
    assert text[start:end] == "said e\u0301\u0301 the"
    last = len(mapped.normalized)
    assert mapped.span(last - 3, last) == (len(text) - 3, len(text))


@pytest.mark.parametrize("text", ["\uf900", "e\u0301", "a e\u0301", "e\u0301 a", "x \uf900 y"])
def test_a_span_ending_at_a_composed_character_takes_all_it_was_made_from(text: str) -> None:
    """NFC makes one character of several (e + U+0301) or another one (U+F900): a span
    that ends there ends after all of them in the original."""
    mapped = map_text(text)
    start, end = mapped.span(0, len(mapped.normalized))
    assert (start, end) == (0, len(text))
    assert normalize(text[start:end]) == mapped.normalized


def test_a_character_that_nfc_replaces_alone_is_not_taken_with_the_one_before() -> None:
    """U+F900, a CJK compatibility ideograph, is U+8C48 after NFC, joined to nothing: an
    excerpt that ends just before it does not take it (found by the property test above)."""
    mapped = map_text("0:\uf900")
    assert mapped.normalized == "0:\u8c48"
    assert mapped.span(0, 2) == (0, 2)
    assert mapped.span(2, 3) == (2, 3)
    decomposed = map_text("e\u0301x")  # a letter and its accent stay one
    assert decomposed.span(0, 1) == (0, 2)
