"""Benchmark the product-level dependence screen: DuckDB SQL against a pandas groupby.

Run ``python benchmarks/screen.py`` (default: 20 M rows). It builds a seeded random
BACI-shaped panel (``year, exporter_iso3, importer_iso3, hs6, value_usd, quantity_t``;
200 economies, 5,000 HS6 products, 5 years, unique keys, skewed exporter sizes and
log-normal values), writes it to Parquet (one file per year) in a temporary folder, and
screens one importer for every year (best of ``--repeat`` runs) with:

* ``duckdb parquet``: :func:`econ.indicators.dependence_screen` on the Parquet glob (the
  SQL reads the files itself);
* ``pandas parquet`` (the baseline): ``pandas.read_parquet`` and the same screen written
  as pandas groupbys;
* ``duckdb frame``: ``pandas.read_parquet`` and :func:`dependence_screen` on the
  DataFrame (DuckDB scans pandas memory).

Each runs in a fresh subprocess; its peak memory is the process's peak resident set size
(``VmHWM`` in /proc/self/status, which a new program starts afresh, unlike
``getrusage``'s ``ru_maxrss``, which keeps the parent's peak across fork and exec) minus
its resident size after the imports, so it counts what the job allocated, in Python,
NumPy, Arrow or DuckDB alike. Ratios are against the pandas
baseline measured in the same run (``3.0x`` time = three times faster; ``0.2x`` memory =
a fifth of the memory). Both engines' screens are compared at the end; a mismatch stops
the benchmark. DuckDB uses every core it is given; pandas runs on one.
"""

from __future__ import annotations

import argparse
import json
import os
import string
import subprocess
import sys
import tempfile
import time
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ENGINES = ("pandas parquet", "duckdb parquet", "duckdb frame")
BASELINE = "pandas parquet"
KEYS = ["year", "hs6"]


def _codes(n: int, *, must: tuple[str, ...] = ("CHN", "RUS")) -> list[str]:
    letters = ("".join(p) for p in product(string.ascii_uppercase, repeat=3))
    return list(must) + [c for c in letters if c not in must][: n - len(must)]


