-- Product dependence screen: for each screened importer, HS6 product and year, how
-- concentrated are its suppliers, how concentrated is world supply, does it export what it
-- imports, who is its top supplier and how much comes from one partner (China for Russia).
--
-- Criteria, each a flag with its threshold in screen_params:
-- CEPII GeoDep (Lefebvre and Wibaux 2024, CEPII Policy Brief 47; database page
-- cepii.fr bdd_modele id=41):
--   is_import_concentrated  HHI of the importer's suppliers        > hhi_threshold (0.4)
--   is_world_concentrated   HHI of every exporter's world exports  > world_hhi_threshold (0.4)
--   is_non_substitutable    imports / exports                      > ratio_threshold (1);
--                           written imports > ratio_threshold * exports, so that a product
--                           the importer does not export is non-substitutable (GeoDep
--                           writes the ratio as 9999 there; here import_export_ratio is NULL)
--   is_dependent_in_year    all three in the year
--   is_geodep_dependent     is_dependent_in_year in at least min_years (2) of the
--                           window_years (3) years ending in this one; NULL when the data
--                           do not cover the whole window
--   is_dependent_on_partner is_geodep_dependent and the partner is the top supplier
-- European Commission, SWD(2021) 352 "Strategic dependencies and capacities" (bottom-up
-- HS6 screen on BACI), for a single importer:
--   is_eu_concentrated      supplier HHI                           > eu_hhi_threshold (0.4)
--   is_eu_non_substitutable imports / exports                      > eu_ratio_threshold (1)
--   is_eu_dependent         both (the SWD's third criterion, extra-EU imports over total
--                           EU imports > 0.5, needs a bloc with internal trade: for one
--                           economy every import is "extra", so it always holds)
-- HHI = sum of squared shares = SUM(v * v) / (SUM(v) * SUM(v)), over units with v > 0.
--
-- Portable SQL (runs unchanged on DuckDB and Spark SQL): no engine-specific functions,
-- no QUALIFY, no parameter markers, no :: casts, no trailing semicolon. The caller
-- provides three relations (DuckDB: registered frames or views; Spark: temporary views):
--   baci(year, exporter_iso3, importer_iso3, hs6, value_usd, ...)   every exporter, importer
--   screen_params(year_from, year_to, hhi_threshold, world_hhi_threshold, ratio_threshold,
--                 window_years, min_years, eu_hhi_threshold, eu_ratio_threshold)  one row
--   screen_importers(importer_iso3, partner_iso3)                    one row per importer
--
-- baci is read twice: every flow for world exports, and the screened importers' flows
-- for their suppliers. The second read is cheap where the files are sorted by importer
-- (econ.etl.baci_release writes them so): DuckDB skips the row groups of other importers.
-- Years: the answer covers year_from..year_to, and persistence reads the window_years - 1
-- years before. A caller may give baci restricted to those years (DuckDB's caller does,
-- so that the Parquet reader skips the other years' folders) or whole: the result is the
-- same, as each year's window only counts the years in it.
WITH world_exporters AS (
    SELECT b.year, b.hs6, b.exporter_iso3, SUM(b.value_usd) AS value_usd
    FROM baci AS b
    WHERE b.value_usd > 0
    GROUP BY b.year, b.hs6, b.exporter_iso3
),
world AS (
    SELECT year, hs6,
           SUM(value_usd) AS world_exports_usd,
           SUM(value_usd * value_usd) / (SUM(value_usd) * SUM(value_usd)) AS world_export_hhi,
           COUNT(*) AS n_world_exporters
    FROM world_exporters
    GROUP BY year, hs6
),
suppliers AS (
    SELECT b.year, b.importer_iso3, b.hs6, b.exporter_iso3 AS supplier_iso3,
           SUM(b.value_usd) AS value_usd
    FROM baci AS b
    INNER JOIN screen_importers AS s ON b.importer_iso3 = s.importer_iso3
    WHERE b.value_usd > 0
    GROUP BY b.year, b.importer_iso3, b.hs6, b.exporter_iso3
),
imports AS (
    SELECT year, importer_iso3, hs6,
           SUM(value_usd) AS imports_usd,
           SUM(value_usd * value_usd) / (SUM(value_usd) * SUM(value_usd)) AS supplier_hhi,
           COUNT(*) AS n_suppliers
    FROM suppliers
    GROUP BY year, importer_iso3, hs6
),
ranked AS (
    SELECT year, importer_iso3, hs6, supplier_iso3, value_usd,
           ROW_NUMBER() OVER (PARTITION BY year, importer_iso3, hs6
                              ORDER BY value_usd DESC, supplier_iso3) AS supplier_rank
    FROM suppliers
),
years AS (
    SELECT DISTINCT year FROM world
),
window_cover AS (
    SELECT y.year, COUNT(*) AS years_in_window
    FROM years AS y
    CROSS JOIN screen_params AS p
    INNER JOIN years AS z ON z.year BETWEEN y.year - (p.window_years - 1) AND y.year
    GROUP BY y.year
),
screen AS (
    SELECT m.year, m.importer_iso3, m.hs6, s.partner_iso3,
           m.imports_usd,
           COALESCE(x.value_usd, 0.0) AS exports_usd,
           CASE WHEN x.value_usd > 0 THEN m.imports_usd / x.value_usd END
               AS import_export_ratio,
           m.n_suppliers,
           m.supplier_hhi,
           r.supplier_iso3 AS top_supplier_iso3,
           r.value_usd / m.imports_usd AS top_supplier_share,
           t.value_usd / w.world_exports_usd AS top_supplier_world_share,
           COALESCE(q.value_usd, 0.0) AS partner_imports_usd,
           COALESCE(q.value_usd, 0.0) / m.imports_usd AS partner_share,
           r.supplier_iso3 = s.partner_iso3 AS is_partner_top_supplier,
           w.world_exports_usd,
           w.world_export_hhi,
           w.n_world_exporters,
           m.supplier_hhi > p.hhi_threshold AS is_import_concentrated,
           w.world_export_hhi > p.world_hhi_threshold AS is_world_concentrated,
           m.imports_usd > p.ratio_threshold * COALESCE(x.value_usd, 0.0)
               AS is_non_substitutable,
           m.supplier_hhi > p.eu_hhi_threshold AS is_eu_concentrated,
           m.imports_usd > p.eu_ratio_threshold * COALESCE(x.value_usd, 0.0)
               AS is_eu_non_substitutable
    FROM imports AS m
    INNER JOIN screen_importers AS s ON s.importer_iso3 = m.importer_iso3
    INNER JOIN ranked AS r
        ON r.year = m.year AND r.importer_iso3 = m.importer_iso3 AND r.hs6 = m.hs6
       AND r.supplier_rank = 1
    INNER JOIN world AS w ON w.year = m.year AND w.hs6 = m.hs6
    INNER JOIN world_exporters AS t
        ON t.year = m.year AND t.hs6 = m.hs6 AND t.exporter_iso3 = r.supplier_iso3
    LEFT JOIN world_exporters AS x
        ON x.year = m.year AND x.hs6 = m.hs6 AND x.exporter_iso3 = m.importer_iso3
    LEFT JOIN suppliers AS q
        ON q.year = m.year AND q.importer_iso3 = m.importer_iso3 AND q.hs6 = m.hs6
       AND q.supplier_iso3 = s.partner_iso3
    CROSS JOIN screen_params AS p
),
dependent AS (
    SELECT screen.*,
           is_import_concentrated AND is_world_concentrated AND is_non_substitutable
               AS is_dependent_in_year
    FROM screen
),
persistence AS (
    SELECT d.year, d.importer_iso3, d.hs6,
           -- a sum of integers is HUGEINT in DuckDB and BIGINT in Spark: make it BIGINT
           CAST(SUM(CASE WHEN h.is_dependent_in_year THEN 1 ELSE 0 END) AS BIGINT)
               AS dependent_years
    FROM dependent AS d
    CROSS JOIN screen_params AS p
    INNER JOIN dependent AS h
        ON h.importer_iso3 = d.importer_iso3 AND h.hs6 = d.hs6
       AND h.year BETWEEN d.year - (p.window_years - 1) AND d.year
    GROUP BY d.year, d.importer_iso3, d.hs6
),
verdict AS (
    SELECT d.*, s.dependent_years,
           CASE WHEN c.years_in_window >= p.window_years
                THEN s.dependent_years >= p.min_years END AS is_geodep_dependent
    FROM dependent AS d
    INNER JOIN persistence AS s
        ON s.year = d.year AND s.importer_iso3 = d.importer_iso3 AND s.hs6 = d.hs6
    INNER JOIN window_cover AS c ON c.year = d.year
    CROSS JOIN screen_params AS p
    WHERE d.year BETWEEN p.year_from AND p.year_to
)
SELECT year, importer_iso3, hs6, partner_iso3,
       imports_usd, exports_usd, import_export_ratio,
       n_suppliers, supplier_hhi, top_supplier_iso3, top_supplier_share,
       top_supplier_world_share, partner_imports_usd, partner_share,
       is_partner_top_supplier, world_exports_usd, world_export_hhi, n_world_exporters,
       is_import_concentrated, is_world_concentrated, is_non_substitutable,
       is_dependent_in_year, dependent_years, is_geodep_dependent,
       is_geodep_dependent AND is_partner_top_supplier AS is_dependent_on_partner,
       is_eu_concentrated, is_eu_non_substitutable,
       is_eu_concentrated AND is_eu_non_substitutable AS is_eu_dependent
FROM verdict
ORDER BY year, importer_iso3, hs6
