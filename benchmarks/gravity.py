"""Benchmark econ.gravity.fit_ppml against PPML with explicit dummies (statsmodels GLM).

Run ``python benchmarks/gravity.py``. On the book data of Yotov et al. (2016)
(``tests/data/gravity``), for the last 1 and 2 of the book's years (international flows,
exporter-year and importer-year effects, the Table 1 PPML regressors) it times
``fit_ppml`` (pyfixest, effects absorbed) and the textbook way, statsmodels' Poisson GLM
with one dummy per exporter-year and importer-year (what the book's Stata code does), best
of ``--repeat`` runs after one warm-up. It prints the time of each, the ratio GLM / econ,
and the largest difference between the two sets of slope estimates. Then it times the
pair fixed-effects model of Table 3 (ENDG, all years), which the dummy approach cannot
run in memory (about 2,400 pair dummies on 28,000 rows).
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm

from econ.gravity import fit_ppml

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "gravity" / "yotov2016_ch1.csv.gz"
TERMS = ["log_dist", "cntg", "lang", "clny"]


def load() -> pd.DataFrame:
    frame = pd.read_csv(DATA)
    year = frame["year"].astype(str)
    return frame.assign(log_dist=np.log(frame["dist"]), exp_year=frame["exporter"] + year,
                        imp_year=frame["importer"] + year,
                        pair_fe=np.where(frame["exporter"] == frame["importer"], "intra",
                                         frame["pair_id"].astype(str)))


def best_of(repeat: int, run: Callable[[], pd.Series]) -> tuple[float, pd.Series]:
    result = run()
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def econ_slopes(data: pd.DataFrame) -> pd.Series:
    fit = fit_ppml(data, outcome="trade", regressors=TERMS,
                   fixed_effects=["exp_year", "imp_year"], cluster="pair_id")
    return pd.Series(fit.params)


def glm_slopes(data: pd.DataFrame) -> pd.Series:
    dummies = pd.get_dummies(data[["exp_year", "imp_year"]], drop_first=True, dtype=float)
    exog = sm.add_constant(pd.concat([data[TERMS].astype(float), dummies], axis=1))
    fit = sm.GLM(data["trade"], exog, family=sm.families.Poisson()).fit(tol=1e-10)
    return fit.params[TERMS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    book = load()
    international = book[book["exporter"] != book["importer"]]
    years = sorted(international["year"].unique())
    print(f"{'years':>5} {'rows':>7} {'econ s':>8} {'GLM s':>8} {'GLM/econ':>9} {'max |db|':>9}")
    for n_years in (1, 2):  # the dummy GLM grows too slow beyond (minutes per fit)
        data = international[international["year"].isin(years[-n_years:])]
        econ_time, econ_b = best_of(args.repeat, lambda d=data: econ_slopes(d))
        glm_time, glm_b = best_of(args.repeat, lambda d=data: glm_slopes(d))
        diff = float((econ_b - glm_b[econ_b.index]).abs().max())
        print(f"{n_years:>5} {len(data):>7} {econ_time:>8.3f} {glm_time:>8.3f} "
              f"{glm_time / econ_time:>9.1f} {diff:>9.1e}")
    endg_time, _ = best_of(args.repeat, lambda: pd.Series(fit_ppml(
        book, outcome="trade", regressors=["rta"],
        fixed_effects=["exp_year", "imp_year", "pair_fe"], cluster="pair_id").params))
    print(f"Table 3 ENDG (pair effects, {len(book)} rows): econ {endg_time:.3f} s")


if __name__ == "__main__":
    main()
