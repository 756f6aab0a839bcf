"""Scenarios: documented conversions, applied path by path to the flow paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from econ.forecast import (
    MMBTU_PER_BCM,
    SCENARIOS,
    VECM,
    Naive,
    apply_scenario,
    compare_scenario,
    flow_change,
    forecast_frame,
    pipeline_gas_exports,
)


def test_gas_conversion_constant() -> None:
    """36 PJ per bcm (Energy Institute conversion factors) / 1055.05585262 J per Btu
    (International Table Btu, NIST SP 811) = 34.1214 million MMBtu per bcm; the Energy
    Institute table itself gives 34.12141633 trillion Btu per bcm."""
    million_mmbtu = MMBTU_PER_BCM / 1e6
    assert million_mmbtu == pytest.approx(34.12141633, rel=1e-9)


def test_pipeline_gas_value_by_hand() -> None:
    """50 bcm/year at 10 USD/MMBtu = 50 x 34.1214e6 x 10 = 17.06 bn USD a year, a
    twelfth of it per month from the start year, nothing before."""
    scenario = pipeline_gas_exports(50, 2027, 10.0)
    months = pd.date_range("2026-11-01", periods=4, freq="MS")
    added = scenario.adjust(np.zeros((1, 4)), months)[0]
    assert added[:2].tolist() == [0.0, 0.0]
    assert added[2] == pytest.approx(50 * MMBTU_PER_BCM * 10 / 12, rel=1e-12)
    years = pd.date_range("2026-01-01", periods=2, freq="YS")
    assert scenario.adjust(np.zeros((1, 2)), years)[0, 1] == pytest.approx(17.0607e9, rel=1e-5)


def test_ramp_up_and_price_series() -> None:
    """Volumes and prices may be Series by year (a ramp-up, a price path)."""
    volume = pd.Series([10.0, 30.0, 50.0], index=[2027, 2028, 2029])
    price = pd.Series([8.0, 9.0, 10.0], index=[2027, 2028, 2029])
    years = pd.date_range("2027-01-01", periods=3, freq="YS")
    added = pipeline_gas_exports(volume, 2027, price).adjust(np.zeros((1, 3)), years)[0]
    np.testing.assert_allclose(added, volume.to_numpy() * price.to_numpy() * MMBTU_PER_BCM)
    with pytest.raises(ValueError, match="missing 2030"):
        pipeline_gas_exports(volume, 2027, price).adjust(
            np.zeros((1, 4)), pd.date_range("2027-01-01", periods=4, freq="YS"))


def test_scenario_moves_every_path(make_flows) -> None:
    """Adding exports raises the balance on every path (same seed, path by path);
    intervals and band probabilities come from the adjusted paths."""
    flows = make_flows(60, seed=4)
    baseline = VECM(k_ar_diff=1).fit(flows, horizon=12)
    scenario = SCENARIOS["power_of_siberia_2"].build(start_year=2020,
                                                     price_usd_per_mmbtu=10.0)
    adjusted = apply_scenario(baseline, scenario)
    assert (adjusted.paths >= baseline.paths).all()
    assert (adjusted.flow_paths["imports"] == baseline.flow_paths["imports"]).all()
    table = compare_scenario(baseline, scenario, band=0.05)
    assert (table["difference"] > 0).all()
    assert list(table.columns) == ["baseline_mean", "scenario_mean", "difference",
                                   "baseline_prob_within", "scenario_prob_within"]
    rows = forecast_frame(adjusted, band=0.05, scenario=scenario.name)
    assert (rows["scenario"] == "power_of_siberia_2").all()
    assert "Power of Siberia" in SCENARIOS["power_of_siberia_2"].description


def test_imports_fall_lowers_imports_only(make_flows) -> None:
    flows = make_flows(60, seed=4)
    baseline = VECM(k_ar_diff=1).fit(flows, horizon=3)
    adjusted = apply_scenario(baseline, flow_change("imports", -0.1, "2020-01-01"))
    np.testing.assert_allclose(adjusted.flow_paths["imports"],
                               0.9 * baseline.flow_paths["imports"], rtol=1e-12)


def test_scenarios_need_flow_paths(annual: pd.Series) -> None:
    with pytest.raises(ValueError, match="use VECM"):
        apply_scenario(Naive().fit(annual, horizon=2), flow_change("exports", 0.1, "2021"))
    with pytest.raises(ValueError, match="flow"):
        flow_change("services", 0.1, "2021")
