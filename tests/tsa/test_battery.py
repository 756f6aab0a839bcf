"""The convergence battery: tidy size-checked table, structured verdict, sub-samples."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from econ.tsa import CLAUSE_COLUMNS, TABLE_COLUMNS, battery_table, convergence_battery

N_SIM = 99  # small simulations keep these tests fast; the refresh uses 499


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


@pytest.fixture(scope="module")
def broken_battery(broken):
    return convergence_battery(broken, log_flows=_flows(broken, 13), n_sim=N_SIM)


def test_table_has_the_tidy_columns_and_unique_ids(broken_battery):
    table = broken_battery.to_frame()
    assert list(table.columns) == TABLE_COLUMNS
    assert table["id"].is_unique
    expected = {"full:adf_n", "full:adf_c", "full:kpss_c", "full:mean_zero", "full:tost",
                "full:outside_band", "full:zivot_andrews", "full:half_life_ar1",
                "full:sup_f", "full:sup_f_ar", "full:breaks_bic", "full:breaks_lwz",
                "full:bai_perron", "full:cusum", "full:cusum_squares", "full:engle_granger",
                "full:ardl_bounds", "full:johansen_trace_r0", "full:johansen_trace_r0_k2",
                "full:johansen_beta", "full:dols_slope", "full:half_life_ecm"}
    assert expected <= set(table["id"])
    assert set(table["decision_basis"]) <= {"asymptotic", "simulated critical value",
                                            "bootstrap p-value", "selection rule",
                                            "asymptotic (size not simulated)"}
    assert table["is_used_for_verdict"].dtype == bool


def test_every_simulated_test_row_has_nominal_and_simulated_size(broken_battery):
    """Issue 15 acceptance: per test, nominal and simulated size; the estimates
    (half-lives) and the breaks summary are the only rows without their own size."""
    table = broken_battery.table
    tests = table[~table["decision"].isin(["estimate", "not run"])
                  & ~table["id"].str.endswith(("bai_perron",))]
    assert (tests["nominal_size"] == 0.05).all()
    assert tests["simulated_size"].between(0, 1).all(), tests.loc[
        tests["simulated_size"].isna(), "id"].tolist()
    assert (tests["n_sim"] == N_SIM).all()
    off = tests[(tests["simulated_size"] < 0.03) | (tests["simulated_size"] > 0.07)]
    assert off["decision_basis"].isin(["bootstrap p-value", "simulated critical value",
                                       "selection rule"]).all()


def test_break_found_and_subsamples_split_there(broken_battery):
    """The planted break after 1999 survives the sequential test (±3 years) and the
    regime rows start the year after it."""
    out = broken_battery
    assert len(out.breaks) == 1 and abs(out.breaks[0] - 1999) <= 3
    regimes = set(out.table.loc[out.table["sample_kind"] == "regime", "sample"])
    assert regimes == {f"1970–{out.breaks[0]}", f"{out.breaks[0] + 1}–2024"}
    assert f"full:chow@{out.breaks[0]}" in set(out.table["id"])
    brk = [c for c in out.clauses if c.topic == "break"]
    assert len(brk) == 1 and brk[0].break_ci_lower <= brk[0].break_date <= brk[0].break_ci_upper


def test_every_clause_cites_existing_rows(broken_battery):
    """Each clause ends with [row ids], and every id is a row of the table."""
    out = broken_battery
    ids = set(out.table["id"])
    for clause in out.clauses:
        assert clause.row_ids and set(clause.row_ids) <= ids, clause.text
    for bracket in re.findall(r"\[([^\]]+)\]", out.verdict):
        assert set(bracket.split(", ")) <= ids


def test_headline_is_the_latest_regime_and_outside_the_band(broken_battery):
    """After the break the mean is 0.4: shown outside ±0.05, with its interval."""
    head = broken_battery.headline
    assert head is not None and head.topic == "balance" and head.state == "outside_band"
    assert head.sample == f"{broken_battery.breaks[0] + 1}–2024"
    assert head.ci_lower < head.estimate < head.ci_upper
    assert head.ci_lower > 0.05
    frame = broken_battery.verdict_frame()
    assert list(frame.columns) == CLAUSE_COLUMNS
    assert frame["is_headline"].sum() == 1


def test_balanced_series_is_within_the_band():
    """Simulated (seed 14): AR(1) 0.5 around zero, s.d. 0.02, 60 years: within ±0.05."""
    rng = np.random.default_rng(14)
    values = np.zeros(60)
    for t in range(1, 60):
        values[t] = 0.5 * values[t - 1] + 0.02 * rng.standard_normal()
    out = convergence_battery(pd.Series(values, index=range(1961, 2021)), breaks=None,
                              n_sim=N_SIM)
    assert out.headline.state == "within_band"
    assert out.breaks == ()
    assert out.headline.text.startswith("Trade is within ±0.05 of balance over the whole")


def test_no_zero_mean_verdict_from_a_short_sample():
    """Issue 15: a 7-point zero-mean test is not a verdict. Seven annual values near 0.1:
    the zero-mean row is never used, and the balance state is not 'within_band'."""
    rng = np.random.default_rng(3)
    short = pd.Series(0.1 + 0.08 * rng.standard_normal(12), index=range(2013, 2025))
    out = convergence_battery(short, breaks=None, n_sim=N_SIM)
    assert not out.table.set_index("id").loc["full:mean_zero", "is_used_for_verdict"]
    assert out.headline.state != "within_band"


def test_known_breaks_and_monthly_seasonal_adjustment():
    """Given break dates split the sample there; STL removes a monthly seasonal cycle."""
    rng = np.random.default_rng(15)
    index = pd.date_range("2015-01-01", periods=120, freq="MS")
    seasonal = 0.2 * np.sin(2 * np.pi * np.arange(120) / 12)
    balance = pd.Series(seasonal + 0.05 * rng.standard_normal(120), index=index)
    out = convergence_battery(balance, seasonal_adjust=True,
                              breaks=[pd.Timestamp("2021-12-01")], n_sim=N_SIM)
    assert out.seasonally_adjusted and out.frequency == "monthly"
    assert {"2015-01–2021-12", "2022-01–2024-12"} <= set(out.table["sample"])
    assert "full:chow@2021-12" in set(out.table["id"])
    assert {"2022-01–2024-12", "2024-01–2024-12"} & set(
        out.table.loc[out.table["sample_kind"] == "window", "sample"])


def test_headline_scope_equals_the_full_battery(broken):
    """The robustness table's unit (scope="headline") gives the full battery's headline."""
    full = convergence_battery(broken, n_sim=N_SIM, seed=4)
    lean = convergence_battery(broken, n_sim=N_SIM, seed=4, scope="headline")
    assert lean.clauses[0] == full.headline
    assert len(lean.table) < len(full.table)


def test_without_size_checks_nothing_is_simulated(broken):
    table = battery_table(broken, breaks=None, size_checks=False)
    assert list(table.columns) == TABLE_COLUMNS
    assert table["simulated_size"].isna().all() and (table["n_sim"] == 0).all()


def test_summary_and_html(broken_battery):
    text = broken_battery.summary()
    assert "Verdict:" in text and "full:adf_n" in text
    assert "<table>" in broken_battery._repr_html_()


def test_persistence_clause_is_consistent_with_the_interval():
    """A random walk: the median-unbiased half-life interval reaches infinity and the
    clause says a unit root cannot be excluded."""
    walk = pd.Series(0.05 * np.random.default_rng(8).standard_normal(40).cumsum(),
                     index=range(1981, 2021))
    out = convergence_battery(walk, breaks=None, n_sim=N_SIM)
    clause = next(c for c in out.clauses if c.topic == "persistence")
    assert math.isinf(clause.ci_upper) and clause.state == "unit_root_in_interval"
    assert "a unit root cannot be excluded" in clause.text


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
                                        index=range(2013, 2021)), n_sim=N_SIM)
    not_run = out.table[out.table["decision"] == "not run"]
    assert len(not_run) > 0 and not_run["note"].str.contains("8 observations").all()
