"""Benchmark Bai–Perron (3 breaks, 15% trimming) in econ against R strucchange.

Run ``python benchmarks/tsa.py`` (or ``make bench``). For T = 100, 500 and 2000 it makes
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

from econ.tsa import bai_perron

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best kept)")
    args = parser.parse_args()
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
