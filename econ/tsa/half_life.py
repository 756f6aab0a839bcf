"""Half-life of deviations: how many periods until half of a shock has died out.

Both estimators fit the error-correction regression

    Δy_t = c + α y_{t-1} [+ δ x_{t-1}] + Σ_{j=1}^{lags} φ_j Δy_{t-j}
           [+ Σ_{j=0}^{lags} θ_j Δx_{t-j}] + e_t

by OLS; the persistence of deviations is ``rho = 1 + α`` and the half-life is
``h = ln(0.5) / ln|rho|`` periods (infinite when ``|rho| >= 1``). With ``lags = 0`` and no
x this is the AR(1) ``y_t = c + rho y_{t-1} + e_t`` (:func:`half_life_ar1`); with a
second series it is the single-equation ECM of the ARDL literature (:func:`half_life_ecm`).

Two confidence intervals are reported:

* delta method: ``h ± z se(rho) |ln 0.5 / (rho ln(rho)^2)|``, lower end clipped at 0;
* bootstrap: recursive residual bootstrap (x held fixed), ``n_boot`` replications with
  a seeded ``numpy`` generator, percentile interval of ``h(rho*)``; as ``h`` is monotone
  in ``|rho|`` the interval is ``h`` of the percentiles of ``|rho*|``. Unlike the delta
  interval it is asymmetric and can reach infinity, but it inherits the downward
  (Hurwicz) bias of OLS rho near 1, so for a near-unit-root series both intervals are
  too short (Rossi 2005 discusses better intervals there).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from econ.results import Results
from econ.tsa._data import as_frame, as_series, fill_doc, infer_frequency, problem

__all__ = ["HalfLifeResults", "half_life", "half_life_ar1", "half_life_ecm"]

_UNITS = {"yearly": "years", "quarterly": "quarters", "monthly": "months"}
_doc = fill_doc(intervals="""level : float
        Confidence level of both intervals.
    n_boot : int
        Bootstrap replications (0 skips the bootstrap).
    seed : int
        Seed of the bootstrap's random generator.""")


def half_life(rho: float) -> float:
    """Periods until a deviation halves when it decays at rate ``rho`` per period.

    Examples
    --------
    >>> half_life(0.5)
    1.0
    >>> half_life(1.02)
    inf
    """
    size = abs(rho)
    if size >= 1:
        return math.inf
    return 0.0 if size == 0 else math.log(0.5) / math.log(size)


@dataclass(frozen=True, repr=False)
class HalfLifeResults(Results):
    """Half-life estimate with delta-method and bootstrap confidence intervals."""

    model: str = "AR(1)"
    half_life: float = math.nan
    rho: float = math.nan
    rho_se: float = math.nan
    ci_delta: tuple[float, float] = (math.nan, math.nan)
    ci_bootstrap: tuple[float, float] = (math.nan, math.nan)
    level: float = 0.95
    n_boot: int = 0
    seed: int | None = None
    lags: int = 0
    nobs: int | None = None
    unit: str = "periods"
    reason: str | None = None

    @property
    def title(self) -> str:  # type: ignore[override]
        """Heading of the summary, naming the model the half-life comes from."""
        return f"Half-life of deviations, {self.model}"

    @property
    def ran(self) -> bool:
        """True when the estimate could be computed."""
        return self.reason is None

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        yield "", "model", self.model
        yield "", "lags", self.lags
        if self.reason is not None:
            yield "", "not run", self.reason
            return
        yield "", "nobs", self.nobs
        yield "", f"half-life ({self.unit})", self.half_life
        yield "", "rho (1 + adjustment)", self.rho
        yield "", "s.e. of rho", self.rho_se
        pct = f"{self.level:.0%}"
        yield "confidence intervals", f"delta method {pct} lower", self.ci_delta[0]
        yield "confidence intervals", f"delta method {pct} upper", self.ci_delta[1]
        yield "confidence intervals", f"bootstrap {pct} lower", self.ci_bootstrap[0]
        yield "confidence intervals", f"bootstrap {pct} upper", self.ci_bootstrap[1]
        yield "confidence intervals", "bootstrap replications", self.n_boot
        yield "confidence intervals", "seed", self.seed


def _rows(y: np.ndarray, x: np.ndarray | None, lags: int, t: int | slice) -> list[Any]:
    """Regressors of Δy_t: 1, y_{t-1}, [x_{t-1}], Δy_{t-1..lags}, [Δx_{t..t-lags}].

    ``y`` may be 2-D (replications in rows) so the bootstrap builds every row at once.
    """
    def lag(a: np.ndarray, j: int) -> np.ndarray:
        return a[..., _shift(t, j)]

    columns = [lag(y, 1)]
    if x is not None:
        columns.append(lag(x, 1))
    columns += [lag(y, j) - lag(y, j + 1) for j in range(1, lags + 1)]
    if x is not None:
        columns += [lag(x, j) - lag(x, j + 1) for j in range(lags + 1)]
    return columns


def _shift(t: int | slice, j: int) -> int | slice:
    return t - j if isinstance(t, int) else slice(t.start - j, t.stop - j)


def _design(y: np.ndarray, x: np.ndarray | None, lags: int) -> tuple[np.ndarray, np.ndarray]:
    rows = slice(lags + 1, len(y))
    columns = _rows(y, x, lags, rows)
    exog = np.column_stack([np.ones(len(y) - lags - 1), *columns])
    return np.diff(y)[lags:], exog


