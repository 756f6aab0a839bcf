"""Cointegration tests against R (urca, dynlm, lmtest, sandwich) and published tables.

Data: Danish bond and deposit rates (urca ``denmark``, Johansen and Juselius 1990),
quarterly 1974Q1-1987Q3; the spread hypothesis beta = (1, -1) on (IBO, IDE) is the
same restriction as balanced trade on (ln X, ln M). R values from
``tests/results/make_reference.R`` (urca 1.3-3, dynlm 0.3-6, lmtest 0.9-40).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.vector_ar.vecm import coint_johansen

from econ.tsa import (
    ardl_bounds_test,
    dols,
    engle_granger_test,
    johansen_beta_test,
    johansen_test,
)


def test_engle_granger_matches_urca(denmark, ref):
    """``urca::ur.df(residuals(lm(IBO ~ IDE)), type = "none", lags = 1)``: tau, 1e-8."""
    result = engle_granger_test(denmark, lags=1)
    assert result.statistic == pytest.approx(ref["eg_denmark_lags1"]["statistic"], abs=1e-8)
    assert result.lags == 1


def test_engle_granger_critical_value_is_mackinnon(denmark):
    """MacKinnon (2010, Table 1), N = 2 with constant: 5% value -3.33613 - 6.1101/T
    - 6.823/T^2 with T = 54 residuals; tolerance 1e-3."""
    nobs = len(denmark) - 1
    expected = -3.33613 - 6.1101 / nobs - 6.823 / nobs**2
    result = engle_granger_test(denmark, lags=1)
    assert result.critical_values["5%"] == pytest.approx(expected, abs=1e-3)


def test_ardl_bounds_statistic_matches_dynlm(denmark, ref):
    """``lmtest::waldtest(dynlm(d(IBO) ~ L(IBO) + L(IDE) + L(d(IBO), 1) + d(IDE) +
    L(d(IDE), 1)), <same without the levels>)``: F = 1.3119 on 53 observations, 1e-8."""
    case = ref["ardl_bounds_denmark_p2_q2"]
    result = ardl_bounds_test(denmark, lags=2, order=2, case=3)
    assert result.statistic == pytest.approx(case["statistic"], rel=1e-8)
    assert result.nobs == case["nobs"]
    assert result.params["adjustment"] == pytest.approx(case["alpha"], rel=1e-8)


def test_ardl_bounds_use_pss_k(denmark):
    """Pesaran, Shin and Smith (2001, Table CI(iii), case III, k = 1): 10% 4.04/4.78,
    5% 4.94/5.73, 1% 6.84/7.84 (I(0)/I(1)); tolerance 0.08 (statsmodels re-simulated
    them with 32 million draws; PSS used 40,000). statsmodels' own bounds_test would
    print the k = 2 row (3.80/4.81 at 5%)."""
    crit = ardl_bounds_test(denmark).critical_values
    published = {"10% I(0)": 4.04, "10% I(1)": 4.78, "5% I(0)": 4.94, "5% I(1)": 5.73,
                 "1% I(0)": 6.84, "1% I(1)": 7.84}
    for key, value in published.items():
        assert crit[key] == pytest.approx(value, abs=0.08)


@pytest.mark.parametrize("k_ar_diff", [1, 2])
def test_johansen_matches_urca_unrestricted_constant(denmark, ref, k_ar_diff):
    """``urca::ca.jo(denmark[, c("IBO", "IDE")], ecdet = "none", K = 2)``: eigenvalues,
    trace and max-eigenvalue statistics (1e-8) equal statsmodels ``det_order = 0``; for
    K = 3 econ's in-house reduced-rank regression agrees with statsmodels (1e-10)."""
    result = johansen_test(denmark, k_ar_diff=k_ar_diff)
    if k_ar_diff == 1:
        case = ref["johansen_denmark_none"]
        assert result.eigenvalues == pytest.approx(case["eigenvalues"], abs=1e-10)
        assert [t.statistic for t in result.trace] == pytest.approx(case["trace"], abs=1e-8)
        assert [t.statistic for t in result.max_eigen] == pytest.approx(case["max_eigen"],
                                                                        abs=1e-8)
    in_house = johansen_beta_test(denmark, k_ar_diff=k_ar_diff).params["eigenvalues"]
    assert in_house == pytest.approx(result.eigenvalues, abs=1e-10)


