"""Checking many plans at once: one ordered map over worker processes."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this much input (bytes) in all, starting workers costs more than it saves.
MIN_PARALLEL_BYTES = 512 * 1024


def cpu_count() -> int:
    """The worker processes to use: ``POKIN_JOBS`` if set, else the cores this process may use."""
    jobs = os.environ.get("POKIN_JOBS", "").strip()
    if jobs.isdigit() and int(jobs) > 0:
        return int(jobs)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def parallel_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    sizes: Sequence[int] | None = None,
    min_bytes: int = MIN_PARALLEL_BYTES,
) -> list[R]:
    """``[fn(item) for item in items]``, spread over the machine's cores.

    Results come back in the order of ``items``; an exception in ``fn`` is
    raised here as it would be serially. Each worker holds one item's work at
    a time, so memory does not grow with the number of items. Few items, a
    small total ``sizes`` (bytes), one core, or a process that cannot start
    workers: the map runs serially in this process. ``fn`` and its results
    must pickle (a module-level function or a ``functools.partial`` of one).
    """
    workers = min(cpu_count(), len(items))
    if workers < 2 or (sizes is not None and sum(sizes) < min_bytes):
        return [fn(item) for item in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts at once with pokin already imported; it is only safe
    # while this process runs a single thread
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else None
    try:
        context = multiprocessing.get_context(method)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    except (OSError, ValueError, NotImplementedError):  # pragma: no cover - no processes here
        return [fn(item) for item in items]
    with pool:
        return list(pool.map(fn, items, chunksize=1))
