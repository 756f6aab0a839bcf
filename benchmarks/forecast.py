"""Benchmark the rolling-origin backtest against a statsmodels refit loop and statsforecast.

Run ``python benchmarks/forecast.py`` (needs the ``bench`` extra:
``pip install -e ".[bench]"``). On a monthly normalised balance of 96 months it runs the
backtest of naive, seasonal naive, AR(1) with a constant and ETS(A,N,N): 48-month first
window, horizons 1-12, an origin every month with the whole horizon observed (37
origins, statsforecast's ``n_windows``), 80% and 95% intervals. It times, in the same
run:

* econ, refit every 12 origins: :func:`econ.forecast.rolling_origin` as it runs by
  default on monthly data (state-space and ETS parameters reused between refits);
* econ, refit every origin: the same with ``refit_every=1``;
* statsmodels refit loop: SARIMAX(1,0,0) with a constant and ETSModel(A,N,N) fitted at
  every origin with ``get_forecast``/``get_prediction``, naive and seasonal naive
  computed in the loop with R's formulas (statsmodels has no naive model);
* statsforecast ``cross_validation`` with ``Naive``, ``SeasonalNaive``,
  ``ARIMA(order=(1, 0, 0), include_mean=True)`` and ``AutoETS(model="ANN")``.

Times are the best of ``--repeat`` interleaved rounds (each round runs every method once,
so a busy machine slows them alike); ratios are time / statsforecast time. Then it
compares the forecasts (means and 80/95% bounds) wherever the fitted model is the same:
econ against the refit loop (refit every origin: all origins; refit every 12: at the
refit origins, and at the other origins against statsmodels with the reused
parameters, ``SARIMAX.filter``/``ETSModel.smooth``), and econ against statsforecast for
the naive models (its AR and ETS estimators differ, so only the difference is shown).
Last, it times the whole battery of backtests (every econ model, a combination and the
VECM) on the same series.

``--series total-trade`` uses the shipped monthly China-Russia total trade (in USD bn,
from ``econ.load("core_third_party__monthly_total_trade")``, after ``econ refresh``)
instead of the seeded simulated balance; the VECM is then left out (no flows).
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.statespace.sarimax import SARIMAX

from econ.forecast import (
    ARIMA,
    ETS,
    VECM,
    Combination,
    LocalLinearTrend,
    Naive,
    SeasonalNaive,
    Theta,
    normalised_balance,
    rolling_origin,
)

HORIZON, INITIAL, SEASON = 12, 48, 12
LEVELS = (80, 95)
COLUMNS = ["mean", "lower_80", "upper_80", "lower_95", "upper_95"]
MODELS = [Naive(), SeasonalNaive(),
          ARIMA(name="ar1", order=(1, 0, 0), seasonal_order=(0, 0, 0), trend="c"),
          ETS(name="ets_ann", spec="ANN")]


def simulated_flows(n: int = 96, seed: int = 2026) -> pd.DataFrame:
    """Seeded monthly exports and imports (USD) with a season and a cointegrated gap."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2017-01-01", periods=n, freq="MS")
    common = np.cumsum(rng.normal(0.008, 0.04, n))
    gap = np.zeros(n)
    for t in range(1, n):
        gap[t] = 0.8 * gap[t - 1] + rng.normal(0, 0.05)
    season = 0.08 * np.sin(2 * np.pi * np.arange(n) / 12)
    return pd.DataFrame({"exports": np.exp(22.3 + common + 0.25 + gap + season),
                         "imports": np.exp(22.3 + common + rng.normal(0, 0.03, n))},
                        index=index)


def _interleaved(methods: dict[str, Callable[[], object]], repeat: int
                 ) -> tuple[dict[str, float], dict[str, object]]:
    """Best time of each method over ``repeat`` rounds; each round runs every method
    once, so a busy machine slows all methods alike."""
    best = dict.fromkeys(methods, np.inf)
    out: dict[str, object] = {}
    for _ in range(repeat):
        for name, func in methods.items():
            started = time.perf_counter()
            out[name] = func()
            best[name] = min(best[name], time.perf_counter() - started)
    return best, out


def _origins(n: int) -> list[int]:
    return list(range(INITIAL, n - HORIZON + 1))


def _bounds(mean: np.ndarray, se: np.ndarray) -> dict[str, np.ndarray]:
    out = {"mean": mean}
    for level in LEVELS:
        z = stats.norm.ppf(0.5 + level / 200)
        out[f"lower_{level}"], out[f"upper_{level}"] = mean - z * se, mean + z * se
    return out


