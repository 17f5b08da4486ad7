"""The checks of the evidence: archived texts readable, quotes and provisions found in them,
and quotes that cannot be proven for want of a text.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..ledger import Ledger
from ..models import Agreement, Gift, Source
from .common import at, each, error, place, warning
from .hints import hint
from .quotes import contains_quote, find_quote
from .texts import SourceTexts, TextProblem

__all__ = ["provisions_found", "quotes_found", "quotes_verifiable", "source_texts_readable"]


def source_texts_readable(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """A source's archived text exists inside the ledger folder and is UTF-8."""
    for source, entry in ledger.of_type(Source):
        if source.text is not None:
            text = texts.get(source.text)
            if isinstance(text, TextProblem):
                yield error(at(entry, "text"), text.code, text.message)


def quotes_found(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Each quote occurs in its source's archived text (when the source has one).

    Where each was found is noted in `texts.quotes`, for the exports.
    """
    readable = _readable_texts(ledger, texts)
    for entry in ledger.entries:
        record = entry.record
        if not isinstance(record, Gift | Agreement):
            continue
        for i, citation in each(record.sources):
            text = readable.get(citation.source)
            if text is None or not citation.quote:
                continue
            match = find_quote(text, citation.quote)
            if match is not None:
                texts.quotes.add(text, citation.quote, match)
            else:
                found = hint(text, citation.quote)
                where = f"the quote is not in the text of source {citation.source!r}"
                yield error(
                    at(entry, "sources", i, "quote"),
                    "quote-not-found",
                    f"{where}: {found.message}",
                    details=found.fields(),
                )


def provisions_found(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Each provision's text occurs in the archived text of at least one cited source."""
    readable = _readable_texts(ledger, texts)
    for agreement, entry in ledger.of_type(Agreement):
        available = [readable[c.source] for _, c in each(agreement.sources) if c.source in readable]
        if not available:
            continue
        for i, provision in each(agreement.provisions):
            if provision.text is None:
                continue
            if not any(contains_quote(t, provision.text, elisions=False) for t in available):
                yield error(
                    at(entry, "provisions", i, "text"),
                    "provision-not-found",
                    f"the text of article {provision.article} is in no cited source's text: "
                    "copy it exactly as a source gives it",
                )


def _readable_texts(ledger: Ledger, texts: SourceTexts) -> dict[str, str]:
    """The normalized archived text of each source id that names a source with one."""
    readable = {}
    for source, entry in ledger.of_type(Source):
        if source.text is not None and ledger.by_id.get(source.id) is entry:
            text = texts.get(source.text)
            if isinstance(text, str):
                readable[source.id] = text
    return readable


def quotes_verifiable(ledger: Ledger, texts: SourceTexts) -> Iterator[Diagnostic]:
    """Each quote is of a source with an archived text, so that it can be proven."""
    for entry in ledger.entries:
        record = entry.record
        if not isinstance(record, Gift | Agreement):
            continue
        for i, citation in each(record.sources):
            source = ledger.by_id.get(citation.source)
            if source is not None and isinstance(source.record, Source) and not source.record.text:
                yield warning(
                    at(entry, "sources", i, "quote"),
                    "quote-unverified",
                    f"source {citation.source!r} has no archived text, so the quote cannot be "
                    "proven: save the article as plain text in the ledger and give the source "
                    "its path as `text`",
                    (place(source, "id"),),
                )
