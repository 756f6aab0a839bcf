# Reference values for tests/forecast from R's forecast package (Hyndman et al.).
#
# Run from the repository root (needs Debian's r-cran-forecast, 8.20 here):
#   Rscript tests/results/forecast_reference.R
# It writes tests/results/forecast_reference.json; the Python tests read that file and
# never call R. Datasets are R's own: AirPassengers (Box & Jenkins 1976, monthly airline
# passengers 1949-1960), Nile (annual flow at Aswan, 1871-1970) and WWWusage (users
# connected to a server, one a minute).
suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

out <- list(r_version = R.version.string,
            forecast_version = as.character(packageVersion("forecast")))

# 1. naive and snaive on AirPassengers to 1958-12, 24 months ahead, and accuracy() on
#    the 1959-1960 test set (MASE scaled by the seasonal naive in-sample MAE).
train <- window(AirPassengers, end = c(1958, 12))
test <- window(AirPassengers, start = c(1959, 1))
out$air_passengers <- as.numeric(AirPassengers)
out$air_start <- "1949-01-01"
for (name in c("naive", "snaive")) {
  fc <- if (name == "naive") naive(train, h = 24, level = c(80, 95)) else
    snaive(train, h = 24, level = c(80, 95))
  acc <- accuracy(fc, test)
  out[[name]] <- list(
    call = sprintf("%s(window(AirPassengers, end = c(1958, 12)), h = 24, level = c(80, 95))",
                   name),
    mean = as.numeric(fc$mean),
    lower_80 = as.numeric(fc$lower[, 1]), upper_80 = as.numeric(fc$upper[, 1]),
    lower_95 = as.numeric(fc$lower[, 2]), upper_95 = as.numeric(fc$upper[, 2]),
    test_mae = acc["Test set", "MAE"], test_rmse = acc["Test set", "RMSE"],
    test_mase = acc["Test set", "MASE"])
}

# 2. ETS(A,Ad,A) on AirPassengers: fitted parameters, final state and forecasts, to check
#    the closed-form forecast mean and variance of the additive ETS models.
fit <- ets(AirPassengers, model = "AAA", damped = TRUE)
fc <- forecast(fit, h = 24, level = c(80, 95))
out$ets_aada <- list(
  call = 'forecast(ets(AirPassengers, model = "AAA", damped = TRUE), h = 24, level = c(80, 95))',
  par = as.list(fit$par[c("alpha", "beta", "gamma", "phi")]),
  final_state = as.numeric(tail(fit$states, 1)), sigma2 = fit$sigma2,
  mean = as.numeric(fc$mean),
  lower_80 = as.numeric(fc$lower[, 1]), upper_80 = as.numeric(fc$upper[, 1]),
  lower_95 = as.numeric(fc$lower[, 2]), upper_95 = as.numeric(fc$upper[, 2]))

# 3. Theta method on Nile (annual flow at Aswan, 1871-1970; non-seasonal): alpha, sigma2
#    and intervals, to check the interval formula sigma2 * (1 + (h - 1) * alpha^2).
fc <- thetaf(Nile, h = 10, level = c(80, 95))
out$thetaf_nile <- list(
  call = "thetaf(Nile, h = 10, level = c(80, 95))",
  alpha = unname(fc$model$alpha), sigma2 = unname(fc$model$sigma),
  mean = as.numeric(fc$mean),
  lower_80 = as.numeric(fc$lower[, 1]), upper_80 = as.numeric(fc$upper[, 1]),
  lower_95 = as.numeric(fc$lower[, 2]), upper_95 = as.numeric(fc$upper[, 2]))

# 4. Diebold-Mariano test: the out-of-sample example of ?dm.test (WWWusage, models
#    fitted to the first 80 minutes and applied to the last 20).
f1 <- ets(WWWusage[1:80])
f2 <- auto.arima(WWWusage[1:80])
e1 <- as.numeric(residuals(ets(WWWusage[81:100], model = f1)))
e2 <- as.numeric(residuals(Arima(WWWusage[81:100], model = f2)))
dm <- list()
for (h in c(1, 2, 3)) for (power in c(1, 2)) for (alt in c("two.sided", "less", "greater")) {
  r <- dm.test(e1, e2, alternative = alt, h = h, power = power)
  dm[[length(dm) + 1]] <- list(h = h, power = power, alternative = alt,
                               statistic = unname(r$statistic), p_value = r$p.value)
}
out$dm_wwwusage <- list(call = "dm.test(e1, e2, alternative, h, power)", e1 = e1, e2 = e2,
                        tests = dm)

# 5. Rolling-origin errors: tsCV with naive on AirPassengers, 6 horizons, from the
#    48th observation (errors[i, h] = y[i + h] - forecast from y[1:i]).
errors <- tsCV(AirPassengers, naive, h = 6, initial = 47)
out$tscv_naive <- list(call = "tsCV(AirPassengers, naive, h = 6, initial = 47)",
                       first_origin = 48, errors = unname(as.matrix(errors)[48:143, ]))

write_json(out, "tests/results/forecast_reference.json", digits = NA, auto_unbox = TRUE,
           na = "null", pretty = TRUE)
