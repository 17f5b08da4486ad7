"""YAML's commonest errors in the ledger's words, with the fix and the place to make it.

libyaml says "mapping values are not allowed in this context" for a quote holding ": ", and
reports an unclosed quotation mark at the end of the file. People entering records from
articles make both mistakes all the time; this says what happened and what to write.
"""

from __future__ import annotations

from typing import Any

__all__ = ["explain"]


def explain(error: Any, text: str) -> tuple[str, Any]:
    """The message for a YAML error and the mark to report it at."""
    problem = error.problem or error.context or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        quote = text[error.context_mark.index] if error.context_mark.index < len(text) else '"'
        return (
            f"the quotation mark ({quote}) opened here is never closed: end the value with "
            f"{quote}, or remove the opening one",
            error.context_mark,
        )
    if problem.startswith("mapping values are not allowed") and mark is not None:
        return _colon_in_value(text, mark.line), mark
    return f"invalid YAML: {problem}", mark


def _colon_in_value(text: str, line_number: int) -> str:
    lines = text.splitlines()
    line = lines[line_number] if line_number < len(lines) else ""
    key, sep, value = line.strip().removeprefix("- ").partition(": ")
    advice = "put the whole value in quotes"
    if sep and value.strip():
        advice += f", e.g. {key}: {_quoted(value.strip())}"
    return f"a value holds ': ' (a colon and a space), which YAML reads as a new key: {advice}"


def _quoted(value: str) -> str:
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"
