"""Structural breaks: Chow, sup-F (QLR), Bai–Perron, CUSUM and CUSUM of squares.

Every test fits ``y_t = x_t' beta + e_t`` where x is a constant (``trend="c"``), a
constant and a linear trend (``"ct"``), plus the columns of ``exog``; under the
alternative *all* coefficients break (pure structural change).

**Break-date convention** (as R strucchange): a break "at" date d means d is the *last
observation of the old regime*; ``breakpoints`` are 1-based observation numbers of those
dates (strucchange's ``breakpoints``), ``break_dates`` their index labels.

* :func:`chow_test`: F test at a known date, ``((S_0 - S_1 - S_2)/k) / ((S_1 + S_2)/(T - 2k))``
  (``strucchange::sctest(y ~ 1, type = "Chow", point = p)``).
* :func:`sup_f_test`: Andrews (1993) sup-F / Quandt likelihood ratio over the trimmed
  sample, in the Wald scale (k times the F statistic, as strucchange ``Fstats``, Andrews
  and Hansen); asymptotic p-values by Hansen's (1997) approximation
  ``p = 1 - Chi2_df(b0 + b1 x)`` with his coefficients for k and the trimming (linear
  interpolation across trimmings, as his code and strucchange do), read from
  ``econ/tsa/data/hansen1997_supf.csv``.
* :func:`bai_perron`: Bai and Perron (1998, 2003) global minimisation of the sum of
  squared residuals over all partitions with at most ``max_breaks`` breaks and segments
  of at least ``h = floor(trim T)`` observations, by dynamic programming on the table
  of segment RSS. The table comes from recursive residuals computed for every start at
  once (a numpy recursion over segment length, vectorised across starts), so the work is
  O(T^2 k^2) in a few thousand vector operations instead of strucchange's per-start R
  loop; ties go to the earliest date, as R's ``which.min``. The number of breaks is
  chosen by BIC (strucchange's, i.e. penalty ``ln T`` per regression coefficient and
  variance per segment), LWZ (Liu, Wu and Zidek 1997, as Bai and Perron 2003 use it:
  ``ln(S/(T - p*)) + p* 0.299 (ln T)^2.1 / T``, ``p* = (m+1)k + m``) or the sequential
  ``sup F(l+1|l)`` test (Bai and Perron 1998): the largest single-break F statistic
  within any segment of the l-break partition, p-value ``1 - (1 - p_H)^(l+1)`` with
  ``p_H`` Hansen's sup-F p-value at the same trimming (the limit law in Bai and Perron
  1998, Prop. 9). Break-date confidence intervals follow Bai (1997) with
  heterogeneous regressors and errors across segments, exactly as strucchange
  ``confint.breakpointsfull`` (its ``pargmaxV`` distribution function).
* :func:`cusum_test` (Brown, Durbin and Evans 1975, recursive residuals from statsmodels
  ``RecursiveLS``): statistic ``max |W_j| / (1 + 2 j/n)`` with ``W`` the standardised
  CUSUM path over the ``n`` recursive residuals, p-value from the boundary-crossing
  probability of Brownian motion (strucchange's ``pvalue.efp``);
  :func:`cusum_squares_test`: statsmodels ``RecursiveLS`` CUSUM of squares, statistic
  ``max |s_j - j/n|``, critical values from Edgerton and Wells' (1994) approximation
  (statsmodels); :func:`cusum_ols_test`: OLS-residual CUSUM (Ploberger and Krämer
  1992), statsmodels ``breaks_cusumolsresid``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import optimize, special, stats
from statsmodels.regression.recursive_ls import RecursiveLS
from statsmodels.stats.diagnostic import breaks_cusumolsresid

from econ.results import Results, TestResult
from econ.tsa._data import as_series, fill_doc, problem, run_guarded

__all__ = [
    "BaiPerronResults",
    "bai_perron",
    "brownian_crossing_pvalue",
    "brownian_crossing_pvalues",
    "chow_test",
    "confidence_intervals",
    "cusum_ols_test",
    "cusum_squares_test",
    "cusum_test",
    "hansen_supf_pvalue",
    "hansen_supf_pvalues",
    "hansen_trim",
    "label_at",
    "segment_rss",
    "sup_f_test",
]

Trend = Literal["c", "ct"]
_CHOW_NULL = "no structural break at the given date"
_SUPF_NULL = "no structural break at any date in the trimmed sample"
_SEQ_NULL = "{l} breaks against {l1}"
_CUSUM_NULL = "the regression coefficients are constant over time"
_CUSUMSQ_NULL = "the regression coefficients and error variance are constant over time"
_LWZ_C0, _LWZ_D0 = 0.299, 0.1
_REGRESSION_DOC = """series : Series
        Time series indexed by dates or years.
    exog : DataFrame, optional
        Extra regressors aligned on the index.
    trend : {"c", "ct"}
        Constant, or constant and trend."""
_doc = fill_doc(regression=_REGRESSION_DOC)


# ---- data ---------------------------------------------------------------------------

def _design(series: pd.Series, exog: pd.DataFrame | None, trend: Trend, min_nobs: int
            ) -> tuple[pd.Index, np.ndarray, np.ndarray, str | None]:
    """Index, y, X of the break regression, or the reason it cannot be run."""
    frame = as_series(series).to_frame("y")
    if exog is not None:
        if not isinstance(exog, pd.DataFrame):
            raise TypeError(f"exog: expected a DataFrame aligned on the series index, found "
                            f"{type(exog).__name__}.")
        frame = frame.join(exog.astype("float64"), how="left")
    frame, reason = problem(frame, min_nobs=min_nobs)
    nobs = len(frame)
    columns = [np.ones(nobs)]
    if trend == "ct":
        columns.append(np.arange(1.0, nobs + 1))
    x = np.column_stack([*columns, frame.iloc[:, 1:].to_numpy()])
    if reason is None and nobs and np.linalg.matrix_rank(x) < x.shape[1]:
        reason = "has collinear regressors (constant, trend and exog)"
    return frame.index, frame["y"].to_numpy(), x, reason


# ---- segment RSS by recursive residuals ----------------------------------------------

def segment_rss(y: np.ndarray, x: np.ndarray, starts: np.ndarray | None = None
                ) -> np.ndarray:
    """RSS of OLS on every segment ``[s, e]``: ``rss[i, e]`` for start ``starts[i]``.

    Recursive residuals ``w_t = (y_t - x_t' b_{t-1}) / sqrt(1 + x_t' P_{t-1} x_t)`` are
    accumulated for every start at once (Brown, Durbin and Evans 1975: the RSS of the
    segment ``[s, e]`` is the sum of squared recursive residuals from ``s + k`` to ``e``).
    Entries with ``e < s + k - 1`` are NaN.

    Parameters
    ----------
    y : ndarray, shape (T,)
    x : ndarray, shape (T, k)
    starts : ndarray of int, optional
        Sorted segment starts; default every start ``0 .. T-k``.

    Returns
    -------
    ndarray, shape (len(starts), T)

    Examples
    --------
    >>> y = np.array([1.0, 2.0, 4.0, 8.0])
    >>> round(float(segment_rss(y, np.ones((4, 1)))[0, 2]), 4)  # 2 var(1, 2, 4)
    4.6667
    """
    nobs, k = x.shape
    starts = np.arange(nobs - k + 1) if starts is None else np.asarray(starts)
    if k == 1 and np.all(x == x[0, 0]):  # a constant: sums of squares about the mean
        return _segment_rss_mean(y, starts)
    # Every segment RSS is invariant to x -> x A (A invertible); orthonormal columns keep
    # the Sherman-Morrison recursion well conditioned (lagged levels next to a constant
    # otherwise cost six digits).
    x = np.linalg.qr(x)[0] * math.sqrt(nobs)
    out = np.full((len(starts), nobs), np.nan)
    first = starts[:, None] + np.arange(k)
    xs = x[first]
    inverse = np.linalg.pinv(np.einsum("sti,stj->sij", xs, xs))
    beta = np.einsum("sij,stj,st->si", inverse, xs, y[first])
    out[np.arange(len(starts)), starts + k - 1] = 0.0
    total = np.zeros(len(starts))
    for offset in range(k, nobs - starts[0]):
        active = int(np.searchsorted(starts, nobs - offset, side="left"))
        t = starts[:active] + offset
        xt = x[t]
        pxt = np.einsum("sij,sj->si", inverse[:active], xt)
        scale = 1.0 + np.einsum("si,si->s", xt, pxt)
        error = y[t] - np.einsum("si,si->s", xt, beta[:active])
        total[:active] += error * error / scale
        out[np.arange(active), t] = total[:active]
        beta[:active] += pxt * (error / scale)[:, None]
        inverse[:active] -= np.einsum("si,sj->sij", pxt, pxt / scale[:, None])
    return out


def _segment_rss_mean(y: np.ndarray, starts: np.ndarray) -> np.ndarray:
    # extended precision: a difference of prefix sums loses the digits that a
    # short, quiet segment far from the overall mean needs
    centred = (y - y.mean()).astype(np.longdouble)
    s1 = np.r_[0.0, np.cumsum(centred)]
    s2 = np.r_[0.0, np.cumsum(centred * centred)]
    ends = np.arange(len(y))[None, :]
    first = starts[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        rss = (s2[ends + 1] - s2[first]) - (s1[ends + 1] - s1[first]) ** 2 / (ends - first + 1)
    return np.where(ends >= first, np.maximum(rss, 0.0), np.nan).astype(float)


def _rss_two_sided(y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RSS of ``[0, e]`` and of ``[e + 1, T - 1]`` for every e."""
    forward = segment_rss(y, x, np.array([0]))[0]
    backward = segment_rss(y[::-1], x[::-1], np.array([0]))[0][::-1]
    return forward, np.r_[backward[1:], np.nan]


