"""Out-of-sample calibration: intervals and band probabilities from backtest errors.

A model's own intervals assume its own error distribution; the backtest shows the errors
it actually made. Recalibration replaces the model's spread by those errors, horizon by
horizon, and never uses an error that was not yet observed:

* **Intervals** are split-conformal by horizon (Vovk, Gammerman & Shafer 2005; Lei,
  G'Sell, Rinaldo, Tibshirani & Wasserman 2018, JASA 113(523), §2.2): the ``p`` interval
  at horizon ``h`` is ``mean ± q``, where ``q`` is the ``ceil((n + 1) p)``-th smallest of
  the ``n`` absolute ``h``-step errors observed so far. It is infinite (not
  calibratable) while ``n < p / (1 - p)``: 4 errors for 80%, 19 for 95%.
* **Band probabilities** come from the same errors, an empirical predictive distribution
  (a conformal predictive system, Vovk, Shen, Manokhin & Xie 2017): ``P(|balance| <
  band) = share of observed h-step errors e with |mean + e| < band``.
* **Windows** (a calendar year, China's January-February release, a year-to-date
  total): the average over horizons ``first..last`` of the monthly forecasts, calibrated
  on the same average of the errors from every earlier origin with that whole window
  observed. The average of monthly normalised balances stands in for the balance of the
  summed flows (they differ by the months' weights in trade, second order here).

In the backtest (:func:`realtime_recalibration`) each row is recalibrated with the errors
of targets observed by its origin only (calibrated on earlier folds, scored on later
ones). Scoring compares the model's and the recalibrated coverage on the same rows
(:func:`coverage_table`), and the band probability's Brier score with climatology, the
band's historical frequency up to the origin (:func:`brier_table`,
:func:`reliability_table`).

Examples
--------
>>> import numpy as np, pandas as pd
>>> from econ.forecast import Naive, rolling_origin
>>> y = pd.Series(0.1 * np.sin(np.arange(60.0)), index=range(1960, 2020))
>>> bt = rolling_origin(y, [Naive()], horizon=2, initial=20, band=0.05)
>>> scored = realtime_recalibration(bt.forecasts, band=0.05)
>>> table = coverage_table(scored)
>>> sorted(table["level"].unique().tolist())
[80, 95]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from econ.forecast.result import ForecastResult

__all__ = [
    "LEVELS",
    "RELIABILITY_BINS",
    "band_probability",
    "brier_table",
    "calibrated_windows",
    "climatology",
    "conformal_half_width",
    "coverage_table",
    "realtime_recalibration",
    "reliability_table",
    "window_forecasts",
]

#: Interval levels (percent) that are recalibrated and scored.
LEVELS = (80, 95)
#: Edges of the forecast-probability bins of the reliability table.
RELIABILITY_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
#: Fewest observed errors behind a recalibrated probability.
MIN_PROBABILITY_ERRORS = 10


def conformal_half_width(errors: ArrayLike, level: float) -> float:
    """Split-conformal half-width: the ``ceil((n + 1) level/100)``-th smallest ``|e|``.

    Missing errors are ignored; too few errors give ``inf`` (an interval that cannot be
    calibrated yet).

    Examples
    --------
    >>> conformal_half_width([0.1, -0.3, 0.2, 0.05], 80)
    0.3
    >>> conformal_half_width([0.1, -0.3], 95)
    inf
    """
    e = np.abs(np.asarray(errors, dtype=float))
    return _order_statistic(np.sort(e[~np.isnan(e)]), level)


def _order_statistic(sorted_abs: np.ndarray, level: float) -> float:
    """The conformal quantile of already sorted absolute errors."""
    k = math.ceil((len(sorted_abs) + 1) * level / 100)
    return float(sorted_abs[k - 1]) if k <= len(sorted_abs) else math.inf


def band_probability(mean: ArrayLike, errors: ArrayLike, band: float) -> np.ndarray:
    """Share of observed errors ``e`` that put ``mean + e`` inside ``(-band, band)``.

    Examples
    --------
    >>> band_probability([0.0, 0.05], [-0.04, 0.02, 0.08], 0.05).round(3).tolist()
    [0.667, 0.333]
    """
    e = np.asarray(errors, dtype=float)
    e = e[~np.isnan(e)]
    m = np.atleast_1d(np.asarray(mean, dtype=float))
    if len(e) == 0:
        return np.full(m.shape, np.nan)
    return (np.abs(m[:, None] + e[None, :]) < band).mean(axis=1)  # type: ignore[no-any-return]


def window_forecasts(forecasts: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Backtest rows of the average over horizons ``first..last`` from each origin.

    Only origins that forecast the whole window (each horizon once) are kept; ``actual``
    is missing unless every month of the window was observed. ``horizon`` is ``last`` and
    ``period`` the window's last period, so :func:`realtime_recalibration` treats windows
    as horizons.

    Examples
    --------
    >>> rows = pd.DataFrame({"model": "m", "origin": 0, "horizon": [1, 2],
    ...                      "period": [1, 2], "actual": [0.1, 0.3], "mean": [0.0, 0.2]})
    >>> window_forecasts(rows, 1, 2)[["horizon", "actual", "mean"]].values.round(2).tolist()
    [[2.0, 0.2, 0.1]]
    """
    layout = _Layout.of(forecasts)
    lines, mean, actual = layout.window(first, last)
    period = forecasts["period"].to_numpy()[layout.rows[lines, last - 1]]
    return (layout.keys.iloc[lines].reset_index(drop=True)
            .assign(period=period, mean=mean, actual=actual, horizon=last,
                    first_horizon=first))


