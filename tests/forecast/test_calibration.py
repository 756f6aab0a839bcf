"""Recalibration from backtest errors: the conformal rule, no look-ahead, known-truth
coverage, band probabilities, Brier scores and reliability."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import econ.forecast as fc
from econ.forecast.calibration import (
    band_probability,
    brier_table,
    calibrated_windows,
    climatology,
    conformal_half_width,
    coverage_table,
    realtime_recalibration,
    reliability_table,
    window_forecasts,
)


def test_conformal_half_width_by_hand() -> None:
    """n = 9 errors, 80%: the ceil(10 x 0.8) = 8th smallest |e| (0.1 ... 0.9: 0.8);
    95% needs 19 errors; missing errors do not count."""
    errors = np.array([0.9, -0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, 0.8])
    assert conformal_half_width(errors, 80) == 0.8
    assert conformal_half_width(errors, 95) == math.inf
    assert conformal_half_width(np.append(errors, [np.nan] * 3), 80) == 0.8
    assert conformal_half_width(np.arange(19.0), 95) == 18.0


@pytest.mark.parametrize("n,level", [(9, 80), (19, 95), (30, 80)])
def test_conformal_interval_covers_at_its_exact_rate(n: int, level: int) -> None:
    """Known truth (Lei et al. 2018, Thm 2.1): with n exchangeable calibration errors the
    interval covers a new one with probability ceil((n+1)p)/(n+1) exactly. 20000 seeded
    replications of N(0,1) errors; within 4 binomial standard errors."""
    rng = np.random.default_rng(n)
    draws = rng.standard_normal((20000, n + 1))
    k = math.ceil((n + 1) * level / 100)
    half = np.sort(np.abs(draws[:, :n]), axis=1)[:, k - 1]
    rate = float(np.mean(np.abs(draws[:, n]) <= half))
    exact = k / (n + 1)
    assert abs(rate - exact) <= 4 * math.sqrt(exact * (1 - exact) / 20000)
    assert conformal_half_width(draws[0, :n], level) == half[0]


@given(st.lists(st.floats(-1, 1), min_size=20, max_size=60))
@settings(max_examples=50, deadline=None)
def test_half_width_grows_with_level_and_probabilities_are_probabilities(errors) -> None:
    """Invariants: the 95% half-width is at least the 80% one; band probabilities lie in
    [0, 1] and do not exceed 1 for a zero mean."""
    assert conformal_half_width(errors, 95) >= conformal_half_width(errors, 80)
    probs = band_probability(np.linspace(-0.5, 0.5, 11), errors, 0.05)
    assert ((probs >= 0) & (probs <= 1)).all()


def _ar1(n: int, seed: int, phi: float = 0.5) -> pd.Series:
    rng = np.random.default_rng(seed)
    y = np.zeros(n)
    for t in range(1, n):
        y[t] = phi * y[t - 1] + rng.normal(0, 0.05)
    return pd.Series(y, index=pd.date_range("2000-01-01", periods=n, freq="MS"))


def test_recalibration_uses_only_errors_observed_by_the_origin() -> None:
    """Change every value after period 150: recalibrated bounds and probabilities of the
    origins whose targets were all observed before it stay exactly the same."""
    y = _ar1(200, seed=1)
    changed = y.copy()
    changed.iloc[150:] += 0.3
    rows = [realtime_recalibration(fc.rolling_origin(s, [fc.Naive()], horizon=3,
                                                     initial=60, band=0.05).forecasts,
                                   band=0.05) for s in (y, changed)]
    early = rows[0]["origin"] < y.index[147]
    columns = ["lower_80_recalibrated", "upper_95_recalibrated", "prob_within_recalibrated",
               "n_calibration"]
    pd.testing.assert_frame_equal(rows[0].loc[early, columns], rows[1].loc[early, columns])
    later = ~early & rows[0]["n_calibration"].gt(0)
    assert (rows[0].loc[later, "upper_80_recalibrated"]
            != rows[1].loc[later, "upper_80_recalibrated"]).any()


def test_recalibration_fixes_a_misspecified_interval() -> None:
    """Known truth: a stationary AR(1) (phi 0.5) forecast by the naive random walk, whose
    sqrt(h) intervals are far too wide at horizon 6. 400 months, 200 origins: the naive
    80% interval covers about 97% at horizon 6, the recalibrated one 80% within 5
    points; the 95% one 95% within 4 points."""
    y = _ar1(400, seed=2)
    scored = realtime_recalibration(fc.rolling_origin(y, [fc.Naive()], horizon=6,
                                                      initial=200).forecasts)
    table = coverage_table(scored).set_index(["horizon", "level"])
    assert table.loc[(6, 80), "coverage_model_scored"] > 0.9
    assert abs(table.loc[(6, 80), "coverage_recalibrated"] - 0.8) < 0.05
    assert abs(table.loc[(6, 95), "coverage_recalibrated"] - 0.95) < 0.04
    pooled = table.loc[(pd.NA, 80)]
    assert pooled["n_scored"] == table.xs(80, level="level")["n_scored"].iloc[1:].sum()


def test_window_forecasts_need_the_whole_window() -> None:
    rows = pd.DataFrame({"model": "m", "origin": [0, 0, 0, 1, 1], "horizon": [1, 2, 3, 1, 2],
                         "period": [1, 2, 3, 2, 3], "actual": [0.1, 0.3, np.nan, 0.3, np.nan],
                         "mean": [0.0, 0.2, 0.4, 0.1, 0.2]})
    two = window_forecasts(rows, 1, 2)
    assert two["origin"].tolist() == [0, 1]
    assert two["actual"].iloc[0] == pytest.approx(0.2) and np.isnan(two["actual"].iloc[1])
    assert window_forecasts(rows, 1, 3)["origin"].tolist() == [0]
    with pytest.raises(ValueError, match="first <= last"):
        window_forecasts(rows, 2, 1)


def test_climatology_is_the_share_inside_the_band_so_far() -> None:
    y = pd.Series([0.01, 0.2, -0.03, 0.3, 0.0], pd.date_range("2020", periods=5, freq="MS"))
    clim = climatology(y, y.index[[0, 2, 4]], 0.05)
    assert clim.tolist() == [1.0, pytest.approx(2 / 3), 0.6]


def _scored_by_hand() -> tuple[pd.DataFrame, pd.Series]:
    """Two origins, two rows each, probabilities and outcomes chosen by hand."""
    y = pd.Series([0.0, 0.1, 0.02, 0.2], pd.date_range("2020", periods=4, freq="MS"))
    rows = pd.DataFrame({
        "model": "m", "origin": y.index[[1, 1, 2, 2]], "horizon": [1, 2, 1, 2],
        "period": y.index[[2, 3, 3, 3]], "actual": [0.02, 0.2, 0.2, 0.2],
        "prob_within": [0.9, 0.2, 0.5, 0.0],
        "prob_within_recalibrated": [0.5, 0.5, 0.5, 0.5]})
    return rows, y


def test_brier_scores_by_hand() -> None:
    """Outcomes (|actual| < 0.05): 1, 0, 0, 0. Model: (0.01 + 0.04 + 0.25 + 0)/4 =
    0.075; recalibrated: 0.25; climatology (share inside up to the origin: 1/2, 1/2,
    2/3, 2/3): (0.25 + 0.25 + 4/9 + 4/9)/4 = 0.3472."""
    rows, y = _scored_by_hand()
    table = brier_table(rows, y, 0.05).set_index("forecast")
    assert table.loc["model", "brier"] == pytest.approx(0.075)
    assert table.loc["recalibrated", "brier"] == pytest.approx(0.25)
    assert table.loc["climatology", "brier"] == pytest.approx((0.5 + 8 / 9) / 4)
    assert table.loc["model", "brier_skill"] == pytest.approx(1 - 0.075 / ((0.5 + 8 / 9) / 4))
    assert table.loc["model", "beats_climatology"]
    assert table.loc["model", "base_rate"] == 0.25


def test_reliability_table_by_hand() -> None:
    rows, y = _scored_by_hand()
    table = reliability_table(rows, y, 0.05)
    model = table[(table["forecast"] == "model") & (table["n"] > 0)]
    assert model["n"].sum() == 4
    top = model[model["bin_lower"] == 0.8].iloc[0]
    assert (top["n"], top["forecast_mean"], top["observed_rate"]) == (1, 0.9, 1.0)
    # 0.0, 0.2 and 0.5 fall in [0, 0.2), [0.2, 0.4) and [0.4, 0.6): one row each
    assert model.set_index("bin_lower")["n"].to_dict() == {0.0: 1, 0.2: 1, 0.4: 1, 0.8: 1}


def test_calibrated_windows_use_every_observed_error(monthly: pd.Series) -> None:
    """The final forecast's window uses all backtest errors of that window; a one-month
    window's model probability is the model's exact probability."""
    bt = fc.rolling_origin(monthly, [fc.Naive()], horizon=4, initial=60, band=0.3)
    result = fc.Naive().fit(monthly, horizon=4)
    table = calibrated_windows(result, bt.forecasts, [(1, 1), (2, 4)], band=0.3)
    assert table["n_calibration"].tolist() == [36, 33]
    errors = (bt.forecasts.query("horizon == 1")["actual"]
              - bt.forecasts.query("horizon == 1")["mean"]).dropna()
    assert table["upper_80"].iloc[0] - table["mean"].iloc[0] == pytest.approx(
        conformal_half_width(errors, 80))
    assert table["prob_within_model"].iloc[0] == result.prob_within(0.3, horizon=1)
    assert table["prob_within_model_se"].iloc[0] == 0.0
    assert table["mean"].iloc[1] == pytest.approx(result.mean.iloc[1:4].mean())
    with pytest.raises(ValueError, match="beyond the forecast"):
        calibrated_windows(result, bt.forecasts, [(3, 5)])
