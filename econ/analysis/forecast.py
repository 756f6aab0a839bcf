"""Forecasts of each pair's normalised balance: backtests, calibration, checks, scenarios.

For every configured pair, on the balance of the reporter whose data reach latest (for
Russia-China: China's reports; :func:`forecast_series`):

* monthly, where a monthly source exists (Russia-China 2017-01 to 2024-12): backtest from
  a 36-month first window, an origin every month (at most the last 37), horizons 1-24
  (every published horizon is backtested), state-space parameters refitted every 12
  origins; forecasts 24 months ahead;
* annual: backtest from a 20-year first window (at most the last 13 origins), horizons
  1-3, refits every 4 origins; forecasts 3 years ahead.

Every model of :mod:`econ.forecast` runs, plus an inverse-score combination. The model
published as the answer follows :data:`econ.forecast.backtest.SELECTION_RULE`: the
best-ranked model that beats the naive forecast by the Diebold-Mariano test, else the
naive forecast itself. Intervals and the probability of the reciprocity band
(|normalised balance| < 0.05, ``RECIPROCITY_BAND``) are recalibrated from the backtest
errors (:mod:`econ.forecast.calibration`) and scored out of sample. China's 2025-2026
customs releases check the forecasts made with data to 2024-12. The Power of Siberia 2
scenario is applied to the flow model (the only one that can take a flow change) with a
ramp-up and an oil-indexed price derived from the data, every assumption stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ import names
from econ._parallel import map_in_workers
from econ.analysis._cache import prefetchable, shared
from econ.analysis.balance import release_balances
from econ.analysis.periods import last_contiguous
from econ.forecast import (
    ARIMA,
    ETS,
    MMBTU_PER_BCM,
    VECM,
    Backtest,
    Combination,
    Ensemble,
    ForecastResult,
    GasPipelineAssumptions,
    LocalLinearTrend,
    Model,
    Naive,
    SeasonalNaive,
    Theta,
    apply_scenario,
    forecast_frame,
    rolling_origin,
)
from econ.forecast.backtest import scaled_errors
from econ.forecast.calibration import (
    LEVELS,
    brier_table,
    calibrated_windows,
    coverage_table,
    realtime_recalibration,
    reliability_table,
)
from econ.forecast.result import combine_forecasts
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = [
    "BACKTEST_PATHS",
    "MAX_STALE_MONTHS",
    "POS1_CAPACITY_BCM",
    "POS2_CAPACITY_BCM",
    "POS2_START_YEAR",
    "RECIPROCITY_BAND",
    "SETTINGS",
    "UPSTREAM",
    "Run",
    "RunTask",
    "balance_flows",
    "build_forecast_table",
    "calibrated_forecasts",
    "forecast_series",
    "forecast_tasks",
    "gas_price_slopes",
    "models_for",
    "out_of_sample_check",
    "pipeline_ramp_shares",
    "pos2_assumptions",
    "release_balances",
    "run_forecasts",
    "run_tables",
    "scenario_paths",
    "year_averages",
]

RECIPROCITY_BAND = names.RECIPROCITY_BAND
CIF_FOB_FACTOR = names.CIF_FOB_FACTOR
#: Paths per backtest forecast of the flow model: its band probabilities then carry a
#: simulation error of at most 0.011, which adds at most 0.0001 to a Brier score; the
#: published forecasts use 10,000 paths (at most 0.005).
BACKTEST_PATHS = 2000
_BALANCES = (names.BALANCE_MONTHLY, names.BALANCE_YEARLY)
#: the pair the Power of Siberia 2 scenario changes, and the economy whose customs
#: releases check the forecasts (pairs with it on one side)
SCENARIO_PAIR = Pair("RUS", "CHN")
RELEASE_REPORTER = "CHN"

#: Power of Siberia 1 design capacity: 38 bcm a year under the 30-year Gazprom-CNPC
#: contract of 21 May 2014 (OSW Commentary, 16 June 2014; Carnegie Politika, April 2023).
POS1_CAPACITY_BCM = 38.0
#: Power of Siberia 2 capacity: "up to 50 bcm a year" for 30 years under the legally
#: binding memorandum Gazprom and CNPC signed on 2 September 2025, price not agreed
#: (CNA/Reuters, 3 September 2025; Bloomberg via laodong.vn, 29 September 2025).
POS2_CAPACITY_BCM = 50.0
#: First gas: Gazprom "wants it to start supplying gas by 2030" (Reuters via
#: MarketScreener, 2023, quoting Deputy PM Novak); the Moscow Times (18 July 2022):
#: "expected to go online in 2030"; analysts in 2025: start-up "many years away".
POS2_START_YEAR = 2030
_SOURCES = {
    "capacity_bcm_per_year": "Gazprom-CNPC legally binding memorandum, 2 Sep 2025: up to 50 "
    "bcm/year for 30 years, price to be agreed (CNA/Reuters 2025-09-03, "
    "https://www.channelnewsasia.com/world/russia-china-move-closer-new-gas-pipeline-deal-"
    "5329616)",
    "start_year": "earliest date named: Gazprom wants supplies to start by 2030 (Reuters via "
    "MarketScreener, quoting Deputy PM Novak); 'expected to go online in 2030' (The Moscow "
    "Times, 2022-07-18); the 2025 memorandum left financing and price open",
    "ramp_shares": "Power of Siberia 1's ramp-up: Russia-to-China pipeline gas by year from "
    f"the first full year ({names.EI_TRADE_LATEST}) / its 38 bcm design capacity "
    "(Gazprom-CNPC contract of 21 May 2014, OSW Commentary 2014-06-16)",
    "slope": "Power of Siberia 1's implied oil-indexation slope: China's customs import value "
    f"of pipeline gas from Russia ({names.CHINA_CUSTOMS_ENERGY}, UN Comtrade) / "
    "Energy Institute volume / 34.12 million MMBtu per bcm, divided by the mean Brent of "
    "July to June before mid-year (World Bank Pink Sheet); central: median year, low/high: "
    "extreme years. The contract is oil-linked (Bloomberg 2023-09-08 citing Putin); its "
    "formula is not public",
    "brent_usd_per_bbl": f"World Bank Pink Sheet Brent ({names.PINK_SHEET}): central: mean "
    "of the last 12 months; low/high: 10th/90th percentile of the last 120 months, held flat",
}


@dataclass(frozen=True)
class _Setting:
    horizon: int
    backtest_horizon: int
    initial: int
    refit_every: int
    max_origins: int


#: monthly: every published horizon (24) is backtested, so every interval can be
#: recalibrated; refits every 12 origins (parameters reused in between); annual: refits
#: every 4 origins, so the ARIMA order search does not run at each of 13 origins. The
#: evaluation window is the most recent ``max_origins`` origins (the Russia-China series'
#: whole window), so a long series costs no more than a short one.
SETTINGS = {"monthly": _Setting(24, 24, 36, 12, 37), "yearly": _Setting(3, 3, 20, 4, 13)}


@dataclass(frozen=True)
class Run:
    """Backtest, its real-time recalibration and the full-sample forecasts of a frequency."""

    backtest: Backtest
    scored: pd.DataFrame
    forecasts: dict[str, ForecastResult]
    target: pd.Series
    flows: pd.DataFrame
    reported_by: str = ""

    @property
    def selected(self) -> str:
        """The published model (:data:`econ.forecast.backtest.SELECTION_RULE`)."""
        return self.backtest.selected

    def rows(self, model: str) -> pd.DataFrame:
        """Backtest rows of one model."""
        frame = self.backtest.forecasts
        return frame[frame["model"] == model]


def models_for(frequency: str) -> list[Model]:
    """The models compared at a frequency (seasonal naive only for monthly data)."""
    members: list[Model] = [ARIMA(), ETS(), LocalLinearTrend(), Theta()]
    base: list[Model] = [Naive(), *([SeasonalNaive()] if frequency == "monthly" else [])]
    return [*base, *members, VECM(), Combination(members=tuple(members),
                                                 weights="inverse_score")]


def forecast_series(balance: pd.DataFrame, pair: Pair) -> pd.DataFrame:
    """The pair's balance rows to forecast.

    Those of the reporter whose data reach latest (the partner's on a tie), so the forecast
    starts from the newest data; only its last unbroken run of periods (models need a
    regular series).
    """
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


def run_forecasts(flows: pd.DataFrame, frequency: str, *, reported_by: str = "") -> Run:
    """Backtest every model, recalibrate the backtest in real time, fit on the whole sample.

    The combination's final weights come from all its members' backtest errors (the
    rule its backtest applied at each origin, now with every error observed), so its
    members are not backtested a second time.
    """
    setting = SETTINGS[frequency]
    models = models_for(frequency)
    initial = max(setting.initial,
                  len(flows) - setting.backtest_horizon - setting.max_origins + 1)
    backtest = rolling_origin(flows, models, horizon=setting.backtest_horizon,
                              initial=initial, refit_every=setting.refit_every,
                              band=RECIPROCITY_BAND, n_paths=BACKTEST_PATHS)
    forecasts = {m.name: m.fit(flows, horizon=setting.horizon) for m in models
                 if not isinstance(m, Ensemble)}
    rows = backtest.forecasts
    for model in models:
        if isinstance(model, Ensemble):
            members = [forecasts[m.name] for m in model.members]
            weights = model.weights_from([scaled_errors(rows[rows["model"] == m.name])[1]
                                          for m in model.members])
            forecasts[model.name] = combine_forecasts(members, weights, name=model.name)
    target = (flows["exports"] - flows["imports"]) / (flows["exports"] + flows["imports"])
    return Run(backtest, realtime_recalibration(rows, band=RECIPROCITY_BAND), forecasts,
               target, flows, reported_by)


RunKey = tuple[str, str, str]  # reporter_iso3, partner_iso3, frequency


def _keys(key: RunKey, run: Run) -> dict[str, str]:
    return {"reporter_iso3": key[0], "partner_iso3": key[1], "frequency": key[2],
            "reported_by_iso3": run.reported_by}


def _origin_label(result: ForecastResult, frequency: str) -> str:
    last = result.history.index[-1]
    return last.strftime("%Y-%m") if frequency == "monthly" else str(last.year)


def _frame(result: ForecastResult, frequency: str, selected: str) -> pd.DataFrame:
    frame = forecast_frame(result, band=RECIPROCITY_BAND)
    if frequency == "yearly":
        frame["origin"] = frame.pop("origin_year").astype(str)
        frame["period"] = pd.to_datetime(frame.pop("year").astype(str))
    else:
        frame["origin"] = pd.to_datetime(frame["origin"]).dt.strftime("%Y-%m")
    frame["frequency"] = frequency
    frame["is_selected"] = frame["model"] == selected
    return frame


def _selection(run: Run) -> pd.DataFrame:
    table = run.backtest.ranking()
    table["specification"] = [run.forecasts[m].spec for m in table["model"]]
    flow_models = {m.name for m in models_for("monthly") if m.uses_flows}
    table["can_take_flow_change"] = table["model"].isin(flow_models)
    first_flow = table.loc[table["can_take_flow_change"], "model"].iloc[:1]
    table["is_scenario_model"] = table["model"].isin(first_flow)
    return table


def calibrated_forecasts(run: Run, frequency: str) -> pd.DataFrame:
    """Every model's forecast per period, recalibrated with its backtest errors.

    Columns: ``model, origin, period, horizon, mean``, recalibrated
    ``lower_<L>/upper_<L>``, ``n_calibration``, ``band``, ``prob_within``
    (recalibrated), ``prob_within_model`` and its simulation error,
    ``prob_within_climatology`` (the share of all observed periods inside the band: the
    no-skill forecast the probability must beat), ``is_selected``.
    """
    parts = []
    for name, result in run.forecasts.items():
        windows = [(h, h) for h in range(1, result.horizon + 1)]
        table = calibrated_windows(result, run.rows(name), windows, band=RECIPROCITY_BAND)
        parts.append(table.assign(model=name, origin=_origin_label(result, frequency)))
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.rename(columns={"start": "period", "last_horizon": "horizon"})
    frame = frame.drop(columns=["end", "first_horizon"])
    inside = float((run.target.abs() < RECIPROCITY_BAND).mean())
    return frame.assign(band=RECIPROCITY_BAND, prob_within_climatology=inside,
                        is_selected=frame["model"] == run.selected)


def year_averages(run: Run) -> pd.DataFrame:
    """Calendar-year averages of a monthly forecast: mean, intervals, band probability.

    Only years whose 12 months all lie in the forecast horizon. ``prob_within`` is
    recalibrated (the 12-month average errors of the backtest), ``prob_within_model``
    the share of the model's joint paths whose year average is inside the band (its
    simulation standard error beside it).
    """
    parts = []
    for name, result in run.forecasts.items():
        periods = result.mean.index
        windows = [(int(np.flatnonzero(periods.year == year)[0]) + 1,
                    int(np.flatnonzero(periods.year == year)[-1]) + 1)
                   for year in sorted(set(periods.year)) if (periods.year == year).sum() == 12]
        table = calibrated_windows(result, run.rows(name), windows, band=RECIPROCITY_BAND)
        parts.append(table.assign(model=name, origin=_origin_label(result, "monthly")))
    frame = pd.concat(parts, ignore_index=True)
    frame["year"] = pd.DatetimeIndex(frame.pop("start")).year.astype("int64")
    frame = frame.drop(columns="end")
    return frame.assign(band=RECIPROCITY_BAND, is_selected=frame["model"] == run.selected)


def _coverage(run: Run) -> pd.DataFrame:
    return coverage_table(run.scored, LEVELS)


def _brier(run: Run) -> pd.DataFrame:
    return brier_table(run.scored, run.target, RECIPROCITY_BAND)


def _reliability(run: Run) -> pd.DataFrame:
    return reliability_table(run.scored, run.target, RECIPROCITY_BAND)


def _ranking(run: Run) -> pd.DataFrame:
    return run.backtest.ranking()[
        ["rank", "model", "mae", "rmse", "mase", "coverage_80", "winkler_80", "coverage_95",
         "winkler_95", "pinball", "dm_statistic", "dm_pvalue"]]


def _scores(run: Run) -> pd.DataFrame:
    return run.backtest.scores_frame()


# --- out-of-sample check with China's 2025-2026 releases ----------------------------


def _months_after(origin: pd.Timestamp, period: pd.Timestamp) -> int:
    return int((period.year - origin.year) * 12 + period.month - origin.month)


def out_of_sample_check(releases: pd.DataFrame, forecasts: Mapping[str, ForecastResult],
                        backtest_rows: pd.DataFrame, *, selected: str,
                        band: float = RECIPROCITY_BAND) -> pd.DataFrame:
    """Monthly forecasts compared with the customs releases that came after their origin.

    Parameters
    ----------
    releases : pandas.DataFrame
        :func:`release_balances` rows.
    forecasts : mapping of str to ForecastResult
        Monthly forecasts by model, all from the same origin.
    backtest_rows : pandas.DataFrame
        Backtest rows of those models (for the recalibration).
    selected : str
        The published model.
    band : float
        Reciprocity band.

    Returns
    -------
    pandas.DataFrame
        One row per release and model: ``start, end`` of the release, ``observed``,
        forecast ``mean`` (average of the monthly forecasts over the release's months),
        recalibrated ``lower/upper_80/95``, ``inside_80``, ``inside_95``,
        ``n_calibration``, ``prob_within`` (recalibrated) and ``is_selected``. Releases
        outside the forecast horizon are left out.
    """
    parts = []
    for name, result in forecasts.items():
        origin = result.history.index[-1]
        for release in releases.itertuples(index=False):
            first = _months_after(origin, release.start)
            last = _months_after(origin, release.end)
            if first < 1 or last > result.horizon:
                continue
            rows = backtest_rows[backtest_rows["model"] == name]
            table = calibrated_windows(result, rows, [(first, last)], band=band)
            parts.append(table.drop(columns=["start", "end", "prob_within_model",
                                             "prob_within_model_se"])
                         .assign(model=name, origin=origin.strftime("%Y-%m"),
                                 start=release.start, end=release.end,
                                 is_cumulative=release.is_cumulative,
                                 is_jan_feb_combined=release.is_jan_feb_combined,
                                 published=release.published, observed=release.observed))
    if not parts:
        raise ValueError("releases: none falls inside the forecast horizon; the check needs "
                         "a release after the forecast origin.")
    frame = pd.concat(parts, ignore_index=True)
    for level in LEVELS:
        frame[f"inside_{level}"] = frame["observed"].between(frame[f"lower_{level}"],
                                                             frame[f"upper_{level}"])
    return frame.assign(band=band, is_selected=frame["model"] == selected)


# --- Power of Siberia 2 scenario -----------------------------------------------------


def pipeline_ramp_shares(ei: pd.DataFrame, *, capacity_bcm: float = POS1_CAPACITY_BCM,
                         exporter: str = "RUS", importer: str = "CHN",
                         full: float = 0.95) -> list[float]:
    """Share of design capacity delivered in each full year until the pipeline is full.

    From the Energy Institute's pipeline-gas trade: the years after the first year with
    any flow (the first year is partial), up to the first reaching ``full``.

    Examples
    --------
    >>> ei = pd.DataFrame({"year": [2019, 2020, 2021, 2022], "commodity": "pipeline_gas",
    ...                    "exporter_iso3": "RUS", "importer_iso3": "CHN",
    ...                    "volume_bcm": [0.3, 19.0, 38.0, 38.0]})
    >>> pipeline_ramp_shares(ei)
    [0.5, 1.0]
    """
    rows = ei[(ei["commodity"] == "pipeline_gas") & (ei["exporter_iso3"] == exporter)
              & (ei["importer_iso3"] == importer) & (ei["volume_bcm"] > 0)]
    volumes = rows.sort_values("year").set_index("year")["volume_bcm"].iloc[1:]
    shares: list[float] = []
    for value in (volumes / capacity_bcm).clip(upper=1.0):
        shares.append(float(value))
        if value >= full:
            break
    if not shares:
        raise ValueError(f"ei: expected pipeline_gas volumes from {exporter} to {importer} "
                         "over at least two years; found none.")
    return shares


def _lagged_brent(prices: pd.DataFrame) -> pd.Series:
    """Mean Brent of July of the year before to June of the year, by year (USD/bbl)."""
    brent = prices[prices["commodity"] == "crude_oil_brent"].set_index("period")["value"]
    shifted = brent.copy()
    shifted.index = pd.DatetimeIndex(shifted.index) + pd.DateOffset(months=6)
    by_year = shifted.groupby(shifted.index.year)
    return by_year.mean()[by_year.size() == 12]


def gas_price_slopes(customs: pd.DataFrame, ei: pd.DataFrame, prices: pd.DataFrame, *,
                     exporter: str = "RUS") -> pd.Series:
    """Implied oil-indexation slope of a pipeline contract by year.

    China's customs import value of pipeline gas from ``exporter`` (UN Comtrade, USD)
    over the Energy Institute volume gives a USD/MMBtu unit value; divided by the mean
    Brent of July to June before mid-year it is the slope of ``price = slope x Brent``.
    """
    gas = customs[(customs["origin_iso3"] == exporter) & (customs["commodity"] == "pipeline_gas")
                  & (customs["source"] == "comtrade")]
    value = gas.groupby(pd.DatetimeIndex(gas["period"]).year)["value_usd"].agg(["sum", "size"])
    value = value.loc[value["size"] == 12, "sum"]
    volume = ei[(ei["commodity"] == "pipeline_gas") & (ei["exporter_iso3"] == exporter)
                & (ei["importer_iso3"] == "CHN")].set_index("year")["volume_bcm"]
    unit = value / (volume.reindex(value.index) * MMBTU_PER_BCM)
    slope = (unit / _lagged_brent(prices).reindex(unit.index)).dropna()
    if slope.empty:
        raise ValueError(f"customs, ei, prices: no year has a full year of {exporter}'s "
                         "pipeline gas value, its Energy Institute volume and 12 Brent prices.")
    return slope.rename("slope")


def pos2_assumptions(prices: pd.DataFrame, ei: pd.DataFrame, customs: pd.DataFrame, *,
                     start_year: int = POS2_START_YEAR,
                     capacity_bcm_per_year: float = POS2_CAPACITY_BCM
                     ) -> list[GasPipelineAssumptions]:
    """Low, central and high Power of Siberia 2 assumptions, derived from the data.

    Volumes: ``capacity`` from ``start_year`` with Power of Siberia 1's ramp-up. Price:
    oil-indexed, slope x Brent, with Power of Siberia 1's implied slopes (low: the
    smallest year, central: the median, high: the largest) and Brent held flat at the
    10th percentile of the last 120 Pink Sheet months, the last 12 months' mean, and the
    90th percentile.
    """
    shares = pipeline_ramp_shares(ei)
    slopes = gas_price_slopes(customs, ei, prices)
    brent = prices[prices["commodity"] == "crude_oil_brent"].sort_values("period")["value"]
    levels = {"low": (float(slopes.min()), float(brent.tail(120).quantile(0.1))),
              "central": (float(slopes.median()), float(brent.tail(12).mean())),
              "high": (float(slopes.max()), float(brent.tail(120).quantile(0.9)))}
    return [GasPipelineAssumptions(f"power_of_siberia_2_{case}", capacity_bcm_per_year,
                                   start_year, tuple(shares), slope, oil, _SOURCES)
            for case, (slope, oil) in levels.items()]


def scenario_paths(flow_model: ForecastResult, assumptions: list[GasPipelineAssumptions],
                   *, band: float = RECIPROCITY_BAND) -> pd.DataFrame:
    """Baseline and scenario balances by year from one flow model's joint paths.

    Columns: ``scenario, year, volume_bcm, price_usd_per_mmbtu, added_exports_usd,
    mean, lower/upper_80/95, difference`` (scenario minus baseline mean), ``band``,
    ``prob_within``. Intervals are the model's own (not recalibrated: the backtest does
    not reach these horizons).
    """
    years = flow_model.mean.index.year
    parts = [forecast_frame(flow_model, band=band).assign(
        scenario="baseline", volume_bcm=0.0, price_usd_per_mmbtu=np.nan)]
    for case in assumptions:
        scenario = case.scenario(int(years.max()))
        volumes = case.volumes(int(years.max())).reindex(years, fill_value=0.0).to_numpy()
        parts.append(forecast_frame(apply_scenario(flow_model, scenario), band=band).assign(
            scenario=case.name, volume_bcm=volumes,
            price_usd_per_mmbtu=case.price_usd_per_mmbtu))
    frame = pd.concat(parts, ignore_index=True)
    frame["added_exports_usd"] = (frame["volume_bcm"] * MMBTU_PER_BCM
                                  * frame["price_usd_per_mmbtu"].fillna(0.0))
    baseline = frame.loc[frame["scenario"] == "baseline"].set_index("year")["mean"]
    frame["difference"] = frame["mean"] - baseline.reindex(frame["year"]).to_numpy()
    origin = str(flow_model.history.index[-1].year)
    return frame.drop(columns=["origin_year", "horizon"]).assign(
        origin=origin, specification=flow_model.spec)


# --- the tables of every run, computed in worker processes ------------------------------


@dataclass(frozen=True)
class RunTask:
    """What one forecast run needs.

    Its series and, where they apply, the customs releases that check it and the scenario's
    inputs (prices, EI, customs).
    """

    key: RunKey
    rows: pd.DataFrame
    releases: pd.DataFrame | None = None
    scenario_inputs: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None


def _scenario_tables(run: Run, inputs: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Power of Siberia 2 paths and assumptions on the run's flow model."""
    prices, ei, customs = inputs
    assumptions = pos2_assumptions(prices, ei, customs)
    model = next(m for m in models_for("yearly") if m.uses_flows)
    end_year = max(a.start_year + len(a.ramp_shares) for a in assumptions)
    horizon = end_year - int(run.flows.index[-1].year)
    paths = scenario_paths(model.fit(run.flows, horizon=horizon), assumptions)
    return paths, pd.concat([a.to_frame() for a in assumptions], ignore_index=True)


