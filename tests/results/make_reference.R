# Reference values for tests/tsa, computed by R packages on public datasets.
#
# Run from the repository root (needs R with strucchange, urca, tseries, lmtest,
# sandwich, dynlm and jsonlite; Debian: apt-get install r-base-core r-cran-strucchange
# r-cran-urca r-cran-tseries r-cran-lmtest r-cran-sandwich r-cran-dynlm r-cran-jsonlite):
#
#     Rscript tests/results/make_reference.R
#
# It writes tests/results/reference_r.json (one entry per case: the exact R call and
# the values it returned, full precision) and the datasets the tests need that
# statsmodels does not ship (realint.csv, ukdriverdeaths.csv, denmark.csv). The test
# suite reads these files; it never runs R.
suppressMessages({
  library(strucchange); library(urca); library(tseries); library(lmtest)
  library(sandwich); library(dynlm); library(jsonlite)
})

out_dir <- "tests/results"
ref <- list()
add <- function(.name, .call, ...) {
  ref[[.name]] <<- c(list(call = .call), list(...))
}

# ---- datasets ------------------------------------------------------------------------
nile <- as.numeric(Nile)                       # 1871-1970, same as statsmodels' nile
data("RealInt", package = "strucchange")
data("denmark", package = "urca")
write.csv(data.frame(period = as.character(zoo::as.yearqtr(time(RealInt))),
                     realint = as.numeric(RealInt)),
          file.path(out_dir, "realint.csv"), row.names = FALSE)
write.csv(data.frame(period = format(zoo::as.yearmon(time(UKDriverDeaths)), "%Y-%m"),
                     deaths = as.numeric(UKDriverDeaths)),
          file.path(out_dir, "ukdriverdeaths.csv"), row.names = FALSE)
write.csv(denmark[, c("ENTRY", "LRM", "LRY", "LPY", "IBO", "IDE")],
          file.path(out_dir, "denmark.csv"), row.names = FALSE)
add("nile_data", "as.numeric(Nile)", first = nile[1:3], n = length(nile), sum = sum(nile))

# ---- unit root / stationarity ---------------------------------------------------------
for (type in c("none", "drift", "trend")) {
  for (k in c(0, 2)) {
    u <- ur.df(nile, type = type, lags = k, selectlags = "Fixed")
    add(sprintf("adf_nile_%s_lags%d", type, k),
        sprintf('urca::ur.df(Nile, type = "%s", lags = %d, selectlags = "Fixed")', type, k),
        statistic = unname(u@teststat[1]), nobs = length(u@res))
  }
}
a <- suppressWarnings(adf.test(nile, k = 2))
add("adf_nile_tseries_ct_lags2", "tseries::adf.test(Nile, k = 2)",
    statistic = unname(a$statistic), pvalue = a$p.value)
for (type in c("mu", "tau")) {
  u <- ur.kpss(nile, type = type, lags = "short")
  add(sprintf("kpss_nile_%s_short", type),
      sprintf('urca::ur.kpss(Nile, type = "%s", lags = "short")', type),
      statistic = unname(u@teststat), lags = u@lag)
}
kt <- suppressWarnings(kpss.test(nile, null = "Level", lshort = TRUE))
add("kpss_nile_tseries_level", 'tseries::kpss.test(Nile, null = "Level", lshort = TRUE)',
    statistic = unname(kt$statistic), pvalue = kt$p.value, lags = unname(kt$parameter))
dn <- diff(nile)
fm <- lm(dn ~ 1)
ct <- coeftest(fm, vcov. = NeweyWest(fm, lag = 3, prewhite = FALSE, adjust = FALSE))
add("hac_mean_diff_nile",
    "lmtest::coeftest(lm(diff(Nile) ~ 1), vcov. = sandwich::NeweyWest(fm, lag = 3, prewhite = FALSE, adjust = FALSE))",
    estimate = ct[1, 1], se = ct[1, 2], statistic = ct[1, 3], pvalue = ct[1, 4])
