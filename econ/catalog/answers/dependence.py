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
            col("description", description=f"HS2017 product description ({names.HS_PRODUCTS})"),
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
    TableSpec(
        name=names.IMPORTER_SCREEN,
        description="HS6 dependence screen per importer, product and year (CEPII GeoDep and EU "
        "2021 criteria): supplier and world-export concentration, imports/exports, top "
        "supplier, the partner's share (China for Russia).",
        schema=table_schema(
            "year", "reporter_iso3", "hs6", "partner_iso3",
            col("basis", description="'baci_release' (full BACI release) or 'baci_pair_file' "
                "(the shipped China-Russia rows: no criterion evaluable)"),
            col("imports_usd", description="The importer's imports of the product from all "
                "suppliers (BACI, FOB)"),
            col("exports_usd", description="The importer's exports of the product to all "
                "partners (BACI, FOB)"),
            Column("import_export_ratio", "float64", "ratio", "imports_usd / exports_usd; NaN "
                   "without exports (GeoDep writes 9999)"),
            Column("n_suppliers", "int64", "count", "Economies the importer buys it from"),
            Column("supplier_hhi", "float64", "index", "HHI of the importer's suppliers (0-1)"),
            Column("top_supplier_iso3", TEXT, "", "Largest supplier (ties: first ISO3 code)"),
            Column("top_supplier_share", "float64", "fraction", "Its share of the imports"),
            Column("top_supplier_world_share", "float64", "fraction",
                   "Its share of world exports of the product"),
            Column("partner_imports_usd", "float64", "USD", "Imports from the partner"),
            Column("partner_share", "float64", "fraction", "The partner's share of the imports"),
            Column("is_partner_top_supplier", "bool", "", "The partner is the top supplier"),
            Column("world_exports_usd", "float64", "USD", "World exports of the product"),
            Column("world_export_hhi", "float64", "index", "HHI of world exporters (0-1)"),
            Column("n_world_exporters", "int64", "count", "Economies exporting the product"),
            Column("is_import_concentrated", "bool", "", "GeoDep 1: supplier_hhi > 0.4"),
            Column("is_world_concentrated", "bool", "", "GeoDep 2: world_export_hhi > 0.4"),
            Column("is_non_substitutable", "bool", "", "GeoDep 3: imports > 1 x exports"),
            Column("is_dependent_in_year", "bool", "", "GeoDep 1-3 in the year"),
            Column("dependent_years", "int64", "count", "Years meeting 1-3 in the 3-year "
                   "window ending in the year"),
            Column("is_geodep_dependent", "bool", "", "GeoDep 4: 1-3 in >= 2 of 3 years; "
                   "missing without a full window"),
            Column("is_dependent_on_partner", "bool", "", "GeoDep-dependent with the partner "
                   "as top supplier"),
            Column("is_eu_concentrated", "bool", "", "EU SWD(2021) 352: supplier_hhi > 0.4"),
            Column("is_eu_non_substitutable", "bool", "", "EU SWD(2021) 352: imports > exports"),
            Column("is_eu_dependent", "bool", "", "Both EU criteria (the third, extra-EU share "
                   "> 0.5, always holds for one economy)"),
            col("caveat", description="What could not be evaluated in the row, and why"),
            key=("year", "reporter_iso3", "hs6"),
        ),
        builder="econ.analysis.dependence:build_importer_screen",
        inputs=(),
        upstream=(names.BACI, names.BACI_RELEASE_ROWS),
        citation="econ.indicators.importer_screen_table over CEPII BACI HS17 (criteria: CEPII "
        "GeoDep, Lefebvre & Wibaux 2024; European Commission SWD(2021) 352)",
        caveats=("Without a full BACI release (econ fetch) the table holds only the partner's "
                 "sales from the China-Russia file and every criterion is missing; each row's "
                 "caveat says so.",),
    ),
)
