"""Catalog entries: ei.

Where releases go: ``econ fetch energy_institute`` (a drop-in, usually) stores a new
edition's workbook in ``energy_institute_statistical_review/ei_<edition>_edition/``, where
these tables read every edition; a re-issue of an edition already there goes to
``ei_<edition>_edition/<date fetched>/`` and replaces it (the newest per edition,
:func:`econ.manifest.vintage_key`).
"""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TableSpec, table_schema
from econ.schema import col

__all__ = ["TABLES"]

#: EI editions' workbooks, re-issues (in a dated folder below the edition's) included
_EI_WORKBOOKS = "energy_institute_statistical_review/ei_*_edition/**/*.xlsx"

_EI_EDITIONS = (
    "energy_institute_statistical_review/bp_*_edition/*-all-data.xlsx",
    _EI_WORKBOOKS,
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


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.EI_TRADE,
        description="Energy Institute/bp Statistical Review: oil, gas and coal trade between "
        "economies and regions, every edition.",
        schema=table_schema(
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
        upstream=(names.COUNTRY_ALIASES, names.COUNTRIES),
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
        name=names.EI_TRADE_LATEST,
        description="EI energy trade: each flow's value from the newest edition that has it.",
        schema=table_schema(
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
        upstream=(names.EI_TRADE, names.COUNTRY_ALIASES,
                  names.COUNTRIES),
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
        name=names.EI_COUNTRY,
        description="EI/bp Statistical Review: oil, gas and coal production and consumption "
        "by economy and year, per edition.",
        schema=table_schema(
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
            _EI_WORKBOOKS,
        ),
        upstream=(names.COUNTRY_ALIASES, names.COUNTRIES),
        citation=_EI_CITATION + "; bp Statistical Review 2022 consolidated dataset (panel)",
        caveats=(
            *_EI_CAVEATS,
            "Edition 2022 comes from the panel file; 2023 onward from each edition's "
            "country sheets. Older all-data workbooks are not read here.",
            "Before 1985 the USSR row holds the Soviet Union and Russia and the other "
            "successor states hold 0 (EI's nil), not missing values.",
        ),
    ),
)
