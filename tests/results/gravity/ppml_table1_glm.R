# Independent check of Yotov et al. (2016) Table 1, PPML column, with base R.
# glm(quasipoisson) with exporter-year and importer-year dummies (the book's Stata code
# builds the same dummies), standard errors clustered by pair with sandwich::vcovCL,
# type "HC0" and cadjust = TRUE: the factor G/(G-1) only, as Stata's ppml.
# Run from the repository root:
#   Rscript tests/results/gravity/ppml_table1_glm.R
# Writes tests/results/gravity/ppml_table1_glm.json (R 4.2.2, sandwich from Debian).
library(sandwich)
library(jsonlite)

d <- read.csv(gzfile("tests/data/gravity/yotov2016_ch1.csv.gz"), stringsAsFactors = FALSE)
d <- d[d$exporter != d$importer, ]
d$log_dist <- log(d$dist)
d$exp_year <- factor(paste0(d$exporter, d$year))
d$imp_year <- factor(paste0(d$importer, d$year))
fit <- glm(trade ~ log_dist + cntg + lang + clny + exp_year + imp_year,
           family = quasipoisson(link = "log"), data = d,
           control = glm.control(epsilon = 1e-10, maxit = 100))
vc <- vcovCL(fit, cluster = ~pair_id, type = "HC0", cadjust = TRUE)
terms <- c("log_dist", "cntg", "lang", "clny")
out <- list(
  source = "base R glm + sandwich::vcovCL(type = 'HC0', cadjust = TRUE)",
  r_version = R.version.string,
  sandwich_version = as.character(packageVersion("sandwich")),
  nobs = nobs(fit),
  converged = fit$converged,
  estimate = as.list(coef(fit)[terms]),
  std_error = as.list(sqrt(diag(vc))[terms])
)
write_json(out, "tests/results/gravity/ppml_table1_glm.json", digits = 10, auto_unbox = TRUE,
           pretty = TRUE)