def make_panel(rows: int, *, seed: int, countries: int, products: int,
               years: int) -> dict[int, pa.Table]:
    """A BACI-shaped panel with ``rows`` unique (year, exporter, importer, hs6) keys."""
    rng = np.random.default_rng(seed)
    size = 1.0 / np.arange(1, countries + 1) ** 1.1  # a few large exporters, a long tail
    size /= size.sum()
    draw = int(rows * 1.15)
    keys = (rng.integers(0, years, draw, dtype=np.int64) * countries
            + rng.choice(countries, draw, p=size)) * countries
    keys = (keys + rng.integers(0, countries, draw)) * products + rng.integers(0, products, draw)
    keys = np.unique(keys)
    exporter = keys // products // countries % countries
    importer = keys // products % countries
    keys = keys[exporter != importer]
    if len(keys) < rows:
        raise RuntimeError(f"drew {len(keys)} unique keys, fewer than {rows}: raise the draw")
    keys = np.sort(rng.choice(keys, rows, replace=False))
    year = keys // products // countries // countries
    codes = pa.array(_codes(countries))
    hs6 = pa.array([f"{k:06d}" for k in range(10_000, 10_000 + products)])

    def text(indices: np.ndarray, dictionary: pa.Array) -> pa.Array:
        return pc.cast(pa.DictionaryArray.from_arrays(pa.array(indices.astype(np.int32)),
                                                      dictionary), pa.string())

    table = pa.table({
        "year": pa.array(2019 + year),
        "exporter_iso3": text(keys // products // countries % countries, codes),
        "importer_iso3": text(keys // products % countries, codes),
        "hs6": text(keys % products, hs6),
        "value_usd": pa.array(np.round(rng.lognormal(10.0, 2.5, rows), 3)),
        "quantity_t": pa.array(np.round(rng.lognormal(3.0, 2.0, rows), 3)),
    })
    return {int(y): table.filter(pc.equal(table["year"], int(y)))
            for y in np.unique(2019 + year)}


def pandas_screen(panel: pd.DataFrame, importer: str, *, hhi_threshold: float = 0.4,
                  ratio_threshold: float = 1.0, world_hhi_threshold: float = 0.4,
                  window_years: int = 3, min_years: int = 2) -> pd.DataFrame:
    """The screen of ``econ/indicators/sql/dependence_screen.sql``, in pandas groupbys."""
    flows = panel.loc[panel["value_usd"] > 0, ["year", "exporter_iso3", "importer_iso3",
                                                "hs6", "value_usd"]]
    group = {"sort": False, "observed": True}
    by_exporter = flows.groupby([*KEYS, "exporter_iso3"], **group)["value_usd"].sum()
    by_exporter = by_exporter.reset_index()
    world = (by_exporter.assign(sq=by_exporter["value_usd"] ** 2).groupby(KEYS, **group)
             .agg(total=("value_usd", "sum"), sq=("sq", "sum"),
                  n_world_exporters=("value_usd", "size")))
    world["world_export_hhi"] = world["sq"] / world["total"] ** 2
    suppliers = (flows[flows["importer_iso3"] == importer]
                 .groupby([*KEYS, "exporter_iso3"], **group)["value_usd"].sum().reset_index())
    screen = (suppliers.assign(sq=suppliers["value_usd"] ** 2).groupby(KEYS, **group)
              .agg(imports_usd=("value_usd", "sum"), sq=("sq", "sum"),
                   n_suppliers=("value_usd", "size")))
    screen["supplier_hhi"] = screen["sq"] / screen["imports_usd"] ** 2
    top = (suppliers.sort_values(["value_usd", "exporter_iso3"], ascending=[False, True])
           .drop_duplicates(KEYS).set_index(KEYS))
    exports = by_exporter[by_exporter["exporter_iso3"] == importer].set_index(KEYS)["value_usd"]
    screen = screen.join(world[["world_export_hhi", "n_world_exporters"]])
    screen["exports_usd"] = exports.reindex(screen.index).fillna(0.0)
    screen["import_export_ratio"] = (screen["imports_usd"] / screen["exports_usd"]).where(
        screen["exports_usd"] > 0)
    screen["top_supplier_iso3"] = top["exporter_iso3"].reindex(screen.index)
    screen["top_supplier_share"] = top["value_usd"].reindex(screen.index) / screen["imports_usd"]
    screen["is_concentrated"] = screen["supplier_hhi"] > hhi_threshold
    screen["is_net_importer"] = screen["imports_usd"] > ratio_threshold * screen["exports_usd"]
    screen["is_world_concentrated"] = screen["world_export_hhi"] > world_hhi_threshold
    screen["is_dependent"] = (screen["is_concentrated"] & screen["is_net_importer"]
                              & screen["is_world_concentrated"])
    dependent = screen["is_dependent"].unstack("year", fill_value=False)
    years = sorted(flows["year"].unique())
    persistent = {}
    for year in years:
        window = [y for y in years if year - window_years < y <= year]
        count = dependent.reindex(columns=window, fill_value=False).sum(axis=1)
        persistent[year] = (count >= min_years).astype("boolean")
        if len(window) < window_years:  # the data do not cover the window
            persistent[year][:] = pd.NA
    by_year = pd.DataFrame(persistent).T.stack(future_stack=True)  # (year, hs6)
    screen["is_persistent"] = by_year.reindex(screen.index).astype("boolean")
    return screen.reset_index().assign(importer_iso3=importer).sort_values(KEYS)


def _status_kib(field: str) -> int:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process, from /proc (Linux)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field))


