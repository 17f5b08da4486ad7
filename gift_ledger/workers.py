"""Spreading per-file work (reading record files, loading archived texts) over the cores.

Reading YAML with the exact reader is most of what `ledger validate` spends on a large
ledger, and every file reads on its own, so such a ledger is read by worker processes, one
per core, while this process builds records from the files already read (with the
compiled fast path, `speed` keeps YAML here, as JSON). Results come back in the order of
the files, so the ledger, its diagnostics and its exports are the same whichever way it
was read.

Workers are forked (Linux), which costs milliseconds: they start with everything this
process has imported. Where fork is not the safe default (macOS, Windows) or other threads
are running, the work stays in this process: a spawned worker would import the package
again, and costs about 0.3 s before it reads anything. Small ledgers stay in this process
too, since a pool would cost more than it saves.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future


__all__ = ["PARALLEL_MIN_BYTES", "Workers", "choose_jobs", "usable_cores"]

_T = TypeVar("_T")

PARALLEL_MIN_BYTES = 1 << 20
"""Work of at least this many bytes gets workers (when jobs is automatic). For YAML record
files that workers read (by the exact reader), that is about 1,800 records, which one core
reads in about 0.15 s. A JSON ledger this large gets workers for its archived texts only:
the standard library reads JSON about as fast as its values could be sent back."""


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


class _InOrder(Generic[_T]):
    """Chunks run by workers, or here when that is quicker or they are gone; results in order.

    The first chunks are queued as soon as this is made, so the workers start at once.
    """

    def __init__(
        self, pool: Any, function: Callable[..., _T], chunks: list[list[Any]], queued: int
    ) -> None:
        self.pool, self.function, self.chunks, self.queued = pool, function, chunks, queued
        self.futures: dict[int, Future[list[_T]]] = {}  # popped in turn: results are large
        self.done_here: dict[int, list[_T]] = {}
        self.following = 0  # the first chunk neither queued nor run here
        self.broken = False
        self.queue_more()

    def queue_more(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        while (
            not self.broken
            and self.following < len(self.chunks)
            and len(self.futures) < self.queued
        ):
            chunk = self.chunks[self.following]
            try:
                self.futures[self.following] = self.pool.submit(_run_chunk, self.function, chunk)
            except (OSError, BrokenProcessPool):  # no fork allowed (limits), or a worker died
                self.broken = True
                return
            self.following += 1

    def __iter__(self) -> Iterator[_T]:
        for index in range(len(self.chunks)):
            results = self.results(index)
            self.queue_more()  # before handing the results on, so that no worker idles
            yield from results

    def results(self, index: int) -> list[_T]:
        from concurrent.futures.process import BrokenProcessPool

        if index in self.done_here:
            return self.done_here.pop(index)
        future = self.futures.pop(index, None)
        if future is None:  # never queued: the workers are gone
            self.following = max(self.following, index + 1)
            return _run_chunk(self.function, self.chunks[index])
        while not future.done() and self.following < len(self.chunks):
            self.done_here[self.following] = _run_chunk(self.function, self.chunks[self.following])
            self.following += 1
        try:
            return future.result()
        except BrokenProcessPool:  # a worker died (killed, out of memory): go on here
            self.broken = True
            return _run_chunk(self.function, self.chunks[index])


def _end_with_parent(parent: int) -> None:
    """In a worker: end when the parent process ends, however it ends (issue #18).

    The parent's SIGTERM and SIGHUP handlers (signals.py) clean up after the parent: here
    the signals end the worker at once, as by default. On Linux the kernel sends SIGTERM
    when the parent dies, even by SIGKILL, so no worker outlives it.
    """
    import signal

    from .signals import STOPPING_SIGNALS

    for signum in STOPPING_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the request above was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1
"""prctl(2): the signal this process gets when its parent ends."""


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

            self._pool = ProcessPoolExecutor(
                jobs,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_end_with_parent,
                initargs=(os.getpid(),),
            )
            # The pool forks its workers on the first call: make that now, while this
            # process is small. Forked later, every page of the ledger this process then
            # touched would be copied. If the system refuses to fork, `map` finds that out.
            with contextlib.suppress(OSError):
                self._pool.submit(int)

    def map(
        self, function: Callable[..., _T], *arguments: Iterable[Any], share: bool = False
    ) -> Iterator[_T]:
        """function applied to each set of arguments, results in order.

        The calls go to the workers in chunks. With `share`, only a few chunks are queued
        for the workers at a time, and while the next result in order is not ready, this
        process runs the next chunk not yet queued itself: no core waits, and few results
        wait for their turn. Without it, every chunk is queued at once, for work whose
        results are wanted later. If a worker dies, or the system refuses to fork, the
        chunks it would have run are run here. The function and its arguments must be
        picklable: a module-level function and plain values.
        """
        if self._pool is None:
            return map(function, *arguments)
        calls = list(zip(*arguments, strict=True))
        size = max(1, len(calls) // (self.jobs * _CHUNKS_PER_WORKER))
        chunks = [calls[start : start + size] for start in range(0, len(calls), size)]
        queued = 2 * self.jobs if share else len(chunks)
        return iter(_InOrder(self._pool, function, chunks, queued))

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
