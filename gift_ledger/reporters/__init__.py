"""Report formats for `ledger validate`: a name -> function registry, one module each.

A reporter turns a `Report` into the text to print. A new format is one module here and
one line in `REPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import Report
from . import github, json, text

__all__ = ["REPORTERS", "Reporter"]

Reporter = Callable[[Report, bool], str]
"""(report, strict) -> the text to print."""

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "github": github.render,
}
