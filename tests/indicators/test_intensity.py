"""Trade intensity, export and import side, ESCAP and WITS conventions."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from indicator_strategies import matrices, scales

from econ.errors import DataCaveatWarning
from econ.indicators import trade_intensity

#: world 100; X_A 40, X_B 40, X_C 20; M_A 30, M_B 20, M_C 50
FLOWS = pd.read_csv(io.StringIO(
    "year,exporter_iso3,importer_iso3,value_usd\n"
    "2021,A,B,10\n2021,A,C,30\n2021,B,A,20\n2021,B,C,20\n2021,C,A,10\n2021,C,B,10\n"))


@pytest.mark.parametrize(("side", "convention", "pair", "expected"), [
    # ESCAP export (Mikic and Gilbert 2009): (x_ij/X_i) / (m_j/(M_w - M_i))
    ("export", "escap", ("A", "B"), 0.875),  # (10/40) / (20/(100 - 30)) = 0.25 * 3.5
    ("export", "escap", ("A", "C"), 1.05),   # (30/40) / (50/70) = 0.75 * 1.4
    # WITS export: (x_ij/X_i) / (m_j/M_w)
    ("export", "wits", ("A", "B"), 1.25),    # 0.25 / (20/100)
    ("export", "wits", ("A", "C"), 1.5),     # 0.75 / (50/100)
    # ESCAP import: (m_ij/M_i) / (x_j/(X_w - X_i))
    ("import", "escap", ("C", "A"), 1.2),    # (30/50) / (40/(100 - 20)) = 0.6 / 0.5
    ("import", "escap", ("C", "B"), 0.8),    # (20/50) / (40/80) = 0.4 / 0.5
    # WITS mirror on the import side: (m_ij/M_i) / (x_j/X_w)
    ("import", "wits", ("C", "A"), 1.5),     # 0.6 / (40/100)
    ("import", "wits", ("C", "B"), 1.0),     # 0.4 / (40/100)
])
def test_hand_worked(side: str, convention: str, pair: tuple[str, str],
                     expected: float) -> None:
    """The 3-economy matrix FLOWS, worked by hand (arithmetic beside each case).
    Tolerance 1e-12."""
    out = trade_intensity(FLOWS, side=side, convention=convention)
    value = out.set_index(["reporter_iso3", "partner_iso3"])[f"{side}_intensity"][pair]
    assert value == pytest.approx(expected, abs=1e-12)


def test_proportional_trade_gives_one() -> None:
    """WITS help: the index is 1 when i's exports go to j in proportion to j's share of
    world imports. Here every exporter ships the same mix (50% P, 30% Q, 20% R), so the
    world's imports have that mix too and each WITS export intensity is 1."""
    rows = [(2021, e, i, v * size) for e, size in [("E1", 1.0), ("E2", 7.0)]
            for i, v in [("P", 50.0), ("Q", 30.0), ("R", 20.0)]]
    flows = pd.DataFrame(rows, columns=["year", "exporter_iso3", "importer_iso3",
                                        "value_usd"])
    out = trade_intensity(flows, convention="wits")
    np.testing.assert_allclose(out["export_intensity"], 1.0, atol=1e-12)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(flows=matrices(full=True, values=st.floats(min_value=1.0, max_value=1e6)),
       scale=scales)
def test_escap_weighted_mean_is_one_and_currency_invariance(flows: pd.DataFrame,
                                                            scale: float) -> None:
    """Why ESCAP removes the reporter: over all partners j != i, the mean of I_ij weighted
    by m_j/(M_w - M_i) is sum_j x_ij/X_i = 1 (sum_j m_j = M_w - M_i). Same on the import
    side with x_j/(X_w - X_i). Scaling all values leaves every index unchanged.
    Tolerance 1e-7: M_w - M_i subtracts two rounded sums, so a reporter that dominates
    the world loses digits (values here span six orders of magnitude)."""
    for side, weight_of in [("export", "importer_iso3"), ("import", "exporter_iso3")]:
        out = trade_intensity(flows, side=side)
        column = f"{side}_intensity"
        totals = flows.groupby(weight_of)["value_usd"].sum()
        world = totals.sum()
        weight = totals[out["partner_iso3"]].to_numpy() / (
            world - totals[out["reporter_iso3"]].to_numpy())
        weighted = (out[column] * weight).groupby(out["reporter_iso3"]).sum()
        np.testing.assert_allclose(weighted, 1.0, rtol=1e-7)
        scaled = trade_intensity(flows.assign(value_usd=flows["value_usd"] * scale),
                                 side=side)
        pd.testing.assert_frame_equal(out, scaled, rtol=1e-7)


def test_reporter_without_exports_gives_nan_with_warning() -> None:
    """D exports 0 to A: X_D = 0, share 0/0 -> NaN with a warning, not 0 or inf."""
    flows = pd.concat([FLOWS, pd.DataFrame({"year": [2021], "exporter_iso3": ["D"],
                                            "importer_iso3": ["A"], "value_usd": [0.0]})])
    with pytest.warns(DataCaveatWarning, match="total exports"):
        out = trade_intensity(flows).set_index(["reporter_iso3", "partner_iso3"])
    out = out["export_intensity"]
    assert np.isnan(out[("D", "A")])
    assert np.isfinite(out.drop(("D", "A"))).all()


def test_missing_year_is_absent() -> None:
    """Each year is its own world; a year without rows gives no rows."""
    flows = pd.concat([FLOWS, FLOWS.assign(year=2023)])
    out = trade_intensity(flows)
    assert sorted(out["year"].unique()) == [2021, 2023]
    pd.testing.assert_series_equal(
        out.loc[out["year"] == 2021, "export_intensity"].reset_index(drop=True),
        out.loc[out["year"] == 2023, "export_intensity"].reset_index(drop=True))


def test_bad_options_and_columns() -> None:
    with pytest.raises(ValueError, match="'escap' or 'wits'"):
        trade_intensity(FLOWS, convention="oecd")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'export' or 'import'"):
        trade_intensity(FLOWS, side="both")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"missing column\(s\) \['importer_iso3'\]"):
        trade_intensity(FLOWS.drop(columns="importer_iso3"), side="import")
