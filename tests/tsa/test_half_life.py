"""Half-life of deviations against R (lm, dynlm) and simulated processes.

R values from ``tests/results/make_reference.R``: the AR(1) by ``lm`` on the Nile, the
ECM by ``dynlm`` on the Danish bond rate; half-life and delta-method interval computed
in R from the same formulas, by an independent implementation.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from econ.tsa import half_life, half_life_ar1, half_life_ecm


def test_ar1_matches_lm(nile, ref):
    """``lm(Nile[-1] ~ Nile[-n])``: rho, s.e., half-life log(0.5)/log(rho) and the delta
    interval h ± 1.96 |log(0.5)/(rho log(rho)^2)| se; tolerance 1e-9 relative."""
    case = ref["half_life_ar1_nile"]
    result = half_life_ar1(nile, n_boot=0)
    assert result.rho == pytest.approx(case["rho"], rel=1e-9)
    assert result.rho_se == pytest.approx(case["rho_se"], rel=1e-9)
    assert result.half_life == pytest.approx(case["half_life"], rel=1e-9)
    assert result.ci_delta == pytest.approx((case["ci_lower"], case["ci_upper"]), rel=1e-9)
    assert result.unit == "years"


def test_ecm_matches_dynlm(denmark, ref):
    """``dynlm(d(IBO) ~ L(IBO) + L(IDE) + L(d(IBO), 1) + d(IDE) + L(d(IDE), 1))``: the
    adjustment alpha, its s.e. and log(0.5)/log(1 + alpha) = 22.35 quarters; 1e-9."""
    case = ref["half_life_ecm_denmark"]
    result = half_life_ecm(denmark, lags=1, n_boot=0)
    assert result.rho - 1 == pytest.approx(case["alpha"], rel=1e-9)
    assert result.rho_se == pytest.approx(case["alpha_se"], rel=1e-9)
    assert result.half_life == pytest.approx(case["half_life"], rel=1e-9)
    assert result.unit == "quarters"


def test_bootstrap_is_seeded_and_covers_truth():
    """Simulated (seed 7): AR(1) rho = 0.8, T = 300, true half-life ln .5/ln .8 = 3.106.
    The same seed gives the same interval; both intervals contain the truth."""
    rng = np.random.default_rng(7)
    values = np.zeros(300)
    for t in range(1, 300):
        values[t] = 0.8 * values[t - 1] + rng.standard_normal()
    series = pd.Series(values, index=pd.date_range("2000-01-01", periods=300, freq="MS"))
    first = half_life_ar1(series, n_boot=499, seed=11)
    again = half_life_ar1(series, n_boot=499, seed=11)
    truth = math.log(0.5) / math.log(0.8)
    assert first.ci_bootstrap == again.ci_bootstrap
    assert first.ci_bootstrap[0] < truth < first.ci_bootstrap[1]
    assert first.ci_delta[0] < truth < first.ci_delta[1]
    assert first.unit == "months"


def test_explosive_series_has_infinite_half_life():
    """Simulated (seed 8): y_t = 1.05 y_{t-1} + e_t has rho > 1: infinite half-life, no
    delta-method interval (the derivative is undefined)."""
    rng = np.random.default_rng(8)
    values = np.ones(60)
    for t in range(1, 60):
        values[t] = 1.05 * values[t - 1] + 0.01 * rng.standard_normal()
    result = half_life_ar1(pd.Series(values, index=range(1961, 2021)), n_boot=99)
    assert result.rho > 1 and math.isinf(result.half_life)
    assert all(math.isnan(v) for v in result.ci_delta)


@given(st.floats(min_value=1e-6, max_value=0.999999))
def test_half_life_halves(rho):
    """Property: after h periods a deviation is half its size: rho^h = 0.5."""
    assert abs(rho) ** half_life(rho) == pytest.approx(0.5, rel=1e-9)


@given(st.floats(min_value=0.01, max_value=0.98), st.floats(min_value=0.001, max_value=0.01))
def test_half_life_increases_with_persistence(rho, step):
    """Property: more persistent deviations take longer to halve."""
    assert half_life(rho + step) > half_life(rho)


def test_not_run_says_why():
    """Too short, constant or gappy data: a result with a reason, no exception."""
    short = half_life_ar1(pd.Series([1.0, 2.0, 1.5], index=[2000, 2001, 2002]))
    assert not short.ran and "needs at least" in short.reason
    constant = half_life_ar1(pd.Series(np.ones(30), index=range(1990, 2020)))
    assert "constant" in constant.reason
    assert "not run" in constant.summary()
