"""Sanctions-sensitive trade: how much of a pair's trade is in goods a list names.

A list (``core_sanctions__hs_lists``) names HS6 codes, mostly HS2022; BACI
(``core_baci__yearly_product_trade``) reports HS2017. The concordance
(``core_hs__concordance_hs2022_hs2017``) says which share (``weight``) of each HS2017
code's value belongs to each HS2022 code. For a list and tier, each HS2017 code gets a
*listed fraction*: the sum of the weights of its listed HS2022 codes, or 1 when the list
names the HS2017 code itself (EU codes of older CN vintages). Then, per year:

* ``value_usd``: sum of listed fraction x value (the central estimate);
* ``value_lower_usd``: only HS2017 codes whose whole value is listed (fraction 1);
* ``value_upper_usd``: every HS2017 code that holds a listed code at all, including codes
  carved out of it with weight 0 (e.g. 854151 inside 851712 from 2022);
* ``share``: ``value_usd`` over the exporter's total sales to the importer (all HS6 codes);
* ``importer_share``: the exporter's share of the importer's listed-goods imports, which
  needs the importer's imports from every partner; NaN with ``importer_share_reason`` when
  they are not supplied (the BACI file here holds only China-Russia flows);
* ``growth``: ``value_usd`` over its ``base_year`` value, minus 1.

Tier ``all`` is the union of a list's tiers (a code in two EAR supplements counts once).
Values are BACI's: FOB, reconciled mirror flows, current US dollars.
"""

from __future__ import annotations

import pandas as pd

from econ import names

__all__ = [
    "ALL_TIERS",
    "WASTE_HEADING",
    "chpl_by_tier",
    "list_baskets",
    "listed_code_values",
    "listed_fractions",
    "match_summary",
    "screen_listed_trade",
    "top_listed_codes",
]

ALL_TIERS = "all"
#: HS2022 heading 8549 (electrical and electronic waste and scrap) is linked by UNSD to about
#: 1,000 HS2017 codes whose waste it now takes; taken as immaterial for trade in new goods
#: (an assumption), so it is left out of the series-break caveat
WASTE_HEADING = "8549"
_LIST = ["list_name", "tier"]
_MATCHES = ["exact", "merged", "split", "unmatched"]


def list_baskets(lists: pd.DataFrame, concordance: pd.DataFrame) -> pd.DataFrame:
    """The HS2017 codes behind each list code, with the share of each that is listed.

    Parameters
    ----------
    lists : DataFrame
        ``list_name, tier, hs6, hs_revision`` (``core_sanctions__hs_lists``).
    concordance : DataFrame
        ``hs2022, hs2017, weight, match`` (``core_hs__concordance_hs2022_hs2017``).

    Returns
    -------
    DataFrame
        ``list_name, tier, hs6, hs_revision, hs2017, weight, match``: one row per list code
        and HS2017 link (weight-0 links kept, they bound the value from above), tier
        ``all`` added; ``hs2017`` missing and ``match`` 'unmatched' for a list code with no
        link. An HS2017 list code links to itself with weight 1; when a list names an
        HS2017 code directly, its HS2022 codes' links to that code get weight 0 so that
        the code counts once.

    Examples
    --------
    >>> lists = pd.DataFrame({"list_name": "x", "tier": "T1", "hs6": ["852589"],
    ...                       "hs_revision": "HS2022"})
    >>> concordance = pd.DataFrame({"hs2022": ["852589"], "hs2017": ["852580"],
    ...                             "weight": [0.25], "match": ["split"]})
    >>> list_baskets(lists, concordance)[["tier", "hs2017", "weight"]].values.tolist()
    [['T1', '852580', 0.25], ['all', '852580', 0.25]]
    """
    codes = lists[["list_name", "tier", "hs6", "hs_revision"]].drop_duplicates()
    codes = pd.concat([codes, codes.assign(tier=ALL_TIERS).drop_duplicates()],
                      ignore_index=True)
    links = concordance.dropna(subset=["hs2022", "hs2017"])[["hs2022", "hs2017", "weight",
                                                             "match"]]
    new = codes[codes["hs_revision"] != "HS2017"].merge(
        links, left_on="hs6", right_on="hs2022", how="left").drop(columns="hs2022")
    old = codes[codes["hs_revision"] == "HS2017"]
    known = old["hs6"].isin(set(concordance["hs2017"].dropna()))
    old = old.assign(hs2017=old["hs6"].where(known), weight=known.astype("float64").where(known),
                     match=known.map({True: "exact", False: "unmatched"}))
    direct = pd.MultiIndex.from_frame(old.loc[known, [*_LIST, "hs2017"]])
    counted = pd.MultiIndex.from_frame(new[[*_LIST, "hs2017"]]).isin(direct)
    new.loc[counted, "weight"] = 0.0
    basket = pd.concat([new, old], ignore_index=True)
    basket["match"] = basket["match"].fillna("unmatched")
    return basket.sort_values([*_LIST, "hs6", "hs2017"], ignore_index=True)


