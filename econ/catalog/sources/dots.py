"""Catalog entries: dots."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]

_DOTS_CITATION = (
    "International Monetary Fund, Direction of Trade Statistics (DOTS), annual, legacy "
    "data.imf.org Excel export downloaded early 2022"
)


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.DOTS,
        description="IMF DOTS: every reporter's exports (FOB) to and imports (CIF) from every "
        "partner, yearly.",
        schema=table_schema(
            "reporter_iso3",
            "partner_iso3",
            "flow",
            "year",
            col("valuation", description="'fob' for exports, 'cif' for imports, as DOTS reports"),
            col("value_usd", description="Converted from the workbooks' US dollars, millions"),
            col("is_estimate", description="The cell carries the IMF's 'e' estimate marker"),
            "is_aggregate_partner",
            col("source_file", description="Workbook the row came from: reporter WLD has "
                "rows from DOTS_221.xlsx (to 2020) and from the World-partner file (to 2022)"),
            key=("reporter_iso3", "partner_iso3", "flow", "year", "source_file"),
            version=2,
        ),
        builder="econ.etl.dots:build_bilateral_trade",
        inputs=("imf_dots_annual_xlsx/DOTS_*.xlsx",
                "imf_dots_world_partner_annual/Exports_and_Imports_by_Areas_and_Co.xlsx"),
        upstream=(names.COUNTRY_ALIASES, names.COUNTRIES),
        citation=_DOTS_CITATION,
        caveats=(
            "Imports are CIF and exports FOB, as reported: compare with a CIF/FOB factor.",
            "Estimated cells (IMF marker 'e') are rounded to 0.01 million in the workbook.",
            "The per-reporter workbooks end in 2020 (a 2022 download); the World-partner file "
            "(reporter WLD, a 2023 download) runs to 2022. Filter on source_file to pick one "
            "vintage of WLD.",
        ),
    ),
)
