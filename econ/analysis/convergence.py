"""Builders of the convergence out tables, for every configured pair.

Series tested, per pair (``series``: frequency and whose statistics, e.g.
``yearly_chn_reported`` for Russia-China on China's reports): the yearly balance
(``out_balance__yearly_bilateral``) and, where a monthly source exists, the monthly
balance (``out_balance__monthly_bilateral``, seasonally adjusted (STL) before testing),
on each reporter's data.

Each battery runs over the whole sample, the regimes between the breaks that survive
and recent windows, every test size-checked on the series' own simulated null, with
the cointegration rows on ln X and ln M. ``out_tsa__robustness`` reruns the headline
(the balance state of the latest regime) under every specification: reporter basis,
CIF/FOB factor, lag rule, break rule and (monthly) seasonal adjustment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from econ import names
from econ._parallel import map_in_workers
from econ.analysis._cache import prefetchable, shared
from econ.tsa import convergence_battery
from econ.tsa._data import date_label
from econ.tsa.robustness import (
    RobustnessResults,
    choice_words,
    robustness,
    specification_grid,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from econ.context import BuildContext
    from econ.tsa.battery import BatteryResults

__all__ = ["CIF_FOB_FACTORS", "N_SIM", "SEED", "battery_frame", "build_battery",
           "build_robustness", "build_verdict", "rebase_balance", "robustness_frame",
           "run_all", "run_batteries", "run_robustness", "series_label",
           "verdict_frame"]

SEED = 20260101  # the simulations' seed: the same inputs give the same tables
N_SIM = 499  # series simulated per fitted null
CIF_FOB_FACTORS = (1.00, 1.03, 1.06, 1.10)
_UPSTREAM = (names.BALANCE_YEARLY, names.BALANCE_MONTHLY)
_INDEX = {"yearly": "year", "monthly": "period"}
_SERIES_KEYS = ["reporter_iso3", "partner_iso3", "reported_by_iso3"]
_BASELINE = {"cif_fob_factor": names.CIF_FOB_FACTOR, "lag_rule": "aic",
             "break_rule": "sequential"}
SeriesKey = tuple[str, str, str]  # reporter_iso3, partner_iso3, series
PairKey = tuple[str, str, str]  # reporter_iso3, partner_iso3, frequency


def _frames(yearly: pd.DataFrame, monthly: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {"yearly": yearly, "monthly": monthly}


def series_label(frequency: str, reported_by: str) -> str:
    """``yearly_chn_reported``: the ``series`` column's value."""
    return f"{frequency}_{reported_by.lower()}_reported"


def _battery(frequency: str, rows: pd.DataFrame) -> BatteryResults:
    rows = rows.set_index(_INDEX[frequency]).sort_index()
    return convergence_battery(rows["normalised_balance"],
                               log_flows=np.log(rows[["exports_usd", "imports_usd"]]),
                               seasonal_adjust=frequency == "monthly", n_sim=N_SIM, seed=SEED)


def run_batteries(yearly: pd.DataFrame, monthly: pd.DataFrame
                  ) -> dict[SeriesKey, BatteryResults]:
    """The battery on every balance series of every pair."""
    return {(reporter, partner, series_label(frequency, reported_by)): _battery(frequency, rows)
            for frequency, frame in _frames(yearly, monthly).items()
            for (reporter, partner, reported_by), rows in frame.groupby(_SERIES_KEYS)}


def rebase_balance(rows: pd.DataFrame, factor: float) -> pd.Series:
    """The normalised balance with the CIF-reported flow divided by ``factor`` instead.

    ``rows`` are one series of an ``out_balance__*_bilateral`` table; its CIF-reported
    flow was divided by ``cif_fob_factor``: the reporter's imports on its own reports,
    its exports (the partner's imports) on the partner's.

    Examples
    --------
    >>> rows = pd.DataFrame({"reporter_iso3": ["RUS"], "reported_by_iso3": ["CHN"],
    ...                      "exports_usd": [106.0], "imports_usd": [100.0],
    ...                      "cif_fob_factor": [1.06]})
    >>> round(float(rebase_balance(rows, 1.00).iloc[0]), 4)  # X = 112.36
    0.0582
    """
    own = rows["reported_by_iso3"].iloc[0] == rows["reporter_iso3"].iloc[0]
    flow = "imports_usd" if own else "exports_usd"
    x, m = rows["exports_usd"].astype(float), rows["imports_usd"].astype(float)
    rescaled = rows[flow] * rows["cif_fob_factor"] / factor
    x, m = (rescaled, m) if flow == "exports_usd" else (x, rescaled)
    return (x - m) / (x + m)


