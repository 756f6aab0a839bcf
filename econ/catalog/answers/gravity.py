"""Catalog entries: structural gravity answers."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, TableSchema, col

__all__ = ["TABLES"]

_UPSTREAM = (names.DOTS, names.GEO_COUNTRIES, names.COUNTRIES)
_CITATION = ("econ.gravity: PPML with high-dimensional fixed effects (pyfixest), as Yotov, "
             "Piermartini, Monteiro and Larch (2016), over IMF DOTS and CEPII GeoDist; "
             "reference tests against the book's tables and Stata logs in tests/gravity")
_CAVEATS = ("IMF DOTS workbooks end in 2020: 2022 cannot be estimated.",
            "No domestic flows, no contiguity, great-circle distances between main cities "
            "(not CEPII's population-weighted ones).")


def _gravity(name: str, description: str, schema: TableSchema) -> TableSpec:
    return TableSpec(name=name, description=description, schema=schema,
                     builder="econ.analysis.gravity:build_gravity_table", inputs=(),
                     upstream=_UPSTREAM, citation=_CITATION, caveats=_CAVEATS)


TABLES: tuple[TableSpec, ...] = (
    _gravity(names.GRAVITY_PAIR_FIT,
             "Each configured pair's trade, both directions, against the traditional PPML "
             "gravity prediction with its 95% band, 2000-2020 every 4 years.",
             table_schema(
                 "reporter_iso3", "partner_iso3", "year",
                 col("flow", description="'exports': reporter to partner; 'imports': "
                     "partner to reporter"),
                 col("value_usd", description="Actual flow: importer-reported (CIF), else "
                     "exporter-reported (FOB)"),
                 Column("predicted_usd", "float64", "USD", "Traditional PPML gravity "
                        "prediction (exporter-year and importer-year effects included)"),
                 Column("predicted_lower_usd", "float64", "USD", "Lower 95% bound of the "
                        "prediction (slope uncertainty, fixed effects as known)"),
                 Column("predicted_upper_usd", "float64", "USD", "Upper 95% bound"),
                 Column("ratio", "float64", "ratio", "Actual / predicted"),
                 key=("reporter_iso3", "partner_iso3", "year", "flow"))),
    _gravity(names.GRAVITY_SANCTIONS,
             "Structural gravity (pair, exporter-year, importer-year effects): Russia's trade "
             "with the countries it named as sanctioning it, and with China, after 2014, "
             "relative to its other partners.",
             table_schema(
                 "reporter_iso3",
                 col("partner_iso3", description="The partner the sanctioned reporter's trade "
                     "may have been diverted to (the application's pair)"),
                 Column("partner_group", TEXT, "", "'sanctioners' (named in Russia's 2014-2016 "
                        "counter-sanctions) or 'CHN'"),
                 Column("term", TEXT, "", "The model's policy term"),
                 Column("estimate", "float64", "log points", "Coefficient"),
                 Column("std_error", "float64", "log points", "Clustered by pair, G/(G-1)"),
                 Column("pvalue", "float64", "probability", "Two-sided"),
                 Column("effect_pct", "float64", "percent", "100 (exp(b) - 1)"),
                 Column("effect_lower_pct", "float64", "percent", "Lower end of its 95% "
                        "interval"),
                 Column("effect_upper_pct", "float64", "percent", "Upper end"),
                 Column("nobs", "int64", "count", "Observations in the fit"),
                 Column("n_separated", "int64", "count", "Observations dropped as separated "
                        "(as ppmlhdfe does)"),
                 key=("reporter_iso3", "partner_iso3", "partner_group"))),
    _gravity(names.GRAVITY_GROUP_SHARES,
             "Russia's trade (exports plus imports) with the countries that sanctioned it, "
             "with China and with the rest, and their shares, 2000-2020 every 4 years.",
             table_schema(
                 "reporter_iso3",
                 col("partner_iso3", description="The partner the sanctioned reporter's trade "
                     "may have been diverted to (the application's pair)"),
                 Column("partner_group", TEXT, "", "'sanctioners', 'CHN' or 'others'"),
                 "year", col("value_usd", description="Trade in the gravity panel"),
                 col("share", description="Share of Russia's trade with all partners in the "
                     "panel"),
                 key=("reporter_iso3", "partner_iso3", "partner_group", "year"))),
)
