"""Spreading per-file work (reading record files, loading archived texts) over the cores.

Reading YAML is most of what `ledger validate` spends on a large ledger, and every file
reads on its own, so a large ledger is read by worker processes, one per core, while this
process builds records from the files already read. Results come back in the order of
the files, so the ledger, its diagnostics and its exports are the same whichever way it
was read.

Workers are forked (Linux), which costs milliseconds: they start with everything this
process has imported. Where fork is not the safe default (macOS, Windows) or other threads
are running, the work stays in this process: a spawned worker would import the package
again, and costs about 0.3 s before it reads anything. Small ledgers stay in this process
too, since a pool would cost more than it saves.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future


__all__ = ["PARALLEL_MIN_BYTES", "Workers", "choose_jobs", "usable_cores"]

_T = TypeVar("_T")

PARALLEL_MIN_BYTES = 1 << 20
"""YAML record files of at least this many bytes in all are read by workers (when jobs is
automatic): about 1,800 records, which one core reads in about 0.15 s. JSON files do not
count: the standard library reads them about as fast as their values could be sent back."""


def usable_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - platforms without affinity


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def choose_jobs(requested: int | None, work_bytes: int) -> int:
    """How many worker processes to use: 0 means this process does the work alone.

    `requested` is the user's choice: None for automatic, 1 for no workers, N for N.
    Automatic uses one worker per usable core, for work of `PARALLEL_MIN_BYTES` or more.
    """
    if requested is not None and requested < 0:
        raise ValueError(f"jobs must be 0 (automatic) or more, not {requested}")
    if requested == 0:
        requested = None
    if not _can_fork():
        return 0
    if requested is None:
        cores = usable_cores()
        return cores if cores > 1 and work_bytes >= PARALLEL_MIN_BYTES else 0
    return requested if requested > 1 else 0


_CHUNKS_PER_WORKER = 32
"""Calls are sent in chunks, this many per worker: enough to share the work out evenly,
few enough that sending them costs little (10,000 texts one by one took twice as long)."""


def _run_chunk(function: Callable[..., _T], calls: list[tuple[Any, ...]]) -> list[_T]:
    return [function(*call) for call in calls]


class Workers:
    """A pool of forked worker processes, or none: then `map` runs in this process.

    Use it as a context manager; the workers end when the block does.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: Any = None
        if jobs > 0:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))

    def map(self, function: Callable[..., _T], *arguments: Iterable[Any]) -> Iterator[_T]:
        """function applied to each set of arguments, results in order.

        The calls go to the workers in chunks, all at once. While the next chunk in order
        is not ready, this process takes the next chunk that no worker has started and
        runs it itself, so that no core waits and few results wait for their turn. The
        function and its arguments must be picklable: a module-level function and plain
        values.
        """
        if self._pool is None:
            return map(function, *arguments)
        from concurrent.futures.process import BrokenProcessPool

        calls = list(zip(*arguments, strict=True))
        size = max(1, len(calls) // (self.jobs * _CHUNKS_PER_WORKER))
        chunks = [calls[start : start + size] for start in range(0, len(calls), size)]
        try:
            futures = {
                index: self._pool.submit(_run_chunk, function, chunk)
                for index, chunk in enumerate(chunks)
            }
        except (OSError, BrokenProcessPool):  # no fork allowed (limits), or a worker died
            self.close()
            return map(function, *zip(*calls, strict=True))
        return self._in_order(function, chunks, futures)

    @staticmethod
    def _in_order(
        function: Callable[..., _T],
        chunks: list[list[tuple[Any, ...]]],
        futures: dict[int, Future[list[_T]]],
    ) -> Iterator[_T]:
        from concurrent.futures.process import BrokenProcessPool

        # Futures are popped as their turn comes: their results are large.
        done_here: dict[int, list[_T]] = {}
        ahead = 0  # every chunk before this one was started by a worker or run here
        for index in range(len(chunks)):
            future = futures.pop(index)
            ahead = max(ahead, index + 1)
            while index not in done_here and not future.done() and ahead < len(chunks):
                if futures[ahead].cancel():  # no worker has started it
                    done_here[ahead] = _run_chunk(function, chunks[ahead])
                ahead += 1
            if index in done_here:
                yield from done_here.pop(index)
                continue
            try:
                results = future.result()
            except BrokenProcessPool:  # a worker died (killed, out of memory): go on here
                results = _run_chunk(function, chunks[index])
            yield from results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
