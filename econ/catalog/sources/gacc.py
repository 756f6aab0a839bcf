"""Catalog entries: gacc.

Where releases go: ``econ fetch china_customs`` stores each month's release page flat,
named by the month it states, beside the pages shipped: CNY editions in
``china_customs_gacc_releases/``, USD editions in ``china_customs_gacc_releases_usd/``.
Releases add months: every page is read (a month is never stored twice).
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, TableSchema, col

__all__ = ["TABLES"]


def _release_schema(value: Column) -> TableSchema:
    """The release table's schema, with its value column in one currency."""
    return table_schema(
        Column("release_period", "date", "month", "First day of the release's (last) month"),
        col("is_cumulative", description="Value covers January to the release month"),
        Column("partner_name", TEXT, "", "Partner or group as printed in the release"),
        col("flow", description="'total' (exports plus imports), 'exports' or 'imports', "
            "seen from China"),
        col("partner_iso3", description="ISO3 of the partner, or an econ group code "
            "(ASEAN, EU, Belt and Road ...)"),
        col("is_jan_feb_combined", description="China published January and February "
            "together"),
        value,
        Column("published", "date", "day", "Release date printed on the page"),
        "source_file",
        key=("release_period", "is_cumulative", "partner_name", "flow"),
    )


_CAVEATS = ("Preliminary 'express' figures; sub-rows ('of which: Germany') are part of "
            "their group's total.",)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.GACC_RELEASES,
        description="China customs preliminary releases by country/region (CNY), one row "
        "per partner, flow and period of each release.",
        schema=_release_schema(Column("value_cny", "float64", "CNY", "Converted from CNY "
                                      "100 million; no USD value without a documented rate")),
        builder="econ.etl.gacc:build_release_by_country",
        inputs=("china_customs_gacc_releases/*.html",),
        upstream=(names.COUNTRY_ALIASES,),
        references=("gacc_release_names.csv",),
        citation="General Administration of Customs of the People's Republic of China (GACC), "
        "preliminary release (4) by country/region, English site, CNY edition",
        caveats=_CAVEATS,
    ),
    TableSpec(
        name=names.GACC_RELEASES_USD,
        description="China customs preliminary releases by country/region (USD edition), "
        "one row per partner, flow and period of each release.",
        schema=_release_schema(Column("value_usd", "float64", "USD",
                                      "Converted from USD 1 million")),
        builder="econ.etl.gacc:build_release_by_country_usd",
        inputs=("china_customs_gacc_releases_usd/*.html",),
        inputs_optional=True,
        upstream=(names.COUNTRY_ALIASES,),
        references=("gacc_release_names.csv",),
        citation="General Administration of Customs of the People's Republic of China (GACC), "
        "preliminary release (4) by country/region, English site, USD edition",
        caveats=_CAVEATS,
    ),
)
