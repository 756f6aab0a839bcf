"""China customs energy imports: Wind and fuel-file readers, Jan+Feb handling, vintages, and
every bad input they must name.

Fixtures are made by tests/data/make_energy_fixtures.py; expected numbers are the ones
written there, converted by hand (kg / 1000 = t; 10,000 t units; USD billion * 1e9).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import econ
from econ.data import write_manifest
from econ.errors import RawDataError
from econ.etl import china_customs as cc

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "energy"
WIND = FIXTURES / "wind" / "v2023-04_fixture" / "china_imports_wind.csv"
FUEL = FIXTURES / "fuel-imports" / "comtrade_crude_oil.csv"
BAD = FIXTURES / "bad"
TABLE = "core_china_customs__monthly_energy_imports"
REAL_WIND = "crea_fossil_shipment_tracker/china_customs_wind/v2023-04_russia_only/" \
            "china_imports_wind.csv"


@pytest.mark.parametrize(("text", "expected"), [
    ("2022-05", (date(2022, 5, 1), False)),
    ("202205", (date(2022, 5, 1), False)),
    ("2024-02-29", (date(2024, 2, 1), False)),
    ("2025-01/02", (date(2025, 2, 1), True)),
    ("2025-01~02", (date(2025, 2, 1), True)),
    ("202501-02", (date(2025, 2, 1), True)),
])
def test_parse_period(text: str, expected: tuple[date, bool]) -> None:
    assert cc.parse_period(text) == expected


@pytest.mark.parametrize("text", ["2022-13", "2023-02-28x", "2023-02-27", "2022/05", ""])
def test_parse_period_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="is not a month"):
        cc.parse_period(text)


def test_wind_units_and_filled_zeros() -> None:
    frame, notes = cc.read_wind_csv(WIND)
    crude = frame[(frame.origin == "Russian Federation") & (frame.commodity == "crude")]
    crude = crude.set_index("period")
    # "7,000,000.00 " kg with a thousands separator and a trailing space = 7,000 t
    assert crude.loc[date(2021, 11, 1), "quantity_t"] == 7_000.0
    assert crude.loc[date(2022, 1, 1), "value_usd"] == 3.0e9
    # a 0 inside the Time Period is a value
    assert crude.loc[date(2022, 3, 1), "quantity_t"] == 0.0
    world = frame[frame.origin == "WLD"].set_index("period")["quantity_t"]
    assert world[date(2022, 1, 1)] == 4800 * 10_000.0  # '10000 tons'
    # zeros before the series' Time Period (2022-01) are Wind's filler
    gas = frame[frame.commodity == "pipeline_gas"]
    assert sorted(gas["period"]) == [date(2022, 1, 1), date(2022, 2, 1), date(2022, 3, 1)]
    assert not frame["is_jan_feb_combined"].any()
    assert notes == []


def test_fuel_file_keeps_jan_feb_combined() -> None:
    frame, _ = cc.read_fuel_file(FUEL)
    combined = frame[frame.is_jan_feb_combined]
    assert set(combined["period"]) == {date(2025, 2, 1)}
    russia = combined[combined.origin == "Russian Federation"].iloc[0]
    assert (russia.quantity_t, russia.value_usd) == (15.0e6, 9.0e9)
    assert not (frame["period"] == date(2025, 1, 1)).any()


def test_split_jan_feb_by_days() -> None:
    """15 Mt for Jan+Feb 2025 (28-day February): January 15 * 31/59, February 15 * 28/59."""
    frame, _ = cc.read_fuel_file(FUEL)
    frame = frame.assign(period=pd.to_datetime(frame["period"]), origin_iso3=frame["origin"])
    split = cc.split_jan_feb(frame)
    russia = split[split.origin == "Russian Federation"].set_index("period")
    assert russia.loc["2025-01-01", "quantity_t"] == pytest.approx(15e6 * 31 / 59)
    assert russia.loc["2025-02-01", "quantity_t"] == pytest.approx(15e6 * 28 / 59)
    assert "split from their combined value" in russia.loc["2025-01-01", "caveat"]
    assert not split["is_jan_feb_combined"].any()
    equal = cc.split_jan_feb(frame, weights="equal")
    assert equal.loc[equal.origin == "Saudi Arabia", "value_usd"].tolist()[1:] == [3.6e9, 3.6e9]


@given(st.floats(0, 1e12), st.integers(2000, 2030), st.sampled_from(["days", "equal"]))
def test_split_keeps_totals(value: float, year: int, weights: str) -> None:
    frame = pd.DataFrame({"period": [pd.Timestamp(year, 2, 1), pd.Timestamp(year, 3, 1)],
                          "is_jan_feb_combined": [True, False], "value_usd": [value, 1.0]})
    split = cc.split_jan_feb(frame, weights=weights, columns=["value_usd"])  # type: ignore[arg-type]
    assert len(split) == 3
    assert split["value_usd"].sum() == pytest.approx(value + 1.0, rel=1e-12, abs=1e-6)
    assert (split["value_usd"] >= 0).all()
    annual = cc.annual_totals(frame.assign(origin_iso3="RUS", commodity="crude"),
                              columns=["value_usd"])
    assert annual.loc[0, "months"] == 3  # Jan+Feb counted once, as two months


def test_split_rejects_combined_value_not_in_february() -> None:
    frame = pd.DataFrame({"period": [pd.Timestamp(2025, 1, 1)], "is_jan_feb_combined": [True],
                          "value_usd": [1.0]})
    with pytest.raises(ValueError, match="February as its period"):
        cc.split_jan_feb(frame, columns=["value_usd"])


def test_newest_vintage_and_annual_totals() -> None:
    frame = pd.DataFrame({
        "source": ["wind", "wind", "comtrade", "wind"],
        "vintage": ["2022-08", "2023-04", "2025-01", "2022-08"],
        "period": pd.to_datetime(["2022-01-01", "2022-01-01", "2022-01-01", "2022-02-01"]),
        "origin_iso3": "RUS", "commodity": "crude",
        "quantity_t": [1.0, 2.0, 3.0, 5.0], "value_usd": [10.0, 20.0, 30.0, 50.0],
        "is_jan_feb_combined": False,
    })
    newest = cc.newest_vintage(frame)
    assert newest[["vintage", "quantity_t"]].values.tolist() == [["2025-01", 3.0],
                                                                 ["2022-08", 5.0]]
    annual = cc.annual_totals(newest)
    assert annual[["year", "quantity_t", "value_usd", "months"]].values.tolist() == [
        [2022, 8.0, 80.0, 2]]
    with pytest.raises(ValueError, match="newest_vintage"):
        cc.annual_totals(frame)


@pytest.mark.parametrize(("name", "fragments"), [
    ("truncated.csv", ["truncated.csv", "row 12", "expected 5 fields", "truncated"]),
    ("duplicate_month.csv", ["duplicate_month.csv", "row 13", "each month once", "2022-02"]),
    ("garbled_number.csv", ["garbled_number.csv", "row 11",
                            "column Volume of Imports: Crude Oil", "'48OO'"]),
    ("unknown_unit.csv", ["unknown_unit.csv", "'barrels'", "unit"]),
    ("header_missing.csv", ["header_missing.csv", "row 8", "['ID']"]),
])
def test_bad_wind_file(name: str, fragments: list[str]) -> None:
    with pytest.raises(RawDataError) as info:
        cc.read_wind_csv(BAD / "wind" / name)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


@pytest.mark.parametrize(("name", "fragments"), [
    ("duplicate_month", ["row 7", "2025-03 again", "Russian Federation"]),
    ("january_beside_combined", ["row 7", "2025-01 again"]),
    ("garbled_number", ["row 3", "column qty_mt", "'six'"]),
    ("missing_column", ["missing ['value_usd_bn']"]),
])
def test_bad_fuel_file(name: str, fragments: list[str]) -> None:
    path = BAD / "fuel-imports" / name / "comtrade_crude_oil.csv"
    with pytest.raises(RawDataError) as info:
        cc.read_fuel_file(path)
    assert "comtrade_crude_oil.csv" in str(info.value)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


def test_empty_and_non_utf8_wind(tmp_path: Path) -> None:
    empty = tmp_path / "china_imports_wind.csv"
    empty.write_text("")
    with pytest.raises(RawDataError, match="an empty file"):
        cc.read_wind_csv(empty)
    empty.write_bytes(WIND.read_bytes().replace(b"Russian", b"Russ\xe9an"))
    with pytest.raises(RawDataError, match="undecodable"):
        cc.read_wind_csv(empty)


def _edit_real(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "fragments"), [
    ("2023-02-28,", "2023-01-31,", ["v2023-04_russia_only", "each month once", "2023-01 again"]),
    ("2022-12-31,3839911.134,", "2022-12-31,3839911.1x4,",
     ["row 314", "Steam Coal: Russian Federation", "'3839911.1x4'"]),
])
def test_bad_real_file_keeps_the_previous_table(built: Path, old: str, new: str,
                                                fragments: list[str]) -> None:
    target = built / "data" / "processed" / "core" / f"{TABLE}.parquet"
    before = target.read_bytes()
    _edit_real(built / "data" / "raw" / REAL_WIND, old, new)
    write_manifest(root=built)  # registered, so the loader itself must catch it
    report = econ.refresh(root=built)
    failed = {r.name: r.message for r in report.results if r.status == "failed"}
    assert list(failed) == [TABLE]
    for fragment in fragments:
        assert fragment in failed[TABLE], failed[TABLE]
    assert target.read_bytes() == before


def test_truncated_real_file(built: Path) -> None:
    path = built / "data" / "raw" / REAL_WIND
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    report = econ.refresh(root=built, only=[TABLE])
    message = {r.name: r.message for r in report.failed}[TABLE]
    assert "china_imports_wind.csv" in message and "truncated" in message


def test_table_from_real_files(built: Path) -> None:
    """Units end in tonnes and dollars: Wind 2023-04, Russia crude, January 2023 is
    7,992,702,438 kg and 4,318,281,172 USD in the file."""
    table = econ.load(TABLE, root=built, filters={"source": "wind", "vintage": "2023-04",
                                                  "origin_iso3": "RUS", "commodity": "crude"})
    row = table.set_index("period").loc["2023-01-01"]
    assert row.quantity_t == pytest.approx(7_992_702.438)
    assert row.value_usd == 4_318_281_172.0
    assert set(econ.load(TABLE, root=built)["vintage"]) == {"2022-08", "2023-01", "2023-04",
                                                            "2025-01", "2026-08"}
    meta = econ.provenance(TABLE, root=built)
    assert any("qty_mt not loaded" in n and "comtrade_pipeline_gas" in n for n in meta["notes"])
    pipeline = econ.load(TABLE, root=built, filters={"source": "comtrade",
                                                     "commodity": "pipeline_gas"})
    assert pipeline["quantity_t"].isna().all()
    assert (pipeline.loc[pipeline.period.dt.year == 2020, "caveat"] != "").all()
    assert np.isfinite(pipeline["value_usd"]).all()