# ---- Hansen (1997) p-values ------------------------------------------------------------

@cache
def _hansen_table() -> np.ndarray:
    """Coefficients (b0, b1, df) by k = 1..40 and trimming 0.49, 0.47, ..., 0.01."""
    path = resources.files("econ.tsa") / "data" / "hansen1997_supf.csv"
    with path.open() as handle:
        table = pd.read_csv(handle)
    return np.asarray(table[["b0", "b1", "df"]].to_numpy(dtype=float).reshape(40, 25, 3))


def hansen_supf_pvalue(statistic: float, k: int, trim: float) -> float:
    """Asymptotic p-value of Andrews' sup-F (Wald scale) by Hansen (1997).

    Parameters
    ----------
    statistic : float
        sup-F statistic in the Wald scale (k times the F statistic).
    k : int
        Number of coefficients allowed to break (capped at 40, the table's end).
    trim : float
        Trimming pi0 in (0, 0.5]: the break is searched in ``[pi0 T, (1 - pi0) T]``.

    Returns
    -------
    float

    Examples
    --------
    >>> round(hansen_supf_pvalue(8.68, 1, 0.15), 2)  # Andrews (1993) 5% value
    0.05
    """
    return float(hansen_supf_pvalues(np.array([statistic]), k, trim)[0])


