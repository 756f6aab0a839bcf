"""Every table ``econ`` builds: its name, schema, inputs, upstream tables and builder.

The catalog is plain data so that ``econ refresh`` can decide what is stale without
importing pandas or any loader; a builder module is imported only when its table is
built. Inputs are glob patterns relative to ``data/raw``; references are reviewed CSV
files shipped in ``econ/etl/reference``.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from econ._version import __version__
from econ.errors import UnknownTableError
from econ.schema import Column, TableSchema, col

__all__ = ["REFERENCE_DIR", "TABLES", "TableSpec", "code_fingerprint", "get_spec", "table_names"]

REFERENCE_DIR = Path(__file__).resolve().parent / "etl" / "reference"


@dataclass(frozen=True)
class TableSpec:
    """How one table is built.

    Parameters
    ----------
    name : str
        ``{core|out}_{source}__{frequency}_{what}``.
    description : str
        One sentence for ``econ tables`` and the report footnotes.
    schema : TableSchema
    builder : str
        ``"module:function"``; the function takes a :class:`econ.refresh.BuildContext`
        and returns a pandas DataFrame.
    inputs : tuple of str
        Glob patterns relative to ``data/raw``; each must match at least one file.
    references : tuple of str
        Reviewed mapping files in ``econ/etl/reference`` that the builder reads.
    upstream : tuple of str
        Tables the builder reads; they are built first.
    citation : str
        Publisher and dataset, as a report footnote cites it.
    caveats : tuple of str
        Known problems a user of the table must know.
    """

    name: str
    description: str
    schema: TableSchema
    builder: str
    inputs: tuple[str, ...]
    citation: str
    references: tuple[str, ...] = ()
    upstream: tuple[str, ...] = ()
    caveats: tuple[str, ...] = field(default=())

    @property
    def layer(self) -> str:
        """``core`` or ``out``."""
        return self.name.split("_", 1)[0]


def _schema(*columns: Column | str, key: tuple[str, ...], version: int = 1,
            nullable_key: tuple[str, ...] = ()) -> TableSchema:
    resolved = tuple(c if isinstance(c, Column) else col(c) for c in columns)
    return TableSchema(resolved, key, version, nullable_key)


_TEXT = "string"
_CODE_REFERENCES = ("country_groups.csv", "imf_names.csv", "cow_codes.csv", "gacc_codes.csv",
                    "gacc_release_names.csv", "fcs_names.csv", "ei_names.csv",
                    "china_customs_names.csv")
_EI_EDITIONS = (
    "energy_institute_statistical_review/bp_*_edition/*-all-data.xlsx",
    "energy_institute_statistical_review/ei_*_edition/*.xlsx",
)
_EI_CITATION = (
    "Energy Institute, Statistical Review of World Energy 2023, 2024 and 2026 (with KPMG and "
    "Kearney); bp, Statistical Review of World Energy 2021 and 2022: all-data workbooks"
)
_EI_CAVEATS = (
    "Values are revised between editions: compare editions before mixing them.",
    "Markers '-' (nil), '†'/'^' (less than half the last digit) and '‡' (under 0.05%) are "
    "loaded as 0; 'n/a' cells are left out. The 2023 edition is rounded to 0.1.",
    "Region names follow EI's definitions (econ/etl/reference/country_groups.csv), which "
    "change between editions.",
)
_EI_TRADE_VALUES = (
    col("exporter_iso3", description="ISO3 of the exporter; missing for regions, groups and "
        "'Total'"),
    col("importer_iso3", description="ISO3 of the importer; missing for regions, groups and "
        "'Total'"),
    col("volume_mt", description="Crude oil and oil products, million tonnes as EI gives them"),
    col("volume_bcm", description="Pipeline gas and LNG, billion cubic metres (EI standardises "
        "at 15 C and a gross calorific value of 40 MJ/m3)"),
    col("energy_ej", description="Coal, exajoules as EI gives them"),
)
_DOTS_CITATION = (
    "International Monetary Fund, Direction of Trade Statistics (DOTS), annual, legacy "
    "data.imf.org Excel export downloaded early 2022"
)

_CBR_XLS = "cbr_external_trade_goods/cbr_trade_xls_vintage_20201111.xls"
_CBR_JSON = "cbr_external_trade_goods/operboard_current_20260724.json"
_CBR_CITATION = (
    "Bank of Russia, external trade in goods (balance-of-payments methodology), trade.xls "
    "(vintage 2020-11-11); 2021 onward as copied by the IEDTpages/operboard dashboard"
)
_CBR_CAVEATS = (
    "FOB imports: not comparable with partners' CIF exports without a CIF/FOB factor.",
    "2020 Q4 (so the 2020 BoP year) is in neither file.",
    "The Bank revises within about a year: compare vintages before trusting recent months.",
)
_FCS_CITATION = (
    "Federal Customs Service of Russia (FCS), foreign trade totals and publications; Rosstat "
    "compilations of FCS data (94itog, 96stran), via mary-lev/eu-export-sanctions"
)
_FCS_CAVEATS = (
    "Customs basis (imports CIF-type), not balance of payments.",
    "FCS stopped detailed publication in 2022: later years are continent and HS-section "
    "aggregates only, with no partner countries.",
)

def _cbr_spec(frequency: str, span: str, time: Column) -> TableSpec:
    """The quarterly and yearly Bank of Russia tables differ only in their time column."""
    return TableSpec(
        name=f"core_cbr__{frequency}_goods_trade",
        description=f"Bank of Russia goods exports and imports (BoP, FOB), {frequency}, "
        f"{span}.",
        schema=_schema(
            time, "flow", "partner_group", "vintage",
            col("value_usd", description="FOB; converted from USD million"), "source",
            key=(time.name, "flow", "partner_group", "vintage"),
        ),
        builder=f"econ.etl.cbr:build_{frequency}_goods_trade",
        inputs=(_CBR_XLS,),
        citation=_CBR_CITATION,
        caveats=_CBR_CAVEATS,
    )


def _fcs_partner_spec(frequency: str, description: str, raw: str,
                      extra: tuple[str, ...] = ()) -> TableSpec:
    """The two FCS partner tables differ only in their time column and raw file."""
    time = "year" if frequency == "yearly" else "period"
    return TableSpec(
        name=f"core_fcs__{frequency}_partner_trade",
        description=description,
        schema=_schema(
            time, "partner_iso3", "flow",
            col("value_usd", description="Customs values (imports CIF-type), converted from "
                "USD million"), *extra,
            key=(time, "partner_iso3", "flow"),
        ),
        builder=f"econ.etl.fcs:build_{frequency}_partner_trade",
        inputs=(raw,),
        upstream=("core_codes__country_aliases",),
        references=("fcs_names.csv",),
        citation=_FCS_CITATION,
        caveats=_FCS_CAVEATS,
    )


_SERIES = Column("series", _TEXT, "", "Balance series tested: frequency and basis, e.g. "
                 "'annual_china_reported'")
_FORECAST_UPSTREAM = ("out_balance__monthly_rus_chn", "out_balance__yearly_rus_chn")
_FORECAST_CITATION = ("econ.forecast over the China-reported balance (models checked "
                      "against R forecast 8.20; see tests/results)")
_BALANCE_BASIS = col("basis", description="'china_reported' (China's reports, mirrored) or "
                     "'russia_reported'; the row's sources are in 'source'")
_BALANCE_COLUMNS = (
    col("exports_usd", description="Russia's exports to China, FOB"),
    col("imports_usd", description="Russia's imports from China, FOB"),
    Column("normalised_balance", "float64", "ratio", "(X - M) / (X + M), -1 to 1"),
    Column("log_ratio", "float64", "log", "ln(X / M)"),
    Column("coverage_ratio", "float64", "ratio", "X / M"),
    "valuation",
    Column("cif_fob_factor", "float64", "ratio", "Factor dividing CIF-reported flows"),
    col("source", description="Tables the row's two flows come from"),
)
_BALANCE_CAVEATS = (
    "CIF-reported flows are put on FOB with the IMF's average factor 1.06.",
    "The two bases come from different reporters and differ by several billion USD a year.",
)

_SANCTIONS_CITATION = (
    "CHPL: BIS, Common High Priority Items List, version 2024-02-23 (transcribed); US EAR: "
    "15 CFR part 746 supplements 2, 4, 5, 7, eCFR as of 2026-09-24 (transcribed from a "
    "third-party parse); EU: Reg. (EU) 833/2014 consolidated 2022-10-07, CN codes as "
    "extracted by vzemlys/ruimpeks (byte-for-byte copies)"
)
_SANCTIONS_CAVEATS = (
    "CHPL and EAR files are checked transcriptions, not copies of the publishers' files "
    "(is_transcribed); EU files are byte-for-byte copies of a third party's extraction.",
    "EU: annex not recorded (export and import bans mixed); later packages and Annex XL "
    "(CHPL) missing; an HS6 counts as listed if any of its CN8 codes is.",
    "An HS6 code on a list is a screening flag, not a licensing determination.",
)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name="core_codes__countries",
        description="One row per economy, historical state or group: ISO3 and each source's code.",
        schema=_schema(
            "iso3",
            "name",
            col("kind", description="country, territory, historical, group, residual or label"),
            "is_aggregate",
            Column("iso2", _TEXT, "", "ISO 3166-1 alpha-2 code"),
            Column("m49", "int64", "", "UN M49 numeric code"),
            Column("imf_name", _TEXT, "", "Name(s) in IMF DOTS, ';'-separated"),
            Column("baci_code", _TEXT, "", "CEPII BACI numeric code(s), ';'-separated"),
            Column("cow_code", _TEXT, "", "Correlates of War ccode(s), ';'-separated"),
            Column("gacc_code", _TEXT, "", "China customs (GACC) partner code(s)"),
            Column("comtrade_code", _TEXT, "", "UN Comtrade partner code(s)"),
            Column("wb_code", _TEXT, "", "World Bank WDI country or aggregate code"),
            Column("ei_name", _TEXT, "", "Energy Institute Statistical Review name(s), "
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
        name="core_codes__country_aliases",
        description="Every name or code a source uses for an economy, mapped to its ISO3 code.",
        schema=_schema(
            col("source", description="imf, baci, cow, gacc, comtrade, wb, wb_name, ei, "
                "china_customs, iso3, m49"),
            Column("key", _TEXT, "", "The name or code exactly as the source writes it"),
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
        citation="As core_codes__countries",
    ),
    TableSpec(
        name="core_imf_dots__yearly_bilateral_trade",
        description="IMF DOTS: every reporter's exports (FOB) to and imports (CIF) from every "
        "partner, yearly.",
        schema=_schema(
            "reporter_iso3",
            "partner_iso3",
            "flow",
            "year",
            col("valuation", description="'fob' for exports, 'cif' for imports, as DOTS reports"),
            col("value_usd", description="Converted from the workbooks' US dollars, millions"),
            col("is_estimate", description="The cell carries the IMF's 'e' estimate marker"),
            "is_aggregate_partner",
            col("source_file", description="Workbook the row came from: reporter WLD has "
                "rows from DOTS_221.xlsx (to 2020) and from the World-partner file (to 2022)"),
            key=("reporter_iso3", "partner_iso3", "flow", "year", "source_file"),
            version=2,
        ),
        builder="econ.etl.dots:build_bilateral_trade",
        inputs=("imf_dots_annual_xlsx/DOTS_*.xlsx",
                "imf_dots_world_partner_annual/Exports_and_Imports_by_Areas_and_Co.xlsx"),
        upstream=("core_codes__country_aliases", "core_codes__countries"),
        citation=_DOTS_CITATION,
        caveats=(
            "Imports are CIF and exports FOB, as reported: compare with a CIF/FOB factor.",
            "Estimated cells (IMF marker 'e') are rounded to 0.01 million in the workbook.",
            "The per-reporter workbooks end in 2020 (a 2022 download); the World-partner file "
            "(reporter WLD, a 2023 download) runs to 2022. Filter on source_file to pick one "
            "vintage of WLD.",
        ),
    ),
    TableSpec(
        name="core_comtrade__monthly_bilateral_trade",
        description="UN Comtrade monthly totals: China's imports from Russia, 2017-2024.",
        schema=_schema(
            "reporter_iso3",
            "partner_iso3",
            "flow",
            "period",
            "valuation",
            col("value_usd", description="Comtrade primaryValue, US dollars"),
            col("classification", description="HS revision of the report: H5 or H6"),
            key=("reporter_iso3", "partner_iso3", "flow", "period"),
        ),
        builder="econ.etl.comtrade:build_monthly_bilateral_trade",
        inputs=("un_comtrade/comtrade_imports_chn_from_rus_2017_2024.csv",),
        upstream=("core_codes__country_aliases",),
        citation="UN Statistics Division, UN Comtrade (Comtrade+ API v1, final data)",
    ),
    TableSpec(
        name="core_third_party__monthly_total_trade",
        description="China-Russia two-way goods trade per month, China-reported, as compiled "
        "by a third party (2017-2024).",
        schema=_schema(
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
    TableSpec(
        name="core_baci__yearly_product_trade",
        description="CEPII BACI HS6 trade between China and Russia, yearly, 2017-2023.",
        schema=_schema(
            "year",
            "exporter_iso3",
            "importer_iso3",
            col("hs6", description="HS2017 6-digit code, zero-padded (the source drops zeros)"),
            col("value_usd", description="FOB, converted from BACI's thousands of US dollars"),
            col("quantity_t", description="Metric tons as BACI gives them; missing when BACI "
                "has none"),
            key=("year", "exporter_iso3", "importer_iso3", "hs6"),
        ),
        builder="econ.etl.baci:build_product_trade",
        inputs=("cepii_baci/baci_russia_china_processed_2017_2023.csv",),
        upstream=("core_codes__country_aliases",),
        citation="CEPII BACI HS17 V202501 (Gaulier & Zignago 2010), China-Russia rows",
        caveats=("Only flows between China and Russia: no world totals can be formed.",),
    ),
    TableSpec(
        name="core_oec__yearly_hs4_trade",
        description="OEC HS4 trade between Russia and China from two OEC downloads.",
        schema=_schema(
            "year",
            "exporter_iso3",
            "importer_iso3",
            col("hs4", description="HS 4-digit heading (HS92-based OEC code), zero-padded"),
            col("source", description="OEC download: 'exports_russia_to_china' or "
                "'bilateral_compare'"),
            col("description", description="OEC's HS4 name"),
            Column("section", _TEXT, "", "OEC section name"),
            col("value_usd", description="US dollars as OEC gives them"),
            "caveat",
            key=("year", "exporter_iso3", "importer_iso3", "hs4", "source"),
        ),
        builder="econ.etl.oec:build_hs4_trade",
        inputs=(
            "oec/exports_russia_to_china_2018_2023.csv",
            "oec/exports_bilateral_hs4_2018_2023.csv",
        ),
        upstream=(),
        citation="Observatory of Economic Complexity (Datawheel), built on CEPII BACI",
        caveats=(
            "In the 'bilateral_compare' download the Russia-to-China column leaves out crude "
            "oil (HS 2709) and is incomplete: use 'exports_russia_to_china' for that flow.",
        ),
    ),
    TableSpec(
        name="core_oec__yearly_hs4_tariffs",
        description="Russia's applied tariff on, and imports from, China by HS4 (OEC).",
        schema=_schema(
            "year",
            "importer_iso3",
            "exporter_iso3",
            col("hs4", description="HS 4-digit heading, zero-padded"),
            col("description", description="OEC's HS4 name"),
            col("tariff_pct", description="Russia's applied tariff, percent, as OEC gives it"),
            col("value_usd", description="Russia's imports from China, US dollars (OEC)"),
            key=("year", "importer_iso3", "exporter_iso3", "hs4"),
        ),
        builder="econ.etl.oec:build_hs4_tariffs",
        inputs=("oec/tariffs_russia_from_china_2019_2023.csv",),
        citation="Observatory of Economic Complexity (Datawheel): tariffs and imports by HS4",
        caveats=("No 2022 columns in the download.",),
    ),
    TableSpec(
        name="core_atlas__yearly_country_trade",
        description="Harvard Atlas: each country's total goods exports and imports, 1988-2024.",
        schema=_schema(
            "iso3",
            "year",
            col("exports_usd", description="Mirror-reconciled goods exports, current USD"),
            col("imports_usd", description="Mirror-reconciled goods imports, current USD"),
            col("is_mirror_estimate", description="Russia from 2022: built from partners' "
                "reports because Russia stopped publishing"),
            key=("iso3", "year"),
        ),
        builder="econ.etl.atlas:build_country_trade",
        inputs=("harvard_atlas/hs92_country_year.csv",),
        upstream=("core_codes__countries",),
        citation="Harvard Growth Lab, Atlas of Economic Complexity, International Trade Data "
        "(HS92), Harvard Dataverse",
        caveats=(
            "Russia 2022 onward: mirror estimates that run below Russia's balance-of-payments "
            "imports, so shares over them are overstated.",
        ),
    ),
    TableSpec(
        name="core_wdi__yearly_gdp",
        description="GDP in current US dollars by economy and year (World Bank WDI).",
        schema=_schema(
            "iso3",
            "year",
            col("gdp_usd", description="NY.GDP.MKTP.CD, current US dollars"),
            col("source", description="'wdi_bulk' (bulk CSV, last updated 2024-10-24) or "
                "'wb_api_extract' (API pull, only where the bulk file has no value)"),
            key=("iso3", "year"),
        ),
        builder="econ.etl.wdi:build_gdp",
        inputs=(
            "worldbank_wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv",
            "worldbank_wdi/worldbank_russia_china_raw.csv",
        ),
        upstream=("core_codes__country_aliases",),
        citation="World Bank, World Development Indicators, NY.GDP.MKTP.CD (CC BY 4.0)",
    ),
    TableSpec(
        name="core_wdi__yearly_macro_indicators",
        description="Other WDI indicators for China and Russia from the API extract.",
        schema=_schema(
            "iso3",
            "year",
            col("indicator", description="WDI indicator code"),
            col("value", description="Value in the unit of the 'unit' column"),
            "unit",
            key=("iso3", "year", "indicator"),
        ),
        builder="econ.etl.wdi:build_macro_indicators",
        inputs=("worldbank_wdi/worldbank_russia_china_raw.csv",),
        upstream=("core_codes__country_aliases",),
        citation="World Bank, World Development Indicators, API extract via wbdata",
    ),
    TableSpec(
        name="core_cow__yearly_national_trade",
        description="Correlates of War national trade totals, 1870-2014.",
        schema=_schema(
            Column("cow_code", _TEXT, "", "Correlates of War state code (ccode)"),
            "year",
            "iso3",
            col("imports_usd", description="Converted from current US dollars, millions"),
            col("exports_usd", description="Converted from current US dollars, millions"),
            Column("alt_imports_usd", "float64", "USD", "COW alternative imports figure"),
            Column("alt_exports_usd", "float64", "USD", "COW alternative exports figure"),
            Column("source1", _TEXT, "", "COW source code for imports, as in the file"),
            Column("source2", _TEXT, "", "COW source code for exports, as in the file"),
            key=("cow_code", "year"),
        ),
        builder="econ.etl.cow:build_national_trade",
        inputs=("cow_trade/National_COW_4.0.csv",),
        upstream=("core_codes__country_aliases",),
        citation="Correlates of War Project, Trade v4.0 (Barbieri & Keshk)",
        caveats=("COW codes -9 (missing) are loaded as missing values.",),
    ),
    TableSpec(
        name="core_cbr__monthly_goods_trade",
        description="Bank of Russia goods exports and imports (BoP, FOB), monthly, 1997-2020-09 "
        "and 2021-01 onward, every vintage.",
        schema=_schema(
            "period", "flow", "partner_group", "vintage",
            col("value_usd", description="FOB; converted from USD million (trade.xls) or USD "
                "billion with 3 decimals (dashboard JSON)"),
            col("source", description="'cbr_trade_xls' (the Bank's file) or 'operboard_json' "
                "(a third-party dashboard's copy of the Bank's series)"),
            key=("period", "flow", "partner_group", "vintage"),
        ),
        builder="econ.etl.cbr:build_monthly_goods_trade",
        inputs=(_CBR_XLS, _CBR_JSON),
        citation=_CBR_CITATION,
        caveats=_CBR_CAVEATS,
    ),
    _cbr_spec("quarterly", "1994 Q1-2020 Q3",
              col("period", description="First day of the quarter")),
    _cbr_spec("yearly", "1994-2019", col("year")),
    TableSpec(
        name="core_fcs__yearly_trade_totals",
        description="Russia's customs (FCS) export and import totals: full years 1994-2023 "
        "and partial 2024, by basis and publication.",
        schema=_schema(
            "year",
            Column("months", "int64", "months", "Months covered from January (12 = full year)"),
            "flow", "partner_group",
            Column("basis", _TEXT, "", "with_additions, customs_only or customs_statistics"),
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
        name="core_fcs__monthly_trade_totals",
        description="Russia's customs-only monthly export and import totals, 2019-2021 "
        "(world) and 2021-Jan 2022 (non-CIS).",
        schema=_schema(
            "period", "flow", "partner_group",
            Column("basis", _TEXT, "", "with_additions, customs_only or customs_statistics"),
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
    TableSpec(
        name="core_gacc__release_by_country",
        description="China customs preliminary releases by country/region (CNY), one row "
        "per partner, flow and period of each release.",
        schema=_schema(
            Column("release_period", "date", "month", "First day of the release's (last) "
                   "month"),
            col("is_cumulative", description="Value covers January to the release month"),
            Column("partner_name", _TEXT, "", "Partner or group as printed in the release"),
            col("flow", description="'total' (exports plus imports), 'exports' or 'imports', "
                "seen from China"),
            col("partner_iso3", description="ISO3 of the partner, or an econ group code "
                "(ASEAN, EU, Belt and Road ...)"),
            col("is_jan_feb_combined", description="China published January and February "
                "together"),
            Column("value_cny", "float64", "CNY", "Converted from CNY 100 million; no USD "
                   "value without a documented rate"),
            Column("published", "date", "day", "Release date printed on the page"),
            "source_file",
            key=("release_period", "is_cumulative", "partner_name", "flow"),
        ),
        builder="econ.etl.gacc:build_release_by_country",
        inputs=("china_customs_gacc_releases/*.html",),
        upstream=("core_codes__country_aliases",),
        references=("gacc_release_names.csv",),
        citation="General Administration of Customs of the People's Republic of China (GACC), "
        "preliminary release (4) by country/region, English site, CNY edition",
        caveats=("Preliminary 'express' figures in CNY; sub-rows ('of which: Germany') are "
                 "part of their group's total.",),
    ),
    TableSpec(
        name="core_hs__products",
        description="HS 6-digit products (HS2017 and HS2022) with chapter, heading, section "
        "and BEC.",
        schema=_schema(
            "hs6",
            "hs_revision",
            "hs4",
            "hs2",
            "description",
            Column("section", _TEXT, "", "HS section (Roman numeral)"),
            Column("bec", _TEXT, "", "BEC code(s) from the UNSD HS2017-BEC table, "
                   "';'-separated where one product maps to several"),
            key=("hs6", "hs_revision"),
        ),
        builder="econ.etl.hs:build_products",
        inputs=(
            "cepii_baci_meta/product_codes.csv",
            "cepii_baci_meta/hs17_bec.csv",
            "code_tables/datahub_harmonized_system/harmonized-system.csv",
        ),
        citation="CEPII BACI HS2017 product list; UNSD HS2017-BEC concordance; UN Comtrade "
        "HS2022 classification via datahub.io",
    ),
    TableSpec(
        name="core_ei__yearly_energy_trade",
        description="Energy Institute/bp Statistical Review: oil, gas and coal trade between "
        "economies and regions, every edition.",
        schema=_schema(
            "edition",
            "year",
            col("exporter", description="Exporter as EI names it (economy, region or 'Total')"),
            col("importer", description="Importer as EI names it (economy, region or 'Total')"),
            col("commodity", description="crude, oil_products, pipeline_gas, lng or coal"),
            col("source", description="'bilateral_matrix' (one year's trade matrix) or "
                "'inter_regional_table' (the multi-year inter-regional gas table)"),
            *_EI_TRADE_VALUES,
            key=("edition", "year", "exporter", "importer", "commodity", "source"),
        ),
        builder="econ.etl.ei:build_energy_trade",
        inputs=_EI_EDITIONS,
        upstream=("core_codes__country_aliases", "core_codes__countries"),
        citation=_EI_CITATION,
        caveats=(
            *_EI_CAVEATS,
            "The EI 2026 oil matrix is titled 2024 but holds 2025 (checked against its "
            "two-year oil trade sheet); it is loaded as 2025.",
            "The inter-regional gas table excludes trade within a region; its partner rows "
            "are the only bilateral values it has (EI 2023 prints none).",
            "Each value has one unit column filled: volume_mt (oil), volume_bcm (gas), "
            "energy_ej (coal).",
        ),
    ),
    TableSpec(
        name="core_ei__yearly_energy_trade_latest",
        description="EI energy trade: each flow's value from the newest edition that has it.",
        schema=_schema(
            "year",
            col("exporter", description="Exporter as the chosen edition names it"),
            col("importer", description="Importer as the chosen edition names it"),
            col("commodity", description="crude, oil_products, pipeline_gas, lng or coal"),
            col("edition", description="Edition the value comes from"),
            col("source", description="EI table it comes from: the bilateral matrix when "
                "the edition has one for the year, else the inter-regional gas table"),
            *_EI_TRADE_VALUES,
            key=("year", "exporter", "importer", "commodity"),
        ),
        builder="econ.etl.ei:build_energy_trade_latest",
        inputs=_EI_EDITIONS,
        upstream=("core_ei__yearly_energy_trade", "core_codes__country_aliases",
                  "core_codes__countries"),
        citation=_EI_CITATION,
        caveats=(
            *_EI_CAVEATS,
            "Flows are matched by code, so 'Russia' and 'Russian Federation' are one "
            "exporter; filter on exporter_iso3/importer_iso3, not on names.",
            "Residual rows ('Other ...', 'Rest of ...') are left out: what they hold depends "
            "on which economies an edition shows separately.",
        ),
    ),
    TableSpec(
        name="core_ei__yearly_country_energy",
        description="EI/bp Statistical Review: oil, gas and coal production and consumption "
        "by economy and year, per edition.",
        schema=_schema(
            "edition",
            col("country", description="Economy or region as EI names it"),
            "year",
            col("commodity", description="oil, gas or coal"),
            col("measure", description="production or consumption"),
            col("iso3", description="ISO3 of the economy; missing for regions and groups"),
            col("volume_mt", description="Oil or coal, million tonnes"),
            col("volume_bcm", description="Natural gas, billion cubic metres"),
            col("energy_ej", description="Exajoules (oil consumption, gas, coal)"),
            key=("edition", "country", "year", "commodity", "measure"),
        ),
        builder="econ.etl.ei:build_country_energy",
        inputs=(
            "energy_institute_statistical_review/bp_2022_edition/"
            "bp-stats-review-2022-consolidated-dataset-panel-format.xlsx",
            "energy_institute_statistical_review/ei_*_edition/*.xlsx",
        ),
        upstream=("core_codes__country_aliases", "core_codes__countries"),
        citation=_EI_CITATION + "; bp Statistical Review 2022 consolidated dataset (panel)",
        caveats=(
            *_EI_CAVEATS,
            "Edition 2022 comes from the panel file; 2023 onward from each edition's "
            "country sheets. Older all-data workbooks are not read here.",
            "Before 1985 the USSR row holds the Soviet Union and Russia and the other "
            "successor states hold 0 (EI's nil), not missing values.",
        ),
    ),
    TableSpec(
        name="core_china_customs__monthly_energy_imports",
        description="China's monthly imports of crude, gas and coal by origin (China "
        "customs via Wind, UN Comtrade and GACC files), every vintage.",
        schema=_schema(
            col("source", description="wind (Wind exports kept by CREA), comtrade or gacc "
                "(china-energy-monitor files)"),
            col("vintage", description="Release, 'YYYY-MM': the Wind folder's month; for the "
                "undated china-energy-monitor copies the month after their newest data"),
            "period",
            col("origin_iso3", description="Origin economy; WLD for China's totals"),
            col("commodity", description="crude, lng, pipeline_gas, natural_gas (LNG and "
                "pipeline), coal (HS 2701), coal_steam, coal_coking, coal_anthracite, "
                "lignite, coal_and_lignite"),
            col("quantity_t", description="Tonnes, converted from kg, t, 10,000 t (Wind) or "
                "million tonnes (fuel files); missing where not published or imputed"),
            col("value_usd", description="US dollars, converted from USD, USD 10,000 (Wind) "
                "or USD billion (fuel files); imports are valued CIF"),
            col("is_jan_feb_combined", description="January and February published as one "
                "value, kept under February (no January row); split_jan_feb divides it"),
            "caveat",
            key=("source", "vintage", "period", "origin_iso3", "commodity"),
        ),
        builder="econ.etl.china_customs:build_monthly_energy_imports",
        inputs=(
            "crea_fossil_shipment_tracker/china_customs_wind/*/china_imports_wind.csv",
            "china_energy_monitor_doiennoson/fuel-imports/*.csv",
        ),
        upstream=("core_codes__country_aliases",),
        citation="General Administration of Customs of China (GACC): via Wind Information "
        "exports kept by CREA (energyandcleanair/fossil_shipment_tracker_r), and via UN "
        "Comtrade and GACC files compiled by DoiEnnoson/china-energy-monitor",
        caveats=(
            "Several vintages of the same month are kept (source, vintage); use "
            "econ.etl.china_customs.newest_vintage for one value per month.",
            "The china-energy-monitor copies are undated: their vintage is the month after "
            "their newest data. Their GACC files hold values only; Comtrade pipeline-gas "
            "quantities (imputed by the compiler) are not loaded.",
            "None of the current files publishes January and February together; a combined "
            "value would be flagged and can be split with split_jan_feb.",
            "Pipeline gas volumes from Russia stop in December 2021: customs stopped "
            "publishing them.",
        ),
    ),
    TableSpec(
        name="core_worldbank__monthly_commodity_prices",
        description="World Bank Pink Sheet: monthly crude oil, natural gas, LNG and coal "
        "prices.",
        schema=_schema(
            col("commodity", description="crude_oil_average/brent/dubai/wti, natural_gas_us/"
                "europe, lng_japan, natural_gas_index, coal_australia, coal_south_africa"),
            "period",
            col("description", description="The Pink Sheet's column header"),
            col("value", description="Nominal price in the row's unit"),
            col("unit", description="USD/bbl, USD/t, USD/mmbtu or 'index, 2010=100'"),
            key=("commodity", "period"),
        ),
        builder="econ.etl.pink_sheet:build_monthly_commodity_prices",
        inputs=("world_bank_pink_sheet/CMO-Historical-Data-Monthly.xlsx",),
        citation="World Bank, Commodity Price Data (The Pink Sheet), monthly, "
        "CMO-Historical-Data-Monthly.xlsx",
        caveats=(
            "No Urals or ESPO price: Russian crude trades at a discount to Brent and Dubai.",
            "Series definitions changed over time (e.g. European gas is TTF from April 2015); "
            "see the workbook's Description sheet.",
        ),
    ),
    TableSpec(
        name="core_hs__concordance_hs2022_hs2017",
        description="HS2022 -> HS2017 links (BACI's HS2017 list) with the share of each "
        "HS2017 code's value allocated to each HS2022 code; unmatched codes of both sides.",
        schema=_schema(
            col("hs2022", description="HS2022 code; missing on an unmatched HS2017 row"),
            col("hs2017", description="HS2017 code of BACI's list (271000 = heading 2710); "
                "missing on an unmatched HS2022 row"),
            Column("link", _TEXT, "", "identity (code in both revisions), unsd_conversion, "
                   "unsd_correlation, review, or none (unmatched)"),
            Column("relationship", _TEXT, "", "UNSD Correlations sheet relationship of the "
                   "pair (1:1, 1:n, n:1, n:n); missing for identity and reviewed links"),
            Column("allocation", _TEXT, "", "whole (weight 1), share (equal share of a split "
                   "HS2017 code), carved_out (weight 0: part of an HS2017 code that keeps its "
                   "value, share unknown), unmatched"),
            col("weight", description="Share of the HS2017 code's value allocated to the "
                "HS2022 code; sums to 1 over an HS2017 code's links; missing if unmatched"),
            col("match", description="Of the HS2022 code over all its links: exact, merged, "
                "split (a share, or carved out only) or unmatched"),
            Column("hs2017_lost_to", _TEXT, "", "HS2022 headings that took part of the "
                   "HS2017 code's content without a link here (UNSD Correlations sheet), "
                   "';'-separated; empty when none. Its series breaks in 2022"),
            Column("is_description_changed", "bool", "", "Identity links only: the two "
                   "revisions' descriptions share less than 60% of their words"),
            Column("description_hs2022", _TEXT, "", "HS2022 description (datahub / UN "
                   "Comtrade)"),
            Column("description_hs2017", _TEXT, "", "HS2017 description (BACI)"),
            Column("note", _TEXT, "", "Why the link exists or what to watch"),
            key=("hs2022", "hs2017"),
            nullable_key=("hs2022", "hs2017"),
        ),
        builder="econ.etl.hs:build_concordance_hs2022_hs2017",
        inputs=(),
        references=("hs2022_hs2017.csv", "hs2017_scope_losses.csv"),
        upstream=("core_hs__products",),
        citation="UN Statistics Division, HS2022 to HS2017 Conversion and Correlation Tables "
        "(HS2022toHS2017ConversionAndCorrelationTables.xlsx, copy in insongkim/concordance "
        "data-raw at commit 201c812e), reviewed rows in econ/etl/reference/hs2022_hs2017.csv; "
        "codes present in both revisions map to themselves",
        caveats=(
            "Split HS2017 codes are shared equally among their HS2022 successors in the same "
            "heading: no HS2022-coded trade is available to weight them.",
            "HS2022 codes carved out of an HS2017 code that keeps its number, or lying outside "
            "its heading (8549 e-waste in 854231; 8524 display modules and 854151/854159 in "
            "851712; 8806 drones in 852580), get weight 0: their trade stays in the HS2017 "
            "code's value.",
            "From 2022 BACI HS17 holds HS2022 reports converted with UNSD's Conversions "
            "sheet, which sends 854151/854159 to 851712 (telephones): their 2022+ trade "
            "sits in 851712.",
        ),
    ),
    TableSpec(
        name="core_sanctions__hs_lists",
        description="HS6 codes of sanctions and export-control lists (CHPL by tier, US EAR "
        "part 746 supplements, EU Reg. 833/2014 CN codes reduced to HS6).",
        schema=_schema(
            "list_name",
            "list_version",
            "tier",
            col("hs6", description="HS6 code (the list's code; EU CN8 codes cut to their "
                "first six digits, EU CN4 headings expanded to their subheadings)"),
            col("hs_revision", description="HS2022 (CHPL, EAR, EU codes of CN2022) or "
                "HS2017 (EU codes of earlier CN vintages, heading 8803)"),
            col("description", description="As the list prints it (CHPL; EAR supplements 2 "
                "and 7; EU: 'CN8: Eurostat label' joined by ' | '); missing where the list "
                "has none (EAR supplements 4 and 5, EU CN4 headings)"),
            Column("codes_as_listed", _TEXT, "", "The list's own code(s) behind the row: "
                   "'8542.31' (CHPL), CN8 codes ';'-separated or the CN4 heading (EU)"),
            "is_transcribed",
            "source_file",
            key=("list_name", "tier", "hs6"),
        ),
        builder="econ.etl.sanctions:build_hs_lists",
        inputs=(
            "sanctions_hs_lists/chpl/chpl_bis_2024-02-23.csv",
            "sanctions_hs_lists/chpl/chpl_bis_2024-02-23_tiers.csv",
            "sanctions_hs_lists/us_ear_part746/ear746_hs6_tidy.csv",
            "sanctions_hs_lists/us_ear_part746/source_transcriptions/"
            "ear-derived_russiaHts_transcribed.json",
            "sanctions_hs_lists/eu_833_2014_ruimpeks/export_sanctions_codes.csv",
            "sanctions_hs_lists/eu_833_2014_ruimpeks/input_codes.csv",
        ),
        upstream=("core_hs__products",),
        citation=_SANCTIONS_CITATION,
        caveats=_SANCTIONS_CAVEATS,
    ),
    TableSpec(
        name="out_dependence__yearly_china_share_of_russia_imports",
        description="China's share of Russia's imports per year on every basis the data "
        "support, with valuation, sources and caveats.",
        schema=_schema(
            "year",
            col("basis", description="Numerator over denominator, see econ.indicators."
                "china_share.BASES"),
            col("share", description="Numerator over denominator, 0-1"),
            Column("numerator_usd", "float64", "USD", "Russia's imports from China on the "
                   "basis' reporter and valuation (after the CIF/FOB factor)"),
            Column("denominator_usd", "float64", "USD", "Russia's total imports on the "
                   "basis' definition"),
            "valuation",
            Column("cif_fob_factor", "float64", "ratio", "Factor applied to the numerator "
                   "to match the denominator's valuation (1 = none)"),
            Column("numerator_source", _TEXT, "", "Tables the numerator comes from"),
            Column("denominator_source", _TEXT, "", "Tables the denominator comes from"),
            Column("meaning", _TEXT, "", "What the basis measures"),
            "caveat",
            key=("year", "basis"),
        ),
        builder="econ.out.dependence:build_china_share_of_russia_imports",
        inputs=(),
        upstream=("core_imf_dots__yearly_bilateral_trade", "core_fcs__monthly_partner_trade",
                  "core_comtrade__monthly_bilateral_trade",
                  "core_third_party__monthly_total_trade", "core_baci__yearly_product_trade",
                  "core_cbr__monthly_goods_trade", "core_fcs__yearly_trade_totals",
                  "core_atlas__yearly_country_trade", "core_wdi__yearly_gdp",
                  "core_wdi__yearly_macro_indicators"),
        citation="econ computation over the listed core tables",
    ),
    TableSpec(
        name="out_sanctions__yearly_listed_trade",
        description="Trade in goods on sanctions and export-control lists (CHPL by tier, "
        "EAR supplements, EU 833/2014), China->Russia (and Russia->China for the EU list), "
        "value and share per year.",
        schema=_schema(
            "exporter_iso3",
            "importer_iso3",
            "list_name",
            "list_version",
            col("tier", description="List part ('Tier 1', 'Supp. 4', 'CN8 codes' ...) or "
                "'all' (union of the list's parts, each code once)"),
            "year",
            col("n_codes", description="Distinct HS6 codes of the list part"),
            col("value_usd", description="Listed trade: each BACI HS2017 code's FOB value "
                "times its listed share under the concordance"),
            col("value_lower_usd", description="Only HS2017 codes wholly listed"),
            col("value_upper_usd", description="Every HS2017 code holding a listed code, "
                "even in part (carved-out codes included)"),
            col("total_usd", description="Exporter's total sales to the importer (BACI, all "
                "HS6 codes, FOB)"),
            col("share", description="value_usd / total_usd"),
            Column("importer_share", "float64", "fraction", "Exporter's share of the "
                   "importer's listed-goods imports from all partners; NaN when those "
                   "imports are unavailable"),
            Column("importer_share_reason", _TEXT, "", "Why importer_share is missing; "
                   "empty when computed"),
            "base_year",
            col("growth", description="value_usd / value_usd in base_year - 1"),
            Column("top_hs6", _TEXT, "", "Largest list codes by allocated value, with their "
                   "share of value_usd"),
            col("caveat", description="Codes of this list part that are split, carved out or "
                "unmatched"),
            key=("exporter_iso3", "importer_iso3", "list_name", "tier", "year"),
        ),
        builder="econ.out.sanctions:build_yearly_listed_trade",
        inputs=(),
        upstream=("core_baci__yearly_product_trade", "core_sanctions__hs_lists",
                  "core_hs__concordance_hs2022_hs2017"),
        citation="econ computation over CEPII BACI HS17 V202501 (China-Russia rows) and the "
        "lists: " + _SANCTIONS_CITATION + "; HS2022->HS2017 links from UNSD's correlation "
        "tables (core_hs__concordance_hs2022_hs2017)",
        caveats=(
            "Lists are applied to every year, 2017-2023, although the EAR supplements and the "
            "CHPL date from 2022-2024: the series shows the trade in today's listed goods.",
            "BACI holds only China-Russia flows: Russia's listed-goods imports from all "
            "partners, hence China's share of them, are not available (importer_share NaN).",
            "Split HS2017 codes are shared equally among their HS2022 successors; see "
            "value_lower_usd and value_upper_usd for the range.",
            "From 2022 BACI's HS2017 851712 (telephones) also holds HS2022 854151/854159 "
            "(CHPL semiconductor devices): their 2022-2023 trade counts only in "
            "value_upper_usd.",
        ),
    ),
    TableSpec(
        name="out_balance__yearly_rus_chn",
        description="Russia-China trade balance per year from Russia's side, China-reported "
        "and Russia-reported, FOB.",
        schema=_schema(
            "year", _BALANCE_BASIS, *_BALANCE_COLUMNS, key=("year", "basis")),
        builder="econ.out.balance:build_yearly_rus_chn",
        inputs=(),
        upstream=("core_imf_dots__yearly_bilateral_trade",
                  "core_comtrade__monthly_bilateral_trade",
                  "core_third_party__monthly_total_trade", "core_fcs__monthly_partner_trade"),
        citation="econ computation over the listed core tables",
        caveats=_BALANCE_CAVEATS,
    ),
    TableSpec(
        name="out_balance__monthly_rus_chn",
        description="Russia-China trade balance per month from Russia's side: China-reported "
        "2017-2024, Russia-reported 2006-2021, FOB.",
        schema=_schema(
            "period", _BALANCE_BASIS, *_BALANCE_COLUMNS, "is_jan_feb_combined",
            key=("period", "basis")),
        builder="econ.out.balance:build_monthly_rus_chn",
        inputs=(),
        upstream=("core_comtrade__monthly_bilateral_trade",
                  "core_third_party__monthly_total_trade", "core_fcs__monthly_partner_trade"),
        citation="econ computation over the listed core tables",
        caveats=_BALANCE_CAVEATS,
    ),
    TableSpec(
        name="out_tsa__convergence_battery",
        description="Convergence-to-balance test battery on the Russia-China balance (annual "
        "and monthly, both bases, whole sample and sub-samples between breaks).",
        schema=_schema(
            _SERIES,
            Column("id", _TEXT, "", "Row id: sample and test, e.g. 'full:adf_n'"),
            Column("sample", _TEXT, "", "'full' or the sub-sample's span"),
            Column("sample_start", _TEXT, "", "First year or month of the sample"),
            Column("sample_end", _TEXT, "", "Last year or month of the sample"),
            Column("test", _TEXT, "", "Test name"),
            Column("null_hypothesis", _TEXT, "", "The null hypothesis in words"),
            Column("statistic", "float64", "", "Test statistic or estimate"),
            Column("pvalue", "float64", "probability", "p-value where the test has one"),
            Column("critical_value_5pct", "float64", "", "5% critical value where used"),
            Column("lags", "float64", "", "Lags used"),
            Column("deterministic", _TEXT, "", "Deterministic terms"),
            Column("nobs", "float64", "", "Observations used"),
            Column("decision", _TEXT, "", "At 5%: reject, do not reject, not run, estimate"),
            Column("note", _TEXT, "", "Why a test did not run, or what an estimate means"),
            key=("series", "id"),
        ),
        builder="econ.out.tsa:build_battery",
        inputs=(),
        upstream=("out_balance__yearly_rus_chn", "out_balance__monthly_rus_chn"),
        citation="econ.tsa.convergence_battery (tests verified against R urca, strucchange, "
        "lmtest/sandwich and the original papers; see tests/results)",
        caveats=("Monthly series are seasonally adjusted (STL) before testing.",
                 "Short sub-samples cannot run every test; their rows say why."),
    ),
    TableSpec(
        name="out_tsa__convergence_verdict",
        description="Plain-language verdict of each convergence battery, clause by clause, "
        "each naming the battery rows it rests on.",
        schema=_schema(
            _SERIES,
            Column("clause", "int64", "", "Clause number within the verdict"),
            Column("text", _TEXT, "", "The clause"),
            Column("row_ids", _TEXT, "", "ids of out_tsa__convergence_battery rows it cites"),
            key=("series", "clause"),
        ),
        builder="econ.out.tsa:build_verdict",
        inputs=(),
        upstream=("out_balance__yearly_rus_chn", "out_balance__monthly_rus_chn"),
        citation="econ.tsa.convergence_battery",
    ),
    TableSpec(
        name="out_dependence__yearly_pair_indicators",
        description="Dependence, asymmetry and balance indicators for Russia and China with "
        "each other and with USA, DEU, IND, KAZ, TUR, per year and basis.",
        schema=_schema(
            "year", "reporter_iso3", "partner_iso3",
            col("indicator", description="import_share, export_share, total_trade_share, "
                "trade_to_gdp, hirschman_difference, hirschman_ratio, salience, symmetry, "
                "interdependence, normalised_balance, log_ratio, coverage_ratio, "
                "hhi_import_partners"),
            col("value", description="Value of the indicator (a ratio; see the indicator)"),
            col("basis", description="'reported_dots' (each reporter's own DOTS reports) or "
                "'china_reported_flows' (RUS-CHN from China's reports, with BoP and Atlas "
                "totals)"),
            Column("source_tables", _TEXT, "", "Tables the row is computed from"),
            key=("year", "reporter_iso3", "partner_iso3", "indicator", "basis"),
        ),
        builder="econ.out.dependence:build_pair_indicators",
        inputs=(),
        upstream=("core_imf_dots__yearly_bilateral_trade", "core_codes__countries",
                  "core_wdi__yearly_gdp", "out_balance__yearly_rus_chn",
                  "core_cbr__monthly_goods_trade", "core_atlas__yearly_country_trade"),
        citation="econ.indicators.pairs over the listed tables (Hirschman 1945; Barbieri "
        "1996; Oneal and Russett 1997)",
        caveats=("reported_dots ends in 2020; china_reported_flows covers 2017-2024 for "
                 "RUS-CHN only, with totals from other sources (see notes).",),
    ),
    TableSpec(
        name="out_dependence__product_screen",
        description="HS6 screen of Russia's trade with China (BACI): imports, exports, the "
        "pair's import/export ratio, product share, Grubel-Lloyd.",
        schema=_schema(
            "year", "reporter_iso3", "partner_iso3", "hs6",
            col("imports_usd", description="Russia's imports from China (BACI, FOB)"),
            col("exports_usd", description="Russia's exports to China (BACI, FOB)"),
            Column("import_export_ratio", "float64", "ratio", "Imports over exports of the "
                   "product with the partner (NaN without exports)"),
            col("share", description="The product's share of the pair's total trade"),
            Column("grubel_lloyd", "float64", "index", "1 - |X - M| / (X + M)"),
            col("description", description="HS2017 product description (core_hs__products)"),
            key=("year", "reporter_iso3", "partner_iso3", "hs6"),
        ),
        builder="econ.out.dependence:build_product_screen",
        inputs=(),
        upstream=("core_baci__yearly_product_trade", "core_hs__products"),
        citation="econ.indicators.bilateral_screen over CEPII BACI (EU SWD(2021)352 / CEPII "
        "GeoDep criteria, what a bilateral file allows)",
        caveats=("Supplier concentration, the importer's world import/export ratio and world "
                 "export concentration cannot be computed from a China-Russia-only BACI file "
                 "(see notes); dependence_screen computes them on a full BACI release.",),
    ),
    TableSpec(
        name="out_forecast__balance",
        description="Forecasts of Russia's normalised balance with China (China-reported): "
        "24 months and 3 years ahead, every model, 80/95% intervals, reciprocity band "
        "probability, and the Power of Siberia 2 scenario.",
        schema=_schema(
            Column("frequency", _TEXT, "", "'monthly' or 'annual'"),
            Column("model", _TEXT, "", "econ.forecast model name"),
            Column("scenario", _TEXT, "", "'baseline' or the named scenario"),
            col("period", description="First day of the forecast month (annual: of the year)"),
            Column("origin", _TEXT, "", "Last observed period"),
            Column("horizon", "int64", "periods", "Steps ahead of the origin"),
            Column("mean", "float64", "ratio", "Forecast mean of the normalised balance"),
            Column("lower_80", "float64", "ratio", "Lower bound, 80% interval"),
            Column("upper_80", "float64", "ratio", "Upper bound, 80% interval"),
            Column("lower_95", "float64", "ratio", "Lower bound, 95% interval"),
            Column("upper_95", "float64", "ratio", "Upper bound, 95% interval"),
            Column("band", "float64", "ratio", "Reciprocity band: |balance| below this"),
            Column("prob_within", "float64", "probability", "Share of simulated paths "
                   "inside the band at that period"),
            Column("is_selected", "bool", "", "Model ranked first in the backtest"),
            key=("frequency", "model", "scenario", "period"),
        ),
        builder="econ.out.forecast:build_balance",
        inputs=(),
        upstream=(*_FORECAST_UPSTREAM, "core_worldbank__monthly_commodity_prices"),
        citation=_FORECAST_CITATION,
        caveats=("VECM intervals ignore parameter uncertainty and run narrow (see its "
                 "backtest coverage).", "The scenario changes the VECM's flow paths only."),
    ),
    TableSpec(
        name="out_forecast__backtest_scores",
        description="Rolling-origin backtest scores per model and horizon (MAE, RMSE, MASE, "
        "interval coverage, Winkler, pinball).",
        schema=_schema(
            Column("frequency", _TEXT, "", "'monthly' or 'annual'"),
            Column("model", _TEXT, "", "econ.forecast model name"),
            Column("horizon", "int64", "periods", "Steps ahead"),
            Column("metric", _TEXT, "", "mae, rmse, mase, coverage_80, coverage_95, "
                   "winkler_80, winkler_95, pinball"),
            col("value", description="The score (MASE scaled by each fold's own training "
                "data)"),
            key=("frequency", "model", "horizon", "metric"),
        ),
        builder="econ.out.forecast:build_scores",
        inputs=(),
        upstream=_FORECAST_UPSTREAM,
        citation=_FORECAST_CITATION,
    ),
    TableSpec(
        name="out_forecast__backtest_ranking",
        description="Models ranked by mean MASE over horizons, with the Diebold-Mariano test "
        "(HLN-corrected) against the naive model.",
        schema=_schema(
            Column("frequency", _TEXT, "", "'monthly' or 'annual'"),
            Column("rank", "int64", "", "1 = best mean MASE"),
            Column("model", _TEXT, "", "econ.forecast model name"),
            *(Column(m, "float64", "", f"Mean {m} over horizons") for m in (
                "mae", "rmse", "mase", "coverage_80", "winkler_80", "coverage_95",
                "winkler_95", "pinball")),
            Column("dm_statistic", "float64", "", "Diebold-Mariano statistic vs naive, h=1"),
            Column("dm_pvalue", "float64", "probability", "Its p-value (two-sided)"),
            key=("frequency", "model"),
        ),
        builder="econ.out.forecast:build_ranking",
        inputs=(),
        upstream=_FORECAST_UPSTREAM,
        citation=_FORECAST_CITATION,
    ),
    TableSpec(
        name="out_energy__yearly_rus_chn",
        description="Russia-China energy dependence per year: volumes, Russia's share of "
        "China's imports and China's share of Russia's exports by commodity; HS27 share.",
        schema=_schema(
            "year",
            col("commodity", description="crude, oil_products, pipeline_gas, lng, coal (and "
                "coal sub-types from customs), or hs27"),
            col("indicator", description="volume, share_of_exporter_exports, share_of_"
                "importer_imports (EI); imports_t, imports_usd, share_of_china_imports_t, "
                "share_of_china_imports_usd (customs); share_of_pair_imports_usd (BACI)"),
            col("value", description="In the row's unit"),
            "unit",
            col("source", description="Table the row is computed from"),
            key=("year", "commodity", "indicator", "source"),
        ),
        builder="econ.out.energy:build_yearly_rus_chn",
        inputs=(),
        upstream=("core_ei__yearly_energy_trade_latest",
                  "core_china_customs__monthly_energy_imports",
                  "core_baci__yearly_product_trade"),
        citation="econ.indicators.energy over Energy Institute Statistical Review (newest "
        "edition per value), China customs (newest vintage), CEPII BACI",
        caveats=("EI and customs volumes differ by a few percent (standard conditions, "
                 "vintages).",),
    ),
)


def table_names() -> list[str]:
    """Names of all tables in build order."""
    return [t.name for t in TABLES]


def get_spec(name: str) -> TableSpec:
    """Return the spec of table ``name``.

    Raises
    ------
    UnknownTableError
        With the closest known names.
    """
    for spec in TABLES:
        if spec.name == name:
            return spec
    close = difflib.get_close_matches(name, table_names(), n=3)
    hint = f" Did you mean {', '.join(close)}?" if close else " Run `econ tables` for the list."
    raise UnknownTableError(f"unknown table '{name}'.{hint}")


_PACKAGE = Path(__file__).resolve().parent


def _module_path(module: str) -> Path | None:
    """Source file of an ``econ`` module, or None if the name is not a module."""
    parts = module.split(".")[1:]
    base = _PACKAGE.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_file(module: str) -> Path:
    path = _module_path(module)
    if path is None:
        raise ModuleNotFoundError(f"builder module {module} not found under {_PACKAGE}")
    return path


@cache
def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def _econ_imports(module: str) -> frozenset[str]:
    """econ modules that ``module`` imports, read from its source (not executed)."""
    tree = ast.parse(_module_file(module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # imports for type checkers only do not shape the data
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found.update(n for n in names if n.startswith("econ.") and _module_path(n))
    return frozenset(found)


def _closure_of(module: str) -> list[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_econ_imports(name))
    return sorted(seen)


def code_fingerprint(spec: TableSpec) -> str:
    """SHA-256 over the code that decides a table's content.

    Covers the package version, the table's schema, the builder's module and every
    ``econ`` module it imports, directly or not (found by reading their import
    statements); a change in any of them makes the table stale.
    """
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(repr(spec.schema).encode())
    modules = {*_closure_of(spec.builder.split(":", 1)[0]), "econ.schema"}  # + validation
    for module in sorted(modules):
        digest.update(module.encode())
        digest.update(_file_sha256(_module_file(module)).encode())
    return digest.hexdigest()
