"""Catalog entries: forecasts of each pair's balance, their backtests and checks."""

from __future__ import annotations

from collections.abc import Sequence

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, TableSchema, col

__all__ = ["TABLES"]

#: every forecast table is a view of the same runs (econ.analysis.forecast.UPSTREAM)
_FORECAST_UPSTREAM = (names.BALANCE_MONTHLY, names.BALANCE_YEARLY, names.GACC_RELEASES,
                      names.PINK_SHEET, names.EI_TRADE_LATEST, names.CHINA_CUSTOMS_ENERGY)
_FORECAST_CITATION = ("econ.forecast over each pair's balance on the data that reach latest "
                      "(models checked against R forecast 8.20 and urca 1.3.3; see "
                      "tests/results)")
_PAIR = ("reporter_iso3", "partner_iso3",
         col("reported_by_iso3", description="Whose statistics the forecast series rests on"))
#: mean backtest metrics over horizons: errors in balance units, coverage as a probability
_MEAN_METRICS = tuple(
    Column(m, "float64", "probability" if m.startswith("coverage") else "ratio",
           f"Mean {m} over horizons")
    for m in ("mae", "rmse", "mase", "coverage_80", "winkler_80", "coverage_95", "winkler_95",
              "pinball"))
_FREQUENCY = Column("frequency", TEXT, "", "'monthly' or 'yearly'")


def _forecast(*, name: str, description: str, schema: TableSchema,
              caveats: tuple[str, ...] = ()) -> TableSpec:
    """A forecast table: every one is built by the same function from the same runs."""
    return TableSpec(name=name, description=description, schema=schema,
                     builder="econ.analysis.forecast:build_forecast_table", inputs=(),
                     upstream=_FORECAST_UPSTREAM, citation=_FORECAST_CITATION,
                     caveats=caveats)


def _keyed(*, columns: Sequence[Column], key: Sequence[str], per_run: bool = True,
           nullable_key: Sequence[str] = ()) -> TableSchema:
    """A forecast table's schema, keyed by pair (and, per run, whose data and frequency)."""
    first: list[Column | str] = ["reporter_iso3", "partner_iso3"]
    keys = ["reporter_iso3", "partner_iso3"]
    if per_run:
        first.append(_PAIR[2])
        if "frequency" not in {c.name for c in columns}:
            first.append(_FREQUENCY)
            keys.append("frequency")
    return table_schema(*first, *columns, key=(*keys, *key), version=2,
                        nullable_key=tuple(nullable_key))


def _ratio(name: str, description: str) -> Column:
    return Column(name, "float64", "ratio", description)


def _probability(name: str, description: str) -> Column:
    return Column(name, "float64", "probability", description)


_MODEL = Column("model", TEXT, "", "econ.forecast model name")
_ORIGIN = Column("origin", TEXT, "", "Last observed period of the forecast (YYYY-MM or YYYY)")
_SELECTED = Column("is_selected", "bool", "", "The published model (selection rule in "
                   f"{names.FORECAST_SELECTION})")
_BOUNDS = (
    _ratio("lower_80", "Lower bound, 80% interval recalibrated from backtest errors"),
    _ratio("upper_80", "Upper bound, 80% interval recalibrated from backtest errors"),
    _ratio("lower_95", "Lower bound, 95% interval recalibrated; missing with fewer than 19 "
           "backtest errors"),
    _ratio("upper_95", "Upper bound, 95% interval recalibrated; missing with fewer than 19 "
           "backtest errors"),
    Column("n_calibration", "int64", "count", "Backtest errors behind the recalibration"),
    _ratio("band", "Reciprocity band: |balance| below this"),
    _probability("prob_within", "P(|balance| < band), recalibrated: share of backtest errors "
                 "that put the forecast inside the band (missing with fewer than 10)"),
)
_MODEL_PROB = (
    _probability("prob_within_model", "P(|balance| < band) under the model's own "
                 "distribution"),
    _probability("prob_within_model_se", "Simulation standard error of prob_within_model "
                 "(0 when exact)"),
)
_WINDOW = (Column("first_horizon", "int64", "periods", "First horizon averaged"),
           Column("last_horizon", "int64", "periods", "Last horizon averaged"))

