"""One computation shared by several out tables within a refresh.

Some out tables are views of one expensive computation (the test battery and its
verdicts; the forecasts, their scores and their ranking). The computation runs once per
set of upstream tables; a second table built from the same upstream data reuses it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import pandas as pd

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["shared"]

T = TypeVar("T")
_CACHE: dict[tuple[str, int, str], object] = {}


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
        Pure function of the tables; its result is cached by their content.
    """
    tables = [ctx.table(name) for name in upstream]
    digest = hash(tuple(int(pd.util.hash_pandas_object(t).sum()) for t in tables))
    # the pairs are part of the key: the same tables answer different pairs differently
    key = (compute.__module__ + "." + compute.__qualname__, digest,
           ",".join(str(p) for p in ctx.pairs))
    if key not in _CACHE:
        stale = [k for k in _CACHE if k[0] == key[0]]
        for old in stale:
            del _CACHE[old]
        _CACHE[key] = compute(tables)
    return _CACHE[key]  # type: ignore[return-value]