for (model in c("intercept", "trend", "both")) {
  k <- if (model == "both") 2 else 1
  z <- ur.za(nile, model = model, lag = k)
  add(sprintf("za_nile_%s", model),
      sprintf('urca::ur.za(Nile, model = "%s", lag = %d)', model, k),
      statistic = z@teststat, bpoint = z@bpoint, lags = k)
}

# ---- cointegration: Danish bond and deposit rates (Johansen and Juselius 1990) --------
# The spread hypothesis beta = (1, -1) on (IBO, IDE) is the interest-rate analogue of
# balanced trade, beta = (1, -1) on (ln X, ln M).
e <- residuals(lm(IBO ~ IDE, data = denmark))
u <- ur.df(e, type = "none", lags = 1, selectlags = "Fixed")
add("eg_denmark_lags1",
    'urca::ur.df(residuals(lm(IBO ~ IDE, data = denmark)), type = "none", lags = 1, selectlags = "Fixed")',
    statistic = unname(u@teststat[1]))
dk <- ts(denmark[, c("IBO", "IDE")], start = c(1974, 1), frequency = 4)
un <- dynlm(d(IBO) ~ L(IBO) + L(IDE) + L(d(IBO), 1) + d(IDE) + L(d(IDE), 1), data = dk)
re <- dynlm(d(IBO) ~ L(d(IBO), 1) + d(IDE) + L(d(IDE), 1), data = dk)
wt <- waldtest(un, re)
add("ardl_bounds_denmark_p2_q2",
    "lmtest::waldtest(dynlm(d(IBO) ~ L(IBO) + L(IDE) + L(d(IBO), 1) + d(IDE) + L(d(IDE), 1)), <same without L(IBO), L(IDE)>)",
    statistic = wt$F[2], nobs = nobs(un), alpha = unname(coef(un)["L(IBO)"]),
    alpha_se = unname(sqrt(diag(vcov(un)))["L(IBO)"]))
x2 <- denmark[, c("IBO", "IDE")]
for (ecdet in c("none", "const", "trend")) {
  jt <- ca.jo(x2, ecdet = ecdet, type = "trace", K = 2, spec = "longrun")
  je <- ca.jo(x2, ecdet = ecdet, type = "eigen", K = 2, spec = "longrun")
  H <- if (ecdet == "none") matrix(c(1, -1), 2, 1) else matrix(c(1, -1, 0, 0, 0, 1), 3, 2)
  b <- blrtest(jt, H = H, r = 1)
  add(sprintf("johansen_denmark_%s", ecdet),
      sprintf('urca::ca.jo(denmark[, c("IBO", "IDE")], ecdet = "%s", type = "trace"/"eigen", K = 2, spec = "longrun"); urca::blrtest(z, H = %s, r = 1)',
              ecdet, deparse(H)),
      eigenvalues = jt@lambda[1:2], trace = rev(as.numeric(jt@teststat)),
      max_eigen = rev(as.numeric(je@teststat)), trace_cv95 = rev(jt@cval[, "5pct"]),
      lr_beta = b@teststat, lr_beta_pvalue = b@pval[1], lr_beta_df = b@pval[2],
      restricted_eigenvalues = b@lambda[1:ncol(H)])
}
# the four-variable money-demand system of Johansen and Juselius (1990), restricted
# constant, with their unit income elasticity beta_LRM = -beta_LRY (H is 5 x 4)
x4 <- denmark[, c("LRM", "LRY", "IBO", "IDE")]
j4 <- ca.jo(x4, ecdet = "const", type = "trace", K = 2, spec = "longrun")
H4 <- matrix(c(1, -1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1), 5, 4)
b4 <- blrtest(j4, H = H4, r = 1)
add("johansen_denmark4_const",
    'urca::blrtest(urca::ca.jo(denmark[, c("LRM", "LRY", "IBO", "IDE")], ecdet = "const", type = "trace", K = 2, spec = "longrun"), H = cbind(c(1, -1, 0, 0, 0), c(0, 0, 1, 0, 0), c(0, 0, 0, 1, 0), c(0, 0, 0, 0, 1)), r = 1)',
    eigenvalues = j4@lambda[1:4], lr_beta = b4@teststat, lr_beta_pvalue = b4@pval[1],
    lr_beta_df = b4@pval[2])