def hansen_supf_pvalues(statistics: np.ndarray, k: int, trim: float) -> np.ndarray:
    """:func:`hansen_supf_pvalue` of every element of an array at once.

    Examples
    --------
    >>> hansen_supf_pvalues(np.array([0.0, 100.0]), 1, 0.15).round(3).tolist()
    [1.0, 0.0]
    """
    x = np.asarray(statistics, dtype=float)[..., None]
    table = _hansen_table()[min(k, 40) - 1]
    tail = np.asarray(stats.chi2.sf(np.maximum(table[:, 0] + table[:, 1] * x, 0.0),
                                    table[:, 2]), dtype=float)
    chi2 = np.asarray(stats.chi2.sf(x[..., 0], k), dtype=float)
    if trim == 0.5:
        return chi2
    if trim <= 0.01:
        return tail[..., 24]
    if trim >= 0.49:
        return ((0.5 - trim) * tail[..., 0] + (trim - 0.49) * chi2) * 100
    position = (0.51 - trim) * 50
    row = math.floor(position)
    return (row + 1 - position) * tail[..., row - 1] + (position - row) * tail[..., row]


def hansen_trim(nobs: int, low: int, high: int) -> float:
    """The symmetric trimming with the same ``lambda`` as candidates ``low..high``.

    ``lambda = ((T - low) high) / (low (T - high))`` and ``pi0 = 1 / (1 + sqrt(lambda))``
    (strucchange's ``Fstats`` ``par``, the argument of Hansen's p-value).

    Examples
    --------
    >>> round(hansen_trim(100, 15, 85), 4)
    0.15
    """
    lam = ((nobs - low) * high) / (low * (nobs - high))
    return 1 / (1 + math.sqrt(lam))


# ---- Chow and sup-F ----------------------------------------------------------------------

def _position(index: pd.Index, date: object) -> int:
    matches = np.flatnonzero(index == date)
    if len(matches) == 0:
        raise ValueError(f"break_date: {date!r} is not in the series index "
                         f"({index[0]} to {index[-1]}); give the last date of the old "
                         "regime as it appears in the index.")
    return int(matches[0])


@_doc
def chow_test(series: pd.Series, break_date: object, *, exog: pd.DataFrame | None = None,
              trend: Trend = "c") -> TestResult:
    """Chow F test for a break after ``break_date`` (the last date of the old regime).

    Parameters
    ----------
    break_date : index label
        Last observation of the first regime.
    <regression>

    Returns
    -------
    TestResult
        F statistic with an F(k, T - 2k) p-value.

    Examples
    --------
    >>> y = pd.Series(np.r_[np.zeros(30), np.ones(30)], index=range(1961, 2021))
    >>> y = y + np.random.default_rng(0).normal(0, 0.1, 60)
    >>> chow_test(y, 1990).reject()
    True
    """
    index, y, x, reason = _design(series, exog, trend, min_nobs=4)
    k = x.shape[1]
    common = {"deterministic": trend, "params": {"break_date": break_date}}
    if reason:
        return TestResult.not_run("Chow", _CHOW_NULL, f"series {reason}", **common)
    split = _position(index, break_date) + 1
    if min(split, len(y) - split) <= k:
        return TestResult.not_run(
            "Chow", _CHOW_NULL, f"a regime has {min(split, len(y) - split)} observations; "
            f"each needs more than the {k} coefficients", **common)
    full = float(segment_rss(y, x, np.array([0]))[0, -1])
    parts = (float(segment_rss(y[:split], x[:split], np.array([0]))[0, -1])
             + float(segment_rss(y[split:], x[split:], np.array([0]))[0, -1]))
    df2 = len(y) - 2 * k
    stat = ((full - parts) / k) / (parts / df2)
    return TestResult(test="Chow", statistic=stat, pvalue=float(stats.f.sf(stat, k, df2)),
                      null_hypothesis=_CHOW_NULL, nobs=len(y), deterministic=trend,
                      params={"break_date": index[split - 1], "breakpoint": split,
                              "df": (k, df2)})


