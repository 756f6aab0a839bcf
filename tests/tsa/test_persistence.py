"""Median-unbiased AR(1) (Andrews 1993) against exact values and known truth.

Reference values: ``tests/results/inference_r.json`` from
``tests/results/make_inference_reference.R`` (R 4.2.2): the exact quantiles of the LS
AR(1) estimator in the intercept model by Imhof's (1961) formula, Andrews' (1993)
method, and the exactly median-unbiased estimates and 90% intervals they imply. The
same R code reproduces Fuller's (1976) Table 8.5.1 Dickey-Fuller percentiles (below),
which checks the reference itself.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from econ.tsa import median_unbiased_ar1
from econ.tsa.persistence import _invert, ls_quantile, median_unbiased_rho


def test_table_quantiles_match_imhof(inference_ref):
    """econ's table (250,000 simulated series per cell) against the exact Imhof
    quantiles: median within 0.0015, 5% and 95% points within 0.004 (simulation error),
    for T = 20, 33, 60, 100 and alpha = 0 .. 1."""
    for case in inference_ref["andrews_ls_quantiles"]["cases"]:
        n, alpha = case["nobs"], case["alpha"]
        assert ls_quantile(alpha, n, 0.5) == pytest.approx(case["q50"], abs=0.0015)
        assert ls_quantile(alpha, n, 0.05) == pytest.approx(case["q05"], abs=0.004)
        assert ls_quantile(alpha, n, 0.95) == pytest.approx(case["q95"], abs=0.004)


def test_median_unbiased_estimates_match_exact(inference_ref):
    """Exactly median-unbiased estimate and 90% interval (solving P_alpha(alpha-hat <=
    observed) = 0.5, 0.95, 0.05 by Imhof in R), including T = 96 (interpolated
    between tabulated lengths) and the capped cases: within 0.003."""
    for case in inference_ref["andrews_median_unbiased"]["cases"]:
        n, observed = case["nobs"], case["alpha_ls"]
        assert median_unbiased_rho(observed, n) == pytest.approx(case["alpha_mu"], abs=0.003)
        assert _invert(observed, n, 0.95) == pytest.approx(case["lower90"], abs=0.003)
        assert _invert(observed, n, 0.05) == pytest.approx(case["upper90"], abs=0.003)


@pytest.mark.parametrize(("nobs", "p05", "p95"), [(25, -12.5, 0.01), (50, -13.3, -0.07),
                                                   (100, -13.7, -0.10)])
def test_unit_root_percentiles_match_fuller(nobs, p05, p95, inference_ref):
    """Fuller (1976, Table 8.5.1; Hamilton 1994, Table B.5, case 2): 5% and 95% points of
    T (rho-hat - 1) with a constant under a unit root. The table's alpha = 1 row gives
    them within 0.25 (Fuller's two decimals from Dickey's simulations), and the Imhof
    reference within 0.1."""
    assert nobs * (ls_quantile(1.0, nobs, 0.05) - 1) == pytest.approx(p05, abs=0.25)
    assert nobs * (ls_quantile(1.0, nobs, 0.95) - 1) == pytest.approx(p95, abs=0.25)
    exact = next(c for c in inference_ref["dickey_fuller_rho_constant"]["cases"]
                 if c["nobs"] == nobs)
    assert exact["p05"] == pytest.approx(p05, abs=0.1)
    assert exact["p95"] == pytest.approx(p95, abs=0.1)


def _ar1(rho: float, nobs: int, reps: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    shocks = rng.standard_normal((reps, nobs + 200))
    y = np.zeros_like(shocks)
    for t in range(1, shocks.shape[1]):
        y[:, t] = rho * y[:, t - 1] + shocks[:, t]
    return y[:, 200:]


def test_unit_root_series_get_an_infinite_upper_bound():
    """Known truth: 200 random walks (T = 40, seeded). The 90% interval's upper end is
    infinite unless the LS estimate falls below the unit root's 5% point: in 95% of
    series (binomial s.e. 1.5 points; accepted 91-99%)."""
    walks = np.cumsum(np.random.default_rng(5).standard_normal((200, 40)), axis=1)
    upper = [median_unbiased_ar1(pd.Series(w)).half_life_ci[1] for w in walks]
    share = np.mean(np.isinf(upper))
    assert 0.91 <= share <= 0.99


def test_estimator_is_median_unbiased():
    """Known truth: 300 AR(1) series with rho = 0.8, T = 50: the median-unbiased estimate
    exceeds 0.8 in half of them (accepted 42-58%, binomial s.e. 2.9 points), while the
    LS estimate does so in far fewer (it is biased down)."""
    series = _ar1(0.8, 50, 300, 6)
    results = [median_unbiased_ar1(pd.Series(y)) for y in series]
    assert 0.42 <= np.mean([r.rho > 0.8 for r in results]) <= 0.58
    assert np.mean([r.rho_ols > 0.8 for r in results]) < 0.35


def test_interval_covers_at_nominal_rate():
    """The 90% interval covers rho = 0.9 in about 90% of 300 series (T = 60): 85-95%."""
    results = [median_unbiased_ar1(pd.Series(y)) for y in _ar1(0.9, 60, 300, 7)]
    covered = np.mean([r.rho_ci[0] <= 0.9 <= r.rho_ci[1] for r in results])
    assert 0.85 <= covered <= 0.95


def test_stationary_series_get_a_finite_half_life():
    out = median_unbiased_ar1(pd.Series(_ar1(0.5, 200, 1, 8)[0]))
    assert out.unit_root_excluded and math.isfinite(out.half_life_ci[1])
    assert out.half_life_ci[0] < out.half_life < out.half_life_ci[1]
    assert "median-unbiased" in out.summary()


def test_bad_inputs_say_why():
    assert "needs at least 10" in str(median_unbiased_ar1(pd.Series([1.0, 2, 3])).reason)
    with pytest.raises(ValueError, match=r"level: expected 0\.90 or 0\.95"):
        median_unbiased_ar1(pd.Series(np.arange(20.0)), level=0.8)
