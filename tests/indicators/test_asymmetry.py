"""Hirschman asymmetric dependence and Barbieri (1996): hand-worked values, invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from indicator_strategies import scales

from econ.errors import DataCaveatWarning
from econ.indicators import asymmetric_dependence, barbieri_interdependence

shares_ = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def _shares(s_ab: float, s_ba: float, *, a: str = "RUS", b: str = "CHN") -> pd.DataFrame:
    return pd.DataFrame({"year": 2021, "reporter_iso3": [a, b], "partner_iso3": [b, a],
                         "share": [s_ab, s_ba]})


def _total_trade_shares(scale: float) -> pd.DataFrame:
    """Barbieri's trade share from flows (made up, in any currency unit x ``scale``).

    Russia: exports to China 40 + imports from China 50 = 90 of total trade 500 -> 0.18.
    China: exports to Russia 50 + imports from Russia 40 = 90 of total trade 4,500 -> 0.02.
    """
    dyad = 90.0 * scale
    totals = {"RUS": 500.0 * scale, "CHN": 4_500.0 * scale}
    return pd.DataFrame({"year": 2021, "reporter_iso3": ["RUS", "CHN"],
                         "partner_iso3": ["CHN", "RUS"],
                         "share": [dyad / totals["RUS"], dyad / totals["CHN"]]})


@pytest.mark.parametrize("scale", [1.0, 1e-6, 1e3])
def test_hand_worked_rus_chn(scale: float) -> None:
    """s_RC = 0.18, s_CR = 0.02 (see _total_trade_shares).

    Hirschman: difference 0.18 - 0.02 = 0.16 (RUS side), -0.16 (CHN side); ratio
    0.18 / 0.02 = 9 and 1/9.
    Barbieri: salience sqrt(0.18 * 0.02) = sqrt(0.0036) = 0.06; symmetry
    1 - |0.18 - 0.02| = 0.84; interdependence 0.06 * 0.84 = 0.0504.
    The flows' currency unit (``scale``) does not matter. Tolerance 1e-12.
    """
    shares = _total_trade_shares(scale)
    hirschman = asymmetric_dependence(shares).set_index("reporter_iso3")
    np.testing.assert_allclose(hirschman.loc[["RUS", "CHN"], "hirschman_difference"],
                               [0.16, -0.16], atol=1e-12)
    np.testing.assert_allclose(hirschman.loc[["RUS", "CHN"], "hirschman_ratio"],
                               [9.0, 1 / 9], rtol=1e-12)
    assert hirschman.loc["RUS", "partner_dependence"] == pytest.approx(0.02, abs=1e-12)
    barbieri = barbieri_interdependence(shares)
    np.testing.assert_allclose(barbieri["salience"], 0.06, atol=1e-12)
    np.testing.assert_allclose(barbieri["symmetry"], 0.84, atol=1e-12)
    np.testing.assert_allclose(barbieri["interdependence"], 0.0504, atol=1e-12)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(s_ab=shares_, s_ba=shares_)
def test_barbieri_bounds_and_pair_symmetry(s_ab: float, s_ba: float) -> None:
    """Salience, symmetry, interdependence in [0, 1]; interdependence <= salience; the
    same value for (A, B) and (B, A)."""
    out = barbieri_interdependence(_shares(s_ab, s_ba))
    for column in ["salience", "symmetry", "interdependence"]:
        assert out[column].between(0.0, 1.0).all()
        assert out[column].iloc[0] == out[column].iloc[1]
    assert (out["interdependence"] <= out["salience"] + 1e-15).all()


@settings(max_examples=80, deadline=None, derandomize=True)
@given(s_ab=st.floats(min_value=1e-12, max_value=1.0),
       s_ba=st.floats(min_value=1e-12, max_value=1.0))
def test_hirschman_antisymmetry(s_ab: float, s_ba: float) -> None:
    """D_AB = -D_BA and R_AB * R_BA = 1; D in [-1, 1]."""
    out = asymmetric_dependence(_shares(s_ab, s_ba)).set_index("reporter_iso3")
    d = out["hirschman_difference"]
    assert d["RUS"] == pytest.approx(-d["CHN"], abs=1e-15)
    assert d.between(-1.0, 1.0).all()
    assert out.loc["RUS", "hirschman_ratio"] * out.loc["CHN", "hirschman_ratio"] == \
        pytest.approx(1.0, rel=1e-12)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(scale=scales)
def test_currency_invariance(scale: float) -> None:
    """Shares formed from flows in another currency give the same indicators."""
    base = barbieri_interdependence(_total_trade_shares(1.0))
    other = barbieri_interdependence(_total_trade_shares(scale))
    pd.testing.assert_frame_equal(base, other, rtol=1e-12)


def test_zero_reverse_share_gives_nan_ratio_not_inf() -> None:
    """s_BA = 0: the ratio 0.3 / 0 is reported NaN with a warning, the difference 0.3."""
    with pytest.warns(DataCaveatWarning, match="divide by zero"):
        out = asymmetric_dependence(_shares(0.3, 0.0)).set_index("reporter_iso3")
    assert np.isnan(out.loc["RUS", "hirschman_ratio"])
    assert out.loc["CHN", "hirschman_ratio"] == 0.0
    assert out.loc["RUS", "hirschman_difference"] == pytest.approx(0.3)
    assert np.isfinite(out["hirschman_ratio"].dropna()).all()


def test_missing_reverse_row_gives_nan_with_warning() -> None:
    """A missing year on one side (no CHN row for 2022) leaves that pair-year NaN."""
    shares = pd.concat([_shares(0.18, 0.02),
                        pd.DataFrame({"year": [2022], "reporter_iso3": ["RUS"],
                                      "partner_iso3": ["CHN"], "share": [0.2]})])
    with pytest.warns(DataCaveatWarning, match="lack one side's share"):
        out = barbieri_interdependence(shares)
    assert out.loc[out["year"] == 2022, "interdependence"].isna().all()
    assert out.loc[out["year"] == 2021, "interdependence"].notna().all()


@pytest.mark.parametrize(("shares", "message"), [
    (_shares(18.0, 2.0), "between 0 and 1"),
    (pd.concat([_shares(0.1, 0.2)] * 2), "must be unique"),
    (_shares(0.1, 0.2).drop(columns="share"), r"missing column\(s\) \['share'\]"),
])
def test_bad_input_raises_clear_error(shares: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        asymmetric_dependence(shares)
