"""Sanctions and export-control HS lists (``sanctions_hs_lists/``, see its PROVENANCE.md).

One row per list, tier and HS6 code, from three lists:

* ``chpl``: the Common High Priority List (EU, US, UK, Japan), BIS rendering of
  2024-02-23: 50 HS2022 codes in six tiers. **Transcribed** by hand from the BIS page
  (PROVENANCE §1); the tier file's code counts are checked against the list.
* ``us_ear_746``: 15 CFR 746 supplements 2, 4, 5 and 7 (eCFR issue 2026-09-24), HTS-6
  codes, which are HS2022 codes. **Transcribed** from a third-party parse of the eCFR
  (PROVENANCE §2); each supplement's codes are checked against the second transcription
  (the ``russiaHts`` JSON). Descriptions exist for supplements 2 and 7 only.
* ``eu_833_2014``: codes a third party extracted from Regulation (EU) 833/2014 as
  consolidated on 2022-10-07, annex not recorded: **byte-for-byte copies** (PROVENANCE §3).
  Two tiers: ``CN8 codes`` (``export_sanctions_codes.csv``), reduced to HS6 by their first
  six digits (CN8 extends HS6, so the reduction is exact at HS6; one HS6 row lists the
  CN8 codes it came from, and an HS6 whose CN8 codes are only partly listed still counts
  whole, so a screen on it is an upper bound); and ``CN4 headings``
  (``input_codes.csv``), each expanded to every HS6 subheading of the heading. The CN8
  codes of ``input_codes.csv`` must equal ``export_sanctions_codes.csv``; its two 7-digit
  codes are CN8 codes that lost their leading zero (PROVENANCE §3) and are padded.

``hs_revision``: CHPL and EAR codes must be HS2022 subheadings. The EU extraction mixes
CN vintages (e.g. 62011100 exists only before CN2022), so each EU code is HS2022 when it
is an HS2022 subheading and HS2017 otherwise; a heading absent from HS2022 (8803) expands
to its HS2017 subheadings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.errors import RawDataError
from econ.etl._read import check_codes, check_known, check_unique, display_path, read_csv_checked

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = [
    "COLUMNS",
    "EAR_SUPPLEMENTS",
    "EU_VERSION",
    "IS_TRANSCRIBED",
    "build_hs_lists",
    "read_chpl",
    "read_ear",
    "read_eu",
]

_FOLDER = "sanctions_hs_lists"
_CHPL = f"{_FOLDER}/chpl/chpl_bis_2024-02-23.csv"
_CHPL_TIERS = f"{_FOLDER}/chpl/chpl_bis_2024-02-23_tiers.csv"
_EAR = f"{_FOLDER}/us_ear_part746/ear746_hs6_tidy.csv"
_EAR_JSON = f"{_FOLDER}/us_ear_part746/source_transcriptions/ear-derived_russiaHts_transcribed.json"
_EU_CN8 = f"{_FOLDER}/eu_833_2014_ruimpeks/export_sanctions_codes.csv"
_EU_INPUT = f"{_FOLDER}/eu_833_2014_ruimpeks/input_codes.csv"

#: EAR part 746 supplements with HTS-6 tables (PROVENANCE §2.1) -> tier label
EAR_SUPPLEMENTS: dict[str, str] = {"2": "Supp. 2", "4": "Supp. 4", "5": "Supp. 5",
                                   "7": "Supp. 7"}
#: consolidated version of Reg. 833/2014 the EU extraction was taken from (PROVENANCE §3);
#: the files themselves carry no date
EU_VERSION = "2022-10-07"
#: list -> whether its files are checked transcriptions (True) or byte-for-byte copies
IS_TRANSCRIBED: dict[str, bool] = {"chpl": True, "us_ear_746": True, "eu_833_2014": False}
COLUMNS = ["list_name", "list_version", "tier", "hs6", "hs_revision", "description",
           "codes_as_listed", "is_transcribed", "source_file"]


def _single(frame: pd.DataFrame, column: str, path: Path) -> str:
    values = frame[column].dropna().unique()
    if len(values) != 1:
        raise RawDataError(display_path(path), column=column, expected="one version for "
                           "the whole list", found=f"{sorted(values)}")
    return str(values[0])


def read_chpl(path: Path, tiers_path: Path, hs2022: set[str]) -> pd.DataFrame:
    """Read the CHPL and check it against its tier file and the HS2022 codes.

    Parameters
    ----------
    path, tiers_path : Path
        ``chpl_bis_2024-02-23.csv`` and ``chpl_bis_2024-02-23_tiers.csv``.
    hs2022 : set of str
        HS2022 subheadings (``core_hs__products``).

    Returns
    -------
    DataFrame
        :data:`COLUMNS` without ``source_file``.

    Raises
    ------
    RawDataError
        For a code that is not 6 digits or not HS2022, a code that differs from the printed
        one, a repeated code, an unknown tier, or a tier whose code count differs from the
        tier file (a truncated list).

    Examples
    --------
    >>> read_chpl(chpl, tiers, hs2022).groupby("tier").size()["Tier 1"]  # doctest: +SKIP
    4
    """
    raw = read_csv_checked(path, required=["list_version", "tier", "hs6",
                                           "hs_code_as_printed", "description_as_printed"])
    tiers = read_csv_checked(tiers_path, required=["list_version", "tier", "n_hs6"])
    check_codes(raw, "hs6", 6, path)
    printed = raw["hs_code_as_printed"].fillna("").str.replace(".", "", regex=False)
    differs = printed != raw["hs6"]
    if differs.any():
        raise RawDataError(display_path(path), row=int(differs.to_numpy().argmax()) + 2,
                           column="hs6",
                           expected="the printed code without its dot "
                           f"({raw.loc[differs, 'hs_code_as_printed'].iloc[0]!r})",
                           found=repr(raw.loc[differs, "hs6"].iloc[0]))
    check_unique(raw, ["hs6"], path)
    check_known(raw, "tier", set(tiers["tier"]), path,
                 f"a tier of {display_path(tiers_path)} ({sorted(tiers['tier'])})")
    check_known(raw, "hs6", hs2022, path, "an HS2022 subheading (PROVENANCE: the CHPL "
                 "uses HS 2022)")
    version = _single(raw, "list_version", path)
    if version != _single(tiers, "list_version", tiers_path):
        raise RawDataError(display_path(tiers_path), column="list_version",
                           expected=f"the list's version {version!r}",
                           found=repr(tiers["list_version"].iloc[0]))
    counts = raw.groupby("tier").size()
    for _, tier in tiers.iterrows():
        if str(counts.get(tier["tier"], 0)) != str(tier["n_hs6"]).strip():
            raise RawDataError(display_path(path), column="tier",
                               expected=f"{tier['n_hs6']} codes in {tier['tier']} (as "
                               f"{display_path(tiers_path)} says)",
                               found=f"{counts.get(tier['tier'], 0)}",
                               hint="Is the list truncated or a row mistyped?")
    return pd.DataFrame({
        "list_name": "chpl", "list_version": version, "tier": raw["tier"], "hs6": raw["hs6"],
        "hs_revision": "HS2022", "description": raw["description_as_printed"],
        "codes_as_listed": raw["hs_code_as_printed"], "is_transcribed": IS_TRANSCRIBED["chpl"],
    })


def _read_json_lists(path: Path) -> dict[str, set[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {key.removeprefix("supp"): set(codes) for key, codes in data.items()}
    except (OSError, ValueError, AttributeError, TypeError) as exc:
        raise RawDataError(display_path(path), expected="a JSON object of code lists "
                           "('supp2': [...], ...)", found=f"unreadable JSON ({exc})",
                           hint="Copy it again byte-for-byte from ../shared/data/raw.") from exc


def read_ear(path: Path, json_path: Path, hs2022: set[str]) -> pd.DataFrame:
    """Read the EAR part 746 supplements and check them against the JSON transcription.

    Raises
    ------
    RawDataError
        For an unknown supplement, a code that is not 6 digits or not HS2022, a repeated
        row, or a supplement whose codes differ from the JSON transcription's.

    Examples
    --------
    >>> read_ear(tidy, russia_hts, hs2022).groupby("tier").size()["Supp. 7"]  # doctest: +SKIP
    53
    """
    raw = read_csv_checked(path, required=["supplement", "hs6", "description",
                                           "legal_basis", "ecfr_as_of"])
    check_known(raw, "supplement", set(EAR_SUPPLEMENTS), path,
                 f"an EAR part 746 supplement with HTS-6 codes ({sorted(EAR_SUPPLEMENTS)})")
    check_codes(raw, "hs6", 6, path)
    check_unique(raw, ["supplement", "hs6"], path)
    check_known(raw, "hs6", hs2022, path, "an HS2022 subheading (HTS-6 codes follow HS 2022)")
    version = _single(raw, "ecfr_as_of", path)
    second = _read_json_lists(json_path)
    listed = raw.groupby("supplement")["hs6"].agg(set)
    for supplement in sorted(set(listed.index) | set(second)):
        codes, other = listed.get(supplement, set()), second.get(supplement, set())
        if codes != other:
            raise RawDataError(display_path(path), column="hs6",
                               expected=f"the {len(other)} codes of supplement {supplement} "
                               f"in {display_path(json_path)}",
                               found=f"{len(codes)} codes, {len(codes - other)} not in "
                               f"the JSON and {len(other - codes)} missing",
                               hint="The two transcriptions must agree (PROVENANCE §2.4); "
                               "is the file truncated or edited?")
    return pd.DataFrame({
        "list_name": "us_ear_746", "list_version": version,
        "tier": raw["supplement"].map(EAR_SUPPLEMENTS), "hs6": raw["hs6"],
        "hs_revision": "HS2022", "description": raw["description"],
        "codes_as_listed": raw["hs6"], "is_transcribed": IS_TRANSCRIBED["us_ear_746"],
    })


def _revision(codes: pd.Series, products: pd.DataFrame, column: str) -> pd.Series:
    """'HS2022' where ``codes`` are HS2022 codes of ``column`` level, else 'HS2017'."""
    hs22 = set(products.loc[products["hs_revision"] == "HS2022", column])
    return codes.isin(hs22).map({True: "HS2022", False: "HS2017"})


def _eu_cn8(raw: pd.DataFrame, products: pd.DataFrame, path: Path) -> pd.DataFrame:
    raw = raw.assign(hs6=raw["code"].str[:6])
    check_known(raw, "hs6", set(products["hs6"]), path,
                 "a CN8 code whose first six digits are an HS2022 or HS2017 subheading")
    labelled = raw["code"] + ": " + raw["product"].fillna("")
    grouped = raw.assign(label=labelled).groupby("hs6", sort=True).agg(
        codes_as_listed=("code", ";".join), description=("label", " | ".join)).reset_index()
    grouped["tier"] = "CN8 codes"
    grouped["hs_revision"] = _revision(grouped["hs6"], products, "hs6")
    return grouped


def _eu_headings(headings: pd.DataFrame, products: pd.DataFrame, path: Path) -> pd.DataFrame:
    check_known(headings, "code", set(products["hs4"]), path,
                 "a CN4 heading that is an HS2022 or HS2017 heading")
    revision = _revision(headings["code"], products, "hs4")
    chosen = pd.DataFrame({"hs4": headings["code"], "hs_revision": revision})
    expanded = chosen.merge(products[["hs4", "hs_revision", "hs6"]], on=["hs4", "hs_revision"])
    return pd.DataFrame({"hs6": expanded["hs6"], "codes_as_listed": expanded["hs4"],
                         "description": None, "tier": "CN4 headings",
                         "hs_revision": expanded["hs_revision"]})


def read_eu(path: Path, input_path: Path, products: pd.DataFrame) -> pd.DataFrame:
    """Read the EU Reg. 833/2014 extraction: CN8 codes reduced to HS6, CN4 headings expanded.

    Parameters
    ----------
    path, input_path : Path
        ``export_sanctions_codes.csv`` (CN8 with labels) and ``input_codes.csv`` (CN4 and
        CN8 codes as extracted).
    products : DataFrame
        ``core_hs__products`` (``hs6``, ``hs4``, ``hs_revision``).

    Raises
    ------
    RawDataError
        For a CN8 code that is not 8 digits or repeated, an input code that is not 4, 7 or
        8 digits, CN8 codes that differ between the two files (a truncated file), or a
        code unknown to both HS revisions.

    Examples
    --------
    >>> eu = read_eu(cn8, input_codes, products)  # doctest: +SKIP
    >>> eu.loc[eu.hs6 == "847150", "codes_as_listed"].tolist()  # doctest: +SKIP
    ['84715000', '8471']
    """
    raw = read_csv_checked(path, required=["code", "product"])
    check_codes(raw, "code", 8, path)
    check_unique(raw, ["code"], path)
    extracted = read_csv_checked(input_path, required=["code"])
    check_codes(extracted, "code", (4, 7, 8), input_path)
    codes = extracted["code"]
    cn8 = set(codes[codes.str.len() >= 7].str.zfill(8))  # 7 digits: leading zero lost
    if cn8 != set(raw["code"]):
        raise RawDataError(display_path(path), column="code",
                           expected=f"the {len(cn8)} CN8 codes of {display_path(input_path)}",
                           found=f"{raw['code'].nunique()} codes, {len(set(raw['code']) - cn8)}"
                           f" not in it and {len(cn8 - set(raw['code']))} missing",
                           hint="Is one of the two files truncated?")
    parts = [_eu_cn8(raw, products, path),
             _eu_headings(extracted[codes.str.len() == 4], products, input_path)]
    table = pd.concat(parts, ignore_index=True)
    return table.assign(list_name="eu_833_2014", list_version=EU_VERSION,
                        is_transcribed=IS_TRANSCRIBED["eu_833_2014"])


def _note(frame: pd.DataFrame) -> str:
    name = frame["list_name"].iloc[0]
    how = ("a checked transcription (not a byte-for-byte copy)" if IS_TRANSCRIBED[name]
           else "byte-for-byte copies of files in a public repository")
    tiers = frame.groupby("tier")["hs6"].nunique()
    return (f"{name} version {frame['list_version'].iloc[0]}: {frame['hs6'].nunique()} "
            f"distinct HS6 codes ({', '.join(f'{t} {n}' for t, n in tiers.items())}); "
            f"source files are {how}")


def build_hs_lists(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_sanctions__hs_lists``."""
    products = ctx.table(names.HS_PRODUCTS, columns=["hs6", "hs4", "hs_revision"])
    hs2022 = set(products.loc[products["hs_revision"] == "HS2022", "hs6"])
    lists = [
        (read_chpl(ctx.file(_CHPL), ctx.file(_CHPL_TIERS), hs2022), _CHPL),
        (read_ear(ctx.file(_EAR), ctx.file(_EAR_JSON), hs2022), _EAR),
        (read_eu(ctx.file(_EU_CN8), ctx.file(_EU_INPUT), products), _EU_CN8),
    ]
    for frame, _ in lists:
        ctx.note(_note(frame))
    eu = lists[2][0]
    ctx.note(f"eu_833_2014: {(eu['hs_revision'] == 'HS2017').sum()} rows are HS2017 codes "
             "(CN8 codes of earlier CN vintages, or heading 8803); the other lists are HS2022")
    table = pd.concat([frame.assign(source_file=source) for frame, source in lists],
                      ignore_index=True)
    table.loc[table["tier"] == "CN4 headings", "source_file"] = _EU_INPUT
    return table[COLUMNS]