def listed_fractions(basket: pd.DataFrame) -> pd.DataFrame:
    """Listed share of each HS2017 code, per list and tier.

    Returns
    -------
    DataFrame
        ``list_name, tier, hs2017, fraction, is_whole``; ``fraction`` in [0, 1] (equal
        shares can overshoot 1 by a rounding error, which is clipped); ``is_whole`` when
        the whole code is listed. Codes linked only with weight 0 have fraction 0.

    Examples
    --------
    >>> basket = pd.DataFrame({"list_name": "x", "tier": "all", "hs6": ["854151", "854159"],
    ...                        "hs2017": "854150", "weight": [0.5, 0.5]})
    >>> listed_fractions(basket)[["hs2017", "fraction", "is_whole"]].values.tolist()
    [['854150', 1.0, True]]
    """
    linked = basket.dropna(subset=["hs2017"])
    fractions = linked.groupby([*_LIST, "hs2017"])["weight"].sum().clip(upper=1.0)
    frame = fractions.rename("fraction").reset_index()
    frame["is_whole"] = frame["fraction"] > 1 - 1e-9
    return frame


def _per_code(basket: pd.DataFrame) -> pd.DataFrame:
    """Per list, tier and code: its match, and flags for carved-out, split and unmatched."""
    per_code = basket.groupby([*_LIST, "hs6"]).agg(match=("match", "first"),
                                                    weight=("weight", "sum"))
    per_code["carved_out_only"] = (per_code["match"] != "unmatched") & (per_code["weight"] == 0)
    per_code["shared"] = (per_code["match"] == "split") & (per_code["weight"] > 0)
    return per_code


def match_summary(lists: pd.DataFrame, concordance: pd.DataFrame) -> pd.DataFrame:
    """How many list codes map to HS2017 exactly, merged, split or not at all.

    Returns
    -------
    DataFrame
        ``list_name, tier, n_codes, exact, merged, split, unmatched, carved_out_only``
        (codes whose every link has weight 0: they count only in the upper bound).

    Examples
    --------
    >>> lists = pd.DataFrame({"list_name": "x", "tier": "T1", "hs6": ["111111", "222222"],
    ...                       "hs_revision": "HS2022"})
    >>> concordance = pd.DataFrame({"hs2022": ["111111"], "hs2017": ["111111"],
    ...                             "weight": [1.0], "match": ["exact"]})
    >>> row = match_summary(lists, concordance).loc[0, ["n_codes", "exact", "unmatched"]]
    >>> [int(v) for v in row]
    [2, 1, 1]
    """
    per_code = _per_code(list_baskets(lists, concordance))
    counts = pd.crosstab([per_code.index.get_level_values(0),
                          per_code.index.get_level_values(1)], per_code["match"])
    counts = counts.reindex(columns=_MATCHES, fill_value=0)
    counts.index.names = _LIST
    counts.insert(0, "n_codes", counts.sum(axis=1))
    counts["carved_out_only"] = per_code.groupby(level=_LIST)["carved_out_only"].sum()
    return counts.reset_index().rename_axis(columns=None)


def _pair_flows(trade: pd.DataFrame, exporter: str, importer: str) -> pd.DataFrame:
    rows = trade[(trade["exporter_iso3"] == exporter) & (trade["importer_iso3"] == importer)]
    if rows.empty:
        raise ValueError(f"no rows from exporter {exporter!r} to importer {importer!r} in "
                         f"`trade`; pass {names.BACI} (BACI here holds "
                         "CHN-RUS and RUS-CHN only)")
    return rows[["year", "hs6", "value_usd"]].rename(columns={"hs6": "hs2017"})


