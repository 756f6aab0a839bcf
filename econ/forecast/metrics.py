"""Forecast accuracy measures and the Diebold-Mariano test.

Point measures (MAE, RMSE, MASE), interval measures (empirical coverage, Winkler
score), quantile measure (pinball loss), and the Diebold-Mariano (1995) test with the
Harvey, Leybourne & Newbold (1997) small-sample correction. Arrays broadcast; missing
values (NaN) are ignored, so ragged backtest tables can be passed as they are.

Definitions follow Hyndman & Koehler (2006, IJF 22(4)) for MASE, Gneiting & Raftery
(2007, JASA 102(477)) for the pinball (quantile) loss, and Winkler (1972, JASA 67(337))
for the interval score. R's ``forecast`` package (``accuracy``, ``dm.test``) gives the
reference values in the tests.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from econ.results import TestResult

__all__ = [
    "coverage",
    "diebold_mariano",
    "mae",
    "mase",
    "mase_scale",
    "pinball_loss",
    "rmse",
    "winkler_score",
]


def _errors(actual: ArrayLike, forecast: ArrayLike) -> np.ndarray:
    errors: np.ndarray = np.asarray(actual, dtype=float) - np.asarray(forecast, dtype=float)
    return errors


def mae(actual: ArrayLike, forecast: ArrayLike) -> float:
    """Mean absolute error.

    Examples
    --------
    >>> mae([1.0, 2.0, 4.0], [2.0, 2.0, 2.0])
    1.0
    """
    return float(np.nanmean(np.abs(_errors(actual, forecast))))


def rmse(actual: ArrayLike, forecast: ArrayLike) -> float:
    """Root mean squared error.

    Examples
    --------
    >>> rmse([1.0, 3.0], [2.0, 2.0])
    1.0
    """
    return float(np.sqrt(np.nanmean(_errors(actual, forecast) ** 2)))


def mase_scale(train: ArrayLike, season_length: int = 1) -> float:
    """In-sample MAE of the (seasonal) naive forecast: the MASE denominator.

    ``mean |y_t - y_{t-m}|`` over the training data only, with ``m = season_length``
    (Hyndman & Koehler 2006; R ``forecast::accuracy`` uses the seasonal lag for
    seasonal data).

    Examples
    --------
    >>> mase_scale([1.0, 3.0, 2.0, 5.0])
    2.0
    """
    y = np.asarray(train, dtype=float)
    if len(y) <= season_length:
        raise ValueError(f"train: expected more than {season_length} observations for the "
                         f"MASE scale, found {len(y)}.")
    return float(np.mean(np.abs(y[season_length:] - y[:-season_length])))


def mase(actual: ArrayLike, forecast: ArrayLike, scale: ArrayLike) -> float:
    """Mean absolute scaled error: ``mean(|e| / scale)``.

    ``scale`` may be one number or one per error (per backtest fold, from that fold's
    training data).

    Examples
    --------
    >>> mase([1.0, 2.0], [2.0, 4.0], 2.0)
    0.75
    """
    scaled = np.abs(_errors(actual, forecast)) / np.asarray(scale, dtype=float)
    return float(np.nanmean(scaled))


def coverage(actual: ArrayLike, lower: ArrayLike, upper: ArrayLike) -> float:
    """Share of actual values inside ``[lower, upper]``.

    Examples
    --------
    >>> coverage([1.0, 5.0], [0.0, 0.0], [2.0, 2.0])
    0.5
    """
    y = np.asarray(actual, dtype=float)
    inside = (y >= np.asarray(lower, dtype=float)) & (y <= np.asarray(upper, dtype=float))
    return float(np.mean(inside[~np.isnan(y)]))


def pinball_loss(actual: ArrayLike, quantile: ArrayLike, prob: float) -> float:
    """Mean pinball (quantile) loss of a ``prob``-quantile forecast.

    ``prob * (y - q)`` when ``y >= q``, else ``(1 - prob) * (q - y)``
    (Gneiting & Raftery 2007; Hyndman & Athanasopoulos, FPP3 §5.9, multiply it by 2 so
    that the 0.5 quantile loss equals the absolute error).

    Examples
    --------
    >>> pinball_loss([10.0, 10.0], [8.0, 12.0], 0.9)
    1.0
    """
    if not 0 < prob < 1:
        raise ValueError(f"prob: expected a probability in (0, 1), found {prob}.")
    diff = _errors(actual, quantile)
    return float(np.nanmean(np.where(diff >= 0, prob * diff, (prob - 1) * diff)))


def winkler_score(actual: ArrayLike, lower: ArrayLike, upper: ArrayLike,
                  level: float) -> float:
    """Mean Winkler (interval) score of a ``level``% interval.

    The width, plus ``2 / alpha`` times the distance by which the actual value falls
    outside the interval, with ``alpha = 1 - level / 100`` (Winkler 1972; Gneiting &
    Raftery 2007, eq. 43).

    Examples
    --------
    >>> winkler_score([5.0, 12.0], [4.0, 4.0], [10.0, 10.0], 80)
    16.0
    """
    if not 1 <= level < 100:
        raise ValueError(f"level: expected a percentage such as 80 or 95, found {level}.")
    y = np.asarray(actual, dtype=float)
    lo, hi = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    alpha = 1 - level / 100
    score = (hi - lo) + (2 / alpha) * (np.maximum(lo - y, 0) + np.maximum(y - hi, 0))
    return float(np.nanmean(score))


_DM_NULL = "both forecasts are equally accurate (mean loss differential is zero)"


def diebold_mariano(errors: ArrayLike, benchmark_errors: ArrayLike, *, horizon: int = 1,
                    power: float = 2,
                    alternative: Literal["two-sided", "less", "greater"] = "two-sided",
                    ) -> TestResult:
    """Diebold-Mariano test with the Harvey-Leybourne-Newbold correction.

    The loss differential is ``d_t = |e_t|^power - |b_t|^power``; its long-run variance
    uses the autocovariances up to lag ``horizon - 1`` (h-step forecast errors from
    consecutive origins overlap); the statistic is multiplied by
    ``sqrt((n + 1 - 2h + h(h - 1)/n) / n)`` and compared with Student's t with
    ``n - 1`` degrees of freedom (Harvey, Leybourne & Newbold 1997, IJF 13(2)). This is
    R ``forecast::dm.test(e1, e2, h, power, varestimator = "acf")``.

    Parameters
    ----------
    errors, benchmark_errors : array_like
        Forecast errors of the model and of the benchmark, same target periods
        (pairs with a NaN are dropped).
    horizon : int
        Forecast horizon of the errors (lags in the variance: ``horizon - 1``).
    power : float
        Loss ``|e|^power`` (2: squared error, 1: absolute error).
    alternative : {"two-sided", "less", "greater"}
        ``"less"``: the model's loss is smaller than the benchmark's.

    Returns
    -------
    TestResult
        Negative statistic: the model is more accurate than the benchmark.

    Examples
    --------
    >>> result = diebold_mariano([0.5, -1.0, 0.2, 0.4], [1.0, -2.0, 0.8, 1.5])
    >>> round(result.statistic, 4), round(result.pvalue, 4)
    (-2.8161, 0.067)
    """
    e1 = np.asarray(errors, dtype=float)
    e2 = np.asarray(benchmark_errors, dtype=float)
    if e1.shape != e2.shape:
        raise ValueError(f"errors: expected two arrays of the same length, found "
                         f"{e1.shape} and {e2.shape}.")
    keep = ~(np.isnan(e1) | np.isnan(e2))
    d = np.abs(e1[keep]) ** power - np.abs(e2[keep]) ** power
    n = len(d)
    params = {"horizon": horizon, "loss power": power, "alternative": alternative}
    if n < max(3, 2 * horizon):
        return TestResult.not_run("Diebold-Mariano (HLN)", _DM_NULL,
                                  f"{n} paired errors; needs at least {max(3, 2 * horizon)}",
                                  nobs=n, params=params)
    centred = d - d.mean()
    gamma = [centred[k:] @ centred[:n - k] / n for k in range(horizon)]
    variance = (gamma[0] + 2 * sum(gamma[1:])) / n
    if not variance > 0:
        return TestResult.not_run("Diebold-Mariano (HLN)", _DM_NULL,
                                  "the loss differential has no positive long-run variance "
                                  "(identical forecasts, or try horizon=1)",
                                  nobs=n, params=params)
    correction = math.sqrt((n + 1 - 2 * horizon + horizon * (horizon - 1) / n) / n)
    statistic = float(d.mean() / math.sqrt(variance) * correction)
    t = stats.t(df=n - 1)
    pvalue = {"two-sided": 2 * t.cdf(-abs(statistic)), "less": t.cdf(statistic),
              "greater": t.sf(statistic)}[alternative]
    return TestResult(test="Diebold-Mariano (HLN)", statistic=statistic, pvalue=float(pvalue),
                      null_hypothesis=_DM_NULL, nobs=n, lags=horizon - 1,
                      params={**params, "mean loss differential": float(d.mean())})
