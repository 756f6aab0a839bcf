"""What a fitted forecasting model returns: means, intervals, simulated paths.

A :class:`ForecastResult` holds the point forecast per horizon, either the standard
deviation of a Gaussian forecast distribution (``se``) or nothing, and a seeded sampler
of joint paths. Intervals come from ``se`` when the model has a Gaussian forecast
distribution (exactly as statsmodels computes them) and from the paths otherwise. So is
the probability that the balance lies in a band: exact for a Gaussian forecast, else the
share of paths inside the band, whose simulation standard error
``sqrt(p (1 - p) / n_paths)`` is at most 0.005 with the default 10,000 paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, overload

import numpy as np
import pandas as pd
from scipy import stats

from econ.results import Results, format_number

__all__ = [
    "DEFAULT_N_PATHS",
    "FORECAST_QUANTILES",
    "ForecastResult",
    "Sampler",
    "TrendReadout",
    "combine_forecasts",
    "forecast_frame",
    "result_from_paths",
]

DEFAULT_N_PATHS = 10_000
#: Quantiles the backtest scores: the ends of the 95% and 80% intervals and the median.
FORECAST_QUANTILES = (0.025, 0.1, 0.5, 0.9, 0.975)

#: ``sampler(n_paths, rng)`` returns ``{"y": array (n_paths, horizon), ...}``; flow models
#: add ``"exports"`` and ``"imports"`` paths in levels.
Sampler = Callable[[int, np.random.Generator], dict[str, np.ndarray]]


@dataclass(frozen=True, repr=False)
class TrendReadout(Results):
    """Is the series moving toward balance? The smoothed slope at the last period.

    ``direction`` is ``"toward balance"`` when the slope's interval excludes zero and
    the slope has the opposite sign to the level (a surplus shrinking or a deficit
    narrowing), ``"away from balance"`` when it has the same sign, and
    ``"no clear direction"`` when the interval covers zero.
    """

    period: pd.Timestamp
    level: float
    slope: float
    slope_ci_lower: float
    slope_ci_upper: float
    alpha: float

    title = "Trend readout (local linear trend, smoothed)"

    @property
    def direction(self) -> str:
        """``toward balance``, ``away from balance`` or ``no clear direction``."""
        if self.slope_ci_lower <= 0 <= self.slope_ci_upper:
            return "no clear direction"
        toward = np.sign(self.slope) == -np.sign(self.level)
        return "toward balance" if toward else "away from balance"

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        yield "", "period", str(self.period.date())
        yield "", "level", self.level
        yield "", "slope per period", self.slope
        level = f"{100 * (1 - self.alpha):g}%"
        yield "", f"slope {level} interval lower", self.slope_ci_lower
        yield "", f"slope {level} interval upper", self.slope_ci_upper
        yield "", "direction", self.direction


@dataclass(frozen=True, repr=False)
class ForecastResult(Results):
    """A probabilistic forecast for horizons 1..h.

    Parameters
    ----------
    model : str
        Name of the model that made it (``"naive"``, ``"arima"`` ...).
    mean : pandas.Series
        Point forecast indexed by the forecast periods.
    se : pandas.Series or None
        Standard deviation of a Gaussian forecast distribution per horizon; None when
        intervals come from the simulated paths.
    history : pandas.Series
        The series the model was fitted to (the target: for a flow model, the balance).
    sampler : callable
        ``sampler(n_paths, rng) -> {"y": paths, ...}``; see :data:`Sampler`.
    n_paths, seed : int
        Size and seed of :attr:`paths`; the same seed gives the same paths (default
        10,000 paths: a simulated probability has a standard error of at most 0.005).
    spec : str
        The fitted specification, e.g. ``"ARIMA(1,0,0) c"``.
    params : mapping
        Estimated parameters by name.
    trend : pandas.DataFrame, optional
        Smoothed ``level``, ``slope`` and ``slope_se`` per period (local linear trend).

    Examples
    --------
    >>> from econ.forecast import Naive
    >>> y = pd.Series([0.1, 0.2, 0.15, 0.1], index=[2001, 2002, 2003, 2004])
    >>> result = Naive().fit(y, horizon=2)
    >>> result.summary_frame(alpha=0.05).columns.tolist()
    ['mean', 'mean_ci_lower', 'mean_ci_upper']
    """

    model: str
    mean: pd.Series
    se: pd.Series | None
    history: pd.Series
    sampler: Sampler
    n_paths: int = DEFAULT_N_PATHS
    seed: int = 0
    spec: str = ""
    params: Mapping[str, float] = field(default_factory=dict)
    trend: pd.DataFrame | None = None

    @property
    def title(self) -> str:  # type: ignore[override]
        """Heading of the summary: the spec that was run, else the model's name."""
        return f"Forecast: {self.spec or self.model}"

    @property
    def horizon(self) -> int:
        """Number of periods forecast."""
        return len(self.mean)

    @cached_property
    def simulated(self) -> dict[str, np.ndarray]:
        """All simulated paths, seeded: ``{"y": (n_paths, h), ...}``."""
        return self.sampler(self.n_paths, np.random.default_rng(self.seed))

    @property
    def paths(self) -> np.ndarray:
        """Simulated joint paths of the target, shape ``(n_paths, horizon)``."""
        return self.simulated["y"]

    @property
    def flow_paths(self) -> dict[str, np.ndarray] | None:
        """Simulated ``exports`` and ``imports`` paths in levels (flow models only)."""
        flows = {k: v for k, v in self.simulated.items() if k != "y"}
        return flows or None

    def quantiles(self, probs: Sequence[float]) -> np.ndarray:
        """Forecast quantiles, shape ``(horizon, len(probs))``.

        Gaussian (``mean + se * z``) where the model has ``se``, else from the paths.
        """
        levels = np.asarray(probs, dtype=float)
        out: np.ndarray
        if self.se is not None:
            out = (self.mean.to_numpy()[:, None]
                   + self.se.to_numpy()[:, None] * stats.norm.ppf(levels)[None, :])
        else:
            out = np.quantile(self.paths, levels, axis=0).T
        return out

    def summary_frame(self, alpha: float = 0.05) -> pd.DataFrame:
        """Mean and ``100(1 - alpha)%`` interval per horizon, like statsmodels.

        Parameters
        ----------
        alpha : float
            One minus the interval's coverage (0.05 gives a 95% interval).

        Returns
        -------
        pandas.DataFrame
            Columns ``mean, mean_ci_lower, mean_ci_upper``, indexed by period.

        Examples
        --------
        >>> from econ.forecast import Naive
        >>> y = pd.Series([0.3, 0.2, 0.1, 0.02], index=[2001, 2002, 2003, 2004])
        >>> Naive().fit(y, horizon=1).summary_frame(0.05).round(3).values.tolist()
        [[0.02, -0.164, 0.204]]
        """
        if not 0 < alpha < 1:
            raise ValueError(f"alpha: expected a number in (0, 1), found {alpha}.")
        bounds = self.quantiles([alpha / 2, 1 - alpha / 2])
        return pd.DataFrame({"mean": self.mean.to_numpy(), "mean_ci_lower": bounds[:, 0],
                             "mean_ci_upper": bounds[:, 1]}, index=self.mean.index)

    def _check_band(self, band: float) -> None:
        if not 0 < band <= 1:
            raise ValueError(f"band: expected a number in (0, 1], found {band}.")
        lo, hi = float(self.history.min()), float(self.history.max())
        if lo < -1 or hi > 1:
            raise ValueError(
                f"prob_within needs a forecast of a normalised balance (in [-1, 1]); the "
                f"model was fitted to values in [{format_number(lo)}, {format_number(hi)}]. "
                "Fit it to (X - M) / (X + M), or fit VECM to exports and imports.")

    @overload
    def prob_within(self, band: float, horizon: None = None) -> pd.Series: ...

    @overload
    def prob_within(self, band: float, horizon: int) -> float: ...

    def prob_within(self, band: float, horizon: int | None = None) -> pd.Series | float:
        """Probability that ``|balance| < band``: exact if Gaussian, else from the paths.

        Parameters
        ----------
        band : float
            Half-width of the reciprocity band on the normalised balance, e.g. 0.05.
        horizon : int, optional
            1-based horizon; None gives every horizon.

        Returns
        -------
        float or pandas.Series
            One probability, or one per forecast period.

        Examples
        --------
        >>> from econ.forecast import Naive
        >>> y = pd.Series([0.3, 0.2, 0.1, 0.02], index=[2001, 2002, 2003, 2004])
        >>> round(Naive().fit(y, horizon=2).prob_within(0.05, horizon=1), 3)
        0.398
        """
        self._check_band(band)
        if self.se is not None:
            mean, se = self.mean.to_numpy(), self.se.to_numpy()
            values = stats.norm.cdf((band - mean) / se) - stats.norm.cdf((-band - mean) / se)
        else:
            values = (np.abs(self.paths) < band).mean(axis=0)
        probs = pd.Series(values, index=self.mean.index, name=f"prob_within_{band:g}")
        if horizon is None:
            return probs
        if not 1 <= horizon <= self.horizon:
            raise ValueError(f"horizon: expected 1..{self.horizon}, found {horizon}.")
        return float(probs.iloc[horizon - 1])

    def prob_within_se(self, band: float) -> pd.Series:
        """Simulation standard error of :meth:`prob_within` per period (0 when exact).

        Examples
        --------
        >>> from econ.forecast import Naive
        >>> y = pd.Series([0.3, 0.2, 0.1, 0.02], index=[2001, 2002, 2003, 2004])
        >>> Naive().fit(y, horizon=2).prob_within_se(0.05).tolist()
        [0.0, 0.0]
        """
        probs = self.prob_within(band)
        if self.se is not None:
            return probs * 0.0
        return np.sqrt(probs * (1 - probs) / self.n_paths)

    def average_prob_within(self, band: float, horizons: Sequence[int]) -> tuple[float, float]:
        """Probability that the balance averaged over ``horizons`` is inside the band.

        The average of the monthly balances of a calendar year (or of a release that
        sums several months) is taken path by path, so the months' joint distribution
        counts. Returns the probability and its simulation standard error.

        Parameters
        ----------
        band : float
            Half-width of the band.
        horizons : sequence of int
            1-based horizons averaged, e.g. ``range(1, 13)`` for the first 12 months.

        Examples
        --------
        >>> from econ.forecast import Naive
        >>> y = pd.Series([0.3, 0.2, 0.1, 0.02], index=[2001, 2002, 2003, 2004])
        >>> p, se = Naive(n_paths=4000).fit(y, horizon=2).average_prob_within(0.05, [1, 2])
        >>> 0.3 < p < 0.5 and se < 0.01
        True
        """
        self._check_band(band)
        columns = np.asarray(horizons, dtype=int) - 1
        if len(columns) == 0 or columns.min() < 0 or columns.max() >= self.horizon:
            raise ValueError(f"horizons: expected numbers in 1..{self.horizon}, found "
                             f"{list(horizons)}.")
        p = float((np.abs(self.paths[:, columns].mean(axis=1)) < band).mean())
        return p, float(np.sqrt(p * (1 - p) / self.n_paths))

    def trend_readout(self, alpha: float = 0.05) -> TrendReadout:
        """The smoothed slope at the last period and whether it points toward balance."""
        if self.trend is None:
            raise ValueError(f"model {self.model!r} has no trend component; use "
                             "LocalLinearTrend for the 'moving toward balance' readout.")
        last = self.trend.iloc[-1]
        z = stats.norm.ppf(1 - alpha / 2)
        return TrendReadout(period=self.trend.index[-1], level=float(last["level"]),
                            slope=float(last["slope"]),
                            slope_ci_lower=float(last["slope"] - z * last["slope_se"]),
                            slope_ci_upper=float(last["slope"] + z * last["slope_se"]),
                            alpha=alpha)

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        yield "", "model", self.model
        yield "", "specification", self.spec
        yield "", "trained on", (f"{self.history.index[0].date()} to "
                                 f"{self.history.index[-1].date()} ({len(self.history)})")
        for name, value in self.params.items():
            yield "parameters", name, float(value)
        frame = self.summary_frame(0.05)
        for period, row in frame.iterrows():
            yield ("forecast (mean [95% interval])", str(period.date()),
                   f"{format_number(row['mean'])} [{format_number(row['mean_ci_lower'])}, "
                   f"{format_number(row['mean_ci_upper'])}]")


