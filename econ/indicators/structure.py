r"""Trade structure: revealed comparative advantage, complementarity, export similarity.

Each works on product-level flows (``exporter_iso3``, ``importer_iso3``, ``hs6``,
``value_usd``, e.g. BACI) and the product shares formed from them: a country's
share of product :math:`k` in its exports, :math:`x^i_k = X_{ik} / \sum_l X_{il}`, or in
its imports, :math:`m^j_k = M_{jk} / \sum_l M_{jl}`. World totals are sums over the flows
passed in, so pass every exporter for the RCA and the complementarity index.

References
----------
Balassa, B. (1965). "Trade liberalisation and 'revealed' comparative advantage." *The
Manchester School* 33(2): 99-123.
Dalum, B., Laursen, K. and Villumsen, G. (1998). "Structural change in OECD export
specialisation patterns: de-specialisation and 'stickiness'." *International Review of
Applied Economics* 12(3): 423-443 (the symmetric RCA).
Michaely, M. (1996). "Trade preferential agreements in Latin America: an ex-ante
assessment." World Bank Policy Research Working Paper 1583; World Bank, WITS online
help, "Trade Indicators": trade complementarity index.
Finger, J. M. and Kreinin, M. E. (1979). "A measure of 'export similarity' and its
possible uses." *The Economic Journal* 89(356): 905-912.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from econ.indicators._checks import (
    caveat,
    check_frame,
    divide,
    drop_group_keys,
    group_keys,
    sum_by,
)

__all__ = ["balassa_rca", "export_similarity", "trade_complementarity"]

Pairs = Sequence[tuple[str, str]]


def _product_shares(frame: pd.DataFrame, keys: list[str], country: str, product: str,
                    value: str) -> pd.DataFrame:
    """``keys, country, product, share``: each product's share of the country's total."""
    summed = sum_by(frame, [*keys, country, product], [value])
    totals = sum_by(summed, [*keys, country], [value]).rename(columns={value: "_total"})
    summed = summed.merge(totals, on=[*keys, country])
    share = divide(summed[value], summed["_total"],
                   what=f"product shares: a country's total trade ({country})")
    return summed[[*keys, country, product]].assign(share=share)


def _pair_frame(keys: list[str], left: pd.DataFrame, right: pd.DataFrame,
                pairs: Pairs | None, *, ordered: bool) -> pd.DataFrame:
    """``keys, _a, _b``: the requested pairs, or every pair of countries in each group."""
    if pairs is not None:
        groups = pd.concat([left[keys], right[keys]]).drop_duplicates()
        wanted = pd.DataFrame(list(pairs), columns=["_a", "_b"])
        return groups.merge(wanted, how="cross")
    a = left[[*keys, "_a"]].drop_duplicates()
    b = right[[*keys, "_b"]].drop_duplicates()
    every = a.merge(b, on=keys)
    keep = every["_a"] < every["_b"] if not ordered else every["_a"] != every["_b"]
    return every[keep]


def _overlap(left: pd.DataFrame, right: pd.DataFrame, pairs: pd.DataFrame, keys: list[str],
             product: str, *, what: str) -> pd.Series:
    r""":math:`\sum_k \min(a_k, b_k)` for each pair; NaN where a side has no shares."""
    joined = (pairs.merge(left, on=[*keys, "_a"])
              .merge(right, on=[*keys, "_b", product], suffixes=("_a", "_b")))
    joined["_min"] = np.minimum(joined["share_a"], joined["share_b"])
    overlap = sum_by(joined, [*keys, "_a", "_b"], ["_min"])
    result = pairs.merge(overlap, on=[*keys, "_a", "_b"], how="left")
    has_a = pairs.merge(left[[*keys, "_a"]].drop_duplicates(), on=[*keys, "_a"],
                        how="left", indicator=True)["_merge"].eq("both").to_numpy()
    has_b = pairs.merge(right[[*keys, "_b"]].drop_duplicates(), on=[*keys, "_b"],
                        how="left", indicator=True)["_merge"].eq("both").to_numpy()
    present = has_a & has_b
    if not present.all():
        first = pairs.loc[~present].iloc[0]
        caveat(f"{what}: {int((~present).sum())} pair(s) have no trade on one side, first "
               f"({first['_a']}, {first['_b']}) in {first[keys].to_dict()}; their index "
               "is NaN")
    # both sides traded but no product in common: no overlap at all, a true zero
    return result["_min"].fillna(0.0).where(present)


def balassa_rca(flows: pd.DataFrame, *, by: Sequence[str] = ("year",),
                exporter: str = "exporter_iso3", product: str = "hs6",
                value: str = "value_usd") -> pd.DataFrame:
    r"""Balassa revealed comparative advantage and its symmetric form.

    .. math::

        RCA_{ik} = \frac{X_{ik} / \sum_l X_{il}}{\sum_c X_{ck} / \sum_{c,l} X_{cl}},
        \qquad SRCA_{ik} = \frac{RCA_{ik} - 1}{RCA_{ik} + 1} \in [-1, 1).

    :math:`RCA > 1` (:math:`SRCA > 0`): product k weighs more in i's exports than in the
    world's. The symmetric form (Dalum, Laursen and Villumsen 1998) treats
    specialisation and de-specialisation alike.

    Parameters
    ----------
    flows : DataFrame
        ``by``, ``exporter``, ``product``, ``value`` (>= 0); other columns (the importer)
        are summed over, so pass every exporter's exports to the world.
    by : sequence of str, default ("year",)
        Keys of one world (one per year).
    exporter, product, value : str
        Column names.

    Returns
    -------
    DataFrame
        ``by``, ``exporter``, ``product``, ``rca`` (>= 0), ``rca_symmetric``.

    Warns
    -----
    DataCaveatWarning
        An exporter with no exports, or a product nobody exports, gives NaN.

    References
    ----------
    Balassa (1965), *The Manchester School* 33(2); Dalum, Laursen and Villumsen (1998),
    *International Review of Applied Economics* 12(3).

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021, "exporter_iso3": ["RUS", "RUS", "CHN", "CHN"],
    ...                       "hs6": ["270900", "847130", "270900", "847130"],
    ...                       "value_usd": [80.0, 20.0, 20.0, 180.0]})
    >>> balassa_rca(flows).round(4)
       year exporter_iso3     hs6   rca  rca_symmetric
    0  2021           CHN  270900  0.30        -0.5385
    1  2021           CHN  847130  1.35         0.1489
    2  2021           RUS  270900  2.40         0.4118
    3  2021           RUS  847130  0.30        -0.5385
    """
    check_frame(flows, argument="flows", keys=[*by, exporter, product], values=[value])
    frame, keys = group_keys(flows, by)
    own = _product_shares(frame, keys, exporter, product, value)
    world = _product_shares(frame.assign(_world="world"), keys, "_world", product, value)
    table = own.merge(world.drop(columns="_world"), on=[*keys, product],
                      suffixes=("", "_world"))
    rca = divide(table["share"], table["share_world"],
                 what="RCA: a product's share of world exports")
    out = table[[*keys, exporter, product]].assign(rca=rca, rca_symmetric=(rca - 1) / (rca + 1))
    return drop_group_keys(out.sort_values([*keys, exporter, product]).reset_index(drop=True))


def trade_complementarity(flows: pd.DataFrame, *, by: Sequence[str] = ("year",),
                          pairs: Pairs | None = None, exporter: str = "exporter_iso3",
                          importer: str = "importer_iso3", product: str = "hs6",
                          value: str = "value_usd") -> pd.DataFrame:
    r"""Michaely trade complementarity of exporter i's exports with importer j's imports.

    .. math::

        TC_{ij} = 100 \left(1 - \sum_k \frac{|m^j_k - x^i_k|}{2}\right)
                = 100 \sum_k \min(m^j_k, x^i_k),

    :math:`x^i_k` = share of product k in i's total exports (to the world),
    :math:`m^j_k` = share of k in j's total imports (from the world); the second form is
    the same number, since both share vectors sum to 1. 0 when i exports nothing that j
    imports, 100 when the two structures match exactly (WITS).

    Parameters
    ----------
    flows : DataFrame
        ``by``, ``exporter``, ``importer``, ``product``, ``value`` (>= 0): every flow of
        the countries concerned, so that their totals are complete.
    by : sequence of str, default ("year",)
        Keys of one matrix.
    pairs : sequence of (exporter, importer), optional
        The ordered pairs wanted, in every group; default every exporter with every
        other importer in the group (quadratic in countries: name pairs for BACI).
    exporter, importer, product, value : str
        Column names.

    Returns
    -------
    DataFrame
        ``by``, ``exporter``, ``importer``, ``trade_complementarity`` in [0, 100].

    Warns
    -----
    DataCaveatWarning
        A requested pair whose exporter has no exports or importer no imports in a
        group gets NaN.

    References
    ----------
    Michaely (1996), World Bank Policy Research Working Paper 1583; World Bank WITS
    online help, "Trade Indicators" (trade complementarity index).

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021, "exporter_iso3": ["CHN", "CHN", "RUS", "RUS"],
    ...                       "importer_iso3": ["RUS", "USA", "CHN", "USA"],
    ...                       "hs6": ["847130", "847130", "270900", "847130"],
    ...                       "value_usd": [60.0, 40.0, 75.0, 25.0]})
    >>> trade_complementarity(flows, pairs=[("RUS", "CHN"), ("CHN", "RUS")])
       year exporter_iso3 importer_iso3  trade_complementarity
    0  2021           CHN           RUS                  100.0
    1  2021           RUS           CHN                   75.0
    """
    check_frame(flows, argument="flows", keys=[*by, exporter, importer, product],
                values=[value])
    frame, keys = group_keys(flows, by)
    x = _product_shares(frame, keys, exporter, product, value).rename(columns={exporter: "_a"})
    m = _product_shares(frame, keys, importer, product, value).rename(columns={importer: "_b"})
    wanted = _pair_frame(keys, x, m, pairs, ordered=True)
    index = 100 * _overlap(x, m, wanted, keys, product, what="trade complementarity")
    out = wanted.assign(trade_complementarity=index.to_numpy()).rename(
        columns={"_a": exporter, "_b": importer})
    return drop_group_keys(out.sort_values([*keys, exporter, importer]).reset_index(drop=True))


def export_similarity(flows: pd.DataFrame, *, by: Sequence[str] = ("year",),
                      pairs: Pairs | None = None, market: str | Sequence[str] | None = None,
                      exporter: str = "exporter_iso3", importer: str = "importer_iso3",
                      product: str = "hs6", value: str = "value_usd") -> pd.DataFrame:
    r"""Finger–Kreinin similarity of two exporters' export structures.

    .. math:: S(a, b) = \sum_k \min(x^a_k, x^b_k) \in [0, 1],

    :math:`x^a_k` = share of product k in a's exports to the market (the world, or the
    importers named in ``market``). 1 when a and b export the same mix, 0 when they
    export nothing in common. Finger and Kreinin (1979) multiply by 100; here it is a
    fraction like every share in ``econ``.

    Parameters
    ----------
    flows : DataFrame
        ``by``, ``exporter``, ``importer``, ``product``, ``value`` (>= 0).
    by : sequence of str, default ("year",)
        Keys of one comparison.
    pairs : sequence of (a, b), optional
        Exporter pairs wanted; default every unordered pair (a < b) in each group.
    market : str or sequence of str, optional
        Importer(s) the exports go to (Finger and Kreinin's market c); default the world.
    exporter, importer, product, value : str
        Column names.

    Returns
    -------
    DataFrame
        ``by``, ``reporter_iso3`` (a), ``partner_iso3`` (b), ``export_similarity``.

    Warns
    -----
    DataCaveatWarning
        A requested pair where one exporter sells nothing to the market gets NaN.

    References
    ----------
    Finger, J. M. and Kreinin, M. E. (1979). *The Economic Journal* 89(356): 905-912.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021, "exporter_iso3": ["KAZ", "KAZ", "RUS", "RUS"],
    ...                       "importer_iso3": "CHN", "hs6": ["270900", "260300"] * 2,
    ...                       "value_usd": [70.0, 30.0, 90.0, 10.0]})
    >>> export_similarity(flows, market="CHN")
       year reporter_iso3 partner_iso3  export_similarity
    0  2021           KAZ          RUS                0.8
    """
    check_frame(flows, argument="flows", keys=[*by, exporter, importer, product],
                values=[value])
    if market is not None:
        markets = [market] if isinstance(market, str) else list(market)
        flows = flows[flows[importer].isin(markets)]
        if flows.empty:
            raise ValueError(f"argument 'market': no flows go to {markets}; check the "
                             f"importer codes in column '{importer}'")
    frame, keys = group_keys(flows, by)
    shares = _product_shares(frame, keys, exporter, product, value)
    a = shares.rename(columns={exporter: "_a"})
    b = shares.rename(columns={exporter: "_b"})
    wanted = _pair_frame(keys, a, b, pairs, ordered=False)
    index = _overlap(a, b, wanted, keys, product, what="export similarity")
    out = wanted.assign(export_similarity=index.to_numpy()).rename(
        columns={"_a": "reporter_iso3", "_b": "partner_iso3"})
    return drop_group_keys(
        out.sort_values([*keys, "reporter_iso3", "partner_iso3"]).reset_index(drop=True))
