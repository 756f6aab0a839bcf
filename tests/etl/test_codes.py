"""Country code tables: ISO and M49 as published, reviewed mappings complete and consistent."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

import econ
from econ.paths import REFERENCE_DIR

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def test_iso_and_m49_codes_as_published(built: Path) -> None:
    """ISO 3166-1: China = CN/CHN/156, Russian Federation = RU/RUS/643, Kazakhstan 398."""
    countries = econ.load("core_codes__countries", root=built).set_index("iso3")
    assert countries.loc["CHN", ["iso2", "m49"]].tolist() == ["CN", 156]
    assert countries.loc["RUS", ["iso2", "m49"]].tolist() == ["RU", 643]
    assert countries.loc["KAZ", "m49"] == 398
    assert countries.loc["RUS", "imf_name"] == "Russian Federation"
    assert countries.loc["CHN", "imf_name"] == "China, P.R.: Mainland"
    assert countries.loc["CHN", "baci_code"] == "156"
    assert countries.loc["RUS", "gacc_code"] == "344"  # PROVENANCE.md: 344 = Russia
    assert countries.loc["WLD", "kind"] == "group" and countries.loc["WLD", "is_aggregate"]
    assert countries.loc["SUN", "kind"] == "historical"


def test_every_imf_name_in_the_workbooks_maps(built: Path) -> None:
    aliases = econ.load("core_codes__country_aliases", root=built)
    imf = aliases[aliases.source == "imf"]
    assert imf["key"].is_unique
    reviewed = pd.read_csv(REFERENCE_DIR / "imf_names.csv", dtype=str)
    assert set(reviewed["imf_name"]) == set(imf["key"])


def test_gacc_codes_cover_the_customs_sample() -> None:
    """Every (code, name) pair of the GACC sample export is in the reviewed table."""
    with open(RAW / "china_customs_gacc/china_customs_detailed.csv", encoding="gb18030") as fh:
        pairs = {(r["Trading partner code"], r["Trading partner"]) for r in csv.DictReader(fh)}
    reviewed = pd.read_csv(REFERENCE_DIR / "gacc_codes.csv", dtype=str)
    assert pairs <= set(zip(reviewed["gacc_code"], reviewed["gacc_name"], strict=True))


def test_cow_periods_cover_every_year_exactly_once() -> None:
    cow = pd.read_csv(RAW / "cow_trade/National_COW_4.0.csv", usecols=["ccode", "year"])
    periods = pd.read_csv(REFERENCE_DIR / "cow_codes.csv")
    merged = cow.merge(periods, left_on="ccode", right_on="cow_code")
    inside = merged[(merged.year >= merged.first_year) & (merged.year <= merged.last_year)]
    assert len(inside) == len(cow)
    assert not inside.duplicated(["ccode", "year"]).any()


def test_no_code_maps_two_ways(built: Path) -> None:
    aliases = econ.load("core_codes__country_aliases", root=built)
    timeless = aliases[aliases.first_year.isna()]
    assert not timeless.duplicated(["source", "key"]).any()
    countries = set(econ.load("core_codes__countries", root=built)["iso3"])
    assert set(aliases["iso3"]) <= countries
