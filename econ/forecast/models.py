"""Forecasting models behind one interface: ``fit(train, exog=None) -> ForecastResult``.

Every model takes a monthly or annual pandas Series (or, for the flow model
:class:`econ.forecast.VECM`, a DataFrame of ``exports`` and ``imports``; univariate models
given such a frame forecast its normalised balance). Statistical work is done by
statsmodels: SARIMAX, ETSModel, UnobservedComponents and ThetaModel. What is added here
is the common result (intervals, seeded paths, band probabilities), a small order search,
and fast
multi-origin forecasts for the backtest (:meth:`Model.forecast_origins`) that reuse
fitted parameters between refits.

Warnings that statsmodels raises while searching or refitting (convergence, frequency
inference) are silenced inside the fitting calls: a backtest refits hundreds of times,
and a failed search candidate is simply not chosen.
"""

from __future__ import annotations

import itertools
import warnings
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd

from econ.forecast._series import (
    as_target,
    balance_from_flows,
    future_index,
    prepare_exog,
    prepare_flows,
    season_length,
)
from econ.forecast._statespace import innovations_forecasts, kalman_forecasts
from econ.forecast.result import DEFAULT_N_PATHS, ForecastResult, Sampler

__all__ = [
    "ARIMA",
    "ETS",
    "Ensemble",
    "LocalLinearTrend",
    "Model",
    "Naive",
    "SeasonalNaive",
    "Theta",
    "default_horizon",
    "ets_matrices",
    "gaussian_sampler",
    "model_data",
    "theta_standard_errors",
]


def default_horizon(index: pd.DatetimeIndex) -> int:
    """24 months for a monthly series, 3 years for an annual one."""
    return 24 if season_length(index) == 12 else 3


