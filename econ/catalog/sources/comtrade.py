"""Catalog entries: comtrade.

Where releases go: ``econ fetch comtrade`` stores each answer as
``un_comtrade/<newest month>/comtrade_<reporter>_<partner>_<from>_<to>.json`` beside the
CSV extract shipped in ``un_comtrade/``. Releases add months: every file is read, and a
later release (release folders in order, :func:`econ.manifest.vintage_key`) replaces an
earlier value of the same reporter, partner, flow and month.
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]


#: the answers econ fetch stores, one folder per release
_RELEASES = "un_comtrade/*/comtrade_*.json"

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
            "source_file",
            key=("reporter_iso3", "partner_iso3", "flow", "period"),
        ),
        builder="econ.etl.comtrade:build_monthly_bilateral_trade",
        inputs=("un_comtrade/comtrade_imports_chn_from_rus_2017_2024.csv", _RELEASES),
        fetched_only=(_RELEASES,),
        upstream=(names.COUNTRY_ALIASES,),
        citation="UN Statistics Division, UN Comtrade (Comtrade+ API v1, final data)",
        caveats=("A later release replaces an earlier one's value for the same reporter, "
                 "partner, flow and month.",),
    ),
)
