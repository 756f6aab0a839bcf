"""econ.analysis.flows: every source in one shape, the best source per key, whole years."""

from __future__ import annotations

import pandas as pd
import pytest
from inline import table

from econ.analysis import flows as fl

DOTS = fl.SOURCES["dots"].label
CHINA = fl.SOURCES["china_monthly"].label


def _months(year: int, n: int, value: float) -> pd.DataFrame:
    """``n`` months of ``year`` of China's reports of its imports from Russia."""
    period = pd.date_range(f"{year}-01-01", periods=n, freq="MS")
    return pd.DataFrame({"period": period, "reporter_iso3": "CHN", "partner_iso3": "RUS",
                         "flow": "imports", "valuation": "cif", "value_usd": value,
                         "source": CHINA, "priority": fl.SOURCES["china_monthly"].priority})


def test_sources_rank_imts_china_dots_fcs() -> None:
    """The declared order of preference (module docstring), not the order of the dict."""
    ranked = sorted(fl.SOURCES, key=lambda s: fl.SOURCES[s].priority)
    assert ranked == ["imts", "china_monthly", "dots", "fcs_monthly"]


def test_best_takes_the_lowest_priority_per_key_and_keeps_other_keys() -> None:
    """2020 CHN imports: IMTS (0) beats DOTS (2); 2019 has DOTS only; the exports row is
    another key and stays."""
    flows = table("""
        year,reporter_iso3,partner_iso3,flow,valuation,value_usd,source,priority
        2020,CHN,RUS,imports,cif,200,dots,2
        2020,CHN,RUS,imports,cif,210,imts,0
        2019,CHN,RUS,imports,cif,190,dots,2
        2020,CHN,RUS,exports,fob,150,dots,2
        """)
    best = fl.best(flows, "year").set_index(["year", "flow"])
    assert best["source"].to_dict() == {(2019, "imports"): "dots", (2020, "exports"): "dots",
                                        (2020, "imports"): "imts"}
    assert best.loc[(2020, "imports"), "value_usd"] == 210


def test_to_years_sums_complete_years_only() -> None:
    """2020: twelve months of 10 -> 120; 2021: eleven months -> left out."""
    monthly = pd.concat([_months(2020, 12, 10.0), _months(2021, 11, 10.0)])
    years = fl.to_years(monthly)
    assert years[["year", "value_usd", "source", "priority"]].values.tolist() == [
        [2020, 120.0, CHINA, 1]]


def test_yearly_flows_prefer_the_monthly_series_where_its_year_is_complete() -> None:
    """DOTS (priority 2) has 2019 and 2020; China's monthly series (priority 1) has all of
    2020 and part of 2021: 2019 from DOTS, 2020 from the months, 2021 nowhere."""
    dots = table(f"""
        year,reporter_iso3,partner_iso3,flow,valuation,value_usd,source,priority
        2019,CHN,RUS,imports,cif,100,"{DOTS}",2
        2020,CHN,RUS,imports,cif,111,"{DOTS}",2
        """)
    monthly = pd.concat([_months(2020, 12, 10.0), _months(2021, 6, 10.0)])
    yearly = fl.yearly_flows([dots], [monthly]).set_index("year")
    assert yearly["value_usd"].to_dict() == {2019: 100.0, 2020: 120.0}
    assert yearly["source"].to_dict() == {2019: DOTS, 2020: CHINA}
    stacked = fl.stacked_years([dots], [monthly])
    assert len(stacked) == 3  # every source kept: 2019 DOTS, 2020 DOTS and months


def test_china_monthly_exports_are_the_two_way_total_minus_imports() -> None:
    """Imports (CIF) from UN Comtrade; exports (FOB) = third-party total - imports; a month
    one source lacks gives no row."""
    comtrade = table("""
        period,reporter_iso3,partner_iso3,flow,value_usd
        2024-01-01,CHN,RUS,imports,12
        2024-02-01,CHN,RUS,imports,10
        2024-03-01,CHN,RUS,imports,11
        2024-01-01,CHN,KAZ,imports,99
        """)
    third_party = table("""
        period,value_usd
        2024-01-01,20
        2024-02-01,19
        """)
    rows = fl.china_monthly(comtrade, third_party)
    assert rows.pivot(index="period", columns="flow", values="value_usd").to_dict("list") == {
        "exports": [8.0, 9.0], "imports": [12.0, 10.0]}
    assert rows.groupby("flow")["valuation"].unique().map(list).to_dict() == {"exports": ["fob"],
                                                                           "imports": ["cif"]}
    assert (rows["reporter_iso3"] == "CHN").all() and (rows["partner_iso3"] == "RUS").all()


def test_dots_yearly_keeps_single_partners_of_the_workbooks() -> None:
    """The World partner file and a reporter's row for itself are not bilateral flows."""
    dots = table("""
        year,reporter_iso3,partner_iso3,flow,valuation,value_usd,source_file
        2020,RUS,CHN,exports,fob,5,imf_dots_annual_xlsx/DOTS_1.xlsx
        2020,WLD,RUS,exports,fob,9,imf_dots_world_partner_annual/world.xlsx
        2020,RUS,RUS,exports,fob,1,imf_dots_annual_xlsx/DOTS_1.xlsx
        """)
    rows = fl.dots_yearly(dots)
    assert rows[["reporter_iso3", "partner_iso3", "value_usd", "source", "priority"]
                ].values.tolist() == [["RUS", "CHN", 5.0, DOTS, 2]]


def test_imts_prefers_cif_imports_and_drops_the_world() -> None:
    imts = table("""
        year,reporter_iso3,partner_iso3,flow,valuation,value_usd
        2024,IND,RUS,imports,fob,60
        2024,IND,RUS,imports,cif,64
        2024,IND,WLD,imports,cif,700
        2024,IND,RUS,exports,fob,4
        """)
    rows = fl.imts_flows(imts, "year").set_index("flow")
    assert rows["value_usd"].to_dict() == {"exports": 4.0, "imports": 64.0}
    assert rows.loc["imports", "valuation"] == "cif"
    assert (rows["priority"] == 0).all()


def test_fcs_monthly_is_russia_reporting_exports_fob_imports_cif() -> None:
    fcs = table("""
        period,partner_iso3,flow,value_usd
        2021-01-01,IND,exports,3
        2021-01-01,IND,imports,2
        """)
    rows = fl.fcs_monthly(fcs)
    assert rows[["reporter_iso3", "partner_iso3", "flow", "valuation", "priority"]
                ].values.tolist() == [["RUS", "IND", "exports", "fob", 3],
                                      ["RUS", "IND", "imports", "cif", 3]]


@pytest.mark.parametrize("function", [fl.monthly_flows, fl.to_years])
def test_no_source_gives_an_empty_frame_with_the_columns(function) -> None:
    empty = function([]) if function is fl.monthly_flows else function(_months(2020, 0, 1.0))
    assert empty.empty and set(fl.FLOW_COLUMNS) <= set(empty.columns)
