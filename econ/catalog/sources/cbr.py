"""Catalog entries: cbr.

Where releases go: ``econ fetch cbr`` (or a drop-in) stores each ``trade.xls`` in
``cbr_external_trade_goods/<last updated date>/`` beside the 2020 vintage shipped in
``cbr_external_trade_goods/``; the tables read only the newest workbook (the latest
release folder, see :func:`econ.manifest.vintage_key`), whose "last updated" date is the
rows' ``vintage``. The dashboard JSON is another publication and is always read.
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

#: every vintage of the Bank's workbook, shipped or fetched
_CBR_XLS = "cbr_external_trade_goods/**/*.xls"

_CBR_JSON = "cbr_external_trade_goods/operboard_current_20260724.json"

_CBR_CITATION = (
    "Bank of Russia, external trade in goods (balance-of-payments methodology), trade.xls "
    "(vintage 2020-11-11); 2021 onward as copied by the IEDTpages/operboard dashboard"
)

_CBR_CAVEATS = (
    "FOB imports: not comparable with partners' CIF exports without a CIF/FOB factor.",
    "The shipped files miss 2020 Q4 (so the 2020 BoP year); a newer trade.xls (econ fetch "
    "cbr) fills it.",
    "The Bank revises within about a year: compare vintages before trusting recent months.",
)

def _cbr_spec(name: str, frequency: str, span: str, time: Column) -> TableSpec:
    """The quarterly and yearly Bank of Russia tables differ only in their time column."""
    return TableSpec(
        name=name,
        description=f"Bank of Russia goods exports and imports (BoP, FOB), {frequency}, "
        f"{span}.",
        schema=table_schema(
            time, "flow", "partner_group", "vintage",
            col("value_usd", description="FOB; converted from USD million"), "source",
            key=(time.name, "flow", "partner_group", "vintage"),
        ),
        builder=f"econ.etl.cbr:build_{frequency}_goods_trade",
        inputs=(_CBR_XLS,),
        newest_only=(_CBR_XLS,),
        citation=_CBR_CITATION,
        caveats=_CBR_CAVEATS,
    )


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.CBR_MONTHLY,
        description="Bank of Russia goods exports and imports (BoP, FOB), monthly, 1997-2020-09 "
        "and 2021-01 onward, every vintage.",
        schema=table_schema(
            "period", "flow", "partner_group", "vintage",
            col("value_usd", description="FOB; converted from USD million (trade.xls) or USD "
                "billion with 3 decimals (dashboard JSON)"),
            col("source", description="'cbr_trade_xls' (the Bank's file) or 'operboard_json' "
                "(a third-party dashboard's copy of the Bank's series)"),
            key=("period", "flow", "partner_group", "vintage"),
        ),
        builder="econ.etl.cbr:build_monthly_goods_trade",
        inputs=(_CBR_XLS, _CBR_JSON),
        newest_only=(_CBR_XLS,),
        citation=_CBR_CITATION,
        caveats=_CBR_CAVEATS,
    ),
    _cbr_spec(names.CBR_QUARTERLY, "quarterly", "1994 Q1-2020 Q3",
              col("period", description="First day of the quarter")),
    _cbr_spec(names.CBR_YEARLY, "yearly", "1994-2019", col("year")),
)
