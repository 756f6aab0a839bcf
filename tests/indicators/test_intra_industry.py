"""Grubel–Lloyd per product and aggregate, with Aquino's correction."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from indicator_strategies import positive_values, scales

from econ.errors import DataCaveatWarning
from econ.indicators import grubel_lloyd, grubel_lloyd_aggregate

TRADE = pd.read_csv(io.StringIO(
    "year,hs6,exports_usd,imports_usd\n"
    "2021,870323,300,200\n"   # GL = 1 - 100/500 = 0.8
    "2021,270900,0,50\n"      # one way only: GL = 0
    "2021,847130,40,40\n"     # balanced: GL = 1
    "2022,A,30,10\n"
    "2022,B,10,10\n"), dtype={"hs6": str})


def test_per_product_hand_worked() -> None:
    """GL_k = 1 - |X - M| / (X + M): 870323: 1 - |300 - 200| / 500 = 0.8; 270900:
    1 - 50/50 = 0; 847130: 1 - 0/80 = 1. Grubel and Lloyd (1975): 1 for balanced
    two-way trade, 0 for one-way trade. Tolerance 1e-12."""
    out = grubel_lloyd(TRADE).set_index(["year", "hs6"])["grubel_lloyd"]
    assert out[(2021, "870323")] == pytest.approx(0.8, abs=1e-12)
    assert out[(2021, "270900")] == 0.0
    assert out[(2021, "847130")] == 1.0


def test_aggregate_hand_worked_with_aquino() -> None:
    """2021: sum |X - M| = 100 + 50 + 0 = 150, sum (X + M) = 500 + 50 + 80 = 630:
    GL = 1 - 150/630 = 0.761905. Totals X = 340, M = 290, mean 315: X scaled by
    315/340, M by 315/290: |300*315/340 - 200*315/290| = |277.941 - 217.241| = 60.700;
    |0 - 50*315/290| = 54.310; |40*315/340 - 40*315/290| = |37.059 - 43.448| = 6.390;
    Q = 1 - 121.400/630 = 0.807302.
    2022: X = (30, 10), M = (10, 10): GL = 1 - 20/60 = 2/3; X scaled 30/40, M 30/20:
    |22.5 - 15| + |7.5 - 15| = 15, Q = 1 - 15/60 = 0.75. Tolerance 1e-6."""
    out = grubel_lloyd_aggregate(TRADE)
    np.testing.assert_allclose(out["grubel_lloyd"], [1 - 150 / 630, 2 / 3], atol=1e-12)
    gap_2021 = (abs(300 * 315 / 340 - 200 * 315 / 290) + 50 * 315 / 290
                + abs(40 * 315 / 340 - 40 * 315 / 290))
    np.testing.assert_allclose(out["grubel_lloyd_aquino"], [1 - gap_2021 / 630, 0.75],
                               atol=1e-12)
    assert out.loc[0, "grubel_lloyd_aquino"] == pytest.approx(0.807302, abs=1e-6)


products = st.lists(st.tuples(positive_values, positive_values), min_size=1, max_size=8)


def _trade(pairs: list[tuple[float, float]], scale: float = 1.0) -> pd.DataFrame:
    return pd.DataFrame({"year": 2020, "hs6": [f"{k:06d}" for k in range(len(pairs))],
                         "exports_usd": [x * scale for x, _ in pairs],
                         "imports_usd": [m * scale for _, m in pairs]})


@settings(max_examples=60, deadline=None, derandomize=True)
@given(pairs=products, scale=scales)
def test_bounds_weights_and_currency_invariance(pairs: list[tuple[float, float]],
                                                scale: float) -> None:
    """GL_k, GL and Q in [0, 1]; GL is the (X+M)-weighted mean of GL_k; a currency change
    moves nothing."""
    trade = _trade(pairs)
    per = grubel_lloyd(trade)["grubel_lloyd"]
    agg = grubel_lloyd_aggregate(trade)
    assert per.between(0.0, 1.0).all()
    assert agg[["grubel_lloyd", "grubel_lloyd_aquino"]].stack().between(0.0, 1.0).all()
    weights = trade["exports_usd"] + trade["imports_usd"]
    assert agg.loc[0, "grubel_lloyd"] == pytest.approx(
        float(np.average(per, weights=weights)), rel=1e-9, abs=1e-12)
    scaled = grubel_lloyd_aggregate(_trade(pairs, scale))
    pd.testing.assert_frame_equal(agg, scaled, rtol=1e-9, atol=1e-12)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(pairs=products)
def test_aquino_equals_grubel_lloyd_when_trade_is_balanced(
        pairs: list[tuple[float, float]]) -> None:
    """With sum X = sum M the Aquino scaling factors are 1: Q = GL."""
    trade = _trade(pairs)
    trade["imports_usd"] *= trade["exports_usd"].sum() / trade["imports_usd"].sum()
    out = grubel_lloyd_aggregate(trade)
    assert out.loc[0, "grubel_lloyd_aquino"] == pytest.approx(out.loc[0, "grubel_lloyd"],
                                                              abs=1e-9)


def test_zero_trade_product_gives_nan_with_warning() -> None:
    """X + M = 0: GL is 0/0, NaN with a warning, never 0 or 1."""
    trade = _trade([(0.0, 0.0), (5.0, 5.0)])
    with pytest.warns(DataCaveatWarning, match="divide by zero"):
        out = grubel_lloyd(trade)
    assert np.isnan(out.loc[0, "grubel_lloyd"])
    assert out.loc[1, "grubel_lloyd"] == 1.0


def test_no_imports_at_all_leaves_aquino_undefined() -> None:
    """Exports only: plain GL = 0 (all trade one way); Aquino's scaling divides by total
    imports 0, so Q is NaN with a warning."""
    with pytest.warns(DataCaveatWarning, match="total imports"):
        out = grubel_lloyd_aggregate(_trade([(10.0, 0.0), (5.0, 0.0)]))
    assert out.loc[0, "grubel_lloyd"] == 0.0
    assert np.isnan(out.loc[0, "grubel_lloyd_aquino"])


def test_zero_trade_group_and_missing_value() -> None:
    """A year without any trade, and a year with a missing import value: both NaN."""
    trade = pd.concat([_trade([(0.0, 0.0)]).assign(year=2020),
                       _trade([(1.0, np.nan)]).assign(year=2021),
                       _trade([(1.0, 1.0)]).assign(year=2022)])
    with pytest.warns(DataCaveatWarning):
        out = grubel_lloyd_aggregate(trade)
    assert out["grubel_lloyd"].isna().tolist() == [True, True, False]
    assert out["grubel_lloyd_aquino"].isna().tolist() == [True, True, False]


@pytest.mark.parametrize(("trade", "message"), [
    (_trade([(1.0, -1.0)]), r"'imports_usd' must be >= 0.*hs6='000000'"),
    (_trade([(1.0, 1.0)]).drop(columns="exports_usd"), r"missing column\(s\) \['exports_usd'\]"),
])
def test_bad_input_raises_clear_error(trade: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        grubel_lloyd_aggregate(trade)
