"""Every table ``econ`` builds: its name, schema, inputs, upstream tables and builder.

The catalog is plain data so that ``econ refresh`` can decide what is stale without
importing pandas or any loader; a builder module is imported only when its table is
built. Inputs are glob patterns relative to ``data/raw``; references are reviewed CSV
files shipped in ``econ/etl/reference``.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.util
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from econ import __version__
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
                    "ei_names.csv", "china_customs_names.csv")
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
            "source_file",
            key=("reporter_iso3", "partner_iso3", "flow", "year"),
        ),
        builder="econ.etl.dots:build_bilateral_trade",
        inputs=("imf_dots_annual_xlsx/DOTS_*.xlsx",),
        upstream=("core_codes__country_aliases", "core_codes__countries"),
        citation=_DOTS_CITATION,
        caveats=(
            "Imports are CIF and exports FOB, as reported: compare with a CIF/FOB factor.",
            "Estimated cells (IMF marker 'e') are rounded to 0.01 million in the workbook.",
            "The series end in 2020 (a 2022 download); Russia's own reports end there too.",
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
            "source",
            "vintage",
            "period",
            col("origin_iso3", description="Origin economy; WLD for China's totals"),
            col("commodity", description="crude, lng, pipeline_gas, natural_gas (LNG and "
                "pipeline), coal (HS 2701), coal_steam, coal_coking, coal_anthracite, "
                "lignite, coal_and_lignite"),
            col("quantity_t", description="Tonnes, converted from kg, t, 10,000 t (Wind) or "
                "million tonnes (fuel files); missing where not published or imputed"),
            col("value_usd", description="US dollars, converted from USD, USD 10,000 (Wind) "
                "or USD billion (fuel files); imports are valued CIF"),
            "is_jan_feb_combined",
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


def _module_file(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"builder module {module} not found")
    return Path(spec.origin)


@cache
def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code_fingerprint(spec: TableSpec) -> str:
    """SHA-256 over the code that decides a table's content.

    Covers the package version, the table's schema, the builder's module, the shared
    etl helpers and the unit conversions; a change in any of them makes the table stale.
    """
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(repr(spec.schema).encode())
    module = spec.builder.split(":", 1)[0]
    files = [_module_file(module), _module_file("econ.etl._read"), _module_file("econ.schema"),
             _module_file("econ.units")]
    for path in files:
        digest.update(_file_sha256(path).encode())
    return digest.hexdigest()
