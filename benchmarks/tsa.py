"""Benchmark the size-checked battery against the plain one, and Bai–Perron against R.

Run ``python benchmarks/tsa.py`` (or ``make bench``).

**Battery** (issue 15): on one persistent monthly balance series (T = 192, AR(1) 0.8,
with log flows for the cointegration rows; seeded) it times
``convergence_battery(..., size_checks=True)`` (every test simulated 499 times from the
series' own fitted null, bootstrap decisions, power) against ``size_checks=False`` (the
asymptotic battery), best of ``--repeat`` runs after a warm-up, in the same process,
and prints the ratio.

**Bai–Perron** (3 breaks, 15% trimming) in econ against R strucchange. For T = 100,
500 and 2000 it makes
a mean-shift series with three breaks (seeded), times ``econ.tsa.bai_perron(y,
max_breaks=3, n_breaks=3)`` (best of ``--repeat`` runs after one warm-up; the call also
computes BIC/LWZ, the sequential tests and the break-date intervals) and, when
``Rscript`` with strucchange is installed, ``strucchange::breakpoints(y ~ 1, h = 0.15,
breaks = 3)`` on the same series, timed inside R (``system.time``, best of the same
number of runs, R start-up excluded). It prints one table: time, growth against the
previous T (and the implied exponent), the ratio R / econ, and whether the three
breaks are identical.
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from econ.tsa import bai_perron, convergence_battery

SIZES = (100, 500, 2000)
R_SCRIPT = """
suppressMessages(library(strucchange))
y <- read.csv("{path}")$y
best <- Inf
for (i in seq_len({repeat})) {{
  elapsed <- system.time(bp <- breakpoints(y ~ 1, h = 0.15, breaks = 3))[["elapsed"]]
  best <- min(best, elapsed)
}}
cat(best, breakpoints(bp, breaks = 3)$breakpoints, "\\n")
"""


def make_series(nobs: int) -> pd.Series:
    """Three mean shifts at 25/50/75% of the sample plus N(0, 1) noise."""
    rng = np.random.default_rng(nobs)
    means = np.repeat([0.0, 1.0, -0.5, 0.8], [nobs // 4] * 3 + [nobs - 3 * (nobs // 4)])
    return pd.Series(means + rng.standard_normal(nobs))


def time_econ(series: pd.Series, repeat: int) -> tuple[float, tuple[int, ...]]:
    result = bai_perron(series, trim=0.15, max_breaks=3, n_breaks=3)
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        result = bai_perron(series, trim=0.15, max_breaks=3, n_breaks=3)
        best = min(best, time.perf_counter() - started)
    return best, result.breakpoints


def time_r(series: pd.Series, repeat: int) -> tuple[float, tuple[int, ...]] | None:
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "y.csv"
        series.rename("y").to_csv(path, index=False)
        script = R_SCRIPT.format(path=path.as_posix(), repeat=repeat)
        done = subprocess.run([rscript, "-e", script], capture_output=True, text=True,
                              check=False)
    if done.returncode != 0:
        return None
    values = done.stdout.split()
    return float(values[0]), tuple(int(v) for v in values[1:])


def monthly_balance(nobs: int = 192) -> tuple[pd.Series, pd.DataFrame]:
    """A persistent monthly balance (AR(1) 0.8 around 0.05) and log flows behind it."""
    rng = np.random.default_rng(192)
    gap = np.zeros(nobs)
    for t in range(1, nobs):
        gap[t] = 0.8 * gap[t - 1] + 0.05 * rng.standard_normal()
    index = pd.date_range("2006-01-01", periods=nobs, freq="MS")
    balance = pd.Series(0.05 + gap, index=index)
    lnm = 21 + np.cumsum(0.005 + 0.05 * rng.standard_normal(nobs))
    lnx = lnm + np.log((1 + balance.to_numpy()) / (1 - balance.to_numpy()))
    return balance, pd.DataFrame({"lnx": lnx, "lnm": lnm}, index=index)


def time_battery(repeat: int) -> list[dict[str, object]]:
    """Seconds of the battery with and without size checks on the same series."""
    balance, flows = monthly_balance()
    rows = []
    for checked in (False, True):
        convergence_battery(balance, log_flows=flows, size_checks=checked)
        best = math.inf
        for _ in range(repeat):
            started = time.perf_counter()
            out = convergence_battery(balance, log_flows=flows, size_checks=checked)
            best = min(best, time.perf_counter() - started)
        rows.append({"battery": "size-checked (499 simulations per null)" if checked else
                     "asymptotic (no simulation)", "seconds": f"{best:.2f}",
                     "rows": len(out.table), "headline": out.headline.state
                     if out.headline else ""})
    ratio = float(rows[1]["seconds"]) / float(rows[0]["seconds"])  # type: ignore[arg-type]
    rows[1]["vs asymptotic"] = f"{ratio:.1f}x"
    rows[0]["vs asymptotic"] = "1.0x"
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best kept)")
    args = parser.parse_args()
    print("Convergence battery on one monthly series, T = 192 (best of", args.repeat,
          "runs)")
    print(pd.DataFrame(time_battery(args.repeat)).to_string(index=False))
    print()
    rows = []
    previous: tuple[int, float] | None = None
    for nobs in SIZES:
        series = make_series(nobs)
        seconds, breaks = time_econ(series, args.repeat)
        reference = time_r(series, args.repeat)
        growth = ""
        if previous is not None:
            factor = seconds / previous[1]
            exponent = math.log(factor) / math.log(nobs / previous[0])
            growth = f"{factor:.1f}x (T^{exponent:.2f})"
        rows.append({
            "T": nobs, "econ s": f"{seconds:.4f}", "growth vs previous T": growth,
            "strucchange s": "n/a" if reference is None else f"{reference[0]:.3f}",
            "R / econ": "n/a" if reference is None else f"{reference[0] / seconds:.1f}x",
            "econ breaks": " ".join(map(str, breaks)),
            "same breaks": "n/a" if reference is None else str(reference[1] == breaks),
        })
        previous = (nobs, seconds)
    print("Bai-Perron, 3 breaks, 15% trimming (best of", args.repeat, "runs)")
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