def test_johansen_critical_values_are_mhm(denmark):
    """MacKinnon, Haug and Michelis (1999), as printed by EViews (statsmodels issue
    7459): trace 5% 15.49471 (r = 0) and 3.841466 (r <= 1), two variables, unrestricted
    constant (statsmodels stores 4 decimals, hence 1e-3). urca prints Osterwald-Lenum's
    17.95 / 8.18 (documented disagreement)."""
    result = johansen_test(denmark)
    assert result.trace[0].critical_values["5%"] == pytest.approx(15.49471, abs=1e-3)
    assert result.trace[1].critical_values["5%"] == pytest.approx(3.841466, abs=1e-3)


@pytest.mark.parametrize(("deterministic", "ecdet"), [("const", "none"),
                                                      ("ci_const", "const"),
                                                      ("ci_trend", "trend")])
def test_johansen_beta_lr_matches_blrtest(denmark, ref, deterministic, ecdet):
    """``urca::blrtest(ca.jo(denmark[, c("IBO", "IDE")], ecdet = ecdet, K = 2), H, r = 1)``
    with H = (1, -1) (plus a free row for a restricted constant or trend): LR statistic
    (1e-8 relative), chi-square(1) p-value, restricted and unrestricted eigenvalues."""
    case = ref[f"johansen_denmark_{ecdet}"]
    result = johansen_beta_test(denmark, deterministic=deterministic)
    assert result.statistic == pytest.approx(case["lr_beta"], rel=1e-8)
    assert result.pvalue == pytest.approx(case["lr_beta_pvalue"], rel=1e-6)
    assert result.params["df"] == case["lr_beta_df"] == 1
    assert result.params["eigenvalues"] == pytest.approx(case["eigenvalues"], abs=1e-10)
    restricted = np.atleast_1d(case["restricted_eigenvalues"])
    assert result.params["restricted_eigenvalues"][: len(restricted)] == pytest.approx(
        restricted, abs=1e-10)


