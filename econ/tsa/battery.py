"""Is trade converging to balance? The whole battery of tests on one balance series.

:func:`convergence_battery` runs, on the normalised balance ``(X - M)/(X + M)`` of a pair:
unit-root and stationarity tests (ADF without and with a constant, KPSS, the HAC test
that the mean is zero, Zivot–Andrews), the half-life of deviations, the break tests
(sup-F, Bai–Perron, Chow at each break, CUSUM, CUSUM of squares) and, when the two log
flows are given, the cointegration tests (Engle–Granger, ARDL bounds, Johansen trace and
the LR test of beta = (1, -1), dynamic OLS with slope = 1, the ECM half-life). The
unit-root rows are repeated on every sub-sample between breaks. It returns one
:class:`BatteryResults`: a tidy table (one row per test and sample, each with an ``id``
such as ``full:adf_n`` or ``2015–2020:mean_zero``) and a plain-language verdict whose
every clause cites the ids of the rows it rests on.

"Converging to balance" is read as: the balance is stationary around zero, i.e. ADF
without a constant rejects a unit root and the HAC test does not reject a zero mean.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from statsmodels.tsa.seasonal import STL

from econ.results import Results, TestResult, format_number
from econ.tsa._data import (
    Frequency,
    as_frame,
    as_series,
    date_label,
    infer_frequency,
    sample_label,
)
from econ.tsa.breaks import (
    BaiPerronResults,
    bai_perron,
    chow_test,
    cusum_squares_test,
    cusum_test,
    sup_f_test,
)
from econ.tsa.cointegration import (
    ardl_bounds_test,
    dols,
    engle_granger_test,
    johansen_beta_test,
    johansen_test,
)
from econ.tsa.half_life import HalfLifeResults, half_life_ar1, half_life_ecm
from econ.tsa.unit_root import adf_test, kpss_test, mean_zero_test, zivot_andrews_test

__all__ = ["TABLE_COLUMNS", "BatteryResults", "battery_table", "convergence_battery"]

TABLE_COLUMNS = ["id", "sample", "sample_start", "sample_end", "test", "null_hypothesis",
                 "statistic", "pvalue", "critical_value_5pct", "lags", "deterministic",
                 "nobs", "decision", "note"]
_SEASONAL_PERIOD = {"monthly": 12, "quarterly": 4}
_UNITS = {"annual": "years", "quarterly": "quarters", "monthly": "months"}


@dataclass(frozen=True, repr=False)
class BatteryResults(Results):
    """Table and verdict of :func:`convergence_battery`.

    ``table`` has the columns of :data:`TABLE_COLUMNS`; ``clauses`` pairs each verdict
    sentence with the row ids it rests on; ``results`` maps every row id to its full
    results object.
    """

    title = "Convergence to balance: test battery"
    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=TABLE_COLUMNS))
    verdict: str = ""
    clauses: tuple[tuple[str, tuple[str, ...]], ...] = ()
    results: Mapping[str, Any] = field(default_factory=dict)
    frequency: str | None = None
    seasonally_adjusted: bool = False
    breaks: tuple[Any, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The tidy table: one row per test and sample."""
        return self.table.copy()

    def summary(self) -> str:
        """The table, compact, then the verdict."""
        shown = self.table[["id", "statistic", "pvalue", "decision"]].copy()
        for column in ("statistic", "pvalue"):
            shown[column] = shown[column].map(format_number)
        return "\n".join([self.title, "=" * len(self.title), shown.to_string(index=False),
                          "", "Verdict:", self.verdict])

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        for row in self.table.itertuples():
            yield str(row.sample), str(row.test), f"{format_number(row.statistic)} " \
                f"(p = {format_number(row.pvalue)}): {row.decision}"
        yield "verdict", "", self.verdict


# ---- rows -----------------------------------------------------------------------------

def _decision(result: TestResult, level: float) -> str:
    if not result.ran:
        return "not run"
    if "decision_5pct" in result.params:
        return str(result.params["decision_5pct"])
    rejected = result.reject(level)
    if rejected is None and "5%" in result.critical_values:
        rejected = result.statistic > result.critical_values["5%"]
    return "reject" if rejected else "do not reject"


