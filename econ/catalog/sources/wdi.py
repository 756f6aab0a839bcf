"""Catalog entries: wdi.

Where releases go: ``econ fetch wdi`` stores each bulk release in
``worldbank_wdi/<Last Updated Date>/`` beside the file shipped in ``worldbank_wdi/``;
the GDP table reads only the newest (the latest release folder; the shipped file until
one exists), see :func:`econ.manifest.vintage_key`.
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]

#: every bulk release of GDP, shipped or fetched
_BULK = "worldbank_wdi/**/API_NY.GDP.MKTP.CD_*.csv"

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.WDI_GDP,
        description="GDP in current US dollars by economy and year (World Bank WDI).",
        schema=table_schema(
            "iso3",
            "year",
            col("gdp_usd", description="NY.GDP.MKTP.CD, current US dollars"),
            col("source", description="'wdi_bulk' (the newest bulk CSV; its file and Last "
                "Updated Date are in the notes) or 'wb_api_extract' (API pull, only where "
                "the bulk file has no value)"),
            key=("iso3", "year"),
        ),
        builder="econ.etl.wdi:build_gdp",
        inputs=(_BULK, "worldbank_wdi/worldbank_russia_china_raw.csv"),
        newest_only=(_BULK,),
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
