# Reference values for tests/forecast/test_vecm.py: the VECM's short-run coefficients
# given the cointegrating vector, from R's urca (Pfaff 2008) on the Danish money-demand
# data of Johansen & Juselius (1990), shipped by urca and saved as tests/results/denmark.csv
# by tests/results/make_reference.R.
#
# Run from the repository root (Debian: apt-get install r-base-core r-cran-urca
# r-cran-jsonlite):
#
#     Rscript tests/results/forecast_vecm_reference.R
#
# It writes tests/results/forecast_vecm_reference.json; the tests never run R.
suppressMessages({library(urca); library(jsonlite)})

data("denmark", package = "urca")
y <- denmark[, c("LRM", "LRY")]
# K = 2 lags in levels (one lagged difference), unrestricted constant, quarterly dummies
jo <- ca.jo(y, ecdet = "none", type = "trace", K = 2, spec = "transitory", season = 4)
ecm <- cajorls(jo, r = 1)
coefs <- coef(ecm$rlm)        # rows: ect1, constant, sd1..sd3, LRM.dl1, LRY.dl1
res <- resid(ecm$rlm)
out <- list(
  call = "cajorls(ca.jo(denmark[, c('LRM','LRY')], ecdet='none', type='trace', K=2, spec='transitory', season=4), r=1)",
  r_version = R.version.string,
  urca_version = as.character(packageVersion("urca")),
  beta = as.numeric(ecm$beta),
  alpha = as.numeric(coefs["ect1", ]),
  gamma1 = unname(t(coefs[c("LRM.dl1", "LRY.dl1"), ])),   # rows: equations, cols: lags
  sigma = unname(crossprod(res) / df.residual(ecm$rlm)),
  first_residuals = unname(res[1:3, ]),
  nobs = nrow(res)
)
write_json(out, "tests/results/forecast_vecm_reference.json", digits = NA, auto_unbox = TRUE,
           pretty = TRUE)
