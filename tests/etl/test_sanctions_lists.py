"""Sanctions HS lists and the HS2022 -> HS2017 concordance: tiny fixtures, bad inputs,
allocation invariants."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from econ.errors import RawDataError
from econ.etl.hs import (
    allocation_weights,
    code_matches,
    description_similarity,
    read_concordance_reference,
    read_scope_losses,
)
from econ.etl.sanctions import read_chpl, read_ear, read_eu

HS2022 = {"854231", "854232", "852691", "852589", "847150", "620120", "880730", "730411"}

CHPL = """list_version,tier,hs6,hs_code_as_printed,description_as_printed
2024-02-23,Tier 1,854231,8542.31,"Electronic integrated circuits: Processors and controllers"
2024-02-23,Tier 1,854232,8542.32,Electronic integrated circuits: Memories
2024-02-23,Tier 2,852691,8526.91,Radio navigational aid apparatus
"""
TIERS = """list_version,tier,n_hs6,tier_definition_as_printed
2024-02-23,Tier 1,2,Items of the highest concern
2024-02-23,Tier 2,1,Additional electronics items
"""
EAR = """supplement,hs6,description,description_source,legal_basis,ecfr_as_of
2,730411,"LINE PIPE",eCFR,15 CFR 746.8(a)(4),2026-09-24
4,854231,,,15 CFR 746.8(a)(5),2026-09-24
7,854231,Processors,eCFR,15 CFR 746.8(a)(2),2026-09-24
"""
EAR_JSON = {"supp2": ["730411"], "supp4": ["854231"], "supp5": [], "supp7": ["854231"]}
EU_CN8 = '''"code","product"
"01012100","Pure-bred breeding horses"
"84715000","Processing units"
"84715010","Processing units, other"
"62011100","Men's overcoats, of wool"
'''
EU_INPUT = '''"code"
8471
1012100
84715000
84715010
62011100
'''
PRODUCTS = pd.DataFrame({
    "hs6": ["010121", "847150", "847141", "620111", "620120", "880310", "880320"],
    "hs4": ["0101", "8471", "8471", "6201", "6201", "8803", "8803"],
    "hs_revision": ["HS2022", "HS2022", "HS2022", "HS2017", "HS2022", "HS2017", "HS2017"],
})


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def chpl_files(tmp_path: Path) -> tuple[Path, Path]:
    return _write(tmp_path, "chpl.csv", CHPL), _write(tmp_path, "tiers.csv", TIERS)


@pytest.fixture
def ear_files(tmp_path: Path) -> tuple[Path, Path]:
    return _write(tmp_path, "ear.csv", EAR), _write(tmp_path, "ear.json", json.dumps(EAR_JSON))


@pytest.fixture
def eu_files(tmp_path: Path) -> tuple[Path, Path]:
    return _write(tmp_path, "cn8.csv", EU_CN8), _write(tmp_path, "input.csv", EU_INPUT)


def test_chpl_fixture(chpl_files: tuple[Path, Path]) -> None:
    table = read_chpl(*chpl_files, HS2022)
    assert table["tier"].tolist() == ["Tier 1", "Tier 1", "Tier 2"]
    assert table["hs6"].tolist() == ["854231", "854232", "852691"]
    assert set(table["hs_revision"]) == {"HS2022"} and table["is_transcribed"].all()
    assert table.loc[0, "codes_as_listed"] == "8542.31"
    assert set(table["list_version"]) == {"2024-02-23"}


def test_ear_fixture(ear_files: tuple[Path, Path]) -> None:
    table = read_ear(*ear_files, HS2022)
    assert table["tier"].tolist() == ["Supp. 2", "Supp. 4", "Supp. 7"]
    assert table["description"].isna().tolist() == [False, True, False]
    assert set(table["list_version"]) == {"2026-09-24"}


def test_eu_cn8_reduced_and_headings_expanded(eu_files: tuple[Path, Path]) -> None:
    """84715000 and 84715010 reduce to one HS6 row 847150; the 7-digit input code 1012100
    is CN8 01012100; heading 8471 expands to its HS2022 subheadings; 62011100 is a CN8
    code of an older vintage (HS2017 620111)."""
    table = read_eu(*eu_files, PRODUCTS).set_index(["tier", "hs6"])
    cn8 = table.loc["CN8 codes"]
    assert sorted(cn8.index) == ["010121", "620111", "847150"]
    assert cn8.loc["847150", "codes_as_listed"] == "84715000;84715010"
    assert cn8.loc["847150", "description"] == ("84715000: Processing units | 84715010: "
                                                "Processing units, other")
    assert cn8.loc["620111", "hs_revision"] == "HS2017"
    assert cn8.loc["847150", "hs_revision"] == "HS2022"
    headings = table.loc["CN4 headings"]
    assert sorted(headings.index) == ["847141", "847150"]
    assert not table["is_transcribed"].any()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _truncate(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: int(len(text) * 0.8)], encoding="utf-8")


CHPL_CASES = [
    ("missing column", lambda p, t: _edit(p, "hs_code_as_printed,", "printed,"),
     ["chpl.csv", "missing ['hs_code_as_printed']"]),
    ("not 6 digits", lambda p, t: _edit(p, "Tier 2,852691,", "Tier 2,85269,"),
     ["row 4", "column hs6", "a code of 6 digits", "'85269'"]),
    ("printed differs", lambda p, t: _edit(p, "854232,8542.32", "854232,8542.33"),
     ["row 3", "'8542.33'"]),
    ("duplicate row", lambda p, t: p.write_text(p.read_text() + CHPL.splitlines()[2] + "\n"),
     ["row 5", "repeated row", "'854232'"]),
    ("unknown tier", lambda p, t: _edit(p, "Tier 2,852691", "Tier 1.A,852691"),
     ["row 4", "column tier", "'Tier 1.A'"]),
    ("truncated", lambda p, t: _truncate(p), ["chpl.csv"]),
    ("count differs", lambda p, t: _edit(t, "Tier 1,2,", "Tier 1,3,"),
     ["3 codes in Tier 1", "found 2"]),
    ("not HS2022", lambda p, t: _edit(p, "852691,8526.91", "999999,9999.99"),
     ["row 4", "an HS2022 subheading", "'999999'"]),
    ("empty", lambda p, t: p.write_text(""), ["an empty file"]),
]


EAR_CASES = [
    ("missing column", lambda p, j: _edit(p, "legal_basis,", "basis,"),
     ["missing ['legal_basis']"]),
    ("unknown supplement", lambda p, j: _edit(p, "\n4,854231", "\n6,854231"),
     ["row 3", "column supplement", "'6'"]),
    ("not 6 digits", lambda p, j: _edit(p, "2,730411", "2,73041"), ["row 2", "'73041'"]),
    ("duplicate row", lambda p, j: p.write_text(p.read_text() + EAR.splitlines()[2] + "\n"),
     ["row 5", "repeated row"]),
    ("truncated", lambda p, j: p.write_text("\n".join(EAR.splitlines()[:3]) + "\n"),
     ["the 1 codes of supplement 7", "ear.json"]),
    ("bad json", lambda p, j: j.write_text('{"supp2": ["7304'), ["unreadable JSON"]),
]


EU_CASES = [
    ("missing column", lambda c, i: _edit(c, '"product"', '"label"'), ["missing ['product']"]),
    ("not 8 digits", lambda c, i: _edit(c, '"84715010"', '"8471501"'),
     ["row 4", "a code of 8 digits"]),
    ("duplicate row", lambda c, i: c.write_text(c.read_text() + EU_CN8.splitlines()[2] + "\n"),
     ["row 6", "repeated row", "'84715000'"]),
    ("truncated", lambda c, i: c.write_text("\n".join(EU_CN8.splitlines()[:3]) + "\n"),
     ["the 4 CN8 codes of", "2 missing"]),
    ("bad input code", lambda c, i: _edit(i, "8471\n", "84710\n"),
     ["input.csv", "row 2", "a code of 4 or 7 or 8 digits", "'84710'"]),
    ("unknown heading", lambda c, i: _edit(i, "8471\n", "9999\n"),
     ["input.csv", "row 2", "'9999'"]),
]


READERS = {
    "chpl": ("chpl_files", lambda files: read_chpl(*files, HS2022)),
    "ear": ("ear_files", lambda files: read_ear(*files, HS2022)),
    "eu": ("eu_files", lambda files: read_eu(*files, PRODUCTS)),
}
BAD_INPUTS = [(reader, *case) for reader, cases in
              (("chpl", CHPL_CASES), ("ear", EAR_CASES), ("eu", EU_CASES)) for case in cases]


@pytest.mark.parametrize(("reader", "case", "edit", "fragments"), BAD_INPUTS,
                         ids=[f"{c[0]}-{c[1]}" for c in BAD_INPUTS])
def test_bad_input_names_the_place(request: pytest.FixtureRequest, reader: str, case: str,
                                   edit, fragments: list[str]) -> None:
    fixture, read = READERS[reader]
    files = request.getfixturevalue(fixture)
    edit(*files)
    with pytest.raises(RawDataError) as caught:
        read(files)
    for fragment in fragments:
        assert fragment in str(caught.value), str(caught.value)


# ------------------------------------------------------------------ concordance

REFERENCE = """hs2022,hs2017,relationship,source,note
852581,852580,n:1,unsd_conversion,
852589,852580,n:1,unsd_conversion,
854151,854150,,review,HS2022 split 8541.50
"""


def test_concordance_reference_reads(tmp_path: Path) -> None:
    path = _write(tmp_path, "ref.csv", REFERENCE)
    links = read_concordance_reference(path, {"852581", "852589", "854151"},
                                       {"852580", "854150"})
    assert links["relationship"].tolist() == ["n:1", "n:1", ""]


@pytest.mark.parametrize(("old", "new", "fragments"), [
    ("852589,852580", "85258,852580", ["row 3", "column hs2022", "'85258'"]),
    ("854151,854150", "854151,999999", ["row 4", "column hs2017", "'999999'"]),
    (",review,", ",guess,", ["row 4", "column source", "'guess'"]),
    ("n:1,unsd_conversion,\n852589", "2:1,unsd_conversion,\n852589",
     ["row 2", "column relationship", "'2:1'"]),
    ("854151,854150,,review,HS2022 split 8541.50",
     "852581,852580,n:1,unsd_conversion,", ["row 4", "repeated row"]),
])
def test_concordance_reference_bad_input(tmp_path: Path, old: str, new: str,
                                         fragments: list[str]) -> None:
    path = _write(tmp_path, "ref.csv", REFERENCE.replace(old, new))
    with pytest.raises(RawDataError) as caught:
        read_concordance_reference(path, {"852581", "852589", "854151"},
                                   {"852580", "854150"})
    for fragment in fragments:
        assert fragment in str(caught.value), str(caught.value)


def test_scope_losses_bad_headings(tmp_path: Path) -> None:
    path = _write(tmp_path, "losses.csv", "hs2017,lost_to_headings,n_hs2022\n"
                  "901380,8524;85,13\n")
    with pytest.raises(RawDataError, match="row 2, column lost_to_headings"):
        read_scope_losses(path, {"901380"})


def test_allocation_rules_hand_worked() -> None:
    """854231 keeps its number: whole value, 8549 waste carved out (0). 852580 is deleted:
    its four 8525 successors share equally (1/4), the 8806 drone is carved out. 854150 has
    two successors in its heading: 1/2 each. 251830 has one successor in another heading
    (381600): it takes the whole value."""
    links = pd.DataFrame({
        "hs2022": ["854231", "854921", "852581", "852582", "852583", "852589", "880621",
                   "854151", "854159", "381600"],
        "hs2017": ["854231", "854231", "852580", "852580", "852580", "852580", "852580",
                   "854150", "854150", "251830"]})
    weights = allocation_weights(links)
    assert weights.tolist() == [1.0, 0.0, 0.25, 0.25, 0.25, 0.25, 0.0, 0.5, 0.5, 1.0]
    matches = code_matches(links.assign(weight=weights))
    assert matches.tolist() == ["exact", "split", "split", "split", "split", "split",
                                "split", "split", "split", "exact"]


def test_merged_codes() -> None:
    links = pd.DataFrame({"hs2022": ["911490", "911490"], "hs2017": ["911410", "911490"]})
    links["weight"] = allocation_weights(links)
    assert code_matches(links).tolist() == ["merged", "merged"]


codes = st.sampled_from([f"{h}{s:02d}" for h in ("8541", "8542", "8549") for s in (10, 20, 30)])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(codes, codes), min_size=1, max_size=25, unique=True),
       st.lists(st.floats(min_value=0, max_value=1e10), min_size=9, max_size=9))
def test_allocation_preserves_values(pairs: list[tuple[str, str]], values: list[float]) -> None:
    """Whatever the links, each HS2017 code's weights are in [0, 1] and sum to 1, so
    allocating HS2017 values to HS2022 codes preserves the total; a split code's positive
    weights are equal (the documented rule)."""
    links = pd.DataFrame(pairs, columns=["hs2022", "hs2017"])
    links["weight"] = allocation_weights(links)
    assert links["weight"].between(0, 1).all()
    sums = links.groupby("hs2017")["weight"].sum()
    assert sums.to_numpy() == pytest.approx(1.0, abs=1e-12)
    positive = links[links["weight"] > 0].groupby("hs2017")["weight"]
    assert (positive.max() - positive.min()).max() < 1e-12
    value_of = dict(zip(sorted({c for pair in pairs for c in pair}), values, strict=False))
    hs2017_values = pd.Series({c: value_of.get(c, 0.0) for c in links["hs2017"].unique()})
    allocated = (links["weight"] * links["hs2017"].map(hs2017_values)).sum()
    assert allocated == pytest.approx(hs2017_values.sum(), rel=1e-9, abs=1e-6)
    assert set(code_matches(links)) <= {"exact", "merged", "split"}


def test_description_similarity() -> None:
    assert description_similarity("Tents: of synthetic fibres",
                                  "Tents; of synthetic fibres") == 1.0
    assert description_similarity("Glass fibres: slivers, yarns", "Glass fibres; mats") < 0.6
