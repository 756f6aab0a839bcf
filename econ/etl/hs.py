"""Harmonized System products (HS2017, HS2022) and the HS2022 -> HS2017 concordance.

Products: HS2017 (BACI's list) and HS2022 (UN Comtrade via datahub).

Each product gets its chapter (``hs2``), heading (``hs4``) and section. BEC codes come
from the UNSD HS2017-BEC concordance (``hs17_bec.csv``); where a product maps to several
BEC codes (relationship ``n:n``) they are all kept, ';'-separated. The ``bec`` column of
``product_codes.csv`` was added by a third party and is not used. HS2022 products carry
no BEC code: no HS2022-BEC table is shipped.

Concordance (``core_hs__concordance_hs2022_hs2017``): every link between an HS2022 code
and an HS2017 code of BACI's list, with the share of the HS2017 code's value that goes to
the HS2022 code. Links come from

* ``identity``: a code present in both revisions maps to itself (unless UNSD's Conversions
  sheet says its content came from another code: 701919, 911490);
* the reviewed reference ``hs2022_hs2017.csv`` (see ``econ/etl/reference/README.md``):
  UNSD's HS2022-HS2017 Conversions rows for every other HS2022 code, the Correlations
  rows for the HS2017 codes no Conversions row names, and a few reviewed rows.

``hs2017_lost_to`` names the HS2022 headings that, per UNSD's Correlations sheet, took
part of an HS2017 code's content without being linked to it (e.g. 901380 -> 8524 flat
panel display modules): from 2022 that content is reported elsewhere, so the code's
series breaks between 2021 and 2022.

Weights (:func:`allocation_weights`), per HS2017 code: if its code number survives in
HS2022 it keeps the whole value and the HS2022 codes carved out of it get weight 0 (their
share is unknown: no HS2022 data here); otherwise its successors in the same heading share
the value equally (others get 0); if none is in its heading, all share equally. Weights of
an HS2017 code sum to 1, so values are preserved. BACI HS17 puts reporters' HS2022 data
(2022 onward) on HS2017 with the Conversions sheet (checked: none of the 26 HS2017 codes
that no Conversions row names has a value after 2021, while 25 of them have values up to
2021), so from 2022 an HS2017 code holds exactly the HS2022 codes that convert to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ import names
from econ.errors import RawDataError
from econ.etl._read import (
    check_codes,
    check_known,
    check_pattern,
    check_unique,
    display_path,
    pad_hs,
    read_csv_checked,
)

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = [
    "DESCRIPTION_SIMILARITY",
    "LINK_SOURCES",
    "allocation_weights",
    "build_concordance_hs2022_hs2017",
    "build_products",
    "code_matches",
    "description_similarity",
    "read_concordance_reference",
    "read_scope_losses",
]

_BACI = "cepii_baci_meta/product_codes.csv"
_BEC = "cepii_baci_meta/hs17_bec.csv"
_HS22 = "code_tables/datahub_harmonized_system/harmonized-system.csv"
_REFERENCE = "hs2022_hs2017.csv"
_LOSSES = "hs2017_scope_losses.csv"
#: where a link comes from ("identity" links are made here, the others are in the reference)
LINK_SOURCES = ("unsd_conversion", "unsd_correlation", "review")
_RELATIONSHIPS = {"1:1", "1:n", "n:1", "n:n", ""}
#: token Jaccard similarity below which a code kept in both revisions is flagged as having
#: a materially changed description (23 of 5,238 codes; read both texts before relying on
#: the identity link)
DESCRIPTION_SIMILARITY = 0.6


def _sections(hs: pd.DataFrame) -> dict[str, str]:
    chapters = hs[hs["level"] == "2"]
    return dict(zip(chapters["hscode"], chapters["section"], strict=True))


def build_products(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_hs__products``."""
    hs_path = ctx.file(_HS22)
    hs = read_csv_checked(hs_path, required=["section", "hscode", "description", "parent",
                                             "level"])
    sections = _sections(hs)
    six = hs[hs["level"] == "6"]
    hs22 = pd.DataFrame({"hs6": pad_hs(six["hscode"], 6, hs_path, "hscode"),
                         "hs_revision": "HS2022", "description": six["description"],
                         "bec": None})
    baci_path = ctx.file(_BACI)
    baci = read_csv_checked(baci_path, required=["code", "description"])
    bec = read_csv_checked(ctx.file(_BEC), required=["HS 2017", "BEC"])
    bec_codes = bec.groupby(pad_hs(bec["HS 2017"], 6, ctx.file(_BEC), "HS 2017"))["BEC"].agg(
        lambda codes: ";".join(sorted(set(codes), key=lambda c: (len(c), c))))
    hs17 = pd.DataFrame({"hs6": pad_hs(baci["code"], 6, baci_path, "code"),
                         "hs_revision": "HS2017", "description": baci["description"]})
    hs17["bec"] = hs17["hs6"].map(bec_codes)
    table = pd.concat([hs17, hs22], ignore_index=True)
    table["hs4"] = table["hs6"].str[:4]
    table["hs2"] = table["hs6"].str[:2]
    table["section"] = table["hs2"].map(sections)
    orphan = table["section"].isna()
    if orphan.any():
        raise RawDataError(display_path(hs_path), expected="a chapter row (level 2) for every "
                           "product's first two digits",
                           found=f"no chapter {table.loc[orphan, 'hs2'].iloc[0]!r}")
    return table[["hs6", "hs_revision", "hs4", "hs2", "description", "section", "bec"]]


