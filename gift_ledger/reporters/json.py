"""A machine-readable report: counts, the verdict and one object per diagnostic."""

from __future__ import annotations

import orjson

from ..diagnostics import Diagnostic, Report
from ..escape import escape, escape_path

__all__ = ["render"]


def render(report: Report, strict: bool) -> str:
    document = {
        "root": escape_path(report.root),
        "valid": not report.failed(strict=strict),
        "strict": strict,
        "files": report.files,
        "records": report.records,
        "errors": report.errors,
        "warnings": report.warnings,
        "diagnostics": [_diagnostic(d) for d in report.diagnostics],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"


def _diagnostic(d: Diagnostic) -> dict[str, object]:
    found: dict[str, object] = {
        "file": escape_path(d.file),
        "line": d.line,
        "column": d.column,
        "pointer": escape(d.pointer),
        "code": d.code,
        "severity": str(d.severity),
        "message": escape(d.full_message),
    }
    if d.details:  # e.g. a quote's closest passage, as fields
        found["details"] = {key: escape(value) for key, value in d.details}
    return found
