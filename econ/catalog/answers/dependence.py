"""Catalog entries: dependence."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]



TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.SHARES,
        description="China's share of Russia's imports per year on every basis the data "
        "support, with valuation, sources and caveats.",
        schema=table_schema(
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
            Column("numerator_source", TEXT, "", "Tables the numerator comes from"),
            Column("denominator_source", TEXT, "", "Tables the denominator comes from"),
            Column("meaning", TEXT, "", "What the basis measures"),
            "caveat",
            key=("year", "basis"),
        ),
        builder="econ.out.dependence:build_china_share_of_russia_imports",
        inputs=(),
        upstream=(names.DOTS, names.FCS_MONTHLY_PARTNER,
                  names.COMTRADE_MONTHLY,
                  names.THIRD_PARTY_MONTHLY, names.BACI,
                  names.CBR_MONTHLY, names.FCS_YEARLY_TOTALS,
                  names.ATLAS, names.WDI_GDP,
                  names.WDI_MACRO),
        citation="econ computation over the listed core tables",
    ),
    TableSpec(
        name=names.PAIR_INDICATORS,
        description="Dependence, asymmetry and balance indicators for Russia and China with "
        "each other and with USA, DEU, IND, KAZ, TUR, per year and basis.",
        schema=table_schema(
            "year", "reporter_iso3", "partner_iso3",
            col("indicator", description="import_share, export_share, total_trade_share, "
                "trade_to_gdp, hirschman_difference, hirschman_ratio, salience, symmetry, "
                "interdependence, normalised_balance, log_ratio, coverage_ratio, "
                "hhi_import_partners"),
            col("value", description="Value of the indicator (a ratio; see the indicator)"),
            col("basis", description="'reported_dots' (each reporter's own DOTS reports) or "
                "'china_reported_flows' (RUS-CHN from China's reports, with BoP and Atlas "
                "totals)"),
            Column("source_tables", TEXT, "", "Tables the row is computed from"),
            key=("year", "reporter_iso3", "partner_iso3", "indicator", "basis"),
        ),
        builder="econ.out.dependence:build_pair_indicators",
        inputs=(),
        upstream=(names.DOTS, names.COUNTRIES,
                  names.WDI_GDP, names.BALANCE_YEARLY,
                  names.CBR_MONTHLY, names.ATLAS),
        citation="econ.indicators.pairs over the listed tables (Hirschman 1945; Barbieri "
        "1996; Oneal and Russett 1997)",
        caveats=("reported_dots ends in 2020; china_reported_flows covers 2017-2024 for "
                 "RUS-CHN only, with totals from other sources (see notes).",),
    ),
    TableSpec(
        name=names.PRODUCT_SCREEN,
        description="HS6 screen of Russia's trade with China (BACI): imports, exports, the "
        "pair's import/export ratio, product share, Grubel-Lloyd.",
        schema=table_schema(
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
        upstream=(names.BACI, names.HS_PRODUCTS),
        citation="econ.indicators.bilateral_screen over CEPII BACI (EU SWD(2021)352 / CEPII "
        "GeoDep criteria, what a bilateral file allows)",
        caveats=("Supplier concentration, the importer's world import/export ratio and world "
                 "export concentration cannot be computed from a China-Russia-only BACI file "
                 "(see notes); dependence_screen computes them on a full BACI release.",),
    ),
)
