"""GitHub Actions workflow commands, so that a pull request shows each problem on its line."""

from __future__ import annotations

from ..diagnostics import Report
from .text import summary, utf8

__all__ = ["render"]


def render(report: Report, strict: bool) -> str:
    lines = []
    for d in report.diagnostics:
        properties = ",".join(
            [
                f"file={_property(str(d.file))}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_property(d.code)}",
            ]
        )
        lines.append(f"::{d.severity} {properties}::{_data(d.full_message)}")
    lines.append(summary(report, strict))
    return "\n".join(lines) + "\n"


def _data(value: str) -> str:
    return utf8(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
