"""GitHub Actions workflow commands, so that a pull request shows each problem on its line."""

from __future__ import annotations

from ..diagnostics import Report
from ..escape import escape
from .text import summary

__all__ = ["render"]


def render(report: Report, strict: bool) -> str:
    lines = []
    for d in report.diagnostics:
        properties = ",".join(
            [
                f"file={_property(escape(str(d.file)))}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_property(escape(d.code))}",
            ]
        )
        lines.append(f"::{d.severity} {properties}::{_data(escape(d.full_message))}")
    lines.append(summary(report, strict))
    return "\n".join(lines) + "\n"


def _data(value: str) -> str:
    # escape() has already written CR and LF as \r and \n; % is what GitHub decodes.
    return value.replace("%", "%25")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
