"""The worker pool: results in order, whoever ran each call; when workers are used at all."""

from __future__ import annotations

import os
import threading
import time

import pytest

from gift_ledger.workers import PARALLEL_MIN_BYTES, Workers, choose_jobs, usable_cores


def slow_square(number: int, delay: float) -> tuple[int, int]:
    """The square, after a pause, with the process that computed it."""
    time.sleep(delay)
    return number * number, os.getpid()


def test_results_come_in_order_from_workers_and_from_this_process() -> None:
    numbers = list(range(300))
    # The first calls are slow, so this process takes over later chunks while it waits.
    delays = [0.05 if n < 10 else 0.0 for n in numbers]
    with Workers(2) as workers:
        results = list(workers.map(slow_square, numbers, delays, share=True))
    assert [square for square, _ in results] == [n * n for n in numbers]
    processes = {pid for _, pid in results}
    assert os.getpid() in processes  # this process ran some chunks itself
    assert len(processes) >= 2  # and workers ran others


def test_without_sharing_the_workers_run_every_call() -> None:
    numbers = list(range(100))
    with Workers(2) as workers:
        results = list(workers.map(slow_square, numbers, [0.001] * len(numbers)))
    assert [square for square, _ in results] == [n * n for n in numbers]
    assert os.getpid() not in {pid for _, pid in results}


def test_without_workers_map_runs_here() -> None:
    with Workers(0) as workers:
        results = list(workers.map(slow_square, [1, 2, 3], [0.0] * 3))
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def test_automatic_jobs_follow_size_and_cores() -> None:
    cores = usable_cores()
    assert choose_jobs(None, PARALLEL_MIN_BYTES) == (cores if cores > 1 else 0)
    assert choose_jobs(0, PARALLEL_MIN_BYTES) == choose_jobs(None, PARALLEL_MIN_BYTES)
    assert choose_jobs(None, PARALLEL_MIN_BYTES - 1) == 0
    assert choose_jobs(1, 10**9) == 0
    assert choose_jobs(3, 0) == 3
    with pytest.raises(ValueError, match="jobs must be"):
        choose_jobs(-1, 0)


def test_no_workers_are_forked_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert choose_jobs(4, 10**9) == 0
    finally:
        stop.set()
        thread.join()


def dies_in_a_worker(number: int, parent: int) -> int:
    """The number, except that a worker process dies on the spot instead."""
    if os.getpid() != parent:
        os._exit(1)
    return number


def test_a_worker_that_dies_loses_nothing() -> None:
    numbers = list(range(50))
    with Workers(2) as workers:
        results = list(workers.map(dies_in_a_worker, numbers, [os.getpid()] * len(numbers)))
    assert results == numbers
    with Workers(2) as workers:
        shared = workers.map(dies_in_a_worker, numbers, [os.getpid()] * len(numbers), share=True)
        assert list(shared) == numbers


def test_when_the_system_refuses_to_fork_everything_runs_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    with Workers(2) as workers:
        results = list(workers.map(slow_square, [1, 2, 3], [0.0] * 3))
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
