r"""Intra-industry trade: Grubel–Lloyd per product and aggregate, with Aquino's correction.

For product :math:`k` with exports :math:`X_k` and imports :math:`M_k` (of a reporter,
to and from one partner or the world):

.. math:: GL_k = 1 - \frac{|X_k - M_k|}{X_k + M_k} \in [0, 1],

1 when the product is traded both ways in equal amounts, 0 when it only goes one way.
The aggregate over products is the trade-weighted mean,

.. math:: GL = \sum_k \frac{X_k + M_k}{\sum_l (X_l + M_l)} GL_k
             = 1 - \frac{\sum_k |X_k - M_k|}{\sum_k (X_k + M_k)},

which is biased down when overall trade is unbalanced (a country that exports twice
what it imports cannot have :math:`GL = 1`). Aquino (1978) removes that bias by first
scaling exports and imports product by product so that both sum to the mean of the
two totals,

.. math::

    X^e_k = X_k \frac{\sum_l (X_l + M_l)}{2 \sum_l X_l}, \qquad
    M^e_k = M_k \frac{\sum_l (X_l + M_l)}{2 \sum_l M_l}, \qquad
    Q = 1 - \frac{\sum_k |X^e_k - M^e_k|}{\sum_k (X_k + M_k)}.

References
----------
Grubel, H. G. and Lloyd, P. J. (1975). *Intra-Industry Trade: The Theory and
Measurement of International Trade in Differentiated Products*. London: Macmillan.
Aquino, A. (1978). "Intra-industry trade and inter-industry specialization as concurrent
sources of international trade in manufactures." *Weltwirtschaftliches Archiv* 114(2):
275-296.
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

__all__ = ["grubel_lloyd", "grubel_lloyd_aggregate"]


def _products(trade: pd.DataFrame, keys: list[str], exports: str,
              imports: str) -> pd.DataFrame:
    check_frame(trade, argument="trade", keys=keys, values=[exports, imports])
    summed = sum_by(trade, keys, [exports, imports])
    missing = summed[[exports, imports]].isna().any(axis=1)
    if missing.any():
        first = summed.loc[missing, keys].iloc[0].to_dict()
        caveat(f"Grubel-Lloyd: {int(missing.sum())} product row(s) have a missing export or "
               f"import value, first {first}; their index is NaN")
    return summed


def grubel_lloyd(trade: pd.DataFrame, *, by: Sequence[str] = ("year",), product: str = "hs6",
                 exports: str = "exports_usd", imports: str = "imports_usd") -> pd.DataFrame:
    """Grubel–Lloyd index of intra-industry trade, per product.

    .. math:: GL_k = 1 - |X_k - M_k| / (X_k + M_k)

    Parameters
    ----------
    trade : DataFrame
        ``by`` columns, ``product``, and the reporter's ``exports`` and ``imports`` of the
        product (>= 0, same currency). Rows with the same keys are added up first.
    by : sequence of str, default ("year",)
        Keys besides the product (add ``reporter_iso3``, ``partner_iso3`` for many pairs).
    product : str, default "hs6"
        Product column.
    exports, imports : str, default "exports_usd", "imports_usd"
        Value columns.

    Returns
    -------
    DataFrame
        ``by``, ``product``, ``grubel_lloyd`` in [0, 1].

    Warns
    -----
    DataCaveatWarning
        A product with no trade either way (:math:`X_k + M_k = 0`), or a missing value,
        gets NaN.

    References
    ----------
    Grubel, H. G. and Lloyd, P. J. (1975). *Intra-Industry Trade*. Macmillan.

    Examples
    --------
    >>> trade = pd.DataFrame({"year": 2021, "hs6": ["870323", "270900"],
    ...                       "exports_usd": [300.0, 0.0], "imports_usd": [200.0, 50.0]})
    >>> grubel_lloyd(trade)
       year     hs6  grubel_lloyd
    0  2021  270900           0.0
    1  2021  870323           0.8
    """
    keys = [*by, product]
    summed = _products(trade, keys, exports, imports)
    x, m = summed[exports], summed[imports]
    index = 1 - divide((x - m).abs(), x + m,
                       what="Grubel-Lloyd: a product's two-way trade X + M")
    return summed[keys].assign(grubel_lloyd=np.clip(index, 0.0, 1.0))  # clip: rounding


def grubel_lloyd_aggregate(trade: pd.DataFrame, *, by: Sequence[str] = ("year",),
                           product: str = "hs6", exports: str = "exports_usd",
                           imports: str = "imports_usd") -> pd.DataFrame:
    r"""Trade-weighted Grubel–Lloyd index over products, plain and Aquino-corrected.

    .. math::

        GL = 1 - \frac{\sum_k |X_k - M_k|}{\sum_k (X_k + M_k)}, \qquad
        Q = 1 - \frac{\sum_k |X^e_k - M^e_k|}{\sum_k (X_k + M_k)},

    where :math:`X^e_k = X_k \bar T / \sum X`, :math:`M^e_k = M_k \bar T / \sum M` and
    :math:`\bar T = \sum_k (X_k + M_k) / 2` (Aquino 1978): each side is rescaled to the
    mean of the two totals, removing the bias from an overall trade imbalance.

    Parameters
    ----------
    trade : DataFrame
        ``by`` columns, ``product``, ``exports`` and ``imports`` (>= 0).
    by : sequence of str, default ("year",)
        One aggregate per group.
    product : str, default "hs6"
        Product column (rows with the same product are added up first).
    exports, imports : str, default "exports_usd", "imports_usd"
        Value columns.

    Returns
    -------
    DataFrame
        ``by``, ``grubel_lloyd`` and ``grubel_lloyd_aquino``, both in [0, 1]; they are
        equal when total exports equal total imports.

    Warns
    -----
    DataCaveatWarning
        A group with no trade, or with no exports or no imports at all (Aquino's scaling
        divides by the total of each side), or with a missing value, gets NaN.

    References
    ----------
    Grubel and Lloyd (1975); Aquino, A. (1978). *Weltwirtschaftliches Archiv* 114(2):
    275-296.

    Examples
    --------
    >>> trade = pd.DataFrame({"year": 2021, "hs6": ["A", "B"],
    ...                       "exports_usd": [30.0, 10.0], "imports_usd": [10.0, 10.0]})
    >>> grubel_lloyd_aggregate(trade).round(4)
       year  grubel_lloyd  grubel_lloyd_aquino
    0  2021        0.6667                 0.75
    """
    frame, keys = group_keys(trade, by)
    summed = _products(frame, [*keys, product], exports, imports)
    x, m = summed[exports], summed[imports]
    parts = summed[keys].assign(_x=x, _m=m, _t=x + m, _gap=(x - m).abs())
    totals = sum_by(parts, keys, ["_x", "_m", "_t", "_gap"])
    traded = totals["_t"] > 0
    plain = 1 - divide(totals["_gap"], totals["_t"],
                       what="Grubel-Lloyd aggregate: a group's total trade X + M")
    # Aquino: scale each side to the mean of the two totals (only where there is trade,
    # so that a group without any trade is reported once, above)
    half = totals["_t"] / 2
    scales = totals[keys].assign(
        _ax=divide(half, totals["_x"].where(traded),
                   what="Aquino correction: a group's total exports"),
        _am=divide(half, totals["_m"].where(traded),
                   what="Aquino correction: a group's total imports"))
    parts = parts.merge(scales, on=keys, how="left")
    parts["_gap_e"] = (parts["_x"] * parts["_ax"] - parts["_m"] * parts["_am"]).abs()
    gap_e = sum_by(parts, keys, ["_gap_e"])["_gap_e"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        aquino = np.where(traded, 1 - gap_e / totals["_t"].to_numpy(), np.nan)
    out = totals[keys].assign(grubel_lloyd=np.clip(plain, 0.0, 1.0),  # clip: rounding
                              grubel_lloyd_aquino=np.clip(aquino, 0.0, 1.0))
    return drop_group_keys(out)
