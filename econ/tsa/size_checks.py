"""Each battery test on its series' own simulated null: size, power, decision.

:class:`Nulls` holds, for one series, the fitted nulls (:mod:`econ.tsa.simulate`) and
the simulated series, made once per (null, length) and reused by every test of that
null. The ``check_*`` functions run a test's statistic on those series, exactly as the
test computes it on the data (:mod:`econ.tsa.batch`), and return its
:class:`~econ.tsa.calibrate.Calibration`. Stated alternatives:

* unit-root tests: a stationary AR(1) whose half-life is ``alternative_half_life``
  years (1 by default: rho = 0.5 a year, 0.944 a month);
* KPSS: the unit-root null of the ADF test;
* zero mean: a mean of ``band``; TOST: exact balance (mean 0); outside the band: a
  mean of twice the band;
* break tests: a shift of twice the band in the mean at mid-sample (at the tested
  date for Chow).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

import numpy as np
from scipy import signal, stats

from econ.results import TestResult
from econ.tsa import batch
from econ.tsa.breaks import brownian_crossing_pvalues, hansen_supf_pvalues
from econ.tsa.calibrate import Calibration, calibrate
from econ.tsa.cointegration import pss_pvalue
from econ.tsa.equivalence import boundary_statistics
from econ.tsa.robust_breaks import ar_break_statistic, regime_means, rng_for
from econ.tsa.simulate import ArModel, burn_in, fit_stationary, fit_unit_root, simulate
from econ.tsa.unit_root import za_pvalues

__all__ = ["FlowNulls", "Nulls", "alternative_rho", "check_adf", "check_break_tests",
           "check_cointegration", "check_kpss", "check_mean_tests", "check_zivot_andrews"]

LagRule = Literal["aic", "bic"]
_PER_YEAR = {"yearly": 1, "quarterly": 4, "monthly": 12}


def alternative_rho(frequency: str | None, half_life_years: float) -> float:
    """AR(1) coefficient whose half-life is ``half_life_years`` at this frequency.

    Examples
    --------
    >>> alternative_rho("yearly", 1.0), round(alternative_rho("monthly", 1.0), 4)
    (0.5, 0.9439)
    """
    return float(0.5 ** (1 / (_PER_YEAR.get(frequency or "", 1) * half_life_years)))


@dataclass
class Nulls:
    """Fitted nulls and simulated series of one balance series (seeded, cached)."""

    values: np.ndarray
    max_lags: int
    n_sim: int
    seed: int
    lag_rule: LagRule = "aic"
    noise_breakpoints: tuple[int, ...] = ()
    _cache: dict[tuple[object, ...], np.ndarray] = field(default_factory=dict)
    _models: dict[tuple[object, ...], ArModel] = field(default_factory=dict)

    def model(self, kind: Literal["stationary", "noise"]) -> ArModel:
        """The stationary null of the whole series, or of its deviations from regime means.

        The regime means are those of ``noise_breakpoints``: the null then describes the
        dynamics within regimes.
        """
        key: tuple[object, ...] = (kind, self.noise_breakpoints)
        if key not in self._models:
            values = self.values
            if kind == "noise":
                values = values - regime_means(values, self.noise_breakpoints)
            self._models[key] = fit_stationary(values, max_lags=self.max_lags,
                                               rule=self.lag_rule)
        return self._models[key]

    def stationary(self, kind: Literal["stationary", "noise"], nobs: int) -> np.ndarray:
        """Zero-mean series of length ``nobs`` from :meth:`model` (n_sim, nobs)."""
        key = ("draws", kind, self.noise_breakpoints, nobs)
        if key not in self._cache:
            self._cache[key] = simulate(self.model(kind), nobs=nobs, reps=self.n_sim,
                                        rng=rng_for(self.seed, *key), mean=0.0)
        return self._cache[key]

    def unit_root(self, lags: int, nobs: int, start: float) -> tuple[np.ndarray, ArModel]:
        """Unit-root series (no drift) with the whole series' AR(lags) differences."""
        model = fit_unit_root(self.values, lags=lags)
        key = ("unit root", lags, nobs, start)
        if key not in self._cache:
            self._cache[key] = simulate(model, nobs=nobs, reps=self.n_sim,
                                        rng=rng_for(self.seed, *key), start=start)
        return self._cache[key], model

    def ar1(self, rho: float, nobs: int, mean: float) -> np.ndarray:
        """Stationary AR(1) series with coefficient rho and the series' own shocks."""
        key = ("ar1", rho, nobs, mean)
        if key not in self._cache:
            shocks = fit_unit_root(self.values, lags=0).residuals
            model = ArModel(kind="stationary", coefs=np.array([rho]), mean=mean,
                            residuals=shocks, persistence=rho, persistence_ols=rho, lags=0)
            self._cache[key] = simulate(model, nobs=nobs, reps=self.n_sim,
                                        rng=rng_for(self.seed, *key))
        return self._cache[key]


