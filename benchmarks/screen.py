"""Benchmark the product dependence screen at BACI scale: DuckDB vs polars streaming vs pandas.

Run ``python benchmarks/screen.py`` (default: 20 M and 77 M rows; a full BACI HS17
release 2017-2023 has about 77 M). For each size it

1. builds a seeded synthetic release with :class:`econ.indicators.synthetic.SyntheticBaci`
   (226 economies, 5,381 HS6 products, 2017-2023, planted dependencies) as the zip CEPII
   publishes, cached under ``--cache`` (default ``/tmp/econ_screen_bench``);
2. writes it as hive-partitioned Parquet with
   :func:`econ.etl.baci_release.write_release_dataset` (its default 512 MB DuckDB memory
   limit; timed, peak memory measured; cached too);
3. screens one importer (default RUS) for every year with each engine, each run in a fresh
   subprocess, the engines taking turns ``--repeat`` times (best run kept):

   * ``duckdb``: :func:`econ.indicators.dependence_screen` on the folder (the portable SQL,
     memory limit ``--memory-limit``, ``--threads`` threads, spilling to disk);
   * ``polars streaming`` (the baseline): the same screen in polars' lazy API, collected
     with the streaming engine (``POLARS_MAX_THREADS`` = ``--threads``);
   * ``pandas``: ``pandas.read_parquet`` of the columns the screen needs, then groupbys
     (one core). Skipped when the machine has less than ``--pandas-min-free-gib`` of
     available memory.

Peak memory is the child's peak resident set size (``VmHWM`` in /proc/self/status), whole
process, imports included. Ratios are against polars streaming in the same run (``1.10x``
time = 10% slower than polars). The engines' screens are compared row for row at the end
(keys, flags, HHIs and shares to 1e-9); a mismatch stops the benchmark. ``--clean``
deletes the cache afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from econ.errors import DataCaveatWarning
from econ.indicators.screen import SCREEN_COLUMNS, ScreenThresholds, dependence_screen
from econ.indicators.synthetic import SyntheticBaci

ENGINES = ("duckdb", "polars streaming", "pandas")
BASELINE = "polars streaming"
KEYS = ["year", "importer_iso3", "hs6"]
FLAGS = [c for c in SCREEN_COLUMNS if c.startswith("is_")]
NUMBERS = ["imports_usd", "exports_usd", "supplier_hhi", "top_supplier_share",
           "top_supplier_world_share", "partner_share", "world_export_hhi"]
THRESHOLDS = ScreenThresholds()


def _peak_mib() -> float:
    """Peak resident set size of this process so far (``VmHWM``), in MiB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status
                    if line.startswith("VmHWM")) / 1024


def _available_gib() -> float:
    with open("/proc/meminfo") as meminfo:
        return next(int(line.split()[1]) for line in meminfo
                    if line.startswith("MemAvailable")) / 2**20