def read_concordance_reference(path: Path, hs2022: set[str], hs2017: set[str]) -> pd.DataFrame:
    """Read the reviewed HS2022 -> HS2017 links and check every code and label.

    Parameters
    ----------
    path : Path
        ``econ/etl/reference/hs2022_hs2017.csv`` (``hs2022, hs2017, relationship, source,
        note``).
    hs2022, hs2017 : set of str
        The codes of each revision (``core_hs__products``; HS2017 is BACI's list).

    Raises
    ------
    RawDataError
        For a code that is not 6 digits or not in its revision, an unknown source or
        relationship, or a repeated pair.

    Examples
    --------
    >>> links = read_concordance_reference(path, hs22, hs17)  # doctest: +SKIP
    >>> links.loc[links.hs2022 == "854231", "hs2017"].tolist()  # doctest: +SKIP
    []
    """
    raw = read_csv_checked(path, required=["hs2022", "hs2017", "relationship", "source",
                                           "note"])
    raw = raw.fillna({"relationship": "", "note": ""})
    for column, known in (("hs2022", hs2022), ("hs2017", hs2017)):
        check_codes(raw, column, 6, path)
        check_known(raw, column, known, path, f"an {column.upper()} code "
                    f"({names.HS_PRODUCTS}{'; BACI list' if column == 'hs2017' else ''})")
    check_known(raw, "source", LINK_SOURCES, path, f"one of {list(LINK_SOURCES)}")
    check_known(raw, "relationship", _RELATIONSHIPS, path, "1:1, 1:n, n:1, n:n or empty")
    check_unique(raw, ["hs2022", "hs2017"], path)
    return raw


def read_scope_losses(path: Path, hs2017: set[str]) -> pd.Series:
    """HS2022 headings that took part of each HS2017 code's content without a link to it.

    Parameters
    ----------
    path : Path
        ``econ/etl/reference/hs2017_scope_losses.csv`` (``hs2017, lost_to_headings,
        n_hs2022``).
    hs2017 : set of str
        BACI's HS2017 codes.

    Returns
    -------
    Series
        ``lost_to_headings`` (';'-separated HS2022 headings) indexed by ``hs2017``.

    Raises
    ------
    RawDataError
        For a bad or unknown code, a malformed heading list or a repeated code.

    Examples
    --------
    >>> read_scope_losses(path, hs17)["901380"]  # doctest: +SKIP
    '8524;8529;8549'
    """
    raw = read_csv_checked(path, required=["hs2017", "lost_to_headings", "n_hs2022"])
    check_codes(raw, "hs2017", 6, path)
    check_known(raw, "hs2017", hs2017, path, "an HS2017 code of BACI's list")
    check_unique(raw, ["hs2017"], path)
    check_pattern(raw, "lost_to_headings", r"\d{4}(;\d{4})*", path,
                  "4-digit HS2022 headings separated by ';'")
    return raw.set_index("hs2017")["lost_to_headings"]


def allocation_weights(links: pd.DataFrame) -> pd.Series:
    """Share of each HS2017 code's value that goes to each of its HS2022 codes.

    Rule, per HS2017 code: if one of its links is to the same code number, that link gets
    1 and the others 0 (codes carved out, share unknown); else its links in the same
    heading (first four digits) share equally and the others get 0; if none is in its
    heading, all share equally. The weights of each HS2017 code sum to 1.

    Parameters
    ----------
    links : DataFrame
        ``hs2022, hs2017``, one row per link, no missing codes.

    Returns
    -------
    Series
        ``weight`` in [0, 1], aligned with ``links``.

    Examples
    --------
    >>> links = pd.DataFrame({"hs2022": ["854231", "854921", "852581", "852589", "880621"],
    ...                       "hs2017": ["854231", "854231", "852580", "852580", "852580"]})
    >>> allocation_weights(links).tolist()
    [1.0, 0.0, 0.5, 0.5, 0.0]
    """
    by = links["hs2017"]
    same_code = links["hs2022"] == by
    same_heading = links["hs2022"].str[:4] == by.str[:4]
    chosen = np.where(same_code.groupby(by).transform("any"), same_code,
                      np.where(same_heading.groupby(by).transform("any"), same_heading, True))
    chosen = pd.Series(chosen.astype("float64"), index=links.index)
    return (chosen / chosen.groupby(by).transform("sum")).rename("weight")


