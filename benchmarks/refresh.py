"""Benchmark ``econ refresh`` against a naive openpyxl loop, measured in the same run.

Run ``python benchmarks/refresh.py`` (or ``make bench``). It prints one table:

* cold refresh, ETL: ``econ refresh --layer core`` in a fresh process on an empty
  ``data/processed``: every core table from the real ``data/raw`` (what the naive loop
  is compared with: the foundation's loaders), best of ``--repeat`` runs;
* cold refresh, all: ``econ refresh``: the ETL plus every out table (indicators, the
  time-series battery, the forecast backtests), for scale;
* no-op refresh: the same command again, nothing stale;
* naive loop: ``pandas.read_excel(engine="openpyxl")`` of every sheet of every workbook the
  refresh reads (the IMF DOTS workbooks, the Energy Institute / bp editions and the World
  Bank Pink Sheet), the baseline the foundation issue names (it only reads; the refresh
  also parses, maps codes, validates and writes every table, CSV sources included);
* calamine loop: the same reads with python-calamine, the reader ``econ`` uses.

Ratios are baseline time / step time, so ``5.0x`` means five times faster than the
naive loop.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
WORKBOOKS = ("imf_dots_annual_xlsx/*.xlsx", "energy_institute_statistical_review/*/*.xlsx",
             "world_bank_pink_sheet/*.xlsx")
ECON = [sys.executable, "-m", "econ.cli"]


def _time_command(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _refresh_times(repeat: int) -> dict[str, list[float]]:
    """Cold ETL (core tables), then the rest (out tables), then a no-op, per fresh root;
    and a cold refresh of everything in one go."""
    times: dict[str, list[float]] = {"core": [], "all": [], "noop": []}
    for _ in range(repeat):
        for mode in ("layered", "all"):
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                (root / "data").mkdir()
                (root / "data" / "raw").symlink_to(RAW)
                env = {**os.environ, "ECON_ROOT": str(root)}
                if mode == "layered":
                    times["core"].append(_time_command(
                        [*ECON, "refresh", "--quiet", "--layer", "core"], env))
                else:
                    times["all"].append(_time_command([*ECON, "refresh", "--quiet"], env))
                    times["noop"].append(_time_command([*ECON, "refresh", "--quiet"], env))
                shutil.rmtree(root / "data" / "processed")
    return times


def _naive_openpyxl(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl")
    return time.perf_counter() - started


def _calamine(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    return time.perf_counter() - started


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="refresh runs (best is kept)")
    args = parser.parse_args()
    groups = {pattern.split("/")[0]: sorted(RAW.glob(pattern)) for pattern in WORKBOOKS}
    workbooks = [path for paths in groups.values() for path in paths]
    times = _refresh_times(args.repeat)
    naive = _naive_openpyxl(workbooks)
    calamine = _calamine(workbooks)
    best = {key: min(values) for key, values in times.items()}
    rows = [
        ("naive loop: read_excel(openpyxl), DOTS + energy workbooks (baseline)", naive),
        ("calamine loop: same reads, python-calamine", calamine),
        (f"cold refresh, ETL: every core table (best of {args.repeat})", best["core"]),
        (f"cold refresh, all: core + indicators, tests, forecasts (best of {args.repeat})",
         best["all"]),
        (f"no-op refresh: nothing stale, new process (best of {args.repeat})", best["noop"]),
    ]
    sizes = ", ".join(f"{len(paths)} {name}" for name, paths in groups.items())
    megabytes = sum(p.stat().st_size for p in workbooks) / 1e6
    print(f"{len(workbooks)} workbooks ({sizes}; {megabytes:.0f} MB), {os.cpu_count()} CPUs, "
          f"Python {sys.version.split()[0]}, pandas {pd.__version__}")
    for key, values in times.items():
        print(f"{key} runs: {', '.join(f'{t:.2f}' for t in values)} s "
              f"(median {statistics.median(values):.2f})")
    print()
    print(f"| {'step':<78} | {'seconds':>8} | {'vs baseline':>11} |")
    print(f"|{'-' * 80}|{'-' * 10}:|{'-' * 12}:|")
    for label, seconds in rows:
        print(f"| {label:<78} | {seconds:>8.3f} | {naive / seconds:>10.1f}x |")


if __name__ == "__main__":
    main()
