"""The speed policy: every choice made only to go faster, in one place.

Nothing here changes a result: the ledger, its diagnostics and its exports are the same
bytes whatever is decided here. What is decided:

- `at_start`: the `ledger` command turns the cycle collector off for its whole run and
  skips pydantic's scan for plugins.
- `collector_paused`: loading or exporting a ledger as a library call pauses the cycle
  collector while it builds.

A ledger is read and checked in one process. Worker processes that read the record files
and archived texts were measured against it (issue #20, docs/performance.md): at 100,000
gifts, once YAML reads as fast as JSON, they saved 6 to 7 % on a quiet 2-core machine and
nothing on a busy one, so they were removed for simpler code.

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
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["at_start", "collector_paused"]


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
