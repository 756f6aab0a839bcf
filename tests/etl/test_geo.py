"""econ.etl.geo: CEPII's geo_cepii.xls, the real file and damaged copies."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from econ.errors import RawDataError
from econ.etl.geo import GEO_FILE, read_geo_cepii

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / GEO_FILE
HEADER = ["iso2", "iso3", "cnum", "country", "pays", "area", "dis_int", "landlocked",
          "continent", "city_en", "city_fr", "lat", "lon", "cap", "maincity", "citynum",
          "langoff_1", "langoff_2", "langoff_3", "colonizer1", "colonizer2", "colonizer3",
          "colonizer4"]
RUSSIA = ["RU", "RUS", 643, "Russian Federation", "Russie", 17075400, 1554.2, 0, "Asia",
          "Moscow", "Moscou", 55.75, 37.7, 1, 1, 25, "Russian", ".", ".", ".", ".", ".", "."]
ROMANIA = ["RO", "ROM", 642, "Romania", "Roumanie", 238391, 183.6, 0, "Europe", "Bucharest",
           "Bucarest", 44.4, 26.1, 1, 1, 25, "Romanian", ".", ".", "TUR", "AUT", ".", "."]


def _workbook(tmp_path: Path, rows: list[list[object]], sheet: str = "geo_cepii") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    path = tmp_path / "geo_cepii.xlsx"
    book.save(path)
    return path


def test_real_file() -> None:
    """The copied CEPII file: 225 countries, one capital and one main city each."""
    geo = read_geo_cepii(RAW)
    assert geo["iso3"].nunique() == 225
    assert (geo.groupby("iso3")["is_main_city"].sum() == 1).all()
    assert (geo.groupby("iso3")["is_capital"].sum() == 1).all()
    usa = geo[(geo["iso3"] == "USA") & geo["is_main_city"]].iloc[0]
    assert (usa["city"], usa["is_capital"]) == ("New York", False)
    assert {"ROU", "COD", "TLS", "PSE", "SRB"} <= set(geo["iso3"])
    assert not geo["iso3"].isin(["ROM", "ZAR", "TMP", "PAL", "YUG"]).any()


def test_legacy_codes_recoded_in_colonizers(tmp_path: Path) -> None:
    """ROM becomes ROU as a country and as a colonizer; the source code is kept."""
    moldova = ["MD", "MDA", 498, "Moldova", "Moldavie", 33800, 58.0, 1, "Europe", "Chisinau",
               "Chisinau", 47.0, 28.8, 1, 1, 25, "Romanian", ".", ".", "ROM", "RUS", ".", "."]
    geo = read_geo_cepii(_workbook(tmp_path, [HEADER, ROMANIA, moldova]))
    assert geo["iso3"].tolist() == ["ROU", "MDA"]
    assert geo["source_code"].tolist() == ["ROM", "MDA"]
    assert geo["colonizers"].tolist() == ["TUR;AUT", "ROU;RUS"]


@pytest.mark.parametrize(
    ("rows", "sheet", "needle"),
    [
        ([HEADER, RUSSIA], "Sheet1", "a sheet named 'geo_cepii'"),
        ([[c if c != "lat" else "latitude" for c in HEADER], RUSSIA], "geo_cepii",
         "without ['lat']"),
        ([HEADER], "geo_cepii", "no data rows"),
        ([HEADER, [*RUSSIA[:11], 95.0, *RUSSIA[12:]]], "geo_cepii", "row 2, column lat"),
        ([HEADER, [*RUSSIA[:12], "east", *RUSSIA[13:]]], "geo_cepii", "found 'east'"),
        ([HEADER, RUSSIA, RUSSIA], "geo_cepii", "a second main row for RUS"),
        ([HEADER, [*RUSSIA[:14], 0, *RUSSIA[15:]]], "geo_cepii", "exactly one main city"),
    ],
    ids=["sheet", "header", "empty", "latitude", "text", "duplicate", "no-main-city"],
)
def test_bad_input_names_the_place(tmp_path: Path, rows: list[list[object]], sheet: str,
                                   needle: str) -> None:
    path = _workbook(tmp_path, rows, sheet)
    with pytest.raises(RawDataError) as info:
        read_geo_cepii(path)
    assert "geo_cepii.xlsx" in str(info.value)
    assert needle in str(info.value)


def test_truncated_and_missing_file(tmp_path: Path) -> None:
    truncated = tmp_path / "geo_cepii.xls"
    truncated.write_bytes(RAW.read_bytes()[:4096])
    with pytest.raises(RawDataError, match=r"geo_cepii\.xls"):
        read_geo_cepii(truncated)
    with pytest.raises(RawDataError, match=r"absent\.xls"):
        read_geo_cepii(tmp_path / "absent.xls")


def test_builder_output_fits_the_catalog_schema() -> None:
    """build_geo_countries through a BuildContext, validated against the catalog's schema
    of core_cepii__geo_countries (keys: iso3, is_main_city)."""
    from econ import names
    from econ.catalog import get_spec
    from econ.context import BuildContext, InputFile
    from econ.etl.geo import build_geo_countries
    from econ.manifest import sha256_file
    from econ.paths import Paths
    from econ.schema import validate_frame

    spec = get_spec(names.GEO_COUNTRIES)
    schema = spec.schema
    ctx = BuildContext(spec, Paths(RAW.parents[3]),
                       [InputFile(GEO_FILE, sha256_file(RAW), RAW.stat().st_size)])
    table = validate_frame(build_geo_countries(ctx), spec.name, schema)
    assert table.num_rows == 238
    assert any("ROM" in note for note in ctx.notes)
