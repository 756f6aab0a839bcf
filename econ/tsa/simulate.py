"""A series' own null, fitted and simulated: the raw material of size checks.

Two nulls cover the battery:

* :func:`fit_stationary`: an AR(p) around a constant, ``u_t = sum_j a_j u_{t-j} + e_t``,
  the null of the stationarity, zero-mean, equivalence and no-break tests. The order
  comes from the ADF-form regression ``dy_t = c + pi y_{t-1} + sum phi_j dy_{t-j}`` by
  AIC or BIC; the persistence ``rho = 1 + pi`` is replaced by its median-unbiased value
  (Andrews 1993, applied to the sum of the AR coefficients as Andrews and Chen 1994
  do) and capped so that the half-life does not exceed the sample length (a stationary
  null more persistent than that cannot be told from a unit root in the sample); the
  short-run coefficients are then re-estimated with rho held there.
* :func:`fit_unit_root`: ``dy_t = sum_j phi_j dy_{t-j} + e_t`` without drift, the null
  of ADF and Zivot-Andrews, with the lag the test chose on the data.

Simulations resample the centred residuals (i.i.d. bootstrap, so the shock
distribution is the series' own), run the recursion for all replications at once after
a burn-in of ten half-lives (at least 100 periods, at most 3,000), and are seeded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import signal

from econ.tsa import batch
from econ.tsa.half_life import half_life
from econ.tsa.persistence import median_unbiased_rho

__all__ = ["ArModel", "burn_in", "fit_stationary", "fit_unit_root", "simulate",
           "stationary_cap"]

LagRule = Literal["aic", "bic"]
_MIN_BURN, _MAX_BURN = 100, 3000


@dataclass(frozen=True)
class ArModel:
    """An AR model of a series' dynamics under a null.

    ``coefs`` are the AR coefficients of the deviations ``u`` (stationary null) or of
    the differences ``dy`` (unit-root null); ``residuals`` are centred.
    """

    kind: Literal["stationary", "unit root"]
    coefs: np.ndarray
    mean: float
    residuals: np.ndarray
    persistence: float
    persistence_ols: float
    lags: int

    def describe(self) -> str:
        """The null in words, e.g. ``AR(2) around 0.041, persistence 0.93``."""
        if self.kind == "unit root":
            return f"unit root, AR({self.lags}) in differences, no drift"
        return (f"AR({len(self.coefs)}) around {self.mean:.3g}, persistence "
                f"{self.persistence:.3f} (least squares {self.persistence_ols:.3f})")


def stationary_cap(nobs: int) -> float:
    """Largest persistence of a stationary null: half-life equal to the sample length.

    Examples
    --------
    >>> round(stationary_cap(30), 4)
    0.9772
    """
    return float(0.5 ** (1 / nobs))


def _ols(y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    return beta, y - x @ beta


def _differences(values: np.ndarray, lags: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """dy_t, y_{t-1} and [1, dy_{t-1..t-lags}] for t = lags + 1 .. T - 1."""
    dy = np.diff(values)
    rows = len(dy) - lags
    short = np.column_stack([np.ones(rows)] + [dy[lags - j: len(dy) - j]
                                               for j in range(1, lags + 1)])
    return dy[lags:], values[lags:-1], short


def fit_stationary(values: np.ndarray, *, max_lags: int, rule: LagRule = "aic",
                   correct: bool = True) -> ArModel:
    """AR(p) null with median-unbiased, capped persistence (see the module docstring).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = np.zeros(200)
    >>> for t in range(1, 200):
    ...     y[t] = 0.6 * y[t - 1] + rng.standard_normal()
    >>> 0.55 < fit_stationary(y, max_lags=4).persistence < 0.75  # LS 0.657, true 0.6
    True
    """
    values = np.asarray(values, dtype=float)
    lags = int(batch.adf(values[None, :], regression="c", max_lags=max_lags,
                         autolag=rule)[1][0])
    dy, level, short = _differences(values, lags)
    beta, _ = _ols(dy, np.column_stack([level, short]))
    rho_ols = 1 + float(beta[0])
    rho = rho_ols
    if correct:
        rho = min(median_unbiased_rho(rho_ols, len(values)), stationary_cap(len(values)))
    gamma, resid = _ols(dy - (rho - 1) * level, short)
    phi = gamma[1:]
    # the same AR in levels: y_t = (rho + phi_1) y_{t-1} + sum (phi_j - phi_{j-1}) y_{t-j}
    # - phi_p y_{t-p-1}
    coefs = np.array([rho])
    if lags:
        coefs = np.r_[rho + phi[0], [phi[j] - phi[j - 1] for j in range(1, lags)], -phi[-1]]
    mean = float(gamma[0] / (1 - rho)) if rho < 1 else float(values.mean())
    return ArModel(kind="stationary", coefs=coefs, mean=mean,
                   residuals=resid - resid.mean(), persistence=rho,
                   persistence_ols=rho_ols, lags=lags)


def fit_unit_root(values: np.ndarray, *, lags: int) -> ArModel:
    """Unit-root null: AR(lags) in differences, no drift (the ADF null).

    Examples
    --------
    >>> walk = np.random.default_rng(0).standard_normal(100).cumsum()
    >>> fit_unit_root(walk, lags=1).describe()
    'unit root, AR(1) in differences, no drift'
    """
    values = np.asarray(values, dtype=float)
    dy, _, short = _differences(values, lags)
    beta, resid = _ols(dy, short)
    return ArModel(kind="unit root", coefs=beta[1:], mean=0.0,
                   residuals=resid - resid.mean(), persistence=1.0, persistence_ols=1.0,
                   lags=lags)


def burn_in(model: ArModel) -> int:
    """Periods discarded before a simulated stationary path is used.

    Ten half-lives, at least 100 and at most 3,000 (a unit root or an explosive fit gets
    3,000).

    Examples
    --------
    >>> model = ArModel("stationary", np.array([0.5]), 0.0, np.zeros(3), 0.5, 0.5, 0)
    >>> burn_in(model)
    100
    """
    rho = float(np.sum(model.coefs)) if len(model.coefs) else 0.0
    life = half_life(rho) if rho > 0 else 0.0
    return int(min(max(10 * life, _MIN_BURN), _MAX_BURN)) if math.isfinite(life) \
        else _MAX_BURN


def simulate(model: ArModel, *, nobs: int, reps: int, rng: np.random.Generator,
             start: float = 0.0, mean: float | None = None) -> np.ndarray:
    """``reps`` series of length ``nobs`` from ``model``, shape (reps, nobs).

    Parameters
    ----------
    model : ArModel
    nobs, reps : int
    rng : numpy Generator
    start : float
        First value of a unit-root series (e.g. the observed first value).
    mean : float, optional
        Level of a stationary series; default the fitted mean.

    Examples
    --------
    >>> walk = np.random.default_rng(0).standard_normal(100).cumsum()
    >>> model = fit_unit_root(walk, lags=0)
    >>> simulate(model, nobs=50, reps=3, rng=np.random.default_rng(1), start=2.0)[:, 0]
    array([2., 2., 2.])
    """
    burn = burn_in(model)
    shocks = model.residuals[rng.integers(0, len(model.residuals), (reps, nobs + burn))]
    path = signal.lfilter([1.0], np.r_[1.0, -model.coefs], shocks, axis=1)[:, burn:]
    if model.kind == "unit root":
        return start + np.concatenate([np.zeros((reps, 1)), np.cumsum(path[:, 1:], axis=1)],
                                      axis=1)
    return np.asarray((model.mean if mean is None else mean) + path, dtype=float)
