"""Catalog entries: fcs."""

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
        inputs=("russia_fcs_customs/fcs_*.xls*", "russia_fcs_customs/rosstat_94itog_*.xlsx"),
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
        inputs=("russia_fcs_customs/fcs_web_utsa_*.xls*",),
        citation=_FCS_CITATION,
        caveats=_FCS_CAVEATS,
    ),
    _fcs_partner_spec(
        "yearly", "Russia's customs trade with CIS/EAEU partners, yearly 1994-2021 (Rosstat "
        "compilation of FCS data).", "russia_fcs_customs/rosstat_94itog_fcs_totals_1994_"
        "2021.xlsx", extra=("source_file",)),
    _fcs_partner_spec(
        "monthly", "Russia's customs trade with its 29 main partners, China included, "
        "monthly 2006-2021 (Rosstat compilation of FCS data).", "russia_fcs_customs/rosstat_"
        "96stran_fcs_main_partners_monthly_2006_2021.xlsx"),
)
