"""EI Statistical Review loader: the fixture workbook's numbers, and every bad input it names.

The fixture workbooks are made by tests/data/make_energy_fixtures.py; the expected numbers
below are the ones written there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import econ
from econ.data import write_manifest
from econ.errors import RawDataError
from econ.etl import ei

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "energy"
WORKBOOK = FIXTURES / "ei_2026_edition" / "ei-fixture.xlsx"
BAD = FIXTURES / "bad" / "ei_2026_edition"
REAL_2026 = ("energy_institute_statistical_review/ei_2026_edition/"
             "EI-Stats-Review-ALL-data (1).xlsx")
TRADE = "core_ei__yearly_energy_trade"


@pytest.fixture(scope="module")
def trade() -> tuple[pd.DataFrame, list[str]]:
    return ei.read_trade(WORKBOOK)


def _value(frame: pd.DataFrame, **where: object) -> pd.Series:
    rows = frame
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_names_are_normalised() -> None:
    assert ei.ei_name("European Union #") == "European Union"
    assert ei.ei_name("                 Non-OECD") == "Non-OECD"


def test_edition_comes_from_the_folder(tmp_path: Path) -> None:
    assert ei.edition_of(WORKBOOK) == 2026
    odd = tmp_path / "stats_2026" / "x.xlsx"
    with pytest.raises(RawDataError, match="bp_<year>_edition"):
        ei.edition_of(odd)


def test_matrices_by_orientation(trade: tuple[pd.DataFrame, list[str]]) -> None:
    frame, _ = trade
    matrix = frame[frame["source"] == "bilateral_matrix"]
    # pipeline rows are importers, columns exporters
    row = _value(matrix, commodity="pipeline_gas", exporter="Russian Federation",
                 importer="China")
    assert (row.year, row.volume_bcm) == (2025, 55.0)
    assert pd.isna(row.volume_mt) and pd.isna(row.energy_ej)
    # oil rows are exporters; two blocks, crude and products
    assert _value(matrix, commodity="crude", exporter="Russia", importer="China").volume_mt == 100.0
    assert _value(matrix, commodity="oil_products", exporter="Russia",
                  importer="Europe").volume_mt == 50.0
    assert _value(matrix, commodity="coal", exporter="Russia", importer="China").energy_ej == 2.25
    # 'Total imports' / 'Total exports' / 'Total' all read as 'Total'
    assert _value(matrix, commodity="lng", exporter="Total", importer="Total").volume_bcm == 18.5


def test_lng_names_split_over_two_header_rows(trade: tuple[pd.DataFrame, list[str]]) -> None:
    frame, _ = trade
    lng = frame[frame["commodity"] == "lng"]
    assert set(lng["exporter"]) == {"Trinidad & Tobago", "Russian Federation", "Total"}


def test_markers(trade: tuple[pd.DataFrame, list[str]]) -> None:
    """'-' and '†' are 0 (PROVENANCE_ENERGY.md); 'n/a' cells are not loaded."""
    frame, _ = trade
    assert _value(frame, commodity="pipeline_gas", exporter="Norway",
                  importer="China").volume_bcm == 0.0
    assert _value(frame, commodity="lng", exporter="Trinidad & Tobago",
                  importer="Japan").volume_bcm == 0.0
    coal = frame[frame["commodity"] == "coal"]
    assert coal[(coal.exporter == "Australia") & (coal.importer == "Japan")].empty


def test_oil_matrix_year_from_its_numbers(trade: tuple[pd.DataFrame, list[str]]) -> None:
    """The fixture, like EI 2026, titles the oil matrix 2024 while its totals are 2025's."""
    frame, notes = trade
    assert set(frame.loc[frame["commodity"] == "crude", "year"]) == {2025}
    assert len(notes) == 1 and "titled 2024" in notes[0] and "read as 2025" in notes[0]