def listed_code_values(flows: pd.DataFrame, basket: pd.DataFrame) -> pd.DataFrame:
    """Value allocated to each list code, per year.

    Parameters
    ----------
    flows : DataFrame
        ``year, hs2017, value_usd`` of one pair.
    basket : DataFrame
        From :func:`list_baskets`.

    Returns
    -------
    DataFrame
        ``list_name, tier, hs6, year, value_usd``; per list, tier and year the codes sum
        to the listed value.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021, "hs2017": ["852580"], "value_usd": [100.0]})
    >>> basket = pd.DataFrame({"list_name": "x", "tier": "T1", "hs6": ["852589"],
    ...                        "hs2017": ["852580"], "weight": [0.25]})
    >>> listed_code_values(flows, basket)["value_usd"].tolist()
    [25.0]
    """
    linked = basket[basket["weight"] > 0]
    merged = linked.merge(flows, on="hs2017")
    merged["value_usd"] = merged["value_usd"] * merged["weight"]
    return merged.groupby([*_LIST, "hs6", "year"], as_index=False)["value_usd"].sum()


def top_listed_codes(trade: pd.DataFrame, lists: pd.DataFrame, concordance: pd.DataFrame,
                     *, exporter: str, importer: str, n: int = 5) -> pd.DataFrame:
    """The ``n`` list codes with the largest allocated value, per list, tier and year.

    Returns
    -------
    DataFrame
        ``list_name, tier, year, rank, hs6, value_usd, share`` (of the listed value).

    Examples
    --------
    >>> top = top_listed_codes(baci, lists, concordance, exporter="CHN",
    ...                        importer="RUS")  # doctest: +SKIP
    """
    return _rank_codes(listed_code_values(_pair_flows(trade, exporter, importer),
                                          list_baskets(lists, concordance)), n)


def _rank_codes(values: pd.DataFrame, n: int) -> pd.DataFrame:
    values = values[values["value_usd"] > 0].copy()
    keys = [*_LIST, "year"]
    values["share"] = values["value_usd"] / values.groupby(keys)["value_usd"].transform("sum")
    values = values.sort_values([*keys, "value_usd", "hs6"], ascending=[True] * 3 + [False, True])
    values["rank"] = values.groupby(keys).cumcount() + 1
    top = values[values["rank"] <= n]
    return top[[*keys, "rank", "hs6", "value_usd", "share"]].reset_index(drop=True)


def _top_text(top: pd.DataFrame) -> pd.Series:
    if top.empty:
        return pd.Series(dtype=object, name="top_hs6", index=pd.MultiIndex.from_tuples(
            [], names=[*_LIST, "year"]))
    text = top["hs6"] + " " + (100 * top["share"]).round(1).map("{:.1f}%".format)
    return text.groupby([top[c] for c in [*_LIST, "year"]]).agg("; ".join).rename("top_hs6")


def _importer_listed(imports: pd.DataFrame, fractions: pd.DataFrame) -> pd.Series:
    merged = fractions.merge(imports.rename(columns={"hs6": "hs2017"}), on="hs2017")
    merged["value_usd"] = merged["value_usd"] * merged["fraction"]
    return merged.groupby([*_LIST, "year"])["value_usd"].sum()


