"""Plain text: one `path:line:col: severity [code] message` line per problem, then a summary."""

from __future__ import annotations

import re

from ..diagnostics import Report

__all__ = ["printable", "render", "summary", "utf8"]

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def utf8(text: str) -> str:
    """The text with what UTF-8 cannot hold (file-name bytes that are not UTF-8) escaped."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def printable(text: str) -> str:
    """The text on one line: control characters (in file names, in values) escaped."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), utf8(text))


def render(report: Report, strict: bool) -> str:
    lines = [
        printable(f"{d.file}:{d.line}:{d.column}: {d.severity} [{d.code}] {d.full_message}")
        for d in report.diagnostics
    ]
    lines.append(summary(report, strict))
    return "\n".join(lines) + "\n"


def summary(report: Report, strict: bool) -> str:
    """One line: what was read, what was found, and the verdict."""
    verdict = "invalid" if report.failed(strict=strict) else "valid"
    return (
        f"{_count(report.records, 'record')} in {_count(report.files, 'file')}: "
        f"{_count(report.errors, 'error')}, {_count(report.warnings, 'warning')}"
        f"{' (strict)' if strict else ''}: {verdict}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
