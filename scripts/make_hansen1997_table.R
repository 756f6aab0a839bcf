# Write econ/tsa/data/hansen1997_supf.csv: the response-surface coefficients of
# Hansen (1997) for p-values of the Andrews (1993) sup-F (QLR) statistic.
#
# Hansen, B. E. (1997). "Approximate asymptotic p values for structural-change tests."
# Journal of Business & Economic Statistics 15(1), 60-67. For k = 1..40 restrictions and
# trimming pi0 = 0.01, 0.03, ..., 0.49 the asymptotic p-value of a statistic x is
#     p = 1 - Chi2_df(max(b0 + b1 * x, 0)).
# The machine-readable copy of the coefficients used here is the one R strucchange
# distributes (internal object sc.beta.sup, rows ordered k, then pi0 = 0.49 down to 0.01).
#
# Run from the repository root: Rscript scripts/make_hansen1997_table.R
suppressMessages(library(strucchange))
beta <- strucchange:::sc.beta.sup
stopifnot(identical(dim(beta), c(1000L, 3L)))
table <- data.frame(k = rep(1:40, each = 25),
                    pi0 = round(rep(0.51 - (1:25) / 50, times = 40), 2),
                    b0 = beta[, 1], b1 = beta[, 2], df = beta[, 3])
write.csv(table, "econ/tsa/data/hansen1997_supf.csv",
          row.names = FALSE, quote = FALSE)
