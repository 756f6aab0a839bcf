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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.analysis._cache import shared
from econ.analysis.periods import last_contiguous
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
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["RECIPROCITY_BAND", "SETTINGS", "Run", "balance_flows", "build_balance",
           "build_ranking", "build_scores", "forecast_series", "models_for", "run_forecasts"]

RECIPROCITY_BAND = names.RECIPROCITY_BAND
SCENARIO = "power_of_siberia_2"


@dataclass(frozen=True)
class _Setting:
    horizon: int
    backtest_horizon: int
    initial: int
    refit_every: int
    max_origins: int


#: monthly: refit every 12 origins (parameters reused in between, statsmodels filtering);
#: annual: every 4 origins, so the ARIMA order search does not run at each of 13 origins
#: at most 37 monthly origins (the RUS-CHN series' full window) and 13 annual ones
SETTINGS = {"monthly": _Setting(24, 12, 48, 12, 37), "annual": _Setting(3, 3, 20, 4, 13)}


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


def forecast_series(balance: pd.DataFrame, pair: Pair) -> pd.DataFrame:
    """The pair's balance rows to forecast: those of the reporter whose data reach latest
    (the partner's on a tie), so the forecast starts from the newest data; only its last
    unbroken run of periods (models need a regular series)."""
    rows = balance[(balance["reporter_iso3"] == pair.reporter)
                   & (balance["partner_iso3"] == pair.partner)]
    if rows.empty:
        return rows
    time = "period" if "period" in rows.columns else "year"
    last = rows.groupby("reported_by_iso3")[time].max()
    latest = last[last == last.max()].index
    chosen = pair.partner if pair.partner in latest else latest[0]
    return last_contiguous(rows[rows["reported_by_iso3"] == chosen], time)


def balance_flows(rows: pd.DataFrame, frequency: str) -> pd.DataFrame:
    """``exports``/``imports`` of one balance series with a regular date index."""
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
    # the evaluation window: the most recent origins only, so a long series costs no more
    # than a short one (and the scores describe the recent behaviour being forecast)
    initial = max(setting.initial, len(flows) - setting.backtest_horizon - setting.max_origins
                  + 1)
    backtest = rolling_origin(flows, models, horizon=setting.backtest_horizon,
                              initial=initial, refit_every=setting.refit_every)
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


RunKey = tuple[str, str, str]  # reporter_iso3, partner_iso3, frequency
#: the pair each named scenario changes (a flow between these two economies)
SCENARIO_PAIRS = {SCENARIO: Pair("RUS", "CHN")}


def _forecast_all(tables: list[pd.DataFrame], pairs: Sequence[Pair], notes: list[str]
                  ) -> dict[RunKey, tuple[str, Run]]:
    runs = {}
    for frequency, table in zip(("monthly", "annual"), tables, strict=True):
        for pair in pairs:
            rows = forecast_series(table, pair)
            needed = SETTINGS[frequency].initial + SETTINGS[frequency].backtest_horizon
            if len(rows) < needed:
                notes.append(f"{pair} {frequency}: not forecast, {len(rows)} observations; "
                             f"the backtest needs at least {needed}")
                continue
            reported_by = str(rows["reported_by_iso3"].iloc[0])
            runs[(pair.reporter, pair.partner, frequency)] = (
                reported_by, run_forecasts(balance_flows(rows, frequency), frequency))
    return runs


def _runs(ctx: BuildContext) -> dict[RunKey, tuple[str, Run]]:
    """Runs for the current balance tables, computed once per refresh for all tables."""
    notes: list[str] = []
    runs = shared(ctx, (names.BALANCE_MONTHLY, names.BALANCE_YEARLY),
                  lambda tables: _forecast_all(tables, ctx.pairs, notes))
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


def _keyed(frame: pd.DataFrame, key: RunKey, reported_by: str) -> pd.DataFrame:
    return frame.assign(reporter_iso3=key[0], partner_iso3=key[1], reported_by_iso3=reported_by)


def build_balance(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_forecast__balance``: every model's forecast, and the scenario."""
    price = _scenario_price(ctx.table(names.PINK_SHEET))
    parts = []
    for key, (reported_by, run) in _runs(ctx).items():
        frequency = key[2]
        for result in run.forecasts.values():
            parts.append(_keyed(_frame(result, frequency, "baseline", run.selected), key,
                                reported_by))
        ctx.note(f"{key[0]}-{key[1]} {frequency} ({reported_by}-reported): selected model "
                 f"{run.selected} (rank 1 by mean MASE)")
        if SCENARIO_PAIRS[SCENARIO] != Pair(key[0], key[1]):
            continue
        vecm = run.forecasts["vecm"]
        start = int(vecm.mean.index[0].year) + 1
        scenario = SCENARIOS[SCENARIO].build(start_year=start, price_usd_per_mmbtu=price)
        parts.append(_keyed(_frame(apply_scenario(vecm, scenario), frequency, SCENARIO,
                                   run.selected), key, reported_by))
        ctx.note(f"{frequency}: scenario {SCENARIO}: {scenario.description}, from {start}, at "
                 f"{price:.2f} USD/MMBtu (mean of the last 12 Pink Sheet Europe gas prices)")
    return pd.concat(parts, ignore_index=True)


def build_scores(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_forecast__backtest_scores``: every score per model and horizon."""
    return pd.concat([_keyed(run.backtest.scores_frame().assign(frequency=key[2]), key, by)
                      for key, (by, run) in _runs(ctx).items()], ignore_index=True)


def build_ranking(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_forecast__backtest_ranking``: models ranked by mean MASE, DM tests."""
    return pd.concat([_keyed(run.backtest.ranking().assign(frequency=key[2]), key, by)
                      for key, (by, run) in _runs(ctx).items()], ignore_index=True)
