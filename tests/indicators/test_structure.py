"""Balassa RCA, Michaely complementarity, Finger–Kreinin similarity."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from indicator_strategies import matrices, scales

from econ.errors import DataCaveatWarning
from econ.indicators import balassa_rca, export_similarity, trade_complementarity

#: RUS exports 80 of crude and 20 of machines; CHN 20 and 180; world 100 and 200 of 300
RCA_FLOWS = pd.read_csv(io.StringIO(
    "year,exporter_iso3,importer_iso3,hs6,value_usd\n"
    "2021,RUS,CHN,270900,80\n2021,RUS,CHN,847130,20\n"
    "2021,CHN,RUS,270900,20\n2021,CHN,USA,847130,180\n"), dtype={"hs6": str})


def test_rca_hand_worked() -> None:
    """RCA = (X_ik/X_i) / (X_wk/X_w). RUS crude: 0.8 / (100/300) = 2.4, symmetric
    (2.4 - 1)/(2.4 + 1) = 0.411765; RUS machines: 0.2 / (200/300) = 0.3, symmetric
    -0.7/1.3 = -0.538462; CHN crude: 0.1 / (1/3) = 0.3; CHN machines 0.9 / (2/3) = 1.35.
    Tolerance 1e-12."""
    out = balassa_rca(RCA_FLOWS).set_index(["exporter_iso3", "hs6"])
    assert out.loc[("RUS", "270900"), "rca"] == pytest.approx(2.4, abs=1e-12)
    assert out.loc[("RUS", "270900"), "rca_symmetric"] == pytest.approx(1.4 / 3.4, abs=1e-12)
    assert out.loc[("RUS", "847130"), "rca"] == pytest.approx(0.3, abs=1e-12)
    assert out.loc[("RUS", "847130"), "rca_symmetric"] == pytest.approx(-0.7 / 1.3, abs=1e-12)
    assert out.loc[("CHN", "847130"), "rca"] == pytest.approx(1.35, abs=1e-12)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(flows=matrices(products=3), scale=scales)
def test_rca_identities_and_currency_invariance(flows: pd.DataFrame, scale: float) -> None:
    """For each exporter, sum_k (X_wk/X_w) RCA_ik = sum_k X_ik/X_i = 1; the symmetric RCA
    lies in [-1, 1); scaling all values changes nothing."""
    out = balassa_rca(flows)
    world = flows.groupby("hs6")["value_usd"].sum() / flows["value_usd"].sum()
    weighted = (out["rca"] * world[out["hs6"]].to_numpy()).groupby(out["exporter_iso3"]).sum()
    np.testing.assert_allclose(weighted, 1.0, rtol=1e-9)
    assert out["rca_symmetric"].between(-1.0, 1.0, inclusive="left").all()
    scaled = balassa_rca(flows.assign(value_usd=flows["value_usd"] * scale))
    pd.testing.assert_frame_equal(out, scaled, rtol=1e-9)


#: RUS exports: crude 75, machines 25; CHN imports: crude 75 (from RUS) only
TC_FLOWS = pd.read_csv(io.StringIO(
    "year,exporter_iso3,importer_iso3,hs6,value_usd\n"
    "2021,CHN,RUS,847130,60\n2021,CHN,USA,847130,40\n"
    "2021,RUS,CHN,270900,75\n2021,RUS,USA,847130,25\n"), dtype={"hs6": str})


def test_complementarity_hand_worked() -> None:
    """TC_ij = 100 (1 - sum_k |m_k^j - x_k^i| / 2) (WITS, Michaely 1996).
    RUS exports (crude 0.75, machines 0.25) vs CHN imports (crude 1.0):
    100 (1 - (|1 - 0.75| + |0 - 0.25|)/2) = 100 (1 - 0.25) = 75.
    CHN exports (machines 1.0) vs RUS imports (machines 1.0): 100 (1 - 0) = 100, the
    WITS upper bound for matching structures. Tolerance 1e-9."""
    out = trade_complementarity(TC_FLOWS, pairs=[("RUS", "CHN"), ("CHN", "RUS")])
    tc = out.set_index(["exporter_iso3", "importer_iso3"])["trade_complementarity"]
    assert tc[("RUS", "CHN")] == pytest.approx(75.0, abs=1e-9)
    assert tc[("CHN", "RUS")] == pytest.approx(100.0, abs=1e-9)


def test_complementarity_zero_when_nothing_matches() -> None:
    """WITS: the index is "zero when no goods are exported by one country or imported by
    the other". KAZ exports only crude; the USA imports only machines: TC = 100 (1 -
    (|0 - 1| + |1 - 0|)/2) = 0."""
    flows = pd.DataFrame({"year": 2021, "exporter_iso3": ["KAZ", "CHN"],
                          "importer_iso3": ["CHN", "USA"], "hs6": ["270900", "847130"],
                          "value_usd": [10.0, 10.0]})
    out = trade_complementarity(flows, pairs=[("KAZ", "USA")])
    assert out.loc[0, "trade_complementarity"] == 0.0


def _literal_overlap(a: pd.Series, b: pd.Series) -> float:
    """1 - sum |a - b| / 2 over the union of products, as the WITS formula is written."""
    a, b = a.align(b, fill_value=0.0)
    return float(1 - (a - b).abs().sum() / 2)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(flows=matrices(products=4), scale=scales)
def test_complementarity_and_similarity_match_literal_formulas(flows: pd.DataFrame,
                                                               scale: float) -> None:
    """The functions (sum of minima) agree with the literal |difference| formulas; both
    indices stay in range, similarity is symmetric, and currency does not matter."""
    mixes = {side: {country: rows.groupby("hs6")["value_usd"].sum()
                    / rows["value_usd"].sum() for country, rows in flows.groupby(side)}
             for side in ["exporter_iso3", "importer_iso3"]}

    def mix(side: str, country: str) -> pd.Series:
        return mixes[side][country]

    tc = trade_complementarity(flows)
    for row in tc.itertuples():
        expected = 100 * _literal_overlap(mix("exporter_iso3", row.exporter_iso3),
                                          mix("importer_iso3", row.importer_iso3))
        assert row.trade_complementarity == pytest.approx(expected, abs=1e-9)
    assert tc["trade_complementarity"].between(0.0, 100.0 + 1e-9).all()
    fk = export_similarity(flows)
    for row in fk.itertuples():
        expected = _literal_overlap(mix("exporter_iso3", row.reporter_iso3),
                                    mix("exporter_iso3", row.partner_iso3))
        assert row.export_similarity == pytest.approx(expected, abs=1e-9)
    assert (fk["reporter_iso3"] < fk["partner_iso3"]).all()
    scaled = export_similarity(flows.assign(value_usd=flows["value_usd"] * scale))
    pd.testing.assert_frame_equal(fk, scaled, rtol=1e-9, atol=1e-12)


def test_similarity_hand_worked_in_one_market() -> None:
    """Finger and Kreinin (1979): S = sum_k min(x_k^a, x_k^b). In China's market: KAZ
    crude 0.7, ores 0.3; RUS crude 0.9, ores 0.1 -> min(0.7, 0.9) + min(0.3, 0.1) = 0.8.
    RUS's exports to the USA are outside the market and ignored. Identical mixes give 1."""
    flows = pd.DataFrame({"year": 2021,
                          "exporter_iso3": ["KAZ", "KAZ", "RUS", "RUS", "RUS", "TKM"],
                          "importer_iso3": ["CHN", "CHN", "CHN", "CHN", "USA", "CHN"],
                          "hs6": ["270900", "260300", "270900", "260300", "880240",
                                  "270900"],
                          "value_usd": [70.0, 30.0, 90.0, 10.0, 500.0, 5.0]})
    out = export_similarity(flows, market="CHN",
                            pairs=[("KAZ", "RUS"), ("RUS", "KAZ"), ("TKM", "TKM")])
    s = out.set_index(["reporter_iso3", "partner_iso3"])["export_similarity"]
    assert s[("KAZ", "RUS")] == pytest.approx(0.8, abs=1e-12)
    assert s[("RUS", "KAZ")] == pytest.approx(0.8, abs=1e-12)
    assert s[("TKM", "TKM")] == pytest.approx(1.0, abs=1e-12)


