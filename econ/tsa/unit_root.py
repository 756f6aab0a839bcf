"""Unit-root and stationarity tests (statsmodels), each returning a ``TestResult``.

For a trade balance the question "is it converging to balance?" is "is it stationary
around zero?": ADF with ``regression="n"`` (no constant) tests a unit root against
stationarity around zero, KPSS tests stationarity against a unit root, and
:func:`mean_zero_test` asks whether the mean is zero with a HAC (Newey–West) t-test.

Conventions, checked against R in ``tests/tsa/test_unit_root.py``:

* ADF with fixed lags equals ``urca::ur.df(y, type = "none"/"drift"/"trend", lags = k,
  selectlags = "Fixed")``; p-values are MacKinnon's (1994, 2010) from statsmodels.
* KPSS ``lags="short"`` is ``trunc(4 (T/100)^(1/4))`` (urca ``lags = "short"``, tseries
  ``lshort = TRUE``); p-values are interpolated in the KPSS (1992) table, so they are
  bounded to [0.01, 0.10], as in tseries; ``params["pvalue_bounded"]`` says when.
* Zivot–Andrews: the statistic equals ``urca::ur.za`` with the same lag. **Break date**
  (the known "off by one"): econ reports TB, the *last observation of the old regime*
  (Zivot and Andrews 1992: ``DU_t = 1(t > TB)``, ``DT_t = (t - TB) 1(t > TB)``), as urca
  (1-based ``bpoint``) and strucchange's ``breakdates`` do. statsmodels returns a 0-based
  position; for the intercept ("c") and both ("ct") models it is TB (27 = 1898 for the
  Nile, urca 28), but for the trend-only model ("t") its trend dummy is already 1 at the
  returned position, which is therefore TB + 1 (Nile: statsmodels 43, urca 43 1-based =
  42 0-based, same statistic). econ follows urca and the paper and subtracts one for
  "t". urca searches every date, statsmodels (and econ) trim 15% at each end (as Zivot
  and Andrews 1992 and Stata ``zandrews``); they agree when the minimum lies inside.
  **NaN bug**: statsmodels inverts each candidate regression explicitly; on a short
  series with many lags (the annual Russia-reported balance, T = 30, 6 lags) one
  near-singular date gives a negative variance, a NaN t-ratio, and ``np.min`` makes
  the whole statistic NaN with the NaN's position as the break. econ computes the same
  regressions by QR and Frisch-Waugh (:func:`econ.tsa.batch.zivot_andrews`), skips
  dates whose regression is numerically singular.
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS
from statsmodels.tools.sm_exceptions import InterpolationWarning
from statsmodels.tsa.stattools import kpss, zivot_andrews

from econ.results import TestResult
from econ.tsa import batch
from econ.tsa._data import (
    as_series,
    default_hac_lags,
    default_max_lags,
    problem,
    quiet_adfuller,
    run_guarded,
)

__all__ = ["adf_test", "kpss_test", "mean_zero_test", "za_pvalues", "zivot_andrews_test"]

AutoLag = Literal["aic", "bic", "t-stat"]
_ADF_NULL = {
    "n": "the series has a unit root (it does not revert to zero)",
    "c": "the series has a unit root (it does not revert to a constant mean)",
    "ct": "the series has a unit root (it does not revert to a linear trend)",
}
_KPSS_NULL = {"c": "the series is stationary around a constant mean",
              "ct": "the series is stationary around a linear trend"}
_ZA_NULL = "the series has a unit root with no structural break"
_MEAN_NULL = "the mean of the series is zero"


def _crit(values: dict[str, float]) -> dict[str, float]:
    return {level: float(value) for level, value in values.items()}


def adf_test(series: pd.Series, *, regression: Literal["n", "c", "ct"] = "c",
             lags: int | None = None, max_lags: int | None = None,
             autolag: AutoLag = "aic") -> TestResult:
    """Augmented Dickey–Fuller test (statsmodels ``adfuller``).

    Parameters
    ----------
    series : Series
        Time series indexed by dates or years.
    regression : {"n", "c", "ct"}
        Deterministic terms: none (stationary around zero: the balance hypothesis),
        constant, constant and trend.
    lags : int, optional
        Fixed number of lagged differences; when None the lag is chosen by ``autolag``
        up to ``max_lags``.
    max_lags : int, optional
        Largest lag tried by ``autolag``; default ``12 (T/100)^(1/4)`` capped at
        ``(T - 10) // 3`` (see ``econ.tsa._data.default_max_lags``).
    autolag : {"aic", "bic", "t-stat"}
        Lag selection rule when ``lags`` is None.

    Returns
    -------
    TestResult
        ``statistic`` (tau), MacKinnon ``pvalue``, critical values, lags, nobs.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> adf_test(pd.Series(rng.standard_normal(100)), regression="n").reject()
    True
    """
    null = _ADF_NULL[regression]
    data, reason = problem(as_series(series), min_nobs=max(10, (lags or 0) + 6))
    if reason:
        return TestResult.not_run("ADF", null, f"series {reason}", deterministic=regression)

    def run() -> TestResult:
        upper = default_max_lags(len(data)) if max_lags is None else max_lags
        out = quiet_adfuller(data.to_numpy(), maxlag=lags if lags is not None else upper,
                            regression=regression,
                            autolag=None if lags is not None else autolag)
        params = {} if lags is not None else {"lag selection": autolag}
        return TestResult(test="ADF", statistic=float(out[0]), pvalue=float(out[1]),
                          null_hypothesis=null, critical_values=_crit(out[4]),
                          lags=int(out[2]), deterministic=regression, nobs=int(out[3]),
                          params=params, tail="lower")

    return run_guarded("ADF", null, run, deterministic=regression)


def _kpss_lags(lags: int | Literal["short", "long", "auto"], nobs: int) -> int | str:
    if lags == "short":
        return int(np.trunc(4 * (nobs / 100) ** 0.25))
    if lags == "long":
        return int(np.trunc(12 * (nobs / 100) ** 0.25))
    return lags


def kpss_test(series: pd.Series, *, regression: Literal["c", "ct"] = "c",
              lags: int | Literal["short", "long", "auto"] = "short") -> TestResult:
    """KPSS test of stationarity (statsmodels ``kpss``, Bartlett kernel).

    Parameters
    ----------
    series : Series
        Time series indexed by dates or years.
    regression : {"c", "ct"}
        Stationary around a constant or around a trend.
    lags : int or {"short", "long", "auto"}
        Bandwidth: ``"short"`` = ``trunc(4 (T/100)^(1/4))`` (KPSS 1992's l4, the R
        default), ``"long"`` = ``trunc(12 (T/100)^(1/4))``, ``"auto"`` = Hobijn et al.
        (1998) data-driven choice.

    Returns
    -------
    TestResult
        The p-value is interpolated in the KPSS table and bounded to [0.01, 0.10];
        ``params["pvalue_bounded"]`` is True when the statistic is outside the table.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> kpss_test(pd.Series(rng.standard_normal(200).cumsum())).reject()
    True
    """
    null = _KPSS_NULL[regression]
    data, reason = problem(as_series(series), min_nobs=10)
    if reason:
        return TestResult.not_run("KPSS", null, f"series {reason}", deterministic=regression)

    def run() -> TestResult:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InterpolationWarning)
            warnings.simplefilter("ignore", FutureWarning)  # 0.15: tuple -> result object
            stat, pvalue, used, crit = kpss(data.to_numpy(), regression=regression,
                                            nlags=_kpss_lags(lags, len(data)))
        bounded = any(issubclass(w.category, InterpolationWarning) for w in caught)
        return TestResult(test="KPSS", statistic=float(stat), pvalue=float(pvalue),
                          null_hypothesis=null, critical_values=_crit(crit), lags=int(used),
                          deterministic=regression, nobs=len(data),
                          params={"pvalue_bounded": bounded})

    return run_guarded("KPSS", null, run, deterministic=regression)


def mean_zero_test(series: pd.Series, *, lags: int | None = None) -> TestResult:
    """t-test that the mean is zero with Newey–West (HAC) standard errors.

    OLS of the series on a constant; the variance uses Bartlett weights ``1 - j/(L+1)``
    without small-sample correction and the p-value a t distribution with T-1 degrees
    of freedom, i.e. ``lmtest::coeftest(lm(y ~ 1), vcov = NeweyWest(fm, lag = L,
    prewhite = FALSE, adjust = FALSE))`` in R.

    Parameters
    ----------
    series : Series
        Time series indexed by dates or years.
    lags : int, optional
        Bandwidth L; default the Newey–West (1994) rule ``floor(4 (T/100)^(2/9))``.

    Returns
    -------
    TestResult
        ``statistic`` is the t-ratio; ``params`` holds the mean and its HAC s.e.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> mean_zero_test(pd.Series(rng.standard_normal(200) + 1.0)).reject()
    True
    """
    data, reason = problem(as_series(series), min_nobs=5)
    if reason:
        return TestResult.not_run("HAC mean", _MEAN_NULL, f"series {reason}",
                                  deterministic="c")
    bandwidth = default_hac_lags(len(data)) if lags is None else lags

    def run() -> TestResult:
        values = data.to_numpy()
        fit = OLS(values, np.ones((len(values), 1))).fit(
            cov_type="HAC", cov_kwds={"maxlags": bandwidth, "use_correction": False},
            use_t=True)
        return TestResult(test="HAC mean", statistic=float(fit.tvalues[0]),
                          pvalue=float(fit.pvalues[0]), null_hypothesis=_MEAN_NULL,
                          lags=bandwidth, deterministic="c", nobs=len(values),
                          params={"mean": float(fit.params[0]), "hac_se": float(fit.bse[0])})

    return run_guarded("HAC mean", _MEAN_NULL, run, deterministic="c")


def za_pvalues(statistics: np.ndarray, regression: Literal["c", "t", "ct"] = "c"
               ) -> np.ndarray:
    """Zivot-Andrews p-values, interpolated in statsmodels' simulated quantile table.

    Examples
    --------
    >>> za_pvalues(np.array([-4.81067]), "c").round(3).tolist()
    [0.05]
    """
    # statsmodels keeps its table (100,000 replications of T = 2000) on the test object
    table = zivot_andrews._za_critical_values[regression]
    return np.asarray(np.interp(statistics, table[:, 1], table[:, 0]) / 100, dtype=float)


def zivot_andrews_test(series: pd.Series, *, regression: Literal["c", "t", "ct"] = "c",
                       lags: int | None = None, max_lags: int | None = None,
                       autolag: AutoLag = "aic", trim: float = 0.15) -> TestResult:
    """Zivot–Andrews unit-root test with one endogenous break (statsmodels).

    Parameters
    ----------
    series : Series
        Time series indexed by dates or years.
    regression : {"c", "t", "ct"}
        Break in the intercept (ZA model A), in the trend (B) or in both (C).
    lags : int, optional
        Fixed number of lagged differences; when None chosen by ``autolag`` on the
        no-break ADF regression (Baum's approximation, as statsmodels).
    max_lags : int, optional
        Largest lag tried by ``autolag``.
    autolag : {"aic", "bic", "t-stat"}
        Lag selection rule when ``lags`` is None.
    trim : float
        Fraction of the sample excluded at each end from the break search.

    Returns
    -------
    TestResult
        ``params["break_date"]`` is the last observation before the break (see the
        module docstring), ``params["break_position"]`` its 0-based position.

    Examples
    --------
    >>> y = pd.Series(np.r_[np.zeros(50), np.ones(50) * 5] + np.random.default_rng(0)
    ...               .standard_normal(100), index=range(1901, 2001))
    >>> zivot_andrews_test(y, lags=0).params["break_date"]
    1950
    """
    data, reason = problem(as_series(series), min_nobs=max(20, 3 * ((lags or 0) + 5)))
    if reason:
        return TestResult.not_run("Zivot-Andrews", _ZA_NULL, f"series {reason}",
                                  deterministic=regression)

    def run() -> TestResult:
        values = data.to_numpy()
        used = lags
        if used is None:  # statsmodels' choice: ADF with constant and trend, no break
            upper = default_max_lags(len(data)) if max_lags is None else max_lags
            used = int(quiet_adfuller(values, maxlag=upper, regression="ct",
                                      autolag=autolag)[2])
        stat, position = batch.zivot_andrews(values[None, :], lags=used, trim=trim,
                                             regression=regression)
        if position[0] < 0:
            raise ValueError(f"every candidate break date gives a singular regression "
                             f"with {used} lags")
        # statsmodels' trend dummy is 1 at its returned position in model "t" only
        spot = int(position[0]) - (regression == "t")
        table = zivot_andrews._za_critical_values[regression]
        crit = {f"{p:g}%": float(np.interp(p, table[:, 0], table[:, 1])) for p in (1, 5, 10)}
        return TestResult(test="Zivot-Andrews", statistic=float(stat[0]),
                          pvalue=float(za_pvalues(stat, regression)[0]),
                          null_hypothesis=_ZA_NULL, critical_values=crit, lags=used,
                          deterministic=regression,
                          nobs=len(data), tail="lower",
                          params={"break_date": data.index[spot], "break_position": spot})

    return run_guarded("Zivot-Andrews", _ZA_NULL, run, deterministic=regression)
