"""econ.forecast against R's forecast package (values saved by tests/results/*.R).

Reference: R 4.2.2, forecast 8.20 (Debian r-cran-forecast), script
``tests/results/forecast_reference.R``, output ``tests/results/forecast_reference.json``.
Each test names the R call it reproduces.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from econ.forecast import (
    Naive,
    SeasonalNaive,
    diebold_mariano,
    mae,
    mase,
    mase_scale,
    rmse,
    rolling_origin,
)
from econ.forecast._statespace import innovations_forecasts
from econ.forecast.models import ets_matrices, theta_standard_errors


def _air(reference: dict[str, Any]) -> pd.Series:
    values = reference["air_passengers"]
    index = pd.date_range(reference["air_start"], periods=len(values), freq="MS")
    return pd.Series(values, index=index, dtype=float)


@pytest.mark.parametrize("model,key", [(Naive(), "naive"), (SeasonalNaive(), "snaive")])
def test_lagwalk_forecasts_match_r(reference: dict[str, Any], model: Any, key: str) -> None:
    """R: naive()/snaive() of window(AirPassengers, end = c(1958, 12)), h = 24,
    level = c(80, 95). Means and 80/95% bounds agree to 1e-9 (same formula)."""
    expected = reference[key]
    train = _air(reference)[:"1958-12-01"]
    result = model.fit(train, horizon=24)
    np.testing.assert_allclose(result.mean, expected["mean"], rtol=0, atol=1e-9)
    for level in (80, 95):
        frame = result.summary_frame(alpha=1 - level / 100)
        np.testing.assert_allclose(frame["mean_ci_lower"], expected[f"lower_{level}"],
                                   rtol=1e-9)
        np.testing.assert_allclose(frame["mean_ci_upper"], expected[f"upper_{level}"],
                                   rtol=1e-9)


@pytest.mark.parametrize("model,key", [(Naive(), "naive"), (SeasonalNaive(), "snaive")])
def test_point_accuracy_matches_r(reference: dict[str, Any], model: Any, key: str) -> None:
    """R: accuracy(naive(train, h = 24), window(AirPassengers, start = c(1959, 1))),
    test-set MAE, RMSE and MASE (scale: in-sample seasonal naive MAE, lag 12, since
    frequency(train) = 12). Tolerance 1e-12 relative."""
    expected = reference[key]
    air = _air(reference)
    train, test = air[:"1958-12-01"], air["1959-01-01":]
    mean = model.fit(train, horizon=24).mean
    assert mae(test, mean) == pytest.approx(expected["test_mae"], rel=1e-12)
    assert rmse(test, mean) == pytest.approx(expected["test_rmse"], rel=1e-12)
    scale = mase_scale(train, season_length=12)
    assert mase(test, mean, scale) == pytest.approx(expected["test_mase"], rel=1e-12)


def test_ets_closed_form_matches_r(reference: dict[str, Any]) -> None:
    """R: forecast(ets(AirPassengers, model = "AAA", damped = TRUE), h = 24,
    level = c(80, 95)). From R's fitted alpha, beta, gamma, phi, final state and sigma2,
    the innovations-form mean and variance (Hyndman et al. 2008, Table 6.1) reproduce
    R's mean and 80/95% bounds to 1e-8 relative."""
    expected = reference["ets_aada"]
    par = expected["par"]
    params = {"smoothing_level": par["alpha"], "smoothing_trend": par["beta"],
              "smoothing_seasonal": par["gamma"], "damping_trend": par["phi"]}
    w, transition, g = ets_matrices("AAdA", params, 12)
    state = np.asarray(expected["final_state"])[None, :]
    mean, var = innovations_forecasts(state, w, transition, g, expected["sigma2"], 24)
    np.testing.assert_allclose(mean[0], expected["mean"], rtol=1e-8)
    for level, z in ((80, 1.2815515655446004), (95, 1.959963984540054)):
        np.testing.assert_allclose(mean[0] - z * np.sqrt(var), expected[f"lower_{level}"],
                                   rtol=1e-8)
        np.testing.assert_allclose(mean[0] + z * np.sqrt(var), expected[f"upper_{level}"],
                                   rtol=1e-8)


def test_theta_intervals_match_r(reference: dict[str, Any]) -> None:
    """R: thetaf(Nile, h = 10, level = c(80, 95)). From R's alpha (0.246) and sigma2,
    the Theta standard errors sqrt(sigma2 (1 + (h - 1) alpha^2)) reproduce R's 80/95%
    half-widths to 1e-9 relative. (statsmodels' prediction_intervals would give
    sigma2 (1 + (h - 1)(1 + (alpha - 1)^2)): 3.1 times wider at h = 10 here.)"""
    expected = reference["thetaf_nile"]
    se = theta_standard_errors(expected["alpha"], expected["sigma2"], 10)
    mean = np.asarray(expected["mean"])
    for level in (80, 95):
        z = stats.norm.ppf(0.5 + level / 200)
        np.testing.assert_allclose(mean + z * se, expected[f"upper_{level}"], rtol=1e-9)
        np.testing.assert_allclose(mean - z * se, expected[f"lower_{level}"], rtol=1e-9)


def test_diebold_mariano_matches_r(reference: dict[str, Any]) -> None:
    """R: dm.test(e1, e2, alternative, h, power) on the out-of-sample WWWusage example of
    ?dm.test (ets vs auto.arima fitted to minutes 1-80, errors on 81-100), for h = 1..3,
    power 1 and 2 and all three alternatives. Statistic and p-value to 1e-10."""
    expected = reference["dm_wwwusage"]
    alternatives = {"two.sided": "two-sided", "less": "less", "greater": "greater"}
    for case in expected["tests"]:
        result = diebold_mariano(expected["e1"], expected["e2"], horizon=case["h"],
                                 power=case["power"],
                                 alternative=alternatives[case["alternative"]])
        assert result.statistic == pytest.approx(case["statistic"], rel=1e-10), case
        assert result.pvalue == pytest.approx(case["p_value"], rel=1e-10), case


def test_rolling_origin_errors_match_tscv(reference: dict[str, Any]) -> None:
    """R: tsCV(AirPassengers, naive, h = 6, initial = 47): the rolling-origin errors of
    the naive model from every origin 48..143 and horizons 1..6 equal R's (1e-12)."""
    expected = np.asarray(reference["tscv_naive"]["errors"], dtype=float)
    backtest = rolling_origin(_air(reference), [Naive()], horizon=6, initial=48)
    rows = backtest.forecasts.assign(error=lambda f: f["actual"] - f["mean"])
    errors = rows.pivot(index="origin", columns="horizon", values="error").to_numpy()
    assert errors.shape == expected.shape
    np.testing.assert_allclose(errors, expected, rtol=0, atol=1e-12, equal_nan=True)
