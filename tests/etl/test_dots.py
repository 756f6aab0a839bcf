"""IMF DOTS loader: values from the fixture workbooks, and every bad input it must name.

The fixture workbooks are made by tests/data/make_fixtures.py; the expected numbers below
are the numbers written there, times 1,000,000 (the workbooks are in USD millions).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import econ
from econ.data import write_manifest
from econ.errors import RawDataError
from econ.etl.dots import read_dots_workbook

FIXTURES = Path(__file__).resolve().parents[1] / "data"
BAD = FIXTURES / "dots_bad"
TABLE = "core_imf_dots__yearly_bilateral_trade"


def test_read_workbook_values_estimates_and_repeats() -> None:
    book = read_dots_workbook(FIXTURES / "dots" / "DOTS_1.xlsx")
    frame = book.to_frame()
    assert book.reporter == "Russian Federation"
    # each sheet repeats its first row (Australia): dropped once per sheet
    assert book.dropped_repeats == 2
    # "Memorandum Items" has no data but is a known partner row
    assert "Memorandum Items" in book.partners
    assert "Memorandum Items" not in set(frame["partner"])
    world = frame[(frame["partner"] == "World") & (frame["flow"] == "exports")]
    assert world.set_index("year")["value_musd"].to_dict() == {2018: 100.0, 2019: 110.0,
                                                                2020: 1234.5}
    # "1,234.5 e": an estimate with a thousands separator
    assert world.set_index("year")["is_estimate"].to_dict() == {2018: False, 2019: False,
                                                                 2020: True}
    # empty cells give no rows: Australia imports 2019 is empty
    aus = frame[(frame["partner"] == "Australia") & (frame["flow"] == "imports")]
    assert sorted(aus["year"]) == [2018, 2020]
    assert len(frame) == 3 + 2 + 3 + 3 + 3 + 2  # non-empty cells after dropping repeats


def test_table_from_fixtures(built: Path) -> None:
    dots = econ.load(TABLE, root=built)
    dots = dots[dots.source_file.str.startswith("imf_dots_annual_xlsx/")]
    row = dots[(dots.reporter_iso3 == "RUS") & (dots.partner_iso3 == "CHN")
               & (dots.flow == "exports") & (dots.year == 2019)].iloc[0]
    assert row.value_usd == 12_250_000.0  # 12.25 USD millions
    assert row.valuation == "fob"
    assert not row.is_aggregate_partner
    imports = dots[(dots.reporter_iso3 == "RUS") & (dots.flow == "imports")]
    assert set(imports.valuation) == {"cif"}
    world = dots[dots.partner_iso3 == "WLD"]
    assert world.is_aggregate_partner.all()
    assert set(dots.source_file) == {"imf_dots_annual_xlsx/DOTS_1.xlsx",
                                     "imf_dots_annual_xlsx/DOTS_2.xlsx"}
    assert len(dots) == 16 + 12


def test_identical_duplicate_workbook_is_loaded_once(make_project) -> None:
    copy = FIXTURES / "dots" / "DOTS_1.xlsx"
    root = make_project()
    shutil.copy(copy, root / "data/raw/imf_dots_annual_xlsx/DOTS_3.xlsx")
    write_manifest(root=root)
    report = econ.refresh(root=root, only=[TABLE])  # the DOTS table and its code tables
    assert report.ok, report.summary()
    meta = econ.provenance(TABLE, root=root)
    assert any("DOTS_3.xlsx repeats" in n and "DOTS_1.xlsx" in n for n in meta["notes"])
    dots = econ.load(TABLE, root=root)
    assert dots.source_file.str.startswith("imf_dots_annual_xlsx/").sum() == 28


@pytest.mark.parametrize(
    ("fixture", "fragments"),
    [
        ("truncated.xlsx", ["not a complete zip archive"]),
        ("empty.xlsx", ["an empty file"]),
        ("missing_sheet.xlsx", ["a sheet named 'Imports, CIF'", "'Exports, FOB'"]),
        ("shifted_header.xlsx", ["row 7", "year header", "empty cell"]),
        ("unit_changed.xlsx", ["row 5", "'US Dollars, Millions'", "'US Dollars, Thousands'"]),
        ("text_in_cell.xlsx", ["row 10", "column D", "'n/a'"]),
        ("repeat_differs.xlsx", ["partner 'World' once", "different numbers"]),
    ],
)
def test_bad_workbook_fails_naming_file_and_place(fixture: str, fragments: list[str]) -> None:
    path = BAD / fixture
    with pytest.raises(RawDataError) as caught:
        read_dots_workbook(path)
    message = str(caught.value)
    assert fixture in message
    for fragment in fragments:
        assert fragment in message, message


def test_unknown_partner_fails_in_refresh(make_project) -> None:
    root = make_project(dots=[BAD / "unknown_partner.xlsx"])
    report = econ.refresh(root=root, only=[TABLE])
    failed = {r.name: r.message for r in report.failed}
    assert "unknown name 'Atlantis'" in failed[TABLE]
    assert "imf_dots_annual_xlsx/DOTS_1.xlsx" in failed[TABLE]
