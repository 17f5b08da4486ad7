"""Why a quote is not in its source's text, said so that the fix takes seconds.

`hint` is asked only about a quote that `gift_ledger.check.quotes.find_quote` did not find. It
answers, in this order of precedence:

- ``inside-word``: the words are there, but only inside a longer word or before a
  combining mark (``a horse`` in "a horseshoe");
- ``case``: only letter case differs;
- ``paragraph`` and ``order``: every segment of an elided quote is there, but not in one
  paragraph, or not in the quote's order;
- ``invisible``: the closest passage differs where the text has a character that cannot
  be seen (a control character such as U+001F, a blank letter such as U+3164);
- ``differs``: the closest passage, and where it and the quote first differ
  (``quote has "beautiful", text has "majestic"``);
- ``far``: no passage is close; perhaps the quote is of another source.

The closest passage starts where the text has the longest run of the quote's first words
(or ends where it has the longest run of its last words), two words at least, found by
exact search; failing both, it is the best window of rapidfuzz's partial-ratio alignment.
The first difference is the first edit of rapidfuzz's word-level Levenshtein alignment of
the quote and that passage.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import cast

from .quotes import find_quote, flat_text, normalized_quote, segments_of_normalized

__all__ = ["QuoteHint", "hint"]

# Below this similarity (0 to 100) of the best window, no passage is shown as close.
_CLOSE = 50.0
# Characters that take no visible space but are not whitespace or format characters.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_SPACE = re.compile(" ")


@dataclass(frozen=True, slots=True)
class QuoteHint:
    """What is wrong with a quote, in words and as fields for machine-readable reports."""

    kind: str
    message: str
    passage: str | None = None
    """The closest passage of the (normalized) text, if any is close."""
    quote_has: str | None = None
    text_has: str | None = None

    def fields(self) -> tuple[tuple[str, str], ...]:
        """The hint's fields that have a value, for `Diagnostic.details`."""
        pairs = (
            ("hint", self.kind),
            ("passage", self.passage),
            ("quote_has", self.quote_has),
            ("text_has", self.text_has),
        )
        return tuple((key, value) for key, value in pairs if value is not None)


def hint(text: str, quote: str) -> QuoteHint:
    """Why the quote is not in the text (already passed through `normalize`)."""
    needle = normalized_quote(quote)
    if not needle:
        return QuoteHint("differs", "the quote has no visible characters")
    flat = flat_text(text)
    segments = segments_of_normalized(needle)
    if segments is None:
        return _plain(flat, needle)
    return _elided(text, flat, segments)


def _plain(flat: str, needle: str, label: str = "") -> QuoteHint:
    found = flat.find(needle)
    if found >= 0:
        passage = _words_around(flat, found, found + len(needle))
        return QuoteHint(
            "inside-word",
            f"{label}the text has it only inside a longer word: {_q(passage)}",
            passage,
        )
    return _closest(flat, needle, label)


def _elided(text: str, flat: str, segments: list[str]) -> QuoteHint:
    for n, segment in enumerate(segments, start=1):
        if find_quote(flat, segment, elisions=False) is None:
            return _plain(flat, segment, f"segment {n} {_q(segment)}: ")
    if find_quote(flat, " … ".join(segments)) is not None:
        return QuoteHint(
            "paragraph",
            "each segment is in the text, but not all in one paragraph: quote each "
            "paragraph in a citation of its own",
        )
    return QuoteHint(
        "order",
        "each segment is in the text, but not in this order: put them in the text's order",
    )