def _robustness_of(frequency: str, pair_rows: pd.DataFrame) -> RobustnessResults:
    grid = specification_grid(
        basis=sorted(pair_rows["reported_by_iso3"].unique()),
        cif_fob_factor=list(CIF_FOB_FACTORS), lag_rule=["aic", "bic"],
        break_rule=["sequential", "bic", "lwz"],
        seasonal_adjust=[True, False] if frequency == "monthly" else [False])

    def make(spec: Mapping[str, Any]) -> pd.Series:
        rows = pair_rows[pair_rows["reported_by_iso3"] == spec["basis"]].set_index(
            _INDEX[frequency]).sort_index()
        return rebase_balance(rows, spec["cif_fob_factor"])

    return robustness(make, grid, n_sim=N_SIM, seed=SEED)


def run_robustness(yearly: pd.DataFrame, monthly: pd.DataFrame
                   ) -> dict[PairKey, RobustnessResults]:
    """The headline under every specification, per pair and frequency."""
    return {(reporter, partner, frequency): _robustness_of(frequency, rows)
            for frequency, frame in _frames(yearly, monthly).items()
            for (reporter, partner), rows in frame.groupby(["reporter_iso3", "partner_iso3"])}


Job = tuple[str, tuple[str, str, str], str, pd.DataFrame]  # kind, key, frequency, rows


def _job(job: Job) -> tuple[str, tuple[str, str, str], BatteryResults | RobustnessResults]:
    """One battery or one robustness grid (run in a worker process)."""
    kind, key, frequency, rows = job
    result = _battery(frequency, rows) if kind == "battery" else _robustness_of(frequency, rows)
    return kind, key, result


def run_all(yearly: pd.DataFrame, monthly: pd.DataFrame
            ) -> tuple[dict[SeriesKey, BatteryResults], dict[PairKey, RobustnessResults]]:
    """Every battery and every robustness grid, spread over worker processes."""
    jobs: list[Job] = []
    for frequency, frame in _frames(yearly, monthly).items():
        for (reporter, partner, reported_by), rows in frame.groupby(_SERIES_KEYS):
            jobs.append(("battery", (reporter, partner, series_label(frequency, reported_by)),
                         frequency, rows))
        for (reporter, partner), rows in frame.groupby(["reporter_iso3", "partner_iso3"]):
            jobs.append(("robustness", (reporter, partner, frequency), frequency, rows))
    batteries: dict[SeriesKey, BatteryResults] = {}
    checks: dict[PairKey, RobustnessResults] = {}
    for kind, key, result in map_in_workers(_job, jobs, what="the convergence batteries",
                                            min_items=2, chunksize=1):
        if kind == "battery":
            batteries[key] = result  # type: ignore[assignment]
        else:
            checks[key] = result  # type: ignore[assignment]
    return batteries, checks


def battery_frame(batteries: Mapping[SeriesKey, BatteryResults]) -> pd.DataFrame:
    """Every battery's table with the pair and ``series``; dates as text."""
    parts = []
    for (reporter, partner, series), result in batteries.items():
        table = result.table.copy()
        for column in ("sample_start", "sample_end"):
            table[column] = table[column].map(date_label)
        table.insert(0, "series", series)
        table.insert(0, "partner_iso3", partner)
        table.insert(0, "reporter_iso3", reporter)
        parts.append(table)
    out = pd.concat(parts, ignore_index=True)
    return out.astype({"lags": "float64", "nobs": "float64", "n_sim": "int64",
                       "is_used_for_verdict": bool, "is_pvalue_bound": bool})


def _date_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return date_label(value)