def forecast_frame(result: ForecastResult, *, levels: Sequence[int] = (80, 95),
                   band: float | None = None, scenario: str = "baseline") -> pd.DataFrame:
    """The tidy rows a forecast table stores: one row per forecast period.

    Columns: ``model, scenario``, ``origin`` (last observed period) and ``period``
    (monthly, first day of the month) or ``origin_year`` and ``year`` (annual),
    ``horizon``, ``mean``, ``lower_<level>``/``upper_<level>`` per level, and
    ``band``, ``prob_within`` when a band is given.

    Examples
    --------
    >>> from econ.forecast import Naive
    >>> y = pd.Series([0.1, 0.2, 0.15, 0.1], index=[2001, 2002, 2003, 2004])
    >>> forecast_frame(Naive().fit(y, horizon=2)).columns.tolist()[:6]
    ['model', 'scenario', 'origin_year', 'year', 'horizon', 'mean']
    """
    index, last = result.mean.index, result.history.index[-1]
    if index.freqstr == "MS":
        keys = {"origin": last, "period": index}
    else:
        keys = {"origin_year": last.year, "year": index.year.astype("int64")}
    frame = pd.DataFrame({"model": result.model, "scenario": scenario, **keys,
                          "horizon": np.arange(1, result.horizon + 1),
                          "mean": result.mean.to_numpy()})
    for level in levels:
        alpha = 1 - level / 100
        bounds = result.quantiles([alpha / 2, 1 - alpha / 2])
        frame[f"lower_{level}"] = bounds[:, 0]
        frame[f"upper_{level}"] = bounds[:, 1]
    if band is not None:
        frame["band"] = band
        frame["prob_within"] = result.prob_within(band).to_numpy()
    return frame