def screen_listed_trade(
    trade: pd.DataFrame,
    lists: pd.DataFrame,
    concordance: pd.DataFrame,
    *,
    exporter: str,
    importer: str,
    base_year: int = 2021,
    importer_imports: pd.DataFrame | None = None,
    n_top: int = 5,
) -> pd.DataFrame:
    """Value and shares of an exporter's sales to an importer in listed goods, per year.

    Parameters
    ----------
    trade : DataFrame
        ``year, exporter_iso3, importer_iso3, hs6, value_usd``, HS6 in HS2017
        (``core_baci__yearly_product_trade``).
    lists, concordance : DataFrame
        ``core_sanctions__hs_lists`` and ``core_hs__concordance_hs2022_hs2017``.
    exporter, importer : str
        ISO3 codes of the pair.
    base_year : int
        Year ``growth`` is measured from.
    importer_imports : DataFrame, optional
        ``year, hs6, value_usd``: the importer's imports from all partners (HS2017). Without
        it ``importer_share`` is NaN and ``importer_share_reason`` says why.
    n_top : int
        Codes named in ``top_hs6``.

    Returns
    -------
    DataFrame
        One row per list, tier (with ``all``) and year: ``exporter_iso3, importer_iso3,
        list_name, list_version, tier, year, n_codes, value_usd, value_lower_usd,
        value_upper_usd, total_usd, share, importer_share, importer_share_reason,
        base_year, growth, top_hs6, caveat``.

    Raises
    ------
    ValueError
        If ``trade`` has no rows for the pair.

    Examples
    --------
    >>> trade = pd.DataFrame({"year": [2021, 2021, 2023], "exporter_iso3": "CHN",
    ...                       "importer_iso3": "RUS", "hs6": ["854231", "940360", "854231"],
    ...                       "value_usd": [30.0, 70.0, 60.0]})
    >>> lists = pd.DataFrame({"list_name": "chpl", "list_version": "2024-02-23",
    ...                       "tier": "Tier 1", "hs6": ["854231"], "hs_revision": "HS2022"})
    >>> concordance = pd.DataFrame({"hs2022": ["854231", "940360"],
    ...                             "hs2017": ["854231", "940360"], "weight": 1.0,
    ...                             "match": "exact"})
    >>> out = screen_listed_trade(trade, lists, concordance, exporter="CHN", importer="RUS")
    >>> tier1 = out[out.tier == "Tier 1"].set_index("year")
    >>> tier1[["value_usd", "share", "growth"]].values.tolist()
    [[30.0, 0.3, 0.0], [60.0, 1.0, 1.0]]
    """
    flows = _pair_flows(trade, exporter, importer)
    basket = list_baskets(lists, concordance)
    fractions = listed_fractions(basket)
    keys = [*_LIST, "year"]
    valued = fractions.merge(flows, on="hs2017")
    central = (valued["fraction"] * valued["value_usd"]).groupby(
        [valued[k] for k in keys]).sum()
    lower = valued[valued["is_whole"]].groupby(keys)["value_usd"].sum()
    upper = fractions[[*_LIST, "hs2017"]].merge(flows, on="hs2017").groupby(keys)[
        "value_usd"].sum()
    years = sorted(flows["year"].unique())
    combos = basket[_LIST].drop_duplicates()
    grid = combos.merge(pd.DataFrame({"year": years}), how="cross").set_index(keys)
    out = grid.assign(value_usd=central, value_lower_usd=lower,
                      value_upper_usd=upper).fillna(0.0).reset_index()
    out["total_usd"] = out["year"].map(flows.groupby("year")["value_usd"].sum())
    out["share"] = out["value_usd"] / out["total_usd"]
    out = _with_importer_share(out, fractions, importer_imports, exporter, importer)
    base = out[out["year"] == base_year].set_index(_LIST)["value_usd"]
    base_value = pd.MultiIndex.from_frame(out[_LIST]).map(base.to_dict().get)
    base_value = pd.Series(base_value, index=out.index, dtype="float64")
    out["base_year"] = base_year
    out["growth"] = out["value_usd"] / base_value.where(base_value > 0) - 1
    top = _top_text(_rank_codes(listed_code_values(flows, basket), n_top))
    out = out.join(top, on=keys)
    out["top_hs6"] = out["top_hs6"].fillna("")
    out["n_codes"] = out.set_index(_LIST).index.map(basket.groupby(_LIST)["hs6"].nunique())
    breaks = _break_caveats(fractions, concordance, flows[flows["year"] == base_year])
    texts = {k: "; ".join(t for t in (v, breaks.get(k, "")) if t)
             for k, v in _caveats(basket).items()}
    out["caveat"] = out.set_index(_LIST).index.map(texts).fillna("")
    versions = lists.drop_duplicates("list_name").set_index("list_name")["list_version"]
    out["list_version"] = out["list_name"].map(versions)
    out["exporter_iso3"], out["importer_iso3"] = exporter, importer
    return out[["exporter_iso3", "importer_iso3", "list_name", "list_version", "tier", "year",
                "n_codes", "value_usd", "value_lower_usd", "value_upper_usd", "total_usd",
                "share", "importer_share", "importer_share_reason", "base_year", "growth",
                "top_hs6", "caveat"]]