def test_inter_regional_partner_rows(trade: tuple[pd.DataFrame, list[str]]) -> None:
    frame, _ = trade
    inter = frame[frame["source"] == "inter_regional_table"]
    russia_china = inter[(inter.exporter == "Russian Federation") & (inter.importer == "China")]
    assert russia_china.set_index("year")["volume_bcm"].to_dict() == {2023: 20.0, 2024: 40.0,
                                                                      2025: 55.0}
    # shown under Europe's imports and under Russia's exports: kept once
    assert len(inter[(inter.exporter == "Russian Federation") & (inter.importer == "Europe")]) == 3
    assert set(inter["exporter"]) == {"Russian Federation", "Other CIS"}


def test_country_sheets_found_by_title_and_unit() -> None:
    frame = ei.read_country_energy(WORKBOOK)
    russia = frame[(frame.country == "Russian Federation") & (frame.year == 2025)]
    gas = _value(russia, commodity="gas", measure="production")
    assert (gas.volume_bcm, gas.energy_ej) == (36.0, pytest.approx(1.2))
    oil = _value(russia, commodity="oil", measure="production")
    assert oil.volume_mt == 12.0  # the barrels sheet of the same title is not read
    assert "OECD" in set(frame["country"])  # 'of which: OECD'
    china = frame[(frame.country == "China") & (frame.commodity == "oil")
                  & (frame.measure == "production")]
    assert china.set_index("year")["volume_mt"].to_dict() == {2023: 20.0, 2024: 0.0}  # ^, n/a


def test_panel() -> None:
    panel = ei.read_panel(FIXTURES / "bp_2022_edition" / "panel-format.xlsx")
    russia = panel[(panel.country == "Russian Federation") & (panel.commodity == "gas")
                   & (panel.measure == "production")].set_index("year")
    assert russia.loc[2020, "volume_bcm"] == 23.0 and russia.loc[2020, "energy_ej"] == 24.0
    oil = panel[(panel.country == "Russian Federation") & (panel.commodity == "oil")
                & (panel.measure == "production")]
    assert sorted(oil["year"]) == [2020, 2021]  # the empty 2019 cell is no row
    assert set(panel["edition"]) == {2022}


def test_conversion_factors() -> None:
    factors = ei.read_conversion_factors(WORKBOOK).set_index(["from_unit", "to_unit"])["factor"]
    assert factors[("1 million tonnes LNG", "billion cubic metres NG")] == 1.36
    assert factors[("Tonnes (metric)", "barrels")] == 7.33


@pytest.mark.parametrize(
    ("fixture", "fragments"),
    [
        ("missing_sheet.xlsx", ["missing_sheet.xlsx", "by pipeline", "0 such sheets",
                                "'Gas trade 2025 - LNG'"]),
        ("header_moved.xlsx", ["sheet 'Gas trade 2025 - pipeline'", "row 1",
                               "'To' in column A"]),
        ("unit_changed.xlsx", ["sheet 'Coal trade movements 2025'", "row 3", "'exajoules'",
                               "'Million tonnes oil equivalent'"]),
        ("garbled_number.xlsx", ["sheet 'Gas trade 2025 - LNG'", "row 5", "column C",
                                 "'1O.0'"]),
        ("oil_year_unknown.xlsx", ["sheet 'Oil - Trade movements in 24-25'",
                                   "matching years []"]),
        ("mirror_differs.xlsx", ["sheet 'Gas - Trade movements'", "row 12",
                                 "Russian Federation -> Europe in 2024", "10.0 and 12.0"]),
        ("row_truncated.xlsx", ["sheet 'Gas trade 2025 - pipeline'", "row 6", "column D",
                                "an empty cell"]),
        ("wrong_year.xlsx", ["sheet 'Coal trade movements 2025'", "ending in 2025",
                             "found 2023", "wrong edition folder"]),
    ],
)
def test_bad_workbook_names_file_sheet_and_row(fixture: str, fragments: list[str]) -> None:
    with pytest.raises(RawDataError) as info:
        ei.read_trade(BAD / fixture)
    message = str(info.value)
    assert message.startswith(str(BAD / fixture)) or fixture in message
    for fragment in fragments:
        assert fragment in message, message


