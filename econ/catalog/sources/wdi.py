"""Catalog entries: wdi."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.WDI_GDP,
        description="GDP in current US dollars by economy and year (World Bank WDI).",
        schema=table_schema(
            "iso3",
            "year",
            col("gdp_usd", description="NY.GDP.MKTP.CD, current US dollars"),
            col("source", description="'wdi_bulk' (bulk CSV, last updated 2024-10-24) or "
                "'wb_api_extract' (API pull, only where the bulk file has no value)"),
            key=("iso3", "year"),
        ),
        builder="econ.etl.wdi:build_gdp",
        inputs=(
            "worldbank_wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv",
            "worldbank_wdi/worldbank_russia_china_raw.csv",
        ),
        upstream=(names.COUNTRY_ALIASES,),
        citation="World Bank, World Development Indicators, NY.GDP.MKTP.CD (CC BY 4.0)",
    ),
    TableSpec(
        name=names.WDI_MACRO,
        description="Other WDI indicators for China and Russia from the API extract.",
        schema=table_schema(
            "iso3",
            "year",
            col("indicator", description="WDI indicator code"),
            col("value", description="Value in the unit of the 'unit' column"),
            "unit",
            key=("iso3", "year", "indicator"),
        ),
        builder="econ.etl.wdi:build_macro_indicators",
        inputs=("worldbank_wdi/worldbank_russia_china_raw.csv",),
        upstream=(names.COUNTRY_ALIASES,),
        citation="World Bank, World Development Indicators, API extract via wbdata",
    ),
)
