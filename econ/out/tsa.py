"""Builders of the convergence battery out tables for the Russia-China balance.

Series tested (names used in the ``series`` column):

* ``annual_china_reported`` and ``annual_russia_reported``: out_balance__yearly_rus_chn;
* ``monthly_china_reported`` (2017-2024) and ``monthly_russia_reported`` (2006-2021):
  out_balance__monthly_rus_chn, seasonally adjusted (STL) before testing.

Each runs over the whole sample and over the sub-samples between the Bai-Perron breaks,
with the cointegration rows on ln X and ln M.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ import names
from econ.out._cache import shared
from econ.tsa import convergence_battery
from econ.tsa._data import date_label

if TYPE_CHECKING:
    from econ.context import BuildContext
    from econ.tsa.battery import BatteryResults

__all__ = ["SEED", "build_battery", "build_verdict", "run_batteries"]

SEED = 20260101  # the bootstrap seed: the same inputs give the same table
_N_BOOT = 999


def run_batteries(yearly: pd.DataFrame, monthly: pd.DataFrame) -> dict[str, BatteryResults]:
    """The battery on every balance series; keys are the ``series`` labels."""
    out = {}
    for frequency, frame, index in (("annual", yearly, "year"), ("monthly", monthly, "period")):
        for basis, rows in frame.groupby("basis"):
            rows = rows.set_index(index).sort_index()
            out[f"{frequency}_{basis}"] = convergence_battery(
                rows["normalised_balance"],
                log_flows=np.log(rows[["exports_usd", "imports_usd"]]),
                seasonal_adjust=frequency == "monthly", n_boot=_N_BOOT, seed=SEED)
    return out


def _batteries(ctx: BuildContext) -> dict[str, BatteryResults]:
    """Batteries for the current balance tables, run once per refresh for both tables."""
    return shared(ctx, (names.BALANCE_YEARLY, names.BALANCE_MONTHLY),
                  lambda tables: run_batteries(*tables))


def build_battery(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_tsa__convergence_battery``: one row per series, sample and test."""
    parts = []
    for series, result in _batteries(ctx).items():
        table = result.table.copy()
        for column in ("sample_start", "sample_end"):
            table[column] = table[column].map(date_label)
        table.insert(0, "series", series)
        parts.append(table)
        ctx.note(f"{series}: {result.verdict}")
    return pd.concat(parts, ignore_index=True)


def build_verdict(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_tsa__convergence_verdict``: each clause of each verdict, with its rows."""
    rows = [(series, k, text, ", ".join(ids))
            for series, result in _batteries(ctx).items()
            for k, (text, ids) in enumerate(result.clauses, start=1)]
    return pd.DataFrame(rows, columns=["series", "clause", "text", "row_ids"])