def test_truncated_workbook(tmp_path: Path) -> None:
    path = tmp_path / "ei_2026_edition" / "cut.xlsx"
    path.parent.mkdir()
    path.write_bytes(WORKBOOK.read_bytes()[:4000])
    with pytest.raises(RawDataError, match="not a complete zip archive"):
        ei.read_trade(path)


@pytest.mark.parametrize("fixture", ["missing_sheet.xlsx", "garbled_number.xlsx"])
def test_bad_workbook_keeps_the_previous_tables(built: Path, fixture: str) -> None:
    """A broken edition fails the tables that read it, names the file, keeps their files."""
    target = built / "data" / "processed" / "core"
    before = {t: (target / f"{t}.parquet").read_bytes()
              for t in (TRADE, "core_ei__yearly_energy_trade_latest")}
    shutil.copy(BAD / fixture, built / "data" / "raw" / REAL_2026)
    report = econ.refresh(root=built)
    failed = {r.name: r for r in report.failed}
    assert failed[TRADE].status == "failed"
    assert "EI-Stats-Review-ALL-data (1).xlsx" in failed[TRADE].message
    assert failed["core_ei__yearly_energy_trade_latest"].status == "skipped"
    for table, content in before.items():
        assert (target / f"{table}.parquet").read_bytes() == content
    assert {r.name for r in report.results if r.status == "fresh"} >= {
        "core_china_customs__monthly_energy_imports", "core_worldbank__monthly_commodity_prices"}


def test_unknown_name_fails_with_the_file(built: Path) -> None:
    """A name ei_names.csv does not know stops the table, naming it and the workbook."""
    path = built / "data" / "raw" / REAL_2026
    shutil.copy(WORKBOOK, path)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Coal trade movements 2025"]["A6"] = "Atlantis"
    book.save(path)
    write_manifest(root=built)
    report = econ.refresh(root=built, only=[TRADE])
    message = {r.name: r.message for r in report.failed}[TRADE]
    assert "unknown name 'Atlantis'" in message and "ei_2026_edition" in message


def _edited_copy(source: Path, tmp_path: Path, folder: str, sheet: str, cell: str,
                 value: object) -> Path:
    from openpyxl import load_workbook

    path = tmp_path / folder / source.name
    path.parent.mkdir(parents=True, exist_ok=True)
    book = load_workbook(source)
    book[sheet][cell] = value
    book.save(path)
    return path


def test_country_sheet_unit_changed(tmp_path: Path) -> None:
    """A changed unit line means the sheet is not the one wanted: the error lists the sheets."""
    path = _edited_copy(WORKBOOK, tmp_path, "ei_2026_edition", "Gas Production - Bcm", "A3",
                        "Billion cubic feet per day")
    with pytest.raises(RawDataError) as info:
        ei.read_country_energy(path)
    message = str(info.value)
    assert "ei-fixture.xlsx" in message
    assert "titled 'natural gas: production' with unit line 'billion cubic metres'" in message
    assert "'Gas Production - Bcm'" in message


def test_country_sheet_garbled_number(tmp_path: Path) -> None:
    path = _edited_copy(WORKBOOK, tmp_path, "ei_2026_edition", "Coal Consumption - EJ", "C5",
                        "0,4")
    with pytest.raises(RawDataError, match=r"sheet 'Coal Consumption - EJ', row 5, column C: "
                                           r"expected a number.*'0,4'"):
        ei.read_country_energy(path)


@pytest.mark.parametrize(("cell", "value", "fragments"), [
    ("I1", "gas_production_bcm", ["row 1", "missing ['gasprod_bcm']"]),
    ("B3", 2019, ["row 3", "'Russian Federation' 2019 again"]),
    ("B4", "", ["row 4", "column B", "expected a year"]),
])
def test_bad_panel(tmp_path: Path, cell: str, value: object, fragments: list[str]) -> None:
    source = FIXTURES / "bp_2022_edition" / "panel-format.xlsx"
    path = _edited_copy(source, tmp_path, "bp_2022_edition", "BP Statistical Review 2022",
                        cell, value or None)
    with pytest.raises(RawDataError) as info:
        ei.read_panel(path)
    for fragment in ["panel-format.xlsx", *fragments]:
        assert fragment in str(info.value), str(info.value)
