"""Forecasts of the Russia-China normalised balance, their backtests and a scenario.

On the China-reported balance (``out_balance__*_rus_chn``, basis ``china_reported``):

* monthly, 2017-01 to 2024-12: backtest from a 48-month first window, an origin every
  month, horizons 1-12, state-space parameters refitted every 12 origins; forecasts 24
  months ahead;
* annual, 1992-2024: backtest from a 20-year first window, horizons 1-3, refits every 4
  origins; forecasts 3 years ahead.

Every model of :mod:`econ.forecast` runs, plus an inverse-score combination; the model
ranked first by mean MASE is flagged ``is_selected``. The reciprocity band is
|normalised balance| < 0.05 (``RECIPROCITY_BAND``). The named scenario
(``power_of_siberia_2``) is applied to the VECM's simulated flow paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.forecast import (
    ARIMA,
    ETS,
    SCENARIOS,
    VECM,
    Backtest,
    Combination,
    ForecastResult,
    LocalLinearTrend,
    Model,
    Naive,
    SeasonalNaive,
    Theta,
    apply_scenario,
    forecast_frame,
    rolling_origin,
)
from econ.forecast.result import combine_forecasts
from econ.out._cache import shared

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["RECIPROCITY_BAND", "SETTINGS", "Run", "balance_flows", "build_balance",
           "build_ranking", "build_scores", "models_for", "run_forecasts"]

RECIPROCITY_BAND = 0.05
SCENARIO = "power_of_siberia_2"


@dataclass(frozen=True)
class _Setting:
    horizon: int
    backtest_horizon: int
    initial: int
    refit_every: int


#: monthly: refit every 12 origins (parameters reused in between, statsmodels filtering);
#: annual: every 4 origins, so the ARIMA order search does not run at each of 13 origins
SETTINGS = {"monthly": _Setting(24, 12, 48, 12), "annual": _Setting(3, 3, 20, 4)}


@dataclass(frozen=True)
class Run:
    """Backtest and full-sample forecasts of one frequency."""

    backtest: Backtest
    forecasts: dict[str, ForecastResult]
    selected: str


def models_for(frequency: str) -> list[Model]:
    """The models compared at a frequency (seasonal naive only for monthly data)."""
    members: list[Model] = [ARIMA(), ETS(), LocalLinearTrend(), Theta()]
    base: list[Model] = [Naive(), *([SeasonalNaive()] if frequency == "monthly" else [])]
    return [*base, *members, VECM(),
            Combination(members=tuple(members), weights="inverse_score")]


def balance_flows(balance: pd.DataFrame, frequency: str) -> pd.DataFrame:
    """``exports``/``imports`` of the China-reported balance with a regular date index."""
    rows = balance[balance["basis"] == "china_reported"]
    if frequency == "monthly":
        index = pd.DatetimeIndex(rows["period"], freq="MS")
    else:
        index = pd.DatetimeIndex(pd.to_datetime(rows["year"].astype(str)), freq="YS")
    return pd.DataFrame({"exports": rows["exports_usd"].to_numpy(),
                         "imports": rows["imports_usd"].to_numpy()}, index=index).sort_index()


def run_forecasts(flows: pd.DataFrame, frequency: str) -> Run:
    """Backtest every model, then fit each on the whole sample.

    The combination's final weights are the inverse of its members' mean MASE in this
    backtest (the same errors the backtest's own combination used by its last origin),
    so its members are not backtested a second time.
    """
    setting = SETTINGS[frequency]
    models = models_for(frequency)
    backtest = rolling_origin(flows, models, horizon=setting.backtest_horizon,
                              initial=setting.initial, refit_every=setting.refit_every)
    forecasts = {m.name: m.fit(flows, horizon=setting.horizon) for m in models
                 if not isinstance(m, Combination)}
    mase = backtest.scores().groupby("model")["mase"].mean()
    for model in models:
        if isinstance(model, Combination):
            members = [forecasts[m.name] for m in model.members]
            weights = [1.0 / mase[m.name] for m in model.members]
            forecasts[model.name] = combine_forecasts(members, weights, name=model.name)
    selected = str(backtest.ranking()["model"].iloc[0])
    return Run(backtest, forecasts, selected)


def _forecast_all(tables: list[pd.DataFrame], notes: list[str]) -> dict[str, Run]:
    runs = {}
    for frequency, table in zip(("monthly", "annual"), tables, strict=True):
        flows = balance_flows(table, frequency)
        needed = SETTINGS[frequency].initial + SETTINGS[frequency].backtest_horizon
        if len(flows) < needed:
            notes.append(f"{frequency}: not forecast, {len(flows)} observations; the "
                         f"backtest needs at least {needed}")
            continue
        runs[frequency] = run_forecasts(flows, frequency)
    return runs


def _runs(ctx: BuildContext) -> dict[str, Run]:
    """Runs for the current balance tables, computed once per refresh for all tables."""
    notes: list[str] = []
    runs = shared(ctx, (names.BALANCE_MONTHLY, names.BALANCE_YEARLY),
                  lambda tables: _forecast_all(tables, notes))
    for note in notes:
        ctx.note(note)
    return runs


def _frame(result: ForecastResult, frequency: str, scenario: str, selected: str
           ) -> pd.DataFrame:
    frame = forecast_frame(result, band=RECIPROCITY_BAND, scenario=scenario)
    if frequency == "annual":
        frame["origin"] = frame.pop("origin_year").astype(str)
        frame["period"] = pd.to_datetime(frame.pop("year").astype(str))
    else:
        frame["origin"] = pd.to_datetime(frame["origin"]).dt.strftime("%Y-%m")
    frame["frequency"] = frequency
    frame["is_selected"] = frame["model"] == selected
    return frame


def _scenario_price(prices: pd.DataFrame) -> float:
    """Mean of the last 12 monthly European gas prices (USD/MMBtu), World Bank Pink Sheet."""
    gas = prices[prices["commodity"] == "natural_gas_europe"].sort_values("period")
    return float(gas["value"].tail(12).mean())


def build_balance(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_forecast__balance``: every model's forecast, and the scenario."""
    price = _scenario_price(ctx.table(names.PINK_SHEET))
    parts = []
    for frequency, run in _runs(ctx).items():
        for result in run.forecasts.values():
            parts.append(_frame(result, frequency, "baseline", run.selected))
        vecm = run.forecasts["vecm"]
        start = int(vecm.mean.index[0].year) + 1
        scenario = SCENARIOS[SCENARIO].build(start_year=start, price_usd_per_mmbtu=price)
        parts.append(_frame(apply_scenario(vecm, scenario), frequency, SCENARIO,
                            run.selected))
        ctx.note(f"{frequency}: selected model {run.selected} (rank 1 by mean MASE); "
                 f"scenario {SCENARIO}: {scenario.description}, from {start}, at "
                 f"{price:.2f} USD/MMBtu (mean of the last 12 Pink Sheet Europe gas prices)")
    return pd.concat(parts, ignore_index=True)


def build_scores(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_forecast__backtest_scores``: every score per model and horizon."""
    return pd.concat([run.backtest.scores_frame().assign(frequency=frequency)
                      for frequency, run in _runs(ctx).items()], ignore_index=True)


def build_ranking(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_forecast__backtest_ranking``: models ranked by mean MASE, DM tests."""
    return pd.concat([run.backtest.ranking().assign(frequency=frequency)
                      for frequency, run in _runs(ctx).items()], ignore_index=True)
