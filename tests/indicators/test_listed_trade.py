"""Listed-goods screen: a hand-worked fixture, invariants, edge cases."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from econ.indicators.sanctions import (
    chpl_by_tier,
    list_baskets,
    listed_code_values,
    listed_fractions,
    match_summary,
    screen_listed_trade,
    top_listed_codes,
)

# China -> Russia, USD. 852580 (cameras) split four ways in HS2022; 851712 (telephones)
# holds 854151/854159 only as carved-out codes (weight 0); 854150 splits into them (1/2
# each); 940360 (furniture) is not listed.
TRADE = pd.read_csv(io.StringIO("""year,exporter_iso3,importer_iso3,hs6,value_usd
2021,CHN,RUS,854231,100
2021,CHN,RUS,852580,80
2021,CHN,RUS,851712,1000
2021,CHN,RUS,854150,20
2021,CHN,RUS,940360,800
2023,CHN,RUS,854231,150
2023,CHN,RUS,852580,40
2023,CHN,RUS,851712,2000
2021,RUS,CHN,940360,5
"""), dtype={"hs6": str})
CONCORDANCE = pd.read_csv(io.StringIO("""hs2022,hs2017,weight,match
854231,854231,1.0,exact
852581,852580,0.25,split
852582,852580,0.25,split
852583,852580,0.25,split
852589,852580,0.25,split
851713,851712,0.5,split
851714,851712,0.5,split
854151,851712,0.0,split
854159,851712,0.0,split
854151,854150,0.5,split
854159,854150,0.5,split
940360,940360,1.0,exact
"""), dtype=str).astype({"weight": float})
LISTS = pd.read_csv(io.StringIO("""list_name,list_version,tier,hs6,hs_revision
chpl,2024-02-23,Tier 1,854231,HS2022
chpl,2024-02-23,Tier 3.A,852589,HS2022
chpl,2024-02-23,Tier 3.A,854151,HS2022
chpl,2024-02-23,Tier 3.A,854159,HS2022
"""), dtype=str)


@pytest.fixture
def screen() -> pd.DataFrame:
    out = screen_listed_trade(TRADE, LISTS, CONCORDANCE, exporter="CHN", importer="RUS")
    return out.set_index(["tier", "year"])


def test_screen_hand_worked(screen: pd.DataFrame) -> None:
    """Worked by hand from the fixture above.

    2021: total 100 + 80 + 1000 + 20 + 800 = 2000. Tier 1 = 854231 = 100 (share 0.05).
    Tier 3.A = 80/4 (852589) + 20 x (1/2 + 1/2) (854151, 854159) = 40 (share 0.02); lower
    bound 20 (only 854150 is wholly listed); upper 80 + 1000 + 20 = 1100 (851712 holds
    854151/854159). All = 140. 2023: total 2190; Tier 1 = 150, growth 150/100 - 1 = 0.5;
    Tier 3.A = 40/4 = 10, growth 10/40 - 1 = -0.75, lower 0, upper 40 + 2000 = 2040.
    """
    assert screen.loc[("Tier 1", 2021), ["value_usd", "share"]].tolist() == [100.0, 0.05]
    row = screen.loc[("Tier 3.A", 2021)]
    assert row[["value_usd", "value_lower_usd", "value_upper_usd", "total_usd"]].tolist() == [
        40.0, 20.0, 1100.0, 2000.0]
    assert row["share"] == pytest.approx(0.02, abs=1e-15)
    assert screen.loc[("all", 2021), "value_usd"] == 140.0
    assert screen.loc[("Tier 1", 2023), "growth"] == pytest.approx(0.5, abs=1e-15)
    later = screen.loc[("Tier 3.A", 2023)]
    assert later[["value_usd", "value_lower_usd", "value_upper_usd", "total_usd"]].tolist() == [
        10.0, 0.0, 2040.0, 2190.0]
    assert later["growth"] == pytest.approx(-0.75, abs=1e-15)
    assert screen["n_codes"].to_dict()[("Tier 3.A", 2021)] == 3
    assert set(screen["list_version"]) == {"2024-02-23"}


def test_screen_top_codes_and_caveats(screen: pd.DataFrame) -> None:
    """2021 Tier 3.A: 854151 and 854159 get 10 each, 852589 gets 20 of the 40."""
    assert screen.loc[("Tier 3.A", 2021), "top_hs6"] == "852589 50.0%; 854151 25.0%; 854159 25.0%"
    assert "take an equal share of a split HS2017 code" in screen.loc[("Tier 3.A", 2021),
                                                                      "caveat"]
    assert screen.loc[("Tier 1", 2021), "caveat"] == ""
    top = top_listed_codes(TRADE, LISTS, CONCORDANCE, exporter="CHN", importer="RUS", n=1)
    first = top[(top.tier == "all") & (top.year == 2023)].iloc[0]
    assert (first["hs6"], first["value_usd"], first["share"]) == ("854231", 150.0, 0.9375)


def test_importer_share_needs_importer_totals(screen: pd.DataFrame) -> None:
    assert screen["importer_share"].isna().all()
    assert screen["importer_share_reason"].str.contains("RUS's imports of listed goods from "
                                                        "all partners").all()
    imports = pd.DataFrame({"year": [2021, 2021], "hs6": ["854231", "854150"],
                            "value_usd": [400.0, 30.0]})
    out = screen_listed_trade(TRADE, LISTS, CONCORDANCE, exporter="CHN", importer="RUS",
                              importer_imports=imports).set_index(["tier", "year"])
    # Russia's listed Tier 1 imports: 400, of which 100 from China
    assert out.loc[("Tier 1", 2021), "importer_share"] == 0.25
    assert out.loc[("Tier 1", 2021), "importer_share_reason"] == ""
    assert math.isnan(out.loc[("Tier 1", 2023), "importer_share"])


def test_hs2017_list_codes_count_once() -> None:
    """An EU-style list naming HS2017 620111 and HS2022 620120 (which converts to 620111)
    counts 620111's value once."""
    lists = pd.DataFrame({"list_name": "eu", "list_version": "2022-10-07", "tier": "CN8",
                          "hs6": ["620111", "620120"], "hs_revision": ["HS2017", "HS2022"]})
    concordance = pd.DataFrame({"hs2022": ["620120"], "hs2017": ["620111"], "weight": [1.0],
                                "match": ["exact"]})
    trade = pd.DataFrame({"year": 2021, "exporter_iso3": "CHN", "importer_iso3": "RUS",
                          "hs6": ["620111", "940360"], "value_usd": [30.0, 70.0]})
    out = screen_listed_trade(trade, lists, concordance, exporter="CHN", importer="RUS")
    assert out.loc[out.tier == "CN8", "value_usd"].tolist() == [30.0]
    basket = list_baskets(lists, concordance)
    assert listed_fractions(basket)["fraction"].tolist() == [1.0, 1.0]