def test_pair_without_trade_gives_nan_with_warning() -> None:
    """A requested pair whose importer imports nothing: NaN with a warning, not 0."""
    with pytest.warns(DataCaveatWarning, match="no trade on one side"):
        out = trade_complementarity(TC_FLOWS, pairs=[("RUS", "DEU")])
    assert np.isnan(out.loc[0, "trade_complementarity"])


def test_rca_of_product_nobody_exports_is_nan() -> None:
    """A product with zero world exports: 0 / 0 -> NaN with a warning."""
    flows = pd.concat([RCA_FLOWS, pd.DataFrame({"year": [2021], "exporter_iso3": ["RUS"],
                                                "importer_iso3": ["CHN"], "hs6": ["999999"],
                                                "value_usd": [0.0]})])
    with pytest.warns(DataCaveatWarning, match="world exports"):
        out = balassa_rca(flows).set_index(["exporter_iso3", "hs6"])
    assert np.isnan(out.loc[("RUS", "999999"), "rca"])


def test_bad_market_and_columns() -> None:
    with pytest.raises(ValueError, match="no flows go to"):
        export_similarity(TC_FLOWS, market="XXX")
    with pytest.raises(ValueError, match=r"missing column\(s\) \['hs6'\]"):
        balassa_rca(TC_FLOWS.drop(columns="hs6"))
