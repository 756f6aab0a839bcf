"""CSV loaders on bad input: each failure names the file, row or column, and keeps the rest.

Every case edits one raw file of a built fixture project, reruns the refresh and checks
that exactly the tables reading that file fail, with a message a user can act on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import econ
from econ.data import write_manifest


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"fixture edit: {old!r} not in file"
        return text.replace(old, new, 1)
    return edit


def _truncate_mid_row(text: str) -> str:
    lines = text.splitlines()
    return "\n".join(lines[:20]) + "\n" + lines[20][: len(lines[20]) // 3]


CASES = [
    # (raw file, edit, failing table, fragments of the message)
    ("cepii_baci/baci_russia_china_processed_2017_2023.csv", lambda t: "",
     "core_baci__yearly_product_trade", ["baci_russia_china_processed", "an empty file"]),
    ("cepii_baci/baci_russia_china_processed_2017_2023.csv",
     _replace("t,i,j,k,v,q", "t,i,j,k,value,q"),
     "core_baci__yearly_product_trade", ["missing ['v']", "renamed"]),
    ("cepii_baci/baci_russia_china_processed_2017_2023.csv", _replace("2017,156,643,10620,48.641",
                                                                      "2017,156,999,10620,48.641"),
     "core_baci__yearly_product_trade", ["unknown code '999'"]),
    ("cepii_baci/baci_russia_china_processed_2017_2023.csv", _truncate_mid_row,
     "core_baci__yearly_product_trade", ["row 21"]),
    ("cepii_baci/baci_russia_china_processed_2017_2023.csv",
     lambda t: t + t.splitlines()[1] + "\n",
     "core_baci__yearly_product_trade", ["duplicate primary key", "hs6"]),
    ("un_comtrade/comtrade_imports_chn_from_rus_2017_2024.csv", _replace(",TOTAL,", ",27,"),
     "core_comtrade__monthly_bilateral_trade", ["column cmdCode", "'TOTAL'", "'27'"]),
    ("derived_third_party/monthly_trade_2017_2024.csv", _replace("2017-02-01", "2017-02-15"),
     "core_third_party__monthly_total_trade", ["row 3", "first day of a month"]),
    ("derived_third_party/monthly_trade_2017_2024.csv", _replace("6495145706.0", "n/a"),
     "core_third_party__monthly_total_trade", ["row 2, column value", "'n/a'"]),
    ("oec/exports_bilateral_hs4_2018_2023.csv", _replace("China's Exports", "Chinas Exports"),
     "core_oec__yearly_hs4_trade", ["exports_bilateral_hs4_2018_2023.csv", "missing"]),
    ("oec/tariffs_russia_from_china_2019_2023.csv", _replace("Horses,2.8,0.0,0.25,2019,,",
                                                             "Horses,2.8,0.0,0.25,2019,5.0,"),
     "core_oec__yearly_hs4_tariffs", ["row 2", "another year's columns"]),
    ("harvard_atlas/hs92_country_year.csv", _replace("4,AFG,1988", "4,ZZZ,1988"),
     "core_atlas__yearly_country_trade", ["row 2", "'ZZZ'"]),
    ("worldbank_wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv",
     _replace('"Data Source","World Development Indicators"', '"Data","WDI"'),
     "core_wdi__yearly_gdp", ["row 1", "WDI preamble"]),
    ("worldbank_wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv",
     _replace('"NY.GDP.MKTP.CD","","",', '"NY.GDP.MKTP.KD","","",'),
     "core_wdi__yearly_gdp", ["column Indicator Code", "'NY.GDP.MKTP.KD'"]),
    ("worldbank_wdi/worldbank_russia_china_raw.csv", _replace("China,2024", "Cathay,2024"),
     "core_wdi__yearly_gdp", ["unknown name 'Cathay'"]),
    ("cow_trade/National_COW_4.0.csv", _replace("\n2,United States of America,USA,1870",
                                                "\n9999,United States of America,USA,1870"),
     "core_cow__yearly_national_trade", ["code '9999' in 1870"]),
    ("cepii_baci_meta/hs17_bec.csv", _replace("HS 2017,BEC", "HS2017,BEC"),
     "core_hs__products", ["hs17_bec.csv", "missing ['HS 2017']"]),
    ("sanctions_hs_lists/chpl/chpl_bis_2024-02-23.csv",
     _replace("Tier 4.B,845710,", "Tier 5,845710,"),
     "core_sanctions__hs_lists", ["chpl_bis_2024-02-23.csv, row 47, column tier", "'Tier 5'"]),
    ("sanctions_hs_lists/eu_833_2014_ruimpeks/export_sanctions_codes.csv", _truncate_mid_row,
     "core_sanctions__hs_lists", ["export_sanctions_codes.csv", "may be truncated"]),
    ("sanctions_hs_lists/us_ear_part746/ear746_hs6_tidy.csv",
     lambda t: t + t.splitlines()[1] + "\n",
     "core_sanctions__hs_lists", ["ear746_hs6_tidy.csv, row 2852", "repeated row"]),
]


@pytest.mark.parametrize(("relative", "edit", "table", "fragments"), CASES,
                         ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_bad_csv_fails_clearly_and_keeps_the_old_table(
        built: Path, relative: str, edit: Callable[[str], str], table: str,
        fragments: list[str]) -> None:
    path = built / "data" / "raw" / relative
    target = built / "data" / "processed" / "core" / f"{table}.parquet"
    before = target.read_bytes()
    path.write_text(edit(path.read_text(encoding="utf-8-sig")), encoding="utf-8")
    write_manifest(root=built)  # registered, so the loader itself must catch it
    report = econ.refresh(root=built)
    failed = {r.name: r.message for r in report.failed}
    assert table in failed, report.summary()
    for fragment in fragments:
        assert fragment in failed[table], failed[table]
    assert target.read_bytes() == before
    others = {r.name for r in report.results if r.status in ("fresh", "built")}
    assert "core_hs__products" in others or table == "core_hs__products"


def test_yuan_share_placeholder_is_not_published(built: Path) -> None:
    frame = econ.load("core_third_party__monthly_total_trade", root=built)
    assert list(frame.columns) == ["period", "value_usd"]
    notes = econ.provenance("core_third_party__monthly_total_trade", root=built)["notes"]
    assert any("yuan_share" in n and "not loaded" in n for n in notes)


def test_baci_codes_are_zero_padded_and_values_in_usd(built: Path) -> None:
    """BACI stores k=10620 for HS 010620 and v in thousands (first data row of the file:
    ``2017,156,643,10620,48.641,3.124``)."""
    baci = econ.load("core_baci__yearly_product_trade", root=built,
                     filters={"year": 2017, "hs6": "010620"})
    row = baci[baci.exporter_iso3 == "CHN"].iloc[0]
    assert row.importer_iso3 == "RUS"
    assert row.value_usd == pytest.approx(48_641.0)
    assert row.quantity_t == pytest.approx(3.124)
    assert baci["hs6"].str.len().eq(6).all()


def test_oec_incomplete_column_carries_its_caveat(built: Path) -> None:
    oec = econ.load("core_oec__yearly_hs4_trade", root=built)
    flagged = oec[(oec.source == "bilateral_compare") & (oec.exporter_iso3 == "RUS")]
    assert flagged["caveat"].str.contains("omits crude oil").all()
    assert (oec.loc[oec.source == "exports_russia_to_china", "caveat"] == "").all()
    assert oec["hs4"].str.fullmatch(r"\d{4}").all()


def test_cow_missing_values_and_units(built: Path) -> None:
    """COW 4.0 first row: United States 1870, imports 450, exports 418 (USD millions)."""
    cow = econ.load("core_cow__yearly_national_trade", root=built,
                    filters={"cow_code": "2", "year": 1870})
    assert cow.iloc[0].iso3 == "USA"
    assert cow.iloc[0].imports_usd == 450_000_000.0
    assert cow.iloc[0].exports_usd == 418_000_000.0
    russia = econ.load("core_cow__yearly_national_trade", root=built,
                       filters={"cow_code": "365"})
    assert set(russia.loc[russia.year < 1992, "iso3"]) == {"SUN"}
    assert set(russia.loc[russia.year >= 1992, "iso3"]) == {"RUS"}


def test_wdi_extract_fills_only_what_bulk_lacks(built: Path) -> None:
    gdp = econ.load("core_wdi__yearly_gdp", root=built)
    extract = gdp[gdp.source == "wb_api_extract"]
    assert set(extract.year) == {2024}
    assert set(extract.iso3) == {"CHN", "RUS"}
    bulk_years = gdp.loc[gdp.source == "wdi_bulk", "year"]
    assert bulk_years.max() == 2023
    macro = econ.load("core_wdi__yearly_macro_indicators", root=built)
    assert "NY.GDP.MKTP.CD" not in set(macro.indicator)
    assert set(macro.unit) == {"percent", "percent of GDP", "USD", "LCU per USD"}
