"""Plain text: one `path:line:col: severity [code] message` line per problem, then a summary."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report
from ..escape import escape, escape_line, escape_path

__all__ = ["render", "summary"]


def render(report: Report, strict: bool) -> str:
    paths: dict[Path, str] = {}  # a file's problems are many, its name escaped once
    lines = [
        escape_line(
            f"{paths.get(d.file) or paths.setdefault(d.file, escape_path(d.file))}:"
            f"{d.line}:{d.column}: {d.severity} [{d.code}] {escape(d.full_message)}"
        )
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
