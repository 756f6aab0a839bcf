"""Sanctions lists, the HS concordance and the listed-trade table on the real data/raw.

Counts are those published in data/raw/sanctions_hs_lists/PROVENANCE.md (sections 1.2,
1.4, 2.3, 3), which its authors checked against the BIS page, the eCFR-derived counts
and the EU extraction. Marked ``slow``: shares the session's real refresh.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import econ
from econ.catalog import get_spec
from econ.indicators.sanctions import chpl_by_tier, match_summary

pytestmark = pytest.mark.slow
LISTS = "core_sanctions__hs_lists"
CONCORDANCE = "core_hs__concordance_hs2022_hs2017"
OUT = "out_sanctions__yearly_listed_trade"


def test_list_counts_match_provenance(real_project: Path) -> None:
    """PROVENANCE 1.2: CHPL tiers 4/5/16/9/11/5 (50 codes, all distinct); 1.3 spot codes;
    1.4: every CHPL code is in EAR Supp. 4 and 7, Supp. 7 = CHPL + 840710, 840890, 840910;
    2.3: EAR rows 29/2,405/363/53, 2,653 distinct codes; 3: 2,223 EU CN8 codes, 115 CN4
    headings."""
    lists = econ.load(LISTS, root=real_project)
    chpl = lists[lists.list_name == "chpl"].set_index("hs6")["tier"]
    assert chpl.value_counts().to_dict() == {"Tier 3.A": 16, "Tier 4.A": 11, "Tier 3.B": 9,
                                             "Tier 2": 5, "Tier 4.B": 5, "Tier 1": 4}
    assert chpl[["854231", "854232", "852691", "847150", "845710"]].tolist() == [
        "Tier 1", "Tier 1", "Tier 2", "Tier 3.A", "Tier 4.B"]
    ear = lists[lists.list_name == "us_ear_746"]
    assert ear.groupby("tier").size().to_dict() == {"Supp. 2": 29, "Supp. 4": 2405,
                                                    "Supp. 5": 363, "Supp. 7": 53}
    assert ear["hs6"].nunique() == 2653
    supp = {t: set(g) for t, g in ear.groupby("tier")["hs6"]}
    assert set(chpl.index) <= supp["Supp. 4"]
    assert supp["Supp. 7"] - set(chpl.index) == {"840710", "840890", "840910"}
    eu = lists[lists.list_name == "eu_833_2014"]
    cn8 = eu.loc[eu.tier == "CN8 codes", "codes_as_listed"].str.split(";").explode()
    assert cn8.nunique() == len(cn8) == 2223
    assert eu.loc[eu.tier == "CN4 headings", "codes_as_listed"].nunique() == 115
    flags = lists.groupby("list_name")["is_transcribed"].agg(["min", "max"])
    assert flags.to_dict("index") == {"chpl": {"min": True, "max": True},
                                      "eu_833_2014": {"min": False, "max": False},
                                      "us_ear_746": {"min": True, "max": True}}


def test_every_chpl_code_is_matched_or_reported(real_project: Path) -> None:
    lists = econ.load(LISTS, root=real_project)
    concordance = econ.load(CONCORDANCE, root=real_project)
    chpl = lists[lists.list_name == "chpl"]
    summary = match_summary(chpl, concordance).set_index("tier")
    assert summary.loc["all", "n_codes"] == 50
    assert summary.loc["all", ["exact", "merged", "split", "unmatched"]].sum() == 50
    linked = set(concordance.dropna(subset=["hs2017"])["hs2022"])
    unmatched = set(chpl["hs6"]) - linked
    assert summary.loc["all", "unmatched"] == len(unmatched)
    # 852589, 854149 (shares of deleted 852580, 854140), 854151, 854159 (halves of 854150)
    split = concordance[concordance.hs2022.isin(chpl.hs6) & (concordance.match == "split")]
    assert set(split["hs2022"]) == {"852589", "854149", "854151", "854159"}


def test_concordance_covers_and_preserves_baci(real_project: Path) -> None:
    """Every BACI HS2017 code is in the concordance; allocating each year's values to
    HS2022 preserves the total except the codes reported unmatched (tolerance 1e-9)."""
    concordance = econ.load(CONCORDANCE, root=real_project)
    baci = econ.load("core_baci__yearly_product_trade", root=real_project)
    assert set(baci["hs6"]) <= set(concordance["hs2017"].dropna())
    links = concordance.dropna(subset=["hs2022", "hs2017"])
    allocated = baci.merge(links[["hs2017", "hs2022", "weight"]], left_on="hs6",
                           right_on="hs2017")
    by_year = (allocated["value_usd"] * allocated["weight"]).groupby(allocated["year"]).sum()
    unmatched = set(concordance.loc[concordance.hs2022.isna(), "hs2017"])
    kept = baci[~baci.hs6.isin(unmatched)].groupby("year")["value_usd"].sum()
    assert by_year.to_numpy() == pytest.approx(kept.to_numpy(), rel=1e-9)
    weights = links.groupby("hs2017")["weight"].sum()
    assert weights.to_numpy() == pytest.approx(1.0, abs=1e-12)


def test_baci_2022_onward_uses_unsd_conversions(real_project: Path) -> None:
    """The fact the concordance rests on: BACI HS17 puts HS2022 reports on HS2017 with
    UNSD's Conversions sheet, so an HS2017 code that no Conversions row (nor the identity)
    names has trade to 2021 and none from 2022 (271000 is BACI's own aggregate)."""
    concordance = econ.load(CONCORDANCE, root=real_project)
    named = set(concordance.loc[concordance.link.isin(["identity", "unsd_conversion"]),
                                "hs2017"])
    orphans = set(concordance["hs2017"].dropna()) - named - {"271000"}
    baci = econ.load("core_baci__yearly_product_trade", root=real_project)
    rows = baci[baci.hs6.isin(orphans)]
    assert len(orphans) == 26  # 300219 included: UNSD omits it altogether
    assert rows["year"].max() == 2021 and rows["value_usd"].sum() > 0


def test_listed_trade_table(real_project: Path) -> None:
    out = econ.load(OUT, root=real_project)
    baci = econ.load("core_baci__yearly_product_trade", root=real_project)
    chn = out[(out.exporter_iso3 == "CHN") & (out.importer_iso3 == "RUS")]
    totals = baci[baci.exporter_iso3 == "CHN"].groupby("year")["value_usd"].sum()
    assert (chn["total_usd"].to_numpy() == chn["year"].map(totals).to_numpy()).all()
    assert out["share"].between(0, 1).all()
    assert (out["value_lower_usd"] <= out["value_usd"] * (1 + 1e-12)).all()
    assert (out["value_usd"] <= out["value_upper_usd"] * (1 + 1e-12)).all()
    assert out["importer_share"].isna().all()
    tiers = chpl_by_tier(out)
    chpl_all = chn[(chn.list_name == "chpl") & (chn.tier == "all")].set_index("year")
    assert tiers.groupby("year")["value_usd"].sum().to_numpy() == pytest.approx(
        chpl_all["value_usd"].to_numpy(), rel=1e-12)  # CHPL tiers do not overlap
    assert set(out.loc[out.exporter_iso3 == "RUS", "list_name"]) == {"eu_833_2014"}
    assert (chn.loc[chn.year == 2021, "growth"] == 0).all()


def test_show_names_list_versions(real_project: Path) -> None:
    meta = econ.provenance(OUT, root=real_project)
    for version in ("2024-02-23", "2026-09-24", "2022-10-07"):
        assert version in meta["citation"]
        assert any(version in note for note in meta["notes"])
    lists_meta = econ.provenance(LISTS, root=real_project)
    assert any("transcription" in c for c in lists_meta["caveats"])
    assert sum("checked transcription" in n for n in lists_meta["notes"]) == 2
    frame = pd.DataFrame(meta["upstream"])
    assert set(frame["table"]) == set(get_spec(OUT).upstream)
    assert set(frame["table"]) >= {"core_baci__yearly_product_trade", LISTS, CONCORDANCE}
    assert frame["content_sha256"].str.fullmatch("[0-9a-f]{64}").all()
