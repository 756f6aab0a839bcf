"""Balance, shares and mirror indicators: hand-worked numbers, properties, edge cases."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from econ.errors import DataCaveatWarning
from econ.indicators.balance import (
    balance_indicators,
    coverage_ratio,
    log_ratio,
    normalised_balance,
)
from econ.indicators.mirror import mirror_discrepancy, mirror_panel
from econ.indicators.shares import partner_shares, total_trade_shares, trade_to_gdp


def test_balance_hand_worked() -> None:
    # X = 75, M = 25: (75 - 25) / (75 + 25) = 0.5; ln(75/25) = ln 3; 75/25 = 3
    frame = balance_indicators(pd.DataFrame({"exports_usd": [75.0], "imports_usd": [25.0]}))
    assert frame.loc[0, "normalised_balance"] == 0.5
    assert frame.loc[0, "log_ratio"] == pytest.approx(math.log(3))
    assert frame.loc[0, "coverage_ratio"] == 3.0


def test_balance_zero_trade_is_nan_with_warning() -> None:
    with pytest.warns(DataCaveatWarning, match="zero trade"):
        assert np.isnan(normalised_balance(pd.Series([0.0]), pd.Series([0.0])).iloc[0])
    with pytest.warns(DataCaveatWarning, match="zero flow"):
        assert np.isnan(log_ratio(pd.Series([1.0]), pd.Series([0.0])).iloc[0])
    with pytest.warns(DataCaveatWarning, match="zero imports"):
        assert np.isnan(coverage_ratio(pd.Series([1.0]), pd.Series([0.0])).iloc[0])
    with pytest.warns(DataCaveatWarning, match="negative"):
        assert np.isnan(normalised_balance(pd.Series([-1.0]), pd.Series([2.0])).iloc[0])


flows = st.floats(min_value=1e-3, max_value=1e12, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(flows, flows, st.floats(min_value=1e-6, max_value=1e6))
def test_balance_bounds_symmetry_and_scale_invariance(x: float, m: float, scale: float
                                                      ) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nb = normalised_balance(pd.Series([x]), pd.Series([m])).iloc[0]
        lr = log_ratio(pd.Series([x]), pd.Series([m])).iloc[0]
        scaled = normalised_balance(pd.Series([x * scale]), pd.Series([m * scale])).iloc[0]
        swapped = normalised_balance(pd.Series([m]), pd.Series([x])).iloc[0]
    assert -1.0 <= nb <= 1.0
    assert scaled == pytest.approx(nb, abs=1e-9)
    assert swapped == pytest.approx(-nb, abs=1e-12)
    assert np.sign(lr) == np.sign(nb) or abs(nb) < 1e-12
    assert math.tanh(lr / 2) == pytest.approx(nb, abs=1e-9)  # (X-M)/(X+M) = tanh(ln(X/M)/2)


def test_partner_shares_world_row_and_summed_total() -> None:
    trade = pd.DataFrame({"reporter_iso3": "RUS", "flow": "imports", "year": 2020,
                          "partner_iso3": ["CHN", "DEU", "USA", "WLD", "EMU"],
                          "value_usd": [50.0, 30.0, 20.0, 125.0, 60.0]})
    world = partner_shares(trade, exclude=["EMU"]).set_index("partner_iso3")["share"]
    assert world.to_dict() == {"CHN": 0.4, "DEU": 0.24, "USA": 0.16}  # 50/125, 30/125, 20/125
    summed = partner_shares(trade, total_partner=None, exclude=["WLD", "EMU"])
    assert summed.set_index("partner_iso3")["share"].to_dict() == {"CHN": 0.5, "DEU": 0.3,
                                                                  "USA": 0.2}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1e9), min_size=1, max_size=30))
def test_partner_shares_sum_to_one(values: list[float]) -> None:
    trade = pd.DataFrame({"reporter_iso3": "AAA", "flow": "imports", "year": 2000,
                          "partner_iso3": [f"P{i:02d}" for i in range(len(values))],
                          "value_usd": values})
    if sum(values) == 0:
        with pytest.warns(DataCaveatWarning):
            out = partner_shares(trade, total_partner=None)
        assert out["share"].isna().all()
        return
    out = partner_shares(trade, total_partner=None)
    assert out["share"].between(0, 1).all()
    assert out["share"].sum() == pytest.approx(1.0)


def test_total_trade_share_and_trade_to_gdp() -> None:
    trade = pd.DataFrame({"reporter_iso3": "RUS", "year": 2020,
                          "flow": ["exports", "imports"] * 2,
                          "partner_iso3": ["CHN", "CHN", "WLD", "WLD"],
                          "value_usd": [40.0, 60.0, 300.0, 200.0]})
    # (40 + 60) / (300 + 200) = 0.2
    assert total_trade_shares(trade)["share"].tolist() == [0.2]
    gdp = pd.DataFrame({"iso3": ["RUS"], "year": [2020], "gdp_usd": [2000.0]})
    # Oneal-Russett: (40 + 60) / 2000 = 0.05
    assert trade_to_gdp(trade[trade.partner_iso3 == "CHN"], gdp)["trade_to_gdp"].tolist() == [
        0.05]


def test_mirror_discrepancy_with_cif_fob_factor() -> None:
    # RUS reports imports of 110 (CIF) from CHN; CHN reports exports of 100 (FOB):
    # mirror on CIF = 100 x 1.06 = 106, discrepancy 4, relative 4/106, log ln(110/106)
    dots = pd.DataFrame({"reporter_iso3": ["RUS", "CHN"], "partner_iso3": ["CHN", "RUS"],
                         "flow": ["imports", "exports"], "year": 2019,
                         "value_usd": [110.0, 100.0],
                         "source_file": "imf_dots_annual_xlsx/DOTS_1.xlsx"})
    out = mirror_discrepancy(dots).set_index("reporter_iso3")
    assert out.loc["RUS", "mirror_usd"] == pytest.approx(106.0)
    assert out.loc["RUS", "discrepancy_usd"] == pytest.approx(4.0)
    assert out.loc["RUS", "relative"] == pytest.approx(4 / 106)
    assert out.loc["RUS", "log_ratio"] == pytest.approx(math.log(110 / 106))
    # CHN's exports 100 against RUS imports 110 / 1.06
    assert out.loc["CHN", "mirror_usd"] == pytest.approx(110 / 1.06)
    custom = mirror_discrepancy(dots, cif_fob=1.1).set_index("reporter_iso3")
    assert custom.loc["RUS", "discrepancy_usd"] == pytest.approx(0.0)


def test_mirror_panel_counts_reporters_and_skips_groups() -> None:
    dots = pd.DataFrame({
        "reporter_iso3": ["CHN", "DEU", "WLD", "CHN"], "partner_iso3": "RUS",
        "flow": ["exports", "exports", "exports", "imports"], "year": 2021,
        "value_usd": [68.0, 27.0, 270.0, 79.0],
        "source_file": "imf_dots_annual_xlsx/DOTS_1.xlsx"})
    panel = mirror_panel(dots, "RUS", economies={"CHN", "DEU"}).set_index("flow")
    assert panel.loc["imports", "mirror_usd"] == 95.0  # 68 + 27, WLD excluded
    assert panel.loc["imports", "n_reporters"] == 2
    assert panel.loc["exports", "valuation"] == "cif"
