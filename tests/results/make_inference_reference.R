# Reference values for the inference added by issue 15 (tests/tsa/test_inference_reference.py).
#
# Run from the repository root (R with strucchange, sandwich, urca and jsonlite; Debian:
# apt-get install r-base-core r-cran-strucchange r-cran-sandwich r-cran-urca r-cran-jsonlite),
# after `python tests/results/export_rus_chn_balance.py` has written the real series:
#
#     Rscript tests/results/make_inference_reference.R
#
# It writes tests/results/inference_r.json: each entry holds the exact R call or formula and
# the values it returned, full precision. The tests read the file; they never run R.
#
# * HAC sup-Wald paths: strucchange::Fstats with vcov. = sandwich::NeweyWest (the Wald
#   statistic of the regime difference with a Newey-West covariance at every date).
# * Bai (1997) break-date intervals with HAC variances: strucchange confint(..., vcov.).
# * TOST with a Newey-West standard error, computed by hand from lm + sandwich.
# * Zivot-Andrews on the annual Russia-reported balance: urca::ur.za (statsmodels gave NaN).
# * Andrews (1993) exact quantiles of the LS AR(1) estimator in the intercept model, by
#   Imhof's (1961) formula for the distribution of a quadratic form in normal variables,
#   the method Andrews used; and the exactly median-unbiased estimates and 90% intervals
#   they imply for a few LS estimates.
suppressMessages({
  library(strucchange); library(sandwich); library(urca); library(jsonlite)
})

out_dir <- "tests/results"
ref <- list()
add <- function(.name, .call, ...) {
  ref[[.name]] <<- c(list(call = .call), list(...))
}
nw <- function(L) function(x, ...) NeweyWest(x, lag = L, prewhite = FALSE, adjust = FALSE)

# ---- HAC sup-Wald -------------------------------------------------------------------------
for (L in c(0, 3)) {
  fs <- Fstats(Nile ~ 1, from = 0.15, vcov. = nw(L))
  add(sprintf("supwald_hac_nile_lag%d", L),
      sprintf("strucchange::Fstats(Nile ~ 1, from = 0.15, vcov. = function(x, ...) sandwich::NeweyWest(x, lag = %d, prewhite = FALSE, adjust = FALSE))", L),
      path = as.numeric(fs$Fstats), breakpoint = fs$breakpoint, first = 15)
}
fsr <- Fstats(RealInt ~ 1, from = 0.15, vcov. = nw(4))
add("supwald_hac_realint_lag4",
    "strucchange::Fstats(RealInt ~ 1, from = 0.15, vcov. = function(x, ...) sandwich::NeweyWest(x, lag = 4, prewhite = FALSE, adjust = FALSE))",
    path = as.numeric(fsr$Fstats), breakpoint = fsr$breakpoint)

# ---- break-date intervals with HAC variances --------------------------------------------
bp <- breakpoints(Nile ~ 1, h = 0.15)
ci <- confint(bp, breaks = 1, vcov. = nw(3))$confint
add("bp_ci_hac_nile_lag3",
    "confint(strucchange::breakpoints(Nile ~ 1, h = 0.15), breaks = 1, vcov. = NeweyWest(lag = 3, prewhite = FALSE, adjust = FALSE))",
    lower = ci[, 1], breakpoints = ci[, 2], upper = ci[, 3])
bpr <- breakpoints(RealInt ~ 1, h = 15)
cir <- confint(bpr, breaks = 3, vcov. = nw(4))$confint
add("bp_ci_hac_realint_lag4",
    "confint(strucchange::breakpoints(RealInt ~ 1, h = 15), breaks = 3, vcov. = NeweyWest(lag = 4, prewhite = FALSE, adjust = FALSE))",
    lower = cir[, 1], breakpoints = cir[, 2], upper = cir[, 3])

# ---- TOST with a Newey-West standard error ------------------------------------------------
x <- as.numeric(Nile) / 1000 - 0.92
fm <- lm(x ~ 1)
se <- sqrt(NeweyWest(fm, lag = 3, prewhite = FALSE, adjust = FALSE)[1, 1])
est <- unname(coef(fm)[1])
df <- length(x) - 1
add("tost_hac_nile",
    "x <- Nile/1000 - 0.92; band 0.05; se from sandwich::NeweyWest(lm(x ~ 1), lag = 3, prewhite = FALSE, adjust = FALSE); t = (mean -/+ band)/se, t(T - 1) one-sided p-values; 90% CI",
    estimate = est, se = se, df = df,
    t_lower = (est + 0.05) / se, p_lower = pt((est + 0.05) / se, df, lower.tail = FALSE),
    t_upper = (est - 0.05) / se, p_upper = pt((est - 0.05) / se, df),
    ci_lower = est - qt(0.95, df) * se, ci_upper = est + qt(0.95, df) * se)

