"""Catalog entries: codes."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

_CODE_REFERENCES = ("country_groups.csv", "imf_names.csv", "cow_codes.csv", "gacc_codes.csv",
                    "gacc_release_names.csv", "fcs_names.csv", "ei_names.csv",
                    "china_customs_names.csv")


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.COUNTRIES,
        description="One row per economy, historical state or group: ISO3 and each source's code.",
        schema=table_schema(
            "iso3",
            "name",
            col("kind", description="country, territory, historical, group, residual or label"),
            "is_aggregate",
            Column("iso2", TEXT, "", "ISO 3166-1 alpha-2 code"),
            Column("m49", "int64", "", "UN M49 numeric code"),
            Column("imf_name", TEXT, "", "Name(s) in IMF DOTS, ';'-separated"),
            Column("baci_code", TEXT, "", "CEPII BACI numeric code(s), ';'-separated"),
            Column("cow_code", TEXT, "", "Correlates of War ccode(s), ';'-separated"),
            Column("gacc_code", TEXT, "", "China customs (GACC) partner code(s)"),
            Column("comtrade_code", TEXT, "", "UN Comtrade partner code(s)"),
            Column("wb_code", TEXT, "", "World Bank WDI country or aggregate code"),
            Column("ei_name", TEXT, "", "Energy Institute Statistical Review name(s), "
                   "';'-separated"),
            key=("iso3",),
            version=2,
        ),
        builder="econ.etl.codes:build_countries",
        inputs=(
            "code_tables/datahub_country_codes/country-codes.csv",
            "code_tables/un_comtrade_reference/partner.csv",
            "cepii_baci_meta/country_codes.csv",
            "cepii_baci_meta/country_codes_V202601.csv",
            "worldbank_wdi/Metadata_Country_API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv",
        ),
        references=_CODE_REFERENCES,
        citation=(
            "ISO 3166 / UN M49 via datahub.io country-codes; UN Comtrade partner list; CEPII "
            "BACI country tables V202201 and V202601; World Bank WDI country metadata; econ's "
            "reviewed mappings of IMF, COW and GACC names and codes"
        ),
    ),
    TableSpec(
        name=names.COUNTRY_ALIASES,
        description="Every name or code a source uses for an economy, mapped to its ISO3 code.",
        schema=table_schema(
            col("source", description="imf, baci, cow, gacc, comtrade, wb, wb_name, ei, "
                "china_customs, iso3, m49"),
            Column("key", TEXT, "", "The name or code exactly as the source writes it"),
            "iso3",
            Column("first_year", "int64", "year", "First year the mapping holds (COW only; "
                   "missing = always)"),
            Column("last_year", "int64", "year", "Last year the mapping holds (COW only; "
                   "missing = always)"),
            key=("source", "key", "iso3", "first_year"),
            nullable_key=("first_year",),
        ),
        builder="econ.etl.codes:build_aliases",
        inputs=(
            "code_tables/datahub_country_codes/country-codes.csv",
            "code_tables/un_comtrade_reference/partner.csv",
            "cepii_baci_meta/country_codes.csv",
            "cepii_baci_meta/country_codes_V202601.csv",
            "worldbank_wdi/Metadata_Country_API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv",
        ),
        references=_CODE_REFERENCES,
        citation=f"As {names.COUNTRIES}",
    ),
)