def _f_path(rss_total: float, rss_split: np.ndarray, nobs: int, k: int) -> np.ndarray:
    return (rss_total - rss_split) / (rss_split / (nobs - 2 * k))


@_doc
def sup_f_test(series: pd.Series, *, exog: pd.DataFrame | None = None, trend: Trend = "c",
               trim: float = 0.15) -> TestResult:
    """Andrews (1993) sup-F (QLR) test for one break at an unknown date.

    Candidate breaks are the observations ``h .. T - h`` with ``h = floor(trim T)``
    (strucchange ``Fstats(from = trim)``); the p-value is Hansen's (1997).

    Parameters
    ----------
    <regression>
    trim : float
        Fraction of the sample excluded at each end.

    Returns
    -------
    TestResult
        ``params["break_date"]``: the date with the largest F statistic.

    Examples
    --------
    >>> y = pd.Series(np.r_[np.zeros(60), np.ones(60)], index=range(1901, 2021))
    >>> y = y + np.random.default_rng(0).normal(0, 0.5, 120)
    >>> sup_f_test(y).params["break_date"]
    1960
    """
    index, y, x, reason = _design(series, exog, trend, min_nobs=10)
    nobs, k = x.shape
    low = max(math.floor(trim * nobs), k + 1)
    high = min(nobs - math.floor(trim * nobs), nobs - k - 1)
    if reason is None and low > high:
        reason = f"is too short to trim {trim:.0%} at each end with {k} coefficients"
    if reason:
        return TestResult.not_run("sup-F", _SUPF_NULL, f"series {reason}",
                                  deterministic=trend)
    forward, backward = _rss_two_sided(y, x)
    points = np.arange(low, high + 1)
    path = _f_path(forward[-1], forward[points - 1] + backward[points - 1], nobs, k)
    best = int(np.argmax(path))
    tau = hansen_trim(nobs, low, high)
    stat = float(path[best])
    return TestResult(test="sup-F", statistic=stat,
                      pvalue=hansen_supf_pvalue(stat, k, tau), null_hypothesis=_SUPF_NULL,
                      nobs=nobs, deterministic=trend,
                      params={"break_date": index[points[best] - 1],
                              "breakpoint": int(points[best]), "trim": tau,
                              "candidates": f"{index[low - 1]} to {index[high - 1]}"})


# ---- Bai-Perron ---------------------------------------------------------------------------

def _optimal_partitions(rss: np.ndarray, h: int, max_breaks: int
                        ) -> list[tuple[float, tuple[int, ...]]]:
    """Minimal RSS and 1-based breakpoints for m = 0..max_breaks (strucchange's DP)."""
    nobs = rss.shape[1]
    ends = np.arange(nobs)
    starts = np.arange(rss.shape[0])[:, None]
    cost = np.where(ends - starts + 1 >= h, rss, np.inf)
    cost = np.vstack([cost, np.full((nobs - rss.shape[0] + 1, nobs), np.inf)])
    layers = [cost[0]]
    choices: list[np.ndarray] = []
    for _ in range(1, max_breaks + 1):
        total = layers[-1][:, None] + cost[1: nobs + 1]
        choice = np.argmin(total, axis=0)
        choices.append(choice)
        layers.append(total[choice, ends])
    results: list[tuple[float, tuple[int, ...]]] = [(float(rss[0, -1]), ())]
    for m in range(1, max_breaks + 1):
        last = layers[m - 1][: nobs - 1] + cost[1:nobs, -1]
        end = int(np.argmin(last))
        breaks = [end]
        for layer in range(m - 2, -1, -1):
            breaks.append(int(choices[layer][breaks[-1]]))
        results.append((float(last[end]), tuple(b + 1 for b in reversed(breaks))))
    return results


def _segments(breakpoints: Sequence[int], nobs: int) -> list[tuple[int, int]]:
    edges = [0, *breakpoints, nobs]
    return [(edges[i], edges[i + 1] - 1) for i in range(len(edges) - 1)]