def _robustness_clauses(series: str, checked: RobustnessResults, first: int
                        ) -> list[dict[str, Any]]:
    """The robustness summary and the flip rate of each choice, as verdict clauses."""
    frequency = series.split("_", 1)[0]
    counts = checked.counts
    rows = [{"clause": first, "topic": "robustness", "sample": "full",
             "state": max(counts, key=lambda state: counts[state]),
             "estimate": float(max(counts.values())), "unit": "specifications",
             "is_headline": False, "row_ids": names.ROBUSTNESS,
             "text": f"Across the {frequency} specifications the latest balance is "
                     f"{checked.headline()}"}]
    for i, (dimension, rate) in enumerate(checked.flips.dropna().items(), start=first + 1):
        rows.append({"clause": i, "topic": "robustness_choice", "sample": str(dimension),
                     "state": "matters" if rate > 0 else "does_not_matter",
                     "estimate": float(rate), "unit": "share of pairs",
                     "is_headline": False, "row_ids": names.ROBUSTNESS,
                     "text": f"Changing {choice_words(str(dimension))} alone changes the "
                             f"state in {rate:.0%} of pairs of specifications"})
    return rows


def verdict_frame(batteries: Mapping[SeriesKey, BatteryResults],
                  checks: Mapping[PairKey, RobustnessResults]) -> pd.DataFrame:
    """Every verdict's clauses, then its pair and frequency's robustness clauses."""
    parts = []
    for (reporter, partner, series), result in batteries.items():
        frame = result.verdict_frame()
        check = checks[(reporter, partner, series.split("_", 1)[0])]
        extra = _robustness_clauses(series, check, len(frame) + 1)
        frame = pd.concat([frame, pd.DataFrame(extra)], ignore_index=True)
        frame.insert(0, "series", series)
        frame.insert(0, "partner_iso3", partner)
        frame.insert(0, "reporter_iso3", reporter)
        parts.append(frame)
    out = pd.concat(parts, ignore_index=True)
    for column in ("sample_start", "sample_end", "break_date", "break_ci_lower",
                   "break_ci_upper"):
        out[column] = out[column].map(_date_text)
    return out.astype({"clause": "int64", "is_headline": bool})


def robustness_frame(checks: Mapping[PairKey, RobustnessResults]) -> pd.DataFrame:
    """Every specification's headline, with the pair, ``frequency`` and ``is_baseline``."""
    parts = []
    for (reporter, partner, frequency), result in checks.items():
        table = result.to_frame().rename(columns={"basis": "reported_by_iso3"})
        table.insert(0, "frequency", frequency)
        table.insert(0, "partner_iso3", partner)
        table.insert(0, "reporter_iso3", reporter)
        table["is_baseline"] = (
            (table["cif_fob_factor"] == _BASELINE["cif_fob_factor"])
            & (table["lag_rule"] == _BASELINE["lag_rule"])
            & (table["break_rule"] == _BASELINE["break_rule"])
            & (table["seasonal_adjust"] == (frequency == "monthly")))
        parts.append(table.rename(columns={"seasonal_adjust": "is_seasonally_adjusted"}))
    return pd.concat(parts, ignore_index=True).astype({"n_breaks": "int64",
                                                       "is_seasonally_adjusted": bool})


def _results(ctx: BuildContext
             ) -> tuple[dict[SeriesKey, BatteryResults], dict[PairKey, RobustnessResults]]:
    """Batteries and robustness grids for the current balance tables.

    Computed once per refresh for all three tables.
    """
    return shared(ctx, _UPSTREAM, lambda tables: run_all(*tables))


@prefetchable
def build_battery(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_tsa__convergence_battery``: one row per series, sample and test."""
    batteries, _ = _results(ctx)
    for (reporter, partner, series), result in batteries.items():
        if result.headline is not None:
            ctx.note(f"{reporter}-{partner} {series}: {result.headline.text}")
    return battery_frame(batteries)


@prefetchable
def build_verdict(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_tsa__convergence_verdict``: each clause of each verdict, structured."""
    return verdict_frame(*_results(ctx))


@prefetchable
def build_robustness(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_tsa__robustness``: the headline state under every specification."""
    _, checks = _results(ctx)
    for (reporter, partner, frequency), result in checks.items():
        ctx.note(f"{reporter}-{partner} {frequency}: {result.headline()}")
    return robustness_frame(checks)
