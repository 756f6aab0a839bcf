"""Persistence honestly: Andrews' (1993) median-unbiased AR(1) and its half-life.

The least-squares AR(1) coefficient is biased toward zero in short samples (by about
``-(1 + 3 rho)/T``), so the half-life ``ln 0.5 / ln rho`` computed from it is too short,
and a bootstrap around it inherits the bias. Andrews (1993, Econometrica 61(1),
139-165) corrects both with the exact distribution of the LS estimator under normal
errors: the **median-unbiased** estimate is the alpha whose LS median equals the
observed estimate, and the 90% interval collects the alphas whose 5-95% LS range
contains it. When the observed estimate is above the LS median at a unit root the
estimate is 1; when it is above the 5% point at a unit root the interval reaches 1 and
the half-life interval reaches infinity, exactly when a one-sided 5% test (the
Dickey-Fuller rho test with a constant) does not reject the unit root: the half-life
and the unit-root clause cannot contradict each other.

The quantiles come from ``econ/tsa/data/andrews1993_ar1_quantiles.csv``
(``scripts/make_andrews_table.py``: 250,000 simulated series per length and alpha),
interpolated linearly in alpha and in 1/T between the tabulated lengths 10-400;
``tests/tsa/test_persistence.py`` checks them against exact Imhof values computed in R.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from econ.results import Results
from econ.tsa._data import as_series, infer_frequency, problem
from econ.tsa.half_life import half_life

__all__ = ["PersistenceResults", "ls_quantile", "median_unbiased_ar1",
           "median_unbiased_rho"]

_UNITS = {"yearly": "years", "quarterly": "quarters", "monthly": "months"}
_PROBS = (0.025, 0.05, 0.5, 0.95, 0.975)


@cache
def _table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lengths (m,), alphas (a,), quantiles (m, a, len(_PROBS)), increasing in alpha."""
    path = resources.files("econ.tsa") / "data" / "andrews1993_ar1_quantiles.csv"
    with path.open() as handle:
        table = pd.read_csv(handle).sort_values(["nobs", "alpha"])
    lengths = np.sort(table["nobs"].unique())
    alphas = np.sort(table["alpha"].unique())
    values = table[[f"q{p:g}" for p in _PROBS]].to_numpy().reshape(
        len(lengths), len(alphas), len(_PROBS))
    # simulation noise can leave a flat step in the far tails of T = 10..25
    return lengths, alphas, np.maximum.accumulate(values, axis=1)


def _curve(nobs: int, prob: float) -> tuple[np.ndarray, np.ndarray]:
    """(alphas, LS quantile at ``prob`` for each alpha) at length ``nobs``."""
    if prob not in _PROBS:
        raise ValueError(f"prob: expected one of {_PROBS}, found {prob}.")
    lengths, alphas, values = _table()
    column = values[:, :, _PROBS.index(prob)]
    clipped = min(max(nobs, int(lengths[0])), int(lengths[-1]))
    upper = int(np.searchsorted(lengths, clipped))
    if lengths[upper] == clipped:
        return alphas, column[upper]
    lower = upper - 1
    weight = (1 / clipped - 1 / lengths[lower]) / (1 / lengths[upper] - 1 / lengths[lower])
    return alphas, (1 - weight) * column[lower] + weight * column[upper]


def ls_quantile(alpha: float, nobs: int, prob: float) -> float:
    """Quantile ``prob`` of the LS AR(1) estimator when the true coefficient is alpha.

    Parameters
    ----------
    alpha : float
        True coefficient, -0.9 to 1.
    nobs : int
        Length T of the series (T - 1 regression pairs).
    prob : {0.025, 0.05, 0.5, 0.95, 0.975}

    Examples
    --------
    >>> round(ls_quantile(1.0, 33, 0.5), 2)  # the LS median at a unit root, T = 33
    0.87
    """
    alphas, curve = _curve(nobs, prob)
    return float(np.interp(alpha, alphas, curve))


def _invert(observed: float, nobs: int, prob: float) -> float:
    """The alpha whose LS quantile ``prob`` equals ``observed`` (capped to [-0.9, 1])."""
    alphas, curve = _curve(nobs, prob)
    if observed >= curve[-1]:
        return 1.0
    return float(np.interp(observed, curve, alphas))