TABLES: tuple[TableSpec, ...] = (
    _forecast(
        name=names.FORECAST,
        description="Forecasts of each configured pair's normalised balance: 24 months and 3 "
        "years ahead, every model, 80/95% intervals (the model's own), reciprocity band "
        "probability.",
        schema=table_schema(
            *_PAIR,
            Column("frequency", TEXT, "", "'monthly' or 'yearly'"),
            Column("model", TEXT, "", "econ.forecast model name"),
            Column("scenario", TEXT, "", "'baseline' or the named scenario"),
            col("period", description="First day of the forecast month (annual: of the year)"),
            Column("origin", TEXT, "", "Last observed period"),
            Column("horizon", "int64", "periods", "Steps ahead of the origin"),
            Column("mean", "float64", "ratio", "Forecast mean of the normalised balance"),
            Column("lower_80", "float64", "ratio", "Lower bound, 80% interval"),
            Column("upper_80", "float64", "ratio", "Upper bound, 80% interval"),
            Column("lower_95", "float64", "ratio", "Lower bound, 95% interval"),
            Column("upper_95", "float64", "ratio", "Upper bound, 95% interval"),
            Column("band", "float64", "ratio", "Reciprocity band: |balance| below this"),
            Column("prob_within", "float64", "probability", "Share of simulated paths "
                   "inside the band at that period"),
            Column("is_selected", "bool", "", "Model ranked first in the backtest"),
            key=("reporter_iso3", "partner_iso3", "frequency", "model", "scenario", "period"),
            version=2,
        ),
        caveats=("Intervals and probabilities are the models' own; the recalibrated ones are "
                 f"in {names.FORECAST_CALIBRATED}.",),
    ),
    _forecast(
        name=names.BACKTEST_SCORES,
        description="Rolling-origin backtest scores per pair, model and horizon (MAE, RMSE, "
        "MASE, interval coverage, Winkler, pinball).",
        schema=table_schema(
            *_PAIR,
            Column("frequency", TEXT, "", "'monthly' or 'yearly'"),
            Column("model", TEXT, "", "econ.forecast model name"),
            Column("horizon", "int64", "periods", "Steps ahead"),
            Column("metric", TEXT, "", "mae, rmse, mase, coverage_80, coverage_95, "
                   "winkler_80, winkler_95, pinball"),
            col("value", description="The score (MASE scaled by each fold's own training "
                "data)"),
            key=("reporter_iso3", "partner_iso3", "frequency", "model", "horizon", "metric"),
            version=2,
        ),
    ),
    _forecast(
        name=names.BACKTEST_RANKING,
        description="Models ranked by mean MASE over horizons per pair, with the "
        "Diebold-Mariano test (HLN-corrected) against the naive model.",
        schema=table_schema(
            *_PAIR,
            Column("frequency", TEXT, "", "'monthly' or 'yearly'"),
            Column("rank", "int64", "", "1 = best mean MASE"),
            Column("model", TEXT, "", "econ.forecast model name"),
            *_MEAN_METRICS,
            Column("dm_statistic", "float64", "", "Diebold-Mariano statistic vs naive, h=1"),
            Column("dm_pvalue", "float64", "probability", "Its p-value (two-sided)"),
            key=("reporter_iso3", "partner_iso3", "frequency", "model"),
            version=2,
        ),
    ),

    _forecast(
        name=names.FORECAST_CALIBRATED,
        description="Forecasts of the normalised balance with intervals and the reciprocity-"
        "band probability recalibrated from each model's backtest errors, the model's own "
        "probability and the band's historical frequency beside them.",
        schema=_keyed(columns=(
            _FREQUENCY, _MODEL,
            col("period", description="First day of the forecast month (annual: of the year)"),
            _ORIGIN, Column("horizon", "int64", "periods", "Steps ahead of the origin"),
            _ratio("mean", "Forecast mean of the normalised balance"), *_BOUNDS, *_MODEL_PROB,
            _probability("prob_within_climatology", "Share of observed periods up to the "
                         "origin inside the band (the no-skill forecast)"),
            _SELECTED), key=("frequency", "model", "period")),),
    _forecast(
        name=names.FORECAST_YEAR_AVERAGE,
        description="Monthly forecasts averaged over each calendar year in the horizon: mean, "
        "recalibrated intervals and band probability (recalibrated and from the model's "
        "joint paths).",
        schema=_keyed(columns=(
            _MODEL, col("year"), _ORIGIN, *_WINDOW,
            _ratio("mean", "Mean of the monthly forecast means over the year"), *_BOUNDS,
            *_MODEL_PROB, _SELECTED), key=("model", "year")),),
    _forecast(
        name=names.FORECAST_COVERAGE,
        description="Backtest coverage of each model's own and of the recalibrated 80/95% "
        "intervals, per horizon and pooled (horizon missing), scored out of sample.",
        schema=_keyed(columns=(
            _FREQUENCY, _MODEL, Column("level", "int64", "percent", "Nominal coverage"),
            Column("horizon", "int64", "periods", "Steps ahead; missing: all horizons pooled"),
            Column("n_model", "int64", "count", "Observed backtest forecasts"),
            _probability("coverage_model", "Coverage of the model's own interval, all rows"),
            Column("n_scored", "int64", "count", "Rows with a recalibrated interval (enough "
                   "earlier errors)"),
            Column("n_origins_scored", "int64", "count", "Forecast origins among them"),
            _probability("coverage_model_scored", "Model's own coverage on the scored rows"),
            _probability("coverage_recalibrated", "Recalibrated coverage on the scored rows"),
            _ratio("width_model_scored", "Mean width of the model's interval, scored rows"),
            _ratio("width_recalibrated", "Mean width of the recalibrated interval")),
            key=("frequency", "model", "level", "horizon"), nullable_key=("horizon",)),),
    _forecast(
        name=names.FORECAST_BRIER,
        description="Brier score of the reciprocity-band probability: the model's, the "
        "recalibrated one and climatology (the band's frequency up to the origin), on the "
        "same backtest rows.",
        schema=_keyed(columns=(
            _FREQUENCY, _MODEL,
            Column("forecast", TEXT, "", "'model', 'recalibrated' or 'climatology'"),
            Column("n", "int64", "count", "Backtest forecasts scored"),
            Column("n_origins", "int64", "count", "Forecast origins among them"),
            _probability("base_rate", "Share of them that ended inside the band"),
            _probability("mean_probability", "Mean forecast probability"),
            Column("brier", "float64", "", "Mean squared error of the probability"),
            Column("brier_climatology", "float64", "", "Climatology's Brier score, same rows"),
            Column("brier_skill", "float64", "", "1 - brier / brier_climatology"),
            Column("beats_climatology", "bool", "", "brier_skill > 0")),
            key=("frequency", "model", "forecast")),),
    _forecast(
        name=names.FORECAST_RELIABILITY,
        description="Reliability of the reciprocity-band probability: mean forecast and "
        "observed frequency per probability bin, backtest rows.",
        schema=_keyed(columns=(
            _FREQUENCY, _MODEL,
            Column("forecast", TEXT, "", "'model', 'recalibrated' or 'climatology'"),
            _probability("bin_lower", "Lower edge of the probability bin (inclusive)"),
            _probability("bin_upper", "Upper edge (exclusive; the last bin includes 1)"),
            Column("n", "int64", "count", "Forecasts in the bin"),
            _probability("forecast_mean", "Their mean forecast probability"),
            _probability("observed_rate", "Share that ended inside the band")),
            key=("frequency", "model", "forecast", "bin_lower")),),
    _forecast(
        name=names.FORECAST_SELECTION,
        description="Models ranked by mean MASE with the Diebold-Mariano test against the "
        "naive forecast, whether each beats it, the selection rule and the published model.",
        schema=_keyed(columns=(
            _FREQUENCY, Column("rank", "int64", "", "1 = best mean MASE"), _MODEL,
            *_MEAN_METRICS,
            Column("dm_statistic", "float64", "", "Diebold-Mariano statistic vs naive, h=1 "
                   "(negative: more accurate)"),
            _probability("dm_pvalue", "Its p-value (two-sided, HLN-corrected)"),
            Column("beats_benchmark", "bool", "", "More accurate than naive at 5%"),
            _SELECTED, Column("selection_rule", TEXT, "", "The rule, in words"),
            Column("specification", TEXT, "", "What was fitted to the whole sample"),
            Column("can_take_flow_change", "bool", "", "Models exports and imports jointly"),
            Column("is_scenario_model", "bool", "", "Best-ranked model that can take a flow "
                   "change: the scenarios use it")),
            key=("frequency", "model")),),
    _forecast(
        name=names.FORECAST_CHECK,
        description="Monthly forecasts made with data to the last month compared with the "
        "China customs releases published after it (normalised balance, CIF/FOB as in the "
        "China-reported balance), with recalibrated intervals.",
        schema=_keyed(columns=(
            _MODEL, Column("start", "date", "month", "First month of the release"),
            Column("end", "date", "month", "Last month of the release"), _ORIGIN,
            Column("is_cumulative", "bool", "", "The release is a year-to-date total"),
            col("is_jan_feb_combined"),
            Column("published", "date", "day", "Release date"), *_WINDOW,
            _ratio("observed", "Normalised balance of the release (Russia's view)"),
            _ratio("mean", "Mean of the monthly forecasts over the release's months"),
            *_BOUNDS[:5],
            Column("inside_80", "bool", "", "observed within the recalibrated 80% interval"),
            Column("inside_95", "bool", "", "observed within the recalibrated 95% interval"),
            _BOUNDS[5], _BOUNDS[6], _SELECTED), key=("model", "start", "end")),),
    _forecast(
        name=names.FORECAST_SCENARIOS,
        description="Annual balance under Power of Siberia 2 (low, central, high) and the "
        "baseline, from the flow model's joint paths; assumptions in "
        f"{names.FORECAST_ASSUMPTIONS}.",
        schema=_keyed(per_run=False, columns=(
            Column("scenario", TEXT, "", "'baseline' or power_of_siberia_2_<case>"),
            col("year"), _MODEL, _ORIGIN,
            col("volume_bcm", description="Extra pipeline gas delivered that year"),
            Column("price_usd_per_mmbtu", "float64", "USD/MMBtu", "Contract price (oil-"
                   "indexed formula)"),
            Column("added_exports_usd", "float64", "USD", "volume x 34.12 million MMBtu/bcm x "
                   "price"),
            _ratio("mean", "Mean of the balance paths"),
            _ratio("lower_80", "Lower bound, model's 80% interval (not recalibrated: beyond "
                   "the backtest's horizons)"),
            _ratio("upper_80", "Upper bound, model's 80% interval"),
            _ratio("lower_95", "Lower bound, model's 95% interval"),
            _ratio("upper_95", "Upper bound, model's 95% interval"),
            _ratio("difference", "Scenario mean minus baseline mean"),
            _ratio("band", "Reciprocity band"),
            _probability("prob_within", "Share of paths inside the band"),
            Column("specification", TEXT, "", "The flow model fitted")),
            key=("scenario", "year")),),
    _forecast(
        name=names.FORECAST_ASSUMPTIONS,
        description="Every assumption of the Power of Siberia 2 scenarios: value, unit and "
        "source.",
        schema=_keyed(per_run=False, columns=(
            Column("scenario", TEXT, "", "power_of_siberia_2_<case>"),
            Column("assumption", TEXT, "", "What is assumed"),
            col("value", description="The assumed value"), col("unit"),
            col("source", description="Public statement or table it comes from")),
            key=("scenario", "assumption")),),
)
