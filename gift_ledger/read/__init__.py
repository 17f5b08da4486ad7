"""Finding record files and reading each into plain values, the first stage of the pipeline.

`files` finds the record files below a ledger folder and reads one (positions on demand);
`yaml` and `json` parse with the ledger's rules and limits (`limits`), and `yaml_fast` reads
YAML with a compiled reader where it gives the same values; `yaml_positions` and
`json_positions` find the positions of chosen values (`yaml_lines` from the lines alone,
where they are of the simplest kind); `positions` has the line and column of a value and the
error that stops reading a file.
"""

from __future__ import annotations

from .files import (
    MANIFEST_FILE,
    MAX_FILE_BYTES,
    ParsedFile,
    Position,
    find_record_files,
    positions,
    read_file,
)

__all__ = [
    "MANIFEST_FILE",
    "MAX_FILE_BYTES",
    "ParsedFile",
    "Position",
    "find_record_files",
    "positions",
    "read_file",
]
