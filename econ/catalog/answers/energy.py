"""Catalog entries: energy."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.ENERGY,
        description="Energy dependence of each configured pair, both directions, per year: "
        "volumes, the exporter's share of the importer's imports and the importer's share of "
        "the exporter's exports by commodity; the energy chapter's share of the pair's trade.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3", "exporter_iso3", "importer_iso3",
            "year",
            col("commodity", description="crude, oil_products, pipeline_gas, lng, coal (and "
                "coal sub-types from customs), or hs27"),
            col("indicator", description="volume, share_of_exporter_exports, share_of_"
                "importer_imports (EI); imports_t, imports_usd, share_of_china_imports_t, "
                "share_of_china_imports_usd (customs); share_of_pair_imports_usd (BACI)"),
            col("value", description="In the row's unit"),
            "unit",
            col("source", description="Table the row is computed from"),
            key=("reporter_iso3", "partner_iso3", "exporter_iso3", "importer_iso3", "year",
                 "commodity", "indicator", "source"),
            version=2,
        ),
        builder="econ.analysis.energy:build_energy",
        inputs=(),
        upstream=(names.EI_TRADE_LATEST,
                  names.CHINA_CUSTOMS_ENERGY,
                  names.BACI),
        citation="econ.indicators.energy over Energy Institute Statistical Review (newest "
        "edition per value), China customs (newest vintage), CEPII BACI",
        caveats=("EI and customs volumes differ by a few percent (standard conditions, "
                 "vintages).",),
    ),
    TableSpec(
        name=names.ENERGY_PURCHASES,
        description="What China's energy purchases from the other side of each pair are "
        "worth (customs values) against that economy's total goods exports and GDP, per "
        "complete year and commodity.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3", "exporter_iso3", "year",
            col("commodity", description="crude, pipeline_gas, lng, coal or all_energy"),
            col("value_usd", description="China's customs import value from the exporter"),
            col("exports_usd", description="The exporter's total goods exports (best "
                "totals: Russia's balance of payments)"),
            Column("share_of_exports", "float64", "fraction", "value_usd / exports_usd"),
            col("gdp_usd", description="The exporter's GDP (World Bank)"),
            Column("share_of_gdp", "float64", "fraction", "value_usd / gdp_usd"),
            Column("exports_source", TEXT, "", "Source of exports_usd"),
            key=("reporter_iso3", "partner_iso3", "year", "commodity"),
        ),
        builder="econ.analysis.energy:build_purchases",
        inputs=(),
        upstream=(names.CHINA_CUSTOMS_ENERGY, names.DOTS, names.CBR_MONTHLY,
                  names.FCS_YEARLY_TOTALS, names.ATLAS, names.WDI_GDP, names.WDI_MACRO,
                  names.IMTS_YEARLY),
        citation="econ.analysis.energy over China's customs, the Bank of Russia and the "
        "World Bank",
    ),
)