def _closest(flat: str, needle: str, label: str) -> QuoteHint:
    # Imported when a quote is wrong: rapidfuzz takes 50 ms to import.
    from rapidfuzz.distance import Levenshtein

    found = _anchored(flat, needle) or _aligned(flat, needle)
    if found is None:
        return _case_only(flat, needle, label) or QuoteHint(
            "far",
            f"{label}no passage of the text is close to it: is it a quote of another source?",
        )
    window = flat[found[0] : found[1]]
    lowered = window.lower()
    in_other_case = lowered.find(needle.lower())
    if in_other_case >= 0 and len(lowered) == len(window):
        return _case(window[in_other_case : in_other_case + len(needle)], label)
    # (tag, quote start, quote end, window start, window end) for each run of edits
    edits = cast(
        "list[tuple[str, int, int, int, int]]", Levenshtein.opcodes(needle, window).as_list()
    )
    # What the window has before and after what the quote covers is not a difference.
    low, high = 0, len(edits)
    while low < high and edits[low][0] == "insert":
        low += 1
    while high > low and edits[high - 1][0] == "insert":
        high -= 1
    passage = _widened(window, edits[low][3], edits[high - 1][4])
    first = low
    while edits[first][0] == "equal":
        first += 1
    last = first
    # One difference runs on while what the two have in common between edits is not a word.
    for n in range(first + 1, high):
        tag, start, end, _, _ = edits[n]
        if tag != "equal":
            last = n
        elif " " in needle[start:end]:
            break
    _, q1, _, t1, _ = edits[first]
    _, _, q2, _, t2 = edits[last]
    if (q1 == q2 or t1 == t2) and q1 > 0 and t1 > 0:  # words left out or added: show the
        q1, t1 = q1 - 1, t1 - 1  # word before them too, which both have
    quote_has, text_has = _widened(needle, q1, q2), _widened(window, t1, t2)
    # Printable text has no control, private-use or unassigned character: most often
    # the text has none, known at C speed.
    invisible = (
        [char for char in text_has if _invisible(char)]
        if not text_has.isprintable() or not _BLANK.isdisjoint(text_has)
        else []
    )
    if invisible:
        return QuoteHint(
            "invisible",
            f"{label}the text has an invisible character there, {_name(invisible[0])}: "
            f"text has {_q(text_has)}, quote has {_q(quote_has)}",
            passage,
            quote_has,
            text_has,
        )
    return QuoteHint(
        "differs",
        f"{label}quote has {_q(quote_has)}, text has {_q(text_has)}, "
        f"in the closest passage {_q(passage)}",
        passage,
        quote_has,
        text_has,
    )


def _widened(text: str, start: int, end: int) -> str:
    """text[start:end] widened to whole words; a space at either edge takes in its word."""
    start = text.rfind(" ", 0, start) + 1
    stop = text.find(" ", max(end, start + 1))
    return text[start : len(text) if stop < 0 else stop]


def _anchored(flat: str, needle: str) -> tuple[int, int] | None:
    """Where the closest passage is, if the text has the quote's first or last two words (or
    more) as they are; the longer of the two runs wins. The passage ends with the longest
    run of the quote's last words found after it (begins with that of its first words, if
    anchored at its end), or else where the quote's length takes it."""
    # The place of each space between words: where each run of first words ends, and one
    # before where each run of last words starts.
    spaces = [match.start() for match in _SPACE.finditer(needle)]
    if len(spaces) < 2:
        return None
    heads = spaces[1:]  # the first two words, three, ... all but one: needle[:end]
    tails = [space + 1 for space in reversed(spaces[:-1])]  # the last two words, ...
    reach = 2 * len(needle)
    first = _longest_head(flat, needle, heads, 0, len(flat))
    # Only a run of last words longer than that of first words wins: those are looked for.
    longer = tails if first is None else [s for s in tails if len(needle) - s > first[1]]
    last = _longest_tail(flat, needle, longer, 0, len(flat)) if longer else None
    if first is not None and (last is None or first[1] >= last[1]):
        start = first[0]
        tail = _longest_tail(flat, needle, tails, start + first[1], start + reach)
        end = tail[0] + tail[1] if tail else _word_end(flat, start + len(needle))
        return start, end
    if last is not None:
        end = last[0] + last[1]
        head = _longest_head(flat, needle, heads, max(0, end - reach), last[0])
        start = head[0] if head else _word_start(flat, end - len(needle))
        return start, end
    return None


