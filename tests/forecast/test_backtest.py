"""Rolling-origin backtest: no leakage, fold-wise scales, scores, DM, combinations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import econ.forecast as fc
from econ.forecast.backtest import QUANTILE_COLUMNS

LEAK_MODELS = [
    fc.Naive(), fc.SeasonalNaive(), fc.ARIMA(order=(1, 0, 0), seasonal_order=(0, 0, 0)),
    fc.ETS(spec="ANN"), fc.LocalLinearTrend(seasonal=False), fc.Theta(), fc.VECM(k_ar_diff=1),
    fc.Combination(members=(fc.Naive(), fc.ETS(spec="ANN")), weights="inverse_score"),
]


@pytest.mark.parametrize("refit_every", [1, 2])
def test_a_planted_future_spike_does_not_leak(make_flows, refit_every: int) -> None:
    """Multiply exports after period 50 by 3: no forecast from an origin whose training
    data end before period 50 may change (means, all quantiles), for every model, with
    refits at every origin and with parameters reused over blocks of 2 origins."""
    flows = make_flows(72, seed=5)
    spiked = flows.copy()
    spiked.iloc[50:, 0] *= 3.0
    kwargs = {"horizon": 6, "initial": 36, "step": 6, "refit_every": refit_every}
    before = fc.rolling_origin(flows, LEAK_MODELS, **kwargs).forecasts
    after = fc.rolling_origin(spiked, LEAK_MODELS, **kwargs).forecasts
    early = before["origin"] < flows.index[50]
    columns = ["mean", *QUANTILE_COLUMNS]
    pd.testing.assert_frame_equal(before.loc[early, columns], after.loc[early, columns],
                                  rtol=0, atol=0)
    changed = (before.loc[~early, "mean"] - after.loc[~early, "mean"]).abs() > 1e-9
    assert changed.mean() > 0.9  # and the spike does reach the later origins


def test_forecast_rows_and_fold_scales(monthly: pd.Series) -> None:
    """One row per origin and horizon inside the data; each fold's MASE scale is the
    seasonal naive in-sample MAE of that fold's training data only."""
    bt = fc.rolling_origin(monthly, [fc.Naive()], horizon=12, initial=48)
    rows = bt.forecasts
    assert rows["origin"].nunique() == 48  # origins 48..95 observations
    assert len(rows) == sum(min(12, 96 - n) for n in range(48, 96))
    fold = rows[rows["origin"] == monthly.index[59]]
    assert fold["scale"].iloc[0] == pytest.approx(fc.mase_scale(monthly[:60], 12), rel=1e-12)
    assert fold["period"].iloc[0] == monthly.index[60]
    complete = fc.rolling_origin(monthly, [fc.Naive()], horizon=12, initial=48, complete=True)
    assert complete.forecasts["origin"].nunique() == 37
    assert (complete.forecasts.groupby("origin").size() == 12).all()


def test_scores_are_the_metrics_of_the_rows(monthly: pd.Series) -> None:
    """scores() per model and horizon equal the metric functions applied to the rows."""
    bt = fc.rolling_origin(monthly, [fc.Naive(), fc.SeasonalNaive()], horizon=3, initial=60)
    scores = bt.scores().set_index(["model", "horizon"])
    rows = bt.forecasts.query("model == 'snaive' and horizon == 2")
    error = rows["actual"] - rows["mean"]
    assert scores.loc[("snaive", 2), "mae"] == pytest.approx(error.abs().mean(), rel=1e-12)
    assert scores.loc[("snaive", 2), "mase"] == pytest.approx(
        (error.abs() / rows["scale"]).mean(), rel=1e-12)
    inside = (rows["actual"] >= rows["lower_95"]) & (rows["actual"] <= rows["upper_95"])
    assert scores.loc[("snaive", 2), "coverage_95"] == pytest.approx(inside.mean())
    long = bt.scores_frame()
    assert list(long.columns) == ["model", "horizon", "metric", "value"]
    assert len(long) == 2 * 3 * 8


def test_dm_and_ranking(monthly: pd.Series) -> None:
    """dm_test is diebold_mariano on the two models' errors from the same origins; the
    ranking sorts by mean MASE and leaves the benchmark's own DM empty."""
    bt = fc.rolling_origin(monthly, [fc.Naive(), fc.SeasonalNaive()], horizon=3, initial=48)
    rows = bt.forecasts.query("horizon == 3").assign(e=lambda f: f["actual"] - f["mean"])
    errors = rows.pivot(index="origin", columns="model", values="e")
    expected = fc.diebold_mariano(errors["snaive"], errors["naive"], horizon=3)
    result = bt.dm_test("snaive", horizon=3)
    assert result.statistic == pytest.approx(expected.statistic, rel=1e-12)
    ranking = bt.ranking()
    assert ranking["rank"].tolist() == [1, 2]
    assert ranking["mase"].is_monotonic_increasing
    assert np.isnan(ranking.set_index("model").loc["naive", "dm_pvalue"])
    assert "ranking by mean MASE" in bt.summary()