def child(engine: str, data: Path, importer: str, out: Path) -> dict[str, float]:
    """Run one engine in this process; return its times and memory."""
    import warnings

    from econ.errors import DataCaveatWarning
    from econ.indicators import dependence_screen

    warnings.simplefilter("ignore", DataCaveatWarning)
    start_rss = _status_kib("VmRSS")
    started = time.perf_counter()
    loaded = started
    if engine == "duckdb parquet":
        result = dependence_screen(str(data / "*.parquet"), importer)
    else:
        panel = pd.read_parquet(data)
        loaded = time.perf_counter()
        result = (pandas_screen(panel, importer) if engine == BASELINE
                  else dependence_screen(panel, importer))
    finished = time.perf_counter()
    peak = _status_kib("VmHWM")
    result.to_parquet(out)
    return {"read_s": loaded - started, "compute_s": finished - loaded,
            "total_s": finished - started, "peak_mib": (peak - start_rss) / 1024,
            "rows_out": len(result)}


def _compare(results: dict[str, Path]) -> int:
    base = pd.read_parquet(results[BASELINE]).set_index(KEYS).sort_index()
    flags = ["is_concentrated", "is_net_importer", "is_world_concentrated", "is_dependent"]
    for engine, path in results.items():
        other = pd.read_parquet(path).set_index(KEYS).sort_index()
        if not base.index.equals(other.index):
            raise SystemExit(f"{engine}: different products than the pandas baseline")
        for column in ["supplier_hhi", "world_export_hhi", "imports_usd", "exports_usd"]:
            np.testing.assert_allclose(other[column], base[column], rtol=1e-9,
                                       err_msg=f"{engine}: {column}")
        for column in [*flags, "is_persistent", "top_supplier_iso3"]:
            if not other[column].astype(str).equals(base[column].astype(str)):
                raise SystemExit(f"{engine}: column {column} differs from the pandas baseline")
    return int(base["is_dependent"].sum())


def main() -> None:
    """Build the panel, time each engine in a subprocess, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--seed", type=int, default=20_240_905)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--products", type=int, default=5_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--importer", default="RUS")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per engine; the fastest is kept")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.data, args.importer, args.out)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "baci"
        data.mkdir()
        started = time.perf_counter()
        parts = make_panel(args.rows, seed=args.seed, countries=args.countries,
                           products=args.products, years=args.years)
        for year, table in parts.items():
            pq.write_table(table, data / f"baci_{year}.parquet")
        size = sum(p.stat().st_size for p in data.iterdir()) / 2**20
        print(f"panel: {args.rows:,} rows, {args.countries} economies x {args.products:,} "
              f"HS6 x {args.years} years, {size:,.0f} MiB of Parquet, built in "
              f"{time.perf_counter() - started:.1f} s; importer {args.importer}; "
              f"{os.cpu_count()} cores")
        del parts
        measured, outputs = {}, {}
        for engine in ENGINES:
            outputs[engine] = Path(tmp) / f"{engine.replace(' ', '_')}.parquet"
            command = [sys.executable, __file__, "--child", engine, "--data", str(data),
                       "--importer", args.importer, "--out", str(outputs[engine])]
            runs = []
            for _ in range(args.repeat):
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode:
                    raise SystemExit(f"{engine} failed:\n{done.stderr}")
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            measured[engine] = min(runs, key=lambda run: run["total_s"])
        dependent = _compare(outputs)
    base = measured[BASELINE]
    print(f"\n| engine | read s | compute s | total s | rows/s | peak MiB | time vs "
          f"{BASELINE} | memory vs {BASELINE} |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for engine, m in measured.items():
        print(f"| {engine} | {m['read_s']:.2f} | {m['compute_s']:.2f} | {m['total_s']:.2f} | "
              f"{args.rows / m['total_s']:,.0f} | {m['peak_mib']:,.0f} | "
              f"{base['total_s'] / m['total_s']:.1f}x | {m['peak_mib'] / base['peak_mib']:.2f}x |")
    print(f"\nbest of {args.repeat} runs per engine; same screen from every engine: "
          f"{int(base['rows_out']):,} product-years, {dependent:,} flagged dependent")


if __name__ == "__main__":
    main()
