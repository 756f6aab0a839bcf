"""econ.analysis.energy: what China's energy purchases are worth against the seller's
exports and GDP."""

from __future__ import annotations

import pytest
from inline import table

from econ.analysis.energy import PURCHASED, purchases_vs_exports
from econ.pairs import Pair

#: China's customs values by origin; 2024 has eleven months only
CUSTOMS = """
    year,origin_iso3,commodity,value_usd,months
    2023,RUS,crude,60,12
    2023,RUS,pipeline_gas,10,12
    2023,RUS,lng,5,12
    2023,RUS,coal,8,12
    2023,RUS,oil_products,7,12
    2024,RUS,crude,55,11
    2023,USA,lng,4,12
    """
TOTALS = """
    year,reporter_iso3,exports_usd,totals_source
    2023,RUS,415,bop: b
    2023,USA,2000,imts: i
    """
GDP = """
    iso3,year,gdp_usd
    RUS,2023,2000
    USA,2023,27000
    """


def test_purchases_hand_worked() -> None:
    """Russia 2023: crude 60, gas 10, LNG 5, coal 8 -> all energy 83 (oil products are not
    among the purchased commodities); 83 / 415 = 20% of its exports, 83 / 2000 = 4.15% of
    its GDP. 2024 (eleven months) is left out."""
    rows = purchases_vs_exports(table(CUSTOMS), table(TOTALS), table(GDP),
                                [Pair("RUS", "CHN")]).set_index("commodity")
    assert set(rows.index) == {*PURCHASED, "all_energy"}
    assert rows.loc["all_energy", "value_usd"] == 83
    assert rows.loc["all_energy", "share_of_exports"] == pytest.approx(0.2)
    assert rows.loc["all_energy", "share_of_gdp"] == pytest.approx(0.0415)
    assert rows.loc["crude", "share_of_exports"] == pytest.approx(60 / 415)
    assert (rows["year"] == 2023).all() and (rows["exporter_iso3"] == "RUS").all()
    assert (rows["exports_source"] == "bop: b").all()


def test_the_seller_is_the_side_that_is_not_china() -> None:
    """CHN-USA: China is the pair's reporter, the USA the seller; RUS-IND has no China."""
    rows = purchases_vs_exports(table(CUSTOMS), table(TOTALS), table(GDP),
                                [Pair("CHN", "USA"), Pair("RUS", "IND")])
    assert set(rows["exporter_iso3"]) == {"USA"}
    assert (rows[["reporter_iso3", "partner_iso3"]] == ["CHN", "USA"]).all().all()
    lng = rows.set_index("commodity").loc["lng"]
    assert lng.share_of_exports == pytest.approx(4 / 2000)


def test_missing_totals_give_missing_shares_not_zeros() -> None:
    rows = purchases_vs_exports(table(CUSTOMS), table(TOTALS).iloc[:0], table(GDP),
                                [Pair("RUS", "CHN")])
    assert rows["share_of_exports"].isna().all() and (rows["exports_source"] == "").all()
    assert rows["share_of_gdp"].notna().all()
