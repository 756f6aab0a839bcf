"""Size, bootstrap p-value, simulated critical value and power from simulated nulls."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from econ.results import TestResult
from econ.tsa.calibrate import calibrate, usable
from econ.tsa.simulate import ArModel, fit_stationary, fit_unit_root, simulate, stationary_cap


def test_well_sized_test_keeps_the_asymptotic_decision():
    """A null that matches the rule (standard normal, rule z > 1.645): size about 5%,
    basis asymptotic, decision and power from the rule."""
    rng = np.random.default_rng(0)
    null = rng.standard_normal(4999)
    cal = calibrate(2.0, null, tail="upper", rule=lambda z: z > 1.645,
                    alternative=null + 3.0)
    assert cal.size == pytest.approx(0.05, abs=0.01) and cal.basis == "asymptotic"
    assert cal.reject is True and cal.power == pytest.approx(0.91, abs=0.02)
    assert cal.critical_simulated == pytest.approx(1.645, abs=0.06)


def test_oversized_test_switches_to_the_bootstrap():
    """The null is twice as wide as the rule assumes: size about 20%; the decision uses
    the bootstrap p-value (1 + #{null >= stat}) / (R + 1)."""
    null = np.random.default_rng(1).standard_normal(999) * 2
    cal = calibrate(2.5, null, tail="upper", rule=lambda z: z > 1.645)
    assert cal.basis == "bootstrap p-value" and cal.size > 0.15
    assert cal.pvalue_bootstrap == (1 + np.sum(null >= 2.5)) / 1000
    assert cal.reject is (cal.pvalue_bootstrap < 0.05)
    lower = calibrate(-5.0, -null, tail="lower", rule=lambda z: z < -1.645,
                      has_pvalue=False)
    assert lower.basis == "simulated critical value" and lower.reject is True


@settings(max_examples=30, deadline=None)
@given(st.floats(min_value=-4, max_value=4), st.integers(min_value=0, max_value=10_000))
def test_bootstrap_pvalue_is_a_probability_decreasing_in_the_statistic(stat, seed):
    """Property: the bootstrap p-value is in (0, 1] and never rises with the statistic."""
    null = np.random.default_rng(seed).standard_normal(199)
    low = calibrate(stat, null, tail="upper", rule=lambda z: z > 9).pvalue_bootstrap
    high = calibrate(stat + 0.5, null, tail="upper", rule=lambda z: z > 9).pvalue_bootstrap
    assert 0 < high <= low <= 1


def test_power_floor_applies_to_non_rejections():
    weak = calibrate(0.0, np.zeros(9), tail="upper", rule=lambda s: s > 1.0,
                     alternative=np.r_[np.zeros(8), 5.0])
    assert not usable(weak, 0.5) and usable(None, 0.5)


def test_missing_statistic_gives_no_decision():
    cal = calibrate(math.nan, np.zeros(9), tail="upper", rule=lambda s: s > 1.0)
    assert cal.reject is None


def test_lower_tailed_decision_without_a_pvalue():
    """Issue 15 bug: with no p-value the decision compared in the wrong direction for
    lower-tailed tests, and a NaN statistic read as "do not reject"."""
    adf_like = TestResult(test="ADF", statistic=-3.5, pvalue=None, null_hypothesis="",
                          critical_values={"5%": -2.86}, tail="lower")
    assert adf_like.reject() is True
    assert TestResult(test="ADF", statistic=-2.0, pvalue=None, null_hypothesis="",
                      critical_values={"5%": -2.86}, tail="lower").reject() is False
    assert TestResult(test="ZA", statistic=math.nan, pvalue=math.nan, null_hypothesis="",
                      critical_values={"5%": -4.8}, tail="lower").reject() is None
    assert TestResult(test="trace", statistic=20.0, pvalue=None, null_hypothesis="",
                      critical_values={"5%": 15.49}).reject() is True


def test_fitted_nulls_reproduce_the_dynamics():
    """An AR(2) with persistence 0.75 (T = 400): the fitted stationary null recovers it
    (median-unbiased, 0.05) and simulated series have the data's variance (10%)."""
    rng = np.random.default_rng(2)
    y = np.zeros(600)
    for t in range(2, 600):
        y[t] = 1.1 * y[t - 1] - 0.35 * y[t - 2] + rng.standard_normal()
    y = y[200:]
    model = fit_stationary(y, max_lags=6)
    assert model.persistence == pytest.approx(0.75, abs=0.05)
    draws = simulate(model, nobs=400, reps=200, rng=np.random.default_rng(3))
    assert draws.var(axis=1).mean() == pytest.approx(y.var(), rel=0.15)
    walk = fit_unit_root(np.cumsum(rng.standard_normal(100)), lags=1)
    paths = simulate(walk, nobs=50, reps=5, rng=np.random.default_rng(4), start=1.5)
    assert (paths[:, 0] == 1.5).all()


def test_stationary_null_is_capped_below_a_unit_root():
    """A random walk's median-unbiased persistence is 1; the stationary null is capped
    at a half-life equal to the sample length."""
    walk = np.cumsum(np.random.default_rng(5).standard_normal(40))
    model = fit_stationary(walk, max_lags=2)
    assert model.persistence <= stationary_cap(40) < 1
    assert isinstance(model, ArModel) and "persistence" in model.describe()
    assert pd.notna(model.mean)