def test_johansen_beta_lr_general_restriction(denmark_all, ref):
    """Four variables, restricted constant, Johansen and Juselius' (1990) unit income
    elasticity (beta_LRM = -beta_LRY) as a 5 x 4 H: ``urca::blrtest(ca.jo(denmark[,
    c("LRM", "LRY", "IBO", "IDE")], ecdet = "const", K = 2), H, r = 1)``; LR 0.0346,
    eigenvalues; tolerance 1e-8 (LR absolute), 1e-10 (eigenvalues)."""
    case = ref["johansen_denmark4_const"]
    h = np.array([[1, 0, 0, 0], [-1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    result = johansen_beta_test(denmark_all, restriction=h, deterministic="ci_const")
    assert result.statistic == pytest.approx(case["lr_beta"], abs=1e-8)
    assert result.pvalue == pytest.approx(case["lr_beta_pvalue"], abs=1e-7)
    assert result.params["df"] == case["lr_beta_df"]
    assert result.params["eigenvalues"] == pytest.approx(case["eigenvalues"], abs=1e-10)


def test_johansen_statsmodels_trend_case_differs_from_urca(denmark, ref):
    """Documented disagreement: statsmodels ``det_order = 1`` detrends the levels first;
    it is not urca's ``ecdet = "trend"`` (trend restricted to the cointegrating space).
    On this data its trace statistic is 15.90 against urca's 15.98, and its 5% critical
    value (18.40, MHM's unrestricted-trend case) is not urca's 25.32 (restricted trend).
    econ's ``ci_trend`` reproduces urca's eigenvalues (1e-10)."""
    case = ref["johansen_denmark_trend"]
    detrended = coint_johansen(denmark.to_numpy(), 1, 1)
    assert abs(detrended.trace_stat[0] - case["trace"][0]) > 0.05
    assert abs(detrended.trace_stat_crit_vals[0, 1] - case["trace_cv95"][0]) > 5
    econ_value = johansen_beta_test(denmark, deterministic="ci_trend").params["eigenvalues"]
    assert econ_value == pytest.approx(case["eigenvalues"], abs=1e-10)


def test_dols_matches_dynlm_neweywest(denmark, ref):
    """``dynlm(IBO ~ IDE + L(d(IDE), -1:1))`` with ``sandwich::NeweyWest(fm, lag = 3,
    prewhite = FALSE, adjust = FALSE)``: slope, HAC s.e., Wald ((b - 1)/se)^2 and its
    chi-square(1) p-value, 52 observations; tolerance 1e-8 relative."""
    case = ref["dols_denmark_leads1_lags1"]
    result = dols(denmark, leads=1, lags=1, hac_lags=3)
    assert result.params["IDE"] == pytest.approx(case["slope"], rel=1e-8)
    assert result.params["const"] == pytest.approx(case["const"], rel=1e-8)
    assert result.bse["IDE"] == pytest.approx(case["slope_se"], rel=1e-8)
    assert result.slope_test.statistic == pytest.approx(case["wald"], rel=1e-8)
    assert result.slope_test.pvalue == pytest.approx(case["pvalue"], rel=1e-6)
    assert result.nobs == case["nobs"]


def _balanced_pair(nobs: int, seed: int, slope: float = 1.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    lnm = 10 + np.cumsum(0.02 + 0.05 * rng.standard_normal(nobs))
    gap = np.zeros(nobs)
    for t in range(1, nobs):
        gap[t] = 0.5 * gap[t - 1] + 0.03 * rng.standard_normal()
    return pd.DataFrame({"lnx": slope * lnm + gap, "lnm": lnm},
                        index=pd.date_range("2000-01-01", periods=nobs, freq="MS"))


def test_balanced_flows_are_cointegrated_with_unit_vector():
    """Simulated (seed 4): ln X = ln M + stationary AR(1) gap, T = 300. Johansen finds
    rank 1, Engle-Granger rejects no-cointegration, beta = (1, -1) and slope = 1 are not
    rejected at 5%."""
    flows = _balanced_pair(300, seed=4)
    assert johansen_test(flows).rank() == 1
    assert engle_granger_test(flows).reject() is True
    assert johansen_beta_test(flows).reject() is False
    assert dols(flows).slope_test.reject() is False


def test_unbalanced_slope_is_rejected():
    """Simulated (seed 5): ln X = 1.5 ln M + gap. The LR test rejects beta = (1, -1) and
    DOLS rejects slope = 1."""
    flows = _balanced_pair(300, seed=5, slope=1.5)
    assert johansen_beta_test(flows).reject() is True
    assert dols(flows).slope_test.reject() is True


def test_independent_random_walks_are_not_cointegrated():
    """Simulated (seeds 0-29): two independent random walks, T = 200. Engle-Granger and
    the Johansen trace test of r = 0 reject in at most 20% of replications (size 5%)."""
    pairs = [pd.DataFrame(np.random.default_rng(seed).standard_normal((200, 2)).cumsum(
        axis=0), columns=["a", "b"]) for seed in range(30)]
    assert np.mean([engle_granger_test(p).reject() for p in pairs]) <= 0.2
    assert np.mean([johansen_test(p).rank() > 0 for p in pairs]) <= 0.2


def test_general_restriction_and_bad_shape(denmark):
    """An explicit H equal to the default gives the same statistic; a wrong shape is a
    clear ValueError naming the expected rows."""
    default = johansen_beta_test(denmark, deterministic="ci_const")
    explicit = johansen_beta_test(denmark, deterministic="ci_const",
                                  restriction=np.array([[1, 0], [-1, 0], [0, 1]]))
    assert explicit.statistic == pytest.approx(default.statistic, rel=1e-12)
    with pytest.raises(ValueError, match="expected H with 3 rows"):
        johansen_beta_test(denmark, deterministic="ci_const", restriction=np.eye(2))
    with pytest.raises(ValueError, match="k_ar_diff"):
        johansen_test(denmark, k_ar_diff=0)
