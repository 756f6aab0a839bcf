"""Catalog entries: forecast."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

_FORECAST_UPSTREAM = (names.BALANCE_MONTHLY, names.BALANCE_YEARLY)

_FORECAST_CITATION = ("econ.forecast over each pair's balance on the data that reach latest "
                      "(models checked against R forecast 8.20; see tests/results)")
_PAIR = ("reporter_iso3", "partner_iso3",
         col("reported_by_iso3", description="Whose statistics the forecast series rests on"))


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.FORECAST,
        description="Forecasts of each configured pair's normalised balance: 24 months and 3 "
        "years ahead, every model, 80/95% intervals, reciprocity band probability, and the "
        "Power of Siberia 2 scenario for Russia-China.",
        schema=table_schema(
            *_PAIR,
            Column("frequency", TEXT, "", "'monthly' or 'annual'"),
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
        builder="econ.analysis.forecast:build_balance",
        inputs=(),
        upstream=(*_FORECAST_UPSTREAM, names.PINK_SHEET),
        citation=_FORECAST_CITATION,
        caveats=("VECM intervals ignore parameter uncertainty and run narrow (see its "
                 "backtest coverage).", "The scenario changes the VECM's flow paths only."),
    ),
    TableSpec(
        name=names.BACKTEST_SCORES,
        description="Rolling-origin backtest scores per pair, model and horizon (MAE, RMSE, "
        "MASE, interval coverage, Winkler, pinball).",
        schema=table_schema(
            *_PAIR,
            Column("frequency", TEXT, "", "'monthly' or 'annual'"),
            Column("model", TEXT, "", "econ.forecast model name"),
            Column("horizon", "int64", "periods", "Steps ahead"),
            Column("metric", TEXT, "", "mae, rmse, mase, coverage_80, coverage_95, "
                   "winkler_80, winkler_95, pinball"),
            col("value", description="The score (MASE scaled by each fold's own training "
                "data)"),
            key=("reporter_iso3", "partner_iso3", "frequency", "model", "horizon", "metric"),
            version=2,
        ),
        builder="econ.analysis.forecast:build_scores",
        inputs=(),
        upstream=_FORECAST_UPSTREAM,
        citation=_FORECAST_CITATION,
    ),
    TableSpec(
        name=names.BACKTEST_RANKING,
        description="Models ranked by mean MASE over horizons per pair, with the "
        "Diebold-Mariano test (HLN-corrected) against the naive model.",
        schema=table_schema(
            *_PAIR,
            Column("frequency", TEXT, "", "'monthly' or 'annual'"),
            Column("rank", "int64", "", "1 = best mean MASE"),
            Column("model", TEXT, "", "econ.forecast model name"),
            *(Column(m, "float64", "", f"Mean {m} over horizons") for m in (
                "mae", "rmse", "mase", "coverage_80", "winkler_80", "coverage_95",
                "winkler_95", "pinball")),
            Column("dm_statistic", "float64", "", "Diebold-Mariano statistic vs naive, h=1"),
            Column("dm_pvalue", "float64", "probability", "Its p-value (two-sided)"),
            key=("reporter_iso3", "partner_iso3", "frequency", "model"),
            version=2,
        ),
        builder="econ.analysis.forecast:build_ranking",
        inputs=(),
        upstream=_FORECAST_UPSTREAM,
        citation=_FORECAST_CITATION,
    ),
)
