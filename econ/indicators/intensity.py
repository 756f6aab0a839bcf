r"""Trade intensity: is a pair's trade larger than the partner's weight in world trade?

Export side, reporter :math:`i` selling to partner :math:`j` (ESCAP convention, the
default):

.. math:: I^X_{ij} = \frac{x_{ij} / X_i}{m_j / (M_w - M_i)},

:math:`x_{ij}` = i's exports to j, :math:`X_i` = i's total exports, :math:`m_j` = j's
total imports, :math:`M_w` = world imports and :math:`M_i` = i's own imports, taken out
of the world total because i cannot export to itself. Import side, i buying from j:

.. math:: I^M_{ij} = \frac{m_{ij} / M_i}{x_j / (X_w - X_i)}.

The WITS convention (``convention="wits"``) does not take the reporter out:
:math:`T_{ij} = (x_{ij}/X_i) / (x_{wj}/X_w)`, with :math:`x_{wj}` = world exports to j
(= j's imports) and :math:`X_w` = world exports; its import side is the mirror,
:math:`(m_{ij}/M_i) / (m_{wj}/M_w)`. Both are 1 when i trades with j exactly in
proportion to j's weight in world trade, above 1 for an "intense" relationship.

All totals are formed from the matrix passed in: the world is every exporter and
importer in it, so pass a complete matrix (every reporter, e.g. BACI or DOTS), not a
few pairs.

References
----------
Mikic, M. and Gilbert, J. (2009). *Trade Statistics in Policymaking: A Handbook of
Commonly Used Trade Indices and Indicators*, revised edition. Bangkok: UN ESCAP,
chapter on the direction of trade ("trade intensity" and its import-side form, with the
reporter removed from the world total in the denominator).
World Bank, WITS online help, "Trade Indicators": trade intensity index
:math:`T_{ij} = (x_{ij}/X_{it})/(x_{wj}/X_{wt})`.
Brown, A. J. (1949). *Applied Economics: Aspects of the World Economy in War and Peace*;
Kojima, K. (1964). "The pattern of international trade among advanced countries."
*Hitotsubashi Journal of Economics* 5(1): 16-36.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd

from econ.indicators._checks import check_frame, divide, drop_group_keys, group_keys, sum_by

__all__ = ["trade_intensity"]

Convention = Literal["escap", "wits"]
Side = Literal["export", "import"]


def trade_intensity(flows: pd.DataFrame, *, side: Side = "export",
                    by: Sequence[str] = ("year",), convention: Convention = "escap",
                    exporter: str = "exporter_iso3", importer: str = "importer_iso3",
                    value: str = "value_usd") -> pd.DataFrame:
    r"""Trade intensity of each reporter with each partner, export or import side.

    .. math::

        \text{export, escap: } \frac{x_{ij}/X_i}{m_j/(M_w - M_i)}, \qquad
        \text{export, wits: } \frac{x_{ij}/X_i}{m_j/M_w},

        \text{import, escap: } \frac{m_{ij}/M_i}{x_j/(X_w - X_i)}, \qquad
        \text{import, wits: } \frac{m_{ij}/M_i}{x_j/X_w}.

    Export side: the reporter i is the exporter, :math:`x_{ij}` its exports to j,
    :math:`X_i` its total exports, :math:`m_j` j's total imports, :math:`M_i` i's own
    imports. Import side: i is the importer, :math:`m_{ij}` = the flow from j to i (valued
    as the matrix is: FOB for BACI), :math:`x_j` = j's total exports, :math:`X_i` = i's
    own exports.

    Parameters
    ----------
    flows : DataFrame
        A complete trade matrix: ``by`` columns, ``exporter``, ``importer``, ``value``
        (>= 0). Every total (own, partner's, world) is its sum.
    side : {"export", "import"}, default "export"
        Whose flows the reporter's share is of.
    by : sequence of str, default ("year",)
        Keys of one matrix (one per year).
    convention : {"escap", "wits"}, default "escap"
        Whether the reporter's own total on the other side leaves the world total
        (ESCAP) or not (WITS).
    exporter, importer, value : str
        Column names.

    Returns
    -------
    DataFrame
        ``by``, ``reporter_iso3`` (i), ``partner_iso3`` (j), and ``export_intensity`` or
        ``import_intensity``; one row per pair present in ``flows`` (an absent pair is
        not assumed to be zero).

    Warns
    -----
    DataCaveatWarning
        A reporter with no trade on its side, or a partner with none on the other, gives
        NaN.

    References
    ----------
    Mikic and Gilbert (2009), UN ESCAP *Trade Statistics in Policymaking*; World Bank
    WITS online help, "Trade Indicators".

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021,
    ...                       "exporter_iso3": ["A", "A", "B", "B", "C", "C"],
    ...                       "importer_iso3": ["B", "C", "A", "C", "A", "B"],
    ...                       "value_usd": [10.0, 30.0, 20.0, 20.0, 10.0, 10.0]})
    >>> trade_intensity(flows).query("reporter_iso3 == 'A'")
       year reporter_iso3 partner_iso3  export_intensity
    0  2021             A            B             0.875
    1  2021             A            C             1.050
    >>> trade_intensity(flows, side="import").query("reporter_iso3 == 'C'")
       year reporter_iso3 partner_iso3  import_intensity
    4  2021             C            A               1.2
    5  2021             C            B               0.8
    """
    if side not in ("export", "import"):
        raise ValueError(f"argument 'side': expected 'export' or 'import', found {side!r}")
    if convention not in ("escap", "wits"):
        raise ValueError(f"argument 'convention': expected 'escap' or 'wits', found "
                         f"{convention!r}")
    check_frame(flows, argument="flows", keys=[*by, exporter, importer], values=[value])
    frame, keys = group_keys(flows, by)
    own, other = (exporter, importer) if side == "export" else (importer, exporter)
    matrix = sum_by(frame, [*keys, exporter, importer], [value])
    own_total = sum_by(matrix, [*keys, own], [value]).rename(
        columns={own: "reporter_iso3", value: "_own"})
    other_total = sum_by(matrix, [*keys, other], [value]).rename(columns={other: "_country"})
    world = sum_by(matrix, keys, [value]).rename(columns={value: "_world"})
    table = (matrix.rename(columns={own: "reporter_iso3", other: "partner_iso3"})
             .merge(own_total, on=[*keys, "reporter_iso3"])
             .merge(world, on=keys)
             .merge(other_total.rename(columns={"_country": "partner_iso3",
                                                value: "_partner"}),
                    on=[*keys, "partner_iso3"]))
    if convention == "escap":
        # the reporter's own total on the other side; absent means it has none (zero)
        table = table.merge(other_total.rename(columns={"_country": "reporter_iso3",
                                                        value: "_self"}),
                            on=[*keys, "reporter_iso3"], how="left", indicator=True)
        self_total = table["_self"].mask(table.pop("_merge") == "left_only", 0.0)
        table["_world"] = table["_world"] - self_total
    share = divide(table[value], table["_own"],
                   what=f"{side} intensity: the reporter's total {side}s")
    benchmark = divide(table["_partner"], table["_world"],
                       what=f"{side} intensity: world trade outside the reporter")
    column = f"{side}_intensity"
    out = table[[*keys, "reporter_iso3", "partner_iso3"]].assign(
        **{column: divide(share, benchmark,
                          what=f"{side} intensity: the partner's weight in world trade")})
    return drop_group_keys(out.sort_values([*keys, "reporter_iso3", "partner_iso3"])
                           .reset_index(drop=True))