dols <- dynlm(IBO ~ IDE + L(d(IDE), -1:1), data = dk)
vc <- NeweyWest(dols, lag = 3, prewhite = FALSE, adjust = FALSE)
b1 <- unname(coef(dols)["IDE"]); se1 <- sqrt(vc["IDE", "IDE"])
add("dols_denmark_leads1_lags1",
    "dynlm(IBO ~ IDE + L(d(IDE), -1:1)); sandwich::NeweyWest(fm, lag = 3, prewhite = FALSE, adjust = FALSE); Wald = ((b - 1)/se)^2",
    slope = b1, slope_se = se1, const = unname(coef(dols)[1]),
    wald = ((b1 - 1) / se1)^2, pvalue = 1 - pchisq(((b1 - 1) / se1)^2, 1), nobs = nobs(dols))

# ---- persistence -----------------------------------------------------------------------
n <- length(nile)
ar <- lm(nile[-1] ~ nile[-n])
rho <- unname(coef(ar)[2]); se <- unname(sqrt(diag(vcov(ar)))[2])
hl <- log(0.5) / log(rho); se_hl <- abs(-log(0.5) / (rho * log(rho)^2)) * se
add("half_life_ar1_nile",
    "lm(Nile[-1] ~ Nile[-n]); h = log(0.5)/log(rho); se_h = |log(0.5)/(rho log(rho)^2)| se_rho",
    rho = rho, rho_se = se, half_life = hl, ci_lower = hl - qnorm(0.975) * se_hl,
    ci_upper = hl + qnorm(0.975) * se_hl)
alpha <- unname(coef(un)["L(IBO)"]); alpha_se <- unname(sqrt(diag(vcov(un)))["L(IBO)"])
add("half_life_ecm_denmark",
    "dynlm(d(IBO) ~ L(IBO) + L(IDE) + L(d(IBO), 1) + d(IDE) + L(d(IDE), 1)); h = log(0.5)/log(1 + alpha)",
    alpha = alpha, alpha_se = alpha_se, half_life = log(0.5) / log(1 + alpha))

# ---- structural breaks -------------------------------------------------------------------
ch <- sctest(Nile ~ 1, type = "Chow", point = 28)
add("chow_nile_28", 'strucchange::sctest(Nile ~ 1, type = "Chow", point = 28)',
    statistic = unname(ch$statistic), pvalue = ch$p.value)
fs <- Fstats(Nile ~ 1, from = 0.15)
st <- sctest(fs, type = "supF")
add("supf_nile", 'strucchange::sctest(strucchange::Fstats(Nile ~ 1, from = 0.15), type = "supF")',
    statistic = unname(st$statistic), pvalue = st$p.value, breakpoint = fs$breakpoint)
seatbelt <- log10(UKDriverDeaths)
seatbelt <- cbind(seatbelt, lag(seatbelt, k = -1), lag(seatbelt, k = -12))
colnames(seatbelt) <- c("y", "ylag1", "ylag12")
seatbelt <- window(seatbelt, start = c(1970, 1), end = c(1984, 12))
fsu <- Fstats(y ~ ylag1 + ylag12, data = seatbelt, from = 0.1)
stu <- sctest(fsu, type = "supF")
add("supf_seatbelt",
    'strucchange::sctest(strucchange::Fstats(y ~ ylag1 + ylag12, data = seatbelt, from = 0.1), type = "supF")  # seatbelt as in ?breakpoints',
    statistic = unname(stu$statistic), pvalue = stu$p.value, breakpoint = fsu$breakpoint)
fsr <- Fstats(RealInt ~ 1, from = 0.15)
str <- sctest(fsr, type = "supF")
add("supf_realint", 'strucchange::sctest(strucchange::Fstats(RealInt ~ 1, from = 0.15), type = "supF")',
    statistic = unname(str$statistic), pvalue = str$p.value, breakpoint = fsr$breakpoint)