def code_matches(links: pd.DataFrame) -> pd.Series:
    """How each HS2022 code maps to HS2017, from its links' weights.

    ``exact``: the whole value of one HS2017 code; ``merged``: the whole values of several;
    ``split``: a share of at least one HS2017 code, or only weight-0 links (carved out of a
    code that keeps its value).

    Parameters
    ----------
    links : DataFrame
        ``hs2022, weight``.

    Returns
    -------
    Series
        ``match`` aligned with ``links``.

    Examples
    --------
    >>> links = pd.DataFrame({"hs2022": ["a", "b", "b", "c", "d"],
    ...                       "weight": [1.0, 1.0, 1.0, 0.5, 0.0]})
    >>> code_matches(links).tolist()
    ['exact', 'merged', 'merged', 'split', 'split']
    """
    weight = links["weight"]
    by = links["hs2022"]
    wholes = (weight == 1).groupby(by).transform("sum")
    partial = (weight < 1).groupby(by).transform("all") | (
        (weight > 0) & (weight < 1)).groupby(by).transform("any")
    return pd.Series(np.select([partial, wholes == 1], ["split", "exact"], "merged"),
                     index=links.index, name="match")


def _tokens(text: str) -> set[str]:
    return set("".join(c if c.isalnum() else " " for c in str(text).lower()).split())


def description_similarity(first: str, second: str) -> float:
    """Jaccard similarity of the word sets of two descriptions (case and punctuation free).

    Examples
    --------
    >>> description_similarity("Bearings: needle roller bearings",
    ...                        "Bearings; needle roller bearings")
    1.0
    """
    a, b = _tokens(first), _tokens(second)
    return len(a & b) / len(a | b) if a | b else 1.0


def _identity_links(hs2022: set[str], hs2017: set[str], reference: pd.DataFrame) -> pd.DataFrame:
    converted = set(reference.loc[reference["source"] == "unsd_conversion", "hs2022"])
    codes = sorted((hs2022 & hs2017) - converted)
    return pd.DataFrame({"hs2022": codes, "hs2017": codes, "relationship": None,
                         "source": "identity", "note": ""})


def _unmatched(codes: set[str], linked: pd.Series, column: str) -> pd.DataFrame:
    missing = sorted(codes - set(linked))
    return pd.DataFrame({column: missing, "source": "none", "match": "unmatched",
                         "allocation": "unmatched",
                         "note": "no link: its value is not carried to the other revision"})


def build_concordance_hs2022_hs2017(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_hs__concordance_hs2022_hs2017``."""
    products = ctx.table(names.HS_PRODUCTS, columns=["hs6", "hs_revision", "description"])
    described = {rev: group.set_index("hs6")["description"]
                 for rev, group in products.groupby("hs_revision")}
    hs2022, hs2017 = set(described["HS2022"].index), set(described["HS2017"].index)
    reference = read_concordance_reference(ctx.reference(_REFERENCE), hs2022, hs2017)
    links = pd.concat([_identity_links(hs2022, hs2017, reference), reference],
                      ignore_index=True)
    links["weight"] = allocation_weights(links)
    links["allocation"] = np.select([links["weight"] == 1, links["weight"] > 0],
                                    ["whole", "share"], "carved_out")
    links["match"] = code_matches(links)
    table = pd.concat([links, _unmatched(hs2017, links["hs2017"], "hs2017"),
                       _unmatched(hs2022, links["hs2022"], "hs2022")], ignore_index=True)
    losses = read_scope_losses(ctx.reference(_LOSSES), hs2017)
    table["hs2017_lost_to"] = table["hs2017"].map(losses).fillna("")
    table["description_hs2022"] = table["hs2022"].map(described["HS2022"])
    table["description_hs2017"] = table["hs2017"].map(described["HS2017"])
    identity = table["source"] == "identity"
    similarity = [description_similarity(a, b) for a, b in
                  zip(table.loc[identity, "description_hs2022"],
                      table.loc[identity, "description_hs2017"], strict=True)]
    table["is_description_changed"] = pd.Series(pd.NA, index=table.index, dtype="boolean")
    table.loc[identity, "is_description_changed"] = np.array(similarity) < DESCRIPTION_SIMILARITY
    _note_summary(ctx, table)
    return table.rename(columns={"source": "link"})[
        ["hs2022", "hs2017", "link", "relationship", "allocation", "weight", "match",
         "hs2017_lost_to", "is_description_changed", "description_hs2022",
         "description_hs2017", "note"]]


def _note_summary(ctx: BuildContext, table: pd.DataFrame) -> None:
    codes = table.dropna(subset=["hs2022"]).drop_duplicates("hs2022")
    ctx.note("HS2022 codes by match: " + ", ".join(
        f"{k} {v}" for k, v in codes["match"].value_counts().sort_index().items()))
    lost = table.loc[table["hs2022"].isna(), "hs2017"].tolist()
    ctx.note(f"{len(lost)} HS2017 code(s) with no HS2022 link, whose value is reported as "
             f"unmatched: {', '.join(lost) or 'none'} (absent from both UNSD sheets)")
    changed = table.loc[table["is_description_changed"].fillna(False), "hs2022"].tolist()
    ctx.note(f"{len(changed)} codes kept in both revisions with a materially changed "
             f"description (word overlap below {DESCRIPTION_SIMILARITY}): {', '.join(changed)}")