def _p_rule(pvalues: Callable[[np.ndarray], np.ndarray], level: float
            ) -> Callable[[np.ndarray], np.ndarray]:
    return lambda statistics: pvalues(statistics) < level


def check_adf(result: TestResult, values: np.ndarray, nulls: Nulls, *,
              regression: Literal["n", "c"], max_lags: int, autolag: LagRule,
              alternative_rho: float, level: float = 0.05) -> Calibration:
    """ADF on its unit-root null (lags re-selected on every draw) and on the alternative.

    Examples
    --------
    >>> import pandas as pd
    >>> from econ.tsa import adf_test
    >>> y = np.random.default_rng(0).standard_normal(60).cumsum()
    >>> nulls = Nulls(y, max_lags=2, n_sim=99, seed=0)
    >>> cal = check_adf(adf_test(pd.Series(y), regression="c", max_lags=2), y, nulls,
    ...                 regression="c", max_lags=2, autolag="aic", alternative_rho=0.5)
    >>> 0.0 <= cal.size <= 0.15 and cal.power > 0.5
    True
    """
    nobs = len(values)
    draws, model = nulls.unit_root(result.lags or 0, nobs, float(values[0]))
    mean = 0.0 if regression == "n" else float(values.mean())
    alternative = nulls.ar1(alternative_rho, nobs, mean)

    def tau(y: np.ndarray) -> np.ndarray:
        return batch.adf(y, regression=regression, max_lags=max_lags, autolag=autolag)[0]

    return calibrate(result.statistic, tau(draws), tail="lower",
                     rule=_p_rule(lambda t: batch.mackinnon_pvalue(t, regression), level),
                     alternative=tau(alternative), level=level, null_text=model.describe(),
                     alternative_text=f"stationary AR(1), rho = {alternative_rho:.3f}")


def check_kpss(result: TestResult, values: np.ndarray, nulls: Nulls, *,
               kind: Literal["stationary", "noise"], adf_lags: int, level: float = 0.05
               ) -> Calibration:
    """KPSS on the stationary null and on the unit-root null (its alternative)."""
    nobs = len(values)
    draws = nulls.stationary(kind, nobs)
    walk, _ = nulls.unit_root(adf_lags, nobs, float(values[0]))
    lags = result.lags or 0
    return calibrate(result.statistic, batch.kpss(draws, lags=lags), tail="upper",
                     rule=_p_rule(batch.kpss_pvalue, level),
                     alternative=batch.kpss(walk, lags=lags), level=level,
                     null_text=nulls.model(kind).describe(),
                     alternative_text=f"unit root, AR({adf_lags}) in differences")