def _ols(dy: np.ndarray, exog: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients, their standard errors and the residuals."""
    beta, *_ = np.linalg.lstsq(exog, dy, rcond=None)
    resid = dy - exog @ beta
    sigma2 = resid @ resid / (len(dy) - exog.shape[1])
    return beta, np.sqrt(np.diag(sigma2 * np.linalg.inv(exog.T @ exog))), resid


def _bootstrap_rho(y: np.ndarray, x: np.ndarray | None, lags: int, beta: np.ndarray,
                   resid: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """rho* of ``n_boot`` series rebuilt recursively from resampled centred residuals."""
    rng = np.random.default_rng(seed)
    start = lags + 1
    draws = rng.choice(resid - resid.mean(), size=(n_boot, len(resid)), replace=True)
    series = np.tile(y, (n_boot, 1))
    for t in range(start, len(y)):
        regressors = np.column_stack([np.ones(n_boot), *(
            np.broadcast_to(c, n_boot) for c in _rows(series, x, lags, t))])
        series[:, t] = series[:, t - 1] + regressors @ beta + draws[:, t - start]
    rows = slice(start, len(y))
    exog = np.stack([np.ones((n_boot, len(y) - start)),
                     *(np.broadcast_to(c, (n_boot, len(y) - start))
                       for c in _rows(series, x, lags, rows))], axis=2)
    dy = np.diff(series, axis=1)[:, lags:]
    coefs = np.linalg.solve(np.einsum("bti,btj->bij", exog, exog),
                            np.einsum("bti,bt->bi", exog, dy)[..., None])
    return 1 + coefs[:, 1, 0]


def _estimate(y: np.ndarray, x: np.ndarray | None, *, lags: int, level: float, n_boot: int,
              seed: int) -> dict[str, Any]:
    dy, exog = _design(y, x, lags)
    beta, se, resid = _ols(dy, exog)
    rho = 1 + float(beta[1])
    estimate = half_life(rho)
    z = float(stats.norm.ppf(0.5 + level / 2))
    if 0 < rho < 1:
        spread = z * float(se[1]) * abs(math.log(0.5) / (rho * math.log(rho) ** 2))
        ci_delta = (max(estimate - spread, 0.0), estimate + spread)
    else:
        ci_delta = (math.nan, math.nan)
    ci_boot = (math.nan, math.nan)
    if n_boot > 0:
        sizes = np.abs(_bootstrap_rho(y, x, lags, beta, resid, n_boot, seed))
        low, high = np.quantile(sizes, [0.5 - level / 2, 0.5 + level / 2])
        ci_boot = (half_life(float(low)), half_life(float(high)))
    return {"half_life": estimate, "rho": rho, "rho_se": float(se[1]), "ci_delta": ci_delta,
            "ci_bootstrap": ci_boot, "nobs": len(dy)}


def _run(data: pd.Series | pd.DataFrame, model: str, *, lags: int, level: float,
         n_boot: int, seed: int) -> HalfLifeResults:
    common: dict[str, Any] = {
        "model": model, "lags": lags, "level": level, "n_boot": n_boot, "seed": seed,
        "unit": _UNITS.get(infer_frequency(data.index) or "", "periods")}
    width = 1 if isinstance(data, pd.Series) else data.shape[1]
    trimmed, reason = problem(data, min_nobs=(lags + 2) * (2 * width) + 8)
    if reason:
        return HalfLifeResults(reason=f"data {reason}", **common)
    values = trimmed.to_numpy()
    y, x = (values, None) if values.ndim == 1 else (values[:, 0], values[:, 1])
    try:
        estimate = _estimate(y, x, lags=lags, level=level, n_boot=n_boot, seed=seed)
    except np.linalg.LinAlgError as exc:
        return HalfLifeResults(reason=f"the computation failed: {exc}", **common)
    return HalfLifeResults(**estimate, **common)


@_doc
def half_life_ar1(series: pd.Series, *, level: float = 0.95, n_boot: int = 999,
                  seed: int = 0) -> HalfLifeResults:
    """Half-life of deviations from the mean of an AR(1) with a constant.

    Parameters
    ----------
    series : Series
        E.g. the normalised trade balance, indexed by dates or years.
    <intervals>

    Returns
    -------
    HalfLifeResults

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> y = np.zeros(400)
    >>> for t in range(1, 400):
    ...     y[t] = 0.5 * y[t - 1] + rng.standard_normal()
    >>> round(half_life_ar1(pd.Series(y), n_boot=0).half_life, 1)  # true value 1
    0.9
    """
    return _run(as_series(series), "AR(1)", lags=0, level=level, n_boot=n_boot, seed=seed)


@_doc
def half_life_ecm(data: pd.Series | pd.DataFrame, *, lags: int = 1, level: float = 0.95,
                  n_boot: int = 999, seed: int = 0) -> HalfLifeResults:
    """Half-life from the speed of adjustment of an error-correction model.

    Parameters
    ----------
    data : Series or DataFrame
        A deviation series (e.g. the balance; the ECM is then an ADF-type regression),
        or two columns y, x (``ln X``, ``ln M``) for the single-equation ECM of y.
    lags : int
        Lagged differences of y (and current plus lagged differences of x).
    <intervals>

    Returns
    -------
    HalfLifeResults
        ``rho = 1 + α`` where α is the coefficient on ``y_{t-1}``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(300).cumsum()
    >>> y = x.copy()
    >>> for t in range(1, 300):
    ...     y[t] = x[t] + 0.5 * (y[t - 1] - x[t - 1]) + rng.standard_normal()
    >>> frame = pd.DataFrame({"y": y, "x": x})
    >>> 0.5 < half_life_ecm(frame, n_boot=0).half_life < 2
    True
    """
    frame = as_series(data, "data") if isinstance(data, pd.Series) else as_frame(data)
    return _run(frame, "ECM", lags=lags, level=level, n_boot=n_boot, seed=seed)