def _lagwalk(y: np.ndarray, lag: int) -> dict[str, np.ndarray]:
    sigma = np.sqrt(np.mean((y[lag:] - y[:-lag]) ** 2))
    steps = np.arange(HORIZON) // lag + 1
    return _bounds(y[len(y) - lag + np.arange(HORIZON) % lag], sigma * np.sqrt(steps))


def _frame(rows: dict[tuple[str, int], dict[str, np.ndarray]], y: pd.Series) -> pd.DataFrame:
    frames = [pd.DataFrame({"model": model, "origin": y.index[n - 1],
                            "horizon": np.arange(1, HORIZON + 1), **values})
              for (model, n), values in rows.items()]
    return pd.concat(frames).set_index(["model", "origin", "horizon"]).sort_index()


def _statsmodels_forecasts(y: pd.Series, origins: list[int],
                           params: dict[str, dict[int, np.ndarray]] | None = None
                           ) -> pd.DataFrame:
    """The refit loop; with ``params`` the AR/ETS parameters are given, not estimated."""
    rows = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for n in origins:
            train = y.iloc[:n]
            rows["naive", n] = _lagwalk(train.to_numpy(), 1)
            rows["snaive", n] = _lagwalk(train.to_numpy(), SEASON)
            arima = SARIMAX(train, order=(1, 0, 0), trend="c")
            fitted = arima.fit(disp=False) if params is None else arima.filter(params["ar1"][n])
            forecast = fitted.get_forecast(HORIZON)
            rows["ar1", n] = _bounds(forecast.predicted_mean.to_numpy(),
                                     np.sqrt(forecast.var_pred_mean.to_numpy()))
            ets = ETSModel(train, error="add")
            fitted = ets.fit(disp=False) if params is None else ets.smooth(params["ets_ann"][n])
            prediction = fitted.get_prediction(start=n, end=n + HORIZON - 1)
            rows["ets_ann", n] = _bounds(np.asarray(prediction.predicted_mean),
                                         np.sqrt(np.asarray(prediction.forecast_variance)))
    return _frame(rows, y)


def _econ_forecasts(y: pd.Series, refit_every: int):
    backtest = rolling_origin(y, MODELS, horizon=HORIZON, initial=INITIAL, complete=True,
                              refit_every=refit_every)
    frame = backtest.forecasts.set_index(["model", "origin", "horizon"]).sort_index()
    return frame[COLUMNS]


def _statsforecast(y: pd.Series):
    from statsforecast import StatsForecast
    from statsforecast.models import ARIMA as SFARIMA
    from statsforecast.models import AutoETS
    from statsforecast.models import Naive as SFNaive
    from statsforecast.models import SeasonalNaive as SFSeasonalNaive

    df = pd.DataFrame({"unique_id": "balance", "ds": y.index, "y": y.to_numpy()})
    models = [SFNaive(), SFSeasonalNaive(SEASON), SFARIMA(order=(1, 0, 0), include_mean=True),
              AutoETS(model="ANN")]
    names = {"Naive": "naive", "SeasonalNaive": "snaive", "ARIMA": "ar1", "AutoETS": "ets_ann"}

    def run() -> pd.DataFrame:
        sf = StatsForecast(models=models, freq="MS", n_jobs=1)
        return sf.cross_validation(df=df, h=HORIZON, step_size=1,
                                   n_windows=len(y) - INITIAL - HORIZON + 1,
                                   level=list(LEVELS))
    return run, names


