"""World Bank Pink Sheet loader: the fixture's prices, and every bad input it must name.

Fixtures are made by tests/data/make_energy_fixtures.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import econ
from econ.data import write_manifest
from econ.errors import RawDataError
from econ.etl.pink_sheet import SERIES, read_pink_sheet

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "energy"
TABLE = "core_worldbank__monthly_commodity_prices"
REAL = "world_bank_pink_sheet/CMO-Historical-Data-Monthly.xlsx"


def test_energy_columns_with_units() -> None:
    frame, updated = read_pink_sheet(FIXTURES / "pink_sheet.xlsx")
    assert updated == "Updated on June 02, 2026"
    assert set(frame["commodity"]) == {c for c, _ in SERIES.values()}
    assert "Cocoa" not in set(frame["description"])
    brent = frame[frame.commodity == "crude_oil_brent"].set_index("period")
    assert brent.loc[pd.Timestamp(2022, 3, 1), "value"] == 115.0
    assert set(brent["unit"]) == {"USD/bbl"}
    units = frame.drop_duplicates("commodity").set_index("commodity")["unit"]
    assert units["coal_south_africa"] == "USD/t"  # header 'Coal, South African **'
    assert units["lng_japan"] == "USD/mmbtu"
    assert units["natural_gas_index"] == "index, 2010=100"
    # '…' and '...' are missing values: no row
    assert pd.Timestamp(2022, 4, 1) not in set(frame.loc[frame.commodity == "crude_oil_average",
                                                         "period"])
    assert pd.Timestamp(2022, 4, 1) not in set(frame.loc[frame.commodity == "coal_south_africa",
                                                         "period"])


@pytest.mark.parametrize(("fixture", "fragments"), [
    ("pink_unit_changed.xlsx", ["sheet 'Monthly Prices'", "row 6", "column C", "($/bbl)",
                                "'($/mt)'"]),
    ("pink_header_renamed.xlsx", ["sheet 'Monthly Prices'", "row 5",
                                  "missing ['Crude oil, Brent']"]),
    ("pink_garbled_number.xlsx", ["row 8", "column C", "'9 4.0'"]),
    ("pink_duplicate_month.xlsx", ["row 11", "each month once", "2022M04 again"]),
])
def test_bad_workbook(fixture: str, fragments: list[str]) -> None:
    with pytest.raises(RawDataError) as info:
        read_pink_sheet(FIXTURES / "bad" / fixture)
    assert fixture in str(info.value)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


def test_missing_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "CMO.xlsx"
    book = Workbook()
    book.active.title = "Monthly Indices"
    book.save(path)
    with pytest.raises(RawDataError, match=r"subtitled 'monthly prices.*\['Monthly Indices'\]"):
        read_pink_sheet(path)


def test_bad_workbook_keeps_the_previous_table(built: Path) -> None:
    target = built / "data" / "processed" / "core" / f"{TABLE}.parquet"
    before = target.read_bytes()
    shutil.copy(FIXTURES / "bad" / "pink_unit_changed.xlsx", built / "data" / "raw" / REAL)
    write_manifest(root=built)
    report = econ.refresh(root=built)
    failed = {r.name: r.message for r in report.results if r.status == "failed"}
    assert list(failed) == [TABLE]
    assert "CMO-Historical-Data-Monthly.xlsx, sheet 'Monthly Prices', row 6" in failed[TABLE]
    assert target.read_bytes() == before


def test_table_provenance(built: Path) -> None:
    meta = econ.provenance(TABLE, root=built)
    assert any("Updated on June 02, 2026" in n for n in meta["notes"])
    prices = econ.load(TABLE, root=built)
    assert prices.groupby("commodity")["unit"].nunique().eq(1).all()