def run_tables(task: RunTask) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every forecast table's rows for one run, and its notes (a pure function)."""
    frequency = task.key[2]
    reported_by = str(task.rows["reported_by_iso3"].iloc[0])
    run = run_forecasts(balance_flows(task.rows, frequency), frequency,
                        reported_by=reported_by)
    own = pd.concat([_frame(r, frequency, run.selected) for r in run.forecasts.values()],
                    ignore_index=True)
    tables = {names.FORECAST: own, names.BACKTEST_SCORES: _scores(run),
              names.BACKTEST_RANKING: _ranking(run), names.FORECAST_SELECTION: _selection(run),
              names.FORECAST_CALIBRATED: calibrated_forecasts(run, frequency),
              names.FORECAST_COVERAGE: _coverage(run), names.FORECAST_BRIER: _brier(run),
              names.FORECAST_RELIABILITY: _reliability(run)}
    if frequency == "monthly":
        tables[names.FORECAST_YEAR_AVERAGE] = year_averages(run)
    if task.releases is not None:
        tables[names.FORECAST_CHECK] = out_of_sample_check(
            task.releases, run.forecasts, run.backtest.forecasts, selected=run.selected)
    keyed = {name: frame.assign(**_keys(task.key, run)) for name, frame in tables.items()
             if not frame.empty}
    if task.scenario_inputs is not None:
        paths, assumptions = _scenario_tables(run, task.scenario_inputs)
        pair = {"reporter_iso3": task.key[0], "partner_iso3": task.key[1]}
        keyed[names.FORECAST_SCENARIOS] = paths.assign(**pair)
        keyed[names.FORECAST_ASSUMPTIONS] = assumptions.assign(**pair)
    beaten = run.backtest.ranking()["beats_benchmark"].any()
    note = (f"{task.key[0]}-{task.key[1]} {frequency} ({reported_by}-reported): selected "
            f"model {run.selected}; " + ("a model beats" if beaten else "no model beats")
            + " the naive forecast (Diebold-Mariano, HLN, 5%)")
    return keyed, [note]


