"""Energy tables on the real data/raw: the acceptance questions of issue 5, answered from the
tables alone, and numbers checked against figures published by others.

Marked ``slow``: it shares the session's full refresh (``real_project``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import econ
from econ import units
from econ.etl import ei
from econ.etl.china_customs import annual_totals, newest_vintage, split_jan_feb

pytestmark = pytest.mark.slow
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
EI_RAW = RAW / "energy_institute_statistical_review"
LATEST = "core_ei__yearly_energy_trade_latest"
TRADE = "core_ei__yearly_energy_trade"
CUSTOMS = "core_china_customs__monthly_energy_imports"


@pytest.fixture(scope="module")
def russia_china_gas(real_project: Path) -> pd.Series:
    """Russia -> China pipeline gas by year, bcm, from the newest edition that has it."""
    latest = econ.load(LATEST, root=real_project, filters={
        "exporter_iso3": "RUS", "importer_iso3": "CHN", "commodity": "pipeline_gas"})
    assert set(latest["edition"]) == {2026}  # the newest edition covers every year
    return latest.set_index("year")["volume_bcm"]


@pytest.fixture(scope="module")
def russia_crude(real_project: Path) -> pd.DataFrame:
    """China's crude imports from Russia by year: newest vintage per month, Jan+Feb once."""
    customs = econ.load(CUSTOMS, root=real_project, filters={"origin_iso3": "RUS",
                                                             "commodity": "crude"})
    return annual_totals(split_jan_feb(newest_vintage(customs))).set_index("year")


def test_russia_china_pipeline_gas_from_the_newest_edition(russia_china_gas: pd.Series) -> None:
    """Power of Siberia opened in December 2019: nothing before, a little in 2019.

    Gazprom reported 15.4 bcm delivered in 2022 and 22.7 bcm in 2023 (Gazprom Telegram,
    reported by UNN, 3 January 2024; TASS, 13 May 2024). EI standardises volumes at 15 °C
    and a gross calorific value of 40 MJ/m3, Gazprom at 20 °C: EI's numbers run 3-7%
    below Gazprom's.
    """
    gas = russia_china_gas
    assert list(gas.index) == list(range(2000, 2026))
    assert (gas.loc[:2018] == 0).all()
    assert 0 < gas.loc[2019] < 1
    assert gas.loc[2020:].is_monotonic_increasing
    for year, gazprom in ((2022, 15.4), (2023, 22.7)):
        assert 0.93 < gas.loc[year] / gazprom < 0.97, (year, gas.loc[year])


def test_china_crude_imports_from_russia(russia_crude: pd.DataFrame) -> None:
    """China customs, crude from Russia: 83.57 Mt in 2020 (GACC, reported by Reuters,
    20 January 2021); 86.2 Mt and USD 58.37 bn in 2022 (GACC via TASS, 20 July 2023);
    107 Mt and USD 60.6 bn in 2023 (GACC via TASS, 20 January 2024). The newest vintage of
    2020-2024 is UN Comtrade's copy of China's report, which differs from GACC's release
    by up to 0.2%.
    """
    crude = russia_crude
    assert (crude["months"].loc[2000:2024] == 12).all()
    published = {2020: (83.57e6, None), 2022: (86.2e6, 58.37e9), 2023: (107.0e6, 60.6e9)}
    for year, (tonnes, dollars) in published.items():
        assert crude.loc[year, "quantity_t"] == pytest.approx(tonnes, rel=0.002)
        if dollars:
            assert crude.loc[year, "value_usd"] == pytest.approx(dollars, rel=0.005)


def test_monthly_crude_from_russia_against_the_press(real_project: Path) -> None:
    """GACC via Moscow Times (20 June 2023): 5.4 Mt in February 2022, 9.71 Mt in May 2023."""
    customs = econ.load(CUSTOMS, root=real_project, filters={"origin_iso3": "RUS",
                                                             "commodity": "crude"})
    newest = newest_vintage(customs).set_index("period")["quantity_t"]
    assert newest.loc["2022-02-01"] == pytest.approx(5.4e6, rel=0.01)
    assert newest.loc["2023-05-01"] == pytest.approx(9.71e6, rel=0.001)


def test_china_total_crude_imports_2020(real_project: Path) -> None:
    """China imported a record 542.4 Mt of crude in 2020 (GACC, reported by Reuters,
    20 January 2021)."""
    world = econ.load(CUSTOMS, root=real_project, filters={"origin_iso3": "WLD",
                                                           "commodity": "crude"})
    totals = annual_totals(newest_vintage(world)).set_index("year")
    assert totals.loc[2020, "quantity_t"] == pytest.approx(542.4e6, rel=1e-4)


