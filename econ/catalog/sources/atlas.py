"""Catalog entries: atlas."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.ATLAS,
        description="Harvard Atlas: each country's total goods exports and imports, 1988-2024.",
        schema=table_schema(
            "iso3",
            "year",
            col("exports_usd", description="Mirror-reconciled goods exports, current USD"),
            col("imports_usd", description="Mirror-reconciled goods imports, current USD"),
            col("is_mirror_estimate", description="Russia from 2022: built from partners' "
                "reports because Russia stopped publishing"),
            key=("iso3", "year"),
        ),
        builder="econ.etl.atlas:build_country_trade",
        inputs=("harvard_atlas/hs92_country_year.csv",),
        upstream=(names.COUNTRIES,),
        citation="Harvard Growth Lab, Atlas of Economic Complexity, International Trade Data "
        "(HS92), Harvard Dataverse",
        caveats=(
            "Russia 2022 onward: mirror estimates that run below Russia's balance-of-payments "
            "imports, so shares over them are overstated.",
        ),
    ),
)