def _sequential_stat(rss: np.ndarray, breakpoints: Sequence[int], nobs: int, h: int, k: int
                     ) -> float:
    """Largest single-break F (Wald scale) within any segment of length >= 2h."""
    best = -math.inf
    for first, last in _segments(breakpoints, nobs):
        length = last - first + 1
        if length < 2 * h:
            continue
        cut = np.arange(first + h - 1, last - h + 1)
        split = rss[first, cut] + rss[cut + 1, last]
        best = max(best, float(np.max(_f_path(rss[first, last], split, length, k))))
    return best


def _pargmax_v(x: float, xi: float, phi1: float, phi2: float) -> float:
    """P(argmax V <= x) for Bai's (1997) two-sided process (strucchange ``pargmaxV``)."""
    phi = xi * (phi2 / phi1) ** 2
    a = abs(x)
    if x < 0:
        frac = xi / phi
        return (-math.sqrt(a / (2 * math.pi)) * math.exp(-a / 8)
                - (phi / xi * (phi + 2 * xi) / (phi + xi))
                * math.exp(frac * (1 + frac) * a / 2
                           + special.log_ndtr(-(0.5 + frac) * math.sqrt(a)))
                + math.exp(math.log(a / 2 - 2 + (phi + 2 * xi) ** 2 / ((phi + xi) * xi))
                           + special.log_ndtr(-math.sqrt(a) / 2)))
    frac = xi**2 / phi
    return (1 + math.sqrt(frac * a / (2 * math.pi)) * math.exp(-frac * a / 8)
            + (xi / phi * (2 * phi + xi) / (phi + xi))
            * math.exp((phi + xi) * a / 2
                       + special.log_ndtr(-(phi + xi / 2) / math.sqrt(phi) * math.sqrt(a)))
            - math.exp(math.log((2 * phi + xi) ** 2 / ((phi + xi) * phi) - 2 + frac * a / 2)
                       + special.log_ndtr(-math.sqrt(frac * a) / 2)))