def gaussian_sampler(mean: np.ndarray, se: np.ndarray) -> Sampler:
    """Paths with independent Gaussian marginals ``N(mean_h, se_h^2)`` per horizon.

    Used for forecasts made inside a backtest, where only the per-horizon distribution
    is ever used (quantiles, band probabilities, quantile-averaged combinations).
    """
    def sample(n_paths: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        return {"y": mean + se * rng.standard_normal((n_paths, len(mean)))}
    return sample


def _statsmodels_sampler(results: Any, horizon: int, **kwargs: Any) -> Sampler:
    """Paths from a statsmodels results' own ``simulate(anchor="end")``."""
    def sample(n_paths: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sim = results.simulate(horizon, anchor="end", repetitions=n_paths, rng=rng,
                                   **kwargs)
        return {"y": np.asarray(sim, dtype=float).reshape(horizon, n_paths).T}
    return sample


def model_data(model: Model, data: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """What ``model`` is fitted to: flows for a flow model, else the target series."""
    if isinstance(data, pd.DataFrame) and not model.uses_flows:
        return balance_from_flows(data)
    return data


def _blocks(origins: Sequence[int], refit_every: int) -> Iterator[list[int]]:
    """Consecutive runs of origins sharing one fit: a refit every ``refit_every``."""
    origins = list(origins)
    for start in range(0, len(origins), refit_every):
        yield origins[start:start + refit_every]


@dataclass(frozen=True, kw_only=True)
class Model(ABC):
    """Base class. Subclasses implement ``_fit``; the backtest calls ``forecast_origins``.

    Parameters
    ----------
    name : str
        Label in backtest tables (give two variants of one model different names).
    n_paths : int
        Number of simulated paths in each result (default 2000).
    seed : int
        Seed of the simulated paths (default 0): same seed, same paths.
    """

    name: str = "model"
    n_paths: int = DEFAULT_N_PATHS
    seed: int = 0

    supports_exog: ClassVar[bool] = False
    uses_flows: ClassVar[bool] = False

    def fit(self, train: pd.Series | pd.DataFrame,
            exog: pd.Series | pd.DataFrame | None = None, *, horizon: int | None = None,
            future_exog: pd.Series | pd.DataFrame | None = None) -> ForecastResult:
        """Fit to ``train`` and forecast ``horizon`` periods ahead.

        Parameters
        ----------
        train : pandas.Series or DataFrame
            The series (monthly or annual), or ``exports``/``imports`` flows.
        exog : Series or DataFrame, optional
            Regressors over the training periods (models with ``supports_exog``).
        horizon : int, optional
            Periods ahead; default 24 (monthly) or 3 (annual).
        future_exog : Series or DataFrame, optional
            Regressors over the forecast periods; required when ``exog`` is given.

        Returns
        -------
        ForecastResult

        Examples
        --------
        >>> y = pd.Series([0.3, 0.25, 0.28, 0.2, 0.22, 0.18], index=range(2010, 2016))
        >>> Naive().fit(y).mean.index.year.tolist()  # 3 years by default on annual data
        [2016, 2017, 2018]
        """
        data = prepare_flows(train, "train") if self.uses_flows else as_target(train, "train")
        index = data.index
        horizon = default_horizon(index) if horizon is None else horizon
        if horizon < 1:
            raise ValueError(f"horizon: expected a positive number of periods, found {horizon}.")
        train_exog = self._check_exog(exog, index)
        future = None
        if train_exog is not None:
            if future_exog is None:
                raise ValueError(
                    f"future_exog: the model was given exog, so it needs the regressors for "
                    f"the {horizon} forecast periods from {future_index(index, 1)[0].date()}.")
            aligned = prepare_exog(future_exog, future_index(index, horizon), "future_exog")
            assert aligned is not None  # future_exog was given
            future = aligned[train_exog.columns]
        return self._fit(data, train_exog, horizon, future)

    def _check_exog(self, exog: Any, index: pd.DatetimeIndex) -> pd.DataFrame | None:
        if exog is None:
            return None
        if not self.supports_exog:
            raise ValueError(f"exog: model {self.name!r} ({type(self).__name__}) takes no "
                             "regressors; use ARIMA, LocalLinearTrend or VECM, or drop exog.")
        return prepare_exog(exog, index)

    @abstractmethod
    def _fit(self, data: Any, exog: pd.DataFrame | None, horizon: int,
             future_exog: pd.DataFrame | None) -> ForecastResult:
        """Fit to checked data and forecast ``horizon`` periods."""

    def forecast_origins(self, data: pd.Series | pd.DataFrame, origins: Sequence[int], *,
                         horizon: int, exog: pd.Series | pd.DataFrame | None = None,
                         refit_every: int = 1) -> list[ForecastResult]:
        """Forecasts from each origin: ``origins[i]`` observations known, up to ``horizon``.

        The forecast from origin ``n`` covers the periods ``n .. n + horizon - 1`` that
        lie inside ``data`` (the backtest only scores those). Models refit at every
        origin, except the state-space and ETS models, which refit every
        ``refit_every`` origins and reuse the fitted parameters in between.

        Parameters
        ----------
        data : pandas.Series or DataFrame
            The whole sample: the series, or flows for a flow model.
        origins : sequence of int
            Training-window lengths, increasing.
        horizon : int
            Maximum steps ahead.
        exog : Series or DataFrame, optional
            Regressors over the whole sample.
        refit_every : int
            Origins per fit for the models that reuse parameters (default 1).

        Returns
        -------
        list of ForecastResult
            One per origin.

        Examples
        --------
        >>> y = pd.Series([0.3, 0.25, 0.28, 0.2, 0.22, 0.18], index=range(2010, 2016))
        >>> [r.mean.tolist() for r in Naive().forecast_origins(y, [4, 5], horizon=2)]
        [[0.2, 0.2], [0.22]]
        """
        checked = prepare_flows(data, "data") if self.uses_flows else as_target(data, "data")
        regressors = self._check_exog(exog, checked.index)
        if refit_every < 1 or list(origins) != sorted(set(origins)) or min(origins) < 3:
            raise ValueError(f"origins and refit_every: expected increasing origins of at "
                             f"least 3 periods and refit_every >= 1, found "
                             f"{list(origins)[:5]}... and {refit_every}.")
        return self._forecast_origins(checked, list(origins), horizon, regressors, refit_every)

    def _forecast_origins(self, data: pd.Series | pd.DataFrame, origins: list[int],
                          horizon: int, exog: pd.DataFrame | None, refit_every: int
                          ) -> list[ForecastResult]:
        """Default: refit at every origin."""
        results = []
        for n in origins:
            h = min(horizon, len(data) - n)
            train_exog = None if exog is None else exog.iloc[:n]
            future = None if exog is None else exog.iloc[n:n + h]
            results.append(self._fit(data.iloc[:n], train_exog, h, future))
        return results

    def _result(self, y: pd.Series, mean: np.ndarray, se: np.ndarray | None,
                sampler: Sampler, **kwargs: Any) -> ForecastResult:
        index = future_index(y.index, len(mean))
        return ForecastResult(model=self.name, mean=pd.Series(mean, index=index, name="mean"),
                              se=None if se is None else pd.Series(se, index=index, name="se"),
                              history=y, sampler=sampler, n_paths=self.n_paths,
                              seed=self.seed, **kwargs)


# --- naive and seasonal naive -------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _LagWalk(Model):
    """Random walk at a lag: the forecast repeats the last value(s) one lag back.

    Intervals follow R's ``forecast::naive``/``snaive`` (``forecast:::forecast.lagwalk``,
    forecast 8.20): ``sigma^2`` is the mean squared lag-difference of the training data
    and the h-step standard deviation is ``sigma * sqrt(ceil(h / lag))``.
    """

    def _lag(self, index: pd.DatetimeIndex) -> int:
        return 1

    def _fit(self, data: pd.Series, exog: pd.DataFrame | None, horizon: int,
             future_exog: pd.DataFrame | None) -> ForecastResult:
        lag = self._lag(data.index)
        return self._lagwalk_results(data, [len(data)], horizon, lag, joint=True)[0]

    def _forecast_origins(self, data: pd.Series, origins: list[int], horizon: int,
                          exog: pd.DataFrame | None, refit_every: int
                          ) -> list[ForecastResult]:
        """Closed-form forecasts from every origin at once (nothing is estimated)."""
        return self._lagwalk_results(data, origins, horizon, self._lag(data.index),
                                     joint=False)

    def _lagwalk_results(self, data: pd.Series, origins: Sequence[int], horizon: int,
                         lag: int, *, joint: bool) -> list[ForecastResult]:
        y = data.to_numpy()
        if min(origins) <= lag:
            raise ValueError(f"{self.name}: needs more than {lag} observations to estimate "
                             f"its variance, found {min(origins)}.")
        squared = np.concatenate([[0.0], np.cumsum((y[lag:] - y[:-lag]) ** 2)])
        steps = np.arange(horizon) // lag + 1
        results = []
        for n in origins:
            h = min(horizon, len(y) - n) if not joint else horizon
            sigma = np.sqrt(squared[n - lag] / (n - lag))
            mean = y[n - lag + np.arange(h) % lag]
            se = sigma * np.sqrt(steps[:h])
            sampler = (_lagwalk_sampler(mean, sigma, lag) if joint
                       else gaussian_sampler(mean, se))
            results.append(self._result(data.iloc[:n], mean, se, sampler,
                                        spec=f"{type(self).__name__}(lag={lag})",
                                        params={"sigma": float(sigma)}))
        return results


def _lagwalk_sampler(mean: np.ndarray, sigma: float, lag: int) -> Sampler:
    def sample(n_paths: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        shocks = sigma * rng.standard_normal((n_paths, len(mean)))
        for k in range(lag, len(mean)):  # a season's shocks accumulate a year apart
            shocks[:, k] += shocks[:, k - lag]
        return {"y": mean + shocks}
    return sample


@dataclass(frozen=True, kw_only=True)
class Naive(_LagWalk):
    """Naive forecast: every horizon equals the last observation (random walk).

    Examples
    --------
    >>> y = pd.Series([0.3, 0.2, 0.25], index=[2001, 2002, 2003])
    >>> Naive().fit(y, horizon=2).mean.tolist()
    [0.25, 0.25]
    """

    name: str = "naive"


@dataclass(frozen=True, kw_only=True)
class SeasonalNaive(_LagWalk):
    """Seasonal naive: each month equals the same month one year earlier.

    On an annual series it is the naive forecast.

    Examples
    --------
    >>> idx = pd.date_range("2020-01-01", periods=24, freq="MS")
    >>> y = pd.Series(np.tile(np.arange(12.0), 2), index=idx)
    >>> SeasonalNaive().fit(y, horizon=3).mean.tolist()
    [0.0, 1.0, 2.0]
    """

    name: str = "snaive"

    def _lag(self, index: pd.DatetimeIndex) -> int:
        return season_length(index)


# --- state-space models (SARIMAX, UnobservedComponents) ------------------------------


@dataclass(frozen=True, kw_only=True)
class _StateSpace(Model):
    """Shared fitting, forecasting and parameter reuse for statsmodels MLE models."""

    supports_exog: ClassVar[bool] = True

    @abstractmethod
    def _select(self, y: pd.Series, exog: pd.DataFrame | None) -> tuple[Any, dict[str, Any]]:
        """Fit (searching a specification if asked) and return (results, spec kwargs)."""

    @abstractmethod
    def _build(self, y: pd.Series, exog: pd.DataFrame | None, spec: dict[str, Any]) -> Any:
        """The statsmodels model for data ``y`` and a chosen specification."""

    @abstractmethod
    def _describe(self, spec: dict[str, Any]) -> str:
        """Short text of a specification, e.g. ``ARIMA(1,0,0) c``."""

    def _fit(self, data: pd.Series, exog: pd.DataFrame | None, horizon: int,
             future_exog: pd.DataFrame | None) -> ForecastResult:
        results, spec = self._select(data, exog)
        forecast = results.get_forecast(horizon, exog=future_exog)
        sampler = _statsmodels_sampler(results, horizon, exog=future_exog)
        return self._result(data, forecast.predicted_mean.to_numpy(),
                            np.sqrt(forecast.var_pred_mean.to_numpy()), sampler,
                            spec=self._describe(spec), params=dict(results.params),
                            trend=self._trend(results, data.index))

    def _trend(self, results: Any, index: pd.DatetimeIndex) -> pd.DataFrame | None:
        return None

    def _forecast_origins(self, data: pd.Series, origins: list[int], horizon: int,
                          exog: pd.DataFrame | None, refit_every: int
                          ) -> list[ForecastResult]:
        """Refit every ``refit_every`` origins; in between, filter with the fitted parameters.

        For a block of origins sharing one fit, the model is built on the data up to the
        block's last origin (later observations are set missing, so they cannot enter),
        filtered once with the parameters fitted at the block's first origin, and the
        forecasts from every origin of the block come from the predicted states. They
        equal ``get_forecast`` of the model fitted up to that origin with those parameters.
        """
        results = []
        for block in _blocks(origins, refit_every):
            fitted, spec = self._select(data.iloc[:block[0]],
                                        None if exog is None else exog.iloc[:block[0]])
            end = min(len(data), block[-1] + horizon)
            masked = data.iloc[:end].copy()
            masked.iloc[block[-1]:] = np.nan
            model = self._build(masked, None if exog is None else exog.iloc[:end], spec)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                filtered = model.filter(fitted.params)
            mean, var = kalman_forecasts(filtered, np.asarray(block), horizon)
            for n, m, v in zip(block, mean, var, strict=True):
                h = min(horizon, len(data) - n)
                results.append(self._result(data.iloc[:n], m[:h], np.sqrt(v[:h]),
                                            gaussian_sampler(m[:h], np.sqrt(v[:h])),
                                            spec=self._describe(spec),
                                            params=dict(fitted.params)))
        return results


def _quiet_fit(model: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(disp=False, **kwargs)


@dataclass(frozen=True, kw_only=True)
class ARIMA(_StateSpace):
    """SARIMAX with a small search of orders by information criterion.

    Parameters
    ----------
    order : (p, d, q), optional
        Fixed non-seasonal order; None searches ``p <= max_p``, ``q <= max_q`` with ``d``.
    seasonal_order : (P, D, Q), optional
        Fixed seasonal order (period 12 on monthly data); None searches
        ``P <= max_P``, ``Q <= max_Q`` with ``D`` on monthly data, none on annual data.
    max_p, max_q, max_P, max_Q : int
        Search bounds (defaults 2, 1, 0, 0: six candidates). Seasonal AR/MA terms are
        opt-in (``max_P=1``): on 4-8 years of monthly data each seasonal candidate takes
        about 0.7 s to fit by MLE and often fails to converge; seasonal naive, ETS and
        the local linear trend model the season instead.
    d, D : int
        Differencing used by the search (default 0: the normalised balance is bounded).
    trend : {"n", "c", "t", "ct"}, optional
        Deterministic trend; default ``"c"`` without differencing, else ``"n"``.
    criterion : {"aicc", "aic", "bic"}
        Search criterion (default ``"aicc"``, as R's ``auto.arima``).

    Examples
    --------
    >>> y = pd.Series(np.sin(np.arange(30.0)) / 4, index=range(1990, 2020))
    >>> ARIMA(order=(1, 0, 0)).fit(y, horizon=3).spec
    'ARIMA(1,0,0) c'
    """

    name: str = "arima"
    order: tuple[int, int, int] | None = None
    seasonal_order: tuple[int, int, int] | None = None
    max_p: int = 2
    max_q: int = 1
    max_P: int = 0
    max_Q: int = 0
    d: int = 0
    D: int = 0
    trend: Literal["n", "c", "t", "ct"] | None = None
    criterion: Literal["aicc", "aic", "bic"] = "aicc"

    def _candidates(self, m: int) -> Iterator[dict[str, Any]]:
        orders = ([self.order] if self.order is not None else
                  [(p, self.d, q) for p in range(self.max_p + 1) for q in range(self.max_q + 1)])
        if self.seasonal_order is not None:
            seasonal = [self.seasonal_order]
        elif m > 1:
            seasonal = [(P, self.D, Q) for P in range(self.max_P + 1)
                        for Q in range(self.max_Q + 1)]
        else:
            seasonal = [(0, 0, 0)]
        for order, (P, D, Q) in itertools.product(orders, seasonal):
            trend = self.trend or ("c" if order[1] + D == 0 else "n")
            yield {"order": order, "seasonal_order": (P, D, Q, m if P + D + Q else 0),
                   "trend": trend}

    def _build(self, y: pd.Series, exog: pd.DataFrame | None, spec: dict[str, Any]) -> Any:
        from statsmodels.tsa.statespace.sarimax import SARIMAX
        return SARIMAX(y, exog=exog, **spec)

    def _select(self, y: pd.Series, exog: pd.DataFrame | None) -> tuple[Any, dict[str, Any]]:
        """Fit the candidates, keep the best by the criterion.

        With several candidates the search fits each with the variance concentrated
        out of the likelihood (same maximum, one parameter fewer: about three times
        faster here), then refits the winner with the variance as a parameter, started
        from the concentrated estimates. On the test series that refit ends at a log-
        likelihood 1e-5 above a cold-start fit, with forecasts within 1e-4 of it. A
        single candidate is fitted directly, exactly as statsmodels would.
        """
        candidates = list(self._candidates(season_length(y.index)))
        if len(candidates) == 1:
            return _quiet_fit(self._build(y, exog, candidates[0])), candidates[0]
        best, best_spec, best_ic = None, None, np.inf
        for spec in candidates:
            try:
                results = _quiet_fit(self._build(y, exog, {**spec, "concentrate_scale": True}))
            except (ValueError, np.linalg.LinAlgError):
                continue
            ic = getattr(results, self.criterion)
            if np.isfinite(ic) and ic < best_ic:
                best, best_spec, best_ic = results, spec, ic
        if best is None or best_spec is None:
            raise ValueError(f"{self.name}: no ARIMA candidate could be fitted to "
                             f"{len(y)} observations; shorten the search or lengthen the "
                             "series.")
        start = np.append(np.asarray(best.params), best.scale)
        return _quiet_fit(self._build(y, exog, best_spec), start_params=start), best_spec

    def _describe(self, spec: dict[str, Any]) -> str:
        p, d, q = spec["order"]
        P, D, Q, m = spec["seasonal_order"]
        seasonal = f"({P},{D},{Q}){m}" if m else ""
        return f"ARIMA({p},{d},{q}){seasonal} {spec['trend']}"


@dataclass(frozen=True, kw_only=True)
class LocalLinearTrend(_StateSpace):
    """UnobservedComponents local linear trend (+ stochastic seasonal on monthly data).

    The smoothed slope is the "moving toward balance" readout:
    :meth:`ForecastResult.trend_readout` and the ``trend`` frame of the result.

    Parameters
    ----------
    seasonal : bool
        Add a stochastic seasonal of period 12 on monthly data (default True).

    Examples
    --------
    >>> y = pd.Series(np.linspace(0.5, 0.2, 15), index=range(2005, 2020))
    >>> LocalLinearTrend().fit(y, horizon=2).trend_readout().slope < 0
    True
    """

    name: str = "local_linear_trend"
    seasonal: bool = True

    def _build(self, y: pd.Series, exog: pd.DataFrame | None, spec: dict[str, Any]) -> Any:
        from statsmodels.tsa.statespace.structural import UnobservedComponents
        return UnobservedComponents(y, exog=exog, **spec)

    def _select(self, y: pd.Series, exog: pd.DataFrame | None) -> tuple[Any, dict[str, Any]]:
        m = season_length(y.index)
        spec: dict[str, Any] = {"level": "local linear trend"}
        if self.seasonal and m > 1:
            spec["seasonal"] = m
        return _quiet_fit(self._build(y, exog, spec)), spec

    def _describe(self, spec: dict[str, Any]) -> str:
        seasonal = f" + seasonal({spec['seasonal']})" if "seasonal" in spec else ""
        return f"local linear trend{seasonal}"

    def _trend(self, results: Any, index: pd.DatetimeIndex) -> pd.DataFrame:
        slope_var = np.clip(results.trend.smoothed_cov, 0, None)  # rounding can go below 0
        return pd.DataFrame({"level": results.level.smoothed, "slope": results.trend.smoothed,
                             "slope_se": np.sqrt(slope_var)}, index=index)


# --- exponential smoothing (ETSModel) ------------------------------------------------

_ETS_SPECS = ("ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA")


@dataclass(frozen=True, kw_only=True)
class ETS(Model):
    """Exponential smoothing with additive errors (statsmodels ``ETSModel``).

    Parameters
    ----------
    spec : str
        ``"ANN"`` (simple), ``"AAN"`` (trend), ``"AAdN"`` (damped trend), ``"ANA"``,
        ``"AAA"``, ``"AAdA"`` (additive seasonal, monthly only), or ``"auto"`` (default):
        the lowest AICc among those that fit the data. Multiplicative forms are left
        out because a normalised balance changes sign.

    ``ETSModel`` is always given a dated pandas Series: its ``get_prediction`` fails
    on a plain numpy array (statsmodels 0.15).

    Examples
    --------
    >>> y = pd.Series([0.3, 0.25, 0.28, 0.2, 0.22, 0.18], index=range(2010, 2016))
    >>> ETS(spec="ANN").fit(y, horizon=2).spec
    'ETS(A,N,N)'
    """

    name: str = "ets"
    spec: str = "auto"

    def __post_init__(self) -> None:
        if self.spec != "auto" and self.spec not in _ETS_SPECS:
            raise ValueError(f"spec: expected 'auto' or one of {list(_ETS_SPECS)}, "
                             f"found {self.spec!r}.")

    @staticmethod
    def _kwargs(spec: str, m: int) -> dict[str, Any]:
        trend = spec[1:-1]
        return {"error": "add", "trend": "add" if trend.startswith("A") else None,
                "damped_trend": trend == "Ad",
                "seasonal": "add" if spec[-1] == "A" else None,
                "seasonal_periods": m if spec[-1] == "A" else None}

    def _build(self, y: pd.Series, spec: str) -> Any:
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel
        return ETSModel(y, **self._kwargs(spec, season_length(y.index)))

    def _select(self, y: pd.Series) -> tuple[Any, str]:
        m = season_length(y.index)
        specs = [self.spec] if self.spec != "auto" else [
            s for s in _ETS_SPECS if s[-1] == "N" or (m > 1 and len(y) > 2 * m + 4)]
        fits = {}
        for spec in specs:
            try:
                fits[spec] = _quiet_fit(self._build(y, spec))
            except (ValueError, np.linalg.LinAlgError):
                continue
        if not fits:
            raise ValueError(f"{self.name}: no ETS model could be fitted to {len(y)} "
                             "observations.")
        spec = min(fits, key=lambda s: fits[s].aicc if np.isfinite(fits[s].aicc) else np.inf)
        return fits[spec], spec

    @staticmethod
    def _describe(spec: str) -> str:
        trend = spec[1:-1]
        return f"ETS(A,{trend},{spec[-1]})"

    def _fit(self, data: pd.Series, exog: pd.DataFrame | None, horizon: int,
             future_exog: pd.DataFrame | None) -> ForecastResult:
        results, spec = self._select(data)
        n = len(data)
        prediction = results.get_prediction(start=n, end=n + horizon - 1)
        return self._result(data, np.asarray(prediction.predicted_mean),
                            np.sqrt(np.asarray(prediction.forecast_variance)),
                            _statsmodels_sampler(results, horizon), spec=self._describe(spec),
                            params=dict(zip(results.model.param_names, results.params,
                                            strict=True)))

    def _forecast_origins(self, data: pd.Series, origins: list[int], horizon: int,
                          exog: pd.DataFrame | None, refit_every: int
                          ) -> list[ForecastResult]:
        """Refit every ``refit_every`` origins; in between, smooth with the fitted parameters.

        ``ETSModel.smooth(params)`` runs the recursions (from the fitted initial states)
        over the data up to the block's last origin; the forecasts from each origin use
        the states after its last observation, the innovation variance of the residuals
        up to it (as a refit with those parameters would), and the closed-form moments
        of :func:`innovations_forecasts`. (The state-space ``ExponentialSmoothing``'s
        ``extend`` is not used: in statsmodels 0.15 it restarts from the fitted initial
        level instead of the last filtered state.)
        """
        results = []
        for block in _blocks(origins, refit_every):
            fitted, spec = self._select(data.iloc[:block[0]])
            smoothed = self._build(data.iloc[:block[-1]], spec).smooth(fitted.params)
            params = dict(zip(fitted.model.param_names, fitted.params, strict=True))
            m = season_length(data.index)
            w, transition, g = ets_matrices(spec, params, m)
            states = _ets_states(spec, smoothed.states, m)
            resid2 = np.cumsum(np.asarray(smoothed.resid) ** 2)
            for n in block:
                mean, var = innovations_forecasts(states[n - 1][None, :], w, transition, g,
                                                  resid2[n - 1] / n, horizon)
                h = min(horizon, len(data) - n)
                se = np.sqrt(var[:h])
                results.append(self._result(data.iloc[:n], mean[0, :h], se,
                                            gaussian_sampler(mean[0, :h], se),
                                            spec=self._describe(spec), params=params))
        return results


def ets_matrices(spec: str, params: dict[str, float], m: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Innovations-form ``w``, ``F``, ``g`` of an additive ETS model.

    State ``(level[, trend][, s_t, s_{t-1}, ..., s_{t-m+1}])`` as in Hyndman, Koehler,
    Ord & Snyder (2008), ch. 3 (R ``forecast::ets`` orders its states the same way);
    ``params`` holds ``smoothing_level``, ``smoothing_trend``, ``smoothing_seasonal`` and
    ``damping_trend`` as statsmodels names them.

    Examples
    --------
    >>> w, F, g = ets_matrices("ANN", {"smoothing_level": 0.3}, 1)
    >>> w.tolist(), F.tolist(), g.tolist()
    ([1.0], [[1.0]], [0.3])
    """
    has_trend, has_season = spec[1] == "A", spec[-1] == "A"
    k = 1 + has_trend + (m if has_season else 0)
    w, g, transition = np.zeros(k), np.zeros(k), np.zeros((k, k))
    w[0] = transition[0, 0] = 1.0
    g[0] = params["smoothing_level"]
    if has_trend:
        phi = params.get("damping_trend", 1.0)
        w[1] = transition[0, 1] = transition[1, 1] = phi
        g[1] = params["smoothing_trend"]
    if has_season:
        first = 1 + has_trend
        w[-1] = transition[first, -1] = 1.0
        g[first] = params["smoothing_seasonal"]
        for i in range(1, m):
            transition[first + i, first + i - 1] = 1.0
    return w, transition, g


def _ets_states(spec: str, states: pd.DataFrame, m: int) -> np.ndarray:
    """State vectors after each observation from statsmodels' ``states`` frame.

    The frame holds the level, trend and newest seasonal; the older seasonals of the
    state vector are the newest seasonal 1..m-1 periods earlier (NaN before that).
    """
    columns = [states["level"].to_numpy()]
    if spec[1] == "A":
        columns.append(states["trend"].to_numpy())
    if spec[-1] == "A":
        seasonal = states["seasonal"].to_numpy()
        padded = np.concatenate([np.full(m - 1, np.nan), seasonal])
        columns.extend(padded[m - 1 - lag:len(padded) - lag] for lag in range(m))
    return np.column_stack(columns)


# --- Theta ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Theta(Model):
    """The Theta method (statsmodels ``ThetaModel``, Assimakopoulos & Nikolopoulos 2000).

    On monthly data the series is tested for seasonality and deseasonalised
    (multiplicatively when positive, else additively), as statsmodels does by default.
    Means are statsmodels' (SES with drift). Intervals are those of the equivalent
    ARIMA(0,1,1) with drift (Hyndman & Billah 2003, IJF 19(2); R ``forecast::thetaf``):
    Gaussian, variance ``sigma2 * (1 + (h - 1) * alpha^2)``, not statsmodels'
    ``prediction_intervals``, whose ``1 + (h - 1) * (1 + (alpha - 1)^2)`` squares the
    MA coefficient where the h-step error needs ``(1 + theta)^2 = alpha^2`` (intervals
    several times too wide for small ``alpha``). ``sigma2`` is statsmodels' (the IMA
    fit's innovation variance). Paths accumulate the shocks as that IMA(1,1) does.

    Parameters
    ----------
    theta : float
        Weight of the trend line (default 2, the classic Theta method).

    Examples
    --------
    >>> y = pd.Series(np.linspace(0.5, 0.3, 12), index=range(2008, 2020))
    >>> Theta().fit(y, horizon=2).mean.round(3).tolist()
    [0.291, 0.282]
    """

    name: str = "theta"
    theta: float = 2.0

    def _fit(self, data: pd.Series, exog: pd.DataFrame | None, horizon: int,
             future_exog: pd.DataFrame | None) -> ForecastResult:
        from statsmodels.tsa.forecasting.theta import ThetaModel
        m = season_length(data.index)
        method = "auto" if (data > 0).all() else "additive"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results = ThetaModel(data, period=m, deseasonalize=m > 1, method=method).fit()
            mean = results.forecast(horizon, theta=self.theta).to_numpy()
            sigma2 = float(results.sigma2)  # fits the IMA(1,1) with drift on first use
        alpha = float(results.params["alpha"])
        return self._result(data, mean, theta_standard_errors(alpha, sigma2, horizon),
                            _ima_sampler(mean, np.sqrt(sigma2), alpha),
                            spec=f"Theta(theta={self.theta:g})",
                            params={**dict(results.params), "sigma2": sigma2})


def theta_standard_errors(alpha: float, sigma2: float, horizon: int) -> np.ndarray:
    """h-step standard deviations of the Theta method: ``sqrt(sigma2 (1 + (h-1) alpha^2))``.

    Examples
    --------
    >>> theta_standard_errors(0.5, 4.0, 3).tolist()
    [2.0, 2.23606797749979, 2.449489742783178]
    """
    se: np.ndarray = np.sqrt(sigma2 * (1 + np.arange(horizon) * alpha**2))
    return se


def _ima_sampler(mean: np.ndarray, sigma: float, alpha: float) -> Sampler:
    """Paths whose h-step error is ``e_h + alpha * (e_1 + ... + e_{h-1})``."""
    def sample(n_paths: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        shocks = sigma * rng.standard_normal((n_paths, len(mean)))
        past = np.cumsum(shocks, axis=1) - shocks
        return {"y": mean + shocks + alpha * past}
    return sample


# --- ensembles ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Ensemble(Model):
    """A model whose forecast combines its member models' forecasts.

    The backtest runs each member once and combines their forecasts at every origin with
    :meth:`weights_from` applied to the members' errors observed by that origin, so an
    ensemble never sees a future error. :class:`econ.forecast.Combination` is the
    concrete ensemble.

    Parameters
    ----------
    members : sequence of Model
        The models to combine (distinct names).
    weights : "equal", "inverse_score" or sequence of float
        ``"inverse_score"`` weights each member by 1 / its mean absolute scaled error.
    """

    name: str = "ensemble"
    members: tuple[Model, ...] = ()
    weights: Literal["equal", "inverse_score"] | tuple[float, ...] = "equal"

    def __post_init__(self) -> None:
        names = [m.name for m in self.members]
        if len(names) < 2 or len(set(names)) != len(names):
            raise ValueError(f"members: expected two or more models with distinct names, "
                             f"found {names}.")
        if not isinstance(self.weights, str) and len(self.weights) != len(names):
            raise ValueError(f"weights: expected {len(names)} numbers, found "
                             f"{list(self.weights)}.")

    @property
    def uses_flows(self) -> bool:  # type: ignore[override]
        """True when any member needs the exports and imports, not the balance alone."""
        return any(m.uses_flows for m in self.members)

    @property
    def supports_exog(self) -> bool:  # type: ignore[override]
        """True when any member takes regressors."""
        return any(m.supports_exog for m in self.members)

    def weights_from(self, scaled_errors: Sequence[np.ndarray]) -> list[float]:
        """Member weights given each member's absolute scaled errors observed so far.

        Inverse mean scaled error for ``"inverse_score"`` (equal weights while a member
        has no observed error, or a zero mean error); the fixed or equal weights otherwise.

        Examples
        --------
        >>> from econ.forecast import Combination
        >>> both = Combination(members=(Naive(), SeasonalNaive()), weights="inverse_score")
        >>> both.weights_from([np.array([1.0, 1.0]), np.array([0.5])])
        [1.0, 2.0]
        """
        if self.weights == "equal":
            return [1.0] * len(self.members)
        if not isinstance(self.weights, str):
            return list(self.weights)
        if any(len(s) == 0 for s in scaled_errors):
            return [1.0] * len(self.members)
        means = np.array([np.mean(s) for s in scaled_errors])
        if (means <= 0).any():
            return [1.0] * len(self.members)
        return [float(v) for v in 1.0 / means]
