"""The refresh lock, shared by ``econ fetch`` and ``econ refresh`` (one writer at a time)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from econ.paths import Paths

__all__ = ["hold"]

#: Seconds to wait for a running refresh when ``wait`` is true.
WAIT_SECONDS = 3600.0


@contextmanager
def hold(paths: Paths, wait: bool) -> Iterator[None]:
    """Hold the refresh lock on ``data/processed`` (see ``econ.refresh``).

    Raises
    ------
    econ.errors.LockHeldError
        If another refresh or fetch holds it and ``wait`` is false (or the wait times out).
    """
    from econ.refresh import _lock

    with _lock(paths, wait=wait, timeout=WAIT_SECONDS):
        yield
