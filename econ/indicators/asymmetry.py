"""Asymmetric dependence between two economies: Hirschman and Barbieri (1996).

Both take one *share* per ordered pair: :math:`s_{AB}`, partner B's share of reporter A's
trade, read as **A's dependence on B**. The reverse share :math:`s_{BA}` is B's dependence
on A. Which trade the share is of is the caller's choice, made when the shares are
computed, and it defines the indicator:

* **total trade** (exports + imports), the definition of Barbieri (1996) and the default
  reading everywhere in ``econ``: :math:`s_{AB} = (X_{AB} + M_{AB}) / (X_A + M_A)`;
* **imports** (supply dependence: :math:`M_{AB} / M_A`) or **exports** (market
  dependence: :math:`X_{AB} / X_A`), the two halves Hirschman (1945) discusses.

Name the basis next to the numbers (the ``basis`` column of the out tables).

References
----------
Hirschman, A. O. (1945). *National Power and the Structure of Foreign Trade*. Berkeley:
University of California Press.
Barbieri, K. (1996). "Economic Interdependence: A Path to Peace or a Source of Interstate
Conflict?" *Journal of Peace Research* 33(1): 29-49.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from econ.indicators._checks import caveat, check_frame, check_shares, divide

__all__ = ["asymmetric_dependence", "barbieri_interdependence"]

_PAIR = ["reporter_iso3", "partner_iso3"]


def _pair_shares(shares: pd.DataFrame, by: Sequence[str], share: str) -> pd.DataFrame:
    """Each ordered pair with its share ``s_ab`` and the reverse share ``s_ba``."""
    keys = [*by, *_PAIR]
    check_frame(shares, argument="shares", keys=keys, values=[share])
    check_shares(shares, share, argument="shares", keys=keys)
    dup = shares.duplicated(keys)
    if dup.any():
        first = shares.loc[dup, keys].iloc[0].to_dict()
        raise ValueError(f"argument 'shares': keys {keys} must be unique, found "
                         f"{int(dup.sum())} duplicate row(s), first {first}. Pass one share "
                         "basis (total, imports or exports) at a time.")
    left = shares[[*keys, share]].rename(columns={share: "s_ab"})
    right = left.rename(columns={"reporter_iso3": "partner_iso3",
                                 "partner_iso3": "reporter_iso3", "s_ab": "s_ba"})
    pairs = left.merge(right, on=keys, how="left")
    lacking = pairs["s_ab"].isna() | pairs["s_ba"].isna()
    if lacking.any():
        first = pairs.loc[lacking, keys].iloc[0].to_dict()
        caveat(f"{int(lacking.sum())} pair(s) lack one side's share (no reverse row, or a "
               f"missing value), first {first}; their indicators are NaN")
    return pairs.sort_values(keys).reset_index(drop=True)


def asymmetric_dependence(shares: pd.DataFrame, *, by: Sequence[str] = ("year",),
                          share: str = "share") -> pd.DataFrame:
    r"""Hirschman asymmetric dependence: difference and ratio of the two sides' shares.

    For an ordered pair (A, B) with :math:`s_{AB}` = B's share of A's trade (A's
    dependence on B) and :math:`s_{BA}` = A's share of B's trade:

    .. math::

        D_{AB} = s_{AB} - s_{BA} \in [-1, 1], \qquad R_{AB} = s_{AB} / s_{BA}.

    :math:`D_{AB} > 0` (:math:`R_{AB} > 1`) means A depends more on B than B on A.

    Parameters
    ----------
    shares : DataFrame
        ``by`` columns, ``reporter_iso3`` (A), ``partner_iso3`` (B) and ``share``: the
        partner's share of the reporter's **total trade** (exports + imports) for the
        Barbieri-Hirschman reading, or of its imports or exports for the one-sided
        variants. Both directions of a pair must be present.
    by : sequence of str, default ("year",)
        Keys besides the pair.
    share : str, default "share"
        Column holding the shares (fractions in [0, 1]).

    Returns
    -------
    DataFrame
        ``by``, ``reporter_iso3``, ``partner_iso3``, ``dependence`` (:math:`s_{AB}`),
        ``partner_dependence`` (:math:`s_{BA}`), ``hirschman_difference``
        (:math:`D_{AB}`), ``hirschman_ratio`` (:math:`R_{AB}`). One row per input row.

    Warns
    -----
    DataCaveatWarning
        A pair without the reverse share gets NaN; a zero :math:`s_{BA}` gives a NaN
        ratio (never inf).

    References
    ----------
    Hirschman, A. O. (1945). *National Power and the Structure of Foreign Trade*.

    Examples
    --------
    >>> shares = pd.DataFrame({"year": 2021, "reporter_iso3": ["RUS", "CHN"],
    ...                        "partner_iso3": ["CHN", "RUS"], "share": [0.18, 0.02]})
    >>> asymmetric_dependence(shares)[["reporter_iso3", "hirschman_difference",
    ...                                "hirschman_ratio"]]
      reporter_iso3  hirschman_difference  hirschman_ratio
    0           CHN                 -0.16         0.111111
    1           RUS                  0.16         9.000000
    """
    pairs = _pair_shares(shares, list(by), share)
    ratio = divide(pairs["s_ab"], pairs["s_ba"],
                   what="Hirschman ratio: the partner's dependence s_BA")
    return pairs.assign(hirschman_difference=pairs["s_ab"] - pairs["s_ba"],
                        hirschman_ratio=ratio).rename(
        columns={"s_ab": "dependence", "s_ba": "partner_dependence"})


def barbieri_interdependence(shares: pd.DataFrame, *, by: Sequence[str] = ("year",),
                             share: str = "share") -> pd.DataFrame:
    r"""Barbieri (1996) salience, symmetry and interdependence of a pair.

    With :math:`s_{AB} = (X_{AB} + M_{AB}) / (X_A + M_A)`, the partner's share of A's
    **total trade** (exports + imports), as Barbieri defines "trade share":

    .. math::

        \text{salience} = \sqrt{s_{AB}\, s_{BA}}, \quad
        \text{symmetry} = 1 - |s_{AB} - s_{BA}|, \quad
        \text{interdependence} = \text{salience} \times \text{symmetry},

    all in [0, 1] and the same for (A, B) and (B, A).

    Parameters
    ----------
    shares : DataFrame
        ``by``, ``reporter_iso3``, ``partner_iso3`` and ``share`` (total-trade shares for
        Barbieri's measures; import or export shares give the one-sided variants).
    by : sequence of str, default ("year",)
        Keys besides the pair.
    share : str, default "share"
        Column holding the shares.

    Returns
    -------
    DataFrame
        ``by``, ``reporter_iso3``, ``partner_iso3``, ``salience``, ``symmetry``,
        ``interdependence``; one row per input row.

    Warns
    -----
    DataCaveatWarning
        A pair without the reverse share gets NaN.

    References
    ----------
    Barbieri, K. (1996). "Economic Interdependence: A Path to Peace or a Source of
    Interstate Conflict?" *Journal of Peace Research* 33(1): 29-49.

    Examples
    --------
    >>> shares = pd.DataFrame({"year": 2021, "reporter_iso3": ["RUS", "CHN"],
    ...                        "partner_iso3": ["CHN", "RUS"], "share": [0.18, 0.02]})
    >>> barbieri_interdependence(shares).round(4)
       year reporter_iso3 partner_iso3  salience  symmetry  interdependence
    0  2021           CHN          RUS      0.06      0.84           0.0504
    1  2021           RUS          CHN      0.06      0.84           0.0504
    """
    pairs = _pair_shares(shares, list(by), share)
    salience = np.sqrt(pairs["s_ab"] * pairs["s_ba"])
    symmetry = 1 - (pairs["s_ab"] - pairs["s_ba"]).abs()
    return pairs.drop(columns=["s_ab", "s_ba"]).assign(
        salience=salience, symmetry=symmetry, interdependence=salience * symmetry)