def _note(result: TestResult) -> str:
    if not result.ran:
        return str(result.reason)
    shown = {key: value for key, value in result.params.items()
             if key in ("break_date", "mean", "slope", "beta", "df", "pvalue_bounded")}
    return "; ".join(f"{key} = {format_number(value)}" for key, value in shown.items())


def _test_row(row_id: str, sample: str, index: pd.Index, result: TestResult, level: float
              ) -> dict[str, Any]:
    crit = result.critical_values.get("5%", result.critical_values.get("5% I(1)"))
    return {"id": row_id, "sample": sample, "sample_start": _first(index),
            "sample_end": _last(index), "test": result.test,
            "null_hypothesis": result.null_hypothesis, "statistic": result.statistic,
            "pvalue": math.nan if result.pvalue is None else result.pvalue,
            "critical_value_5pct": math.nan if crit is None else crit, "lags": result.lags,
            "deterministic": result.deterministic, "nobs": result.nobs,
            "decision": _decision(result, level), "note": _note(result)}


def _half_life_row(row_id: str, sample: str, index: pd.Index, result: HalfLifeResults
                   ) -> dict[str, Any]:
    note = (str(result.reason) if not result.ran else
            f"rho = {format_number(result.rho)}; {result.level:.0%} CI delta "
            f"{format_number(result.ci_delta[0])}–{format_number(result.ci_delta[1])}, "
            f"bootstrap {format_number(result.ci_bootstrap[0])}–"
            f"{format_number(result.ci_bootstrap[1])} {result.unit}")
    return {"id": row_id, "sample": sample, "sample_start": _first(index),
            "sample_end": _last(index), "test": f"half-life {result.model} ({result.unit})",
            "null_hypothesis": "", "statistic": result.half_life, "pvalue": math.nan,
            "critical_value_5pct": math.nan, "lags": result.lags, "deterministic": "c",
            "nobs": result.nobs, "decision": "estimate" if result.ran else "not run",
            "note": note}


def _bai_perron_row(row_id: str, index: pd.Index, result: BaiPerronResults
                    ) -> dict[str, Any]:
    if result.ran:
        dates = ", ".join(f"{date_label(d)} ({date_label(lo)} to {date_label(hi)})"
                          for d, lo, hi in
                          zip(result.break_dates, result.ci_lower, result.ci_upper,
                              strict=True)) or "none"
        note = f"breaks after {dates}; BIC {result.n_breaks['bic']}, LWZ " \
               f"{result.n_breaks['lwz']}, sequential {result.n_breaks['sequential']}"
    else:
        note = str(result.reason)
    return {"id": row_id, "sample": "full", "sample_start": _first(index),
            "sample_end": _last(index), "test": "Bai-Perron (BIC)",
            "null_hypothesis": "", "statistic": float(len(result.breakpoints)),
            "pvalue": math.nan, "critical_value_5pct": math.nan, "lags": None,
            "deterministic": "c", "nobs": result.nobs,
            "decision": f"{len(result.breakpoints)} breaks" if result.ran else "not run",
            "note": note}


def _first(index: pd.Index) -> Any:
    return index[0] if len(index) else None


def _last(index: pd.Index) -> Any:
    return index[-1] if len(index) else None


# ---- the battery ------------------------------------------------------------------------

def _adjust(data: pd.Series | pd.DataFrame, frequency: Frequency | None
            ) -> pd.Series | pd.DataFrame:
    """Remove the STL seasonal component (robust, Cleveland et al. 1990)."""
    period = _SEASONAL_PERIOD.get(frequency or "")
    if period is None:
        raise ValueError(f"seasonal_adjust: needs monthly or quarterly data, found "
                         f"{frequency or 'an unknown frequency'}; pass freq= or drop it.")
    if isinstance(data, pd.DataFrame):
        return data.apply(lambda column: _adjust(column, frequency))
    clean = data.dropna()
    if len(clean) < 2 * period + 1:
        raise ValueError(f"seasonal_adjust: needs at least {2 * period + 1} observations, "
                         f"found {len(clean)}.")
    seasonal = STL(clean.to_numpy(), period=period, robust=True).fit().seasonal
    return data - pd.Series(seasonal, index=clean.index).reindex(data.index)


