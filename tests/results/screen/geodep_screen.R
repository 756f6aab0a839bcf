# Reference values for econ's product dependence screen, computed independently in R
# (dplyr), from the published definitions:
#   CEPII GeoDep (Lefebvre and Wibaux 2024, CEPII Policy Brief 47; database page
#   https://cepii.fr/cepii/en/bdd_modele/bdd_modele_item.asp?id=41): (1) HHI of the
#   importer's suppliers > 0.4, (2) HHI of world exports > 0.4, (3) imports / exports > 1
#   (exports 0: the ratio is written 9999, i.e. the criterion holds), (4) all three in at
#   least 2 years of a 3-year window (here the window ending in the year).
#   European Commission SWD(2021) 352: supplier HHI > 0.4 and imports / exports > 1.
# Run: Rscript tests/results/screen/geodep_screen.R  (from the repository root; R 4.2.2
# Patched, dplyr 1.0.10). Writes tests/results/screen/geodep_screen_r.csv.
suppressPackageStartupMessages(library(dplyr))

screen <- function(flows, importers, partners) {
  flows <- flows %>% filter(value_usd > 0)
  by_exporter <- flows %>% group_by(year, hs6, exporter_iso3) %>%
    summarise(v = sum(value_usd), .groups = "drop")
  world <- by_exporter %>% group_by(year, hs6) %>%
    summarise(world_exports_usd = sum(v), world_export_hhi = sum((v / sum(v))^2),
              n_world_exporters = n(), .groups = "drop")
  years <- sort(unique(flows$year))
  out <- list()
  for (k in seq_along(importers)) {
    importer <- importers[k]
    partner <- partners[k]
    suppliers <- flows %>% filter(importer_iso3 == importer) %>%
      group_by(year, hs6, exporter_iso3) %>% summarise(v = sum(value_usd), .groups = "drop")
    top <- suppliers %>% arrange(year, hs6, desc(v), exporter_iso3) %>%
      group_by(year, hs6) %>% slice(1) %>% ungroup() %>%
      select(year, hs6, top_supplier_iso3 = exporter_iso3, top_v = v)
    part <- suppliers %>% filter(exporter_iso3 == partner) %>%
      select(year, hs6, partner_imports_usd = v)
    exports <- by_exporter %>% filter(exporter_iso3 == importer) %>%
      select(year, hs6, exports_usd = v)
    rows <- suppliers %>% group_by(year, hs6) %>%
      summarise(imports_usd = sum(v), supplier_hhi = sum((v / sum(v))^2),
                n_suppliers = n(), .groups = "drop") %>%
      left_join(top, by = c("year", "hs6")) %>%
      left_join(part, by = c("year", "hs6")) %>%
      left_join(exports, by = c("year", "hs6")) %>%
      left_join(world, by = c("year", "hs6")) %>%
      left_join(by_exporter %>% rename(top_supplier_iso3 = exporter_iso3, top_world = v),
                by = c("year", "hs6", "top_supplier_iso3")) %>%
      mutate(importer_iso3 = importer,
             exports_usd = coalesce(exports_usd, 0),
             partner_imports_usd = coalesce(partner_imports_usd, 0),
             ratio = ifelse(exports_usd > 0, imports_usd / exports_usd, 9999),
             top_supplier_share = top_v / imports_usd,
             top_supplier_world_share = top_world / world_exports_usd,
             partner_share = partner_imports_usd / imports_usd,
             c1 = supplier_hhi > 0.4, c2 = world_export_hhi > 0.4, c3 = ratio > 1,
             is_dependent_in_year = c1 & c2 & c3,
             is_eu_dependent = c1 & c3)
    # criterion 4: a year with fewer than 3 years of data up to it has no verdict
    counts <- sapply(seq_len(nrow(rows)), function(i) {
      y <- rows$year[i]
      sum(rows$is_dependent_in_year[rows$hs6 == rows$hs6[i] & rows$year > y - 3 &
                                      rows$year <= y])
    })
    covered <- sapply(rows$year, function(y) sum(years > y - 3 & years <= y) >= 3)
    rows$dependent_years <- counts
    rows$is_geodep_dependent <- ifelse(covered, counts >= 2, NA)
    rows$is_dependent_on_partner <- rows$is_geodep_dependent &
      rows$top_supplier_iso3 == partner
    out[[k]] <- rows
  }
  bind_rows(out) %>%
    transmute(year, importer_iso3, hs6, imports_usd, exports_usd,
              import_export_ratio = ifelse(exports_usd > 0, ratio, NA), n_suppliers,
              supplier_hhi, top_supplier_iso3, top_supplier_share, top_supplier_world_share,
              partner_share, world_export_hhi, n_world_exporters, is_dependent_in_year,
              dependent_years, is_geodep_dependent, is_dependent_on_partner, is_eu_dependent)
}

read <- function(name) {
  read.csv(file.path("tests/results/screen", name), colClasses = c(hs6 = "character"))
}
three <- screen(read("three_countries.csv"), c("RUS", "KAZ", "CHN"), c("CHN", "CHN", "RUS"))
synthetic <- screen(read("synthetic_small.csv"), c("RUS", "KAZ"), c("CHN", "CHN"))
result <- bind_rows(three %>% mutate(panel = "three_countries"),
                    synthetic %>% mutate(panel = "synthetic_small")) %>%
  relocate(panel) %>% arrange(panel, year, importer_iso3, hs6)
write.csv(result, "tests/results/screen/geodep_screen_r.csv", row.names = FALSE, na = "")
cat(R.version.string, "; dplyr", as.character(packageVersion("dplyr")), "\n")
cat(nrow(result), "rows written\n")
