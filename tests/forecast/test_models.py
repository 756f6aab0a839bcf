"""Models: equal to statsmodels where they are the same model, seeded paths, bad inputs."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.statespace.structural import UnobservedComponents
from statsmodels.tsa.vector_ar.vecm import VECM as StatsmodelsVECM

import econ.forecast as fc
from econ.forecast._statespace import kalman_forecasts


@pytest.mark.parametrize("build", [
    lambda y, x: SARIMAX(y, exog=x, order=(1, 0, 1), seasonal_order=(1, 0, 0, 12), trend="c"),
    lambda y, x: UnobservedComponents(y, exog=x, level="local linear trend", seasonal=12),
])
def test_kalman_forecasts_equal_get_forecast(monthly: pd.Series, build) -> None:
    """From one filtering pass (data after the origin set missing), the forecasts from
    every origin equal statsmodels' get_forecast of the same model and parameters on the
    data up to that origin: means and variances to 1e-9. (The parameters are
    statsmodels' start values: any fixed parameters will do.)"""
    x = fc.step_dummy(monthly.index, "2021-06-01").to_frame()
    params = build(monthly[:60], x[:60]).start_params
    masked = monthly.copy()
    masked.iloc[72:] = np.nan
    filtered = build(masked, x).filter(params)
    origins = np.array([50, 60, 72])
    mean, var = kalman_forecasts(filtered, origins, 6)
    for row, n in enumerate(origins):
        expected = build(monthly[:n], x[:n]).filter(params).get_forecast(6, exog=x[n:n + 6])
        np.testing.assert_allclose(mean[row], expected.predicted_mean, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(var[row], expected.var_pred_mean, rtol=1e-9, atol=1e-14)


@pytest.mark.parametrize("spec", ["ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA"])
def test_ets_origins_equal_statsmodels(monthly: pd.Series, spec: str) -> None:
    """Refit at every origin: mean and sd equal ETSModel.get_prediction of the model
    fitted to that origin (1e-8). Reused parameters: equal get_prediction of
    ETSModel(y[:n]).smooth(params fitted at the block start)."""
    model = fc.ETS(spec=spec)
    origins = [60, 63]
    refit = model.forecast_origins(monthly, origins, horizon=6, refit_every=1)
    direct = [model.fit(monthly[:n], horizon=6) for n in origins]
    for result, fitted in zip(refit, direct, strict=True):
        np.testing.assert_allclose(result.mean, fitted.mean, rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(result.se, fitted.se, rtol=1e-8)
    reused = model.forecast_origins(monthly, origins, horizon=6, refit_every=2)
    statsmodels_model = ETSModel(monthly[:60], **fc.ETS._kwargs(spec, 12))
    params = [direct[0].params[name] for name in statsmodels_model.param_names]
    for result, n in zip(reused, origins, strict=True):
        smoothed = ETSModel(monthly[:n], **fc.ETS._kwargs(spec, 12)).smooth(params)
        expected = smoothed.get_prediction(start=n, end=n + 5)
        np.testing.assert_allclose(result.mean, expected.predicted_mean, rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(result.se, np.sqrt(expected.forecast_variance), rtol=1e-8)


@pytest.mark.parametrize("model", [fc.ARIMA(order=(1, 0, 0), seasonal_order=(0, 0, 0)),
                                   fc.LocalLinearTrend(seasonal=False)])
def test_statespace_origins_equal_refit(annual: pd.Series, model) -> None:
    """With refit_every=1 the backtest path equals fit() at each origin (1e-8)."""
    origins = [15, 20, 25]
    for result, n in zip(model.forecast_origins(annual, origins, horizon=3), origins,
                         strict=True):
        direct = model.fit(annual[:n], horizon=3)
        h = result.horizon
        np.testing.assert_allclose(result.mean, direct.mean[:h], rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(result.se, direct.se[:h], rtol=1e-8)


def test_arima_search_finds_ar1() -> None:
    """A seeded AR(1) (phi = 0.8, 120 years) is identified as ARIMA(1,0,0) by AICc."""
    rng = np.random.default_rng(11)
    y = np.zeros(120)
    for t in range(1, 120):
        y[t] = 0.8 * y[t - 1] + rng.normal(0, 0.05)
    result = fc.ARIMA().fit(pd.Series(y, index=range(1881, 2001)), horizon=2)
    assert result.spec == "ARIMA(1,0,0) c"
    assert result.params["ar.L1"] == pytest.approx(0.8, abs=0.1)


def test_theta_mean_equals_statsmodels(monthly: pd.Series) -> None:
    """The Theta point forecast is statsmodels' ThetaModel.forecast (1e-12); the
    intervals use the ARIMA(0,1,1) variance checked against R in test_r_reference."""
    result = fc.Theta().fit(monthly, horizon=12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = ThetaModel(monthly, period=12).fit().forecast(12)
    np.testing.assert_allclose(result.mean, expected, rtol=1e-12)


@pytest.mark.parametrize("model", [fc.Naive(), fc.SeasonalNaive(), fc.Theta(),
                                   fc.ARIMA(order=(1, 0, 0), seasonal_order=(0, 0, 0)),
                                   fc.ETS(spec="AAN"), fc.LocalLinearTrend()])
def test_paths_are_seeded_and_match_the_intervals(monthly: pd.Series, model) -> None:
    """Same seed, same paths; the paths' sd per horizon is the model's se within
    Monte Carlo error (4000 paths: sd of a sd estimate is about 1.1%; allow 6%)."""
    result = type(model)(**{**model.__dict__, "n_paths": 4000}).fit(monthly, horizon=12)
    again = type(model)(**{**model.__dict__, "n_paths": 4000}).fit(monthly, horizon=12)
    np.testing.assert_array_equal(result.paths, again.paths)
    assert result.paths.shape == (4000, 12)
    np.testing.assert_allclose(result.paths.std(axis=0), result.se, rtol=0.06)
    np.testing.assert_allclose(result.paths.mean(axis=0), result.mean,
                               atol=4 * float(result.se.max()) / np.sqrt(4000))


def test_prob_within_matches_gaussian_probability(annual: pd.Series) -> None:
    """For a Gaussian forecast, P(|b| < band) from 20000 paths is within 4 binomial
    standard errors of Phi((band - mu)/se) - Phi((-band - mu)/se)."""
    result = fc.Naive(n_paths=20000).fit(annual, horizon=3)
    mu, se = result.mean.to_numpy(), result.se.to_numpy()
    exact = stats.norm.cdf((0.05 - mu) / se) - stats.norm.cdf((-0.05 - mu) / se)
    tolerance = 4 * np.sqrt(exact * (1 - exact) / 20000)
    assert np.all(np.abs(result.prob_within(0.05).to_numpy() - exact) <= tolerance)
    assert result.prob_within(0.05, horizon=2) == result.prob_within(0.05).iloc[1]


def test_vecm_paths_follow_statsmodels(flows: pd.DataFrame) -> None:
    """The mean of the simulated log flows equals statsmodels VECM.predict within Monte
    Carlo error; the balance paths are (X - M) / (X + M) of the flow paths."""
    result = fc.VECM(k_ar_diff=1, n_paths=4000).fit(flows, horizon=6)
    fitted = StatsmodelsVECM(np.log(flows), k_ar_diff=1, coint_rank=1, deterministic="co",
                             seasons=12).fit()
    point = fitted.predict(steps=6)
    paths = result.flow_paths
    log_mean = np.column_stack([np.log(paths["exports"]).mean(0),
                                np.log(paths["imports"]).mean(0)])
    np.testing.assert_allclose(log_mean, point, atol=0.01)
    x, m = paths["exports"], paths["imports"]
    np.testing.assert_allclose(result.paths, (x - m) / (x + m), rtol=1e-12)
    assert result.se is None
    frame = result.summary_frame(0.05)
    assert (frame["mean_ci_lower"] < frame["mean"]).all()
    assert (frame["mean"] < frame["mean_ci_upper"]).all()


def test_vecm_takes_regressors(flows: pd.DataFrame) -> None:
    x = fc.step_dummy(flows.index, "2018-07-01")
    future = fc.step_dummy(pd.date_range("2020-01-01", periods=3, freq="MS"), "2018-07-01")
    result = fc.VECM(k_ar_diff=1).fit(flows, x, horizon=3, future_exog=future)
    assert result.horizon == 3


def test_local_linear_trend_readout() -> None:
    """A surplus shrinking by 0.01 a year reads 'toward balance'; a growing surplus
    'away from balance'."""
    years = range(1995, 2020)
    shrinking = pd.Series(0.4 - 0.01 * np.arange(25), index=years)
    readout = fc.LocalLinearTrend().fit(shrinking, horizon=2).trend_readout()
    assert readout.slope == pytest.approx(-0.01, abs=1e-3)
    assert readout.direction == "toward balance"
    growing = fc.LocalLinearTrend().fit(shrinking[::-1].set_axis(years), horizon=2)
    assert growing.trend_readout().direction == "away from balance"
    assert "direction" in readout.summary()


def test_combination_averages_members(annual: pd.Series) -> None:
    """Equal weights: mean and se are the members' averages (quantile averaging)."""
    a, b = fc.Naive().fit(annual, horizon=3), fc.ETS(spec="AAN").fit(annual, horizon=3)
    both = fc.Combination(members=(fc.Naive(), fc.ETS(spec="AAN"))).fit(annual, horizon=3)
    np.testing.assert_allclose(both.mean, (a.mean + b.mean) / 2, rtol=1e-12)
    np.testing.assert_allclose(both.se, (a.se + b.se) / 2, rtol=1e-12)
    assert both.paths.shape == (a.n_paths, 3)


def test_inverse_score_weights_favour_the_better_member(make_balance) -> None:
    """On a strongly seasonal monthly series the seasonal naive beats the naive in the
    inner backtest, so it gets the larger weight."""
    y = make_balance(72) + 0.2 * np.sin(2 * np.pi * np.arange(72) / 12)
    result = fc.Combination(members=(fc.Naive(), fc.SeasonalNaive()), weights="inverse_score",
                         initial=36).fit(y, horizon=6)
    assert result.params["weight_snaive"] > 2 * result.params["weight_naive"]


def test_forecast_frame_monthly_and_annual(monthly: pd.Series, annual: pd.Series) -> None:
    monthly_frame = fc.forecast_frame(fc.Naive().fit(monthly, horizon=24), band=0.05)
    assert list(monthly_frame.columns) == [
        "model", "scenario", "origin", "period", "horizon", "mean", "lower_80", "upper_80",
        "lower_95", "upper_95", "band", "prob_within"]
    assert monthly_frame["period"].iloc[0] == pd.Timestamp("2025-01-01")
    annual_frame = fc.forecast_frame(fc.Naive().fit(annual, horizon=3))
    assert annual_frame["year"].tolist() == [2021, 2022, 2023]
    assert (annual_frame["lower_95"] < annual_frame["lower_80"]).all()


def test_summary_names_the_model(annual: pd.Series) -> None:
    text = fc.ARIMA(order=(1, 0, 0)).fit(annual, horizon=3).summary()
    assert "ARIMA(1,0,0) c" in text and "ar.L1" in text and "2023-01-01" in text


def test_regressors_need_their_future(annual: pd.Series) -> None:
    x = fc.step_dummy(annual.index, 2014)
    with pytest.raises(ValueError, match="future_exog"):
        fc.ARIMA(order=(1, 0, 0)).fit(annual, x, horizon=3)
    future = fc.step_dummy(pd.Index([2021, 2022, 2023]), 2014)
    with pytest.raises(ValueError, match="missing 2023-01-01"):
        fc.ARIMA(order=(1, 0, 0)).fit(annual, x, horizon=3, future_exog=future.iloc[:2])
    with_dummy = fc.ARIMA(order=(1, 0, 0)).fit(annual, x, horizon=3, future_exog=future)
    assert "step_2014" in with_dummy.params
    with pytest.raises(ValueError, match="takes no regressors"):
        fc.Theta().fit(annual, x, horizon=3, future_exog=future)


@pytest.mark.parametrize("series,match", [
    (pd.Series([0.1, 0.2, 0.3], index=pd.to_datetime(["2020-01-01", "2020-02-01",
                                                      "2020-04-01"])), "without gaps"),
    (pd.Series([0.1, np.nan, 0.3], index=[2001, 2002, 2003]), "missing or non-numeric"),
    (pd.Series([0.1, 0.2, 0.3], index=pd.date_range("2020-01-15", periods=3, freq="MS")
               + pd.Timedelta(days=14)), "first day"),
    (pd.Series([0.1, 0.2, 0.3], index=["a", "b", "c"]), "DatetimeIndex"),
    (pd.Series([0.1, 0.2], index=[2001, 2002]), "at least 3"),
    (pd.Series([0.1, 0.2, 0.3], index=[2003, 2002, 2001]), "increasing"),
])
def test_bad_series_are_explained(series: pd.Series, match: str) -> None:
    with pytest.raises((ValueError, TypeError), match=match):
        fc.Naive().fit(series, horizon=2)


def test_bad_arguments_are_explained(annual: pd.Series, flows: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="spec"):
        fc.ETS(spec="MAM")
    with pytest.raises(ValueError, match="horizon"):
        fc.Naive().fit(annual, horizon=0)
    with pytest.raises(ValueError, match="distinct names"):
        fc.Combination(members=(fc.Naive(), fc.Naive()))
    with pytest.raises(ValueError, match="normalised balance"):
        fc.Naive().fit(flows["exports"], horizon=2).prob_within(0.05)
    with pytest.raises(ValueError, match="alpha"):
        fc.Naive().fit(annual, horizon=2).summary_frame(alpha=5)
    with pytest.raises(ValueError, match="missing \\['imports'\\]"):
        fc.VECM().fit(flows[["exports"]], horizon=2)
    with pytest.raises(ValueError, match="positive exports"):
        fc.VECM().fit(flows.assign(imports=-1.0), horizon=2)
    with pytest.raises(ValueError, match="no trend component"):
        fc.Naive().fit(annual, horizon=2).trend_readout()


def test_univariate_models_forecast_the_balance_of_flows(flows: pd.DataFrame) -> None:
    """Given flows, a univariate model forecasts (X - M) / (X + M)."""
    result = fc.Naive().fit(flows, horizon=2)
    balance = (flows["exports"] - flows["imports"]) / (flows["exports"] + flows["imports"])
    assert result.mean.iloc[0] == pytest.approx(balance.iloc[-1], rel=1e-12)
