"""Catalog entries: balance."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

_BALANCE_COLUMNS = (
    "reporter_iso3",
    "partner_iso3",
    col("reported_by_iso3", description="Whose statistics: the reporter's own reports, or "
        "the partner's reports mirrored"),
    col("exports_usd", description="The reporter's exports to the partner, FOB"),
    col("imports_usd", description="The reporter's imports from the partner, FOB (CIF "
        "values divided by cif_fob_factor)"),
    Column("normalised_balance", "float64", "ratio", "(X - M) / (X + M), -1 to 1"),
    Column("log_ratio", "float64", "log", "ln(X / M)"),
    Column("coverage_ratio", "float64", "ratio", "X / M"),
    "valuation",
    Column("cif_fob_factor", "float64", "ratio", "Factor dividing CIF-reported flows"),
    col("source", description="Sources of the row's two flows"),
)

_BALANCE_CAVEATS = (
    "CIF-reported flows are put on FOB with the IMF's average factor 1.06.",
    "The two reporters' figures differ by valuation, coverage and timing; both are kept.",
)
_UPSTREAM = (names.DOTS, names.COMTRADE_MONTHLY, names.THIRD_PARTY_MONTHLY,
             names.FCS_MONTHLY_PARTNER, names.IMTS_MONTHLY)
_KEY = ("reporter_iso3", "partner_iso3", "reported_by_iso3")


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.BALANCE_YEARLY,
        description="Each configured pair's trade balance per year from the reporter's side, "
        "on each side's statistics, FOB.",
        schema=table_schema("year", *_BALANCE_COLUMNS, key=(*_KEY, "year"), version=2),
        builder="econ.analysis.balance:build_yearly",
        inputs=(),
        upstream=(*_UPSTREAM, names.IMTS_YEARLY),
        citation="econ computation over the listed core tables",
        caveats=_BALANCE_CAVEATS,
    ),
    TableSpec(
        name=names.BALANCE_MONTHLY,
        description="Each configured pair's trade balance per month from the reporter's side, "
        "where a monthly source exists (China-reported RUS-CHN 2017-2024, Russia's customs "
        "with its main partners 2006-2021, IMTS releases fetched), FOB.",
        schema=table_schema("period", *_BALANCE_COLUMNS, "is_jan_feb_combined",
                            key=(*_KEY, "period"), version=2),
        builder="econ.analysis.balance:build_monthly",
        inputs=(),
        upstream=_UPSTREAM,
        citation="econ computation over the listed core tables",
        caveats=_BALANCE_CAVEATS,
    ),
)