hansen <- sapply(c(5, 8, 10, 12), function(x) strucchange:::pvalue.Fstats(x, "supF", 2, ((1 - 0.15) / 0.15)^2))
add("hansen_pvalue_k2_pi015", 'strucchange:::pvalue.Fstats(x, type = "supF", k = 2, lambda = (0.85/0.15)^2), x = 5, 8, 10, 12',
    x = c(5, 8, 10, 12), pvalue = hansen)

bp_case <- function(name, call, bp, breaks_ci) {
  s <- summary(bp)
  m <- ncol(bp$RSS.table) / 2
  bps <- lapply(1:m, function(i) breakpoints(bp, breaks = i)$breakpoints)
  ci <- confint(bp, breaks = breaks_ci)$confint
  add(name, call, rss = unname(s$RSS["RSS", ]), bic = unname(s$RSS["BIC", ]),
      breakpoints = bps, selected = bp$breakpoints, ci_breaks = breaks_ci,
      ci_lower = unname(ci[, 1]), ci_upper = unname(ci[, 3]))
}
bp_case("bp_nile", "strucchange::breakpoints(Nile ~ 1, h = 0.15); confint(bp, breaks = 1)",
        breakpoints(Nile ~ 1, h = 0.15), 1)
bpr <- breakpoints(RealInt ~ 1, h = 15)
bp_case("bp_realint", "strucchange::breakpoints(RealInt ~ 1, h = 15); confint(bp, breaks = 3)", bpr, 3)
bp_case("bp_seatbelt",
        "strucchange::breakpoints(y ~ ylag1 + ylag12, data = seatbelt, h = 0.1); confint(bp, breaks = 2)",
        breakpoints(y ~ ylag1 + ylag12, data = seatbelt, h = 0.1), 2)
# sequential sup F(l+1|l) on RealInt: within each segment of the globally optimal l-break
# partition, the single-break F statistics with 15 observations each side
y <- as.numeric(RealInt); h <- 15
seq_stat <- sapply(0:3, function(l) {
  b <- if (l == 0) integer(0) else breakpoints(bpr, breaks = l)$breakpoints
  edges <- c(0, b, length(y))
  max(sapply(seq_len(l + 1), function(i) {
    seg <- y[(edges[i] + 1):edges[i + 1]]
    if (length(seg) < 2 * h) return(-Inf)
    max(Fstats(seg ~ 1, from = h, to = length(seg) - h)$Fstats)
  }))
})
add("seq_supf_realint",
    "max over segments of the l-break strucchange::breakpoints(RealInt ~ 1, h = 15) partition of max(strucchange::Fstats(seg ~ 1, from = 15, to = length(seg) - 15)$Fstats)",
    statistic = seq_stat)

rc <- sctest(efp(Nile ~ 1, type = "Rec-CUSUM"))
add("rec_cusum_nile", 'strucchange::sctest(strucchange::efp(Nile ~ 1, type = "Rec-CUSUM"))',
    statistic = unname(rc$statistic), pvalue = rc$p.value)
oc <- sctest(efp(Nile ~ 1, type = "OLS-CUSUM"))
add("ols_cusum_nile", 'strucchange::sctest(strucchange::efp(Nile ~ 1, type = "OLS-CUSUM"))',
    statistic = unname(oc$statistic), pvalue = oc$p.value)
w <- recresid(Nile ~ 1)
s <- cumsum(w^2) / sum(w^2)
add("cusum_squares_nile",
    "w <- strucchange::recresid(Nile ~ 1); max(abs(cumsum(w^2)/sum(w^2) - seq_along(w)/length(w)))",
    statistic = max(abs(s - seq_along(w) / length(w))), n_recursive = length(w))

write_json(ref, file.path(out_dir, "reference_r.json"), auto_unbox = TRUE, digits = NA,
           pretty = TRUE)