def combine_forecasts(results: Sequence[ForecastResult], weights: Sequence[float], *,
                      name: str = "combination") -> ForecastResult:
    """Weighted combination: averaged means and averaged quantiles.

    Quantile averaging (Lichtendahl, Grushka-Cockayne & Winkler 2013, Management
    Science 59(7)) keeps a Gaussian result Gaussian with ``se = sum(w * se)``; paths are
    the weighted average of each member's paths sorted at each horizon, a sample from
    the averaged quantile function (joint dependence across horizons is comonotone).

    Examples
    --------
    >>> from econ.forecast import Naive
    >>> y = pd.Series([0.1, 0.2, 0.15, 0.1], index=[2001, 2002, 2003, 2004])
    >>> a = Naive().fit(y, horizon=2)
    >>> float(combine_forecasts([a, a], [0.5, 0.5]).mean.iloc[0])
    0.1
    """
    w = np.asarray(weights, dtype=float)
    if len(results) == 0 or len(w) != len(results) or (w < 0).any() or w.sum() <= 0:
        raise ValueError(f"weights: expected {len(results)} non-negative numbers with a "
                         f"positive sum, found {w.tolist()}.")
    w = w / w.sum()
    first = results[0]
    if any(not r.mean.index.equals(first.mean.index) for r in results):
        raise ValueError("results: expected forecasts of the same periods; fit every member "
                         "to the same data with the same horizon.")
    mean = sum(wi * r.mean for wi, r in zip(w, results, strict=True))
    se = None
    if all(r.se is not None for r in results):
        se = sum(wi * r.se for wi, r in zip(w, results, strict=True))

    def sample(n_paths: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        seeds = rng.integers(0, 2**63 - 1, size=len(results))
        sorted_paths = [np.sort(r.sampler(n_paths, np.random.default_rng(s))["y"], axis=0)
                        for r, s in zip(results, seeds, strict=True)]
        return {"y": sum(wi * p for wi, p in zip(w, sorted_paths, strict=True))}

    spec = " + ".join(f"{wi:.3f}*{r.model}" for wi, r in zip(w, results, strict=True))
    return ForecastResult(model=name, mean=mean, se=se, history=first.history,
                          sampler=sample, n_paths=first.n_paths, seed=first.seed, spec=spec,
                          params={f"weight_{r.model}": wi for wi, r in
                                  zip(w, results, strict=True)})


def result_from_paths(*, model: str, index: pd.DatetimeIndex, history: pd.Series,
                      sampler: Sampler, n_paths: int = DEFAULT_N_PATHS, seed: int = 0,
                      spec: str = "", params: Mapping[str, float] | None = None
                      ) -> ForecastResult:
    """A forecast defined by its paths: the mean is the mean of its own seeded paths.

    The paths are simulated once and kept as the result's :attr:`ForecastResult.paths`
    (the same seed would give the same paths again).

    Examples
    --------
    >>> from econ.forecast.models import gaussian_sampler
    >>> idx = pd.date_range("2025", periods=2, freq="YS")
    >>> hist = pd.Series([0.1, 0.2], pd.date_range("2023", periods=2, freq="YS"))
    >>> r = result_from_paths(model="m", index=idx, history=hist, n_paths=100,
    ...                       sampler=gaussian_sampler(np.zeros(2), np.ones(2)))
    >>> bool(np.allclose(r.mean, r.paths.mean(axis=0)))
    True
    """
    simulated = sampler(n_paths, np.random.default_rng(seed))
    mean = pd.Series(simulated["y"].mean(axis=0), index=index, name="mean")
    result = ForecastResult(model=model, mean=mean, se=None, history=history, sampler=sampler,
                            n_paths=n_paths, seed=seed, spec=spec, params=params or {})
    result.__dict__["simulated"] = simulated  # the cached_property's slot: not simulated twice
    return result