# ---- Zivot-Andrews on the real series -----------------------------------------------------
bal <- read.csv(file.path(out_dir, "rus_chn_balance_annual_russia_reported.csv"))
za <- ur.za(bal$normalised_balance, model = "intercept", lag = 6)
add("za_rus_chn_annual_russia_reported_lag6",
    'urca::ur.za(normalised_balance, model = "intercept", lag = 6) on rus_chn_balance_annual_russia_reported.csv',
    statistic = za@teststat, bpoint = za@bpoint, tstats = as.numeric(za@tstats),
    year_of_bpoint = bal$year[za@bpoint])

# ---- Andrews (1993): exact quantiles by Imhof -------------------------------------------------
# P(alpha-hat <= a) = P(y' A(a) y <= 0), A(a) = (S1'M S2 + S2'M S1)/2 - a S1'M S1, with y the
# T observations, S1, S2 selecting y_1..y_{T-1} and y_2..y_T, M the demeaning matrix.
imhof_below_zero <- function(lambda) {
  lambda <- lambda[abs(lambda) > 1e-13 * max(abs(lambda))]
  integrand <- function(u) {
    theta <- 0.5 * colSums(atan(outer(lambda, u)))
    rho <- exp(0.25 * colSums(log1p(outer(lambda, u)^2)))
    sin(theta) / (u * rho)
  }
  value <- integrate(integrand, 0, Inf, subdivisions = 5000L, rel.tol = 1e-10)$value
  0.5 - value / pi
}
root_cov <- function(n, alpha) {
  if (alpha == 1) return(lower.tri(diag(n), diag = TRUE) * 1)
  t(chol(toeplitz(alpha^(0:(n - 1))) / (1 - alpha^2)))
}
ls_cdf <- function(a, n, alpha) {
  S1 <- cbind(diag(n - 1), 0); S2 <- cbind(0, diag(n - 1))
  M <- diag(n - 1) - 1 / (n - 1)
  A <- (t(S1) %*% M %*% S2 + t(S2) %*% M %*% S1) / 2 - a * t(S1) %*% M %*% S1
  C <- root_cov(n, alpha)
  imhof_below_zero(eigen(t(C) %*% A %*% C, symmetric = TRUE, only.values = TRUE)$values)
}
ls_quantile <- function(p, n, alpha) {
  uniroot(function(a) ls_cdf(a, n, alpha) - p, c(-1.5, 1.5), tol = 1e-10)$root
}
quantile_cases <- list()
for (n in c(20, 33, 60, 100)) for (alpha in c(0, 0.5, 0.8, 0.9, 0.95, 1)) {
  quantile_cases[[length(quantile_cases) + 1]] <- list(
    nobs = n, alpha = alpha,
    q05 = ls_quantile(0.05, n, alpha), q50 = ls_quantile(0.5, n, alpha),
    q95 = ls_quantile(0.95, n, alpha))
}
add("andrews_ls_quantiles", "Imhof (1961) exact quantiles of the LS AR(1) estimator, intercept model, N(0,1) errors, stationary start",
    cases = quantile_cases)
# Dickey-Fuller check of the same code: T (alpha-hat - 1) at alpha = 1, 5% and 95% points
df_cases <- lapply(c(25, 50, 100), function(n) list(
  nobs = n, p05 = n * (ls_quantile(0.05, n, 1) - 1), p95 = n * (ls_quantile(0.95, n, 1) - 1)))
add("dickey_fuller_rho_constant", "T (alpha-hat - 1) quantiles at alpha = 1 from the same Imhof code",
    cases = df_cases)
# Exactly median-unbiased estimates: alpha_MU solves P_alpha(alpha-hat <= observed) = 1/2;
# the 90% interval solves it for 0.95 (lower) and 0.05 (upper), capped at 1.
solve_alpha <- function(observed, n, p) {
  f <- function(alpha) ls_cdf(observed, n, alpha) - p
  if (f(1) > 0) return(1)
  uniroot(f, c(-0.95, 1), tol = 1e-9)$root
}
mu_cases <- list()
for (case in list(c(30, 0.5), c(33, 0.85), c(60, 0.9), c(96, 0.6), c(30, 0.95))) {
  n <- case[1]; observed <- case[2]
  mu_cases[[length(mu_cases) + 1]] <- list(
    nobs = n, alpha_ls = observed, alpha_mu = solve_alpha(observed, n, 0.5),
    lower90 = solve_alpha(observed, n, 0.95), upper90 = solve_alpha(observed, n, 0.05))
}
add("andrews_median_unbiased", "alpha solving P_alpha(alpha-hat <= alpha_ls) = 0.5, 0.95, 0.05 by Imhof",
    cases = mu_cases)

add("versions", "R and package versions", R = R.version.string,
    strucchange = as.character(packageVersion("strucchange")),
    sandwich = as.character(packageVersion("sandwich")),
    urca = as.character(packageVersion("urca")))
write_json(ref, file.path(out_dir, "inference_r.json"), auto_unbox = TRUE, digits = NA,
           pretty = TRUE)