def test_vintages_differ(real_project: Path) -> None:
    """The same month in two Wind vintages: Russia crude quantities revised in 23 months
    of 2017-2018 by up to 1.4%; June 2019 coal value 10x lower in the 2022-08 vintage (a
    lost digit: 26,442,755 vs 264,745,304 USD for the same 2.98 Mt)."""
    customs = econ.load(CUSTOMS, root=real_project, filters={"source": "wind",
                                                             "origin_iso3": "RUS"})
    wide = customs.pivot_table(index=["commodity", "period"], columns="vintage",
                               values=["quantity_t", "value_usd"])
    crude = wide.loc["crude", "quantity_t"][["2022-08", "2023-04"]].dropna()
    change = (crude["2023-04"] / crude["2022-08"] - 1).abs()
    assert (change > 1e-9).sum() == 23
    assert change.max() == pytest.approx(0.0136, abs=0.0005)
    coal = wide.loc[("coal", pd.Timestamp("2019-06-01")), "value_usd"]
    assert coal["2022-08"] == 26_442_755.0 and coal["2023-04"] == 264_745_304.0


def test_ei_editions_differ(real_project: Path) -> None:
    """Russia -> China pipeline gas 2022: 14.7 bcm (EI 2023, rounded), 14.669 (EI 2024),
    14.575 (EI 2026); 2023: 21.294 (EI 2024), 21.512 (EI 2026)."""
    trade = econ.load(TRADE, root=real_project, filters={
        "exporter_iso3": "RUS", "importer_iso3": "CHN", "commodity": "pipeline_gas"})
    by_edition = trade.groupby(["year", "edition"])["volume_bcm"].agg(["min", "max"])
    assert (by_edition["max"] - by_edition["min"]).max() < 0.051  # matrix = table
    value = by_edition["max"]
    assert value[(2022, 2023)] == pytest.approx(14.7)
    assert value[(2022, 2024)] == pytest.approx(14.669, abs=5e-4)
    assert value[(2022, 2026)] == pytest.approx(14.575, abs=5e-4)
    assert value[(2023, 2026)] / value[(2023, 2024)] - 1 == pytest.approx(0.0102, abs=5e-4)


def test_russia_gas_exports_2023_in_the_2024_edition(real_project: Path) -> None:
    """PROVENANCE_ENERGY.md: Russia's gas exports for 2023 are 138.1 bcm in EI 2024; its
    pipeline and LNG matrices add up to that."""
    trade = econ.load(TRADE, root=real_project, filters={
        "edition": 2024, "year": 2023, "exporter_iso3": "RUS", "importer": "Total",
        "source": "bilateral_matrix"})
    total = trade[trade.commodity.isin(["pipeline_gas", "lng"])]["volume_bcm"].sum()
    assert total == pytest.approx(138.1, abs=0.05)


def test_oil_matrix_of_2026_is_2025(real_project: Path) -> None:
    """PROVENANCE_ENERGY.md: EI 2026's oil matrix (titled 2024) holds 2025; Russia's crude
    exports there are 236.5 Mt."""
    trade = econ.load(TRADE, root=real_project, filters={
        "edition": 2026, "commodity": "crude", "exporter": "Russia", "importer": "Total"})
    assert trade.set_index("year")["volume_mt"].to_dict() == {2025: pytest.approx(236.479,
                                                                                   abs=1e-3)}
    notes = econ.provenance(TRADE, root=real_project)["notes"]
    assert any("titled 2024" in n and "read as 2025" in n for n in notes)


def test_panel_equals_the_2022_country_sheets(real_project: Path) -> None:
    """The 2022 panel file and the 2022 all-data workbook are one edition: same numbers."""
    table = econ.load("core_ei__yearly_country_energy", root=real_project,
                      filters={"edition": 2022})
    sheets = ei.read_country_energy(EI_RAW / "bp_2022_edition" /
                                    "bp-stats-review-2022-all-data.xlsx")
    keys = ["country", "year", "commodity", "measure"]
    both = table.merge(sheets, on=keys, suffixes=("_panel", "_sheet"))
    assert len(both) > 20_000
    for column in ("volume_mt", "volume_bcm", "energy_ej"):
        pair = both[[f"{column}_panel", f"{column}_sheet"]].dropna()
        assert (pair.iloc[:, 0] - pair.iloc[:, 1]).abs().max() < 1e-6, column
    russia = both[(both.country == "Russian Federation") & (both.year == 2021)
                  & (both.commodity == "gas") & (both.measure == "production")]
    assert russia["volume_bcm_panel"].iloc[0] == pytest.approx(701.7, abs=0.05)