def test_match_summary_reports_unmatched_and_carved_out() -> None:
    lists = pd.concat([LISTS, pd.DataFrame({"list_name": ["chpl", "chpl"],
                                            "list_version": "2024-02-23",
                                            "tier": ["Tier 4.A", "Tier 4.A"],
                                            "hs6": ["123456", "851713"],
                                            "hs_revision": "HS2022"})])
    concordance = pd.concat([CONCORDANCE, pd.DataFrame(
        {"hs2022": ["851713"], "hs2017": ["851799"], "weight": [0.0], "match": ["split"]})])
    summary = match_summary(lists, concordance).set_index("tier")
    assert summary.loc["Tier 4.A", ["n_codes", "unmatched", "split"]].tolist() == [2, 1, 1]
    assert summary.loc["all", ["n_codes", "exact", "split", "unmatched"]].tolist() == [
        6, 1, 4, 1]
    assert summary.loc["Tier 3.A", "carved_out_only"] == 0


def test_unknown_pair_is_an_error() -> None:
    with pytest.raises(ValueError, match="no rows from exporter 'CHN' to importer 'KAZ'"):
        screen_listed_trade(TRADE, LISTS, CONCORDANCE, exporter="CHN", importer="KAZ")


def test_chpl_by_tier(screen: pd.DataFrame) -> None:
    tiers = chpl_by_tier(screen.reset_index())
    assert list(tiers.columns) == ["year", "tier", "value_usd", "value_lower_usd",
                                   "value_upper_usd", "share"]
    assert "all" not in set(tiers["tier"])
    assert tiers.groupby("year")["value_usd"].sum().to_dict() == {2021: 140.0, 2023: 160.0}
    with pytest.raises(ValueError, match="no CHPL rows for RUS->CHN"):
        chpl_by_tier(screen.reset_index(), exporter="RUS", importer="CHN")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e9), min_size=8, max_size=8),
       st.lists(st.booleans(), min_size=4, max_size=4))
def test_screen_bounds_and_code_sums(values: list[float], listed: list[bool]) -> None:
    """For any values and any subset of listed codes: lower <= central <= upper <= total,
    per-code values sum to the central value, and the union tier is at most the sum of
    the tiers."""
    trade = TRADE.iloc[:8].assign(value_usd=values)
    codes = ["854231", "852589", "854151", "851713"]
    chosen = [c for c, keep in zip(codes, listed, strict=True) if keep] or ["854231"]
    lists = pd.DataFrame({"list_name": "x", "list_version": "v",
                          "tier": [f"T{i % 2}" for i in range(len(chosen))],
                          "hs6": chosen, "hs_revision": "HS2022"})
    out = screen_listed_trade(trade, lists, CONCORDANCE, exporter="CHN", importer="RUS")
    tol = 1e-6 * (1 + out["total_usd"])
    assert (out["value_lower_usd"] <= out["value_usd"] + tol).all()
    assert (out["value_usd"] <= out["value_upper_usd"] + tol).all()
    assert (out["value_upper_usd"] <= out["total_usd"] + tol).all()
    flows = trade.rename(columns={"hs6": "hs2017"})[["year", "hs2017", "value_usd"]]
    per_code = listed_code_values(flows, list_baskets(lists, CONCORDANCE))
    summed = per_code.groupby(["tier", "year"])["value_usd"].sum()
    central = out.set_index(["tier", "year"])["value_usd"]
    assert summed.reindex(central.index, fill_value=0).to_numpy() == pytest.approx(
        central.to_numpy(), rel=1e-9, abs=1e-6)
    by_tier = out[out.tier != "all"].groupby("year")["value_usd"].sum()
    union = out[out.tier == "all"].set_index("year")["value_usd"]
    assert (union <= by_tier.reindex(union.index) + 1e-6).all()
