"""econ.pairs: the configured pairs (defaults plus data/pairs.csv), adding one, and bad
files or codes that fail naming the row or the argument."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from econ.errors import ArgumentError, RawDataError
from econ.pairs import (
    DEFAULT_PAIRS,
    PAIRS_FILE,
    Pair,
    add_pair,
    check_codes,
    configured_pairs,
    parse_pair,
)


def test_defaults_start_with_russia_china() -> None:
    assert [str(p) for p in DEFAULT_PAIRS] == ["RUS-CHN", "RUS-IND", "RUS-TUR", "RUS-KAZ",
                                               "KAZ-CHN", "RUS-DEU", "CHN-USA"]


def test_without_a_file_the_defaults(tmp_path: Path) -> None:
    assert configured_pairs(tmp_path) == DEFAULT_PAIRS


def test_the_file_adds_pairs_after_the_defaults_once(tmp_path: Path) -> None:
    (tmp_path / PAIRS_FILE).write_text("reporter_iso3,partner_iso3\nRUS,BLR\nRUS,CHN\n"
                                       "rus,blr\nIND,CHN\n", encoding="utf-8")
    pairs = configured_pairs(tmp_path)
    assert pairs[:len(DEFAULT_PAIRS)] == DEFAULT_PAIRS
    assert pairs[len(DEFAULT_PAIRS):] == (Pair("RUS", "BLR"), Pair("IND", "CHN"))


def test_add_pair_appends_and_says_when_it_is_there(tmp_path: Path) -> None:
    assert add_pair(tmp_path, Pair("RUS", "BLR")) is True
    assert add_pair(tmp_path, Pair("RUS", "BLR")) is False
    assert add_pair(tmp_path, Pair("RUS", "CHN")) is False  # a default
    assert add_pair(tmp_path, Pair("IND", "CHN")) is True
    assert (tmp_path / PAIRS_FILE).read_text(encoding="utf-8") == (
        "reporter_iso3,partner_iso3\nRUS,BLR\nIND,CHN\n")
    assert configured_pairs(tmp_path)[-2:] == (Pair("RUS", "BLR"), Pair("IND", "CHN"))
    assert [p.name for p in tmp_path.iterdir()] == [PAIRS_FILE]  # no temporary left


@pytest.mark.parametrize(("text", "error", "fragments"), [
    ("iso3,partner\nRUS,BLR\n", RawDataError,
     ["pairs.csv, row 1", "header reporter_iso3,partner_iso3", "['iso3', 'partner']"]),
    ("", RawDataError, ["pairs.csv, row 1", "found ''"]),
    ("reporter_iso3,partner_iso3\nRUS,BLR\nRUS\n", RawDataError,
     ["pairs.csv, row 3", "two ISO3 codes", "['RUS']"]),
    ("reporter_iso3,partner_iso3\nRUS,BLR,CHN\n", RawDataError, ["pairs.csv, row 2"]),
    ("reporter_iso3,partner_iso3\nRUS,BLR\nRU,CHN\n", ArgumentError,
     ["pairs.csv, row 3", "two ISO3 codes joined by '-'", "'RU-CHN'"]),
    ("reporter_iso3,partner_iso3\nRUS,RUS\n", ArgumentError,
     ["pairs.csv, row 2", "two different economies"]),
], ids=["header", "empty", "short row", "long row", "bad code", "same economy"])
def test_a_bad_file_names_the_file_and_row(tmp_path: Path, text: str, error: type,
                                           fragments: list[str]) -> None:
    (tmp_path / PAIRS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(error) as caught:
        configured_pairs(tmp_path)
    for fragment in fragments:
        assert fragment in str(caught.value), str(caught.value)
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value)


def test_parse_and_check_codes() -> None:
    assert parse_pair(" kaz-chn ") == Pair("KAZ", "CHN")
    with pytest.raises(ArgumentError, match="argument --pair: expected two ISO3 codes"):
        parse_pair("RUSCHN")
    known = ["RUS", "CHN", "IND"]
    assert check_codes(Pair("RUS", "IND"), known) == Pair("RUS", "IND")
    with pytest.raises(ArgumentError, match=r"unknown code 'CHM' \(did you mean CHN\?\)"):
        check_codes(Pair("RUS", "CHM"), known)
    with pytest.raises(ArgumentError, match="unknown code 'XXX'"):
        check_codes(parse_pair("XXX-YYY"), known)
