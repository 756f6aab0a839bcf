"""Catalog entries: oec."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.OEC_HS4_TRADE,
        description="OEC HS4 trade between Russia and China from two OEC downloads.",
        schema=table_schema(
            "year",
            "exporter_iso3",
            "importer_iso3",
            col("hs4", description="HS 4-digit heading (HS92-based OEC code), zero-padded"),
            col("source", description="OEC download: 'exports_russia_to_china' or "
                "'bilateral_compare'"),
            col("description", description="OEC's HS4 name"),
            Column("section", TEXT, "", "OEC section name"),
            col("value_usd", description="US dollars as OEC gives them"),
            "caveat",
            key=("year", "exporter_iso3", "importer_iso3", "hs4", "source"),
        ),
        builder="econ.etl.oec:build_hs4_trade",
        inputs=(
            "oec/exports_russia_to_china_2018_2023.csv",
            "oec/exports_bilateral_hs4_2018_2023.csv",
        ),
        upstream=(),
        citation="Observatory of Economic Complexity (Datawheel), built on CEPII BACI",
        caveats=(
            "In the 'bilateral_compare' download the Russia-to-China column leaves out crude "
            "oil (HS 2709) and is incomplete: use 'exports_russia_to_china' for that flow.",
        ),
    ),
    TableSpec(
        name=names.OEC_HS4_TARIFFS,
        description="Russia's applied tariff on, and imports from, China by HS4 (OEC).",
        schema=table_schema(
            "year",
            "importer_iso3",
            "exporter_iso3",
            col("hs4", description="HS 4-digit heading, zero-padded"),
            col("description", description="OEC's HS4 name"),
            col("tariff_pct", description="Russia's applied tariff, percent, as OEC gives it"),
            col("value_usd", description="Russia's imports from China, US dollars (OEC)"),
            key=("year", "importer_iso3", "exporter_iso3", "hs4"),
        ),
        builder="econ.etl.oec:build_hs4_tariffs",
        inputs=("oec/tariffs_russia_from_china_2019_2023.csv",),
        citation="Observatory of Economic Complexity (Datawheel): tariffs and imports by HS4",
        caveats=("No 2022 columns in the download.",),
    ),
)
