"""econ.analysis.balance: a pair's balance on each reporter's data, CIF put on FOB."""

from __future__ import annotations

import pandas as pd
import pytest
from inline import table

from econ.analysis.balance import (
    cif_fob_evidence,
    latest_releases,
    pair_balance,
    release_balances,
)
from econ.pairs import Pair

RUS_CHN = Pair("RUS", "CHN")

#: 2020, both reporters of RUS-CHN; 2021, Russia's exports only
FLOWS = """
    year,reporter_iso3,partner_iso3,flow,valuation,value_usd,source,priority
    2020,RUS,CHN,exports,fob,100,r,2
    2020,RUS,CHN,imports,cif,106,r,2
    2020,CHN,RUS,exports,fob,90,c,1
    2020,CHN,RUS,imports,cif,127.2,c,1
    2021,RUS,CHN,exports,fob,120,r,2
    """


def test_both_reporters_hand_worked() -> None:
    """Russia's reports: X = 100 (FOB), M = 106 / 1.06 = 100, balance 0. China's reports
    mirrored: Russia's X = China's CIF imports 127.2 / 1.06 = 120, M = China's exports 90,
    balance (120 - 90) / 210 = 1/7, log ratio ln(120/90), coverage 120/90. 2021 has one flow
    only: no row (never a zero)."""
    rows = pair_balance(table(FLOWS), [RUS_CHN]).set_index("reported_by_iso3")
    assert rows.index.tolist() == ["CHN", "RUS"] and (rows["year"] == 2020).all()
    assert rows.loc["RUS", ["exports_usd", "imports_usd"]].tolist() == pytest.approx([100, 100])
    assert rows.loc["RUS", "normalised_balance"] == pytest.approx(0.0, abs=1e-12)
    china = rows.loc["CHN"]
    assert [china.exports_usd, china.imports_usd] == pytest.approx([120, 90])
    assert china.normalised_balance == pytest.approx(1 / 7)
    assert china.log_ratio == pytest.approx(0.28768207245178085)  # ln(4/3)
    assert china.coverage_ratio == pytest.approx(4 / 3)
    assert (rows[["reporter_iso3", "partner_iso3"]] == ["RUS", "CHN"]).all().all()
    assert (rows["valuation"] == "fob").all() and (rows["cif_fob_factor"] == 1.06).all()


def test_the_factor_divides_only_the_cif_flow() -> None:
    """cif_fob = 1: values as reported; 1.10: the CIF flow / 1.1, the FOB one unchanged."""
    as_reported = pair_balance(table(FLOWS), [RUS_CHN], cif_fob=1.0).set_index(
        "reported_by_iso3")
    assert as_reported.loc["RUS", ["exports_usd", "imports_usd"]].tolist() == [100, 106]
    assert as_reported.loc["CHN", ["exports_usd", "imports_usd"]].tolist() == [127.2, 90]
    high = pair_balance(table(FLOWS), [RUS_CHN], cif_fob=1.1).set_index("reported_by_iso3")
    assert high.loc["RUS", "imports_usd"] == pytest.approx(106 / 1.1)
    assert high.loc["RUS", "exports_usd"] == 100
    assert (high["cif_fob_factor"] == 1.1).all()


def test_the_reverse_pair_swaps_exports_and_imports() -> None:
    """CHN-RUS is the same data from China's side: X and M swap, the balance changes sign."""
    rus = pair_balance(table(FLOWS), [RUS_CHN]).set_index("reported_by_iso3")
    chn = pair_balance(table(FLOWS), [Pair("CHN", "RUS")]).set_index("reported_by_iso3")
    assert chn.loc["CHN", "exports_usd"] == rus.loc["CHN", "imports_usd"]
    assert chn["normalised_balance"].to_dict() == pytest.approx(
        (-rus["normalised_balance"]).to_dict())


def test_sources_are_named_once_or_both() -> None:
    flows = table("""
        year,reporter_iso3,partner_iso3,flow,valuation,value_usd,source,priority
        2020,RUS,CHN,exports,fob,1,a,2
        2020,RUS,CHN,imports,cif,1,b,3
        2020,CHN,RUS,exports,fob,1,c,1
        2020,CHN,RUS,imports,cif,1,c,1
        """)
    rows = pair_balance(flows, [RUS_CHN]).set_index("reported_by_iso3")
    assert rows["source"].to_dict() == {"CHN": "c", "RUS": "a; b"}


