"""The limits that keep reading bounded, whatever a record file holds.

Each is named in the message of the diagnostic it causes; docs/validation.md says why each
was chosen.
"""

from __future__ import annotations

__all__ = ["MAX_ALIAS_EXPANSION", "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_VALUES"]

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Larger files are refused: a record file is a few kilobytes; split big imports."""
MAX_DEPTH = 64
"""Records nest five levels deep; anything far deeper is not a record file."""
MAX_ALIAS_EXPANSION = 10_000
"""Values that YAML aliases may add to one file, against exponential "billion laughs"."""
MAX_VALUES = 100_000
"""Values one file may hold, aliases expanded: a record holds a few dozen. Without it a
16 MB file of `{},` holds five million values, and its diagnostics need gigabytes."""
