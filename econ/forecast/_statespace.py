"""Forecasts from many origins at once, from one filtering pass with fixed parameters.

A backtest that keeps a model's parameters between refits needs the h-step forecasts
from every origin. statsmodels gives the predicted state at every time in one Kalman
filter pass; the forecasts from an origin follow from that state by the model's own
system matrices. Doing that recursion for all origins together (rather than calling
``get_forecast`` once per origin) is what makes the backtest fast. The results equal
those of ``get_forecast`` on the model fitted to the data up to the origin with the same
parameters; the tests check this to 1e-10.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["innovations_forecasts", "kalman_forecasts"]

_INTERCEPTS = ("obs_intercept", "state_intercept")


_MATRICES = ("design", "obs_intercept", "obs_cov", "transition", "state_intercept",
             "selection", "state_cov")


def _time_varying(ssm: Any, name: str) -> bool:
    return np.ndim(ssm[name]) == (2 if name in _INTERCEPTS else 3)


def _at(ssm: Any, name: str, times: np.ndarray) -> np.ndarray:
    """System matrix ``name`` at each time in ``times``: shape ``(len(times), r[, c])``."""
    matrix = np.asarray(ssm[name])
    if _time_varying(ssm, name):
        return np.moveaxis(matrix[..., times], -1, 0)
    return np.broadcast_to(matrix, (len(times), *matrix.shape))


def kalman_forecasts(results: Any, origins: np.ndarray, horizon: int
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of the h-step forecasts from each origin of a filtered model.

    Parameters
    ----------
    results : statsmodels MLEResults
        A univariate state-space model filtered over a sample of ``nobs`` periods
        (observations after the last origin may be missing, NaN).
    origins : array of int
        Number of observations known at each origin; the forecasts from origin ``n``
        use ``predicted_state[:, n]``, which depends on observations ``0..n-1`` only.
    horizon : int
        Steps ahead. Targets past the end of the model's sample are NaN when a system
        matrix varies over time (regressors), since its future values are unknown.

    Returns
    -------
    mean, var : ndarray, shape ``(len(origins), horizon)``

    Examples
    --------
    >>> import pandas as pd
    >>> from statsmodels.tsa.statespace.sarimax import SARIMAX
    >>> res = SARIMAX(pd.Series([1.0, 2, 3, 2, 1]), order=(1, 0, 0)).filter([0.5, 1.0])
    >>> mean, var = kalman_forecasts(res, np.array([5]), 2)
    >>> mean.round(3).tolist()
    [[0.5, 0.25]]
    """
    ssm = results.model.ssm
    nobs = results.model.nobs
    origins = np.asarray(origins, dtype=int)
    state = results.predicted_state[:, origins].T.copy()
    cov = np.moveaxis(results.predicted_state_cov[:, :, origins], -1, 0).copy()
    mean = np.full((len(origins), horizon), np.nan)
    var = np.full((len(origins), horizon), np.nan)
    varying = any(_time_varying(ssm, name) for name in _MATRICES)
    for step in range(horizon):
        times = origins + step
        outside = varying & (times >= nobs)
        t = np.minimum(times, nobs - 1)
        design = _at(ssm, "design", t)[:, 0, :]
        mean[:, step] = np.einsum("ik,ik->i", design, state) + _at(ssm, "obs_intercept", t)[:, 0]
        var[:, step] = (np.einsum("ik,ikl,il->i", design, cov, design)
                        + _at(ssm, "obs_cov", t)[:, 0, 0])
        mean[outside, step] = var[outside, step] = np.nan
        transition = _at(ssm, "transition", t)
        selection = _at(ssm, "selection", t)
        state = np.einsum("ikl,il->ik", transition, state) + _at(ssm, "state_intercept", t)
        cov = (np.einsum("ikl,ilm,inm->ikn", transition, cov, transition)
               + np.einsum("ikl,ilm,inm->ikn", selection, _at(ssm, "state_cov", t), selection))
    return mean, var


def innovations_forecasts(states: np.ndarray, w: np.ndarray, transition: np.ndarray,
                          g: np.ndarray, sigma2: float, horizon: int
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Forecasts of a linear innovations state-space model from many end states.

    The model (Hyndman, Koehler, Ord & Snyder 2008, *Forecasting with Exponential
    Smoothing*, ch. 3, class 1) is ``y_t = w'x_{t-1} + e_t`` and
    ``x_t = F x_{t-1} + g e_t`` with ``e_t ~ N(0, sigma2)``; then the h-step mean is
    ``w'F^(h-1)x_T`` and the variance ``sigma2 * (1 + sum_{j<h} (w'F^(j-1)g)^2)``
    (their Table 6.1 for the additive ETS models).

    Parameters
    ----------
    states : ndarray, shape ``(n_origins, k)``
        State vector after the last observation, one row per origin.
    w, transition, g : ndarray
        Measurement vector (k,), transition matrix (k, k) and gain (k,).
    sigma2 : float
        Innovation variance.
    horizon : int
        Steps ahead.

    Returns
    -------
    mean : ndarray, shape ``(n_origins, horizon)``
    var : ndarray, shape ``(horizon,)``

    Examples
    --------
    >>> one = np.array([1.0])
    >>> mean, var = innovations_forecasts(np.array([[2.0]]), one, np.eye(1), 0.5 * one, 1.0, 3)
    >>> var.tolist()
    [1.0, 1.25, 1.5]
    """
    k = len(w)
    powers = np.empty((horizon, k))  # row j: w'F^j
    row = np.asarray(w, dtype=float)
    for j in range(horizon):
        powers[j] = row
        row = row @ transition
    mean = states @ powers.T
    c = powers[:-1] @ g
    var = sigma2 * (1 + np.concatenate([[0.0], np.cumsum(c**2)]))
    return mean, var
