"""Catalog entries: balance."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
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
    Column("normalised_balance_as_reported", "float64", "ratio", "(X - M) / (X + M) with "
           "both flows as reported (the CIF flow not put on FOB)"),
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
    TableSpec(
        name=names.CIF_FOB_EVIDENCE,
        description="The CIF/FOB factor of each flow of each configured pair by method and "
        "year: the IMF average, the mirror ratio, BACI's, and margins weighted by the "
        "pipeline share of the flow.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3", "exporter_iso3", "importer_iso3", "year",
            Column("method", TEXT, "", "imf_average, mirror_ratio, baci_ratio, "
                   "pipeline_weighted or pipeline_crude_weighted"),
            Column("factor", "float64", "ratio", "CIF value / FOB value"),
            Column("note", TEXT, "", "What the method measures"),
            key=("reporter_iso3", "partner_iso3", "exporter_iso3", "importer_iso3", "year",
                 "method"),
        ),
        builder="econ.analysis.balance:build_cif_fob_evidence",
        inputs=(),
        upstream=(*_UPSTREAM, names.IMTS_YEARLY, names.BACI),
        citation="econ.analysis.balance.cif_fob_evidence over the listed tables",
    ),
    TableSpec(
        name=names.LATEST_RELEASES,
        description="Each pair's balance in China's customs releases after the monthly "
        "series ends (January-February 2025, March 2026, January-March 2026), in yuan.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3",
            col("reported_by_iso3", description="Whose release: China's customs"),
            Column("start", "date", "month", "First month the release covers"),
            Column("end", "date", "month", "Last month the release covers"),
            col("is_cumulative", description="Year-to-date value"),
            "is_jan_feb_combined",
            Column("currency", TEXT, "", "Currency of exports and imports: CNY"),
            Column("exports", "float64", "CNY", "The reporter's exports to the partner, FOB "
                   "(CIF / cif_fob_factor where China imports)"),
            Column("imports", "float64", "CNY", "The reporter's imports from the partner, FOB"),
            Column("normalised_balance", "float64", "ratio", "(X - M) / (X + M), unit-free"),
            Column("cif_fob_factor", "float64", "ratio", "Factor dividing China's CIF imports"),
            Column("published", "date", "day", "Release date (the vintage)"),
            key=("reporter_iso3", "partner_iso3", "start", "end"),
        ),
        builder="econ.analysis.balance:build_latest_releases",
        inputs=(),
        upstream=(names.GACC_RELEASES,),
        citation="econ.analysis.balance over GACC's preliminary releases by country (CNY)",
        caveats=("Preliminary 'express' figures in yuan: no USD value without a documented "
                 "rate; the normalised balance is unit-free.",),
    ),
)
