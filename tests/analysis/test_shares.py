"""econ.analysis.shares: one numerator over one denominator per basis, where both exist."""

from __future__ import annotations

import pytest
from inline import table

from econ.analysis import flows as fl
from econ.analysis.shares import BASES, numerators, partner_shares
from econ.pairs import Pair

DOTS = fl.SOURCES["dots"].label
FCS = fl.SOURCES["fcs_monthly"].label
CHINA = fl.SOURCES["china_monthly"].label
RUS_CHN = Pair("RUS", "CHN")

#: Russia's imports from China as Russia reports them (DOTS 2020, customs 2020-2021) and
#: China's exports to Russia as China reports them (2020-2022)
FLOWS = f"""
    year,reporter_iso3,partner_iso3,flow,valuation,value_usd,source,priority
    2020,RUS,CHN,imports,cif,53,"{DOTS}",2
    2020,RUS,CHN,imports,cif,54,"{FCS}",3
    2021,RUS,CHN,imports,cif,70,"{FCS}",3
    2020,CHN,RUS,exports,fob,50,"{CHINA}",1
    2021,CHN,RUS,exports,fob,68,"{CHINA}",1
    2022,CHN,RUS,exports,fob,76,"{CHINA}",1
    2020,CHN,RUS,exports,fob,49,"{DOTS}",2
    """

#: Russia's import totals: own DOTS report (CIF) 2020; customs (CIF) 2020-2021; BoP (FOB)
#: 2021-2022; the mirror (FOB, known low) 2022
TOTALS = """
    year,iso3,flow,basis,valuation,value_usd,source,is_known_low
    2020,RUS,imports,dots,cif,240,d,False
    2020,RUS,imports,customs,cif,230,c,False
    2021,RUS,imports,customs,cif,290,c,False
    2021,RUS,imports,bop,fob,300,b,False
    2022,RUS,imports,bop,fob,280,b,False
    2022,RUS,imports,mirror,fob,220,m,True
    2022,RUS,exports,bop,fob,590,b,False
    """

BACI = """
    year,exporter_iso3,importer_iso3,hs6,value_usd
    2021,CHN,RUS,870323,40
    2021,CHN,RUS,847130,30
    """


def _shares():
    return partner_shares(table(FLOWS), table(TOTALS), table(BACI), [RUS_CHN]).set_index(
        ["basis", "year"])


def test_numerators_by_definition() -> None:
    """The reporter's DOTS and customs reports are kept apart; the partner's report is its
    best source (China's monthly series, not DOTS, in 2020); BACI is summed over products."""
    found = numerators(table(FLOWS), table(BACI), RUS_CHN).set_index(["numerator", "year"])
    assert found["value_usd"].to_dict() == {
        ("reporter_dots", 2020): 53, ("reporter_customs", 2020): 54,
        ("reporter_customs", 2021): 70, ("partner_reported", 2020): 50,
        ("partner_reported", 2021): 68, ("partner_reported", 2022): 76, ("baci", 2021): 70}


def test_a_basis_exists_only_where_both_parts_exist() -> None:
    """No Atlas or goods-and-services totals: those bases give no row at all; customs
    totals stop in 2021 and BoP starts then, so each basis covers only its years."""
    shares = _shares()
    assert sorted(shares.index) == [
        ("partner_over_bop", 2021), ("partner_over_bop", 2022),
        ("partner_over_customs", 2020), ("partner_over_customs", 2021),
        ("partner_over_mirror", 2022), ("reporter_customs", 2020), ("reporter_customs", 2021),
        ("reporter_dots", 2020)]
    assert set(shares.index.get_level_values("basis")) <= set(BASES)


def test_valuation_factor_puts_the_numerator_on_the_denominators_valuation() -> None:
    """FOB exports over CIF customs imports: x 1.06 (50 x 1.06 / 230); FOB over FOB (BoP,
    mirror) and CIF over CIF (DOTS, customs): factor 1."""
    shares = _shares()
    customs = shares.loc[("partner_over_customs", 2020)]
    assert customs.cif_fob_factor == pytest.approx(1.06)
    assert customs.numerator_usd == pytest.approx(53.0)
    assert customs.share == pytest.approx(50 * 1.06 / 230)
    assert customs.valuation == "cif"
    for key, share in {("partner_over_bop", 2021): 68 / 300, ("partner_over_bop", 2022): 76 / 280,
                       ("partner_over_mirror", 2022): 76 / 220,
                       ("reporter_dots", 2020): 53 / 240,
                       ("reporter_customs", 2021): 70 / 290}.items():
        assert shares.loc[key, "share"] == pytest.approx(share), key
        assert shares.loc[key, "cif_fob_factor"] == 1.0, key


def test_rows_name_their_sources_and_a_low_denominator() -> None:
    shares = _shares()
    assert shares.loc[("partner_over_mirror", 2022), "is_denominator_low"]
    assert not shares.drop(index=("partner_over_mirror", 2022))["is_denominator_low"].any()
    assert shares.loc[("partner_over_bop", 2022), "numerator_source"] == CHINA
    assert shares.loc[("partner_over_bop", 2022), "denominator_source"] == "b"
    assert (shares["meaning"].str.len() > 0).all()
    assert (shares[["reporter_iso3", "partner_iso3"]] == ["RUS", "CHN"]).all().all()


def test_a_pair_without_data_gives_no_rows() -> None:
    empty = partner_shares(table(FLOWS), table(TOTALS), table(BACI), [Pair("KAZ", "CHN")])
    assert empty.empty and "share" in empty.columns
