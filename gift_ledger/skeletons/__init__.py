"""Skeleton records for `ledger new`: a commented YAML record to fill in, one per record type.

`skeleton` has the types (a slot per field, groups of slots) and the YAML they write;
`record_types` declares each record type's skeleton, from which `ledger new` makes its
options. Nothing here builds the models until a record is checked, so that the CLI can
read the declarations at start.
"""

from __future__ import annotations

from .record_types import SKELETONS
from .skeleton import (
    PACKAGED_SCHEMA,
    SCHEMA_FILE,
    Skeleton,
    Slot,
    schema_reference,
    sentence,
    write_new_file,
)

__all__ = ["SCHEMA_FILE", "SKELETONS", "Skeleton", "Slot", "schema_reference", "sentence"]
__all__ += ["PACKAGED_SCHEMA", "write_new_file"]
