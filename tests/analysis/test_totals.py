"""econ.analysis.totals: each economy's totals on every basis, never mixed."""

from __future__ import annotations

import pandas as pd
import pytest
from inline import table

from econ.analysis.totals import BASES, TOTAL_COLUMNS, bop_goods_trade, trade_totals


def _cbr(year: int, months: int, imports: float, vintage: str) -> pd.DataFrame:
    periods = pd.date_range(f"{year}-01-01", periods=months, freq="MS")
    return pd.concat([pd.DataFrame({"period": periods, "partner_group": "world", "flow": flow,
                                    "value_usd": value, "vintage": vintage})
                      for flow, value in (("imports", imports), ("exports", 2 * imports))])


def test_bop_sums_the_newest_vintage_of_complete_years() -> None:
    """2021: twelve months of 25 in the 2022 vintage, revised to 26 in the 2023 one: 312
    (and exports 624); 2022 has eleven months: left out."""
    cbr = pd.concat([_cbr(2021, 12, 25.0, "2022-01-10"), _cbr(2021, 12, 26.0, "2023-01-10"),
                     _cbr(2022, 11, 20.0, "2023-01-10")])
    years = bop_goods_trade(cbr)
    assert years.index.tolist() == [2021]
    assert years.loc[2021, ["imports_usd", "exports_usd"]].tolist() == [312.0, 624.0]
    assert years.loc[2021, "vintage"] == "2023-01-10"


def test_every_basis_from_its_source() -> None:
    """Customs: the newest publication of a complete year (vintage 2023 over 2022), CIF
    imports; own DOTS report; the world's mirror, flows swapped and known low; Atlas;
    goods and services = % of GDP x GDP."""
    dots = table("""
        year,reporter_iso3,partner_iso3,flow,valuation,value_usd,source_file
        2021,RUS,WLD,imports,cif,290,imf_dots_annual_xlsx/DOTS_1.xlsx
        2021,WLD,RUS,exports,fob,272,imf_dots_world_partner_annual/world.xlsx
        2021,WLD,RUS,imports,cif,480,imf_dots_world_partner_annual/world.xlsx
        """)
    fcs = table("""
        year,flow,partner_group,basis,months,vintage,value_usd,source_file
        2021,imports,world,customs_statistics,12,2022,293,a.xlsx
        2021,imports,world,customs_statistics,12,2023,294,b.xlsx
        2021,imports,world,with_additions,12,2023,296,b.xlsx
        2021,imports,cis,customs_statistics,12,2023,30,b.xlsx
        2022,imports,world,customs_statistics,9,2023,200,b.xlsx
        """)
    atlas = table("""
        year,iso3,exports_usd,imports_usd,is_mirror_estimate
        2021,RUS,490,260,False
        """)
    wdi_gdp = table("""
        iso3,year,gdp_usd
        RUS,2021,1800
        """)
    wdi_macro = table("""
        iso3,year,indicator,value
        RUS,2021,NE.IMP.GNFS.ZS,20
        RUS,2021,NE.EXP.GNFS.ZS,30
        """)
    cbr = _cbr(2021, 12, 25.0, "2023-01-10")
    totals = trade_totals(dots=dots, cbr_monthly=cbr, fcs_totals=fcs, atlas=atlas,
                          wdi_gdp=wdi_gdp, wdi_macro=wdi_macro)
    assert list(totals.columns) == TOTAL_COLUMNS
    imports = totals[totals.flow == "imports"].set_index("basis")
    assert imports["value_usd"].to_dict() == pytest.approx({
        "bop": 300, "customs": 294, "dots": 290, "mirror": 272, "atlas": 260,
        "goods_and_services": 360})
    assert imports["valuation"].to_dict() == {b: BASES[b][0] for b in imports.index}
    assert imports["is_known_low"].to_dict() == {
        "bop": False, "customs": False, "dots": False, "mirror": True, "atlas": False,
        "goods_and_services": False}
    assert imports.loc["customs", "source"].endswith("(b.xlsx)")
    exports = totals[totals.flow == "exports"].set_index("basis")["value_usd"]
    assert exports["mirror"] == 480  # the world's imports from Russia
    assert exports["goods_and_services"] == pytest.approx(540)
    assert (totals["iso3"] == "RUS").all() and (totals["year"] == 2021).all()
