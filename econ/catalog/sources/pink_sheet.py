"""Catalog entries: pink sheet.

Where releases go: ``econ fetch pink_sheet`` (or a drop-in) stores each monthly workbook
in ``world_bank_pink_sheet/<Updated on date>/`` beside the one shipped in
``world_bank_pink_sheet/``; the table reads only the newest (the latest release folder),
see :func:`econ.manifest.vintage_key`. A drop-in keeps its file name, so the pattern
also takes the browser's ``CMO-Historical-Data-Monthly (1).xlsx``.
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]

#: every release of the monthly workbook, shipped or fetched
_WORKBOOK = "world_bank_pink_sheet/**/CMO-Historical-Data-Monthly*.xlsx"

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.PINK_SHEET,
        description="World Bank Pink Sheet: monthly crude oil, natural gas, LNG and coal "
        "prices.",
        schema=table_schema(
            col("commodity", description="crude_oil_average/brent/dubai/wti, natural_gas_us/"
                "europe, lng_japan, natural_gas_index, coal_australia, coal_south_africa"),
            "period",
            col("description", description="The Pink Sheet's column header"),
            col("value", description="Nominal price in the row's unit"),
            col("unit", description="USD/bbl, USD/t, USD/mmbtu or 'index, 2010=100'"),
            key=("commodity", "period"),
        ),
        builder="econ.etl.pink_sheet:build_monthly_commodity_prices",
        inputs=(_WORKBOOK,),
        newest_only=(_WORKBOOK,),
        citation="World Bank, Commodity Price Data (The Pink Sheet), monthly, "
        "CMO-Historical-Data-Monthly.xlsx",
        caveats=(
            "No Urals or ESPO price: Russian crude trades at a discount to Brent and Dubai.",
            "Series definitions changed over time (e.g. European gas is TTF from April 2015); "
            "see the workbook's Description sheet.",
        ),
    ),
)
