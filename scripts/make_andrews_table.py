"""Tabulate the quantiles of the least-squares AR(1) estimator (Andrews 1993).

Writes ``econ/tsa/data/andrews1993_ar1_quantiles.csv``: for series lengths T and true
autoregressive parameters alpha, the 2.5, 5, 50, 95 and 97.5% quantiles of the LS
estimator of alpha in the intercept model of Andrews (1993, Econometrica 61(1),
139-165): ``y_t = mu + u_t``, ``u_t = alpha u_{t-1} + e_t``, e i.i.d. N(0, 1), ``u_1``
from the stationary distribution when |alpha| < 1 (any value when alpha = 1, where the
estimator does not depend on it), and alpha-hat the slope of y_t on (1, y_{t-1}),
t = 2..T. Andrews computed these quantiles exactly (Imhof's method); this script
simulates them with REPS replications per (T, alpha), using the same shocks for every
alpha of a given T so that each quantile is smooth in alpha (a rare non-increasing step
in the far tails of the shortest series is removed when the table is read). The
simulation error is about 0.0005 for the median and 0.002 for the 5 and 95% points
(checked against the exact Imhof values of ``tests/results/make_inference_reference.R``).

Run from the repository root (ten minutes): ``python scripts/make_andrews_table.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

LENGTHS = (10, 12, 14, 16, 18, 20, 22, 25, 28, 30, 33, 36, 40, 45, 50, 60, 70, 80, 90,
           100, 120, 150, 200, 250, 300, 400)
ALPHAS = np.round(np.r_[np.arange(-0.9, 0.5, 0.1), np.arange(0.5, 0.9, 0.025),
                        np.arange(0.9, 1.0001, 0.005)], 4)
PROBS = (0.025, 0.05, 0.5, 0.95, 0.975)
REPS = 250_000
CHUNK = 50_000
SEED = 19930101
OUT = Path("econ/tsa/data/andrews1993_ar1_quantiles.csv")


def ls_estimates(nobs: int, rng: np.random.Generator) -> np.ndarray:
    """LS alpha-hat, shape (len(ALPHAS), REPS), with common shocks across alphas."""
    return np.hstack([_chunk(nobs, rng) for _ in range(REPS // CHUNK)])


def _chunk(nobs: int, rng: np.random.Generator) -> np.ndarray:
    shocks = rng.standard_normal((nobs, CHUNK))
    alpha = ALPHAS[:, None]
    stationary = np.abs(alpha) < 1
    scale = np.where(stationary, 1 / np.sqrt(np.where(stationary, 1 - alpha**2, 1.0)), 0.0)
    previous = scale * shocks[0]
    sum_x = np.zeros_like(previous)
    sum_y = np.zeros_like(previous)
    sum_xx = np.zeros_like(previous)
    sum_xy = np.zeros_like(previous)
    for t in range(1, nobs):
        current = alpha * previous + shocks[t]
        sum_x += previous
        sum_y += current
        sum_xx += previous * previous
        sum_xy += previous * current
        previous = current
    pairs = nobs - 1
    return (sum_xy - sum_x * sum_y / pairs) / (sum_xx - sum_x**2 / pairs)


def main() -> None:
    rng = np.random.default_rng(SEED)
    rows = []
    for nobs in LENGTHS:
        quantiles = np.quantile(ls_estimates(nobs, rng), PROBS, axis=1)
        for i, alpha in enumerate(ALPHAS):
            rows.append({"nobs": nobs, "alpha": alpha,
                         **{f"q{p:g}": round(float(quantiles[j, i]), 6)
                            for j, p in enumerate(PROBS)}})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_csv(OUT, index=False)


if __name__ == "__main__":
    main()
