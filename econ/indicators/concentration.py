r"""Herfindahl–Hirschman concentration of trade over partners or products.

The Herfindahl–Hirschman index of a group (a reporter's imports in a year, say) is the
sum of the squared shares of its units (partners, or products):

.. math:: H = \sum_{k=1}^{n} s_k^2, \qquad s_k = v_k / \sum_l v_l,

which lies in :math:`[1/n, 1]`: :math:`1/n` when the :math:`n` units have equal shares,
1 when one unit has it all. The normalised index rescales it to :math:`[0, 1]` so that
groups with different numbers of units compare:

.. math:: H^* = \frac{H - 1/n}{1 - 1/n}.

References
----------
Hirschman, A. O. (1945). *National Power and the Structure of Foreign Trade*. University
of California Press (the index over trading partners). Herfindahl, O. C. (1950).
*Concentration in the Steel Industry*. PhD thesis, Columbia University. U.S. Department
of Justice, Antitrust Division, "Herfindahl-Hirschman Index" (shares in percent, so the
index runs to 10,000; here shares are fractions and it runs to 1).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from econ.indicators._checks import caveat, check_frame, drop_group_keys, group_keys, sum_by

__all__ = ["compute_hhi"]


def compute_hhi(frame: pd.DataFrame, *, by: Sequence[str] = ("year", "reporter_iso3"),
                over: str = "partner_iso3", value: str = "value_usd") -> pd.DataFrame:
    r"""Herfindahl–Hirschman index of ``value`` over ``over``, per group of ``by``.

    Rows with the same ``by`` keys and ``over`` unit are added up first, so the HHI over
    partners can be computed from product-level rows (``over="exporter_iso3"`` on BACI)
    and the HHI over products from partner-level rows (``over="hs6"``).

    Parameters
    ----------
    frame : DataFrame
        Tidy trade values: the ``by`` columns, ``over`` and ``value`` (>= 0).
    by : sequence of str, default ("year", "reporter_iso3")
        Group keys; one index per group. Empty: one index over the whole frame.
    over : str, default "partner_iso3"
        The units whose shares are squared (partners or products).
    value : str, default "value_usd"
        Trade values; any currency (the index is invariant to scaling).

    Returns
    -------
    DataFrame
        The ``by`` columns, then ``hhi`` (:math:`\sum s_k^2`, in [1/n, 1]),
        ``hhi_normalised`` (:math:`(H - 1/n)/(1 - 1/n)`, in [0, 1]) and ``n`` (units with
        a positive value; units with zero trade carry no share and are not counted).

    Warns
    -----
    DataCaveatWarning
        A group with a missing value, or whose values are all zero, gets NaN for both
        indices; a group with a single unit gets ``hhi`` 1 and ``hhi_normalised`` NaN
        (0/0: concentration is total but there is nothing to normalise against).

    Raises
    ------
    ValueError
        Missing columns, an empty frame, or a negative value (named by its row).

    References
    ----------
    Hirschman (1945); Herfindahl (1950); U.S. DOJ Antitrust Division, "Herfindahl-Hirschman
    Index": four firms with 30, 30, 20 and 20 percent give 2,600 (0.26 here).

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2020, "reporter_iso3": "RUS",
    ...                       "partner_iso3": ["CHN", "DEU", "USA", "KAZ"],
    ...                       "value_usd": [30.0, 30.0, 20.0, 20.0]})
    >>> compute_hhi(flows)
       year reporter_iso3   hhi  hhi_normalised  n
    0  2020           RUS  0.26        0.013333  4
    """
    check_frame(frame, argument="frame", keys=[*by, over], values=[value])
    if over in by:
        raise ValueError(f"argument 'over': '{over}' is also a group key in 'by' {list(by)}; "
                         "the HHI needs several units per group")
    frame, keys = group_keys(frame, by)
    units = sum_by(frame, [*keys, over], [value])
    total = units.groupby(keys, sort=False)[value].transform("sum")
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = units[value] / total  # 0/0 in an all-zero group: caught below
    units = units.assign(_sq=shares**2, _pos=units[value] > 0, _nan=units[value].isna())
    groups = units.groupby(keys, sort=True).agg(hhi=("_sq", "sum"), n=("_pos", "sum"),
                                                 _nan=("_nan", "any"), _any=("_sq", "count"))
    zero = (groups["_any"] == 0) & ~groups["_nan"]
    unusable = groups["_nan"] | zero
    if groups["_nan"].any():
        caveat(f"HHI: {int(groups['_nan'].sum())} group(s) have a missing value; "
               "their HHI is NaN")
    if zero.any():
        caveat(f"HHI: {int(zero.sum())} group(s) have zero total trade; their HHI is NaN")
    hhi = groups["hhi"].mask(unusable).clip(upper=1.0)  # clip: float rounding only
    n = groups["n"].astype("int64")
    if (~unusable & (n == 1)).any():
        caveat(f"HHI: {int((~unusable & (n == 1)).sum())} group(s) have a single unit; "
               "their normalised HHI (H - 1/n)/(1 - 1/n) is 0/0 and set to NaN")
    with np.errstate(divide="ignore", invalid="ignore"):
        normalised = ((hhi - 1 / n) / (1 - 1 / n)).where(n >= 2).clip(0.0, 1.0)
    return drop_group_keys(
        pd.DataFrame({"hhi": hhi, "hhi_normalised": normalised, "n": n}).reset_index())
