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
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from scipy import stats

from econ.results import TestResult
from econ.tsa import batch
from econ.tsa.breaks import brownian_crossing_pvalue, hansen_supf_pvalues
from econ.tsa.calibrate import Calibration, calibrate
from econ.tsa.equivalence import boundary_statistics
from econ.tsa.robust_breaks import ar_break_statistic, regime_means, rng_for
from econ.tsa.simulate import ArModel, fit_stationary, fit_unit_root, simulate
from econ.tsa.unit_root import za_pvalues

__all__ = ["Nulls", "alternative_rho", "check_adf", "check_break_tests", "check_kpss",
           "check_mean_tests", "check_zivot_andrews"]

LagRule = Literal["aic", "bic"]
_PER_YEAR = {"annual": 1, "quarterly": 4, "monthly": 12}


def alternative_rho(frequency: str | None, half_life_years: float) -> float:
    """AR(1) coefficient whose half-life is ``half_life_years`` at this frequency.

    Examples
    --------
    >>> alternative_rho("annual", 1.0), round(alternative_rho("monthly", 1.0), 4)
    (0.5, 0.9439)
    """
    return 0.5 ** (1 / (_PER_YEAR.get(frequency or "", 1) * half_life_years))


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
        """The stationary null of the whole series, or of its deviations from the
        regime means of ``noise_breakpoints`` (the dynamics within regimes)."""
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
    """Zero-mean t, TOST and outside-band tests on one set of zero-mean draws.

    The HAC standard error does not move with the mean, so the draws shifted to 0,
    ±band and 2 band give every null and alternative (``boundary_statistics``); a
    two-boundary null (TOST at ±band) counts its worse boundary.
    """
    nobs = len(values)
    draws = nulls.stationary(kind, nobs)
    lags = results["mean_zero"].lags or 0
    shifted = boundary_statistics(draws, band=band, lags=lags)
    _, se, t_null = batch.hac_mean(draws, lags=lags)
    df = nobs - 1
    text = nulls.model(kind).describe()

    def t_p(t: np.ndarray) -> np.ndarray:
        return stats.t.sf(t, df)

    out = {"mean_zero": calibrate(
        abs(results["mean_zero"].statistic), np.abs(t_null), tail="upper",
        rule=_p_rule(lambda t: 2 * t_p(t), level),
        alternative=np.abs((draws.mean(axis=1) + band) / se), level=level,
        null_text=f"{text}, mean 0", alternative_text=f"mean {band:g}")}
    for name, null_keys, alternative_key, alternative_text in (
            ("tost", ("tost_at_upper", "tost_at_lower"), "tost_at_zero", "mean 0"),
            ("outside_band", ("outside_at_boundary", "outside_at_lower"),
             "outside_at_2band", f"mean {2 * band:g}")):
        sides = [calibrate(results[name].statistic, shifted[key], tail="upper",
                           rule=_p_rule(t_p, level), alternative=shifted[alternative_key],
                           level=level, null_text=f"{text}, mean at the band",
                           alternative_text=alternative_text) for key in null_keys]
        out[name] = max(sides, key=lambda cal: (cal.size, cal.pvalue_bootstrap))
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


def check_break_tests(results: dict[str, TestResult], values: np.ndarray, nulls: Nulls, *,
                      shift: float, trim: float, level: float = 0.05
                      ) -> dict[str, Calibration]:
    """CUSUM, CUSUM of squares, the AR(1)-break sup-F and Chow tests on the no-break null.

    ``results`` maps row names (``cusum``, ``cusum_squares``, ``sup_f_ar``,
    ``chow@<date>``) to the data's results; Chow's ``params["breakpoint"]`` is its split.
    """
    nobs = len(values)
    draws = nulls.stationary("stationary", nobs)
    mid = np.where(np.arange(nobs) >= nobs // 2, shift, 0.0)
    text = nulls.model("stationary").describe()
    stated = f"a shift of {shift:g} in the mean at observation {nobs // 2 + 1}"
    out: dict[str, Calibration] = {}
    for name, result in results.items():
        if not result.ran:
            continue
        if name == "cusum":
            statistic: Callable[[np.ndarray], np.ndarray] = batch.cusum
            rule = _p_rule(batch.vectorised(brownian_crossing_pvalue), level)
            has_p, jump, alt_text = True, mid, stated
        elif name == "cusum_squares":
            statistic = batch.cusum_squares
            critical = result.critical_values["5%"]
            rule = lambda s, c=critical: s > c  # noqa: E731
            has_p, jump, alt_text = False, mid, stated
        elif name == "sup_f_ar":
            k_trim = float(result.params["trim"])
            statistic = lambda y: ar_break_statistic(y, trim=trim)[0]  # noqa: E731
            rule = _p_rule(lambda s, t=k_trim: hansen_supf_pvalues(s, 2, t), level)
            has_p, jump, alt_text = True, mid, stated
        else:  # chow@<date>
            split = int(result.params["breakpoint"])
            statistic = lambda y, s=split: batch.chow_mean(y, s)  # noqa: E731
            rule = _p_rule(lambda f: stats.f.sf(f, 1, nobs - 2), level)
            has_p = True
            jump = np.where(np.arange(nobs) >= split, shift, 0.0)
            alt_text = f"a shift of {shift:g} in the mean after observation {split}"
        out[name] = calibrate(result.statistic, statistic(draws), tail="upper", rule=rule,
                              has_pvalue=has_p, alternative=statistic(draws + jump),
                              level=level, null_text=text, alternative_text=alt_text)
    return out