def _with_importer_share(out: pd.DataFrame, fractions: pd.DataFrame,
                         imports: pd.DataFrame | None, exporter: str,
                         importer: str) -> pd.DataFrame:
    if imports is None:
        return out.assign(importer_share=float("nan"), importer_share_reason=(
            f"needs {importer}'s imports of listed goods from all partners; the product "
            f"data here (BACI) hold only {exporter}-{importer} flows"))
    listed = _importer_listed(imports, fractions)
    denominator = out.set_index([*_LIST, "year"]).index.map(listed.to_dict().get)
    denominator = pd.Series(denominator, index=out.index, dtype="float64")
    return out.assign(importer_share=out["value_usd"] / denominator.where(denominator > 0),
                      importer_share_reason="")


def _caveats(basket: pd.DataFrame) -> dict[tuple[str, str], str]:
    counts = _per_code(basket).assign(
        unmatched=lambda f: f["match"] == "unmatched")[
        ["carved_out_only", "shared", "unmatched"]].groupby(level=_LIST).sum()
    phrases = {"carved_out_only": "code(s) carved out of another HS2017 code count only in "
               "value_upper_usd",
               "shared": "code(s) take an equal share of a split HS2017 code",
               "unmatched": "code(s) unmatched in HS2017"}
    return {key: "; ".join(f"{row[c]} {text}" for c, text in phrases.items() if row[c])
            for key, row in counts.iterrows()}


def _break_caveats(fractions: pd.DataFrame, concordance: pd.DataFrame,
                   base: pd.DataFrame) -> dict[tuple[str, str], str]:
    """Per list and tier: listed HS2017 codes whose content partly moved elsewhere in 2022."""
    if "hs2017_lost_to" not in concordance:
        return {}
    lost = concordance[["hs2017", "hs2017_lost_to"]].dropna().drop_duplicates("hs2017")
    lost = lost.assign(heading=lost["hs2017_lost_to"].str.split(";")).explode("heading")
    lost = lost[~lost["heading"].isin(["", WASTE_HEADING])]
    headings = lost.groupby("hs2017")["heading"].agg("/".join).rename("lost")
    listed = fractions[fractions["fraction"] > 0].join(headings, on="hs2017", how="inner")
    listed["base_usd"] = listed["hs2017"].map(base.set_index("hs2017")["value_usd"]).fillna(0)
    texts: dict[tuple[str, str], str] = {}
    for key, group in listed.sort_values("base_usd", ascending=False).groupby(_LIST):
        largest = ", ".join(group["hs2017"].head(3) + " (to " + group["lost"].head(3) + ")")
        texts[key] = (f"2022 reclassification: UNSD links {len(group)} listed HS2017 code(s) "
                      f"to other HS2022 headings that took part of their content (largest "
                      f"in the base year: {largest}); 2021-2022 changes may be partly "
                      "reclassification")
    return texts


def chpl_by_tier(listed_trade: pd.DataFrame, *, exporter: str = "CHN",
                 importer: str = "RUS") -> pd.DataFrame:
    """CHPL-listed trade of a pair by tier and year, ready for a stacked chart.

    Parameters
    ----------
    listed_trade : DataFrame
        ``out_sanctions__yearly_listed_trade`` (or :func:`screen_listed_trade` output).
    exporter, importer : str
        The pair.

    Returns
    -------
    DataFrame
        ``year, tier, value_usd, value_lower_usd, value_upper_usd, share``, tiers in list
        order (Tier 1 first), without the ``all`` total.

    Examples
    --------
    >>> import econ
    >>> tiers = chpl_by_tier(econ.load("out_sanctions__yearly_listed_trade"))  # doctest: +SKIP
    >>> tiers.pivot(index="year", columns="tier", values="value_usd")  # doctest: +SKIP
    """
    rows = listed_trade[(listed_trade["list_name"] == "chpl")
                        & (listed_trade["exporter_iso3"] == exporter)
                        & (listed_trade["importer_iso3"] == importer)
                        & (listed_trade["tier"] != ALL_TIERS)]
    if rows.empty:
        raise ValueError(f"no CHPL rows for {exporter}->{importer} in `listed_trade`; pass "
                         f"{names.LISTED_TRADE}")
    columns = ["year", "tier", "value_usd", "value_lower_usd", "value_upper_usd", "share"]
    return rows.sort_values(["year", "tier"])[columns].reset_index(drop=True)
