"""Benchmark the listed-trade screen against a naive loop, measured in the same run.

Run ``python benchmarks/sanctions.py``. It builds the sanctions tables from the real
``data/raw`` into a temporary folder, then times, for China -> Russia and every list:

* screen: :func:`econ.indicators.sanctions.screen_listed_trade` (all columns: bounds,
  shares, growth, top codes, caveats), best of ``--repeat`` runs;
* naive loop: the central value only, by a Python loop over list codes, their HS2017
  links and BACI rows indexed in a dict (the obvious hand-written version), checked to
  give the same values.

Ratios are naive time / screen time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd

import econ
from econ.indicators.sanctions import screen_listed_trade

REPO = Path(__file__).resolve().parents[1]
TABLES = ("core_baci__yearly_product_trade", "core_sanctions__hs_lists",
          "core_hs__concordance_hs2022_hs2017")


def _naive(trade: pd.DataFrame, lists: pd.DataFrame, concordance: pd.DataFrame) -> dict:
    values: dict[tuple[int, str], float] = defaultdict(float)
    for row in trade.itertuples():
        if row.exporter_iso3 == "CHN" and row.importer_iso3 == "RUS":
            values[(row.year, row.hs6)] += row.value_usd
    links: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for row in concordance.dropna(subset=["hs2022", "hs2017"]).itertuples():
        links[row.hs2022].append((row.hs2017, row.weight))
    years = sorted({year for year, _ in values})
    out = {}
    for (name, tier), group in lists.groupby(["list_name", "tier"]):
        fraction: dict[str, float] = defaultdict(float)
        direct = {r.hs6 for r in group.itertuples() if r.hs_revision == "HS2017"}
        for row in group.itertuples():
            if row.hs_revision == "HS2017":
                fraction[row.hs6] = 1.0
                continue
            for hs2017, weight in links[row.hs6]:
                if hs2017 not in direct:
                    fraction[hs2017] = min(1.0, fraction[hs2017] + weight)
        for year in years:
            out[(name, tier, year)] = sum(f * values.get((year, code), 0.0)
                                          for code, f in fraction.items())
    return out


def _best(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def main(argv: list[str]) -> int:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "data").mkdir()
        (root / "data" / "raw").symlink_to(REPO / "data" / "raw")
        report = econ.refresh(root=root, only=list(TABLES))
        if not report.ok:
            print(report.summary())
            return 1
        trade, lists, concordance = (econ.load(t, root=root) for t in TABLES)
    screen_time, screen = _best(lambda: screen_listed_trade(
        trade, lists, concordance, exporter="CHN", importer="RUS"), args.repeat)
    naive_time, naive = _best(lambda: _naive(trade, lists, concordance), args.repeat)
    check = screen[screen.tier != "all"].set_index(["list_name", "tier", "year"])["value_usd"]
    worst = max(abs(check[k] - v) / max(abs(v), 1.0) for k, v in naive.items())
    rows = [("screen_listed_trade (all columns)", screen_time),
            ("naive loop (central value only)", naive_time)]
    print(f"{'step':<36}{'seconds':>10}{'vs naive':>10}")
    for label, seconds in rows:
        print(f"{label:<36}{seconds:>10.3f}{naive_time / seconds:>9.1f}x")
    print(f"{len(check)} list-tier-years; largest relative difference {worst:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
