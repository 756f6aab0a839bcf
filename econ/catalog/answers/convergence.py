"""Catalog entries: convergence."""

from __future__ import annotations

from econ import names
from econ.catalog.spec import TEXT, TableSpec, table_schema
from econ.schema import Column

__all__ = ["TABLES"]

_SERIES = Column("series", TEXT, "", "Balance series tested: frequency and whose "
                 "statistics, e.g. 'annual_chn_reported'")


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name=names.BATTERY,
        description="Convergence-to-balance test battery on each configured pair's balance "
        "(annual and monthly where a source exists, each reporter's data, whole sample and "
        "sub-samples between breaks).",
        schema=table_schema(
            "reporter_iso3", "partner_iso3", _SERIES,
            Column("id", TEXT, "", "Row id: sample and test, e.g. 'full:adf_n'"),
            Column("sample", TEXT, "", "'full' or the sub-sample's span"),
            Column("sample_start", TEXT, "", "First year or month of the sample"),
            Column("sample_end", TEXT, "", "Last year or month of the sample"),
            Column("test", TEXT, "", "Test name"),
            Column("null_hypothesis", TEXT, "", "The null hypothesis in words"),
            Column("statistic", "float64", "", "Test statistic or estimate"),
            Column("pvalue", "float64", "probability", "p-value where the test has one"),
            Column("critical_value_5pct", "float64", "", "5% critical value where used"),
            Column("lags", "float64", "", "Lags used"),
            Column("deterministic", TEXT, "", "Deterministic terms"),
            Column("nobs", "float64", "", "Observations used"),
            Column("decision", TEXT, "", "At 5%: reject, do not reject, not run, estimate"),
            Column("note", TEXT, "", "Why a test did not run, or what an estimate means"),
            key=("reporter_iso3", "partner_iso3", "series", "id"),
            version=2,
        ),
        builder="econ.analysis.convergence:build_battery",
        inputs=(),
        upstream=(names.BALANCE_YEARLY, names.BALANCE_MONTHLY),
        citation="econ.tsa.convergence_battery (tests verified against R urca, strucchange, "
        "lmtest/sandwich and the original papers; see tests/results)",
        caveats=("Monthly series are seasonally adjusted (STL) before testing.",
                 "Short sub-samples cannot run every test; their rows say why."),
    ),
    TableSpec(
        name=names.VERDICT,
        description="Plain-language verdict of each convergence battery, clause by clause, "
        "each naming the battery rows it rests on.",
        schema=table_schema(
            "reporter_iso3", "partner_iso3", _SERIES,
            Column("clause", "int64", "", "Clause number within the verdict"),
            Column("text", TEXT, "", "The clause"),
            Column("row_ids", TEXT, "", "ids of out_tsa__convergence_battery rows it cites"),
            key=("reporter_iso3", "partner_iso3", "series", "clause"),
            version=2,
        ),
        builder="econ.analysis.convergence:build_verdict",
        inputs=(),
        upstream=(names.BALANCE_YEARLY, names.BALANCE_MONTHLY),
        citation="econ.tsa.convergence_battery",
    ),
)
