"""A progress bar on stderr for long runs in a terminal, and nothing anywhere else.

The bar appears only when stderr is a terminal, `CI` is not set, and the run has lasted
longer than a moment (`DELAY` seconds), so that quick runs, pipes and CI logs stay exactly
as they were. It is drawn with rich, which typer already brings.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .validate import Progress

__all__ = ["DELAY", "file_progress", "wanted"]

DELAY = 0.5
"""Seconds before the bar appears: shorter runs never show one."""


def wanted(stream: TextIO) -> bool:
    """Whether a progress bar belongs on stream: a terminal, outside CI."""
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


@contextmanager
def file_progress(label: str, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A callback that advances a bar of record files read, or None when none is wanted."""
    stream = stream if stream is not None else sys.stderr
    if not wanted(stream):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    started = time.monotonic()
    bar = Bar(
        f"[progress.description]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=stream),
        transient=True,
    )
    task = bar.add_task(label, total=None)

    def advance(done: int, total: int) -> None:
        if not bar.live.is_started and time.monotonic() - started >= DELAY:
            bar.start()
        bar.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        if bar.live.is_started:
            bar.stop()
