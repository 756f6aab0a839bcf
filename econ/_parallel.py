"""Map a function over items in worker processes that cannot outlive the refresh.

Workers are spawned as fresh interpreters (``spawn``), not forked from the refresh, so
they inherit neither its lock nor its open files, and each asks the kernel to kill it
when the refresh dies (Linux ``PR_SET_PDEATHSIG``), so a ``kill -9`` of the refresh
leaves no worker behind. (A fork server would be cheaper to start but becomes the
workers' parent and outlives a killed refresh together with them.) Exceptions raised in
a worker come back as themselves (every ``econ`` error pickles with its message); a
worker that dies becomes an :class:`econ.errors.EconError` naming the work.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from econ.errors import EconError

__all__ = ["map_in_workers"]

T = TypeVar("T")
R = TypeVar("R")
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Worker initializer: be killed when the parent process dies (Linux only)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def map_in_workers(function: Callable[[T], R], items: Sequence[T], *, what: str,
                   max_workers: int = 8, min_items: int = 16, chunksize: int = 8
                   ) -> list[R]:
    """``[function(x) for x in items]``, in worker processes when it pays.

    Parameters
    ----------
    function : callable
        A module-level function (it is pickled by name).
    items : sequence
        Its arguments; results come back in the same order.
    what : str
        What the work is, for the error raised if a worker dies (e.g. the folder read).
    max_workers, min_items, chunksize : int
        At most ``max_workers`` processes (and no more than the cores); below
        ``min_items`` items, or on one core, everything runs in this process.

    Raises
    ------
    EconError
        If a worker process died (killed, out of memory) instead of returning.
    """
    workers = min(os.cpu_count() or 1, max_workers)
    if workers < 2 or len(items) < min_items:
        return [function(item) for item in items]
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            return list(pool.map(function, items, chunksize=chunksize))
    except BrokenProcessPool as exc:
        raise EconError(f"a worker process died while reading {what} ({exc}); run the "
                        "refresh again, and check the machine's memory if it recurs") from None