def polars_screen(dataset: Path, importer: str, partner: str) -> pd.DataFrame:
    """The screen of ``econ/indicators/sql/dependence_screen.sql`` in polars' lazy API."""
    import polars as pl

    t = THRESHOLDS
    value = pl.col("value_usd")
    flows = (pl.scan_parquet(dataset / "*" / "*.parquet", hive_partitioning=True)
             .select("year", "exporter_iso3", "importer_iso3", "hs6", "value_usd")
             .filter(value > 0))
    world_exporters = flows.group_by("year", "hs6", "exporter_iso3").agg(value.sum())
    world = world_exporters.group_by("year", "hs6").agg(
        world_exports_usd=value.sum(), world_export_hhi=(value * value).sum() / value.sum() ** 2,
        n_world_exporters=pl.len())
    suppliers = (flows.filter(pl.col("importer_iso3") == importer)
                 .group_by("year", "hs6", "exporter_iso3").agg(value.sum()))
    imports = suppliers.group_by("year", "hs6").agg(
        imports_usd=value.sum(), supplier_hhi=(value * value).sum() / value.sum() ** 2,
        n_suppliers=pl.len(),
        top_supplier_iso3=pl.col("exporter_iso3").sort_by(
            [value, pl.col("exporter_iso3")], descending=[True, False]).first(),
        top_value=value.max(),
        partner_imports_usd=value.filter(pl.col("exporter_iso3") == partner).sum())
    exports = (world_exporters.filter(pl.col("exporter_iso3") == importer)
               .select("year", "hs6", exports_usd=value))
    top_world = world_exporters.select("year", "hs6", top_supplier_iso3="exporter_iso3",
                                       top_world_usd=value)
    exports_usd = pl.col("exports_usd").fill_null(0.0)
    screen = (imports.join(world, on=["year", "hs6"])
              .join(exports, on=["year", "hs6"], how="left")
              .join(top_world, on=["year", "hs6", "top_supplier_iso3"], how="left")
              .with_columns(
                  exports_usd=exports_usd,
                  import_export_ratio=pl.when(exports_usd > 0)
                  .then(pl.col("imports_usd") / exports_usd),
                  top_supplier_share=pl.col("top_value") / pl.col("imports_usd"),
                  top_supplier_world_share=pl.col("top_world_usd")
                  / pl.col("world_exports_usd"),
                  partner_share=pl.col("partner_imports_usd") / pl.col("imports_usd"),
                  is_partner_top_supplier=pl.col("top_supplier_iso3") == partner,
                  is_import_concentrated=pl.col("supplier_hhi") > t.hhi_threshold,
                  is_world_concentrated=pl.col("world_export_hhi") > t.world_hhi_threshold,
                  is_non_substitutable=pl.col("imports_usd") > t.ratio_threshold * exports_usd,
                  is_eu_concentrated=pl.col("supplier_hhi") > t.eu_hhi_threshold,
                  is_eu_non_substitutable=pl.col("imports_usd")
                  > t.eu_ratio_threshold * exports_usd)
              .with_columns(is_dependent_in_year=pl.col("is_import_concentrated")
                            & pl.col("is_world_concentrated") & pl.col("is_non_substitutable"))
              .collect(engine="streaming"))
    years = sorted(flows.select("year").unique().collect(engine="streaming")["year"])
    dependent = screen.select("year", "hs6", "is_dependent_in_year")
    window = pl.concat([dependent.with_columns(year=pl.col("year") + lag)
                        for lag in range(t.window_years)])
    counts = window.group_by("year", "hs6").agg(
        dependent_years=pl.col("is_dependent_in_year").cast(pl.Int64).sum())
    covered = {y: sum(1 for z in years if y - t.window_years < z <= y) >= t.window_years
               for y in years}
    screen = (screen.join(counts, on=["year", "hs6"], how="left")
              .with_columns(is_geodep_dependent=pl.when(
                  pl.col("year").replace_strict(covered, return_dtype=pl.Boolean))
                  .then(pl.col("dependent_years") >= t.min_years))
              .with_columns(is_dependent_on_partner=pl.col("is_geodep_dependent")
                            & pl.col("is_partner_top_supplier"),
                            is_eu_dependent=pl.col("is_eu_concentrated")
                            & pl.col("is_eu_non_substitutable"),
                            importer_iso3=pl.lit(importer), partner_iso3=pl.lit(partner)))
    return screen.select(SCREEN_COLUMNS).sort(KEYS).to_pandas()


