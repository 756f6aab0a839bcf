"""The trade balance of each pair, from the reporter's side, on each reporter's data.

For a pair (A, B), X is A's exports to B and M its imports from B, both FOB. Each row says
whose statistics it rests on (``reported_by_iso3``):

* A's own reports: X as reported (FOB), M = reported CIF imports / CIF-FOB factor;
* B's reports, mirrored: X = B's imports from A (CIF) / factor, M = B's exports to A (FOB).

Yearly rows come from :func:`econ.analysis.flows.yearly_flows` (IMTS, China's monthly
customs series summed, IMF DOTS, Russia's customs partner files, in that order of
preference), monthly rows from :func:`econ.analysis.flows.monthly_flows`. A pair and
reporter with no data in a source gives no rows, never zeros.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.analysis import flows as fl
from econ.indicators.balance import balance_indicators
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["BALANCE_COLUMNS", "build_monthly", "build_yearly", "monthly_sources",
           "pair_balance", "source_frames"]

BALANCE_COLUMNS = ["reporter_iso3", "partner_iso3", "reported_by_iso3", "exports_usd",
                   "imports_usd", "normalised_balance", "log_ratio", "coverage_ratio",
                   "valuation", "cif_fob_factor", "source"]


def _to_fob(values: pd.Series, valuation: pd.Series, factor: float) -> pd.Series:
    return values.where(valuation != "cif", values / factor)


def _one_side(flows: pd.DataFrame, pair: Pair, reporter: str, time: str,
              factor: float) -> pd.DataFrame:
    other = pair.partner if reporter == pair.reporter else pair.reporter
    rows = flows[(flows["reporter_iso3"] == reporter) & (flows["partner_iso3"] == other)]
    if rows.empty:
        return pd.DataFrame()
    rows = rows.assign(fob=_to_fob(rows["value_usd"], rows["valuation"], factor))
    wide = rows.pivot(index=time, columns="flow", values="fob")
    sources = rows.pivot(index=time, columns="flow", values="source")
    if not {"exports", "imports"} <= set(wide.columns):
        return pd.DataFrame()
    wide = wide.dropna(subset=["exports", "imports"])
    own = reporter == pair.reporter
    x, m = (wide["exports"], wide["imports"]) if own else (wide["imports"], wide["exports"])
    source = sources.loc[wide.index]
    text = source["exports"].where(source["exports"] == source["imports"],
                                   source["exports"] + "; " + source["imports"])
    frame = pd.DataFrame({time: wide.index, "reporter_iso3": pair.reporter,
                          "partner_iso3": pair.partner, "reported_by_iso3": reporter,
                          "exports_usd": x.to_numpy(), "imports_usd": m.to_numpy(),
                          "valuation": "fob", "cif_fob_factor": factor,
                          "source": text.to_numpy()})
    return balance_indicators(frame)


def pair_balance(flows: pd.DataFrame, pairs: Sequence[Pair], *, time: str = "year",
                 cif_fob: float = names.CIF_FOB_FACTOR) -> pd.DataFrame:
    """Each pair's balance on each of its two reporters' data.

    Parameters
    ----------
    flows : DataFrame
        As :func:`econ.analysis.flows.yearly_flows` or ``monthly_flows``.
    pairs : sequence of Pair
    time : {"year", "period"}
    cif_fob : float
        Divides CIF-valued flows.

    Returns
    -------
    DataFrame
        ``time`` then :data:`BALANCE_COLUMNS`, sorted.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2020, "reporter_iso3": ["CHN", "CHN"],
    ...                       "partner_iso3": "RUS", "flow": ["exports", "imports"],
    ...                       "valuation": ["fob", "cif"], "value_usd": [50.0, 53.0],
    ...                       "source": "s", "priority": 0})
    >>> row = pair_balance(flows, [Pair("RUS", "CHN")]).iloc[0]
    >>> row.reported_by_iso3, row.exports_usd, row.imports_usd
    ('CHN', 50.0, 50.0)
    """
    parts = [_one_side(flows, pair, reporter, time, cif_fob)
             for pair in pairs for reporter in pair.codes]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=[time, *BALANCE_COLUMNS])
    table = pd.concat(parts, ignore_index=True)[[time, *BALANCE_COLUMNS]]
    return table.sort_values(["reporter_iso3", "partner_iso3", "reported_by_iso3", time]
                             ).reset_index(drop=True)


def monthly_sources(ctx: BuildContext) -> list[pd.DataFrame]:
    """The monthly flow sources (China's customs series, Russia's customs, IMTS)."""
    return [fl.china_monthly(ctx.table(names.COMTRADE_MONTHLY),
                             ctx.table(names.THIRD_PARTY_MONTHLY)),
            fl.fcs_monthly(ctx.table(names.FCS_MONTHLY_PARTNER)),
            fl.imts_flows(ctx.table(names.IMTS_MONTHLY), "period")]


def source_frames(ctx: BuildContext) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    """The yearly and the monthly flow sources a yearly balance is built from."""
    codes = sorted({c for p in ctx.pairs for c in p.codes})
    dots = ctx.table(names.DOTS, filters={"reporter_iso3": codes, "partner_iso3": codes})
    yearly = [fl.dots_yearly(dots), fl.imts_flows(ctx.table(names.IMTS_YEARLY), "year")]
    return yearly, monthly_sources(ctx)


def build_yearly(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_balance__yearly_bilateral`` for every configured pair."""
    yearly, monthly = source_frames(ctx)
    return pair_balance(fl.yearly_flows(yearly, monthly), ctx.pairs, time="year")


def build_monthly(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_balance__monthly_bilateral`` for every configured pair."""
    table = pair_balance(fl.monthly_flows(monthly_sources(ctx)), ctx.pairs, time="period")
    table["is_jan_feb_combined"] = False  # no monthly source here combines the two months
    return table
