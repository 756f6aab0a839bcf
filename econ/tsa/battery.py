"""Is trade converging to balance? Every test on one balance series, size-checked.

:func:`convergence_battery` runs, on the normalised balance ``(X - M)/(X + M)``:

* on the whole sample, on each regime between the breaks that survive, and (balance
  rows only) on recent windows: ADF without and with a constant, KPSS, the HAC test of
  a zero mean (reported, never a verdict), the TOST that the mean is within ±band and
  the test that it is outside, and the median-unbiased half-life (Andrews 1993);
* on the whole sample: the sequential HAC sup-Wald break tests (the breaks that
  survive split the sample), the BIC and LWZ break counts, the AR(1)-break variant,
  Chow at the surviving breaks, CUSUM, CUSUM of squares and Zivot-Andrews;
* given ``ln X`` and ``ln M``: Engle-Granger, the bounds test, Johansen's trace at 1-3
  lagged differences, and (only where cointegration is found) the tests of the
  balanced-trade vector beta = (1, -1), plus the ECM half-life.

Every test is also run on series simulated from the series' own fitted null at the
same length and settings (:mod:`econ.tsa.size_checks`): its simulated size sits next
to the nominal 5%; outside 3-7% the decision uses the bootstrap p-value or simulated
critical value, and the row says so. Power against a stated alternative is recorded;
a test that does not reject and whose power is below ``power_floor`` is reported but
not used for a verdict (a size-controlled rejection is used whatever the power).

It returns :class:`BatteryResults`: the tidy table (:data:`TABLE_COLUMNS`, one row per
test and sample, ids such as ``full:adf_n`` or ``2006–2021:tost``) and the verdict as
structured :class:`Clause` rows (:data:`CLAUSE_COLUMNS`: topic, state such as
``within_band``, estimate and interval, break dates with intervals, the row ids it
rests on, and the sentence).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.tsa.seasonal import STL

from econ.names import RECIPROCITY_BAND
from econ.results import Results, TestResult, format_pvalue, format_statistic
from econ.tsa._data import (
    Frequency,
    as_frame,
    as_series,
    date_label,
    default_hac_lags,
    default_max_lags,
    infer_frequency,
    sample_label,
)
from econ.tsa.batch import break_counts
from econ.tsa.breaks import bai_perron, chow_test, cusum_squares_test, cusum_test
from econ.tsa.calibrate import Calibration, usable
from econ.tsa.cointegration import (
    ardl_bounds_test,
    dols,
    engle_granger_test,
    johansen_beta_test,
    johansen_test,
)
from econ.tsa.equivalence import equivalence_test, outside_band_test, state_of
from econ.tsa.half_life import HalfLifeResults, half_life_ecm
from econ.tsa.persistence import PersistenceResults, median_unbiased_ar1
from econ.tsa.robust_breaks import ar_break_test, sequential_breaks, sup_wald_test
from econ.tsa.size_checks import (
    FlowNulls,
    Nulls,
    alternative_rho,
    check_adf,
    check_break_tests,
    check_cointegration,
    check_kpss,
    check_mean_tests,
    check_zivot_andrews,
)
from econ.tsa.unit_root import adf_test, kpss_test, mean_zero_test, zivot_andrews_test

__all__ = ["CLAUSE_COLUMNS", "TABLE_COLUMNS", "BatteryResults", "BreakRule", "Clause",
           "battery_table", "convergence_battery"]

TABLE_COLUMNS = ["id", "sample", "sample_kind", "sample_start", "sample_end", "test",
                 "null_hypothesis", "statistic", "pvalue", "is_pvalue_bound",
                 "critical_value_5pct", "lags", "deterministic", "nobs", "nominal_size",
                 "simulated_size", "decision_basis", "pvalue_bootstrap",
                 "critical_value_simulated", "power", "alternative", "simulated_null",
                 "n_sim", "decision", "is_used_for_verdict", "note"]
CLAUSE_COLUMNS = ["clause", "topic", "sample", "sample_start", "sample_end", "state",
                  "estimate", "ci_lower", "ci_upper", "unit", "break_date", "break_ci_lower",
                  "break_ci_upper", "is_headline", "text", "row_ids"]
BreakRule = Literal["sequential", "bic", "lwz"]
LagRule = Literal["aic", "bic"]
SampleKind = Literal["full", "regime", "window"]
_SEASONAL_PERIOD = {"monthly": 12, "quarterly": 4}
_UNITS = {"yearly": "years", "quarterly": "quarters", "monthly": "months"}
_WINDOWS = {"yearly": (10, 5), "quarterly": (12, 4), "monthly": (36, 12)}
_NOT_SIMULATED = "asymptotic (size not simulated)"


@dataclass(frozen=True)
class Clause:
    """One clause of a verdict: the numbers, the state, the sentence and its evidence."""

    topic: str
    text: str
    row_ids: tuple[str, ...]
    state: str = ""
    sample: str = ""
    sample_start: Any = None
    sample_end: Any = None
    estimate: float = math.nan
    ci_lower: float = math.nan
    ci_upper: float = math.nan
    unit: str = ""
    break_date: Any = None
    break_ci_lower: Any = None
    break_ci_upper: Any = None
    is_headline: bool = False

    def sentence(self) -> str:
        """The clause with its row ids, e.g. ``"... [full:tost, full:outside_band]."``."""
        return f"{self.text} [{', '.join(self.row_ids)}]."


@dataclass(frozen=True, repr=False)
class BatteryResults(Results):
    """Table and verdict of :func:`convergence_battery`.

    ``table`` has the columns of :data:`TABLE_COLUMNS`; ``clauses`` the verdict (see
    :meth:`verdict_frame`); ``results`` and ``calibrations`` map row ids to the full
    results objects and size checks; ``breaks`` are the dates that split the sample.
    """

    title = "Convergence to balance: test battery"
    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=TABLE_COLUMNS))
    clauses: tuple[Clause, ...] = ()
    results: Mapping[str, Any] = field(default_factory=dict)
    calibrations: Mapping[str, Calibration] = field(default_factory=dict)
    frequency: str | None = None
    seasonally_adjusted: bool = False
    breaks: tuple[Any, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        """The verdict as prose: every clause with the row ids it rests on."""
        return " ".join(clause.sentence() for clause in self.clauses)

    @property
    def headline(self) -> Clause | None:
        """The headline clause: the balance in the latest regime (or whole sample)."""
        return next((clause for clause in self.clauses if clause.is_headline), None)

    def to_frame(self) -> pd.DataFrame:
        """The tidy table: one row per test and sample."""
        return self.table.copy()

    def verdict_frame(self) -> pd.DataFrame:
        """The clauses as a tidy frame (:data:`CLAUSE_COLUMNS`), row ids comma-joined."""
        rows = [{"clause": i, **{name: getattr(clause, name) for name in CLAUSE_COLUMNS[1:]
                                 if name != "row_ids"}, "row_ids": ", ".join(clause.row_ids)}
                for i, clause in enumerate(self.clauses, start=1)]
        return pd.DataFrame(rows, columns=CLAUSE_COLUMNS)

    def summary(self) -> str:
        """The table, compact, then the verdict."""
        shown = self.table[["id", "statistic", "pvalue", "simulated_size", "decision_basis",
                            "decision"]].copy()
        shown["statistic"] = shown["statistic"].map(format_statistic)
        shown["pvalue"] = [format_pvalue(p, bounded=bool(b)) for p, b in
                           zip(self.table["pvalue"], self.table["is_pvalue_bound"],
                               strict=True)]
        shown["simulated_size"] = shown["simulated_size"].map(format_statistic)
        return "\n".join([self.title, "=" * len(self.title), shown.to_string(index=False),
                          "", "Verdict:", self.verdict])

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        for row in self.table.itertuples():
            yield str(row.sample), str(row.test), (
                f"{format_statistic(row.statistic)} (p = {format_pvalue(row.pvalue)}, "
                f"{row.decision_basis}): {row.decision}")
        yield "verdict", "", self.verdict


@dataclass(frozen=True)
class _Sample:
    key: str
    kind: SampleKind
    data: pd.Series


@dataclass
class _Run:
    """One battery run: settings, the simulated nulls, and the rows as they are made."""

    balance: pd.Series
    frequency: Frequency | None
    level: float
    band: float
    power_floor: float
    lag_rule: LagRule
    trim: float
    nulls: Nulls | None
    alternative_rho: float
    rows: list[dict[str, Any]] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)
    calibrations: dict[str, Calibration] = field(default_factory=dict)

    def add(self, row_id: str, sample: _Sample, result: Any, cal: Calibration | None = None,
            *, decision: str | None = None, used: bool | None = None,
            note: str | None = None, statistic: float | None = None) -> None:
        self.results[row_id] = result
        if cal is not None:
            self.calibrations[row_id] = cal
        self.rows.append(_row(row_id, sample, result, cal, level=self.level,
                              floor=self.power_floor, decision=decision, used=used,
                              note=note, statistic=statistic))

    def row(self, row_id: str) -> dict[str, Any]:
        return next(row for row in self.rows if row["id"] == row_id)

    def has(self, row_id: str) -> bool:
        return any(row["id"] == row_id for row in self.rows)


# ---- rows ---------------------------------------------------------------------------------

def _decision(result: Any, cal: Calibration | None, level: float) -> str:
    if not result.ran:
        return "not run"
    if cal is not None and cal.basis != "asymptotic":
        return "undetermined" if cal.reject is None else (
            "reject" if cal.reject else "do not reject")
    if "decision_5pct" in result.params:
        return str(result.params["decision_5pct"])
    rejected = result.reject(level)
    return "undetermined" if rejected is None else ("reject" if rejected else "do not reject")


def _used(decision: str, cal: Calibration | None, floor: float) -> bool:
    """A decided test enters a verdict if it rejects (size-controlled) or has power."""
    return decision == "reject" or (decision == "do not reject" and usable(cal, floor))


def _show(value: Any) -> str:
    if isinstance(value, float):
        return format_statistic(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(_show(v) for v in value) + ")"
    return date_label(value)


def _note(result: Any) -> str:
    if not result.ran:
        return str(result.reason)
    return "; ".join(f"{key} = {_show(value)}" for key, value in result.params.items()
                     if key in ("break_date", "mean", "slope", "beta", "df", "hac_se",
                                "ci_lower", "ci_upper"))


def _row(row_id: str, sample: _Sample, result: Any, cal: Calibration | None, *,
         level: float, floor: float, decision: str | None, used: bool | None,
         note: str | None, statistic: float | None) -> dict[str, Any]:
    index = sample.data.index
    is_test = isinstance(result, TestResult)
    crit = result.critical_values.get("5%", result.critical_values.get("5% I(1)")) \
        if is_test else None
    decided = decision or _decision(result, cal, level)
    return {
        "id": row_id, "sample": sample.key, "sample_kind": sample.kind,
        "sample_start": index[0] if len(index) else None,
        "sample_end": index[-1] if len(index) else None,
        "test": result.test if is_test else getattr(result, "title", ""),
        "null_hypothesis": result.null_hypothesis if is_test else "",
        "statistic": float(statistic if statistic is not None else
                           result.statistic if is_test else math.nan),
        "pvalue": math.nan if not is_test or result.pvalue is None else float(result.pvalue),
        "is_pvalue_bound": bool(is_test and result.params.get("pvalue_bounded", False)),
        "critical_value_5pct": math.nan if crit is None else float(crit),
        "lags": getattr(result, "lags", None),
        "deterministic": getattr(result, "deterministic", None),
        "nobs": getattr(result, "nobs", None), "nominal_size": level,
        "simulated_size": math.nan if cal is None else cal.size,
        "decision_basis": _NOT_SIMULATED if cal is None else cal.basis,
        "pvalue_bootstrap": math.nan if cal is None else cal.pvalue_bootstrap,
        "critical_value_simulated": math.nan if cal is None else cal.critical_simulated,
        "power": math.nan if cal is None else cal.power,
        "alternative": "" if cal is None else cal.alternative,
        "simulated_null": "" if cal is None else cal.null,
        "n_sim": 0 if cal is None else cal.n_sim, "decision": decided,
        "is_used_for_verdict": _used(decided, cal, floor) if used is None else used,
        "note": _note(result) if note is None else note,
    }


# ---- blocks of tests ------------------------------------------------------------------------

def _balance_rows(run: _Run, sample: _Sample, model: Literal["stationary", "noise"]) -> None:
    """Zero mean (reported only), TOST and outside-band tests of one sample."""
    results = {"mean_zero": mean_zero_test(sample.data),
               "tost": equivalence_test(sample.data, band=run.band, level=run.level),
               "outside_band": outside_band_test(sample.data, band=run.band, level=run.level)}
    cals: dict[str, Calibration] = {}
    if run.nulls is not None and all(r.ran for r in results.values()):
        cals = check_mean_tests(results, sample.data.to_numpy(), run.nulls, kind=model,
                                band=run.band, level=run.level)
    for name, result in results.items():
        run.add(f"{sample.key}:{name}", sample, result, cals.get(name),
                used=False if name == "mean_zero" else None)


def _unit_root_rows(run: _Run, sample: _Sample, model: Literal["stationary", "noise"]
                    ) -> None:
    values = sample.data.to_numpy()
    max_lags = default_max_lags(len(values))
    adf_lags: dict[str, int] = {}
    for regression in ("n", "c"):
        result = adf_test(sample.data, regression=regression, autolag=run.lag_rule)
        cal = None
        if run.nulls is not None and result.ran:
            cal = check_adf(result, values, run.nulls, regression=regression,
                            max_lags=max_lags, autolag=run.lag_rule,
                            alternative_rho=run.alternative_rho, level=run.level)
            adf_lags[regression] = result.lags or 0
        run.add(f"{sample.key}:adf_{regression}", sample, result, cal)
    kpss = kpss_test(sample.data, regression="c")
    cal = None
    if run.nulls is not None and kpss.ran and "c" in adf_lags:
        cal = check_kpss(kpss, values, run.nulls, kind=model, adf_lags=adf_lags["c"],
                         level=run.level)
    run.add(f"{sample.key}:kpss_c", sample, kpss, cal)
    _balance_rows(run, sample, model)
    life = median_unbiased_ar1(sample.data)
    _add_estimate(run, f"{sample.key}:half_life_ar1", sample, life,
                  _persistence_note(life), used=life.ran)


def _add_estimate(run: _Run, row_id: str, sample: _Sample,
                  life: PersistenceResults | HalfLifeResults, note: str, *, used: bool
                  ) -> None:
    """A half-life row: an estimate, not a test (no size of its own)."""
    run.add(row_id, sample, life, decision="estimate" if life.ran else "not run",
            used=used, note=note, statistic=life.half_life)


def _persistence_note(life: PersistenceResults) -> str:
    if not life.ran:
        return str(life.reason)
    return (f"rho median-unbiased {format_statistic(life.rho)} ({life.level:.0%} "
            f"{format_statistic(life.rho_ci[0])} to {format_statistic(life.rho_ci[1])}), "
            f"least squares {format_statistic(life.rho_ols)}; half-life "
            f"{format_statistic(life.half_life_ci[0], digits=1)} to "
            f"{format_statistic(life.half_life_ci[1], digits=1)} {life.unit} "
            f"(least squares {format_statistic(life.half_life_ols, digits=1)})")


def _break_rows(run: _Run, full: _Sample, *, rule: BreakRule, max_breaks: int,
                n_sim: int, seed: int, given: Sequence[Any] | None, everything: bool
                ) -> tuple[int, ...]:
    """The break tests; returns the 1-based breakpoints that split the sample.

    ``everything=False`` runs only what selects the breaks (the headline scope).
    """
    balance, nulls = full.data, run.nulls
    nobs = len(balance)
    partitions = bai_perron(balance, trim=run.trim, max_breaks=max_breaks,
                            criterion="sequential", n_breaks=0)
    if not partitions.ran:
        run.add("full:bai_perron", full, TestResult.not_run(
            "Bai-Perron", "no break in the mean", str(partitions.reason)))
        return ()
    draws = None if nulls is None else nulls.stationary("stationary", nobs) + balance.mean()
    counts = dict(partitions.n_breaks)
    deciding = None
    if nulls is not None and (everything or rule == "sequential"):
        sequence = sequential_breaks(balance, trim=run.trim, max_breaks=max_breaks,
                                     level=run.level, n_sim=n_sim, seed=seed,
                                     lag_rule=run.lag_rule, shift=2 * run.band,
                                     null_draws=draws, partitions=partitions)
        counts["sequential"] = sequence.n_breaks
        for l_breaks, (test, cal) in enumerate(sequence.steps):
            row_id = "full:sup_f" if l_breaks == 0 else f"full:sup_f({l_breaks + 1}|{l_breaks})"
            run.add(row_id, full, test, cal, used=None if rule == "sequential" else False)
            deciding = cal if rule == "sequential" else None
    elif nulls is None:
        run.add("full:sup_f", full, sup_wald_test(balance, trim=run.trim),
                used=rule == "sequential")
    _rule_rows(run, full, counts, rule=rule, draws=draws if everything else None,
               max_breaks=max_breaks)
    chosen = partitions.breaks_for(counts[rule]) if given is None else tuple(
        int(np.flatnonzero(balance.index == d)[0]) + 1 for d in given)
    _partition_row(run, full, chosen, counts, deciding,
                   rule="given" if given is not None else rule, intervals=everything)
    if everything:
        _other_break_rows(run, full, tuple(balance.index[b - 1] for b in chosen),
                          shift=2 * run.band)
    return chosen


def _n_breaks(count: int) -> str:
    """A break count in words: ``"0 breaks"``, ``"1 break"``, ``"2 breaks"``."""
    return f"{count} break{'' if count == 1 else 's'}"


def _rule_rows(run: _Run, full: _Sample, counts: Mapping[str, int], *, rule: BreakRule,
               draws: np.ndarray | None, max_breaks: int) -> None:
    """BIC and LWZ counts, with how often they find a break in the no-break null."""
    rates = {}
    if draws is not None:
        found = break_counts(draws, trim=run.trim, max_breaks=max_breaks)
        rates = {name: float(np.mean(count > 0)) for name, count in found.items()}
    for name in ("bic", "lwz"):
        run.add(f"full:breaks_{name}", full, TestResult(
            test=f"Bai-Perron breaks by {name.upper()}", statistic=float(counts[name]),
            pvalue=None, null_hypothesis="no break in the mean", nobs=len(full.data),
            deterministic="c"), decision=_n_breaks(counts[name]), used=rule == name,
            note=(f"finds a break in {rates[name]:.0%} of simulated break-free series "
                  "(the column simulated_size)") if rates else "")
        if rates and draws is not None and run.nulls is not None:
            run.rows[-1].update(simulated_size=rates[name], decision_basis="selection rule",
                                n_sim=len(draws),
                                simulated_null=run.nulls.model("stationary").describe())


def _partition_row(run: _Run, full: _Sample, chosen: tuple[int, ...],
                   counts: Mapping[str, int], deciding: Calibration | None, *, rule: str,
                   intervals: bool) -> None:
    """The summary row of the chosen breaks (Bai 1997 intervals, Newey-West)."""
    balance = full.data
    partition = None
    if intervals:
        partition = bai_perron(balance, trim=run.trim, max_breaks=max(3, len(chosen)),
                               n_breaks=len(chosen), hac_lags=default_hac_lags(len(balance)))
    found = "none"
    if partition is not None and partition.ran:
        found = ", ".join(f"{date_label(d)} ({date_label(lo)} to {date_label(hi)})"
                          for d, lo, hi in zip(partition.break_dates, partition.ci_lower,
                                               partition.ci_upper, strict=True)) or "none"
    elif chosen:
        found = ", ".join(date_label(balance.index[b - 1]) for b in chosen)
    run.add("full:bai_perron", full, TestResult(
        test=f"breaks ({rule})", statistic=float(len(chosen)), pvalue=None,
        null_hypothesis="no break in the mean", nobs=len(balance), deterministic="c",
        params={"partition": partition}), deciding,
        decision=_n_breaks(len(chosen)), used=True,
        note=f"breaks after {found}; sequential {counts['sequential']}, BIC {counts['bic']}, "
             f"LWZ {counts['lwz']}; 95% intervals with Newey-West variances")


def _other_break_rows(run: _Run, full: _Sample, dates: Sequence[Any], *, shift: float
                      ) -> None:
    balance = full.data
    results: dict[str, TestResult] = {"sup_f_ar": ar_break_test(balance, trim=run.trim),
                                      "cusum": cusum_test(balance),
                                      "cusum_squares": cusum_squares_test(balance)}
    for date in dates:
        results[f"chow@{date_label(date)}"] = chow_test(balance, date)
    cals: dict[str, Calibration] = {}
    if run.nulls is not None:
        cals = check_break_tests(results, balance.to_numpy(), run.nulls, shift=shift,
                                 trim=run.trim, level=run.level)
    for name, result in results.items():
        run.add(f"full:{name}", full, result, cals.get(name),
                used=None if name.startswith(("chow", "sup_f_ar")) else False)
    za = zivot_andrews_test(balance, autolag=run.lag_rule)
    cal = None
    if run.nulls is not None and za.ran:
        cal = check_zivot_andrews(za, balance.to_numpy(), run.nulls,
                                  max_lags=default_max_lags(len(balance)),
                                  autolag=run.lag_rule, alternative_rho=run.alternative_rho,
                                  level=run.level)
    run.add("full:zivot_andrews", full, za, cal, used=False)


def _cointegration_rows(run: _Run, flows: pd.DataFrame, *, n_sim: int, seed: int,
                        n_boot: int) -> None:
    sample = _Sample("full", "full", flows.iloc[:, 0])
    johansen = {k: johansen_test(flows, k_ar_diff=k) for k in (1, 2, 3)}
    results: dict[str, TestResult] = {
        "engle_granger": engle_granger_test(flows, autolag=run.lag_rule),
        "ardl_bounds": ardl_bounds_test(flows)}
    for k, out in johansen.items():
        name = "johansen_trace_r0" + ("" if k == 1 else f"_k{k}")
        results[name] = out.trace[0] if out.reason is None else TestResult.not_run(
            "Johansen trace", "cointegration rank is at most 0", str(out.reason), lags=k)
    if johansen[1].reason is None:
        results["johansen_trace_r1"] = johansen[1].trace[1]
    results["johansen_beta"] = johansen_beta_test(flows)
    dols_result = dols(flows)
    results["dols_slope"] = dols_result.slope_test or TestResult.not_run(
        "DOLS slope = 1", "the long-run slope equals 1", str(dols_result.reason))
    cals: dict[str, Calibration] = {}
    if run.nulls is not None and len(flows) >= 20:
        nulls = FlowNulls(flows.to_numpy(), max_lags=default_max_lags(len(flows)),
                          n_sim=n_sim, seed=seed, lag_rule=run.lag_rule)
        cals = check_cointegration(results, nulls, alternative_rho=run.alternative_rho,
                                   max_lags=default_max_lags(len(flows)),
                                   autolag=run.lag_rule, level=run.level)
    for name in ("engle_granger", "ardl_bounds", "johansen_trace_r0",
                 "johansen_trace_r0_k2", "johansen_trace_r0_k3", "johansen_trace_r1"):
        if name in results:
            run.add(f"full:{name}", sample, results[name], cals.get(name),
                    used=None if name in ("engle_granger", "johansen_trace_r0") else False)
    linked = run.row("full:johansen_trace_r0")["decision"] == "reject"
    for name in ("johansen_beta", "dols_slope"):
        if linked:
            run.add(f"full:{name}", sample, results[name], cals.get(name))
        else:
            run.add(f"full:{name}", sample, results[name], cals.get(name),
                    decision="not reported", used=False,
                    note="not reported: beta is not identified without cointegration "
                         "(Johansen trace, rank 0 not rejected)")
    life = half_life_ecm(flows, n_boot=n_boot, seed=seed)
    _add_estimate(run, "full:half_life_ecm", sample, life, _ecm_note(life), used=False)


def _ecm_note(life: HalfLifeResults) -> str:
    if not life.ran:
        return str(life.reason)
    return (f"rho = {format_statistic(life.rho)} (least squares, biased toward short "
            f"half-lives); bootstrap {life.level:.0%} "
            f"{format_statistic(life.ci_bootstrap[0], digits=1)} to "
            f"{format_statistic(life.ci_bootstrap[1], digits=1)} {life.unit}")


# ---- the battery --------------------------------------------------------------------------

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


def _split(series: pd.Series, breakpoints: Sequence[int]) -> list[pd.Series]:
    edges = [0, *breakpoints, len(series)]
    return [series.iloc[a:b] for a, b in itertools.pairwise(edges)]


def _known_breaks(series: pd.Series, dates: Sequence[Any]) -> tuple[Any, ...]:
    missing = [d for d in dates if d not in series.index]
    if missing:
        raise ValueError(f"breaks: {missing} not in the series index "
                         f"({sample_label(series.index)}); give the last date of each old "
                         "regime as it appears in the index.")
    return tuple(sorted(dates))


def _windows(balance: pd.Series, frequency: Frequency | None, taken: set[str]
             ) -> list[_Sample]:
    out = []
    for length in _WINDOWS.get(frequency or "", ()):
        part = balance.iloc[-length:]
        key = sample_label(part.index)
        if len(part) == length and key not in taken:
            out.append(_Sample(key, "window", part))
            taken.add(key)
    return out


def convergence_battery(series: pd.Series, *, log_flows: pd.DataFrame | None = None,
                        freq: Frequency | None = None, seasonal_adjust: bool = False,
                        breaks: Literal["detect"] | Sequence[Any] | None = "detect",
                        break_rule: BreakRule = "sequential", lag_rule: LagRule = "aic",
                        trim: float = 0.15, max_breaks: int = 3, level: float = 0.05,
                        band: float = RECIPROCITY_BAND, n_sim: int = 499, power_floor: float = 0.5,
                        alternative_half_life: float = 1.0, size_checks: bool = True,
                        scope: Literal["all", "headline"] = "all", n_boot: int = 199,
                        seed: int = 0) -> BatteryResults:
    """Run every convergence test on a balance series; size-checked table and verdict.

    Parameters
    ----------
    series : Series
        The normalised balance ``(X - M)/(X + M)`` indexed by years or dates.
    log_flows : DataFrame, optional
        Two columns ``ln X`` and ``ln M`` on the same index, for the cointegration rows.
    freq : {"yearly", "quarterly", "monthly"}, optional
        Frequency; inferred from the index when None.
    seasonal_adjust : bool
        Remove an STL seasonal component first (monthly or quarterly data).
    breaks : "detect", sequence of dates, or None
        Split at the breaks ``break_rule`` selects, at given dates (each the last date
        of an old regime, e.g. ``[2013, 2021]``), or not at all.
    break_rule : {"sequential", "bic", "lwz"}
        How detected breaks are chosen: the size-checked sequential HAC sup-Wald tests
        (default), or Bai-Perron's BIC or LWZ counts.
    lag_rule : {"aic", "bic"}
        Lag selection of ADF, Zivot-Andrews, Engle-Granger and the simulated nulls.
    trim : float
        Trimming of the break tests (minimum regime 15% of the sample).
    max_breaks : int
        Largest number of breaks considered.
    level : float
        Nominal size of every test.
    band : float
        Half-width of the balance band of the equivalence tests.
    n_sim : int
        Series simulated from each fitted null (and alternative).
    power_floor : float
        A test that does not reject with power below this is not used for a verdict.
    alternative_half_life : float
        Half-life in years of the stationary alternative of the unit-root tests.
    size_checks : bool
        False skips every simulation (asymptotic decisions, the old battery).
    scope : {"all", "headline"}
        ``"headline"`` runs only what the headline clause needs (the break selection
        and the balance tests of the latest regime): the robustness table's unit.
    n_boot : int
        Bootstrap replications of the ECM half-life interval.
    seed : int
        Seed of every simulation.

    Returns
    -------
    BatteryResults

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> balance = pd.Series(0.02 * rng.standard_normal(60), index=range(1961, 2021))
    >>> out = convergence_battery(balance, breaks=None, n_sim=99)
    >>> out.headline.state
    'within_band'
    """
    balance = as_series(series)
    flows = None if log_flows is None else as_frame(log_flows, "log_flows")
    frequency = freq or infer_frequency(balance.index)
    if seasonal_adjust:
        balance = _adjust(balance, frequency)
        flows = None if flows is None else _adjust(flows, frequency)
    balance = balance.dropna()
    nulls = Nulls(balance.to_numpy(), max_lags=default_max_lags(len(balance)), n_sim=n_sim,
                  seed=seed, lag_rule=lag_rule) if size_checks and len(balance) >= 10 else None
    run = _Run(balance=balance, frequency=frequency, level=level, band=band,
               power_floor=power_floor, lag_rule=lag_rule, trim=trim, nulls=nulls,
               alternative_rho=alternative_rho(frequency, alternative_half_life))
    full = _Sample("full", "full", balance)
    given = None if breaks in ("detect", None) else _known_breaks(balance, list(breaks))
    everything = scope == "all"
    chosen = _break_rows(run, full, rule=break_rule, max_breaks=max_breaks, n_sim=n_sim,
                         seed=seed, given=given, everything=everything) \
        if breaks is not None else ()
    if nulls is not None:
        nulls.noise_breakpoints = tuple(chosen)
    regimes = [_Sample(sample_label(part.index), "regime", part)
               for part in (_split(balance, chosen) if chosen else [])]
    windows: list[_Sample] = []
    if everything:
        _unit_root_rows(run, full, "stationary")
        for regime in regimes:
            _unit_root_rows(run, regime, "noise")
        windows = _windows(balance, frequency, {"full", *(r.key for r in regimes),
                                                sample_label(balance.index)})
        for window in windows:
            _balance_rows(run, window, "noise")
        if flows is not None:
            _cointegration_rows(run, flows.dropna(), n_sim=n_sim, seed=seed, n_boot=n_boot)
    else:
        _balance_rows(run, regimes[-1] if regimes else full, "noise" if regimes else
                      "stationary")
    table = pd.DataFrame(run.rows, columns=TABLE_COLUMNS)
    dates = tuple(balance.index[b - 1] for b in chosen)
    clauses = _verdict(run, full, regimes, windows, dates) if everything else \
        [_balance_clause(run, regimes[-1] if regimes else full, headline=True)]
    settings = {"break_rule": break_rule if given is None else "given", "lag_rule": lag_rule,
                "scope": scope,
                "band": band, "level": level, "n_sim": n_sim if nulls else 0,
                "power_floor": power_floor, "trim": trim, "max_breaks": max_breaks,
                "alternative_half_life_years": alternative_half_life, "seed": seed}
    return BatteryResults(table=table, clauses=tuple(clauses), results=run.results,
                          calibrations=run.calibrations, frequency=frequency,
                          seasonally_adjusted=seasonal_adjust, breaks=dates,
                          settings=settings)


def battery_table(series: pd.Series, **kwargs: Any) -> pd.DataFrame:
    """The tidy table of :func:`convergence_battery` (what an out table stores).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> balance = pd.Series(0.3 * rng.standard_normal(40), index=range(1981, 2021))
    >>> list(battery_table(balance, breaks=None, n_sim=49).columns) == TABLE_COLUMNS
    True
    """
    return convergence_battery(series, **kwargs).table


# ---- verdict ------------------------------------------------------------------------------

def _p_text(value: float, *, bounded: bool = False) -> str:
    """``"p = 0.037"`` or ``"p < 0.001"``."""
    shown = format_pvalue(value, bounded=bounded)
    return f"p {shown}" if shown[0] in "<>" else f"p = {shown}"


def _cite(run: _Run, row_id: str) -> str:
    """A row as evidence: name, the p-value the decision used, and what qualifies it."""
    row = run.row(row_id)
    name = row["test"] if row["test"] != "ADF" else f"ADF ({row['deterministic']})"
    if row["decision"] == "not run":
        return f"{name} not run: {row['note']}"
    basis = row["decision_basis"]
    if basis == "bootstrap p-value":
        text = (f"{name} {_p_text(row['pvalue_bootstrap'])} by bootstrap (the "
                f"asymptotic test's size here is {row['simulated_size']:.0%})")
    elif basis == "simulated critical value":
        text = (f"{name} {format_statistic(row['statistic'])} against a simulated 5% value "
                f"of {format_statistic(row['critical_value_simulated'])} (asymptotic size "
                f"{row['simulated_size']:.0%})")
    elif math.isnan(row["pvalue"]):
        text = f"{name} {format_statistic(row['statistic'])}"
    else:
        text = f"{name} {_p_text(row['pvalue'], bounded=row['is_pvalue_bound'])}"
    if row["decision"] == "do not reject" and not row["is_used_for_verdict"]:
        power = row["power"]
        if isinstance(power, float) and power < run.power_floor:  # NaN compares False
            text += (f"; power {power:.0%} against {row['alternative']}, below the "
                     f"{run.power_floor:.0%} floor: not used")
        else:
            text += "; reported, not used for the verdict"
    return text


def _interval(run: _Run, key: str) -> tuple[float, float, float]:
    """Mean and the (1 - 2 level) interval the TOST decision implies.

    Bootstrap-t when the TOST is decided by bootstrap, else Student t.
    """
    result, cal = run.results[f"{key}:tost"], run.calibrations.get(f"{key}:tost")
    mean, se = result.params["mean"], result.params["hac_se"]
    if cal is not None and cal.basis != "asymptotic":
        low, high = cal.null_quantiles
    else:
        high = float(stats.t.ppf(1 - run.level, result.nobs - 1))
        low = -high
    return mean, mean - high * se, mean - low * se


def _balance_clause(run: _Run, sample: _Sample, *, headline: bool) -> Clause:
    key, band = sample.key, run.band
    ids = (f"{key}:tost", f"{key}:outside_band")
    where = {"full": "over the whole sample", "regime": "in the regime",
             "window": "over the last"}[sample.kind]
    span = sample_label(sample.data.index)
    place = (f"{where} {span}" if sample.kind != "window" else
             f"over the last {len(sample.data)} {_UNITS.get(run.frequency or '', 'periods')}"
             f" ({span})")
    base = {"topic": "balance", "row_ids": ids, "sample": key,
            "sample_start": sample.data.index[0], "sample_end": sample.data.index[-1],
            "unit": "normalised balance", "is_headline": headline}
    if not run.results[ids[0]].ran:
        return Clause(text=f"Whether trade is within ±{band:g} of balance {place} cannot be "
                      f"judged: {_cite(run, ids[0])}", state="undetermined", **base)
    tost, outside = run.row(ids[0]), run.row(ids[1])
    state = state_of(tost["decision"] == "reject" and tost["is_used_for_verdict"],
                     outside["decision"] == "reject" and outside["is_used_for_verdict"])
    mean, low, high = _interval(run, key)
    numbers = (f"mean {format_statistic(mean)} ({1 - 2 * run.level:.0%} interval "
               f"{format_statistic(low)} to {format_statistic(high)})")
    evidence = f"{_cite(run, ids[0])}; {_cite(run, ids[1])}"
    opening = {"within_band": f"Trade is within ±{band:g} of balance {place}",
               "outside_band": f"Trade is outside ±{band:g} of balance {place}",
               "undetermined": f"Whether trade is within ±{band:g} of balance {place} is "
                               "undetermined"}[state]
    return Clause(text=f"{opening}: {numbers}; {evidence}", state=state, estimate=mean,
                  ci_lower=low, ci_upper=high, **base)


def _reversion_clause(run: _Run, sample: _Sample) -> Clause:
    key = sample.key
    ids = (f"{key}:adf_n", f"{key}:adf_c", f"{key}:kpss_c")
    adf_n, adf_c, kpss = (run.row(i) for i in ids)
    evidence = "; ".join(_cite(run, i) for i in ids)
    span = sample_label(sample.data.index)
    if "reject" in (adf_n["decision"], adf_c["decision"]):
        state, text = "stationary", "a unit root is rejected: shocks to the balance die out"
    elif adf_c["decision"] == "do not reject" and adf_c["is_used_for_verdict"]:
        state, text = "unit_root_not_rejected", "a unit root is not rejected: shocks " \
            "to the balance may not die out"
    else:
        state, text = "undetermined", "whether shocks to the balance die out cannot be " \
            "judged"
    if kpss["decision"] == "reject" and state == "stationary":
        text += " (though KPSS rejects stationarity)"
    return Clause(topic="reversion", text=f"Over {span}, {text} ({evidence})", row_ids=ids,
                  state=state, sample=key, sample_start=sample.data.index[0],
                  sample_end=sample.data.index[-1])


def _persistence_clause(run: _Run, sample: _Sample) -> Clause | None:
    row_id = f"{sample.key}:half_life_ar1"
    life: PersistenceResults = run.results[row_id]
    if not life.ran:
        return None
    unit = life.unit
    low, high = life.half_life_ci
    upper = "infinity" if math.isinf(high) else f"{format_statistic(high, digits=1)} {unit}"
    consistent = ("a unit root cannot be excluded" if math.isinf(high) else
                  "a unit root is excluded at 5% (one-sided)")
    interval = (f"{life.level:.0%} interval {format_statistic(low, digits=1)} {unit} to "
                f"{upper}; least squares would say "
                f"{format_statistic(life.half_life_ols, digits=1)}")
    if math.isinf(life.half_life):
        text = (f"Deviations never halve: the median-unbiased AR(1) coefficient (Andrews "
                f"1993) is 1 ({interval}): {consistent}")
    else:
        text = (f"Deviations halve in {format_statistic(life.half_life, digits=1)} {unit} "
                f"(median-unbiased, Andrews 1993; {interval}): {consistent}")
    return Clause(topic="persistence", text=text, row_ids=(row_id,),
                  state="unit_root_in_interval" if math.isinf(high) else "stationary",
                  sample=sample.key, sample_start=sample.data.index[0],
                  sample_end=sample.data.index[-1], estimate=life.half_life, ci_lower=low,
                  ci_upper=high, unit=unit)


def _break_clauses(run: _Run, dates: Sequence[Any]) -> list[Clause]:
    if not run.has("full:bai_perron") or run.row("full:bai_perron")["decision"] == "not run":
        return []
    result: TestResult = run.results["full:bai_perron"]
    partition = result.params.get("partition")
    rule = result.test.split("(")[-1].rstrip(")")
    steps = [row["id"] for row in run.rows if row["id"].startswith("full:sup_f")
             and row["id"] != "full:sup_f_ar"]
    ids = ("full:bai_perron", *steps, "full:breaks_bic", "full:breaks_lwz", "full:sup_f_ar")
    evidence = "; ".join(_cite(run, i) for i in steps)
    bic = run.row("full:breaks_bic")
    false_rate = (f" (BIC finds a break in {bic['simulated_size']:.0%} of simulated "
                  "break-free series)" if not math.isnan(bic["simulated_size"]) else "")
    if dates:
        found = ", ".join(date_label(d) for d in dates)
        opening = (f"{len(dates)} break{'s' if len(dates) > 1 else ''} in the mean ({rule}),"
                   f" after {found}")
    elif not steps or run.row(steps[0])["is_used_for_verdict"]:
        opening = f"No break in the mean survives ({rule})"
    else:
        opening = f"No break in the mean can be established ({rule})"
    text = (f"{opening}: {evidence or 'breaks given'}; BIC would choose "
            f"{int(bic['statistic'])}{false_rate}, LWZ "
            f"{int(run.row('full:breaks_lwz')['statistic'])}; allowing the AR coefficient "
            f"to break, {_cite(run, 'full:sup_f_ar')}")
    clauses = [Clause(topic="breaks", text=text, row_ids=ids, state=f"{len(dates)}_breaks",
                      sample="full", sample_start=run.balance.index[0],
                      sample_end=run.balance.index[-1], estimate=float(len(dates)))]
    if partition is None:
        return clauses
    for date, low, high in zip(partition.break_dates, partition.ci_lower, partition.ci_upper,
                               strict=True):
        clauses.append(Clause(
            topic="break", row_ids=("full:bai_perron",), state="survives",
            text=(f"Break after {date_label(date)}: {partition.level:.0%} interval "
                  f"{date_label(low)} to {date_label(high)} (Bai 1997, Newey-West)"),
            sample="full", break_date=date, break_ci_lower=low, break_ci_upper=high))
    return clauses


def _cointegration_clause(run: _Run) -> Clause:
    ids = ("full:johansen_trace_r0", "full:engle_granger", "full:ardl_bounds")
    trace, eg = run.row(ids[0]), run.row(ids[1])
    if trace["decision"] == "reject" or eg["decision"] == "reject":
        state, text = "cointegrated", "ln X and ln M are cointegrated"
    elif trace["is_used_for_verdict"] and eg["is_used_for_verdict"]:
        state, text = "not_cointegrated", "ln X and ln M are not cointegrated at 5%"
    else:
        state, text = "undetermined", "whether ln X and ln M are cointegrated is undetermined"
    evidence = "; ".join(_cite(run, i) for i in ids)
    lag_ids = [i for i in ("full:johansen_trace_r0_k2", "full:johansen_trace_r0_k3")
               if run.has(i)]
    sensitivity = ", ".join(f"{run.row(i)['lags']} lags: {run.row(i)['decision']}"
                            for i in (ids[0], *lag_ids))
    text = f"{text} ({evidence}; Johansen rank 0 at {sensitivity})"
    beta_ids = ("full:johansen_beta", "full:dols_slope")
    if state == "cointegrated":
        verdicts = {run.row(i)["decision"] for i in beta_ids} - {"not run"}
        balanced = ("could not be tested" if not verdicts else
                    "rejected" if verdicts == {"reject"} else
                    "not rejected" if verdicts == {"do not reject"} else
                    "rejected by one test and not by the other")
        text += (f"; the balanced-trade vector (1, -1) is {balanced} "
                 f"({'; '.join(_cite(run, i) for i in beta_ids)})")
    else:
        text += "; the balanced-trade vector is not tested without cointegration"
    return Clause(topic="cointegration", text=text, row_ids=(*ids, *lag_ids, *beta_ids),
                  state=state, sample="full")


def _verdict(run: _Run, full: _Sample, regimes: list[_Sample], windows: list[_Sample],
             dates: Sequence[Any]) -> list[Clause]:
    latest = regimes[-1] if regimes else full
    clauses = [_balance_clause(run, latest, headline=True)]
    if regimes:
        clauses.append(_balance_clause(run, full, headline=False))
        clauses += [_balance_clause(run, r, headline=False) for r in regimes[:-1]]
    clauses += [_balance_clause(run, w, headline=False) for w in windows]
    clauses.append(_reversion_clause(run, latest))
    if regimes:
        clauses.append(_reversion_clause(run, full))
    clauses += [c for c in (_persistence_clause(run, full),) if c is not None]
    clauses += _break_clauses(run, dates)
    if run.has("full:johansen_trace_r0"):
        clauses.append(_cointegration_clause(run))
    return clauses
