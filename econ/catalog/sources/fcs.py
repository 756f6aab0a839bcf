"""Catalog entries: fcs.

Where releases go: ``econ fetch russia_customs`` (or a drop-in) stores each workbook as
``russia_fcs_customs/<date fetched>/<name as published>`` beside the tables shipped in
``russia_fcs_customs/``. The tables read the files whose layout they know, told by name
(:data:`econ.etl.fcs.LAYOUTS`): the shipped names (``fcs_*``, ``rosstat_*``) in any folder,
and FCS's own names in release folders. Totals keep every publication (``source_file``);
the two Rosstat partner tables read only the newest copy of their compilation
(:func:`econ.manifest.vintage_key`). Other workbooks are stored but not read, and
``econ fetch`` says so.
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

_FCS_CITATION = (
    "Federal Customs Service of Russia (FCS), foreign trade totals and publications; Rosstat "
    "compilations of FCS data (94itog, 96stran), via mary-lev/eu-export-sanctions"
)

_FCS_CAVEATS = (
    "Customs basis (imports CIF-type), not balance of payments.",
    "FCS stopped detailed publication in 2022: later years are continent and HS-section "
    "aggregates only, with no partner countries.",
)

#: shipped names (``fcs_*``) anywhere, and the totals tables under FCS's own names
_SHIPPED_TOTALS = "russia_fcs_customs/**/fcs_*.xls*"
_UTSA = "russia_fcs_customs/*/WEB_UTSA_0[45]*.xls*"
_PUBLISHED_TOTALS = (_UTSA, "russia_fcs_customs/*/ПубликацияТСТВ*.xls*",
                     "russia_fcs_customs/*/страны*.xls*", "russia_fcs_customs/*/структура*.xls*")
_ITOG = "russia_fcs_customs/**/*94itog*.xlsx"
_STRAN = "russia_fcs_customs/**/*96stran*.xlsx"


def _fcs_partner_spec(frequency: str, description: str, raw: str,
                      extra: tuple[str, ...] = ()) -> TableSpec:
    """The two FCS partner tables differ only in their time column and raw file."""
    time = "year" if frequency == "yearly" else "period"
    return TableSpec(
        name=names.FCS_YEARLY_PARTNER if frequency == "yearly" else names.FCS_MONTHLY_PARTNER,
        description=description,
        schema=table_schema(
            time, "partner_iso3", "flow",
            col("value_usd", description="Customs values (imports CIF-type), converted from "
                "USD million"), *extra,
            key=(time, "partner_iso3", "flow"),
        ),
        builder=f"econ.etl.fcs:build_{frequency}_partner_trade",
        inputs=(raw,),
        newest_only=(raw,),
        upstream=(names.COUNTRY_ALIASES,),
        references=("fcs_names.csv",),
        citation=_FCS_CITATION,
        caveats=_FCS_CAVEATS,
    )


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.FCS_YEARLY_TOTALS,
        description="Russia's customs (FCS) export and import totals: full years 1994-2023 "
        "and partial 2024, by basis and publication.",
        schema=table_schema(
            "year",
            Column("months", "int64", "months", "Months covered from January (12 = full year)"),
            "flow", "partner_group",
            Column("basis", TEXT, "", "with_additions, customs_only or customs_statistics"),
            col("value_usd", description="Customs values (imports CIF-type), converted from "
                "USD million or USD billion"),
            "source_file",
            col("vintage", description="Latest period (YYYY-MM) the publication covers"),
            key=("year", "months", "flow", "partner_group", "basis", "source_file"),
        ),
        builder="econ.etl.fcs:build_yearly_trade_totals",
        inputs=(_SHIPPED_TOTALS, _ITOG, *_PUBLISHED_TOTALS),
        fetched_only=_PUBLISHED_TOTALS,
        citation=_FCS_CITATION,
        caveats=_FCS_CAVEATS,
    ),
    TableSpec(
        name=names.FCS_MONTHLY_TOTALS,
        description="Russia's customs-only monthly export and import totals, 2019-2021 "
        "(world) and 2021-Jan 2022 (non-CIS).",
        schema=table_schema(
            "period", "flow", "partner_group",
            Column("basis", TEXT, "", "with_additions, customs_only or customs_statistics"),
            col("value_usd", description="Customs values, converted from USD million"),
            "source_file",
            col("vintage", description="Latest month (YYYY-MM) the publication covers"),
            key=("period", "flow", "partner_group", "source_file"),
        ),
        builder="econ.etl.fcs:build_monthly_trade_totals",
        inputs=("russia_fcs_customs/**/fcs_web_utsa_*.xls*", _UTSA),
        fetched_only=(_UTSA,),
        citation=_FCS_CITATION,
        caveats=_FCS_CAVEATS,
    ),
    _fcs_partner_spec(
        "yearly", "Russia's customs trade with CIS/EAEU partners, yearly 1994-2021 (Rosstat "
        "compilation of FCS data).", _ITOG, extra=("source_file",)),
    _fcs_partner_spec(
        "monthly", "Russia's customs trade with its 29 main partners, China included, "
        "monthly 2006-2021 (Rosstat compilation of FCS data).", _STRAN),
)
