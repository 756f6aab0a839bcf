"""Catalog entries: comtrade."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.COMTRADE_MONTHLY,
        description="UN Comtrade monthly totals: China's imports from Russia, 2017-2024.",
        schema=table_schema(
            "reporter_iso3",
            "partner_iso3",
            "flow",
            "period",
            "valuation",
            col("value_usd", description="Comtrade primaryValue, US dollars"),
            col("classification", description="HS revision of the report: H5 or H6"),
            key=("reporter_iso3", "partner_iso3", "flow", "period"),
        ),
        builder="econ.etl.comtrade:build_monthly_bilateral_trade",
        inputs=("un_comtrade/comtrade_imports_chn_from_rus_2017_2024.csv",),
        upstream=(names.COUNTRY_ALIASES,),
        citation="UN Statistics Division, UN Comtrade (Comtrade+ API v1, final data)",
    ),
)