def pandas_screen(dataset: Path, importer: str, partner: str) -> pd.DataFrame:
    """The same screen in pandas groupbys over the whole panel read into memory."""
    t = THRESHOLDS
    panel = pd.read_parquet(dataset, columns=["year", "exporter_iso3", "importer_iso3",
                                              "hs6", "value_usd"])
    panel["year"] = panel["year"].astype("int64")
    flows = panel[panel["value_usd"] > 0]
    group = {"sort": False, "observed": True}
    by = ["year", "hs6"]
    world_exporters = (flows.groupby([*by, "exporter_iso3"], **group)["value_usd"].sum()
                       .reset_index())
    world = (world_exporters.assign(sq=world_exporters["value_usd"] ** 2)
             .groupby(by, **group).agg(world_exports_usd=("value_usd", "sum"),
                                       sq=("sq", "sum"),
                                       n_world_exporters=("value_usd", "size")))
    world["world_export_hhi"] = world["sq"] / world["world_exports_usd"] ** 2
    suppliers = (flows[flows["importer_iso3"] == importer]
                 .groupby([*by, "exporter_iso3"], **group)["value_usd"].sum().reset_index())
    screen = (suppliers.assign(sq=suppliers["value_usd"] ** 2).groupby(by, **group)
              .agg(imports_usd=("value_usd", "sum"), sq=("sq", "sum"),
                   n_suppliers=("value_usd", "size")))
    screen["supplier_hhi"] = screen["sq"] / screen["imports_usd"] ** 2
    top = (suppliers.sort_values(["value_usd", "exporter_iso3"], ascending=[False, True])
           .drop_duplicates(by).set_index(by))
    world_by = world_exporters.set_index([*by, "exporter_iso3"])["value_usd"]
    screen = screen.join(world[["world_exports_usd", "world_export_hhi",
                                "n_world_exporters"]])
    exports = world_exporters[world_exporters["exporter_iso3"] == importer].set_index(by)
    screen["exports_usd"] = exports["value_usd"].reindex(screen.index).fillna(0.0)
    screen["import_export_ratio"] = (screen["imports_usd"] / screen["exports_usd"]).where(
        screen["exports_usd"] > 0)
    screen["top_supplier_iso3"] = top["exporter_iso3"].reindex(screen.index)
    screen["top_supplier_share"] = top["value_usd"].reindex(screen.index) / screen["imports_usd"]
    top_keys = pd.MultiIndex.from_arrays([screen.index.get_level_values(0),
                                          screen.index.get_level_values(1),
                                          screen["top_supplier_iso3"]])
    screen["top_supplier_world_share"] = (world_by.reindex(top_keys).to_numpy()
                                          / screen["world_exports_usd"])
    from_partner = suppliers[suppliers["exporter_iso3"] == partner].set_index(by)["value_usd"]
    screen["partner_imports_usd"] = from_partner.reindex(screen.index).fillna(0.0)
    screen["partner_share"] = screen["partner_imports_usd"] / screen["imports_usd"]
    screen["is_partner_top_supplier"] = screen["top_supplier_iso3"] == partner
    screen["is_import_concentrated"] = screen["supplier_hhi"] > t.hhi_threshold
    screen["is_world_concentrated"] = screen["world_export_hhi"] > t.world_hhi_threshold
    screen["is_non_substitutable"] = (screen["imports_usd"]
                                      > t.ratio_threshold * screen["exports_usd"])
    screen["is_eu_concentrated"] = screen["supplier_hhi"] > t.eu_hhi_threshold
    screen["is_eu_non_substitutable"] = (screen["imports_usd"]
                                         > t.eu_ratio_threshold * screen["exports_usd"])
    screen["is_dependent_in_year"] = (screen["is_import_concentrated"]
                                      & screen["is_world_concentrated"]
                                      & screen["is_non_substitutable"])
    dependent = screen["is_dependent_in_year"].unstack("year", fill_value=False)
    years = sorted(flows["year"].unique())
    counts, persistent = {}, {}
    for year in years:
        window = [y for y in years if year - t.window_years < y <= year]
        counts[year] = dependent.reindex(columns=window, fill_value=False).sum(axis=1)
        persistent[year] = (counts[year] >= t.min_years).astype("boolean")
        if len(window) < t.window_years:  # the data do not cover the window
            persistent[year][:] = pd.NA
    screen["dependent_years"] = pd.DataFrame(counts).T.stack().reindex(screen.index)
    screen["is_geodep_dependent"] = (pd.DataFrame(persistent).T.stack(future_stack=True)
                                     .reindex(screen.index).astype("boolean"))
    screen["is_dependent_on_partner"] = (screen["is_geodep_dependent"]
                                         & screen["is_partner_top_supplier"])
    screen["is_eu_dependent"] = screen["is_eu_concentrated"] & screen["is_eu_non_substitutable"]
    screen = screen.reset_index().assign(importer_iso3=importer, partner_iso3=partner)
    return screen[list(SCREEN_COLUMNS)].sort_values(KEYS).reset_index(drop=True)


def child(engine: str, dataset: Path, args: argparse.Namespace) -> dict[str, float]:
    """Run one job in this (fresh) process; return its seconds and peak memory."""
    import polars  # noqa: F401  (imported before the clock starts, as duckdb and pandas are)

    warnings.simplefilter("ignore", DataCaveatWarning)
    started = time.perf_counter()
    if engine == "writer":
        from econ.etl.baci_release import write_release_dataset

        written = write_release_dataset(dataset.parent / "BACI_HS17_V202501.zip", dataset,
                                        threads=args.threads)  # its default memory limit
        result = None
        rows = sum(written.rows.values())
    elif engine == "duckdb":
        result = dependence_screen(dataset, args.importer, partner=args.partner,
                                   memory_limit=args.memory_limit, threads=args.threads)
    elif engine == "polars streaming":
        result = polars_screen(dataset, args.importer, args.partner)
    else:
        result = pandas_screen(dataset, args.importer, args.partner)
    seconds = time.perf_counter() - started
    peak = _peak_mib()
    if result is not None:
        result.to_parquet(args.out)
        rows = len(result)
    return {"seconds": seconds, "peak_mib": peak, "rows_out": rows}


def _run(engine: str, dataset: Path, args: argparse.Namespace, out: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", engine, "--dataset", str(dataset),
               "--out", str(out), "--importer", args.importer, "--partner", args.partner,
               "--memory-limit", args.memory_limit, "--threads", str(args.threads)]
    env = {**os.environ, "POLARS_MAX_THREADS": str(args.threads)}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{engine} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare(rows: int, args: argparse.Namespace) -> tuple[Path, dict[str, dict[str, float]]]:
    """The cached release zip and dataset for ``rows`` flows, and how long they took."""
    folder = args.cache / f"rows_{rows}_seed_{args.seed}"
    folder.mkdir(parents=True, exist_ok=True)
    timings_file = folder / "timings.json"
    timings = json.loads(timings_file.read_text()) if timings_file.exists() else {}
    if not (folder / "BACI_HS17_V202501.zip").exists():
        started = time.perf_counter()
        SyntheticBaci(rows=rows, seed=args.seed).write_release(folder)
        timings["generate zip"] = {"seconds": time.perf_counter() - started}
    dataset = folder / "baci"
    if not dataset.exists():
        timings["write_release_dataset"] = _run("writer", dataset, args, folder / "none")
    timings_file.write_text(json.dumps(timings))
    return dataset, timings