def check_mean_tests(results: dict[str, TestResult], values: np.ndarray, nulls: Nulls, *,
                     kind: Literal["stationary", "noise"], band: float,
                     level: float = 0.05) -> dict[str, Calibration]:
    """Zero-mean t, TOST and outside-band tests calibrated by one bootstrap-t.

    The zero-mean draws give the studentized mean t* (its quantiles q_lo, q_hi at
    level and 1 - level). The asymptotic rules' sizes are simulated at the boundaries
    (TOST at ±band, the worse counted; outside at +band and -band). When a size is
    off, the test becomes its bootstrap-t version: TOST rejects when
    ``(mean + band)/se > q_hi`` and ``(mean - band)/se < q_lo`` (the bootstrap-t
    interval ``[mean - q_hi se, mean - q_lo se]`` inside the band), p-value
    ``max(P*(t* >= t_lower), P*(t* <= t_upper))``; the outside test rejects when that
    interval is outside the band; the zero-mean test uses ``P*(|t*| >= |t|)``.
    """
    nobs = len(values)
    draws = nulls.stationary(kind, nobs)
    lags = results["mean_zero"].lags or 0
    sim = boundary_statistics(draws, band=band, lags=lags)
    t_null, se = sim["t_null"], sim["se"]
    df = nobs - 1
    text = nulls.model(kind).describe()

    def upper_p(t: np.ndarray) -> np.ndarray:
        return np.asarray(stats.t.sf(t, df), dtype=float)

    out = {"mean_zero": calibrate(
        abs(results["mean_zero"].statistic), np.abs(t_null), tail="upper",
        rule=_p_rule(lambda t: 2 * upper_p(t), level), alternative=np.abs(t_null + band / se),
        level=level, null_text=f"{text}, mean 0", alternative_text=f"mean {band:g}")}
    q_lo, q_hi = np.quantile(t_null, [level, 1 - level])
    t_lower, t_upper = results["tost"].params["t_lower"], results["tost"].params["t_upper"]

    def share(hits: np.ndarray) -> float:
        return float((1 + np.sum(hits)) / (len(t_null) + 1))

    shifted = t_null + band / se  # t_lower (or t_upper) of draws whose mean is 0 (or 2 band)
    bootstrap = {
        "tost": (max(share(t_null >= t_lower), share(t_null <= t_upper)),
                 t_lower > q_hi and t_upper < q_lo,
                 (shifted > q_hi) & (t_null - band / se < q_lo), "tost_at_zero", "mean 0"),
        "outside_band": (min(share(t_null >= t_upper), share(t_null <= t_lower)),
                         t_upper > q_hi or t_lower < q_lo, shifted > q_hi,
                         "outside_at_2band", f"mean {2 * band:g}")}
    for name, (p_boot, reject, alternative, alt_key, alt_text) in bootstrap.items():
        sides = [calibrate(results[name].statistic, sim[f"{name.split('_')[0]}_at_{side}"],
                           tail="upper", rule=_p_rule(upper_p, level), level=level,
                           alternative=sim[alt_key], null_text=f"{text}, mean at the band",
                           alternative_text=alt_text) for side in ("upper", "lower")]
        worst = max(sides, key=lambda cal: cal.size)
        if worst.basis != "asymptotic":
            worst = replace(worst, pvalue_bootstrap=p_boot, reject=bool(reject),
                            critical_simulated=float(q_hi), power=float(np.mean(alternative)))
        out[name] = replace(worst, null_quantiles=(float(q_lo), float(q_hi)))
    return out


def check_zivot_andrews(result: TestResult, values: np.ndarray, nulls: Nulls, *,
                        max_lags: int, autolag: LagRule, alternative_rho: float,
                        trim: float = 0.15, level: float = 0.05) -> Calibration:
    """Zivot-Andrews (intercept break) on the unit-root null, lags re-selected per draw."""
    nobs = len(values)
    draws, model = nulls.unit_root(result.lags or 0, nobs, float(values[0]))
    alternative = nulls.ar1(alternative_rho, nobs, float(values.mean()))

    def statistic(y: np.ndarray) -> np.ndarray:
        lags = batch.adf(y, regression="ct", max_lags=max_lags, autolag=autolag)[1]
        out = np.full(len(y), np.nan)
        for lag in np.unique(lags):
            rows = lags == lag
            out[rows] = batch.zivot_andrews(y[rows], lags=int(lag), trim=trim)[0]
        return out

    return calibrate(result.statistic, statistic(draws), tail="lower",
                     rule=_p_rule(za_pvalues, level), alternative=statistic(alternative),
                     level=level, null_text=model.describe(),
                     alternative_text=f"stationary AR(1), rho = {alternative_rho:.3f}")


def _exceeds(statistics: np.ndarray, *, critical: float) -> np.ndarray:
    return np.asarray(statistics > critical)


def _ar_break(values: np.ndarray, *, trim: float) -> np.ndarray:
    return ar_break_statistic(values, trim=trim)[0]


def _break_test(name: str, result: TestResult, *, nobs: int, trim: float, level: float
                ) -> tuple[Callable[[np.ndarray], np.ndarray],
                           Callable[[np.ndarray], np.ndarray], bool, int]:
    """(statistic, published rule, has a p-value, where the alternative's shift starts)."""
    if name == "cusum":
        return batch.cusum, _p_rule(brownian_crossing_pvalues, level), True, nobs // 2
    if name == "cusum_squares":
        critical = result.critical_values[f"{level:.0%}"]
        return batch.cusum_squares, partial(_exceeds, critical=critical), False, nobs // 2
    if name == "sup_f_ar":
        pvalues = partial(hansen_supf_pvalues, k=2, trim=float(result.params["trim"]))
        return partial(_ar_break, trim=trim), _p_rule(pvalues, level), True, nobs // 2
    split = int(result.params["breakpoint"])  # chow@<date>
    pvalues = partial(stats.f.sf, dfn=1, dfd=nobs - 2)
    return partial(batch.chow_mean, split=split), _p_rule(pvalues, level), True, split


