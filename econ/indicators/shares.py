"""Partner shares and trade-to-GDP.

* import (export) share of a partner: the partner's value over the reporter's total
  imports (exports) from (to) all partners;
* total-trade share: (X_ij + M_ij) / (X_i + M_i);
* trade-to-GDP (Oneal and Russett 1997, "The Classical Liberals Were Right", International
  Studies Quarterly 41(2)): (X_ij + M_ij) / GDP_i, the pair's trade as a share of the
  reporter's GDP.

The total is either a ``World`` row supplied by the source (DOTS reports one) or the sum
over the single partners; which one is used is stated in the output's ``total`` column.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import pandas as pd

from econ.errors import DataCaveatWarning

__all__ = ["partner_shares", "total_trade_shares", "trade_to_gdp"]


def _safe_ratio(numerator: pd.Series, denominator: pd.Series, what: str) -> pd.Series:
    bad = ~(denominator > 0)
    if bad.any():
        warnings.warn(f"{what}: {int(bad.sum())} rows with a zero or missing total give NaN",
                      DataCaveatWarning, stacklevel=3)
    return numerator / denominator.where(~bad)


def partner_shares(
    trade: pd.DataFrame,
    *,
    keys: Sequence[str] = ("reporter_iso3", "flow", "year"),
    partner: str = "partner_iso3",
    value: str = "value_usd",
    total_partner: str | None = "WLD",
    exclude: Sequence[str] = (),
) -> pd.DataFrame:
    """Each partner's share of the reporter's trade, per ``keys``.

    Parameters
    ----------
    trade : DataFrame
        Tidy trade: ``keys``, ``partner`` and ``value`` columns.
    keys : sequence of str
        Columns that define one total (reporter, flow, year ...).
    partner, value : str
        Column names.
    total_partner : str or None
        Partner code of the source's own total row (``"WLD"``); None to use the sum over
        the partners instead.
    exclude : sequence of str
        Partner codes left out of the shares and of a summed total (groups, residuals).

    Returns
    -------
    DataFrame
        ``keys``, ``partner``, ``value``, ``total_usd`` (the denominator), ``share``.

    Examples
    --------
    >>> trade = pd.DataFrame({"reporter_iso3": "RUS", "flow": "imports", "year": 2020,
    ...                       "partner_iso3": ["CHN", "DEU", "WLD"],
    ...                       "value_usd": [25.0, 10.0, 100.0]})
    >>> partner_shares(trade)[["partner_iso3", "share"]].to_dict("records")
    [{'partner_iso3': 'CHN', 'share': 0.25}, {'partner_iso3': 'DEU', 'share': 0.1}]
    """
    keys = list(keys)
    rows = trade[~trade[partner].isin(exclude)]
    if total_partner is not None:
        totals = rows[rows[partner] == total_partner].set_index(keys)[value]
        if totals.index.duplicated().any():
            raise ValueError(f"partner_shares: several '{total_partner}' rows per {keys}; "
                             "filter to one source first")
        rows = rows[rows[partner] != total_partner]
    else:
        totals = rows.groupby(keys)[value].sum()
    out = rows[[*keys, partner, value]].join(totals.rename("total_usd"), on=keys)
    out["share"] = _safe_ratio(out[value], out["total_usd"], "partner_shares")
    return out.reset_index(drop=True)


def total_trade_shares(
    trade: pd.DataFrame,
    *,
    keys: Sequence[str] = ("reporter_iso3", "year"),
    partner: str = "partner_iso3",
    value: str = "value_usd",
    total_partner: str | None = "WLD",
) -> pd.DataFrame:
    """Each partner's share of the reporter's total trade (exports plus imports).

    Both flows must be present for a key; the share is (X_ij + M_ij) / (X_i + M_i).

    Examples
    --------
    >>> trade = pd.DataFrame({"reporter_iso3": "RUS", "year": 2020,
    ...                       "flow": ["exports", "imports", "exports", "imports"],
    ...                       "partner_iso3": ["CHN", "CHN", "WLD", "WLD"],
    ...                       "value_usd": [30.0, 20.0, 150.0, 50.0]})
    >>> total_trade_shares(trade)["share"].tolist()
    [0.25]
    """
    summed = trade.groupby([*keys, partner])[value].agg(["sum", "count"]).reset_index()
    summed = summed[summed["count"] == 2].drop(columns="count").rename(columns={"sum": value})
    summed["flow"] = "total"
    return partner_shares(summed, keys=[*keys, "flow"], partner=partner, value=value,
                          total_partner=total_partner).drop(columns="flow")


def trade_to_gdp(pair_trade: pd.DataFrame, gdp: pd.DataFrame, *,
                 reporter: str = "reporter_iso3") -> pd.DataFrame:
    """Oneal-Russett trade dependence: (X_ij + M_ij) / GDP_i.

    Parameters
    ----------
    pair_trade : DataFrame
        ``reporter``, ``partner_iso3``, ``year``, ``flow`` (exports/imports), ``value_usd``.
    gdp : DataFrame
        ``iso3``, ``year``, ``gdp_usd`` (``core_wdi__yearly_gdp``).

    Returns
    -------
    DataFrame
        ``reporter``, ``partner_iso3``, ``year``, ``trade_usd``, ``gdp_usd``,
        ``trade_to_gdp``.

    Examples
    --------
    >>> trade = pd.DataFrame({"reporter_iso3": "RUS", "partner_iso3": "CHN", "year": 2020,
    ...                       "flow": ["exports", "imports"], "value_usd": [3.0, 2.0]})
    >>> gdp = pd.DataFrame({"iso3": ["RUS"], "year": [2020], "gdp_usd": [100.0]})
    >>> trade_to_gdp(trade, gdp)["trade_to_gdp"].tolist()
    [0.05]
    """
    keys = [reporter, "partner_iso3", "year"]
    summed = pair_trade.groupby(keys)["value_usd"].agg(["sum", "count"]).reset_index()
    summed = summed[summed["count"] == 2].drop(columns="count").rename(
        columns={"sum": "trade_usd"})
    merged = summed.merge(gdp.rename(columns={"iso3": reporter})[[reporter, "year", "gdp_usd"]],
                          on=[reporter, "year"], how="left")
    merged["trade_to_gdp"] = _safe_ratio(merged["trade_usd"], merged["gdp_usd"],
                                         "trade_to_gdp")
    return merged
