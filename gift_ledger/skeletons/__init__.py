"""Skeleton records for `ledger new`: a commented YAML record to fill in, one per record type."""

from __future__ import annotations

from .skeleton import SCHEMA_FILE, SKELETONS, Group, Problem, Skeleton, Slot, schema_reference

__all__ = [
    "SCHEMA_FILE",
    "SKELETONS",
    "Group",
    "Problem",
    "Skeleton",
    "Slot",
    "schema_reference",
]
