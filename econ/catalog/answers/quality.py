"""Catalog entries: cross-source checks."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.CROSS_SOURCE_CHECKS,
        description="Every quantity two sources measure, for each configured pair: energy "
        "volumes (EI vs customs), pipeline-gas unit value, each side's report of a flow, "
        "economy totals on every basis, BACI against both reports; spread, tolerance, flag.",
        schema=table_schema(
            Column("check", TEXT, "", "crude_volume, lng_volume, pipeline_gas_volume, "
                   "pipeline_gas_unit_value, "
                   "bilateral_total, economy_total or baci_reconciliation"),
            "reporter_iso3", "partner_iso3", "year",
            Column("quantity", TEXT, "", "What is measured"),
            Column("source_a", TEXT, "", "Reference source"),
            Column("value_a", "float64", "", "Its value, in the row's unit"),
            Column("source_b", TEXT, "", "Compared source"),
            Column("value_b", "float64", "", "Its value, in the row's unit"),
            col("unit", description="Unit of value_a and value_b"),
            Column("spread", "float64", "ratio", "value_b / value_a - 1"),
            Column("tolerance", "float64", "ratio", "How far the sources may differ for known "
                   "reasons (econ.analysis.quality.TOLERANCES)"),
            Column("is_flagged", "bool", "", "|spread| > tolerance"),
            Column("note", TEXT, "", "What the comparison adjusts for"),
            key=("check", "reporter_iso3", "partner_iso3", "quantity", "year", "source_a",
                 "source_b"),
        ),
        builder="econ.analysis.quality:build_cross_source_checks",
        inputs=(),
        upstream=(names.EI_TRADE_LATEST, names.CHINA_CUSTOMS_ENERGY, names.PINK_SHEET,
                  names.DOTS, names.COMTRADE_MONTHLY, names.THIRD_PARTY_MONTHLY,
                  names.FCS_MONTHLY_PARTNER, names.IMTS_MONTHLY, names.IMTS_YEARLY,
                  names.CBR_MONTHLY, names.FCS_YEARLY_TOTALS, names.ATLAS, names.WDI_GDP,
                  names.WDI_MACRO, names.BACI),
        citation="econ.analysis.quality over the listed tables",
    ),
)