def _longest_head(
    flat: str, needle: str, ends: list[int], low: int, high: int
) -> tuple[int, int] | None:
    """The longest run of the quote's first words, needle[:end] for an end of `ends` (each
    a word longer than the one before), that flat[low:high] has: where it starts, and its
    length; the first place wins a tie.

    Each place of the shortest run is extended as far as the text agrees, by a search over
    the runs' lengths (a run found has every shorter one found), so the text is searched
    once whatever the quote's length."""
    best: tuple[int, int] | None = None
    found = flat.find(needle[: ends[0]], low, high)
    while found >= 0:
        shortest, longest, length = 1, len(ends) - 1, ends[0]
        while shortest <= longest:
            middle = (shortest + longest) // 2
            if flat.startswith(needle[: ends[middle]], found, high):
                length, shortest = ends[middle], middle + 1
            else:
                longest = middle - 1
        if best is None or length > best[1]:
            best = (found, length)
            if length == ends[-1]:
                break
        found = flat.find(needle[: ends[0]], found + 1, high)
    return best


def _longest_tail(
    flat: str, needle: str, starts: list[int], low: int, high: int
) -> tuple[int, int] | None:
    """The longest run of the quote's last words, needle[start:] for a start of `starts`
    (each a word longer than the one before), that flat[low:high] has: where it starts, and
    its length; the first place wins a tie (as `_longest_head`, from the runs' ends)."""
    best: tuple[int, int] | None = None
    shortest_run = needle[starts[0] :]
    found = flat.find(shortest_run, low, high)
    while found >= 0:
        end = found + len(shortest_run)
        shortest, longest, length = 1, len(starts) - 1, len(shortest_run)
        while shortest <= longest:
            middle = (shortest + longest) // 2
            if flat.endswith(needle[starts[middle] :], low, end):
                length, shortest = len(needle) - starts[middle], middle + 1
            else:
                longest = middle - 1
        if best is None or length > best[1]:
            best = (end - length, length)
            if length == len(needle) - starts[-1]:
                break
        found = flat.find(shortest_run, found + 1, high)
    return best


def _word_end(flat: str, position: int) -> int:
    stop = flat.find(" ", min(position, len(flat)))
    return len(flat) if stop < 0 else stop


def _word_start(flat: str, position: int) -> int:
    return flat.rfind(" ", 0, max(position, 0)) + 1


def _aligned(flat: str, needle: str) -> tuple[int, int] | None:
    """Where the closest passage is, by rapidfuzz's partial-ratio alignment; None if the
    best passage is not close."""
    from rapidfuzz import fuzz

    if len(needle) >= len(flat):
        return (0, len(flat)) if fuzz.ratio(needle, flat) >= _CLOSE else None
    aligned = fuzz.partial_ratio_alignment(needle, flat, score_cutoff=_CLOSE)
    if aligned is None:
        return None
    room = len(needle) // 4  # the best window is as long as the quote: the passage may not be
    return max(0, aligned.dest_start - room), min(len(flat), aligned.dest_end + room)


def _case_only(flat: str, needle: str, label: str) -> QuoteHint | None:
    """The hint that only case differs, when the words are there in other capitals."""
    lowered = flat.lower()
    found = lowered.find(needle.lower()) if len(lowered) == len(flat) else -1
    if found < 0 or len(needle.lower()) != len(needle):
        return None
    return _case(flat[found : found + len(needle)], label)


def _case(passage: str, label: str) -> QuoteHint:
    return QuoteHint(
        "case", f"{label}only letter case differs: the text has {_q(passage)}", passage
    )


def _words_around(flat: str, start: int, end: int) -> str:
    """flat[start:end] widened to whole words (runs between spaces)."""
    start = flat.rfind(" ", 0, start) + 1
    stop = flat.find(" ", end)
    return flat[start : len(flat) if stop < 0 else stop]


def _invisible(char: str) -> bool:
    return char in _BLANK or unicodedata.category(char) in ("Cc", "Co", "Cn")


def _name(char: str) -> str:
    name = unicodedata.name(char, "") or "a control character"
    return f"U+{ord(char):04X} ({name})"


def _q(text: str) -> str:
    return f'"{text}"'