def _tidy_statsforecast(cv: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    cv = cv.assign(horizon=cv.groupby("cutoff").cumcount() + 1)
    frames = []
    for sf_name, name in names.items():
        frames.append(pd.DataFrame({
            "model": name, "origin": cv["cutoff"].to_numpy(), "horizon": cv["horizon"],
            "mean": cv[sf_name], "lower_80": cv[f"{sf_name}-lo-80"],
            "upper_80": cv[f"{sf_name}-hi-80"], "lower_95": cv[f"{sf_name}-lo-95"],
            "upper_95": cv[f"{sf_name}-hi-95"]}))
    return pd.concat(frames).set_index(["model", "origin", "horizon"]).sort_index()


def _reused_params(y: pd.Series, origins: list[int]) -> dict[str, dict[int, np.ndarray]]:
    """The parameters econ uses at each origin with a refit every 12 origins."""
    params: dict[str, dict[int, np.ndarray]] = {"ar1": {}, "ets_ann": {}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for start in range(0, len(origins), SEASON):
            block, n0 = origins[start:start + SEASON], origins[start]
            ar = SARIMAX(y.iloc[:n0], order=(1, 0, 0), trend="c").fit(disp=False).params
            ets = ETSModel(y.iloc[:n0], error="add").fit(disp=False).params
            for n in block:
                params["ar1"][n], params["ets_ann"][n] = ar, ets
    return params


def _max_diff(a: pd.DataFrame, b: pd.DataFrame, model: str, origins=None) -> float:
    left, right = a.loc[model], b.loc[model]
    if origins is not None:
        left, right = left.loc[origins], right.loc[origins]
    right = right.reindex(left.index)
    return float(np.nanmax(np.abs(left[COLUMNS].to_numpy() - right[COLUMNS].to_numpy())))


def _battery(flows: pd.DataFrame | None, y: pd.Series) -> dict[str, float]:
    """Seconds of each model's backtest (48 origins, horizons 1-12, defaults)."""
    models = [Naive(), SeasonalNaive(), ARIMA(), ETS(), LocalLinearTrend(), Theta(),
              Combination(members=(SeasonalNaive(), ETS()), weights="inverse_score")]
    if flows is not None:
        models.append(VECM())
    data = flows if flows is not None else y
    seconds = {}
    for model in models:
        started = time.perf_counter()
        rolling_origin(data, [model], horizon=HORIZON, initial=INITIAL, benchmark=model.name)
        seconds[model.name] = time.perf_counter() - started
    return seconds


def main() -> None:
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per method (best kept)")
    parser.add_argument("--series", choices=["simulated", "total-trade"], default="simulated")
    args = parser.parse_args()
    if args.series == "simulated":
        flows = simulated_flows()
        y = normalised_balance(flows)
    else:
        import econ
        table = econ.load("core_third_party__monthly_total_trade")
        y = table.set_index("period")["value_usd"].div(1e9).asfreq("MS")
        flows = None
    origins = _origins(len(y))

    run_sf, names = _statsforecast(y)
    started = time.perf_counter()
    run_sf()
    first_sf = time.perf_counter() - started
    times, out = _interleaved({
        "econ rolling_origin, refit every 12 origins": lambda: _econ_forecasts(y, 12),
        "econ rolling_origin, refit every origin": lambda: _econ_forecasts(y, 1),
        "statsmodels refit loop": lambda: _statsmodels_forecasts(y, origins),
        "statsforecast cross_validation": run_sf,
    }, args.repeat)
    econ12, econ1, sm, cv = out.values()
    sf = _tidy_statsforecast(cv, names)
    t_sf = times["statsforecast cross_validation"]
    fixed = _statsmodels_forecasts(y, origins, _reused_params(y, origins))
    refit_origins = [y.index[n - 1] for n in origins[::SEASON]]

    print(f"Rolling-origin backtest, {len(y)} months ({args.series}), first window "
          f"{INITIAL}, horizons 1-{HORIZON}, {len(origins)} origins, 4 models, "
          f"best of {args.repeat}")
    print()
    print(f"{'method':<44}{'time (s)':>10}{'vs statsforecast':>18}")
    for label, seconds in [*times.items(), ("statsforecast, first call", first_sf)]:
        print(f"{label:<44}{seconds:>10.3f}{seconds / t_sf:>17.2f}x")
    print()
    print(f"{'comparison (means and 80/95% bounds)':<58}{'model':<9}{'max |diff|':>12}")
    checks = []
    for model in ("naive", "snaive", "ar1", "ets_ann"):
        checks.append(("econ refit every origin vs statsmodels refit loop", model,
                       _max_diff(econ1, sm, model)))
    for model in ("ar1", "ets_ann"):
        checks.append(("econ refit every 12 vs refit loop, at refit origins", model,
                       _max_diff(econ12, sm, model, refit_origins)))
        checks.append(("econ refit every 12 vs statsmodels, reused params", model,
                       _max_diff(econ12, fixed, model)))
    for model in ("naive", "snaive"):
        checks.append(("econ vs statsforecast", model, _max_diff(econ12, sf, model)))
    for label, model, diff in checks:
        print(f"{label:<58}{model:<9}{diff:>12.2e}{'  equal to 1e-6' if diff < 1e-6 else ''}")
    for model in ("ar1", "ets_ann"):
        print(f"{'econ vs statsforecast (other estimator: not the same fit)':<58}{model:<9}"
              f"{_max_diff(econ1, sf, model):>12.2e}")
    print()
    battery = _battery(flows, y)
    print(f"whole battery, {len(y) - INITIAL} origins, horizons 1-{HORIZON}, default settings "
          f"(the combination refits its members): {sum(battery.values()):.1f} s")
    print("  " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in battery.items()))


if __name__ == "__main__":
    main()