@dataclass(frozen=True)
class _Layout:
    """Backtest rows, one line per model and origin, one column per horizon.

    Every window of horizons is then a slice (a groupby per window costs more than its
    sums).
    """

    keys: pd.DataFrame  # model, origin of each line, sorted
    rows: np.ndarray  # row of each line and horizon, -1 where there is none (or several)
    mean: np.ndarray
    actual: np.ndarray

    @classmethod
    def of(cls, forecasts: pd.DataFrame) -> _Layout:
        grouped = forecasts.groupby(["model", "origin"], sort=True)
        line = grouped.ngroup().to_numpy()
        column = forecasts["horizon"].to_numpy(dtype="int64") - 1
        shape = (grouped.ngroups, int(column.max()) + 1 if len(column) else 0)
        counts = np.zeros(shape, dtype="int64")
        np.add.at(counts, (line, column), 1)
        rows = np.full(shape, -1, dtype="int64")
        rows[line, column] = np.arange(len(forecasts))
        rows[counts != 1] = -1
        values = {c: np.append(forecasts[c].to_numpy(dtype=float), np.nan)[rows]
                  for c in ("mean", "actual")}
        return cls(grouped.size().index.to_frame(index=False), rows, values["mean"],
                   values["actual"])

    def window(self, first: int, last: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lines with the whole window, and their window averages of mean and actual.

        The averages are computed as a pandas groupby mean (the forecast) and a
        ``Series.mean`` of each line's actual values, so they equal a groupby of the rows.
        """
        if not 1 <= first <= last:
            raise ValueError(f"first, last: expected 1 <= first <= last, found {first}, "
                             f"{last}.")
        columns = slice(first - 1, last)
        lines = np.flatnonzero((self.rows[:, columns] >= 0).all(axis=1)
                               & (last <= self.rows.shape[1]))
        width = last - first + 1
        block = self.mean[lines, columns]
        mean = (pd.Series(block.ravel()).groupby(np.repeat(np.arange(len(lines)), width))
                .mean().to_numpy()) if len(lines) else np.empty(0)
        actual = self.actual[lines, columns]
        observed = ~np.isnan(actual).any(axis=1)
        return lines, mean, np.where(observed, actual.sum(axis=1) / width, np.nan)


def _prefix_lengths(periods: np.ndarray, origins: np.ndarray) -> np.ndarray:
    """For each origin, how many rows (sorted by period) have a target observed by then."""
    return np.searchsorted(periods, origins, side="right")


def realtime_recalibration(forecasts: pd.DataFrame, *, band: float | None = None,
                           levels: Sequence[int] = LEVELS) -> pd.DataFrame:
    """Each backtest row recalibrated with the errors observed by its origin.

    Parameters
    ----------
    forecasts : pandas.DataFrame
        :attr:`econ.forecast.Backtest.forecasts` (or :func:`window_forecasts`).
    band : float, optional
        Band of the recalibrated probability ``prob_within_recalibrated``.
    levels : sequence of int
        Interval levels in percent (default 80 and 95).

    Returns
    -------
    pandas.DataFrame
        The rows with ``n_calibration`` (errors behind the row),
        ``lower_<L>_recalibrated``/``upper_<L>_recalibrated`` (infinite while too few
        errors) and, with a band, ``prob_within_recalibrated`` (missing with fewer than
        10 errors).
    """
    periods, origins = forecasts["period"].to_numpy(), forecasts["origin"].to_numpy()
    means = forecasts["mean"].to_numpy(dtype=float)
    errors = forecasts["actual"].to_numpy(dtype=float) - means
    n_calibration = np.zeros(len(forecasts), dtype="int64")
    half = {level: np.full(len(forecasts), math.inf) for level in levels}
    probs = np.full(len(forecasts), np.nan)
    for rows in forecasts.groupby(["model", "horizon"], sort=False).indices.values():
        rows = rows[np.argsort(periods[rows], kind="stable")]
        e = errors[rows]
        known = [e[:k][~np.isnan(e[:k])] for k in range(len(e) + 1)]
        ordered = [np.sort(np.abs(k)) for k in known]
        for row, k in zip(rows, _prefix_lengths(periods[rows], origins[rows]), strict=True):
            n_calibration[row] = len(known[k])
            for level in levels:
                half[level][row] = _order_statistic(ordered[k], level)
            if band is not None and len(known[k]) >= MIN_PROBABILITY_ERRORS:
                probs[row] = np.mean(np.abs(means[row] + known[k]) < band)
    out = forecasts.assign(n_calibration=n_calibration)
    for level in levels:
        out[f"lower_{level}_recalibrated"] = means - half[level]
        out[f"upper_{level}_recalibrated"] = means + half[level]
    if band is not None:
        out["prob_within_recalibrated"] = probs
    return out


def _coverage(rows: pd.DataFrame, lower: str, upper: str) -> float:
    inside = (rows["actual"] >= rows[lower]) & (rows["actual"] <= rows[upper])
    return float(inside.mean()) if len(rows) else math.nan


def _coverage_rows(rows: pd.DataFrame, level: int) -> dict[str, float]:
    observed = rows[rows["actual"].notna()]
    lower, upper = f"lower_{level}_recalibrated", f"upper_{level}_recalibrated"
    scored = observed[np.isfinite(observed[lower]) & np.isfinite(observed[upper])]
    return {
        "level": level, "n_model": len(observed),
        "coverage_model": _coverage(observed, f"lower_{level}", f"upper_{level}"),
        "n_scored": len(scored), "n_origins_scored": int(scored["origin"].nunique()),
        "coverage_model_scored": _coverage(scored, f"lower_{level}", f"upper_{level}"),
        "coverage_recalibrated": _coverage(scored, lower, upper),
        "width_model_scored": float((scored[f"upper_{level}"]
                                     - scored[f"lower_{level}"]).mean()),
        "width_recalibrated": float((scored[upper] - scored[lower]).mean()),
    }


def coverage_table(scored: pd.DataFrame, levels: Sequence[int] = LEVELS) -> pd.DataFrame:
    """Coverage of the model's and the recalibrated intervals, per model and horizon.

    ``coverage_model`` uses every observed row; ``coverage_model_scored`` and
    ``coverage_recalibrated`` the rows whose recalibrated interval is finite (enough
    earlier errors), so before and after are compared on the same rows; widths are
    means over those rows. Rows with a missing ``horizon`` pool every horizon.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`realtime_recalibration`.
    levels : sequence of int
        Interval levels in percent.
    """
    records = []
    for model, rows in scored.groupby("model", sort=True):
        for level in levels:
            records.append({"model": model, "horizon": np.nan, **_coverage_rows(rows, level)})
            for horizon, by_h in rows.groupby("horizon", sort=True):
                records.append({"model": model, "horizon": horizon,
                                **_coverage_rows(by_h, level)})
    table = pd.DataFrame.from_records(records)
    return table.astype({"horizon": "Int64", "n_model": "int64", "n_scored": "int64",
                         "n_origins_scored": "int64"})


def climatology(target: pd.Series, origins: Iterable[pd.Timestamp], band: float) -> pd.Series:
    """Share of the periods up to each origin with ``|target| < band``.

    The no-skill forecast a band probability must beat: how often the balance was inside
    the band in the data known at the origin.

    Examples
    --------
    >>> y = pd.Series([0.0, 0.2, 0.01, 0.3], index=pd.date_range("2020", periods=4, freq="YS"))
    >>> climatology(y, [y.index[1], y.index[3]], 0.05).tolist()
    [0.5, 0.5]
    """
    inside = (target.abs() < band).astype(float).cumsum() / np.arange(1, len(target) + 1)
    wanted = pd.DatetimeIndex(list(origins))
    return pd.Series(inside.reindex(wanted).to_numpy(), index=wanted, name="climatology")


def _brier_rows(scored: pd.DataFrame, target: pd.Series, band: float) -> pd.DataFrame:
    rows = scored.dropna(subset=["actual", "prob_within", "prob_within_recalibrated"])
    clim = climatology(target, rows["origin"].unique(), band)
    return rows.assign(outcome=(rows["actual"].abs() < band).astype(float),
                       prob_within_climatology=clim.reindex(rows["origin"]).to_numpy())


_FORECASTS = {"model": "prob_within", "recalibrated": "prob_within_recalibrated",
              "climatology": "prob_within_climatology"}


def brier_table(scored: pd.DataFrame, target: pd.Series, band: float) -> pd.DataFrame:
    """Brier score of the band probability: model, recalibrated and climatology.

    Scored on the rows where all three exist. ``brier_skill`` is ``1 - brier /
    brier_climatology`` (positive: better than the band's historical frequency);
    ``beats_climatology`` says whether it is positive.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`realtime_recalibration` with a band (and ``prob_within`` rows
        from a backtest run with the same band).
    target : pandas.Series
        The series the backtest forecast (for the climatology).
    band : float
        The band.
    """
    rows = _brier_rows(scored, target, band)
    records = []
    for model, group in rows.groupby("model", sort=True):
        reference = float(((group["prob_within_climatology"] - group["outcome"]) ** 2).mean())
        for kind, column in _FORECASTS.items():
            brier = float(((group[column] - group["outcome"]) ** 2).mean())
            records.append({"model": model, "forecast": kind, "n": len(group),
                            "n_origins": int(group["origin"].nunique()),
                            "base_rate": float(group["outcome"].mean()),
                            "mean_probability": float(group[column].mean()),
                            "brier": brier, "brier_climatology": reference,
                            "brier_skill": 1 - brier / reference if reference > 0 else np.nan})
    columns = ["model", "forecast", "n", "n_origins", "base_rate", "mean_probability",
               "brier", "brier_climatology", "brier_skill"]
    table = pd.DataFrame.from_records(records, columns=columns)
    table["beats_climatology"] = table["brier_skill"] > 0
    return table


def reliability_table(scored: pd.DataFrame, target: pd.Series, band: float,
                      bins: Sequence[float] = RELIABILITY_BINS) -> pd.DataFrame:
    """Reliability of the band probability: forecast vs observed frequency by bin.

    One row per model, forecast (model, recalibrated, climatology) and probability bin
    (``bin_lower <= p < bin_upper``, the last bin closed): the rows in it, their mean
    forecast probability and the share that ended inside the band. A reliable forecast
    has ``observed_rate`` close to ``forecast_mean`` in every bin.
    """
    rows = _brier_rows(scored, target, band)
    edges = np.asarray(bins, dtype=float)
    records = []
    for model, group in rows.groupby("model", sort=True):
        for kind, column in _FORECASTS.items():
            which = np.clip(np.searchsorted(edges, group[column], side="right") - 1, 0,
                            len(edges) - 2)
            for b in range(len(edges) - 1):
                inside = group[which == b]
                records.append({"model": model, "forecast": kind, "bin_lower": edges[b],
                                "bin_upper": edges[b + 1], "n": len(inside),
                                "forecast_mean": float(inside[column].mean())
                                if len(inside) else np.nan,
                                "observed_rate": float(inside["outcome"].mean())
                                if len(inside) else np.nan})
    columns = ["model", "forecast", "bin_lower", "bin_upper", "n", "forecast_mean",
               "observed_rate"]
    return pd.DataFrame.from_records(records, columns=columns).astype({"n": "int64"})


def calibrated_windows(result: ForecastResult, forecasts: pd.DataFrame,
                       windows: Sequence[tuple[int, int]], *, band: float | None = None,
                       levels: Sequence[int] = LEVELS) -> pd.DataFrame:
    """A final forecast recalibrated with every backtest error of its model.

    Parameters
    ----------
    result : ForecastResult
        The forecast from the last origin.
    forecasts : pandas.DataFrame
        Backtest rows of the same model (:attr:`econ.forecast.Backtest.forecasts`).
    windows : sequence of (first, last)
        1-based horizon windows; ``(h, h)`` is horizon ``h`` alone.
    band : float, optional
        Band of the probabilities.
    levels : sequence of int
        Interval levels in percent.

    Returns
    -------
    pandas.DataFrame
        One row per window: ``first_horizon, last_horizon, start, end`` (periods),
        ``mean``, ``lower_<L>``/``upper_<L>`` (recalibrated; missing when the window has
        too few observed errors: 4 for 80%, 19 for 95%), ``n_calibration`` and, with a band,
        ``prob_within`` (recalibrated), ``prob_within_model`` and its simulation
        standard error ``prob_within_model_se`` (0 when exact).

    Examples
    --------
    >>> from econ.forecast import Naive, rolling_origin
    >>> y = pd.Series(0.1 * np.sin(np.arange(60.0)), index=range(1960, 2020))
    >>> bt = rolling_origin(y, [Naive()], horizon=2, initial=20)
    >>> table = calibrated_windows(Naive().fit(y, horizon=2), bt.forecasts, [(1, 1), (1, 2)])
    >>> table["n_calibration"].tolist()
    [40, 39]
    """
    records = []
    means = result.mean.to_numpy()
    layout = _Layout.of(forecasts)
    for first, last in windows:
        if last > result.horizon:
            raise ValueError(f"windows: horizon {last} is beyond the forecast's "
                             f"{result.horizon} periods.")
        _, window_mean, window_actual = layout.window(first, last)
        errors = window_actual - window_mean
        errors = errors[~np.isnan(errors)]
        mean = float(means[first - 1:last].mean())
        record: dict[str, object] = {
            "first_horizon": first, "last_horizon": last,
            "start": result.mean.index[first - 1], "end": result.mean.index[last - 1],
            "mean": mean, "n_calibration": len(errors)}
        for level in levels:
            half = conformal_half_width(errors, level)
            if math.isinf(half):  # too few errors: no calibrated interval to publish
                half = math.nan
            record[f"lower_{level}"], record[f"upper_{level}"] = mean - half, mean + half
        if band is not None:
            record["prob_within"] = (float(band_probability(mean, errors, band)[0])
                                     if len(errors) >= MIN_PROBABILITY_ERRORS else np.nan)
            if first == last:
                record["prob_within_model"] = result.prob_within(band, horizon=first)
                record["prob_within_model_se"] = float(
                    result.prob_within_se(band).iloc[first - 1])
            else:
                p, se = result.average_prob_within(band, range(first, last + 1))
                record["prob_within_model"], record["prob_within_model_se"] = p, se
        records.append(record)
    return pd.DataFrame.from_records(records)