def _unit_root_rows(key: str, series: pd.Series, *, level: float, n_boot: int, seed: int
                    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    tests: dict[str, Callable[[], TestResult]] = {
        "adf_n": lambda: adf_test(series, regression="n"),
        "adf_c": lambda: adf_test(series, regression="c"),
        "kpss_c": lambda: kpss_test(series, regression="c"),
        "mean_zero": lambda: mean_zero_test(series),
    }
    rows, results = [], {}
    for name, run in tests.items():
        row_id = f"{key}:{name}"
        results[row_id] = run()
        rows.append(_test_row(row_id, key, series.index, results[row_id], level))
    row_id = f"{key}:half_life_ar1"
    results[row_id] = half_life_ar1(series, n_boot=n_boot, seed=seed)
    rows.append(_half_life_row(row_id, key, series.index, results[row_id]))
    return rows, results


def _cointegration_rows(flows: pd.DataFrame, *, level: float, n_boot: int, seed: int
                        ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    johansen = johansen_test(flows)
    tests: dict[str, TestResult] = {
        "engle_granger": engle_granger_test(flows),
        "ardl_bounds": ardl_bounds_test(flows),
    }
    if johansen.reason is None:
        tests["johansen_trace_r0"] = johansen.trace[0]
        tests["johansen_trace_r1"] = johansen.trace[1]
    else:
        tests["johansen_trace_r0"] = TestResult.not_run(
            "Johansen trace", "cointegration rank is at most 0", johansen.reason)
    tests["johansen_beta"] = johansen_beta_test(flows)
    dols_result = dols(flows)
    tests["dols_slope"] = dols_result.slope_test or TestResult.not_run(
        "DOLS slope = 1", "the long-run slope equals 1", str(dols_result.reason))
    rows, results = [], {}
    for name, result in tests.items():
        row_id = f"full:{name}"
        results[row_id] = result
        rows.append(_test_row(row_id, "full", flows.index, result, level))
    results["full:johansen"] = johansen
    results["full:dols"] = dols_result
    results["full:half_life_ecm"] = half_life_ecm(flows, n_boot=n_boot, seed=seed)
    rows.append(_half_life_row("full:half_life_ecm", "full", flows.index,
                               results["full:half_life_ecm"]))
    return rows, results


def _split(series: pd.Series, dates: Sequence[Any]) -> list[pd.Series]:
    positions = [int(np.flatnonzero(series.index == d)[0]) + 1 for d in dates]
    edges = [0, *positions, len(series)]
    return [series.iloc[edges[i]: edges[i + 1]] for i in range(len(edges) - 1)]


def _known_breaks(series: pd.Series, dates: Sequence[Any]) -> tuple[Any, ...]:
    missing = [d for d in dates if d not in series.index]
    if missing:
        raise ValueError(f"breaks: {missing} not in the series index "
                         f"({sample_label(series.index)}); give the last date of each old "
                         "regime as it appears in the index.")
    return tuple(sorted(dates))


def convergence_battery(series: pd.Series, *, log_flows: pd.DataFrame | None = None,
                        freq: Frequency | None = None, seasonal_adjust: bool = False,
                        breaks: Literal["detect"] | Sequence[Any] | None = "detect",
                        trim: float = 0.15, max_breaks: int = 3, level: float = 0.05,
                        n_boot: int = 999, seed: int = 0) -> BatteryResults:
    """Run every convergence test on a balance series; table and verdict.

    Parameters
    ----------
    series : Series
        The normalised balance ``(X - M)/(X + M)`` indexed by years or dates.
    log_flows : DataFrame, optional
        Two columns ``ln X`` and ``ln M`` on the same index, for the cointegration rows.
    freq : {"annual", "quarterly", "monthly"}, optional
        Frequency; inferred from the index when None.
    seasonal_adjust : bool
        Remove an STL seasonal component first (monthly or quarterly data).
    breaks : "detect", sequence of dates, or None
        Where to split sub-samples: the Bai–Perron (BIC) breaks, given dates (each the
        last date of an old regime, e.g. ``[2013, 2021]``), or no split.
    trim : float
        Trimming of the break tests.
    max_breaks : int
        Largest number of breaks Bai–Perron considers.
    level : float
        Size of every test for the ``decision`` column.
    n_boot : int
        Bootstrap replications of the half-life intervals.
    seed : int
        Seed of the bootstraps.

    Returns
    -------
    BatteryResults

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> balance = pd.Series(0.3 * rng.standard_normal(60), index=range(1961, 2021))
    >>> out = convergence_battery(balance, breaks=None, n_boot=99)
    >>> out.verdict.startswith("Evidence of convergence to balance over 1961–2020")
    True
    """
    balance = as_series(series)
    flows = None if log_flows is None else as_frame(log_flows, "log_flows")
    frequency = freq or infer_frequency(balance.index)
    if seasonal_adjust:
        balance = _adjust(balance, frequency)
        flows = None if flows is None else _adjust(flows, frequency)
    balance = balance.dropna()
    rows, results = _unit_root_rows("full", balance, level=level, n_boot=n_boot, seed=seed)
    extra: dict[str, TestResult] = {
        "full:zivot_andrews": zivot_andrews_test(balance),
        "full:sup_f": sup_f_test(balance, trim=trim),
        "full:cusum": cusum_test(balance),
        "full:cusum_squares": cusum_squares_test(balance),
    }
    partition = bai_perron(balance, trim=trim, max_breaks=max_breaks)
    results["full:bai_perron"] = partition
    rows.append(_bai_perron_row("full:bai_perron", balance.index, partition))
    if breaks == "detect":
        dates = partition.break_dates
    else:
        dates = () if breaks is None else _known_breaks(balance, list(breaks))
    for date in dates:
        extra[f"full:chow@{date_label(date)}"] = chow_test(balance, date)
    for row_id, result in extra.items():
        results[row_id] = result
        rows.append(_test_row(row_id, "full", balance.index, result, level))
    if flows is not None:
        more_rows, more = _cointegration_rows(flows.dropna(), level=level, n_boot=n_boot,
                                              seed=seed)
        rows += more_rows
        results.update(more)
    samples = _split(balance, dates) if dates else []
    for part in samples:
        more_rows, more = _unit_root_rows(sample_label(part.index), part, level=level,
                                          n_boot=n_boot, seed=seed)
        rows += more_rows
        results.update(more)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    clauses = _verdict(table, results, balance, samples, dates, frequency)
    verdict = " ".join(f"{text} [{', '.join(ids)}]." for text, ids in clauses)
    return BatteryResults(table=table, verdict=verdict, clauses=tuple(clauses),
                          results=results, frequency=frequency,
                          seasonally_adjusted=seasonal_adjust, breaks=tuple(dates))


def battery_table(series: pd.Series, **kwargs: Any) -> pd.DataFrame:
    """The tidy table of :func:`convergence_battery` (what an out table would store).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> balance = pd.Series(0.3 * rng.standard_normal(40), index=range(1981, 2021))
    >>> list(battery_table(balance, breaks=None, n_boot=0).columns) == TABLE_COLUMNS
    True
    """
    return convergence_battery(series, **kwargs).table


# ---- verdict ------------------------------------------------------------------------------

def _p(table: pd.DataFrame, row_id: str) -> str:
    row = table.set_index("id").loc[row_id]
    name = row["test"] if row["test"] != "ADF" else f"ADF ({row['deterministic']})"
    if row["decision"] == "not run":
        return f"{name} not run: {row['note']}"
    if math.isnan(row["pvalue"]):
        return f"{name} {format_number(row['statistic'])}"
    return f"{name} p = {format_number(row['pvalue'])}"


def _sample_clause(table: pd.DataFrame, results: Mapping[str, Any], key: str
                   ) -> tuple[bool, str, tuple[str, ...]]:
    """(converges, text, row ids) for one sample."""
    adf_n, adf_c = results[f"{key}:adf_n"], results[f"{key}:adf_c"]
    mean, kpss = results[f"{key}:mean_zero"], results[f"{key}:kpss_c"]
    ids_n = (f"{key}:adf_n", f"{key}:mean_zero")
    if not (adf_n.ran and mean.ran):
        return False, (f"the sample is too short for the tests ({_p(table, ids_n[0])})"), ids_n
    if adf_n.reject() and not mean.reject():
        return True, (f"the balance reverts to zero: a unit root is rejected "
                      f"({_p(table, ids_n[0])}) and a zero mean is not "
                      f"({_p(table, ids_n[1])})"), ids_n
    mean_value = format_number(mean.params["mean"])
    ids = (f"{key}:adf_c", f"{key}:kpss_c", f"{key}:mean_zero")
    evidence = (f"{_p(table, ids[0])}, {_p(table, ids[1])}; mean {mean_value}, "
                f"zero mean {_p(table, ids[2])}")
    reverts = adf_c.ran and bool(adf_c.reject())
    stationary = kpss.ran and kpss.reject() is False
    if reverts and stationary:
        return False, (f"the balance is stationary around a non-zero mean ({evidence}): a "
                       "lasting imbalance, not balance"), ids
    if reverts or stationary:
        return False, (f"the evidence on stationarity is mixed ({evidence}), and the "
                       "balance does not revert to zero "
                       f"({_p(table, f'{key}:adf_n')})"), (*ids, f"{key}:adf_n")
    ids = (f"{key}:adf_n", f"{key}:adf_c", f"{key}:kpss_c")
    return False, (f"a unit root is not rejected ({_p(table, ids[0])}, "
                   f"{_p(table, ids[1])}; stationarity {_p(table, ids[2])}): shocks to the "
                   "balance do not die out"), ids


def _verdict(table: pd.DataFrame, results: Mapping[str, Any], balance: pd.Series,
             samples: list[pd.Series], dates: Sequence[Any], frequency: str | None
             ) -> list[tuple[str, tuple[str, ...]]]:
    last_key = sample_label(samples[-1].index) if samples else "full"
    converges, text, ids = _sample_clause(table, results, last_key)
    where = (f"since the break after {date_label(dates[-1])} ({last_key})" if samples
             else f"over {sample_label(balance.index)}")
    if not (results[f"{last_key}:adf_n"].ran and results[f"{last_key}:mean_zero"].ran):
        first = f"Convergence to balance {where} cannot be judged: {text}"
    else:
        first = f"{'Evidence' if converges else 'No evidence'} of convergence to balance " \
                f"{where}: {text}"
    clauses = [(first, ids)]
    if samples:
        _, full_text, full_ids = _sample_clause(table, results, "full")
        clauses.append((f"Over the whole sample {sample_label(balance.index)}, {full_text}",
                        full_ids))
    partition: BaiPerronResults = results["full:bai_perron"]
    if partition.ran:
        found = ", ".join(date_label(d) for d in partition.break_dates) or "no break"
        clauses.append((f"Bai-Perron (BIC) finds {len(partition.breakpoints)} break(s) "
                        f"in the mean, after {found}; {_p(table, 'full:sup_f')} for one "
                        "break at an unknown date", ("full:bai_perron", "full:sup_f")))
    life: HalfLifeResults = results["full:half_life_ar1"]
    if life.ran:
        unit = _UNITS.get(frequency or "", life.unit)
        clauses.append((f"Deviations halve in {format_number(life.half_life)} {unit} "
                        f"(bootstrap {life.level:.0%} CI "
                        f"{format_number(life.ci_bootstrap[0])}–"
                        f"{format_number(life.ci_bootstrap[1])})", ("full:half_life_ar1",)))
    if "full:johansen_beta" in results:
        clauses.append(_cointegration_clause(table, results))
    return clauses


def _cointegration_clause(table: pd.DataFrame, results: Mapping[str, Any]
                          ) -> tuple[str, tuple[str, ...]]:
    trace, beta = results["full:johansen_trace_r0"], results["full:johansen_beta"]
    ids = ("full:johansen_trace_r0", "full:engle_granger", "full:johansen_beta",
           "full:dols_slope")
    linked = trace.ran and trace.statistic > trace.critical_values["5%"]
    first = ("ln X and ln M are cointegrated" if linked else
             "ln X and ln M are not cointegrated at 5%")
    text = (f"{first} (Johansen trace {format_number(trace.statistic)} against "
            f"{format_number(trace.critical_values.get('5%', math.nan))}; "
            f"{_p(table, ids[1])})" if trace.ran else f"{first} ({_p(table, ids[0])})")
    slope = results["full:dols_slope"]
    verdicts = {"rejected" if r.reject() else "not rejected" for r in (beta, slope) if r.ran}
    if not verdicts:
        balanced = "could not be tested"
    elif len(verdicts) == 1:
        balanced = verdicts.pop()
    else:  # the two tests disagree: say so rather than pick one
        balanced = ("rejected by one test and not by the other"
                    " (Johansen beta LR and DOLS slope = 1 disagree)")
    return (f"{text}; the balanced-trade vector (1, -1) is {balanced} "
            f"({_p(table, ids[2])}; {_p(table, ids[3])})", ids)
