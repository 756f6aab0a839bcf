"""The convergence battery: table shape, verdict citing rows, sub-samples at breaks."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from econ.tsa import TABLE_COLUMNS, battery_table, convergence_battery


def _flows(balance: pd.Series, seed: int) -> pd.DataFrame:
    """ln X and ln M whose normalised balance is ``balance``: X/M = (1 + b)/(1 - b)."""
    rng = np.random.default_rng(seed)
    lnm = 20 + np.cumsum(0.05 + 0.1 * rng.standard_normal(len(balance)))
    lnx = lnm + np.log((1 + balance.to_numpy()) / (1 - balance.to_numpy()))
    return pd.DataFrame({"lnx": lnx, "lnm": lnm}, index=balance.index)


@pytest.fixture(scope="module")
def broken() -> pd.Series:
    """Simulated (seed 12): balance near 0 until 1999, near 0.4 from 2000, annual."""
    rng = np.random.default_rng(12)
    values = np.r_[0.05 * rng.standard_normal(30), 0.4 + 0.05 * rng.standard_normal(25)]
    return pd.Series(values, index=range(1970, 2025))


def test_table_has_the_tidy_columns_and_unique_ids(broken):
    out = convergence_battery(broken, log_flows=_flows(broken, 13), n_boot=99)
    table = out.to_frame()
    assert list(table.columns) == TABLE_COLUMNS
    assert table["id"].is_unique
    expected = {"full:adf_n", "full:adf_c", "full:kpss_c", "full:mean_zero",
                "full:zivot_andrews", "full:half_life_ar1", "full:sup_f",
                "full:bai_perron", "full:cusum", "full:cusum_squares",
                "full:engle_granger", "full:ardl_bounds", "full:johansen_trace_r0",
                "full:johansen_beta", "full:dols_slope", "full:half_life_ecm"}
    assert expected <= set(table["id"])
    assert set(table["decision"]) <= {"reject", "do not reject", "not run", "estimate",
                                      "inconclusive", "0 breaks", "1 breaks", "2 breaks",
                                      "3 breaks"}


def test_break_found_and_subsamples_split_there(broken):
    """The planted break after 1999 is found (±3 years) and the sub-sample rows start
    the year after it."""
    out = convergence_battery(broken, n_boot=99)
    assert len(out.breaks) == 1 and abs(out.breaks[0] - 1999) <= 3
    samples = set(out.table["sample"]) - {"full"}
    assert samples == {f"1970–{out.breaks[0]}", f"{out.breaks[0] + 1}–2024"}
    assert f"full:chow@{out.breaks[0]}" in set(out.table["id"])


def test_every_clause_cites_existing_rows(broken):
    """Each verdict clause ends with [row ids], and every id is a row of the table."""
    out = convergence_battery(broken, log_flows=_flows(broken, 13), n_boot=99)
    ids = set(out.table["id"])
    for text, cited in out.clauses:
        assert cited and set(cited) <= ids, text
    for bracket in re.findall(r"\[([^\]]+)\]", out.verdict):
        assert set(bracket.split(", ")) <= ids
    assert out.verdict.startswith("No evidence of convergence to balance since the break")
    assert "non-zero mean" in out.verdict


def test_balanced_series_converges():
    """Simulated (seed 14): AR(1) 0.5 around zero, 60 years, no split: convergence."""
    rng = np.random.default_rng(14)
    values = np.zeros(60)
    for t in range(1, 60):
        values[t] = 0.5 * values[t - 1] + 0.1 * rng.standard_normal()
    out = convergence_battery(pd.Series(values, index=range(1961, 2021)), breaks=None,
                              n_boot=99)
    assert out.verdict.startswith("Evidence of convergence to balance over 1961–2020")
    assert out.breaks == ()


def test_known_breaks_and_monthly_seasonal_adjustment():
    """Given break dates split the sample there; STL removes a monthly seasonal cycle."""
    rng = np.random.default_rng(15)
    index = pd.date_range("2015-01-01", periods=120, freq="MS")
    seasonal = 0.2 * np.sin(2 * np.pi * np.arange(120) / 12)
    balance = pd.Series(seasonal + 0.05 * rng.standard_normal(120), index=index)
    out = convergence_battery(balance, seasonal_adjust=True,
                              breaks=[pd.Timestamp("2021-12-01")], n_boot=99)
    assert out.seasonally_adjusted and out.frequency == "monthly"
    assert {"2015-01–2021-12", "2022-01–2024-12"} <= set(out.table["sample"])
    assert "full:chow@2021-12" in set(out.table["id"])
    assert "months" in out.verdict


def test_battery_table_and_summary(broken):
    table = battery_table(broken, breaks=None, n_boot=0)
    assert list(table.columns) == TABLE_COLUMNS
    out = convergence_battery(broken, breaks=None, n_boot=0)
    assert "Verdict:" in out.summary() and "full:adf_n" in out.summary()
    assert "<table>" in out._repr_html_()


def test_bad_arguments_are_clear(broken):
    with pytest.raises(ValueError, match="not in the series index"):
        convergence_battery(broken, breaks=[1900])
    with pytest.raises(ValueError, match="monthly or quarterly"):
        convergence_battery(broken, seasonal_adjust=True)
    with pytest.raises(TypeError, match="expected a pandas Series"):
        convergence_battery(broken.to_numpy())


def test_short_series_reports_not_run_rows():
    """Eight annual values: the tests that cannot run say why in the note column."""
    out = convergence_battery(pd.Series(np.linspace(-0.1, 0.2, 8) ** 2,
                                        index=range(2013, 2021)), n_boot=0)
    not_run = out.table[out.table["decision"] == "not run"]
    assert len(not_run) > 0 and not_run["note"].str.contains("8 observations").all()
