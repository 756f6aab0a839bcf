"""Trade intensity: is a pair's trade larger than the partner's weight in world trade?

Export side, reporter :math:`i` selling to partner :math:`j` (ESCAP convention, the
default):

.. math:: I^X_{ij} = \\frac{x_{ij} / X_i}{m_j / (M_w - M_i)},

:math:`x_{ij}` = i's exports to j, :math:`X_i` = i's total exports, :math:`m_j` = j's
total imports, :math:`M_w` = world imports and :math:`M_i` = i's own imports, taken out
of the world total because i cannot export to itself. Import side, i buying from j:

.. math:: I^M_{ij} = \\frac{m_{ij} / M_i}{x_j / (X_w - X_i)}.

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

__all__ = ["export_intensity", "import_intensity"]

Convention = Literal["escap", "wits"]


def _intensity(flows: pd.DataFrame, *, side: Literal["export", "import"],
               by: Sequence[str], convention: Convention, exporter: str, importer: str,
               value: str) -> pd.DataFrame:
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


def export_intensity(flows: pd.DataFrame, *, by: Sequence[str] = ("year",),
                     convention: Convention = "escap", exporter: str = "exporter_iso3",
                     importer: str = "importer_iso3", value: str = "value_usd"
                     ) -> pd.DataFrame:
    """Export intensity of each reporter (exporter) with each partner (importer).

    .. math::

        \\text{escap: } I^X_{ij} = \\frac{x_{ij}/X_i}{m_j/(M_w - M_i)}, \\qquad
        \\text{wits: } T_{ij} = \\frac{x_{ij}/X_i}{m_j/M_w}.

    Parameters
    ----------
    flows : DataFrame
        A complete trade matrix: ``by`` columns, ``exporter``, ``importer``, ``value``
        (>= 0). Every total (:math:`X_i`, :math:`m_j`, :math:`M_w`) is its sum.
    by : sequence of str, default ("year",)
        Keys of one matrix (one per year).
    convention : {"escap", "wits"}, default "escap"
        Whether the reporter's own imports leave the world total (ESCAP) or not (WITS).
    exporter, importer, value : str
        Column names.

    Returns
    -------
    DataFrame
        ``by``, ``reporter_iso3`` (the exporter i), ``partner_iso3`` (the importer j),
        ``export_intensity``; one row per pair present in ``flows`` (an absent pair is
        not assumed to be zero).

    Warns
    -----
    DataCaveatWarning
        A reporter with no exports, or a partner with no imports, gives NaN.

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
    >>> export_intensity(flows).query("reporter_iso3 == 'A'")
       year reporter_iso3 partner_iso3  export_intensity
    0  2021             A            B             0.875
    1  2021             A            C             1.050
    """
    return _intensity(flows, side="export", by=by, convention=convention,
                      exporter=exporter, importer=importer, value=value)


def import_intensity(flows: pd.DataFrame, *, by: Sequence[str] = ("year",),
                     convention: Convention = "escap", exporter: str = "exporter_iso3",
                     importer: str = "importer_iso3", value: str = "value_usd"
                     ) -> pd.DataFrame:
    """Import intensity of each reporter (importer) with each partner (exporter).

    .. math::

        \\text{escap: } I^M_{ij} = \\frac{m_{ij}/M_i}{x_j/(X_w - X_i)}, \\qquad
        \\text{wits: } \\frac{m_{ij}/M_i}{x_j/X_w},

    :math:`m_{ij}` = i's imports from j, :math:`M_i` = i's total imports, :math:`x_j` =
    j's total exports, :math:`X_w` = world exports, :math:`X_i` = i's own exports.

    Parameters
    ----------
    flows : DataFrame
        A complete trade matrix (see :func:`export_intensity`); the flow from exporter j
        to importer i is i's import from j, valued as the matrix is (BACI: FOB).
    by : sequence of str, default ("year",)
        Keys of one matrix.
    convention : {"escap", "wits"}, default "escap"
        Whether the reporter's own exports leave the world total (ESCAP) or not (WITS).
    exporter, importer, value : str
        Column names.

    Returns
    -------
    DataFrame
        ``by``, ``reporter_iso3`` (the importer i), ``partner_iso3`` (the exporter j),
        ``import_intensity``.

    Warns
    -----
    DataCaveatWarning
        A reporter with no imports, or a partner with no exports, gives NaN.

    References
    ----------
    Mikic and Gilbert (2009), UN ESCAP *Trade Statistics in Policymaking*.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021,
    ...                       "exporter_iso3": ["A", "A", "B", "B", "C", "C"],
    ...                       "importer_iso3": ["B", "C", "A", "C", "A", "B"],
    ...                       "value_usd": [10.0, 30.0, 20.0, 20.0, 10.0, 10.0]})
    >>> import_intensity(flows).query("reporter_iso3 == 'A'")
       year reporter_iso3 partner_iso3  import_intensity
    0  2021             A            B               1.0
    1  2021             A            C               1.0
    """
    return _intensity(flows, side="import", by=by, convention=convention,
                      exporter=exporter, importer=importer, value=value)
