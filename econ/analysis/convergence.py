"""Builders of the convergence battery out tables, for every configured pair.

Series tested, per pair (``series``: frequency and whose statistics, e.g.
``annual_chn_reported`` for Russia-China on China's reports): the yearly balance
(``out_balance__yearly_bilateral``) and, where a monthly source exists, the monthly
balance (``out_balance__monthly_bilateral``, seasonally adjusted (STL) before testing),
on each reporter's data.

Each runs over the whole sample and over the sub-samples between the Bai-Perron breaks,
with the cointegration rows on ln X and ln M.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ import names
from econ.analysis._cache import shared
from econ.tsa import convergence_battery
from econ.tsa._data import date_label

if TYPE_CHECKING:
    from econ.context import BuildContext
    from econ.tsa.battery import BatteryResults

__all__ = ["SEED", "build_battery", "build_verdict", "run_batteries", "series_label"]

SEED = 20260101  # the bootstrap seed: the same inputs give the same table
_N_BOOT = 999


SeriesKey = tuple[str, str, str]  # reporter_iso3, partner_iso3, series


def series_label(frequency: str, reported_by: str) -> str:
    """``annual_chn_reported``: the ``series`` column's value."""
    return f"{frequency}_{reported_by.lower()}_reported"


def run_batteries(yearly: pd.DataFrame, monthly: pd.DataFrame
                  ) -> dict[SeriesKey, BatteryResults]:
    """The battery on every balance series of every pair."""
    out = {}
    keys = ["reporter_iso3", "partner_iso3", "reported_by_iso3"]
    for frequency, frame, index in (("annual", yearly, "year"), ("monthly", monthly, "period")):
        for (reporter, partner, reported_by), rows in frame.groupby(keys):
            rows = rows.set_index(index).sort_index()
            out[(reporter, partner, series_label(frequency, reported_by))] = (
                convergence_battery(
                    rows["normalised_balance"],
                    log_flows=np.log(rows[["exports_usd", "imports_usd"]]),
                    seasonal_adjust=frequency == "monthly", n_boot=_N_BOOT, seed=SEED))
    return out


def _batteries(ctx: BuildContext) -> dict[SeriesKey, BatteryResults]:
    """Batteries for the current balance tables, run once per refresh for both tables."""
    return shared(ctx, (names.BALANCE_YEARLY, names.BALANCE_MONTHLY),
                  lambda tables: run_batteries(*tables))


def build_battery(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_tsa__convergence_battery``: one row per series, sample and test."""
    parts = []
    for (reporter, partner, series), result in _batteries(ctx).items():
        table = result.table.copy()
        for column in ("sample_start", "sample_end"):
            table[column] = table[column].map(date_label)
        table.insert(0, "series", series)
        table.insert(0, "partner_iso3", partner)
        table.insert(0, "reporter_iso3", reporter)
        parts.append(table)
        ctx.note(f"{reporter}-{partner} {series}: {result.verdict}")
    return pd.concat(parts, ignore_index=True)


def build_verdict(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_tsa__convergence_verdict``: each clause of each verdict, with its rows."""
    rows = [(reporter, partner, series, k, text, ", ".join(ids))
            for (reporter, partner, series), result in _batteries(ctx).items()
            for k, (text, ids) in enumerate(result.clauses, start=1)]
    return pd.DataFrame(rows, columns=["reporter_iso3", "partner_iso3", "series", "clause",
                                       "text", "row_ids"])
