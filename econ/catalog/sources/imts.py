"""Catalog entries: IMF International Trade in Goods by partner (IMTS), fetched releases.

Where releases go: ``econ fetch imf_imts`` stores each answer as
``imf_imts/<M|A>_<last period>/imts_<M|A>.json``; nothing is shipped, so the tables are
empty until a first fetch. Releases add periods: every answer is read, and a later one
(release folders in order, :func:`econ.manifest.vintage_key`) replaces an earlier value
for the same key.
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]

_CITATION = ("International Monetary Fund, International Trade in Goods by partner country "
             "(IMTS), SDMX 3.0 API (api.imf.org)")
_CAVEATS = ("World = WLD (IMF G001); other IMF aggregates are left out.",
            "A later release replaces an earlier one's value for the same key.",
            "Exports FOB; imports CIF or FOB as each row's valuation says.")


def _spec(name: str, frequency: str, time: str) -> TableSpec:
    return TableSpec(
        name=name,
        description=f"IMF IMTS goods trade by reporter and partner, {frequency}, every pair "
        "fetched.",
        schema=table_schema("reporter_iso3", "partner_iso3", "flow", "valuation", time,
                            col("value_usd", description="OBS_VALUE x 10**SCALE"),
                            "source_file",
                            key=("reporter_iso3", "partner_iso3", "flow", "valuation", time)),
        builder=f"econ.etl.imts:build_{frequency}_bilateral_trade",
        inputs=(f"imf_imts/*/imts_{'M' if frequency == 'monthly' else 'A'}.json",),
        inputs_optional=True,
        citation=_CITATION,
        caveats=_CAVEATS,
    )


TABLES: tuple[TableSpec, ...] = (_spec(names.IMTS_MONTHLY, "monthly", "period"),
                                 _spec(names.IMTS_YEARLY, "yearly", "year"))
