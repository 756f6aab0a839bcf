"""Catalog entries: atlas.

Where releases go: ``econ fetch atlas`` stores each Dataverse dataset version in
``harvard_atlas/v<version>/`` beside the file shipped in ``harvard_atlas/``; the table
reads only the newest (the highest version, compared number by number, see
:func:`econ.manifest.vintage_key`).
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]

#: every version of the country-year file, shipped or fetched
_COUNTRY_YEAR = "harvard_atlas/**/hs92_country_year.csv"

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
        inputs=(_COUNTRY_YEAR,),
        newest_only=(_COUNTRY_YEAR,),
        upstream=(names.COUNTRIES,),
        citation="Harvard Growth Lab, Atlas of Economic Complexity, International Trade Data "
        "(HS92), Harvard Dataverse",
        caveats=(
            "Russia 2022 onward: mirror estimates that run below Russia's balance-of-payments "
            "imports, so shares over them are overstated.",
        ),
    ),
)
