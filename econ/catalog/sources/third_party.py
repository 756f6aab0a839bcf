"""Catalog entries: third party."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.THIRD_PARTY_MONTHLY,
        description="China-Russia two-way goods trade per month, China-reported, as compiled "
        "by a third party (2017-2024).",
        schema=table_schema(
            "period",
            col("value_usd", description="China's exports to plus imports from Russia, USD"),
            key=("period",),
        ),
        builder="econ.etl.third_party:build_monthly_total_trade",
        inputs=("derived_third_party/monthly_trade_2017_2024.csv",),
        citation=(
            "Processed by a third party (SamiNakibETU/Russia_China_relationship) from UN "
            "Comtrade / GACC; not the publisher's format"
        ),
        caveats=(
            "Third-party processing: check against Comtrade or GACC before publishing.",
            "The source's 'yuan_share' column is a placeholder constant and is not loaded.",
        ),
    ),
)