def check_break_tests(results: dict[str, TestResult], values: np.ndarray, nulls: Nulls, *,
                      shift: float, trim: float, level: float = 0.05
                      ) -> dict[str, Calibration]:
    """CUSUM, CUSUM of squares, the AR(1)-break sup-F and Chow tests on the no-break null.

    ``results`` maps row names (``cusum``, ``cusum_squares``, ``sup_f_ar``,
    ``chow@<date>``) to the data's results; Chow's ``params["breakpoint"]`` is its split.
    """
    nobs = len(values)
    draws = nulls.stationary("stationary", nobs)
    text = nulls.model("stationary").describe()
    stated = f"a shift of {shift:g} in the mean at observation {nobs // 2 + 1}"
    out: dict[str, Calibration] = {}
    for name, result in results.items():
        if not result.ran:
            continue
        statistic, rule, has_p, split = _break_test(name, result, nobs=nobs, trim=trim,
                                                    level=level)
        jump = np.where(np.arange(nobs) >= split, shift, 0.0)
        alt_text = stated if name in ("cusum", "cusum_squares", "sup_f_ar") else \
            f"a shift of {shift:g} in the mean after observation {split}"
        out[name] = calibrate(result.statistic, statistic(draws), tail="upper", rule=rule,
                              has_pvalue=has_p, alternative=statistic(draws + jump),
                              level=level, null_text=text, alternative_text=alt_text)
    return out


@dataclass
class FlowNulls:
    """Simulated log flows (ln X, ln M) under no cointegration and under balance.

    * ``no_cointegration``: a VAR(1) in differences with a constant, fitted to the
      flows (the null of Engle-Granger, the bounds test and Johansen's rank 0);
    * ``balanced``: ``ln X - ln M`` stationary (the balance's own AR, median-unbiased
      and capped, or an AR(1) with a given rho) and ``ln M`` a random walk with its
      drift: beta = (1, -1), the null of the beta tests and Johansen's rank 1, and with
      rho = the stated alternative the alternative of the no-cointegration tests.

    Shocks are resampled jointly (rows of the two residual series) so their
    correlation is kept.
    """

    levels: np.ndarray
    max_lags: int
    n_sim: int
    seed: int
    lag_rule: LagRule = "aic"
    _cache: dict[tuple[object, ...], np.ndarray] = field(default_factory=dict)

    def no_cointegration(self) -> np.ndarray:
        """(n_sim, T, 2) levels from the VAR(1) in differences."""
        key: tuple[object, ...] = ("var",)
        if key not in self._cache:
            diffs = np.diff(self.levels, axis=0)
            design = np.column_stack([np.ones(len(diffs) - 1), diffs[:-1]])
            coefs, *_ = np.linalg.lstsq(design, diffs[1:], rcond=None)
            resid = diffs[1:] - design @ coefs
            resid -= resid.mean(axis=0)
            nobs, burn = len(self.levels), 100
            rng = rng_for(self.seed, *key)
            shocks = resid[rng.integers(0, len(resid), (self.n_sim, nobs - 1 + burn))]
            steps = np.empty_like(shocks)
            state = np.tile(diffs.mean(axis=0), (self.n_sim, 1))
            for t in range(shocks.shape[1]):
                state = coefs[0] + state @ coefs[1:] + shocks[:, t]
                steps[:, t] = state
            paths = np.cumsum(steps[:, burn:], axis=1)
            self._cache[key] = self.levels[0] + np.concatenate(
                [np.zeros((self.n_sim, 1, 2)), paths], axis=1)
        return self._cache[key]

    def balanced(self, rho: float | None = None) -> tuple[np.ndarray, str]:
        """(n_sim, T, 2) levels with ln X - ln M stationary; and the null in words."""
        gap = self.levels[:, 0] - self.levels[:, 1]
        model = fit_stationary(gap, max_lags=self.max_lags, rule=self.lag_rule)
        if rho is not None:
            model = ArModel(kind="stationary", coefs=np.array([rho]), mean=model.mean,
                            residuals=model.residuals, persistence=rho,
                            persistence_ols=model.persistence_ols, lags=0)
        text = f"ln X - ln M {model.describe()}; ln M a random walk with drift"
        key: tuple[object, ...] = ("balanced", rho)
        if key not in self._cache:
            growth = np.diff(self.levels[:, 1])
            shocks_m = (growth - growth.mean())[-len(model.residuals):]
            nobs, burn = len(self.levels), burn_in(model)
            rng = rng_for(self.seed, *key)
            rows = rng.integers(0, len(model.residuals), (self.n_sim, nobs + burn))
            gaps = model.mean + signal.lfilter([1.0], np.r_[1.0, -model.coefs],
                                               model.residuals[rows], axis=1)[:, burn:]
            steps = growth.mean() + shocks_m[rows[:, burn + 1:]]
            lnm = self.levels[0, 1] + np.concatenate(
                [np.zeros((self.n_sim, 1)), np.cumsum(steps, axis=1)], axis=1)
            self._cache[key] = np.stack([lnm + gaps, lnm], axis=2)
        return self._cache[key], text


