"""A BACI release zip written as hive-partitioned Parquet, and the errors of bad releases."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pyarrow.parquet as pq
import pytest

from econ.errors import RawDataError
from econ.etl.baci_release import (
    DATASET_COLUMNS,
    baci_country_codes,
    build_release_dataset,
    find_release,
    release_country_codes,
    release_dataset_path,
    write_release_dataset,
)
from econ.indicators.synthetic import SyntheticBaci
from econ.paths import Paths

PANEL = SyntheticBaci(rows=24_000, seed=11, countries=30, products=150, years=(2022, 2023))
CODES = {156: "CHN", 643: "RUS", 398: "KAZ"}
HEADER = "t,i,j,k,v,q\n"


def _release(folder: Path, members: dict[str, str], *,
             name: str = "BACI_HS17_V202501.zip") -> Path:
    """A hand-made release zip: member name -> text."""
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return path


def _year(text: str, year: int = 2022) -> dict[str, str]:
    return {f"BACI_HS17_Y{year}_V202501.csv": HEADER + text}


def test_release_written_as_sorted_hive_parquet(tmp_path: Path) -> None:
    """The real layout in, ``year=YYYY/part-0.parquet`` out: zstd, sorted by importer,
    product, exporter; hs6 zero-padded text; value in dollars (v * 1000); quantity in
    tonnes, missing where the release writes (padded) NA; the same flows as the panel."""
    written = write_release_dataset(PANEL.write_release(tmp_path), tmp_path / "baci")
    assert written.rows == {2022: 12_000, 2023: 12_000} and written.version == "V202501"
    for year in PANEL.years:
        file = tmp_path / "baci" / f"year={year}" / "part-0.parquet"
        metadata = pq.ParquetFile(file).metadata
        assert metadata.row_group(0).column(0).compression == "ZSTD"
        table = pq.read_table(file)
        assert tuple(table.column_names) == DATASET_COLUMNS
        frame = table.to_pandas()
        keys = ["importer_iso3", "hs6", "exporter_iso3"]
        assert frame[keys].equals(frame.sort_values(keys)[keys].reset_index(drop=True))
        expected = (PANEL.year_table(year).to_pandas().drop(columns="year")
                    .sort_values(keys).reset_index(drop=True)[list(DATASET_COLUMNS)])
        pd.testing.assert_frame_equal(frame, expected, check_dtype=False)
    assert frame["hs6"].str.fullmatch(r"\d{6}").all() and frame["hs6"].str.startswith("0").any()
    assert frame["quantity_t"].isna().any()
    manifest = json.loads((tmp_path / "baci" / "_release.json").read_text())
    assert manifest["source_sha256"] == written.sha256 and manifest["rows"] == {
        "2022": 12_000, "2023": 12_000}
    assert "rows" in written.summary() and len(written.to_frame()) == 7


def test_country_codes_from_the_alias_table(tmp_path: Path) -> None:
    """The refresh maps codes with core_codes__country_aliases (source 'baci'); padded
    fields, a blank quantity and a quantity 'NA' are read as BACI writes them."""
    aliases = pd.DataFrame({"source": "baci", "key": ["156", "643", "398"],
                            "iso3": ["CHN", "RUS", "KAZ"], "first_year": None,
                            "last_year": None})
    assert baci_country_codes(aliases) == CODES
    zip_path = _release(tmp_path, _year("2022, 156, 643, 850760, 12.5,  3.000\n"
                                        "2022,643,398,10121,0.001,\n"
                                        "2022,398,643,10121,7,NA\n"))
    write_release_dataset(zip_path, tmp_path / "out", country_codes=baci_country_codes(aliases))
    frame = pd.read_parquet(tmp_path / "out" / "year=2022" / "part-0.parquet")
    assert frame[["importer_iso3", "hs6", "exporter_iso3", "value_usd"]].values.tolist() == [
        ["KAZ", "010121", "RUS", 1.0], ["RUS", "010121", "KAZ", 7000.0],
        ["RUS", "850760", "CHN", 12500.0]]
    assert frame["quantity_t"].isna().tolist() == [True, True, False]
    assert frame["quantity_t"].iloc[2] == 3.0


def test_release_country_codes_and_find_release(tmp_path: Path) -> None:
    zip_path = PANEL.write_release(tmp_path, version="V202401")
    codes = release_country_codes(zip_path)
    assert codes[643] == "RUS" and codes[156] == "CHN" and len(codes) == 30
    PANEL.write_release(tmp_path, version="V202501")
    (tmp_path / "BACI_HS17_V2025.zip").touch()  # not a release name: ignored
    assert find_release(tmp_path) == tmp_path / "BACI_HS17_V202501.zip"
    assert find_release(tmp_path / "empty") is None


def test_a_failed_write_keeps_the_previous_dataset(tmp_path: Path) -> None:
    """The folder is replaced only by a complete dataset; nothing half-written stays."""
    write_release_dataset(PANEL.write_release(tmp_path), tmp_path / "baci")
    before = pd.read_parquet(tmp_path / "baci")
    (tmp_path / "bad").mkdir()
    bad = _release(tmp_path / "bad", _year("2022,156,643,10121,-1,NA\n"))
    with pytest.raises(RawDataError, match="expected a finite trade value >= 0"):
        write_release_dataset(bad, tmp_path / "baci", country_codes=CODES)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "baci"), before)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


BAD_ROWS = [
    # (CSV body, message pattern): every message names the zip, the year file, line, column
    ("2021,156,643,10121,1,NA\n", r"Y2022_V202501\.csv, row 2, column t: expected the year "
                                  r"2022 of the file name, found 2021"),
    ("2022,156,643,10121,1,NA\n2022,999,643,10121,1,NA\n",
     r"row 3, column i: expected a BACI country code known to the code mapping, found '999'"),
    ("2022,156,RUS,10121,1,NA\n", r"row 2, column j: expected a BACI country code, "
                                  r"found 'RUS'"),
    ("2022,156,643,1012100,1,NA\n", r"row 2, column k: expected an HS6 code of up to 6 "
                                    r"digits, found '1012100'"),
    ("2022,156,643,10121,1.2.3,NA\n", r"row 2, column v: expected a number, found '1.2.3'"),
    ("2022,156,643,10121,,NA\n", r"row 2, column v: expected a number, found ''"),
    ("2022,156,643,10121,-4,NA\n", r"row 2, column v: expected a finite trade value >= 0"),
    ("2022,156,643,10121,1,n/a\n", r"row 2, column q: expected a number, found 'n/a'"),
    ("", r"row 2: expected rows of trade flows, found a header only"),
    ("2022,156,643,10121,1,NA\n2022,156,643,10121,2,NA\n",
     r"expected one row per exporter, importer and product, found several rows for CHN -> "
     r"RUS, HS 010121"),
    ("2022,156,643,10121,1\n", r"expected a CSV file with columns t,i,j,k,v,q, found CSV "
                               r"parse error"),
]


@pytest.mark.parametrize(("body", "message"), BAD_ROWS)
def test_bad_rows_raise_errors_naming_file_line_and_column(tmp_path: Path, body: str,
                                                           message: str) -> None:
    zip_path = _release(tmp_path, _year(body))
    with pytest.raises(RawDataError, match=r"BACI_HS17_V202501\.zip:BACI_HS17_Y2022") as error:
        write_release_dataset(zip_path, tmp_path / "out", country_codes=CODES)
    assert re.search(message, str(error.value)), str(error.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("members", "message"), [
    ({"readme.txt": "x"}, r"expected members BACI_HS17_Y\{year\}_V\{version\}\.csv"),
    ({"BACI_HS17_Y2022_V202401.csv": HEADER}, r"expected year files of version V202501, "
                                              r"found BACI_HS17_Y2022_V202401\.csv"),
    ({"BACI_HS17_Y2022_V202501.csv": "t,i,j,k,v\n2022,156,643,10121,1\n"},
     r"expected a CSV file with columns t,i,j,k,v,q"),
])
def test_bad_release_layout_raises_clear_error(tmp_path: Path, members: dict[str, str],
                                               message: str) -> None:
    with pytest.raises(RawDataError, match=message):
        write_release_dataset(_release(tmp_path, members), tmp_path / "out", country_codes=CODES)


def test_missing_truncated_or_codeless_zip_raises_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RawDataError, match=r"nothing\.zip: expected a BACI release zip, "
                                           r"found no file"):
        write_release_dataset(tmp_path / "nothing.zip", tmp_path / "out", country_codes=CODES)
    full = PANEL.write_release(tmp_path)
    truncated = tmp_path / "cut" / full.name
    truncated.parent.mkdir()
    truncated.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    with pytest.raises(RawDataError, match="expected a zip archive, found an unreadable file"):
        write_release_dataset(truncated, tmp_path / "out")
    with pytest.raises(RawDataError, match=r"expected a member country_codes_V\{version\}"):
        write_release_dataset(_release(tmp_path / "cut", _year("")), tmp_path / "out")


def test_refresh_builder_writes_the_newest_release(tmp_path: Path) -> None:
    """The catalog builder: newest zip of the inputs, codes from the alias table, the
    dataset under data/processed/core, one row per year recorded."""
    raw = tmp_path / "data" / "raw" / "cepii_baci"
    raw.mkdir(parents=True)
    old = PANEL.write_release(raw, version="V202401")
    new = PANEL.write_release(raw, version="V202501")
    aliases = pd.DataFrame({"source": "baci", "key": [str(c) for c in PANEL.baci_codes],
                            "iso3": list(PANEL.codes), "first_year": None, "last_year": None})
    notes: list[str] = []
    ctx = SimpleNamespace(files=lambda pattern: [old, new], paths=Paths(tmp_path),
                          table=lambda name: aliases, note=notes.append)
    table = build_release_dataset(ctx)  # type: ignore[arg-type]
    assert table.to_dict("list") == {"year": [2022, 2023], "rows": [12_000, 12_000],
                                     "source_file": ["cepii_baci/BACI_HS17_V202501.zip"] * 2,
                                     "sha256": [table["sha256"].iloc[0]] * 2}
    dataset = release_dataset_path(Paths(tmp_path))
    assert dataset == tmp_path / "data" / "processed" / "core" / "core_baci__hs17_release"
    assert json.loads((dataset / "_release.json").read_text())["version"] == "V202501"
    assert "24,000 flows" in notes[0]
