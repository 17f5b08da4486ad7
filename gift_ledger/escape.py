"""Escaping for every value, id and path that reaches a terminal or a report (issue #18).

Record files, file names and archived texts come from strangers. Whatever they hold must
print as inert text, on the line it belongs to: no escape sequence reaches the terminal, no
newline forges a diagnostic line, no bidirectional override reorders what a reviewer reads,
no ``::command::`` at the start of a line speaks to GitHub Actions, and no ``:1:1:`` in a
file name makes a diagnostic line ambiguous. Every command and report format prints through
these functions; rich is never handed ledger text as markup.
"""

from __future__ import annotations

import re
from os import PathLike

__all__ = ["escape", "escape_line", "escape_path"]

_UNSAFE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL: ESC starts terminal escape sequences
    "\u2028\u2029"  # line and paragraph separators: line breaks to some readers
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional controls
    "\ud800-\udfff"  # lone surrogates: file-name bytes that are not UTF-8
    "]"
)
_COMMAND_AT_LINE_START = re.compile(r"^(\s*):(?=:)")
_COLON_BEFORE_DIGIT = re.compile(r":(?=[0-9])")


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\t\n\r":
        return {"\t": r"\t", "\n": r"\n", "\r": r"\r"}[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """The text as inert characters on one line: control characters, line separators,
    bidirectional controls and undecodable file-name bytes written as ``\\x1b``,
    ``\\n``, ``\\u202e``, ``\\udcff``. Other text, non-ASCII included, is unchanged."""
    # Printable text (the most of it) has none of those, known at C speed: each of them is
    # a control, format, separator or surrogate character, none of which Python prints.
    return text if text.isprintable() else _UNSAFE.sub(_escaped, text)


def escape_line(text: str) -> str:
    """`escape`, for text that starts a line of output: a leading ``::`` (which GitHub
    Actions reads as a workflow command, even after spaces) becomes ``\\x3a:``."""
    return _COMMAND_AT_LINE_START.sub(r"\1\\x3a", escape(text))


def escape_path(path: str | PathLike[str]) -> str:
    """`escape` for a file name in a report: a colon before a digit becomes ``\\x3a``, so
    that ``path:line:col:`` is the only such place on a diagnostic line."""
    return _COLON_BEFORE_DIGIT.sub(r"\\x3a", escape(str(path)))