def test_monthly_and_a_pair_without_data() -> None:
    """Periods work as years do; a configured pair nobody reports gives no rows."""
    flows = table("""
        period,reporter_iso3,partner_iso3,flow,valuation,value_usd,source,priority
        2024-01-01,RUS,IND,exports,fob,5,s,3
        2024-01-01,RUS,IND,imports,cif,1.06,s,3
        """)
    rows = pair_balance(flows, [Pair("RUS", "IND"), RUS_CHN], time="period")
    assert rows[["period", "reporter_iso3", "partner_iso3", "reported_by_iso3"]
                ].values.tolist() == [[pd.Timestamp("2024-01-01"), "RUS", "IND", "RUS"]]
    assert rows["normalised_balance"].iloc[0] == pytest.approx(4 / 6)
    assert pair_balance(flows.iloc[:0], [RUS_CHN], time="period").empty


#: GACC releases for two partners (yuan): January-February combined and cumulative
RELEASES = """
    release_period,partner_iso3,flow,value_cny,is_cumulative,is_jan_feb_combined,published
    2025-02-01,RUS,exports,100,True,True,2025-03-11
    2025-02-01,RUS,imports,212,True,True,2025-03-11
    2025-02-01,RUS,total,312,True,True,2025-03-11
    2025-03-01,USA,exports,300,False,False,2025-04-14
    2025-03-01,USA,imports,100,False,False,2025-04-14
    """


def test_release_balance_hand_worked() -> None:
    """Russia's exports are China's imports / 1.06 = 200, its imports China's exports 100:
    (200 - 100) / 300; a cumulative release spans January to its month."""
    rows = release_balances(table(RELEASES))
    assert rows[["start", "end"]].iloc[0].tolist() == [pd.Timestamp("2025-01-01"),
                                                       pd.Timestamp("2025-02-01")]
    assert rows["observed"].iloc[0] == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match="core_gacc__release_by_country"):
        release_balances(table(RELEASES), partner="KAZ")


def test_latest_releases_from_each_pair_reporters_side() -> None:
    """RUS-CHN: China's releases give Russia's side as above (+1/3). CHN-USA: China is the
    pair's reporter, so its own exports 300 and imports 100 / 1.06 give (300 - 94.3) /
    (300 + 94.3); a pair without China (RUS-IND) gets nothing."""
    rows = latest_releases(table(RELEASES), [RUS_CHN, Pair("CHN", "USA"), Pair("RUS", "IND")])
    balance = rows.set_index(["reporter_iso3", "partner_iso3"])["normalised_balance"]
    assert balance[("RUS", "CHN")] == pytest.approx(1 / 3)
    m = 100 / 1.06
    assert balance[("CHN", "USA")] == pytest.approx((300 - m) / (300 + m))
    assert set(rows["reported_by_iso3"]) == {"CHN"} and set(rows["currency"]) == {"CNY"}


def test_cif_fob_evidence_by_method() -> None:
    """Russia -> China 2020: China's CIF report 127.2 over Russia's FOB report 120 = 1.06
    (mirror ratio); over BACI's FOB 125 = 1.0176; BACI's pipeline-gas share 25/125 = 0.2
    gives 1 + 0.06 x 0.8 = 1.048; gas and crude (50/125) 1 + 0.06 x 0.6 = 1.036."""
    flows = table("""
        year,reporter_iso3,partner_iso3,flow,valuation,value_usd,source,priority
        2020,RUS,CHN,exports,fob,120,r,2
        2020,CHN,RUS,imports,cif,127.2,c,1
        """)
    baci = table("""
        year,exporter_iso3,importer_iso3,hs6,value_usd
        2020,RUS,CHN,271121,25
        2020,RUS,CHN,270900,25
        2020,RUS,CHN,440710,75
        """)
    evidence = cif_fob_evidence(flows, baci, [RUS_CHN])
    russia_to_china = evidence[evidence.exporter_iso3 == "RUS"].set_index("method")["factor"]
    assert russia_to_china.to_dict() == pytest.approx({
        "imf_average": 1.06, "mirror_ratio": 1.06, "baci_ratio": 127.2 / 125,
        "pipeline_weighted": 1.048, "pipeline_crude_weighted": 1.036})
    assert set(evidence.loc[evidence.exporter_iso3 == "CHN", "method"]) <= {"imf_average"}
