"""Breaks that survive persistence: HAC sup-Wald, sequential selection, bootstrap.

In a persistent series the homoskedastic sup-F and BIC find "breaks" in most break-free
simulations (issue 15: 64-99%). Here:

* :func:`sup_wald_test`: one shift in the mean, the Wald statistic with a Newey-West
  variance at every candidate date (strucchange ``Fstats(y ~ 1, vcov. = NeweyWest)``),
  Hansen's (1997) asymptotic p-value with k = 1;
* :func:`ar_break_test`: the variant that lets the persistence itself break: sup-F for
  a break in both the constant and the slope of ``y_t = c + rho y_{t-1} + e_t`` (k = 2);
* :func:`sequential_breaks`: Bai and Perron's (1998) sequential procedure with those
  statistics: test 0 against 1 break; if rejected, take the global 1-break partition
  and test it against 2 (the largest within-segment sup-Wald, every candidate leaving
  h observations on each side), and so on. Each step's null (the l-break partition
  of the data, its regime means held, plus the AR dynamics of its residuals with
  median-unbiased persistence, :mod:`econ.tsa.simulate`) is simulated; the step's size
  is checked and, when it is outside 3-7%, the step is decided by the parametric
  bootstrap p-value (a sieve bootstrap of the null). The breaks that survive get Bai's
  (1997) intervals with Newey-West variances. BIC and LWZ counts are kept but do not
  select (the battery reports how often they find a break in the no-break null).
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import pandas as pd

from econ.results import Results, TestResult
from econ.tsa import batch
from econ.tsa._data import as_series, default_hac_lags, default_max_lags, fill_doc, problem
from econ.tsa.breaks import (
    BaiPerronResults,
    bai_perron,
    confidence_intervals,
    hansen_supf_pvalue,
    hansen_supf_pvalues,
    hansen_trim,
    label_at,
)
from econ.tsa.calibrate import Calibration, calibrate
from econ.tsa.simulate import ArModel, fit_stationary, simulate

__all__ = ["SequentialBreaksResults", "ar_break_test", "rng_for", "sequential_breaks",
           "sup_wald_test"]

_WALD_NULL = "no shift in the mean at any date in the trimmed sample"
_AR_NULL = "no break in the constant or the AR(1) coefficient"
_SEQ_NULL = "{l} breaks in the mean against {l1}"
LagRule = Literal["aic", "bic"]


def rng_for(seed: int, *keys: object) -> np.random.Generator:
    """A generator for one named simulation: the same keys give the same draws.

    Examples
    --------
    >>> rng_for(1, "a").random() == rng_for(1, "a").random() != rng_for(1, "b").random()
    True
    """
    return np.random.default_rng([seed, *(zlib.crc32(str(key).encode()) for key in keys)])


def _usable_series(series: pd.Series, test: str, null: str, min_nobs: int
                   ) -> tuple[pd.Series, TestResult | None]:
    data, reason = problem(as_series(series), min_nobs=min_nobs)
    if reason:
        return data, TestResult.not_run(test, null, f"series {reason}", deterministic="c")
    return data, None


_doc = fill_doc(series="""series : Series
        Indexed by dates or years.
    trim : float
        Fraction of the sample excluded at each end from the candidate dates.""")


@_doc
def sup_wald_test(series: pd.Series, *, trim: float = 0.15, lags: int | None = None
                  ) -> TestResult:
    """HAC sup-Wald test for one shift in the mean at an unknown date.

    Parameters
    ----------
    <series>
    lags : int, optional
        Newey-West bandwidth; default ``floor(4 (T/100)^(2/9))``.

    Returns
    -------
    TestResult
        Hansen's (1997) p-value (k = 1); ``params["break_date"]``.

    Examples
    --------
    >>> y = pd.Series(np.r_[np.zeros(40), np.ones(40)] + np.random.default_rng(0).normal(
    ...     0, 0.3, 80), index=range(1941, 2021))
    >>> sup_wald_test(y).params["break_date"]
    1980
    """
    data, failed = _usable_series(series, "sup-Wald (HAC)", _WALD_NULL, 10)
    if failed:
        return failed
    nobs = len(data)
    bandwidth = default_hac_lags(nobs) if lags is None else lags
    points = batch.candidates(nobs, trim, max(bandwidth, 1) + 1)
    if len(points) == 0:
        return TestResult.not_run("sup-Wald (HAC)", _WALD_NULL,
                                  f"series of {nobs} is too short to trim {trim:.0%} at "
                                  "each end", deterministic="c")
    stat, split, _ = batch.sup_wald_mean(data.to_numpy()[None, :], trim=trim, lags=bandwidth)
    tau = hansen_trim(nobs, int(points[0]), int(points[-1]))
    return TestResult(test="sup-Wald (HAC)", statistic=float(stat[0]),
                      pvalue=hansen_supf_pvalue(float(stat[0]), 1, tau),
                      null_hypothesis=_WALD_NULL, lags=bandwidth, deterministic="c",
                      nobs=nobs, params={"break_date": data.index[int(split[0]) - 1],
                                         "breakpoint": int(split[0]), "trim": tau})


def _ar_design(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """y_t (R, T-1) and [1, y_{t-1}] (R, T-1, 2) of the AR(1) break regression."""
    values = np.atleast_2d(values)
    lagged = values[:, :-1]
    return values[:, 1:], np.stack([np.ones_like(lagged), lagged], axis=2)


def ar_break_statistic(values: np.ndarray, *, trim: float) -> tuple[np.ndarray, np.ndarray]:
    """sup-F for a break in the constant and slope of an AR(1), per row."""
    y, z = _ar_design(values)
    return batch.sup_f(y, z, trim=trim)


@_doc
def ar_break_test(series: pd.Series, *, trim: float = 0.15) -> TestResult:
    """sup-F for a break in the constant and the persistence of an AR(1).

    Parameters
    ----------
    <series>

    Returns
    -------
    TestResult
        Wald-scale sup-F of ``y_t = c + rho y_{t-1} + e_t`` with c and rho breaking;
        Hansen's (1997) p-value with k = 2.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = np.zeros(200)
    >>> for t in range(1, 200):
    ...     y[t] = (0.2 if t < 100 else 0.9) * y[t - 1] + rng.standard_normal()
    >>> ar_break_test(pd.Series(y)).reject()
    True
    """
    data, failed = _usable_series(series, "sup-F AR(1) break", _AR_NULL, 12)
    if failed:
        return failed
    values = data.to_numpy()
    stat, split = ar_break_statistic(values, trim=trim)
    points = batch.candidates(len(values) - 1, trim, 3)
    tau = hansen_trim(len(values) - 1, int(points[0]), int(points[-1]))
    return TestResult(test="sup-F AR(1) break", statistic=float(stat[0]),
                      pvalue=hansen_supf_pvalue(float(stat[0]), 2, tau),
                      null_hypothesis=_AR_NULL, deterministic="c", nobs=len(values) - 1,
                      params={"break_date": data.index[int(split[0])], "trim": tau})


def segment_statistic(values: np.ndarray, breakpoints: Sequence[int], *, h: int, lags: int
                      ) -> np.ndarray:
    """Largest within-segment HAC sup-Wald over the segments of a partition, per row.

    ``breakpoints`` are 1-based ends of the regimes (strucchange's); segments shorter
    than ``2 h`` cannot be split and are skipped (NaN when none can).
    """
    values = np.atleast_2d(values)
    edges = [0, *breakpoints, values.shape[1]]
    best = np.full(len(values), -np.inf)
    for first, last in itertools.pairwise(edges):
        if last - first >= 2 * h and len(batch.candidates(last - first, h,
                                                            max(lags, 1) + 1)):
            stat = batch.sup_wald_mean(values[:, first:last], trim=h, lags=lags)[0]
            best = np.maximum(best, stat)
    return np.where(np.isfinite(best), best, np.nan)


def regime_means(values: np.ndarray, breakpoints: Sequence[int]) -> np.ndarray:
    """The mean of each regime, repeated over its observations."""
    edges = [0, *breakpoints, len(values)]
    return np.concatenate([np.full(b - a, values[a:b].mean())
                           for a, b in itertools.pairwise(edges)])


@dataclass(frozen=True, repr=False)
class SequentialBreaksResults(Results):
    """Breaks selected by the sequential, size-checked sup-Wald tests.

    ``steps`` pairs each test of l against l + 1 breaks with its calibration;
    ``partition`` is Bai-Perron's estimate with ``n_breaks`` breaks and HAC intervals;
    ``counts`` the number of breaks BIC, LWZ and the sequential tests select.
    """

    title = "Sequential breaks in the mean (HAC sup-Wald, size-checked)"
    steps: tuple[tuple[TestResult, Calibration], ...] = ()
    n_breaks: int = 0
    partition: BaiPerronResults | None = None
    counts: dict[str, int] = field(default_factory=dict)
    null: str = ""
    hac_lags: int | None = None
    reason: str | None = None

    @property
    def ran(self) -> bool:
        """True when the tests could run."""
        return self.reason is None

    @property
    def break_dates(self) -> tuple[Any, ...]:
        """Last date of each old regime of the surviving breaks."""
        return () if self.partition is None else self.partition.break_dates

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        if self.reason is not None:
            yield "", "not run", self.reason
            return
        yield "", "breaks (sequential)", self.n_breaks
        for rule, count in self.counts.items():
            yield "number of breaks", rule, count
        partition = self.partition
        if partition is not None:
            for i, date in enumerate(partition.break_dates):
                yield "breaks", f"break {i + 1}", date
                yield "breaks", f"break {i + 1} lower", partition.ci_lower[i]
                yield "breaks", f"break {i + 1} upper", partition.ci_upper[i]
        for test, cal in self.steps:
            yield test.test, "statistic", test.statistic
            yield test.test, "asymptotic p-value", test.pvalue
            yield test.test, "simulated size", cal.size
            yield test.test, "bootstrap p-value", cal.pvalue_bootstrap
            yield test.test, "decision basis", cal.basis


def _step_null(values: np.ndarray, breakpoints: Sequence[int], *, max_lags: int,
               lag_rule: LagRule) -> tuple[np.ndarray, ArModel]:
    means = regime_means(values, breakpoints)
    return means, fit_stationary(values - means, max_lags=max_lags, rule=lag_rule)


def _step(values: np.ndarray, breakpoints: tuple[int, ...], l_breaks: int, *, h: int,
          lags: int, trim: float, n_sim: int, seed: int, level: float, shift: float,
          max_lags: int, lag_rule: LagRule, draws: np.ndarray | None
          ) -> tuple[TestResult, Calibration, np.ndarray]:
    """Test l against l + 1 breaks on the data and on its simulated null."""
    nobs = len(values)
    means, model = _step_null(values, breakpoints, max_lags=max_lags, lag_rule=lag_rule)
    if draws is None:
        draws = means + simulate(model, nobs=nobs, reps=n_sim,
                                 rng=rng_for(seed, "sequential", l_breaks, breakpoints),
                                 mean=0.0)
    if l_breaks == 0:
        points = batch.candidates(nobs, trim, max(lags, 1) + 1)
        k_trim = hansen_trim(nobs, int(points[0]), int(points[-1]))
        stat = float(batch.sup_wald_mean(values[None, :], trim=trim, lags=lags)[0][0])
        null_stats = batch.sup_wald_mean(draws, trim=trim, lags=lags)[0]
    else:
        k_trim = h / nobs
        stat = float(segment_statistic(values, breakpoints, h=h, lags=lags)[0])
        null_stats = segment_statistic(draws, breakpoints, h=h, lags=lags)

    def pvalue(statistic: np.ndarray) -> np.ndarray:
        return 1 - (1 - hansen_supf_pvalues(statistic, 1, k_trim)) ** (l_breaks + 1)

    edges = [0, *breakpoints, nobs]
    longest = int(np.argmax(np.diff(edges)))
    mid = (edges[longest] + edges[longest + 1]) // 2
    jump = np.where(np.arange(nobs) >= mid, shift, 0.0)
    alternative = (segment_statistic(draws + jump, breakpoints, h=h, lags=lags)
                   if l_breaks else batch.sup_wald_mean(draws + jump, trim=trim,
                                                        lags=lags)[0])
    name = "sup-Wald (HAC)" if l_breaks == 0 else f"sup-Wald({l_breaks + 1}|{l_breaks}) (HAC)"
    null_text = (_WALD_NULL if l_breaks == 0 else
                 _SEQ_NULL.format(l=l_breaks, l1=l_breaks + 1))
    test = TestResult(test=name, statistic=stat, pvalue=float(pvalue(np.array([stat]))[0]),
                      null_hypothesis=null_text, lags=lags, deterministic="c", nobs=nobs,
                      params={"breakpoints": breakpoints})
    cal = calibrate(stat, null_stats, tail="upper", rule=lambda s: pvalue(s) < level,
                    alternative=alternative, level=level, null_text=model.describe(),
                    alternative_text=f"a shift of {shift:g} in the mean at observation "
                    f"{mid + 1}")
    return test, cal, draws


def sequential_breaks(series: pd.Series, *, trim: float = 0.15, max_breaks: int = 3,
                      level: float = 0.05, hac_lags: int | None = None, n_sim: int = 499,
                      seed: int = 0, lag_rule: LagRule = "aic", shift: float = 0.10,
                      ci_level: float = 0.95, null_draws: np.ndarray | None = None,
                      partitions: BaiPerronResults | None = None) -> SequentialBreaksResults:
    """Number and dates of mean shifts by size-checked sequential sup-Wald tests.

    Parameters
    ----------
    series : Series
        Indexed by dates or years.
    trim : float
        Minimum regime length as a fraction of T (``h = floor(trim T)``).
    max_breaks : int
        Largest number of breaks considered.
    level : float
        Size of each step.
    hac_lags : int, optional
        Newey-West bandwidth (default ``floor(4 (T/100)^(2/9))`` of the whole sample).
    n_sim : int
        Simulated series per step (the null and, shifted, the alternative).
    seed : int
        Seed of the simulations.
    lag_rule : {"aic", "bic"}
        Order selection of the null's AR dynamics.
    shift : float
        Size of the mean shift of the stated alternative (power).
    ci_level : float
        Coverage of the break-date intervals.
    null_draws : ndarray, optional
        Series already simulated from the no-break null (R, T), reused for step 0 (the
        battery shares them with its other tests of that null).
    partitions : BaiPerronResults, optional
        Bai-Perron's optimal partitions of the same series, trim and ``max_breaks``
        (computed here when not given).

    Returns
    -------
    SequentialBreaksResults

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = pd.Series(np.r_[np.zeros(60), np.full(60, 1.0)] + rng.normal(0, 0.3, 120),
    ...               index=range(1901, 2021))
    >>> sequential_breaks(y, n_sim=99).break_dates
    (1960,)
    """
    data, reason = problem(as_series(series), min_nobs=20)
    if reason:
        return SequentialBreaksResults(reason=f"series {reason}")
    values = data.to_numpy()
    nobs = len(values)
    h = math.floor(trim * nobs)
    lags = default_hac_lags(nobs) if hac_lags is None else hac_lags
    max_lags = default_max_lags(nobs)
    full = partitions or bai_perron(data, trim=trim, max_breaks=max_breaks, n_breaks=0)
    if not full.ran or h < lags + 1:
        return SequentialBreaksResults(reason=full.reason or (
            f"series of {nobs}: the minimum regime h = {h} must exceed the HAC "
            f"bandwidth {lags} + 1"))
    steps: list[tuple[TestResult, Calibration]] = []
    chosen, draws = 0, null_draws
    for l_breaks in range(len(full.selection) - 1 if full.selection is not None else 0):
        test, cal, made = _step(values, full.breaks_for(l_breaks), l_breaks, h=h, lags=lags,
                                trim=trim, n_sim=n_sim, seed=seed, level=level, shift=shift,
                                max_lags=max_lags, lag_rule=lag_rule,
                                draws=draws if l_breaks == 0 else None)
        draws = made if l_breaks == 0 else draws
        if not math.isfinite(test.statistic):
            break
        steps.append((test, cal))
        if not cal.reject:
            break
        chosen = l_breaks + 1
    counts = {"bic": full.n_breaks["bic"], "lwz": full.n_breaks["lwz"], "sequential": chosen}
    breakpoints = full.breaks_for(chosen)
    intervals = confidence_intervals(values, np.ones((nobs, 1)), breakpoints, ci_level, lags)
    partition = replace(
        full, breakpoints=breakpoints, criterion="sequential", level=ci_level,
        break_dates=tuple(data.index[b - 1] for b in breakpoints),
        ci_lower=tuple(label_at(data.index, a) for a, _ in intervals),
        ci_upper=tuple(label_at(data.index, b) for _, b in intervals))
    return SequentialBreaksResults(steps=tuple(steps), n_breaks=chosen, partition=partition,
                                   counts=counts, null=steps[0][1].null if steps else "",
                                   hac_lags=lags)
