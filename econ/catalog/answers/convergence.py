"""Catalog entries: convergence."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column, col

__all__ = ["TABLES"]

_SERIES = Column("series", TEXT, "", "Balance series tested: frequency and whose "
                 "statistics, e.g. 'yearly_chn_reported'")


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.BATTERY,
        description="Convergence-to-balance test battery on each configured pair's balance "
        "(annual and monthly where a source exists, each reporter's data; whole sample, "
        "regimes between surviving breaks, recent windows), every test size-checked on the "
        "series' own simulated null.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3", _SERIES,
            Column("id", TEXT, "", "Row id: sample and test, e.g. 'full:adf_n', "
                   "'2018-03–2024-12:tost'"),
            Column("sample", TEXT, "", "'full' or the sub-sample's span"),
            Column("sample_kind", TEXT, "", "full, regime (between surviving breaks) or "
                   "window (the last 10 and 5 years, 36 and 12 months)"),
            Column("sample_start", TEXT, "", "First year or month of the sample"),
            Column("sample_end", TEXT, "", "Last year or month of the sample"),
            Column("test", TEXT, "", "Test name"),
            Column("null_hypothesis", TEXT, "", "The null hypothesis in words"),
            Column("statistic", "float64", "", "Test statistic or estimate (half-life rows: "
                   "median-unbiased half-life, inf when the AR(1) coefficient is 1)"),
            Column("pvalue", "float64", "probability", "Asymptotic p-value where the test "
                   "has one"),
            Column("is_pvalue_bound", "bool", "", "The p-value is the edge of a table (KPSS: "
                   "0.01 or 0.10), so it means '< 0.01' or '> 0.10'"),
            Column("critical_value_5pct", "float64", "", "Asymptotic 5% critical value where "
                   "used"),
            Column("lags", "float64", "", "Lags used"),
            Column("deterministic", TEXT, "", "Deterministic terms"),
            Column("nobs", "float64", "", "Observations used"),
            Column("nominal_size", "float64", "probability", "Nominal size of the test (0.05)"),
            Column("simulated_size", "float64", "probability", "Rejection rate of the "
                   "published (asymptotic) rule on series simulated from the series' own "
                   "fitted null at the same length and settings; BIC/LWZ rows: how often the "
                   "rule finds a break in break-free simulations"),
            Column("decision_basis", TEXT, "", "asymptotic (simulated size within 3-7%), "
                   "bootstrap p-value or simulated critical value (outside it), selection "
                   "rule (BIC/LWZ), or 'asymptotic (size not simulated)'"),
            Column("pvalue_bootstrap", "float64", "probability", "Parametric bootstrap "
                   "p-value from the simulated null, (1 + #{at least as extreme})/(R + 1)"),
            Column("critical_value_simulated", "float64", "", "5% critical value of the "
                   "simulated null"),
            Column("power", "float64", "probability", "Rejection rate of the rule in force "
                   "against the stated alternative"),
            Column("alternative", TEXT, "", "The stated alternative of the power column"),
            Column("simulated_null", TEXT, "", "The fitted null that was simulated"),
            Column("n_sim", "int64", "", "Series simulated from the null (0: not simulated)"),
            Column("decision", TEXT, "", "At 5% on the decision basis: reject, do not reject, "
                   "undetermined, not run, not reported (beta without cointegration), "
                   "estimate, 'k breaks'"),
            Column("is_used_for_verdict", "bool", "", "The row enters a verdict: it rejects "
                   "(size-controlled), or does not reject with power at or above 50%"),
            Column("note", TEXT, "", "Why a test did not run, or what an estimate means"),
            key=("reporter_iso3", "partner_iso3", "series", "id"),
            version=2,
        ),
        builder="econ.analysis.convergence:build_battery",
        inputs=(),
        upstream=(names.BALANCE_YEARLY, names.BALANCE_MONTHLY),
        citation="econ.tsa.convergence_battery (statistics verified against R urca, "
        "strucchange, lmtest/sandwich, TOSTER and exact Andrews (1993) quantiles; see "
        "tests/results)",
        caveats=("Monthly series are seasonally adjusted (STL) before testing.",
                 "Short sub-samples cannot run every test; their rows say why.",
                 "Simulated sizes and bootstrap p-values come from 499 seeded simulations "
                 "(simulation s.e. about 1 point at 5%)."),
    ),
    TableSpec(
        name=names.VERDICT,
        description="Verdict of each convergence battery, clause by clause, with its state, "
        "numbers and the battery rows it rests on, and the robustness of the headline.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3", _SERIES,
            Column("clause", "int64", "", "Clause number within the verdict"),
            Column("topic", TEXT, "", "balance, reversion, persistence, breaks, break, "
                   "cointegration, robustness, robustness_choice"),
            Column("sample", TEXT, "", "'full', the regime or window span, or (robustness_"
                   "choice) the choice"),
            Column("sample_start", TEXT, "", "First year or month of the sample"),
            Column("sample_end", TEXT, "", "Last year or month of the sample"),
            Column("state", TEXT, "", "balance: within_band, outside_band, undetermined; "
                   "reversion: stationary, unit_root_not_rejected, undetermined; persistence: "
                   "stationary, unit_root_in_interval; breaks: 'k_breaks'; cointegration: "
                   "cointegrated, not_cointegrated, undetermined; robustness: the most "
                   "frequent state"),
            Column("estimate", "float64", "", "balance: mean; persistence: median-unbiased "
                   "half-life (inf at a unit root); breaks: number; robustness: "
                   "specifications in the most frequent state; robustness_choice: flip rate"),
            Column("ci_lower", "float64", "", "Lower end of the estimate's interval (90% "
                   "for the balance mean and the half-life)"),
            Column("ci_upper", "float64", "", "Upper end (inf: a unit root is not excluded)"),
            Column("unit", TEXT, "", "Unit of estimate and interval"),
            Column("break_date", TEXT, "", "break clauses: last year or month of the old "
                   "regime"),
            Column("break_ci_lower", TEXT, "", "break clauses: lower end of the 95% interval "
                   "(Bai 1997, Newey-West)"),
            Column("break_ci_upper", TEXT, "", "break clauses: upper end of the 95% interval"),
            Column("is_headline", "bool", "", "The headline: the balance state of the latest "
                   "regime (or the whole sample without surviving breaks)"),
            Column("text", TEXT, "", "The clause"),
            Column("row_ids", TEXT, "", f"ids of {names.BATTERY} rows it cites, "
                   f"or '{names.ROBUSTNESS}'"),
            key=("reporter_iso3", "partner_iso3", "series", "clause"),
            version=2,
        ),
        builder="econ.analysis.convergence:build_verdict",
        inputs=(),
        upstream=(names.BALANCE_YEARLY, names.BALANCE_MONTHLY),
        citation="econ.tsa.convergence_battery and econ.tsa.robustness",
    ),
    TableSpec(
        name=names.ROBUSTNESS,
        description="Each pair's balance verdict (state of the latest regime) under every "
        "specification: whose statistics, CIF/FOB factor, lag rule, break rule, seasonal "
        "adjustment.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3",
            Column("frequency", TEXT, "", "yearly or monthly"),
            col("reported_by_iso3", description="Whose statistics the balance rests on"),
            Column("cif_fob_factor", "float64", "ratio", "CIF/FOB factor dividing the "
                   "CIF-reported flow (1.00, 1.03, 1.06, 1.10; the balance tables use 1.06)"),
            Column("lag_rule", TEXT, "", "aic or bic: lag selection of ADF and of the "
                   "simulated nulls"),
            Column("break_rule", TEXT, "", "sequential (size-checked HAC sup-Wald), bic or "
                   "lwz"),
            Column("is_seasonally_adjusted", "bool", "", "STL seasonal adjustment (monthly)"),
            Column("sample_start", TEXT, "", "First year or month of the latest regime"),
            Column("sample_end", TEXT, "", "Last year or month of the latest regime"),
            Column("n_breaks", "int64", "", "Breaks the rule selects"),
            Column("state", TEXT, "", "within_band, outside_band or undetermined (TOST and "
                   "outside-band test against ±0.05, size-checked)"),
            Column("mean_balance", "float64", "ratio", "Mean normalised balance of the latest "
                   "regime"),
            Column("ci_lower", "float64", "ratio", "90% interval, lower end (bootstrap-t "
                   "where the TOST is decided by bootstrap)"),
            Column("ci_upper", "float64", "ratio", "90% interval, upper end"),
            Column("tost_basis", TEXT, "", "Decision basis of the TOST"),
            Column("text", TEXT, "", "The headline clause under this specification"),
            Column("is_baseline", "bool", "", "The specification of the published battery "
                   "(factor 1.06, AIC, sequential, monthly seasonally adjusted)"),
            key=("reporter_iso3", "partner_iso3", "frequency", "reported_by_iso3",
                 "cif_fob_factor", "lag_rule", "break_rule", "is_seasonally_adjusted"),
            version=2,
        ),
        builder="econ.analysis.convergence:build_robustness",
        inputs=(),
        upstream=(names.BALANCE_YEARLY, names.BALANCE_MONTHLY),
        citation="econ.tsa.robustness over the balance tables",
        caveats=("The two reporters' series can cover different years (for Russia-China: "
                 "China-reported to 2024, Russia-reported to 2021): changing whose statistics "
                 "also changes the sample.",),
    ),
)
