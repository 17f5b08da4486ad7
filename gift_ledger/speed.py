"""The speed policy: every choice made only to go faster, in one place.

Nothing here changes a result: the ledger, its diagnostics and its exports are the same
bytes whatever is decided here (the tests read ledgers both ways). What is decided:

- `at_start`: the `ledger` command turns the cycle collector off for its whole run and
  skips pydantic's scan for plugins.
- `collector_paused`: loading or exporting a ledger as a library call pauses the cycle
  collector while it builds.
- `loading`: the worker processes that load a ledger, and which of its work they take
  (the record files, the archived texts, or nothing); YAML files go to workers only when
  the exact reader reads them all (no compiled fast path, `gift_ledger.read.yaml_fast`).
- `texts_last`: the checks that read archived texts run after the others, so that
  workers load the texts while the others run.

Why the cycle collector: loading a ledger creates hundreds of thousands of objects that
all live to the end, and none of them in a reference cycle. The collector does not know
that: each pass over the older generations walks every live object, and passes come more
often as the ledger grows. For 10,000 gifts that was about a fifth of `ledger validate`.
Pausing it loses nothing: reference counting still frees every object that is not in a
cycle the moment it is dropped, and the collector resumes, as it was before, when the
work is done.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .workers import Workers

__all__ = ["Loading", "at_start", "collector_paused", "loading", "texts_last"]

_T = TypeVar("_T")


def at_start() -> None:
    """Set up the `ledger` command's process for a short run."""
    # A run is short and makes next to no reference cycles: the cycle collector would only
    # walk the ledger in memory again and again, and the operating system takes back all
    # memory at exit anyway.
    gc.disable()
    # pydantic looks for plugins (observability hooks) among the entry points of every
    # installed package the first time a model is built: 30 ms or more at each start, for
    # hooks on models that are this tool's own business. Set the variable to have them.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cycle collector off; restore its state afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Loading:
    """Where the work of loading one ledger runs: `read` the files, `map` other work."""

    workers: Workers
    read_in_workers: bool

    def read(self, read_file: Callable[..., _T], *arguments: Iterable[Any]) -> Iterable[_T]:
        """read_file applied to each file's arguments, results in order of the files."""
        if self.read_in_workers:
            # Workers start reading now, while this process imports what builds records.
            return self.workers.map(read_file, *arguments, share=True)
        # JSON reads faster here than its values would travel back from a worker.
        return map(read_file, *arguments)

    def map(self, function: Callable[..., _T], *arguments: Iterable[Any]) -> Iterator[_T]:
        """function applied to each set of arguments in workers (if any), results later."""
        return self.workers.map(function, *arguments)


@contextmanager
def loading(files: Sequence[Path], jobs: int | None) -> Iterator[Loading]:
    """The workers that load a ledger of these files, with the collector paused.

    `jobs` is the user's choice: None or 0 for automatic, 1 for none, N for N.
    """
    from .read import yaml_fast
    from .workers import Workers, choose_jobs  # threads and processes: only when loading

    sizes = [_size(path) for path in files]
    yaml_sizes = (
        size for path, size in zip(files, sizes, strict=True) if path.suffix.lower() != ".json"
    )
    # Read by the compiled fast path, YAML comes back from a worker slower than it reads
    # here, as JSON does: then only the archived texts are worth workers.
    yaml_bytes = 0 if yaml_fast.ENABLED else sum(yaml_sizes)
    # A large ledger gets workers even if it is JSON, for its archived texts: they are
    # forked now, while this process is small (see Workers). Decided first: once there
    # are workers, a thread runs beside this one and no more are forked.
    read_in_workers = choose_jobs(jobs, yaml_bytes) > 0
    with collector_paused(), Workers(choose_jobs(jobs, sum(sizes))) as workers:
        yield Loading(workers, read_in_workers)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def texts_last(checks: Iterable[_T], reading_texts: Collection[_T]) -> list[_T]:
    """The checks in their order, those reading archived texts moved after the others.

    Workers may still be loading the texts (see `loading`) until a check needs them.
    """
    ordered = list(checks)
    return [c for c in ordered if c not in reading_texts] + [
        c for c in ordered if c in reading_texts
    ]
