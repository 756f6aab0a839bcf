"""Dependence and asymmetry indicators for pairs of countries, in one tidy frame.

For reporter A and partner B in a year, from bilateral flows and A's totals:

* ``import_share``, ``export_share``, ``total_trade_share``: B's share of A's imports,
  exports and total trade;
* ``trade_to_gdp``: A-B trade over A's GDP (Oneal and Russett 1997);
* ``hirschman_difference``, ``hirschman_ratio``: A's total-trade dependence on B minus
  (over) B's on A (Hirschman 1945);
* ``salience``, ``symmetry``, ``interdependence`` (Barbieri 1996), on total-trade shares;
* ``normalised_balance``, ``log_ratio``, ``coverage_ratio`` of A's trade with B;
* ``hhi_import_partners``: concentration of A's imports over its partners (where A's
  imports by partner are given).

Each row carries a ``basis`` naming where the flows and totals come from.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from econ.errors import DataCaveatWarning
from econ.indicators.asymmetry import asymmetric_dependence, barbieri_interdependence
from econ.indicators.balance import coverage_ratio, log_ratio, normalised_balance
from econ.indicators.concentration import compute_hhi

__all__ = ["pair_indicators"]

_KEYS = ["year", "reporter_iso3", "partner_iso3"]


def _long(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    return frame.melt(id_vars=_KEYS, value_vars=list(columns), var_name="indicator",
                      value_name="value")


def pair_indicators(flows: pd.DataFrame, totals: pd.DataFrame, *,
                    gdp: pd.DataFrame | None = None,
                    partner_imports: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every pair indicator from bilateral flows and the reporters' totals.

    Parameters
    ----------
    flows : DataFrame
        ``year, reporter_iso3, partner_iso3, exports_usd, imports_usd``: A's exports to
        and imports from B. Both directions of a pair are needed for the asymmetry rows.
    totals : DataFrame
        ``year, reporter_iso3, exports_usd, imports_usd``: A's exports to and imports
        from the world.
    gdp : DataFrame, optional
        ``iso3, year, gdp_usd`` for ``trade_to_gdp``.
    partner_imports : DataFrame, optional
        ``year, reporter_iso3, partner_iso3, value_usd`` over all of A's single partners,
        for ``hhi_import_partners``.

    Returns
    -------
    DataFrame
        ``year, reporter_iso3, partner_iso3, indicator, value``.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2020, "reporter_iso3": ["RUS", "CHN"],
    ...                       "partner_iso3": ["CHN", "RUS"], "exports_usd": [50.0, 50.0],
    ...                       "imports_usd": [50.0, 50.0]})
    >>> totals = pd.DataFrame({"year": 2020, "reporter_iso3": ["RUS", "CHN"],
    ...                        "exports_usd": [300.0, 2500.0], "imports_usd": [200.0, 2000.0]})
    >>> out = pair_indicators(flows, totals).set_index(["reporter_iso3", "indicator"])
    >>> round(float(out.loc[("RUS", "hirschman_ratio"), "value"]), 6)  # (100/500)/(100/4500)
    9.0
    """
    merged = flows.merge(totals, on=["year", "reporter_iso3"], suffixes=("", "_total"),
                         how="left")
    with warnings.catch_warnings():  # zero or missing totals: NaN, flagged once below
        warnings.simplefilter("ignore", DataCaveatWarning)
        merged["import_share"] = merged["imports_usd"] / merged["imports_usd_total"]
        merged["export_share"] = merged["exports_usd"] / merged["exports_usd_total"]
        merged["total_trade_share"] = ((merged["exports_usd"] + merged["imports_usd"])
                                       / (merged["exports_usd_total"]
                                          + merged["imports_usd_total"]))
        merged["normalised_balance"] = normalised_balance(merged["exports_usd"],
                                                          merged["imports_usd"]).to_numpy()
        merged["log_ratio"] = log_ratio(merged["exports_usd"], merged["imports_usd"]).to_numpy()
        merged["coverage_ratio"] = coverage_ratio(merged["exports_usd"],
                                                  merged["imports_usd"]).to_numpy()
        shares = merged[[*_KEYS, "total_trade_share"]].rename(
            columns={"total_trade_share": "share"}).dropna()
        asym = asymmetric_dependence(shares, by=("year",))
        barbieri = barbieri_interdependence(shares, by=("year",))
    merged = merged.replace([np.inf, -np.inf], np.nan)
    parts = [_long(merged, ["import_share", "export_share", "total_trade_share",
                            "normalised_balance", "log_ratio", "coverage_ratio"]),
             _long(asym, ["hirschman_difference", "hirschman_ratio"]),
             _long(barbieri, ["salience", "symmetry", "interdependence"])]
    if gdp is not None:
        joined = merged.merge(gdp.rename(columns={"iso3": "reporter_iso3"}),
                              on=["reporter_iso3", "year"], how="inner")
        joined["trade_to_gdp"] = (joined["exports_usd"] + joined["imports_usd"]) / joined[
            "gdp_usd"]
        parts.append(_long(joined, ["trade_to_gdp"]))
    if partner_imports is not None:
        hhi = compute_hhi(partner_imports, by=("year", "reporter_iso3"))
        wanted = merged[_KEYS].merge(hhi, on=["year", "reporter_iso3"])
        parts.append(_long(wanted.rename(columns={"hhi": "hhi_import_partners"}),
                           ["hhi_import_partners"]))
    table = pd.concat(parts, ignore_index=True)
    return table.dropna(subset=["value"]).reset_index(drop=True)
