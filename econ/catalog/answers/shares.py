"""Catalog entries: the partner's share of the reporter's imports."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.SHARES,
        description="Each configured pair's partner share of the reporter's imports per year, "
        "on every basis the data support, with valuation, sources and caveats.",
        schema=table_schema(
            "reporter_iso3",
            "partner_iso3",
            "year",
            col("basis", description="Numerator over denominator, see "
                "econ.analysis.shares.BASES"),
            col("share", description="Numerator over denominator, 0-1"),
            Column("numerator_usd", "float64", "USD", "The reporter's imports from the "
                   "partner on the basis' reporter and valuation (after the CIF/FOB factor)"),
            Column("denominator_usd", "float64", "USD", "The reporter's total imports on "
                   "the basis' definition"),
            "valuation",
            Column("cif_fob_factor", "float64", "ratio", "Factor applied to the numerator "
                   "to match the denominator's valuation (1 = none)"),
            Column("numerator_source", TEXT, "", "Sources of the numerator"),
            Column("denominator_source", TEXT, "", "Sources of the denominator"),
            Column("is_denominator_low", "bool", "", "The denominator is known to run below "
                   "the reporter's own totals (partners' mirror data, mirror estimates)"),
            Column("meaning", TEXT, "", "What the basis measures"),
            "caveat",
            key=("reporter_iso3", "partner_iso3", "year", "basis"),
            version=2,
        ),
        builder="econ.analysis.shares:build_shares",
        inputs=(),
        upstream=(names.DOTS, names.FCS_MONTHLY_PARTNER, names.COMTRADE_MONTHLY,
                  names.THIRD_PARTY_MONTHLY, names.IMTS_MONTHLY, names.IMTS_YEARLY,
                  names.BACI, names.CBR_MONTHLY, names.FCS_YEARLY_TOTALS, names.ATLAS,
                  names.WDI_GDP, names.WDI_MACRO),
        citation="econ computation over the listed core tables",
    ),
)