def test_combination_is_backtested_from_its_members(monthly: pd.Series) -> None:
    """Equal weights: the combination's mean is the average of its members' means from
    the same origin; inverse-score weights start equal (no error observed yet)."""
    members = (fc.Naive(), fc.SeasonalNaive())
    bt = fc.rolling_origin(monthly, [*members, fc.Combination(members=members),
                                  fc.Combination(name="inverse", members=members,
                                              weights="inverse_score")],
                        horizon=3, initial=60)
    means = bt.forecasts.pivot_table(index=["origin", "horizon"], columns="model",
                                     values="mean")
    np.testing.assert_allclose(means["combination"], (means["naive"] + means["snaive"]) / 2,
                               rtol=1e-12)
    first = means.xs(monthly.index[59], level="origin")
    np.testing.assert_allclose(first["inverse"], first["combination"], rtol=1e-12)
    later = means.xs(monthly.index[80], level="origin")
    assert not np.allclose(later["inverse"], later["combination"])


def _coverage(model, simulate, replications: int, n: int, horizon: int) -> dict[int, float]:
    hits = {80: [], 95: []}
    for seed in range(replications):
        y = simulate(np.random.default_rng(seed), n + horizon)
        series = pd.Series(y, index=range(1800, 1800 + n + horizon))
        result = model.fit(series.iloc[:n], horizon=horizon)
        for level in hits:
            frame = result.summary_frame(alpha=1 - level / 100)
            actual = series.iloc[n:].to_numpy()
            hits[level].extend((actual >= frame["mean_ci_lower"].to_numpy())
                               & (actual <= frame["mean_ci_upper"].to_numpy()))
    return {level: float(np.mean(h)) for level, h in hits.items()}


def _random_walk(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.cumsum(rng.normal(0, 1, n))


def _local_level(rng: np.random.Generator, n: int) -> np.ndarray:
    """ETS(A,N,N) with alpha = 0.4: level_t = level_{t-1} + 0.4 e_t, y_t = level + e_t."""
    shocks = rng.normal(0, 0.1, n)
    level = np.concatenate([[0.2], 0.2 + 0.4 * np.cumsum(shocks[:-1])])
    return level + shocks


@pytest.mark.parametrize("model,simulate,replications", [
    (fc.Naive(), _random_walk, 400),
    (fc.ETS(spec="ANN"), _local_level, 200),
])
def test_interval_coverage_is_close_to_nominal(model, simulate, replications: int) -> None:
    """Data from the model's own process (random walk; local level, alpha = 0.4), 60
    training periods, horizons 1-4, seeded replications: the 80% and 95% intervals cover
    the outcome at the nominal rate within 3 binomial standard errors plus 0.02
    (estimated parameters make the intervals slightly narrow)."""
    rates = _coverage(model, simulate, replications, 60, 4)
    draws = replications * 4
    for level, rate in rates.items():
        p = level / 100
        assert abs(rate - p) <= 3 * np.sqrt(p * (1 - p) / draws) + 0.02, (level, rate)


def test_bad_backtest_arguments(monthly: pd.Series) -> None:
    with pytest.raises(ValueError, match="distinct names"):
        fc.rolling_origin(monthly, [fc.Naive(), fc.Naive()])
    with pytest.raises(ValueError, match="initial"):
        fc.rolling_origin(monthly, [fc.Naive()], initial=10)
    with pytest.raises(ValueError, match="initial"):
        fc.rolling_origin(monthly, [fc.Naive()], initial=95, complete=True)
    with pytest.raises(ValueError, match="two different models"):
        members = (fc.ETS(name="x", spec="AAN"), fc.Naive())
        fc.rolling_origin(monthly, [fc.ETS(name="x", spec="ANN"),
                                    fc.Combination(members=members)])
    bt = fc.rolling_origin(monthly, [fc.Naive()], horizon=2)
    with pytest.raises(KeyError, match="'arima' is not in the backtest"):
        bt.dm_test("arima")
    with pytest.raises(ValueError, match="metric"):
        bt.ranking("coverage_80")