def check_cointegration(results: dict[str, TestResult], nulls: FlowNulls, *,
                        alternative_rho: float, max_lags: int, autolag: LagRule,
                        level: float = 0.05) -> dict[str, Calibration]:
    """Cointegration rows on their simulated nulls (see :class:`FlowNulls`).

    ``results`` maps row names (``engle_granger``, ``ardl_bounds``,
    ``johansen_trace_r0``, ``johansen_trace_r0_k2`` ..., ``johansen_trace_r1``,
    ``johansen_beta``, ``dols_slope``) to the data's results; rows that did not run
    are skipped.
    """
    unlinked = nulls.no_cointegration()
    linked, linked_text = nulls.balanced()
    alternative, _ = nulls.balanced(alternative_rho)
    stated = f"ln X - ln M stationary AR(1), rho = {alternative_rho:.3f}"
    var_text = "no cointegration: VAR(1) in differences with a constant"

    def eg(z: np.ndarray) -> np.ndarray:
        return batch.engle_granger(z[..., 0], z[..., 1], max_lags=max_lags, autolag=autolag)

    def bounds(z: np.ndarray) -> np.ndarray:
        return batch.ardl_bounds_f(z[..., 0], z[..., 1])

    def trace(k: int, r: int) -> Callable[[np.ndarray], np.ndarray]:
        return lambda z: batch.johansen_trace(z, k_ar_diff=k)[:, r]

    beta = np.array([1.0, -1.0])
    specs: dict[str, tuple[Callable[[np.ndarray], np.ndarray], np.ndarray,
                           np.ndarray | None, str]] = {
        "engle_granger": (eg, unlinked, alternative, var_text),
        "ardl_bounds": (bounds, unlinked, alternative, var_text),
        "johansen_trace_r1": (trace(1, 1), linked, None, linked_text),
        "johansen_beta": (lambda z: batch.johansen_beta_lr(z, beta), linked, None,
                          linked_text),
        "dols_slope": (lambda z: batch.dols_wald(z[..., 0], z[..., 1]), linked, None,
                       linked_text),
    }
    for name in results:
        if name.startswith("johansen_trace_r0"):
            k = int(name.rsplit("_k", 1)[1]) if "_k" in name else 1
            specs[name] = (trace(k, 0), unlinked, alternative, var_text)
    out: dict[str, Calibration] = {}
    for name, (statistic, null, alt, null_text) in specs.items():
        result = results.get(name)
        if result is None or not result.ran:
            continue
        tail: Literal["upper", "lower"] = "lower" if name == "engle_granger" else "upper"
        out[name] = calibrate(result.statistic, statistic(null), tail=tail,
                              rule=_cointegration_rule(name, result, level),
                              has_pvalue=result.pvalue is not None,
                              alternative=None if alt is None else statistic(alt),
                              level=level, null_text=null_text,
                              alternative_text="" if alt is None else stated)
    return out


def _cointegration_rule(name: str, result: TestResult, level: float
                        ) -> Callable[[np.ndarray], np.ndarray]:
    if name == "engle_granger":
        return _p_rule(lambda t: batch.mackinnon_pvalue(t, "c", n_series=2), level)
    if name == "ardl_bounds":
        return _p_rule(batch.vectorised(lambda f: pss_pvalue(f, 1, 3, True)), level)
    if name in ("johansen_beta", "dols_slope"):
        return _p_rule(lambda x: stats.chi2.sf(x, 1), level)
    critical = result.critical_values[f"{level:.0%}"]
    return lambda x: x > critical
