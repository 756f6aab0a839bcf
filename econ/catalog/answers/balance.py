"""Catalog entries: balance."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

_BALANCE_BASIS = col("basis", description="'china_reported' (China's reports, mirrored) or "
                     "'russia_reported'; the row's sources are in 'source'")

_BALANCE_COLUMNS = (
    col("exports_usd", description="Russia's exports to China, FOB"),
    col("imports_usd", description="Russia's imports from China, FOB"),
    Column("normalised_balance", "float64", "ratio", "(X - M) / (X + M), -1 to 1"),
    Column("log_ratio", "float64", "log", "ln(X / M)"),
    Column("coverage_ratio", "float64", "ratio", "X / M"),
    "valuation",
    Column("cif_fob_factor", "float64", "ratio", "Factor dividing CIF-reported flows"),
    col("source", description="Tables the row's two flows come from"),
)

_BALANCE_CAVEATS = (
    "CIF-reported flows are put on FOB with the IMF's average factor 1.06.",
    "The two bases come from different reporters and differ by several billion USD a year.",
)


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.BALANCE_YEARLY,
        description="Russia-China trade balance per year from Russia's side, China-reported "
        "and Russia-reported, FOB.",
        schema=table_schema(
            "year", _BALANCE_BASIS, *_BALANCE_COLUMNS, key=("year", "basis")),
        builder="econ.out.balance:build_yearly_rus_chn",
        inputs=(),
        upstream=(names.DOTS,
                  names.COMTRADE_MONTHLY,
                  names.THIRD_PARTY_MONTHLY, names.FCS_MONTHLY_PARTNER),
        citation="econ computation over the listed core tables",
        caveats=_BALANCE_CAVEATS,
    ),
    TableSpec(
        name=names.BALANCE_MONTHLY,
        description="Russia-China trade balance per month from Russia's side: China-reported "
        "2017-2024, Russia-reported 2006-2021, FOB.",
        schema=table_schema(
            "period", _BALANCE_BASIS, *_BALANCE_COLUMNS, "is_jan_feb_combined",
            key=("period", "basis")),
        builder="econ.out.balance:build_monthly_rus_chn",
        inputs=(),
        upstream=(names.COMTRADE_MONTHLY,
                  names.THIRD_PARTY_MONTHLY, names.FCS_MONTHLY_PARTNER),
        citation="econ computation over the listed core tables",
        caveats=_BALANCE_CAVEATS,
    ),
)
