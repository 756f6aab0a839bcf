"""Catalog entries: dependence."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.PAIR_INDICATORS,
        description="Dependence, asymmetry, intensity and balance indicators for both "
        "directions of each configured pair, per year and basis.",
        schema=table_schema(
            "year", "reporter_iso3", "partner_iso3",
            col("indicator", description="import_share, export_share, total_trade_share, "
                "trade_to_gdp, hirschman_difference, hirschman_ratio, salience, symmetry, "
                "interdependence, normalised_balance, log_ratio, coverage_ratio, "
                "hhi_import_partners, export_intensity, import_intensity, grubel_lloyd, "
                "grubel_lloyd_aquino"),
            col("value", description="Value of the indicator (a ratio; see the indicator)"),
            col("basis", description="'own_reports' (each economy's own DOTS reports), "
                "'partner_reported' (flows from the partner's reports, totals from each "
                "economy's best source) or 'baci_products' (product-level Grubel-Lloyd)"),
            Column("source_tables", TEXT, "", "Tables the row is computed from"),
            key=("year", "reporter_iso3", "partner_iso3", "indicator", "basis"),
            version=2,
        ),
        builder="econ.analysis.dependence:build_pair_indicators",
        inputs=(),
        upstream=(names.DOTS, names.COUNTRIES, names.WDI_GDP, names.WDI_MACRO,
                  names.COMTRADE_MONTHLY, names.THIRD_PARTY_MONTHLY,
                  names.FCS_MONTHLY_PARTNER, names.IMTS_MONTHLY, names.IMTS_YEARLY,
                  names.CBR_MONTHLY, names.FCS_YEARLY_TOTALS, names.ATLAS, names.BACI),
        citation="econ.indicators.pairs over the listed tables (Hirschman 1945; Barbieri "
        "1996; Oneal and Russett 1997)",
        caveats=("own_reports ends in 2020; partner_reported reaches as far as the partner "
                 "reports; its totals come from the source named in source_tables (the Atlas "
                 "runs low: China's imports about a fifth below China's customs).",),
    ),
    TableSpec(
        name=names.PRODUCT_SCREEN,
        description="HS6 screen of each configured pair's trade that BACI covers: imports, "
        "exports, the pair's import/export ratio, product share, Grubel-Lloyd.",
        schema=table_schema(
            "year", "reporter_iso3", "partner_iso3", "hs6",
            col("imports_usd", description="The reporter's imports from the partner (BACI, "
                "FOB)"),
            col("exports_usd", description="The reporter's exports to the partner (BACI, "
                "FOB)"),
            Column("import_export_ratio", "float64", "ratio", "Imports over exports of the "
                   "product with the partner (NaN without exports)"),
            col("share", description="The product's share of the pair's total trade"),
            Column("grubel_lloyd", "float64", "index", "1 - |X - M| / (X + M)"),
            col("description", description="HS2017 product description (core_hs__products)"),
            key=("year", "reporter_iso3", "partner_iso3", "hs6"),
        ),
        builder="econ.analysis.dependence:build_product_screen",
        inputs=(),
        upstream=(names.BACI, names.HS_PRODUCTS),
        citation="econ.indicators.bilateral_screen over CEPII BACI (EU SWD(2021)352 / CEPII "
        "GeoDep criteria, what a bilateral file allows)",
        caveats=("Supplier concentration, the importer's world import/export ratio and world "
                 "export concentration cannot be computed from a China-Russia-only BACI file "
                 "(see notes); dependence_screen computes them on a full BACI release.",),
    ),
)
