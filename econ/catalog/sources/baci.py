"""Catalog entries: baci.

Where releases go: ``econ fetch baci`` stores each release zip as
``cepii_baci/V<version>/BACI_HS17_V<version>.zip``; a zip copied by hand into
``cepii_baci/`` is read too. The release table reads only the newest (the highest
version folder, see :func:`econ.manifest.vintage_key`); older zips stay on disk, unread.
The China-Russia product table reads the extract shipped with econ.
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

#: every release zip, fetched (version folders) or copied by hand
_RELEASE = "cepii_baci/**/BACI_HS17_V*.zip"

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.BACI,
        description="CEPII BACI HS6 trade between China and Russia, yearly, 2017-2023.",
        schema=table_schema(
            "year",
            "exporter_iso3",
            "importer_iso3",
            col("hs6", description="HS2017 6-digit code, zero-padded (the source drops zeros)"),
            col("value_usd", description="FOB, converted from BACI's thousands of US dollars"),
            col("quantity_t", description="Metric tons as BACI gives them; missing when BACI "
                "has none"),
            key=("year", "exporter_iso3", "importer_iso3", "hs6"),
        ),
        builder="econ.etl.baci:build_product_trade",
        inputs=("cepii_baci/baci_russia_china_processed_2017_2023.csv",),
        upstream=(names.COUNTRY_ALIASES,),
        citation="CEPII BACI HS17 V202501 (Gaulier & Zignago 2010), China-Russia rows",
        caveats=("Only flows between China and Russia: no world totals can be formed.",),
    ),
    TableSpec(
        name=names.BACI_RELEASE_ROWS,
        description="Rows per year of the full CEPII BACI HS17 release written as Parquet "
        f"(data/processed/core/{names.BACI_RELEASE_DATASET}); empty until `econ fetch baci`.",
        schema=table_schema(
            "year",
            Column("rows", "int64", "count", "Trade flows written for the year"),
            Column("source_file", TEXT, "", "The release zip (relative to data/raw)"),
            Column("sha256", TEXT, "", "SHA-256 of the release zip"),
            key=("year",),
        ),
        builder="econ.etl.baci_release:build_release_dataset",
        inputs=(_RELEASE,),
        inputs_optional=True,
        newest_only=(_RELEASE,),
        upstream=(names.COUNTRY_ALIASES,),
        citation="CEPII BACI HS17 (Gaulier & Zignago 2010), full release",
        caveats=("value_usd converted from BACI's thousands of US dollars; BACI reconciles "
                 "mirror flows and values them FOB.",),
    ),
)