def test_unit_constants_are_ei_factors() -> None:
    """econ.units holds EI's 'Approximate conversion factors', the same in every edition."""
    expected = {
        ("1 million tonnes LNG", "billion cubic metres NG"): units.BCM_PER_MT_LNG,
        ("1 billion cubic metres NG", "petajoules NG"): units.PJ_PER_BCM_NATURAL_GAS,
        ("1 million tonnes oil equivalent", "petajoules NG"): units.PJ_PER_MTOE,
        ("1 billion cubic feet NG", "billion cubic metres NG"): units.BCM_PER_BCF,
        ("Tonnes (metric)", "barrels"): units.BARRELS_PER_TONNE_CRUDE,
        ("1 billion cubic metres NG", "trillion British thermal units"):
            units.MMBTU_PER_BCM_NATURAL_GAS / 1e6,
    }
    books = [p for p in EI_RAW.glob("*_edition/*.xlsx") if "panel" not in p.name]
    assert len(books) == 5
    for path in books:
        factors = ei.read_conversion_factors(path).set_index(["from_unit", "to_unit"])["factor"]
        for key, constant in expected.items():
            assert factors[key] == pytest.approx(constant, rel=1e-6), (path.name, key)


def test_pink_sheet_against_eia(real_project: Path) -> None:
    """EIA (Today in Energy, 4 January 2023): Brent spot averaged $100/b and WTI $95/b in
    2022; Henry Hub averaged $6.45/MMBtu in 2022 (EIA, January 2023). The World Bank
    averages different daily quotes: within 2%."""
    prices = econ.load("core_worldbank__monthly_commodity_prices", root=real_project)
    year = prices[prices.period.dt.year == 2022].groupby("commodity")["value"].mean()
    assert year["crude_oil_brent"] == pytest.approx(100.0, rel=0.02)
    assert year["crude_oil_wti"] == pytest.approx(95.0, rel=0.02)
    assert year["natural_gas_us"] == pytest.approx(6.45, rel=0.02)
    units_by_series = prices.drop_duplicates("commodity").set_index("commodity")["unit"]
    assert units_by_series["crude_oil_dubai"] == "USD/bbl"
    assert prices["period"].max() == pd.Timestamp("2026-05-01")


def test_latest_provenance_names_the_edition_files(real_project: Path) -> None:
    meta = econ.provenance(LATEST, root=real_project)
    paths = [i["path"] for i in meta["inputs"]]
    assert sum(p.startswith("energy_institute_statistical_review/") for p in paths) == 5
    assert any("values from edition 2026, energy_institute_statistical_review/ei_2026_edition/"
               in n for n in meta["notes"])


def test_ei_crude_matches_china_customs(real_project: Path, russia_crude: pd.DataFrame) -> None:
    """EI's Russia -> China crude (newest edition per year) follows China's customs data:
    within 0.5% in 2020-2023 (EI rounds and revises; customs here is Comtrade's copy)."""
    latest = econ.load(LATEST, root=real_project, filters={
        "exporter_iso3": "RUS", "importer_iso3": "CHN", "commodity": "crude"})
    ei_mt = latest.set_index("year")["volume_mt"]
    for year in (2020, 2021, 2022, 2023):
        assert ei_mt[year] * 1e6 == pytest.approx(russia_crude.loc[year, "quantity_t"],
                                                  rel=0.005), year


def test_codes_only_for_economies(real_project: Path) -> None:
    """EI names keep their text; ISO3 only where the name is an economy (ei_names.csv)."""
    trade = econ.load(TRADE, root=real_project, filters={"edition": 2026})
    codes = pd.concat([trade[["exporter", "exporter_iso3"]].set_axis(["name", "iso3"], axis=1),
                       trade[["importer", "importer_iso3"]].set_axis(["name", "iso3"], axis=1)])
    by_name = codes.drop_duplicates().set_index("name")["iso3"]
    assert by_name["Russia"] == "RUS" and by_name["Russian Federation"] == "RUS"
    assert pd.isna(by_name["Europe"]) and pd.isna(by_name["Total"])
    assert pd.isna(by_name["Other CIS"])
    country = econ.load("core_ei__yearly_country_energy", root=real_project,
                        filters={"edition": 2026, "year": 1980})
    names = country.drop_duplicates("country").set_index("country")["iso3"]
    assert names["USSR"] == "SUN" and pd.isna(names["Total World"])