def median_unbiased_rho(rho_ls: float, nobs: int) -> float:
    """Andrews' median-unbiased AR(1) coefficient for a LS estimate from T = nobs.

    Examples
    --------
    >>> round(median_unbiased_rho(0.85, 33), 2), median_unbiased_rho(0.95, 30)
    (0.97, 1.0)
    """
    return _invert(rho_ls, nobs, 0.5)


@dataclass(frozen=True, repr=False)
class PersistenceResults(Results):
    """Median-unbiased AR(1) coefficient and half-life with their interval.

    ``rho_ci`` and ``half_life_ci`` are equal-tailed at ``level``; the upper ends are
    1 and ``inf`` when a unit root is inside the interval.
    """

    title = "Persistence: median-unbiased AR(1) (Andrews 1993)"
    rho_ols: float = math.nan
    rho: float = math.nan
    rho_ci: tuple[float, float] = (math.nan, math.nan)
    half_life: float = math.nan
    half_life_ols: float = math.nan
    half_life_ci: tuple[float, float] = (math.nan, math.nan)
    level: float = 0.90
    nobs: int | None = None
    unit: str = "periods"
    reason: str | None = None

    @property
    def ran(self) -> bool:
        """True when the estimate could be computed."""
        return self.reason is None

    @property
    def unit_root_excluded(self) -> bool:
        """True when the interval excludes a unit root (its upper end is below 1)."""
        return self.ran and self.rho_ci[1] < 1

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        if self.reason is not None:
            yield "", "not run", self.reason
            return
        pct = f"{self.level:.0%}"
        yield "", "nobs", self.nobs
        yield "AR(1) coefficient", "least squares", self.rho_ols
        yield "AR(1) coefficient", "median-unbiased", self.rho
        yield "AR(1) coefficient", f"{pct} lower", self.rho_ci[0]
        yield "AR(1) coefficient", f"{pct} upper", self.rho_ci[1]
        yield f"half-life ({self.unit})", "from least squares", self.half_life_ols
        yield f"half-life ({self.unit})", "median-unbiased", self.half_life
        yield f"half-life ({self.unit})", f"{pct} lower", self.half_life_ci[0]
        yield f"half-life ({self.unit})", f"{pct} upper", self.half_life_ci[1]


def _ls_rho(values: np.ndarray) -> float:
    x, y = values[:-1] - values[:-1].mean(), values[1:] - values[1:].mean()
    return float(x @ y / (x @ x))


def median_unbiased_ar1(series: pd.Series, *, level: float = 0.90) -> PersistenceResults:
    """Median-unbiased AR(1) coefficient and half-life with an interval (Andrews 1993).

    Parameters
    ----------
    series : Series
        Indexed by dates or years; at least 10 observations.
    level : {0.90, 0.95}
        Coverage of the equal-tailed interval (0.90 matches a 5% one-sided unit-root
        test, as in Andrews 1993).

    Returns
    -------
    PersistenceResults

    Examples
    --------
    >>> walk = pd.Series(np.random.default_rng(0).standard_normal(40).cumsum())
    >>> median_unbiased_ar1(walk).half_life_ci[1]
    inf
    """
    if level not in (0.90, 0.95):
        raise ValueError(f"level: expected 0.90 or 0.95, found {level}.")
    data, reason = problem(as_series(series), min_nobs=10)
    unit = _UNITS.get(infer_frequency(data.index) or "", "periods")
    if reason:
        return PersistenceResults(reason=f"series {reason}", level=level, unit=unit)
    nobs = len(data)
    rho_ls = _ls_rho(data.to_numpy())
    tail = round((1 - level) / 2, 4)
    rho = _invert(rho_ls, nobs, 0.5)
    ci = (_invert(rho_ls, nobs, round(1 - tail, 4)), _invert(rho_ls, nobs, tail))
    return PersistenceResults(
        rho_ols=rho_ls, rho=rho, rho_ci=ci, half_life=half_life(rho),
        half_life_ols=half_life(rho_ls),
        half_life_ci=(half_life(max(ci[0], 0.0)), half_life(ci[1])), level=level,
        nobs=nobs, unit=unit)