def compare(outputs: dict[str, Path]) -> pd.DataFrame:
    """Check every engine's screen equals the baseline's; return the baseline's."""
    base = pd.read_parquet(outputs[BASELINE]).sort_values(KEYS).reset_index(drop=True)
    for engine, path in outputs.items():
        other = pd.read_parquet(path).sort_values(KEYS).reset_index(drop=True)
        if not other[KEYS].astype(str).equals(base[KEYS].astype(str)):
            raise SystemExit(f"{engine}: different importer-product-years than {BASELINE}")
        for column in NUMBERS:
            np.testing.assert_allclose(other[column], base[column], rtol=1e-9,
                                       err_msg=f"{engine}: {column}")
        for column in [*FLAGS, "top_supplier_iso3", "n_suppliers", "dependent_years"]:
            if not other[column].astype(str).equals(base[column].astype(str)):
                raise SystemExit(f"{engine}: column {column} differs from {BASELINE}")
    return base


def main() -> None:
    """Prepare each size, time each engine in a subprocess, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000_000, 77_000_000])
    parser.add_argument("--seed", type=int, default=20_240_905)
    parser.add_argument("--importer", default="RUS")
    parser.add_argument("--partner", default="CHN")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--memory-limit", default="600MB", help="DuckDB memory limit (screen)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs per engine; best kept")
    parser.add_argument("--pandas-min-free-gib", type=float, default=12.0)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/econ_screen_bench"))
    parser.add_argument("--clean", action="store_true", help="delete the cache at the end")
    parser.add_argument("--child", choices=[*ENGINES, "writer"], help=argparse.SUPPRESS)
    parser.add_argument("--dataset", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.dataset, args)))
        return
    print(f"{os.cpu_count()} cores (shared with other jobs), {args.threads} threads per "
          f"engine, DuckDB memory limit {args.memory_limit}; best of {args.repeat} runs\n")
    print("| rows | engine | seconds | peak RSS MiB | time vs polars | memory vs polars |")
    print("|---:|---|---:|---:|---:|---:|")
    notes = []
    for rows in args.rows:
        dataset, timings = prepare(rows, args)
        engines = list(args.engines)
        if "pandas" in engines and _available_gib() < args.pandas_min_free_gib:
            engines.remove("pandas")
            notes.append(f"{rows:,} rows: pandas skipped, {_available_gib():.1f} GiB "
                         f"available < {args.pandas_min_free_gib} GiB")
        outputs = {e: dataset.parent / f"screen_{e.replace(' ', '_')}.parquet" for e in engines}
        runs: dict[str, list[dict[str, float]]] = {engine: [] for engine in engines}
        for _ in range(args.repeat):  # engines take turns: a busy spell hits them alike
            for engine in engines:
                runs[engine].append(_run(engine, dataset, args, outputs[engine]))
        measured = {e: min(r, key=lambda run: run["seconds"]) for e, r in runs.items()}
        base = measured[BASELINE]
        for engine, m in measured.items():
            print(f"| {rows:,} | {engine} | {m['seconds']:.1f} | {m['peak_mib']:,.0f} | "
                  f"{m['seconds'] / base['seconds']:.2f}x | "
                  f"{m['peak_mib'] / base['peak_mib']:.2f}x |")
        screen = compare(outputs)
        latest = screen[screen["year"] == screen["year"].max()]
        size = sum(p.stat().st_size for p in dataset.rglob("*.parquet")) / 2**20
        zipped = (dataset.parent / "BACI_HS17_V202501.zip").stat().st_size / 2**20
        writer = timings["write_release_dataset"]
        notes.append(
            f"{rows:,} rows: zip {zipped:,.0f} MiB, "
            f"Parquet {size:,.0f} MiB; write_release_dataset {writer['seconds']:.0f} s, "
            f"peak {writer['peak_mib']:,.0f} MiB; {args.importer} {int(latest['year'].iloc[0])}: "
            f"{len(latest):,} products imported, {int(latest['is_geodep_dependent'].sum())} "
            f"GeoDep-dependent, {int(latest['is_dependent_on_partner'].sum())} of them on "
            f"{args.partner}, {int(latest['is_eu_dependent'].sum())} EU-dependent; engines agree")
    print("\n" + "\n".join(f"- {note}" for note in notes))
    if args.clean:
        shutil.rmtree(args.cache)


if __name__ == "__main__":
    main()
