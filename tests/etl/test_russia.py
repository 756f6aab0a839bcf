"""Russia's own totals (Bank of Russia, FCS), GACC releases and the IMF World file.

Reference figures are the publishers' numbers as verified and recorded in
data/raw/PROVENANCE_ADDED.md ("Verified key figures"), in the unit printed there.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from catalog_helpers import downstream

import econ
from econ import names
from econ.analysis.totals import trade_totals
from econ.errors import RawDataError
from econ.etl._read import CodeLookup
from econ.etl.cbr import read_trade_xls
from econ.etl.fcs import _partner_sheet
from econ.etl.gacc import read_release

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "russia"
BN = 1e9
MN = 1e6


def test_cbr_fixture_rows_go_to_their_frequency() -> None:
    frame, updated = read_trade_xls(FIXTURES / "cbr_trade.xlsx")
    assert updated.isoformat() == "2020-11-11"
    counts = frame.groupby("frequency").size().to_dict()
    # 1 year, 2 quarters, 3 months; x 2 flows x 3 partner groups
    assert counts == {"year": 6, "quarter": 12, "month": 18}
    march = frame[(frame.frequency == "month") & (frame.flow == "imports")
                  & (frame.partner_group == "world")].set_index("period")["value_musd"]
    assert march.to_dict() == {pd.Timestamp("2019-01-01").date(): 20.0,
                               pd.Timestamp("2019-02-01").date(): 19.0,
                               pd.Timestamp("2019-03-01").date(): 21.0}
    cis = frame[(frame.frequency == "year") & (frame.flow == "exports")
                & (frame.partner_group == "cis")]["value_musd"].iloc[0]
    assert cis == pytest.approx(80.0)  # 20% of 400, never the balance column


@pytest.mark.parametrize(("fixture", "fragments"), [
    ("cbr_trade_unknown_label.xlsx", ["row 9", "'Итого за год'", "quarter"]),
    ("cbr_trade_month_before_block.xlsx", ["row 9", "a year block", "'январь'"]),
    ("cbr_trade_unit_changed.xlsx", ["(млн долларов сша)"]),
    ("cbr_trade_subheader_renamed.xlsx", ["со странами снг", "row 8"]),
    ("cbr_trade_text_value.xlsx", ["column I", "'н/д'"]),
])
def test_cbr_bad_sheets_name_the_place(fixture: str, fragments: list[str]) -> None:
    with pytest.raises(RawDataError) as caught:
        read_trade_xls(FIXTURES / fixture)
    message = str(caught.value)
    assert fixture in message and "sheet 'f.trade'" in message
    for fragment in fragments:
        assert fragment in message, message


def test_fcs_partner_sheet_bad_month_and_not_available(built: Path) -> None:
    aliases = econ.load("core_codes__country_aliases", root=built)
    with pytest.raises(RawDataError, match=r"row 9.*a year or a month name.*'  мартобрь'"):
        _partner_sheet(FIXTURES / "fcs_partners_bad_month.xlsx", "Импорт",
                       CodeLookup(aliases, "fcs"))


def test_gacc_page_without_table_fails(tmp_path: Path) -> None:
    page = tmp_path / "release.html"
    page.write_text("<html><body><p>Release moved</p></body></html>", encoding="utf-8")
    with pytest.raises(RawDataError, match="one table with an 'Import Source' header"):
        read_release(page)


def test_bad_raw_file_keeps_previous_tables(built: Path) -> None:
    table = built / "data/processed/core/core_cbr__yearly_goods_trade.parquet"
    before = table.read_bytes()
    xls = built / "data/raw/cbr_external_trade_goods/cbr_trade_xls_vintage_20201111.xls"
    xls.write_bytes(xls.read_bytes()[:5000])
    page = next((built / "data/raw/china_customs_gacc_releases").glob("*.html"))
    page.write_text(page.read_text().replace("Import Source", "Source"))
    report = econ.refresh(root=built)
    failed = {r.name: r.message for r in report.results if r.status == "failed"}
    assert set(failed) == {"core_cbr__monthly_goods_trade", "core_cbr__quarterly_goods_trade",
                           "core_cbr__yearly_goods_trade", "core_gacc__release_by_country"}
    skipped = {r.name for r in report.results if r.status == "skipped"}
    assert skipped == downstream(*failed) - set(failed)
    assert skipped >= {names.SHARES, names.PAIR_INDICATORS, names.LATEST_RELEASES,
                       names.FORECAST}
    assert "cbr_trade_xls_vintage_20201111.xls" in failed["core_cbr__yearly_goods_trade"]
    assert page.name in failed["core_gacc__release_by_country"]
    assert table.read_bytes() == before


def test_cbr_published_figures(built: Path) -> None:
    """PROVENANCE_ADDED 1b: 2019 imports 254,599 and exports 419,851 (USD million);
    2019 quarterly imports 55,658 / 61,993 / 65,388 / 71,559; 1a: 2021 goods imports
    301.05 bn (sum of months), Dec-2021 exports 58.148 bn."""
    yearly = econ.load("core_cbr__yearly_goods_trade", root=built,
                       filters={"year": 2019, "partner_group": "world"})
    assert yearly.set_index("flow")["value_usd"].to_dict() == {"exports": 419_851 * MN,
                                                               "imports": 254_599 * MN}
    quarters = econ.load("core_cbr__quarterly_goods_trade", root=built,
                         filters={"flow": "imports", "partner_group": "world"})
    q2019 = quarters[quarters.period.dt.year == 2019]["value_usd"].tolist()
    assert q2019 == [55_658 * MN, 61_993 * MN, 65_388 * MN, 71_559 * MN]
    monthly = econ.load("core_cbr__monthly_goods_trade", root=built)
    jan_2021 = monthly[monthly.period.dt.year == 2021]
    assert jan_2021.loc[jan_2021.flow == "imports", "value_usd"].sum() == pytest.approx(
        301.05 * BN, abs=0.01 * BN)
    december = jan_2021[(jan_2021.flow == "exports") & (jan_2021.period.dt.month == 12)]
    assert december["value_usd"].iloc[0] == pytest.approx(58.148 * BN)
    # the twelve months of 2019 add up to the annual row (the Bank's own rounding: 3 mn)
    months_2019 = monthly[(monthly.period.dt.year == 2019) & (monthly.flow == "imports")
                          & (monthly.partner_group == "world")]
    assert len(months_2019) == 12
    assert months_2019["value_usd"].sum() == pytest.approx(254_599 * MN, abs=3 * MN)


def test_cbr_monthly_holds_no_quarters_or_years(built: Path) -> None:
    monthly = econ.load("core_cbr__monthly_goods_trade", root=built)
    per_year = monthly.groupby([monthly.period.dt.year, "flow", "partner_group", "vintage"])
    assert per_year.size().max() == 12
    assert set(monthly.source) == {"cbr_trade_xls", "operboard_json"}
    assert set(monthly.vintage) == {"2020-11-11", "2026-07-24"}


def test_fcs_published_figures(built: Path) -> None:
    """PROVENANCE_ADDED 2: 2021 imports 296,086.2 with additions, 293,420.1 customs only,
    293,531.2 in the FCS publication; 2022 imports 259,083.0 (ТСТВ 2022 publication) and
    255.305 bn (Dec-2023 table); Jan-Apr 2024 imports 84.567 bn; Jan-Sep 2024 203.306 bn;
    2021 far-abroad imports 262,125.8; Jan 2022 far-abroad imports 21,178.5."""
    totals = econ.load("core_fcs__yearly_trade_totals", root=built,
                       filters={"flow": "imports"})

    def value(year: int, months: int, basis: str, source: str, group: str = "world") -> float:
        rows = totals[(totals.year == year) & (totals.months == months)
                      & (totals.basis == basis) & (totals.partner_group == group)
                      & totals.source_file.str.contains(source)]
        assert len(rows) == 1, rows
        return float(rows["value_usd"].iloc[0])

    assert value(2021, 12, "with_additions", "utsa_04_2020_2021") == pytest.approx(
        296_086.2 * MN, abs=0.1 * MN)
    assert value(2021, 12, "customs_only", "utsa_04_2020_2021") == pytest.approx(
        293_420.1 * MN, abs=0.1 * MN)
    assert value(2021, 12, "customs_statistics", "tstv_2022") == pytest.approx(
        293_531.2 * MN, abs=0.1 * MN)
    assert value(2022, 12, "customs_statistics", "tstv_2022") == pytest.approx(
        259_083.0 * MN, abs=0.1 * MN)
    assert value(2022, 12, "customs_statistics", "strany_122023") == pytest.approx(
        255.305 * BN, abs=0.001 * BN)
    assert value(2024, 4, "customs_statistics", "strany_042024") == pytest.approx(
        84.567 * BN, abs=0.001 * BN)
    assert value(2024, 9, "customs_statistics", "strany_092024") == pytest.approx(
        203.306 * BN, abs=0.001 * BN)
    assert value(2021, 12, "customs_only", "utsa_05", "far_abroad") == pytest.approx(
        262_125.8 * MN, abs=0.1 * MN)
    assert value(2022, 1, "customs_only", "utsa_05", "far_abroad") == pytest.approx(
        21_178.5 * MN, abs=0.1 * MN)
    # February 2022 onward was never published: no zero rows
    assert not ((totals.year == 2022) & totals.source_file.str.contains("utsa_05")
                & (totals.months > 1)).any()


def test_fcs_partner_trade_with_china(built: Path) -> None:
    """PROVENANCE_ADDED 2 (96stran): Russia's imports from China 2019 54,172.8, 2020
    54,950.2, 2021 72,699.9; exports to China 57,315.2 / 49,249.3 / 68,901.5 (USD mn)."""
    china = econ.load("core_fcs__monthly_partner_trade", root=built,
                      filters={"partner_iso3": "CHN"})
    sums = china.groupby([china.period.dt.year, "flow"])["value_usd"].sum().div(MN)
    expected = {(2019, "imports"): 54_172.8, (2020, "imports"): 54_950.2,
                (2021, "imports"): 72_699.9, (2019, "exports"): 57_315.2,
                (2020, "exports"): 49_249.3, (2021, "exports"): 68_901.5}
    for key, value in expected.items():
        assert sums[key] == pytest.approx(value, abs=0.1)
    assert china.period.min() == pd.Timestamp("2006-01-01")
    assert china.period.max() == pd.Timestamp("2021-12-01")
    kaz = econ.load("core_fcs__monthly_partner_trade", root=built,
                    filters={"partner_iso3": "KAZ", "flow": "imports"})
    assert len(kaz) == 16 * 12 - 6  # six months marked '…' (not available) are absent


def test_gacc_release_values(built: Path) -> None:
    """PROVENANCE_ADDED 3: Russia, Jan-Feb 2025: total 2,492.5, exports 1,074.5, imports
    1,417.9; Mar 2026: 1,535.4 / 649.8 / 885.6; Jan-Mar 2026: 4,280.4 / 1,932.8 /
    2,347.6 (CNY 100 million)."""
    russia = econ.load("core_gacc__release_by_country", root=built,
                       filters={"partner_iso3": "RUS"})
    got = {(r.release_period.strftime("%Y-%m"), r.is_cumulative, r.flow): r.value_cny / 1e8
           for r in russia.itertuples()}
    assert got == pytest.approx({
        ("2025-02", True, "total"): 2492.5, ("2025-02", True, "exports"): 1074.5,
        ("2025-02", True, "imports"): 1417.9,
        ("2026-03", False, "total"): 1535.4, ("2026-03", False, "exports"): 649.8,
        ("2026-03", False, "imports"): 885.6,
        ("2026-03", True, "total"): 4280.4, ("2026-03", True, "exports"): 1932.8,
        ("2026-03", True, "imports"): 2347.6})
    flags = russia.groupby("release_period")["is_jan_feb_combined"].first()
    assert flags.to_dict() == {pd.Timestamp("2025-02-01"): True,
                               pd.Timestamp("2026-03-01"): False}
    assert set(russia.published.dt.strftime("%Y-%m-%d")) == {"2025-03-11", "2026-04-08"}
    assert "value_usd" not in russia.columns


def test_world_file_rows_in_dots(built: Path) -> None:
    """PROVENANCE_ADDED 4: world exports to Russia 2021 272,693 and 2022 223,639;
    world imports from Russia 2022 611,579 (USD million)."""
    dots = econ.load("core_imf_dots__yearly_bilateral_trade", root=built,
                     filters={"reporter_iso3": "WLD", "partner_iso3": "RUS"})
    world_file = dots[dots.source_file.str.startswith("imf_dots_world_partner_annual")]
    values = world_file.set_index(["flow", "year"])["value_usd"].div(MN)
    assert values[("exports", 2021)] == pytest.approx(272_693, abs=1)
    assert values[("exports", 2022)] == pytest.approx(223_639, abs=1)
    assert values[("imports", 2022)] == pytest.approx(611_579, abs=1)
    assert world_file.valuation.eq(world_file.flow.map({"exports": "fob",
                                                        "imports": "cif"})).all()


def test_russia_import_bases_side_by_side(built: Path) -> None:
    """Issue acceptance: Russia's goods imports per year, 2019-2025 on the BoP basis (sum
    of months; 2020 is left out because 2020 Q4 is in neither Bank of Russia file),
    2019-2021 on the customs basis, 2019-2022 on the world-mirror basis
    (:func:`econ.analysis.totals.trade_totals`, which replaced ``russia_import_bases``).

    Figures (PROVENANCE_ADDED): BoP 2019 254.599, 2021 301.05, 2022 276.51, 2023 303.09,
    2024 301.55, 2025 306.35; customs 2019 244.573, 2020 232.138, 2021 293.531 (94itog);
    mirror 2019 232.017, 2020 219.317, 2021 272.693, 2022 223.639 (USD bn)."""
    def load(name: str, **filters: object) -> pd.DataFrame:
        return econ.load(name, root=built, filters=filters or None)

    totals = trade_totals(
        dots=load(names.DOTS, partner_iso3="RUS", reporter_iso3="WLD"),
        cbr_monthly=load(names.CBR_MONTHLY), fcs_totals=load(names.FCS_YEARLY_TOTALS),
        atlas=load(names.ATLAS, iso3="RUS"), wdi_gdp=load(names.WDI_GDP, iso3="RUS"),
        wdi_macro=load(names.WDI_MACRO, iso3="RUS"))
    bases = totals[(totals.iso3 == "RUS") & (totals.flow == "imports")
                   & totals.basis.isin(["bop", "customs", "mirror"])]
    wide = bases.pivot(index="year", columns="basis", values="value_usd").div(BN)
    expected = pd.DataFrame({
        "bop": [254.599, None, 301.05, 276.51, 303.09, 301.55, 306.35],
        "customs": [244.573, 232.138, 293.531, 255.305, 285.057, None, None],
        "mirror": [232.017, 219.317, 272.693, 223.639, None, None, None],
    }, index=pd.Index(range(2019, 2026), name="year"))
    pd.testing.assert_frame_equal(wide.loc[2019:2025], expected, check_names=False,
                                  atol=0.01)
    assert bases.groupby("basis")["valuation"].unique().map(list).to_dict() == {
        "bop": ["fob"], "customs": ["cif"], "mirror": ["fob"]}
    assert bases.loc[bases.basis == "mirror", "is_known_low"].all()
    assert not bases.loc[bases.basis != "mirror", "is_known_low"].any()
