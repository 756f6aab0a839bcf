"""One computation shared by several out tables within a refresh, started early if asked.

Some out tables are views of one expensive computation (the test battery and its
verdicts; the forecasts, their scores and their ranking). The computation runs once per
set of upstream tables; a second table built from the same upstream data reuses it.

A builder marked :func:`prefetchable` may be started by the refresh in a background
thread as soon as its upstream tables are built (:func:`prefetch`): its computation
(which waits on worker processes) then runs beside the tables built meanwhile, and the
table's own build takes the result, or waits for it. Results are keyed by the upstream
tables' content, so an early start can never hand a table a result of other data.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from econ.store import read_provenance

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["can_prefetch", "prefetch", "prefetchable", "shared"]

T = TypeVar("T")
Builder = Callable[["BuildContext"], pd.DataFrame]
B = TypeVar("B", bound=Builder)
_CACHE: dict[tuple[str, object, str], Future[Any]] = {}
_LOCK = threading.Lock()
_PREFETCHABLE: set[Callable[..., Any]] = set()


def _content(ctx: BuildContext, upstream: Sequence[str]) -> tuple[str, ...] | None:
    """The upstream tables' content digests, read from their provenance.

    Read without the data; None when a table has none (then the data are hashed).
    """
    digests = []
    for name in upstream:
        if name not in ctx.spec.upstream:
            raise KeyError(f"{name} is not upstream of {ctx.spec.name}; declare it")
        provenance = read_provenance(ctx.paths.table_path(name))
        digest = provenance.get("content_sha256") if provenance else None
        if not isinstance(digest, str):
            return None
        digests.append(digest)
    return tuple(digests)


def shared(ctx: BuildContext, upstream: Sequence[str],
           compute: Callable[[list[pd.DataFrame]], T]) -> T:
    """``compute(tables)`` for the upstream tables' content and the pairs, computed once.

    Parameters
    ----------
    ctx : BuildContext
        The building table's context (the tables must be its declared upstream).
    upstream : sequence of str
        Upstream tables passed to ``compute``, in order.
    compute : callable
        Pure function of the tables; its result is cached by their content (the content
        digests their provenance records, so a cached result costs no read of the data).
        A call while another thread computes the same result waits for it.
    """
    content: object = _content(ctx, upstream)
    tables = None
    if content is None:
        tables = [ctx.table(name) for name in upstream]
        content = hash(tuple(int(pd.util.hash_pandas_object(t).sum()) for t in tables))
    # the pairs are part of the key: the same tables answer different pairs differently
    key = (compute.__module__ + "." + compute.__qualname__, content,
           ",".join(str(p) for p in ctx.pairs))
    with _LOCK:
        future = _CACHE.get(key)
        owner = future is None
        if future is None:
            for old in [k for k in _CACHE if k[0] == key[0]]:
                del _CACHE[old]
            future = _CACHE[key] = Future()
    if owner:
        try:
            future.set_result(compute(tables if tables is not None
                                      else [ctx.table(name) for name in upstream]))
        except BaseException as exc:
            with _LOCK:  # not cached: the next table computes again and reports its error
                _CACHE.pop(key, None)
            future.set_exception(exc)
            raise
    result: T = future.result()
    return result


def prefetchable(builder: B) -> B:
    """Mark a builder whose :func:`shared` computation the refresh may start early."""
    _PREFETCHABLE.add(builder)
    return builder


def can_prefetch(builder: Callable[..., Any]) -> bool:
    """Whether ``builder`` was marked :func:`prefetchable`."""
    return builder in _PREFETCHABLE


def prefetch(builder: Builder, ctx: BuildContext) -> None:
    """Run ``builder(ctx)`` in a background thread for its cached computation.

    The frame it returns is dropped and so is any error: the table's own build (which
    finds the result cached, or waits for it) returns the frame and reports the error.
    """
    if not can_prefetch(builder):
        raise ValueError(f"builder {builder.__qualname__} is not prefetchable; mark it "
                         "with econ.analysis._cache.prefetchable")

    def run() -> None:
        with contextlib.suppress(Exception):
            builder(ctx)

    threading.Thread(target=run, name=f"prefetch {ctx.spec.name}", daemon=True).start()