def _releases_for(key: RunKey, rows: pd.DataFrame, releases: pd.DataFrame
                  ) -> pd.DataFrame | None:
    """The releases that check a monthly run resting on China's reports.

    From the pair's reporter's side.
    """
    pair = Pair(key[0], key[1])
    if key[2] != "monthly" or rows["reported_by_iso3"].iloc[0] != RELEASE_REPORTER:
        return None
    other = pair.partner if pair.reporter == RELEASE_REPORTER else pair.reporter
    observed = release_balances(releases, partner=other)
    if pair.reporter == RELEASE_REPORTER:  # the releases give the partner's side
        observed["observed"] = -observed["observed"]
    return observed


#: a monthly series ending this many months before the newest monthly data is not
#: forecast: most of its 24-month horizon would lie in the past
MAX_STALE_MONTHS = 12


def _is_stale(rows: pd.DataFrame, table: pd.DataFrame) -> bool:
    newest, last = table["period"].max(), rows["period"].max()
    return bool((newest.year - last.year) * 12 + newest.month - last.month > MAX_STALE_MONTHS)


def forecast_tasks(monthly: pd.DataFrame, yearly: pd.DataFrame, pairs: Sequence[Pair], *,
                   releases: pd.DataFrame,
                   scenario_inputs: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
                   notes: list[str]) -> list[RunTask]:
    """One task per pair and frequency whose series is long enough to backtest."""
    tasks = []
    for frequency, table in (("monthly", monthly), ("yearly", yearly)):
        for pair in pairs:
            rows = forecast_series(table, pair)
            needed = SETTINGS[frequency].initial + SETTINGS[frequency].backtest_horizon
            if len(rows) < needed:
                notes.append(f"{pair} {frequency}: not forecast, {len(rows)} observations "
                             f"in a row; the backtest needs at least {needed}")
                continue
            if frequency == "monthly" and _is_stale(rows, table):
                notes.append(f"{pair} monthly: not forecast, its series ends "
                             f"{rows['period'].max():%Y-%m}, over {MAX_STALE_MONTHS} months "
                             "before the newest monthly data; its annual series is forecast")
                continue
            key = (pair.reporter, pair.partner, frequency)
            scenario = scenario_inputs if (pair, frequency) == (SCENARIO_PAIR, "yearly") \
                else None
            tasks.append(RunTask(key, rows, _releases_for(key, rows, releases), scenario))
    return tasks