def _segment_fit(y: np.ndarray, x: np.ndarray, hac_lags: int | None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients, Q = X'X/n and Omega.

    Omega is sigma^2 Q, or the Newey-West long-run variance of x_t u_t (strucchange
    ``confint(..., vcov. = NeweyWest)``: ``n Q V Q``).
    """
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    q = x.T @ x / len(y)
    if hac_lags is None:
        return beta, q, float(resid @ resid / len(y)) * q
    scores = x * resid[:, None]
    omega = scores.T @ scores
    for j in range(1, hac_lags + 1):
        gamma = scores[j:].T @ scores[:-j]
        omega += (1 - j / (hac_lags + 1)) * (gamma + gamma.T)
    return beta, q, omega / len(y)


def confidence_intervals(y: np.ndarray, x: np.ndarray, breakpoints: Sequence[int],
                         level: float, hac_lags: int | None = None
                         ) -> list[tuple[float, float]]:
    """Bai (1997) interval (1-based positions) for each break.

    Heterogeneous Q and errors (strucchange ``confint``); with ``hac_lags`` the error
    variance is the Newey-West long-run variance of each regime
    (``confint(..., vcov. = NeweyWest)``). NaN bounds where the interval cannot be computed.
    """
    tail = (1 - level) / 2
    fits = [_segment_fit(y[a: b + 1], x[a: b + 1], hac_lags)
            for a, b in _segments(breakpoints, len(y))]
    intervals = []
    for i, point in enumerate(breakpoints):
        (beta1, q1, omega1), (beta2, q2, omega2) = fits[i], fits[i + 1]
        delta = beta2 - beta1
        qprod1, qprod2 = float(delta @ q1 @ delta), float(delta @ q2 @ delta)
        xi = qprod2 / qprod1
        phi1 = math.sqrt(float(delta @ omega1 @ delta) / qprod1)
        phi2 = math.sqrt(float(delta @ omega2 @ delta) / qprod2)

        def excess(v: float, target: float, xi: float = xi, phi1: float = phi1,
                   phi2: float = phi2) -> float:
            return _pargmax_v(v, xi, phi1, phi2) - target

        p0 = _pargmax_v(0.0, xi, phi1, phi2)
        if not tail < p0 < 1 - tail:
            intervals.append((math.nan, math.nan))
            continue
        upper_end = 1000.0
        while excess(upper_end, 1 - tail) < 0:
            upper_end += 1000.0
        lower_end = -1000.0
        while excess(lower_end, tail) > 0:
            lower_end -= 1000.0
        scale = phi1**2 / qprod1
        upper = optimize.brentq(excess, 0.0, upper_end, args=(1 - tail,), xtol=1e-12) * scale
        lower = optimize.brentq(excess, lower_end, 0.0, args=(tail,), xtol=1e-12) * scale
        intervals.append((point - math.ceil(upper), point - math.floor(lower)))
    return intervals


@dataclass(frozen=True, repr=False)
class BaiPerronResults(Results):
    """Bai–Perron multiple-break estimates, selection criteria and tests.

    ``breakpoints``/``break_dates`` are those of the partition chosen by ``criterion``;
    ``ci_lower``/``ci_upper`` their Bai (1997) confidence bounds (index labels);
    ``selection`` has one row per number of breaks m (RSS, BIC, LWZ, breakpoints);
    ``sequential`` the sup F(l+1|l) tests; ``n_breaks`` the count each rule selects.
    """

    title = "Bai-Perron multiple structural breaks"
    breakpoints: tuple[int, ...] = ()
    break_dates: tuple[Any, ...] = ()
    ci_lower: tuple[Any, ...] = ()
    ci_upper: tuple[Any, ...] = ()
    level: float = 0.95
    criterion: str = "bic"
    n_breaks: Mapping[str, int] = field(default_factory=dict)
    selection: pd.DataFrame | None = None
    sequential: tuple[TestResult, ...] = ()
    trim: float = 0.15
    h: int | None = None
    nobs: int | None = None
    nreg: int | None = None
    index: pd.Index | None = None
    reason: str | None = None

    @property
    def ran(self) -> bool:
        """True when the breaks could be estimated."""
        return self.reason is None

    def breaks_for(self, m: int) -> tuple[int, ...]:
        """1-based breakpoints of the optimal m-break partition."""
        if self.selection is None:
            return ()
        return tuple(self.selection.loc[m, "breakpoints"])

    def segments(self) -> list[tuple[Any, Any]]:
        """(first date, last date) of each regime of the chosen partition."""
        if self.index is None:
            return []
        return [(self.index[a], self.index[b])
                for a, b in _segments(self.breakpoints, len(self.index))]

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        yield "", "trim", self.trim
        if self.reason is not None:
            yield "", "not run", self.reason
            return
        yield "", "nobs", self.nobs
        yield "", "minimum segment (h)", self.h
        yield "", "criterion", self.criterion
        for rule, count in self.n_breaks.items():
            yield "number of breaks", rule, count
        pct = f"{self.level:.0%}"
        for i, date in enumerate(self.break_dates):
            yield "breaks", f"break {i + 1}", date
            yield "breaks", f"break {i + 1} {pct} lower", self.ci_lower[i]
            yield "breaks", f"break {i + 1} {pct} upper", self.ci_upper[i]
        if self.selection is not None:
            for m, row in self.selection.iterrows():
                yield "selection", f"m = {m} RSS", row["rss"]
                yield "selection", f"m = {m} BIC", row["bic"]
                yield "selection", f"m = {m} LWZ", row["lwz"]
        for test in self.sequential:
            yield "sequential tests", f"{test.test} statistic", test.statistic
            yield "sequential tests", f"{test.test} p-value", test.pvalue


def _criteria(rss: float, m: int, nobs: int, k: int) -> tuple[float, float]:
    bic = nobs * (math.log(rss) + 1 - math.log(nobs) + math.log(2 * math.pi)) + math.log(
        nobs) * (k + 1) * (m + 1)
    p_star = (m + 1) * k + m
    lwz = math.log(rss / (nobs - p_star)) + p_star * _LWZ_C0 * math.log(nobs) ** (
        2 + _LWZ_D0) / nobs
    return bic, lwz


def label_at(index: pd.Index, position: float) -> Any:
    """The index label of a 1-based position (clipped to the index), None for NaN.

    Examples
    --------
    >>> int(label_at(pd.Index([2000, 2001]), 2.0)), label_at(pd.Index([2000]), float("nan"))
    (2001, None)
    """
    if math.isnan(position):
        return None
    return index[min(max(int(position), 1), len(index)) - 1]


def bai_perron(series: pd.Series, *, exog: pd.DataFrame | None = None, trend: Trend = "c",
               trim: float = 0.15, max_breaks: int = 5,
               criterion: Literal["bic", "lwz", "sequential"] = "bic",
               n_breaks: int | None = None, level: float = 0.95, seq_level: float = 0.05,
               hac_lags: int | None = None) -> BaiPerronResults:
    """Bai–Perron estimation of multiple structural breaks.

    Parameters
    ----------
    series : Series
        Time series indexed by dates or years.
    exog : DataFrame, optional
        Extra regressors aligned on the index (all coefficients break).
    trend : {"c", "ct"}
        Constant (mean shifts), or constant and trend.
    trim : float
        Minimum segment length as a fraction of T (``h = floor(trim T)``), or an integer
        number of observations when >= 1.
    max_breaks : int
        Largest number of breaks considered (reduced to ``ceil(T/h) - 2`` if needed).
    criterion : {"bic", "lwz", "sequential"}
        Rule that chooses the reported partition.
    n_breaks : int, optional
        Report the optimal partition with this many breaks instead (``criterion`` is
        then ``"fixed"``); at most ``max_breaks``.
    level : float
        Confidence level of the break-date intervals.
    seq_level : float
        Size of each sequential sup F(l+1|l) test.
    hac_lags : int, optional
        Newey-West bandwidth of the break-date intervals' error variances (serially
        correlated errors); default i.i.d. errors within each regime.

    Returns
    -------
    BaiPerronResults

    Examples
    --------
    >>> y = pd.Series(np.r_[np.zeros(40), np.ones(40) * 3, np.zeros(40)],
    ...               index=range(1901, 2021))
    >>> y = y + np.random.default_rng(0).standard_normal(120)
    >>> bai_perron(y).break_dates
    (1940, 1980)
    """
    index, y, x, reason = _design(series, exog, trend, min_nobs=8)
    nobs, k = x.shape
    h = int(trim) if trim >= 1 else math.floor(trim * nobs)
    common = {"trim": trim, "h": h, "nobs": nobs, "nreg": k, "criterion": criterion,
              "level": level}
    if reason is None and (h <= k or 2 * h > nobs):
        reason = (f"has {nobs} observations: the minimum segment h = {h} must exceed the "
                  f"{k} coefficients and be at most half the sample; lower trim or use a "
                  "longer series")
    if reason:
        return BaiPerronResults(reason=f"series {reason}", **common)
    max_breaks = max(min(max_breaks, math.ceil(nobs / h) - 2), 0)
    rss = segment_rss(y, x, np.arange(nobs - h + 1))
    partitions = _optimal_partitions(rss, h, max_breaks)
    rows = []
    for m, (value, breakpoints) in enumerate(partitions):
        bic, lwz = _criteria(value, m, nobs, k)
        rows.append({"m": m, "rss": value, "bic": bic, "lwz": lwz, "breakpoints": breakpoints})
    selection = pd.DataFrame(rows).set_index("m")
    sequential = _sequential_tests(rss, partitions, nobs, h, k, trim=h / nobs)
    stops = [test.reject(seq_level) is not True for test in sequential]
    counts = {"bic": int(selection["bic"].idxmin()), "lwz": int(selection["lwz"].idxmin()),
              "sequential": stops.index(True) if True in stops else len(stops)}
    if n_breaks is not None:
        if not 0 <= n_breaks <= max_breaks:
            raise ValueError(f"n_breaks: expected 0 to {max_breaks} for T = {nobs} and "
                             f"h = {h}, found {n_breaks}.")
        common["criterion"] = "fixed"
    chosen = partitions[counts[criterion] if n_breaks is None else n_breaks][1]
    intervals = confidence_intervals(y, x, chosen, level, hac_lags) if chosen else []
    return BaiPerronResults(
        breakpoints=chosen, break_dates=tuple(index[b - 1] for b in chosen),
        ci_lower=tuple(label_at(index, a) for a, _ in intervals),
        ci_upper=tuple(label_at(index, b) for _, b in intervals),
        n_breaks=counts, selection=selection, sequential=sequential, index=index,
        **common)


def _sequential_tests(rss: np.ndarray, partitions: list[tuple[float, tuple[int, ...]]],
                      nobs: int, h: int, k: int, *, trim: float) -> tuple[TestResult, ...]:
    tests = []
    for l_breaks in range(len(partitions) - 1):
        stat = _sequential_stat(rss, partitions[l_breaks][1], nobs, h, k)
        name = f"sup F({l_breaks + 1}|{l_breaks})"
        null = _SEQ_NULL.format(l=l_breaks, l1=l_breaks + 1)
        if not math.isfinite(stat):
            tests.append(TestResult.not_run(name, null, "no segment is long enough to split"))
            continue
        single = hansen_supf_pvalue(stat, k, trim)
        tests.append(TestResult(test=name, statistic=stat,
                                pvalue=1 - (1 - single) ** (l_breaks + 1),
                                null_hypothesis=null, nobs=nobs))
    return tuple(tests)


# ---- CUSUM ----------------------------------------------------------------------------------

def _recursive_fit(series: pd.Series, exog: pd.DataFrame | None, trend: Trend, test: str,
                   null: str) -> tuple[Any, pd.Index, TestResult | None]:
    index, y, x, reason = _design(series, exog, trend, min_nobs=10)
    if reason:
        return None, index, TestResult.not_run(test, null, f"series {reason}",
                                               deterministic=trend)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return RecursiveLS(y, x).fit(), index, None


def brownian_crossing_pvalue(statistic: float) -> float:
    """P(sup |W(t)| / (1 + 2t) > x) for Brownian motion W on [0, 1] (strucchange).

    The CUSUM test's p-value (strucchange's ``pvalue.efp``).

    Examples
    --------
    >>> round(brownian_crossing_pvalue(0.948), 3)
    0.05
    """
    return float(brownian_crossing_pvalues(np.array([statistic]))[0])


def brownian_crossing_pvalues(statistics: np.ndarray) -> np.ndarray:
    """:func:`brownian_crossing_pvalue` of every element at once.

    Examples
    --------
    >>> brownian_crossing_pvalues(np.array([0.1, 2.0])).round(4).tolist()
    [0.9854, 0.0]
    """
    x = np.asarray(statistics, dtype=float)
    tail = 2 * (special.ndtr(-3 * x) + np.exp(-4 * x * x)
                * (special.ndtr(x) + special.ndtr(5 * x) - 1)
                - np.exp(-16 * x * x) * special.ndtr(-x))
    return np.where(x < 0.3, 1 - 0.1465 * x, tail)


@_doc
def cusum_test(series: pd.Series, *, exog: pd.DataFrame | None = None, trend: Trend = "c"
               ) -> TestResult:
    """Recursive-residual CUSUM test (Brown, Durbin and Evans 1975).

    Parameters
    ----------
    <regression>

    Returns
    -------
    TestResult
        Equals ``strucchange::sctest(efp(y ~ 1, type = "Rec-CUSUM"))``.

    Examples
    --------
    >>> y = pd.Series(np.random.default_rng(0).standard_normal(100))
    >>> cusum_test(y).reject()
    False
    """
    fit, index, failed = _recursive_fit(series, exog, trend, "CUSUM", _CUSUM_NULL)
    if failed:
        return failed
    n = len(fit.cusum)
    position = np.arange(1, n + 1) / n
    scaled = np.abs(fit.cusum / math.sqrt(n)) / (1 + 2 * position)
    stat = float(scaled.max())
    crossing = int(np.argmax(scaled))
    return TestResult(test="CUSUM", statistic=stat, pvalue=brownian_crossing_pvalue(stat),
                      null_hypothesis=_CUSUM_NULL, nobs=len(index), deterministic=trend,
                      critical_values={"10%": 0.850, "5%": 0.948, "1%": 1.143},
                      params={"largest_excursion_at": index[len(index) - n + crossing]})


@_doc
def cusum_squares_test(series: pd.Series, *, exog: pd.DataFrame | None = None,
                       trend: Trend = "c") -> TestResult:
    """CUSUM-of-squares test (Brown, Durbin and Evans 1975) from statsmodels.

    Parameters
    ----------
    <regression>

    Returns
    -------
    TestResult
        No p-value: critical values (two-sided 10/5/1%) from the Edgerton and Wells
        (1994) approximation to Durbin's (1969) table, as statsmodels computes them.

    Examples
    --------
    >>> y = pd.Series(np.r_[np.random.default_rng(0).standard_normal(60),
    ...                     5 * np.random.default_rng(1).standard_normal(60)])
    >>> t = cusum_squares_test(y)
    >>> t.statistic > t.critical_values["5%"]
    True
    """
    fit, index, failed = _recursive_fit(series, exog, trend, "CUSUM of squares",
                                        _CUSUMSQ_NULL)
    if failed:
        return failed
    path = fit.cusum_squares
    n = len(path)
    deviation = np.abs(path - np.arange(1, n + 1) / n)
    crit = {f"{alpha:.0%}": float(fit._cusum_squares_significance_bounds(alpha)[1][0])
            for alpha in (0.10, 0.05, 0.01)}
    return TestResult(test="CUSUM of squares", statistic=float(deviation.max()), pvalue=None,
                      null_hypothesis=_CUSUMSQ_NULL, critical_values=crit,
                      nobs=len(index), deterministic=trend,
                      params={"largest_excursion_at":
                              index[len(index) - n + int(np.argmax(deviation))]})


@_doc
def cusum_ols_test(series: pd.Series, *, exog: pd.DataFrame | None = None,
                   trend: Trend = "c") -> TestResult:
    """OLS-residual CUSUM test (Ploberger and Krämer 1992), statsmodels.

    Parameters
    ----------
    <regression>

    Returns
    -------
    TestResult
        Equals ``strucchange::sctest(efp(y ~ 1, type = "OLS-CUSUM"))``.

    Examples
    --------
    >>> y = pd.Series(np.random.default_rng(0).standard_normal(100))
    >>> cusum_ols_test(y).reject()
    False
    """
    _, y, x, reason = _design(series, exog, trend, min_nobs=10)
    if reason:
        return TestResult.not_run("OLS-CUSUM", _CUSUM_NULL, f"series {reason}",
                                  deterministic=trend)

    def run() -> TestResult:
        beta, *_ = np.linalg.lstsq(x, y, rcond=None)
        stat, pvalue, crit = breaks_cusumolsresid(y - x @ beta, ddof=x.shape[1])
        return TestResult(test="OLS-CUSUM", statistic=float(stat), pvalue=float(pvalue),
                          null_hypothesis=_CUSUM_NULL, nobs=len(y), deterministic=trend,
                          critical_values={f"{level}%": float(value) for level, value in crit})

    return run_guarded("OLS-CUSUM", _CUSUM_NULL, run, deterministic=trend)
