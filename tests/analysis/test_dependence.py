"""econ.analysis.dependence: trade intensity by hand, the totals each economy uses, and the
pair indicators of the configured pairs only."""

from __future__ import annotations

import pytest
from inline import table

from econ.analysis.dependence import (
    TOTALS_PREFERENCE,
    best_totals,
    intensity_rows,
    pair_dependence,
    screened_pairs,
)
from econ.pairs import DEFAULT_PAIRS, Pair

FLOWS = """
    year,reporter_iso3,partner_iso3,exports_usd,imports_usd
    2020,RUS,CHN,60,50
    2020,CHN,RUS,50,60
    2020,RUS,IND,10,5
    2020,IND,RUS,5,10
    """
TOTALS = """
    year,reporter_iso3,exports_usd,imports_usd
    2020,RUS,400,300
    2020,CHN,2500,2000
    2020,IND,300,400
    """
WORLD = """
    year,exports_usd,imports_usd
    2020,20000,20000
    """


def test_intensity_hand_worked() -> None:
    """ESCAP convention. Russia's export intensity with China: (60/400) / (2000/(20000 -
    300)) = 0.15 / 0.101523 = 1.4775; import intensity: (50/300) / (2500/(20000 - 400))
    = 0.166667 / 0.127551 = 1.30667. China's with Russia: export (50/2500) / (300/(20000 -
    2000)) = 1.2; import (60/2000) / (400/(20000 - 2500)) = 1.3125."""
    rows = intensity_rows(table(FLOWS), table(TOTALS), table(WORLD)).set_index(
        ["reporter_iso3", "partner_iso3", "indicator"])["value"]
    assert rows[("RUS", "CHN", "export_intensity")] == pytest.approx(0.15 / (2000 / 19700))
    assert rows[("RUS", "CHN", "import_intensity")] == pytest.approx((50 / 300) / (2500 / 19600))
    assert rows[("CHN", "RUS", "export_intensity")] == pytest.approx(1.2)
    assert rows[("CHN", "RUS", "import_intensity")] == pytest.approx(1.3125)
    assert len(rows) == 8


def test_intensity_skips_a_row_without_totals() -> None:
    totals = table(TOTALS).query("reporter_iso3 != 'IND'")
    rows = intensity_rows(table(FLOWS), totals, table(WORLD))
    assert "IND" not in set(rows.reporter_iso3) | set(rows.partner_iso3)


def test_best_totals_take_the_first_basis_that_has_both_flows() -> None:
    """Order imts, bop, customs, dots, atlas. CHN 2020: IMTS beats DOTS and the Atlas. RUS
    2021: BoP has imports only, so customs (both flows) is used, its CIF imports / 1.06;
    RUS 2022: BoP. KAZ 2020: the Atlas alone. Goods and services never serve."""
    totals = table("""
        year,iso3,flow,basis,valuation,value_usd,source,is_known_low
        2020,CHN,exports,dots,fob,2500,d,False
        2020,CHN,imports,dots,cif,2100,d,False
        2020,CHN,exports,imts,fob,2510,i,False
        2020,CHN,imports,imts,cif,2120,i,False
        2020,CHN,exports,atlas,fob,2400,a,False
        2020,CHN,imports,atlas,fob,1700,a,False
        2021,RUS,imports,bop,fob,300,b,False
        2021,RUS,exports,customs,fob,490,c,False
        2021,RUS,imports,customs,cif,318,c,False
        2022,RUS,exports,bop,fob,590,b,False
        2022,RUS,imports,bop,fob,280,b,False
        2020,KAZ,exports,atlas,fob,47,a,True
        2020,KAZ,imports,atlas,fob,38,a,True
        2020,KAZ,exports,goods_and_services,fob,60,w,False
        2020,KAZ,imports,goods_and_services,fob,45,w,False
        """)
    best = best_totals(totals).set_index(["reporter_iso3", "year"])
    assert best.loc[("CHN", 2020), ["exports_usd", "imports_usd"]].tolist() == pytest.approx(
        [2510, 2120 / 1.06])
    assert best.loc[("CHN", 2020), "totals_source"] == "imts: i"
    assert best.loc[("RUS", 2021), ["exports_usd", "imports_usd"]].tolist() == pytest.approx(
        [490, 300])
    assert best.loc[("RUS", 2021), "totals_source"] == "customs: c"
    assert best.loc[("RUS", 2022), "totals_source"] == "bop: b"
    assert best.loc[("KAZ", 2020), "totals_source"] == "atlas: a"
    assert TOTALS_PREFERENCE == ("imts", "bop", "customs", "dots", "atlas")


def test_pair_dependence_keeps_the_configured_pairs_in_both_directions() -> None:
    """RUS-IND is not configured here: its flows are left out; RUS-CHN gives both
    directions; the Hirschman ratio of Russia on China is (110/700) / (110/4500)."""
    gdp = table("""
        iso3,year,gdp_usd
        RUS,2020,1500
        CHN,2020,15000
        """)
    rows = pair_dependence(flows=table(FLOWS), totals=table(TOTALS), world=table(WORLD),
                           gdp=gdp, pairs=[Pair("RUS", "CHN")])
    assert set(zip(rows.reporter_iso3, rows.partner_iso3, strict=True)) == {("RUS", "CHN"),
                                                                          ("CHN", "RUS")}
    value = rows.set_index(["reporter_iso3", "indicator"])["value"]
    assert value[("RUS", "hirschman_ratio")] == pytest.approx((110 / 700) / (110 / 4500))
    assert value[("RUS", "trade_to_gdp")] == pytest.approx(110 / 1500)
    assert {"export_intensity", "import_intensity"} <= set(rows.indicator)
    none = pair_dependence(flows=table(FLOWS), totals=table(TOTALS), world=table(WORLD),
                           gdp=gdp, pairs=[Pair("KAZ", "CHN")])
    assert none.empty


def test_screened_pairs_take_each_reporter_once() -> None:
    """The importer screen is keyed by importer: Russia with China (its first pair), not
    Germany (its last)."""
    assert screened_pairs(DEFAULT_PAIRS) == [("RUS", "CHN"), ("KAZ", "CHN"), ("CHN", "USA")]
