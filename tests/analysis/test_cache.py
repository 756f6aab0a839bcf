"""econ.analysis._cache: one shared computation per content, started early on request."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pandas as pd
import pytest

from econ.analysis import _cache
from econ.context import BuildContext


def _context(tmp_path: Path, frame: pd.DataFrame, name: str = "t") -> BuildContext:
    """A context whose one upstream table has no provenance (so its data are hashed)."""
    spec = SimpleNamespace(name=name, upstream=("up",))
    paths = SimpleNamespace(table_path=lambda table: tmp_path / f"{table}.parquet")
    return cast(BuildContext, SimpleNamespace(spec=spec, paths=paths, pairs=(),
                                              table=lambda table: frame))


def test_concurrent_callers_share_one_computation(tmp_path: Path) -> None:
    calls: list[int] = []
    gate = threading.Event()

    def compute(tables: list[pd.DataFrame]) -> dict[str, Any]:
        calls.append(1)
        gate.wait(5)
        return {"n": len(tables[0])}

    ctx = _context(tmp_path, pd.DataFrame({"x": [1, 2, 3]}))
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(_cache.shared(ctx, ["up"],
                                                                              compute)))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    gate.set()
    for thread in threads:
        thread.join(5)
    assert len(calls) == 1
    assert len(results) == 3 and all(r is results[0] for r in results)
    # other content is computed anew
    assert _cache.shared(_context(tmp_path, pd.DataFrame({"x": [1]})), ["up"],
                         compute) == {"n": 1}
    assert len(calls) == 2


def test_prefetch_runs_the_builder_early_and_the_build_takes_its_result(
        tmp_path: Path) -> None:
    calls: list[str] = []

    def compute(tables: list[pd.DataFrame]) -> pd.DataFrame:
        calls.append("computed")
        return tables[0] * 2

    @_cache.prefetchable
    def builder(ctx: BuildContext) -> pd.DataFrame:
        return _cache.shared(ctx, ["up"], compute)

    ctx = _context(tmp_path, pd.DataFrame({"x": [10, 20]}))
    _cache.prefetch(builder, ctx)
    built = builder(ctx)  # waits for the early start if it is still running
    assert built["x"].tolist() == [20, 40]
    assert calls == ["computed"]


def test_a_failed_early_start_leaves_the_error_to_the_build(tmp_path: Path) -> None:
    attempts: list[int] = []

    def compute(tables: list[pd.DataFrame]) -> pd.DataFrame:
        attempts.append(1)
        raise ValueError("bad upstream data in up")

    @_cache.prefetchable
    def builder(ctx: BuildContext) -> pd.DataFrame:
        return _cache.shared(ctx, ["up"], compute)

    ctx = _context(tmp_path, pd.DataFrame({"x": [5]}))
    _cache.prefetch(builder, ctx)
    with pytest.raises(ValueError, match="bad upstream data in up"):
        builder(ctx)
    assert 1 <= len(attempts) <= 2  # the build reports the error, whether or not it waited


def test_only_marked_builders_are_prefetched(tmp_path: Path) -> None:
    def builder(ctx: BuildContext) -> pd.DataFrame:
        return pd.DataFrame()

    assert not _cache.can_prefetch(builder)
    with pytest.raises(ValueError, match="not prefetchable"):
        _cache.prefetch(builder, _context(tmp_path, pd.DataFrame()))


def test_an_undeclared_upstream_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="not upstream of t"):
        _cache.shared(_context(tmp_path, pd.DataFrame()), ["other"], lambda tables: 0)
