"""Herfindahl–Hirschman index: published and hand-worked values, invariants, bad input."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from indicator_strategies import scales, value_lists

from econ.errors import DataCaveatWarning
from econ.indicators import compute_hhi


def _frame(values: list[float], *, year: int = 2020) -> pd.DataFrame:
    return pd.DataFrame({"year": year, "reporter_iso3": "RUS",
                         "partner_iso3": [f"P{i:02d}" for i in range(len(values))],
                         "value_usd": values})


def test_doj_published_example() -> None:
    """U.S. Department of Justice, Antitrust Division, "Herfindahl-Hirschman Index"
    (justice.gov/atr/herfindahl-hirschman-index): four firms with shares of 30, 30, 20
    and 20 percent give HHI = 30^2 + 30^2 + 20^2 + 20^2 = 2,600 on the 0-10,000 scale,
    i.e. 0.26 with shares as fractions. Normalised: (0.26 - 1/4) / (1 - 1/4) = 0.01/0.75.
    Tolerance 1e-12 (float rounding only).
    """
    out = compute_hhi(_frame([30.0, 30.0, 20.0, 20.0]))
    assert out.loc[0, "hhi"] * 10_000 == pytest.approx(2_600, abs=1e-8)
    assert out.loc[0, "hhi_normalised"] == pytest.approx(0.01 / 0.75, abs=1e-12)
    assert out.loc[0, "n"] == 4


def test_hand_worked_over_partners_from_product_rows() -> None:
    """Rows are summed per partner before squaring.

    2020 RUS imports: CHN 50 + 10 (two products) = 60, DEU 30, KAZ 10 -> total 100;
    HHI = 0.6^2 + 0.3^2 + 0.1^2 = 0.36 + 0.09 + 0.01 = 0.46; normalised
    (0.46 - 1/3) / (2/3) = 0.19.
    2021: CHN 80, DEU 20 -> 0.64 + 0.04 = 0.68; normalised (0.68 - 0.5) / 0.5 = 0.36.
    """
    flows = pd.read_csv(io.StringIO(
        "year,reporter_iso3,partner_iso3,hs6,value_usd\n"
        "2020,RUS,CHN,850760,50\n2020,RUS,CHN,847130,10\n2020,RUS,DEU,880240,30\n"
        "2020,RUS,KAZ,100199,10\n2021,RUS,CHN,850760,80\n2021,RUS,DEU,880240,20\n"),
        dtype={"hs6": str})
    out = compute_hhi(flows)
    assert out["year"].tolist() == [2020, 2021]
    np.testing.assert_allclose(out["hhi"], [0.46, 0.68], atol=1e-12)
    np.testing.assert_allclose(out["hhi_normalised"], [0.19, 0.36], atol=1e-12)
    assert out["n"].tolist() == [3, 2]


def test_hand_worked_over_products() -> None:
    """HHI over products of one reporter: 270900 75, 271111 25 -> 0.5625 + 0.0625 = 0.625."""
    flows = pd.DataFrame({"year": 2021, "reporter_iso3": "RUS",
                          "hs6": ["270900", "271111"], "value_usd": [75.0, 25.0]})
    out = compute_hhi(flows, over="hs6")
    assert out.loc[0, "hhi"] == pytest.approx(0.625, abs=1e-12)


def test_no_group_keys_gives_one_index() -> None:
    """by=() computes one HHI over the whole frame: 1/2 for two equal partners."""
    out = compute_hhi(_frame([5.0, 5.0]), by=())
    assert list(out.columns) == ["hhi", "hhi_normalised", "n"]
    assert out.loc[0, "hhi"] == pytest.approx(0.5, abs=1e-12)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(values=value_lists(min_size=2), scale=scales)
def test_bounds_and_currency_invariance(values: list[float], scale: float) -> None:
    """1/n <= HHI <= 1, 0 <= normalised <= 1, and a currency change moves neither."""
    out = compute_hhi(_frame(values))
    scaled = compute_hhi(_frame([v * scale for v in values]))
    n = len(values)
    hhi = out.loc[0, "hhi"]
    assert 1 / n - 1e-12 <= hhi <= 1.0
    assert 0.0 <= out.loc[0, "hhi_normalised"] <= 1.0
    assert scaled.loc[0, "hhi"] == pytest.approx(hhi, rel=1e-9)
    assert scaled.loc[0, "hhi_normalised"] == pytest.approx(out.loc[0, "hhi_normalised"],
                                                           rel=1e-9, abs=1e-12)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(n=st.integers(min_value=2, max_value=50), value=st.floats(1e-2, 1e9))
def test_equal_shares_reach_the_lower_bound(n: int, value: float) -> None:
    """n equal partners: HHI = n * (1/n)^2 = 1/n, normalised 0."""
    out = compute_hhi(_frame([value] * n))
    assert out.loc[0, "hhi"] == pytest.approx(1 / n, rel=1e-9)
    assert out.loc[0, "hhi_normalised"] == pytest.approx(0.0, abs=1e-9)


def test_single_partner_warns_and_gives_nan_normalised() -> None:
    """One partner: HHI = 1^2 = 1; normalised (1 - 1)/(1 - 1) = 0/0 -> NaN, warned."""
    with pytest.warns(DataCaveatWarning, match="single unit"):
        out = compute_hhi(_frame([42.0]))
    assert out.loc[0, "hhi"] == 1.0
    assert np.isnan(out.loc[0, "hhi_normalised"])


def test_zero_trade_gives_nan_not_zero() -> None:
    """A year whose values are all zero: 0/0 shares -> NaN HHI with a warning, never 0."""
    frame = pd.concat([_frame([1.0, 3.0]), _frame([0.0, 0.0], year=2021)])
    with pytest.warns(DataCaveatWarning, match="zero total trade"):
        out = compute_hhi(frame)
    assert out["hhi"].isna().tolist() == [False, True]
    assert out["n"].tolist() == [2, 0]
    assert np.isfinite(out["hhi"].dropna()).all()


def test_zero_partner_is_not_counted() -> None:
    """A partner with zero trade carries no share: 10, 10, 0 -> HHI 0.5 with n = 2."""
    out = compute_hhi(_frame([10.0, 10.0, 0.0]))
    assert out.loc[0, "n"] == 2
    assert out.loc[0, "hhi_normalised"] == pytest.approx(0.0, abs=1e-12)


def test_missing_value_gives_nan_with_warning() -> None:
    with pytest.warns(DataCaveatWarning, match="missing value"):
        out = compute_hhi(_frame([10.0, np.nan]))
    assert np.isnan(out.loc[0, "hhi"])


def test_missing_year_is_absent_not_zero() -> None:
    """A year with no rows yields no row: the HHI is not invented as 0."""
    frame = pd.concat([_frame([1.0, 1.0], year=2019), _frame([1.0, 3.0], year=2021)])
    assert compute_hhi(frame)["year"].tolist() == [2019, 2021]


@pytest.mark.parametrize(("frame", "kwargs", "message"), [
    (_frame([1.0, -2.0]), {}, r"must be >= 0.*partner_iso3='P01'"),
    (_frame([1.0]).drop(columns="partner_iso3"), {}, r"missing column\(s\) \['partner_iso3'\]"),
    (_frame([1.0]).iloc[:0], {}, "empty frame"),
    (_frame([1.0]), {"over": "year"}, "also a group key"),
    (_frame([1.0]).astype({"value_usd": str}), {}, "must be numeric"),
])
def test_bad_input_raises_clear_error(frame: pd.DataFrame, kwargs: dict[str, str],
                                      message: str) -> None:
    with pytest.raises(ValueError, match=message):
        compute_hhi(frame, **kwargs)
