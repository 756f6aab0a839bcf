"""Batched statistics equal the single-series tests (statsmodels, econ) row by row.

Every simulation in the battery relies on :mod:`econ.tsa.batch` computing exactly what
the published test computes; here each batched statistic is compared with the
single-series function on simulated persistent series (seeded) and on the R datasets.
Tolerances 1e-8 or tighter: the same regressions by different linear algebra.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.adfvalues import mackinnonp
from statsmodels.tsa.stattools import adfuller, zivot_andrews

from econ.tsa import (
    ardl_bounds_test,
    bai_perron,
    batch,
    chow_test,
    cusum_squares_test,
    cusum_test,
    dols,
    engle_granger_test,
    johansen_beta_test,
    johansen_test,
    kpss_test,
    mean_zero_test,
    sup_f_test,
)


@pytest.fixture(scope="module")
def persistent() -> np.ndarray:
    """Six AR(1) series, rho = 0.8, T = 60 (seed 1)."""
    rng = np.random.default_rng(1)
    y = np.zeros((6, 60))
    for t in range(1, 60):
        y[:, t] = 0.8 * y[:, t - 1] + rng.standard_normal(6)
    return y


@pytest.fixture(scope="module")
def flows() -> np.ndarray:
    """Four bivariate series (T = 80): ln M a random walk, ln X = ln M + AR(1) gap."""
    rng = np.random.default_rng(2)
    lnm = 20 + np.cumsum(0.02 + 0.1 * rng.standard_normal((4, 80)), axis=1)
    gap = np.zeros((4, 80))
    for t in range(1, 80):
        gap[:, t] = 0.7 * gap[:, t - 1] + 0.1 * rng.standard_normal(4)
    return np.stack([lnm + gap, lnm], axis=2)


@pytest.mark.parametrize("regression", ["n", "c", "ct"])
@pytest.mark.parametrize("autolag", ["aic", "bic"])
def test_adf_matches_adfuller(persistent, regression, autolag):
    tau, lags = batch.adf(persistent, regression=regression, max_lags=4, autolag=autolag)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        ref = [adfuller(y, maxlag=4, regression=regression, autolag=autolag.upper())
               for y in persistent]
    assert tau == pytest.approx([r[0] for r in ref], abs=1e-9)
    assert lags.tolist() == [r[2] for r in ref]


def test_mackinnon_pvalues_match_statsmodels():
    grid = np.linspace(-30, 5, 701)
    for regression, n_series in (("n", 1), ("c", 1), ("ct", 1), ("c", 2)):
        expected = [mackinnonp(t, regression=regression, N=n_series) for t in grid]
        assert batch.mackinnon_pvalue(grid, regression, n_series) == pytest.approx(
            expected, abs=1e-14)


def test_kpss_and_hac_mean_match(persistent):
    for y in persistent:
        kpss = kpss_test(pd.Series(y))
        assert batch.kpss(y[None], lags=kpss.lags)[0] == pytest.approx(kpss.statistic,
                                                                      rel=1e-10)
        assert batch.kpss_pvalue(np.array([kpss.statistic]))[0] == pytest.approx(kpss.pvalue)
        mean = mean_zero_test(pd.Series(y))
        assert batch.hac_mean(y[None], lags=mean.lags)[2][0] == pytest.approx(
            mean.statistic, rel=1e-10)


@pytest.mark.parametrize("regression", ["c", "t", "ct"])
def test_zivot_andrews_matches_statsmodels(persistent, regression):
    stat, position = batch.zivot_andrews(persistent, lags=2, regression=regression)
    ref = [zivot_andrews(y, maxlag=2, regression=regression, autolag=None)
           for y in persistent]
    assert stat == pytest.approx([r[0] for r in ref], abs=1e-8)
    assert position.tolist() == [r[4] for r in ref]


def test_break_statistics_match(persistent, nile):
    series = [*persistent, nile.to_numpy()]
    for y in series:
        s = pd.Series(y)
        assert batch.sup_f(y[None])[0][0] == pytest.approx(sup_f_test(s).statistic, rel=1e-9)
        lagged = pd.DataFrame({"lag": s.shift(1)})
        z = np.column_stack([np.ones(len(y) - 1), y[:-1]])
        assert batch.sup_f(y[None, 1:], z)[0][0] == pytest.approx(
            sup_f_test(s, exog=lagged).statistic, rel=1e-8)
        assert batch.chow_mean(y[None], 21)[0] == pytest.approx(chow_test(s, 20).statistic)
        assert batch.cusum(y[None])[0] == pytest.approx(cusum_test(s).statistic)
        assert batch.cusum_squares(y[None])[0] == pytest.approx(
            cusum_squares_test(s).statistic)
        found = bai_perron(s, max_breaks=3).n_breaks
        counts = batch.break_counts(y[None], max_breaks=3)
        assert (counts["bic"][0], counts["lwz"][0]) == (found["bic"], found["lwz"])


def test_sup_wald_closed_form_equals_brute_force(persistent):
    """The O(L) prefix-sum variance equals the Newey-West variance computed from the
    residuals at every candidate date."""
    for y in persistent:
        for lags in (0, 1, 3):
            _, _, path = batch.sup_wald_mean(y[None], lags=lags)
            brute = []
            for tau in batch.candidates(len(y), 0.15, max(lags, 1) + 1):
                first = np.arange(len(y)) < tau
                weight = np.where(first, -1 / tau, 1 / (len(y) - tau))
                means = np.where(first, y[:tau].mean(), y[tau:].mean())
                psi = weight * (y - means)
                variance = psi @ psi + sum(2 * (1 - j / (lags + 1)) * psi[j:] @ psi[:-j]
                                           for j in range(1, lags + 1))
                brute.append((y[tau:].mean() - y[:tau].mean()) ** 2 / variance)
            assert path[0] == pytest.approx(brute, rel=1e-9)


def test_cointegration_statistics_match(flows):
    for z in flows:
        frame = pd.DataFrame(z, columns=["lnx", "lnm"])
        eg = engle_granger_test(frame, max_lags=4)
        assert batch.engle_granger(z[None, :, 0], z[None, :, 1], max_lags=4)[0] == \
            pytest.approx(eg.statistic, abs=1e-9)
        trace = johansen_test(frame)
        assert batch.johansen_trace(z[None])[0] == pytest.approx(
            [t.statistic for t in trace.trace], rel=1e-8)
        assert batch.johansen_beta_lr(z[None], np.array([1.0, -1.0]))[0] == pytest.approx(
            johansen_beta_test(frame).statistic, rel=1e-8)
        assert batch.ardl_bounds_f(z[None, :, 0], z[None, :, 1])[0] == pytest.approx(
            ardl_bounds_test(frame).statistic, rel=1e-8)
        assert batch.dols_wald(z[None, :, 0], z[None, :, 1])[0] == pytest.approx(
            dols(frame).slope_test.statistic, rel=1e-8)
