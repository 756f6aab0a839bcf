"""Catalog entries: cow."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.COW,
        description="Correlates of War national trade totals, 1870-2014.",
        schema=table_schema(
            Column("cow_code", TEXT, "", "Correlates of War state code (ccode)"),
            "year",
            "iso3",
            col("imports_usd", description="Converted from current US dollars, millions"),
            col("exports_usd", description="Converted from current US dollars, millions"),
            Column("alt_imports_usd", "float64", "USD", "COW alternative imports figure"),
            Column("alt_exports_usd", "float64", "USD", "COW alternative exports figure"),
            Column("source1", TEXT, "", "COW source code for imports, as in the file"),
            Column("source2", TEXT, "", "COW source code for exports, as in the file"),
            key=("cow_code", "year"),
        ),
        builder="econ.etl.cow:build_national_trade",
        inputs=("cow_trade/National_COW_4.0.csv",),
        upstream=(names.COUNTRY_ALIASES,),
        citation="Correlates of War Project, Trade v4.0 (Barbieri & Keshk)",
        caveats=("COW codes -9 (missing) are loaded as missing values.",),
    ),
)