def _all_tables(tables: list[pd.DataFrame], pairs: Sequence[Pair]
                ) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every forecast table's rows, and the runs' notes."""
    notes: list[str] = []
    monthly, yearly, releases, prices, ei, customs = tables
    tasks = forecast_tasks(monthly, yearly, pairs, releases=releases,
                           scenario_inputs=(prices, ei, customs), notes=notes)
    results = map_in_workers(run_tables, tasks, what="the forecast runs", min_items=2,
                             chunksize=1)
    out: dict[str, list[pd.DataFrame]] = {}
    for frames, run_notes in results:
        notes.extend(run_notes)
        for name, frame in frames.items():
            out.setdefault(name, []).append(frame)
    return {name: pd.concat(parts, ignore_index=True) for name, parts in out.items()}, notes


@prefetchable
def build_forecast_table(ctx: BuildContext) -> pd.DataFrame:
    """The building table's rows from every run.

    The runs are computed once per refresh and shared by all forecast tables, each of
    which carries the runs' notes.
    """
    tables, notes = shared(ctx, UPSTREAM, lambda frames: _all_tables(frames, ctx.pairs))
    for note in notes:
        ctx.note(note)
    if ctx.spec.name not in tables:
        # data too short to forecast are a state of the data, not a fault: the table is
        # empty and its notes say why, so that the other tables still refresh
        ctx.note("no run produced this table: no pair's series is long enough, or none "
                 "rests on the data it needs (see the notes above)")
        return ctx.spec.schema.empty_frame()
    return tables[ctx.spec.name]


#: the tables every forecast table is computed from, in the order ``_all_tables`` reads
UPSTREAM = (names.BALANCE_MONTHLY, names.BALANCE_YEARLY, names.GACC_RELEASES,
            names.PINK_SHEET, names.EI_TRADE_LATEST, names.CHINA_CUSTOMS_ENERGY)
