"""Reciprocity as equivalence: is the mean balance within ±band of zero?

Failing to reject a zero mean is not evidence of balance; a short or noisy sample fails
to reject anything. The question "is trade within ±0.05 of balance?" is answered by
Schuirmann's (1987) two one-sided tests (TOST), with a Newey-West standard error
because the balance is autocorrelated:

* ``t_lower = (mean + band)/se`` tests H0 mean <= -band; ``t_upper = (mean - band)/se``
  tests H0 mean >= band; each one-sided p-value uses t(T - 1). Equivalence (the mean is
  inside the band) is shown when both reject: the TOST statistic is
  ``min(t_lower, -t_upper)`` with p-value ``max(p_lower, p_upper)``, and equivalently
  the (1 - 2 level) confidence interval lies inside the band (Lakens 2017, TOSTER).
* The mean is shown **outside** the band when that interval lies entirely outside it:
  statistic ``max(t_upper, -t_lower)``, p-value ``min`` of the one-sided p-values of
  H0 mean <= band and H0 mean >= -band (a minimal-effect test, TOSTER's "MET").
* Otherwise the state is **undetermined**.

:func:`tost_from_estimate` does the arithmetic from an estimate, its standard error
and degrees of freedom (checked against TOSTER's published results and an R
computation with sandwich); :func:`equivalence_test` and :func:`outside_band_test`
compute them on a series.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from econ.names import RECIPROCITY_BAND
from econ.results import TestResult
from econ.tsa._data import as_series, default_hac_lags, problem
from econ.tsa.batch import hac_mean

__all__ = ["State", "boundary_statistics", "equivalence_test", "outside_band_test",
           "state_of", "tost_from_estimate"]

State = Literal["within_band", "outside_band", "undetermined"]
_TOST_NULL = "the mean is outside ±{band:g} (|mean| >= {band:g})"
_OUT_NULL = "the mean is inside ±{band:g} (|mean| <= {band:g})"


def tost_from_estimate(estimate: float, se: float, df: float, *, band: float = RECIPROCITY_BAND,
                       level: float = 0.05) -> dict[str, float]:
    """Both one-sided tests, the TOST and outside-band statistics and the interval.

    Parameters
    ----------
    estimate, se : float
        The mean (minus the reference value) and its standard error.
    df : float
        Degrees of freedom of the t distribution.
    band : float
        Half-width of the equivalence region ``[-band, band]``.
    level : float
        Size of each one-sided test; the interval has coverage ``1 - 2 level``.

    Returns
    -------
    dict
        ``t_lower, p_lower, t_upper, p_upper, tost_statistic, tost_pvalue,
        outside_statistic, outside_pvalue, ci_lower, ci_upper``.

    Examples
    --------
    >>> out = tost_from_estimate(0.02, 0.5 / 300 ** 0.5, 299, band=0.1)  # TOSTER
    >>> round(out["t_lower"], 6), round(out["t_upper"], 6)
    (4.156922, -2.771281)
    """
    t_lower, t_upper = (estimate + band) / se, (estimate - band) / se
    half = float(stats.t.ppf(1 - level, df)) * se
    return {"t_lower": t_lower, "p_lower": float(stats.t.sf(t_lower, df)),
            "t_upper": t_upper, "p_upper": float(stats.t.cdf(t_upper, df)),
            "tost_statistic": min(t_lower, -t_upper),
            "tost_pvalue": float(stats.t.sf(min(t_lower, -t_upper), df)),
            "outside_statistic": max(t_upper, -t_lower),
            "outside_pvalue": float(stats.t.sf(max(t_upper, -t_lower), df)),
            "ci_lower": estimate - half, "ci_upper": estimate + half}


def state_of(within: bool | None, outside: bool | None) -> State:
    """The three-way state from the two decisions (None = not decided).

    Examples
    --------
    >>> state_of(True, False), state_of(False, False), state_of(None, True)
    ('within_band', 'undetermined', 'outside_band')
    """
    if within and not outside:
        return "within_band"
    if outside and not within:
        return "outside_band"
    return "undetermined"


def _run(series: pd.Series, band: float, level: float, lags: int | None,
         which: Literal["tost", "outside"]) -> TestResult:
    name = "TOST (HAC)" if which == "tost" else "outside band (HAC)"
    null = (_TOST_NULL if which == "tost" else _OUT_NULL).format(band=band)
    data, reason = problem(as_series(series), min_nobs=5)
    if reason:
        return TestResult.not_run(name, null, f"series {reason}", deterministic="c")
    bandwidth = default_hac_lags(len(data)) if lags is None else lags
    mean, se, _ = hac_mean(data.to_numpy()[None, :], lags=bandwidth)
    if not se[0] > 0:
        return TestResult.not_run(name, null, "the HAC standard error is zero",
                                  deterministic="c")
    out = tost_from_estimate(float(mean[0]), float(se[0]), len(data) - 1, band=band,
                             level=level)
    params: dict[str, Any] = {"mean": float(mean[0]), "hac_se": float(se[0]), "band": band,
                              **{k: out[k] for k in ("t_lower", "p_lower", "t_upper",
                                                     "p_upper", "ci_lower", "ci_upper")}}
    return TestResult(test=name, statistic=out[f"{which}_statistic"],
                      pvalue=out[f"{which}_pvalue"], null_hypothesis=null, lags=bandwidth,
                      deterministic="c", nobs=len(data), params=params)


def equivalence_test(series: pd.Series, *, band: float = RECIPROCITY_BAND, level: float = 0.05,
                     lags: int | None = None) -> TestResult:
    """TOST that the mean is inside ±band, Newey-West standard error.

    Parameters
    ----------
    series : Series
        E.g. the normalised balance, indexed by dates or years.
    band : float
        Half-width of the balance band (0.05: exports within about ±10% of imports).
    level : float
        Size of each one-sided test (the ``ci_*`` params are the 1 - 2 level interval).
    lags : int, optional
        Newey-West bandwidth; default ``floor(4 (T/100)^(2/9))``.

    Returns
    -------
    TestResult
        Rejecting means the mean is shown inside the band.

    Examples
    --------
    >>> inside = pd.Series(np.random.default_rng(0).normal(0.0, 0.05, 120))
    >>> equivalence_test(inside).reject()
    True
    """
    return _run(series, band, level, lags, "tost")


def outside_band_test(series: pd.Series, *, band: float = RECIPROCITY_BAND, level: float = 0.05,
                      lags: int | None = None) -> TestResult:
    """Test that the mean is outside ±band (rejecting its being inside), HAC s.e.

    Parameters and return as :func:`equivalence_test`; rejecting means the mean is
    shown outside the band.

    Examples
    --------
    >>> lopsided = pd.Series(np.random.default_rng(0).normal(0.3, 0.05, 60))
    >>> outside_band_test(lopsided).reject()
    True
    """
    return _run(series, band, level, lags, "outside")


def boundary_statistics(deviations: np.ndarray, *, band: float, lags: int
                        ) -> dict[str, np.ndarray]:
    """Studentized means of simulated zero-mean deviations, and the TOST statistics.

    ``deviations`` (R, T) are zero-mean series with the dynamics of the data. Because
    the HAC standard error does not move with the mean, one set of draws gives
    ``t_null`` (the studentized mean, whose quantiles calibrate every mean test and the
    bootstrap-t interval) and the TOST and outside statistics at the boundaries
    (``tost_at_upper``, ``tost_at_lower``, ``outside_at_upper``, ``outside_at_lower``:
    the nulls) and at the stated alternatives (``tost_at_zero``: exact balance;
    ``outside_at_2band``: a mean of twice the band).

    Examples
    --------
    >>> d = np.random.default_rng(0).normal(0, 0.05, (3, 40))
    >>> sorted(boundary_statistics(d, band=0.05, lags=2))[:2]
    ['outside_at_2band', 'outside_at_lower']
    """
    mean, se, t_null = hac_mean(deviations, lags=lags)

    def tost(centre: float) -> np.ndarray:
        lower, upper = (mean + centre + band) / se, (mean + centre - band) / se
        return np.asarray(np.minimum(lower, -upper), dtype=float)

    def outside(centre: float) -> np.ndarray:
        lower, upper = (mean + centre + band) / se, (mean + centre - band) / se
        return np.asarray(np.maximum(upper, -lower), dtype=float)

    return {"t_null": t_null, "se": se, "tost_at_upper": tost(band),
            "tost_at_lower": tost(-band), "tost_at_zero": tost(0.0),
            "outside_at_upper": outside(band), "outside_at_lower": outside(-band),
            "outside_at_2band": outside(2 * band)}
