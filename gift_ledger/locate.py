"""Fill in line and column for diagnostics that only know their file and JSON pointer.

Reading keeps no positions, so that a clean ledger costs nothing for them; the files that
have problems are read once more here, only as far as their problems.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, Place
from .read import positions

if TYPE_CHECKING:
    from .read.yaml import RecordPlaces

__all__ = ["locate"]


def locate(
    diagnostics: Iterable[Diagnostic], places: Mapping[Path, RecordPlaces] | None = None
) -> list[Diagnostic]:
    """The diagnostics with every position filled in, sorted in reading order.

    Each file with problems is read again, as far as the last value concerned, noting
    the positions of those values and of what holds them: a value that is missing (a field
    left out) is placed at the nearest value that would hold it. `places` are those that
    reading noted of each file (`ParsedFile.places`).
    """
    diagnostics = list(diagnostics)
    wanted: dict[Path, set[str]] = defaultdict(set)
    for diagnostic in diagnostics:
        if diagnostic.line is None:
            wanted[diagnostic.file].add(diagnostic.pointer)
            for place in diagnostic.related:
                wanted[place.file].add(place.pointer)
    noted = places or {}
    cache = {file: positions(file, pointers, noted.get(file)) for file, pointers in wanted.items()}

    def find(file: Path, pointer: str, on_key: bool) -> tuple[int, int]:
        table = cache[file]
        while True:
            position = table.get(pointer)
            if position is not None:
                if on_key:
                    return position.key_line, position.key_column
                return position.line, position.column
            if not pointer:
                return 1, 1
            pointer = pointer.rsplit("/", 1)[0]
            on_key = False

    located = []
    for diagnostic in diagnostics:
        if diagnostic.line is not None:
            located.append(diagnostic)
            continue
        line, column = find(diagnostic.file, diagnostic.pointer, diagnostic.on_key)
        related = tuple(
            Place(p.file, p.pointer, *find(p.file, p.pointer, False)) for p in diagnostic.related
        )
        located.append(diagnostic.located(line, column, related))
    return sorted(located, key=Diagnostic.sort_key)
