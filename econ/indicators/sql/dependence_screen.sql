-- Product-level dependence screen: for each importer, HS6 product and year, is the
-- importer dependent on few suppliers for a product it does not make up for by exports,
-- and whose world supply is itself concentrated?
--
-- Criteria (European Commission SWD(2021) 352, "Strategic dependencies and capacities",
-- annex on the bottom-up BACI HS6 method; CEPII GeoDep, Lefebvre and Wibaux 2024, CEPII
-- Policy Brief 47, which adds world export concentration and persistence):
--   is_concentrated        HHI of the importer's suppliers          > hhi_threshold (0.4)
--   is_net_importer        imports / exports of the product         > ratio_threshold (1),
--                          written imports > ratio_threshold * exports so that a product
--                          the importer does not export at all is a net import, not 1/0
--   is_world_concentrated  HHI of all exporters' world exports      > world_hhi_threshold (0.4)
--   is_dependent           all three
--   is_persistent          is_dependent in at least min_years (2) of the window_years (3)
--                          years ending in this one (GeoDep's fourth criterion); NULL when
--                          the data do not cover the whole window
-- HHI = sum of squared shares = SUM(v * v) / (SUM(v) * SUM(v)), over units with v > 0.
--
-- Portable SQL (ANSI; runs unchanged on DuckDB and Spark SQL): no engine-specific
-- functions, no QUALIFY, no parameter markers, no trailing semicolon. The caller provides
-- three relations (DuckDB: registered DataFrames or views; Spark: temporary views):
--   baci(year, exporter_iso3, importer_iso3, hs6, value_usd, ...)   every exporter and importer
--   screen_params(year_from, year_to, hhi_threshold, ratio_threshold, world_hhi_threshold,
--                 window_years, min_years)                         exactly one row
--   screen_importers(importer_iso3)                                  the importers to screen
WITH flows AS (
    SELECT b.year, b.exporter_iso3, b.importer_iso3, b.hs6, b.value_usd
    FROM baci AS b
    CROSS JOIN screen_params AS p
    WHERE b.year BETWEEN p.year_from - (p.window_years - 1) AND p.year_to
      AND b.value_usd > 0
),
years AS (
    SELECT DISTINCT year FROM flows
),
window_cover AS (
    SELECT y.year, COUNT(*) AS years_in_window
    FROM years AS y
    CROSS JOIN screen_params AS p
    INNER JOIN years AS z ON z.year BETWEEN y.year - (p.window_years - 1) AND y.year
    GROUP BY y.year
),
world_exporters AS (
    SELECT year, hs6, exporter_iso3, SUM(value_usd) AS value_usd
    FROM flows
    GROUP BY year, hs6, exporter_iso3
),
world AS (
    SELECT year, hs6,
           SUM(value_usd * value_usd) / (SUM(value_usd) * SUM(value_usd)) AS world_export_hhi,
           COUNT(*) AS n_world_exporters
    FROM world_exporters
    GROUP BY year, hs6
),
suppliers AS (
    SELECT f.year, f.importer_iso3, f.hs6, f.exporter_iso3 AS supplier_iso3,
           SUM(f.value_usd) AS value_usd
    FROM flows AS f
    INNER JOIN screen_importers AS s ON f.importer_iso3 = s.importer_iso3
    GROUP BY f.year, f.importer_iso3, f.hs6, f.exporter_iso3
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
exports AS (
    SELECT w.year, w.exporter_iso3 AS importer_iso3, w.hs6, w.value_usd AS exports_usd
    FROM world_exporters AS w
    INNER JOIN screen_importers AS s ON w.exporter_iso3 = s.importer_iso3
),
screen AS (
    SELECT m.year, m.importer_iso3, m.hs6,
           m.imports_usd,
           COALESCE(x.exports_usd, 0.0) AS exports_usd,
           CASE WHEN x.exports_usd > 0 THEN m.imports_usd / x.exports_usd END
               AS import_export_ratio,
           m.n_suppliers,
           m.supplier_hhi,
           r.supplier_iso3 AS top_supplier_iso3,
           r.value_usd / m.imports_usd AS top_supplier_share,
           w.world_export_hhi,
           w.n_world_exporters,
           m.supplier_hhi > p.hhi_threshold AS is_concentrated,
           m.imports_usd > p.ratio_threshold * COALESCE(x.exports_usd, 0.0) AS is_net_importer,
           w.world_export_hhi > p.world_hhi_threshold AS is_world_concentrated
    FROM imports AS m
    INNER JOIN ranked AS r
        ON r.year = m.year AND r.importer_iso3 = m.importer_iso3 AND r.hs6 = m.hs6
       AND r.supplier_rank = 1
    INNER JOIN world AS w ON w.year = m.year AND w.hs6 = m.hs6
    LEFT JOIN exports AS x
        ON x.year = m.year AND x.importer_iso3 = m.importer_iso3 AND x.hs6 = m.hs6
    CROSS JOIN screen_params AS p
),
dependent AS (
    SELECT screen.*,
           is_concentrated AND is_net_importer AND is_world_concentrated AS is_dependent
    FROM screen
),
persistence AS (
    SELECT d.year, d.importer_iso3, d.hs6,
           SUM(CASE WHEN h.is_dependent THEN 1 ELSE 0 END) AS dependent_years
    FROM dependent AS d
    CROSS JOIN screen_params AS p
    INNER JOIN dependent AS h
        ON h.importer_iso3 = d.importer_iso3 AND h.hs6 = d.hs6
       AND h.year BETWEEN d.year - (p.window_years - 1) AND d.year
    GROUP BY d.year, d.importer_iso3, d.hs6
)
SELECT d.year, d.importer_iso3, d.hs6, d.imports_usd, d.exports_usd, d.import_export_ratio,
       d.n_suppliers, d.supplier_hhi, d.top_supplier_iso3, d.top_supplier_share,
       d.world_export_hhi, d.n_world_exporters,
       d.is_concentrated, d.is_net_importer, d.is_world_concentrated, d.is_dependent,
       CASE WHEN c.years_in_window >= p.window_years
            THEN s.dependent_years >= p.min_years END AS is_persistent
FROM dependent AS d
INNER JOIN persistence AS s
    ON s.year = d.year AND s.importer_iso3 = d.importer_iso3 AND s.hs6 = d.hs6
INNER JOIN window_cover AS c ON c.year = d.year
CROSS JOIN screen_params AS p
WHERE d.year BETWEEN p.year_from AND p.year_to
ORDER BY d.year, d.importer_iso3, d.hs6
