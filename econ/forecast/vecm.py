"""The flow model: a VECM where cointegration is supported, else a VAR in differences.

Exports and imports are modelled jointly in logs,

    Δy_t = α β' y_{t-1} + Γ_1 Δy_{t-1} + ... + Γ_k Δy_{t-k} + c + seasonal_t + B x_t + u_t,

and the normalised balance ``(X - M) / (X + M)`` is computed path by path from
simulated flows. The cointegration rank ``r`` comes from Johansen's trace test at 5%
(:func:`econ.tsa.johansen_test`, unrestricted constant) on the training data: ``r = 0``
drops the error-correction term (a VAR in the differences of the log flows), ``r = 1``
is a VECM with β estimated by statsmodels' reduced-rank regression, ``r = 2`` a VAR in
levels. Given β the other coefficients are an OLS regression (Johansen 1995, ch. 6;
super-consistent β is treated as known, Lütkepohl 2005, §7.2).

Parameter uncertainty: each simulated path draws its own coefficients from their
estimated sampling distribution, ``vec(C) ~ N(vec(Ĉ), Σ_u ⊗ (Z'Z)^{-1})`` (Lütkepohl
2005, §3.5 and §7.2.2), and its shocks by resampling the fitted residual vectors
(rescaled to the degrees-of-freedom-corrected ``Σ_u``), so fat-tailed months such as
2022 enter the paths as they happened. Monthly seasonality enters as 11 month dummies;
the Johansen test then runs on the logs with their month means removed (the test in
:mod:`econ.tsa` takes no seasonal terms).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
import pandas as pd

from econ.forecast._series import balance_from_flows, future_index, season_length
from econ.forecast.models import Model
from econ.forecast.result import ForecastResult, Sampler, result_from_paths

__all__ = ["VECM", "FlowSystem", "draw_coefficients", "fit_flow_system", "simulate_flow_system",
           "spectral_radius"]

Shocks = Literal["bootstrap", "gaussian", "none"]
#: Residual degrees of freedom the lag search keeps at least.
_MIN_DOF = 10


@dataclass(frozen=True)
class FlowSystem:
    """A fitted VAR in differences with an optional error-correction term.

    Regressors, in order: ``β' y_{t-1}`` (``r`` columns), ``Δy_{t-1} ... Δy_{t-k}``,
    a constant, ``season - 1`` month dummies (February to December), regressors.
    ``coef`` is (regressors x 2), ``sigma`` the residual covariance with divisor
    ``nobs - regressors``, ``zz_inv`` the inverse moment matrix of the regressors.
    """

    coef: np.ndarray
    sigma: np.ndarray
    zz_inv: np.ndarray
    residuals: np.ndarray
    beta: np.ndarray
    lags: int
    season: int
    next_position: int
    last_level: np.ndarray
    last_diffs: np.ndarray

    @property
    def rank(self) -> int:
        """Cointegration rank (columns of β)."""
        return int(self.beta.shape[1])

    @property
    def dof(self) -> int:
        """Residual degrees of freedom."""
        return int(self.residuals.shape[0] - self.coef.shape[0])


def _dummies(positions: np.ndarray, season: int) -> np.ndarray:
    """0/1 dummies for seasons 1..season-1 of each position (season 0 is the base)."""
    dummies: np.ndarray = (positions[:, None] % season
                           == np.arange(1, season)[None, :]).astype(float)
    return dummies


def fit_flow_system(logs: np.ndarray, *, lags: int, beta: np.ndarray, season: int = 1,
                    first_position: int = 0, exog: np.ndarray | None = None) -> FlowSystem:
    """OLS of ``Δy_t`` on the error-correction term, lagged differences and deterministics.

    Parameters
    ----------
    logs : ndarray (T, K)
        Log levels of the flows.
    lags : int
        Lagged differences ``k``.
    beta : ndarray (K, r)
        Cointegrating vectors (``r = 0``: a VAR in differences).
    season : int
        12 for monthly data (month dummies), 1 for annual data.
    first_position : int
        Season of the first observation (0 = January).
    exog : ndarray (T, p), optional
        Regressors outside the cointegration relation.

    Returns
    -------
    FlowSystem

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> logs = np.cumsum(rng.normal(0.02, 0.05, (40, 2)), axis=0)
    >>> fit_flow_system(logs, lags=1, beta=np.zeros((2, 0))).coef.shape
    (3, 2)
    """
    n_obs = logs.shape[0]
    diffs = np.diff(logs, axis=0)
    t = np.arange(lags + 1, n_obs)
    parts = [logs[t - 1] @ beta, *(diffs[t - 1 - i] for i in range(1, lags + 1)),
             np.ones((len(t), 1)), _dummies(first_position + t, season)]
    if exog is not None:
        parts.append(exog[t])
    z = np.column_stack(parts)
    y = diffs[t - 1]
    dof = len(t) - z.shape[1]
    if dof < 1:
        raise ValueError(f"flows: {n_obs} observations cannot identify {z.shape[1]} "
                         f"coefficients per equation (lags={lags}); use fewer lags or a "
                         "longer sample.")
    coef, *_ = np.linalg.lstsq(z, y, rcond=None)
    residuals = y - z @ coef
    return FlowSystem(coef=coef, sigma=residuals.T @ residuals / dof,
                      zz_inv=np.linalg.pinv(z.T @ z), residuals=residuals, beta=beta,
                      lags=lags, season=season, next_position=first_position + n_obs,
                      last_level=logs[-1], last_diffs=diffs[::-1][:lags])


def _root(matrix: np.ndarray) -> np.ndarray:
    """A square root ``R`` with ``R R' = matrix`` that allows a singular matrix."""
    values, vectors = np.linalg.eigh(matrix)
    root: np.ndarray = vectors * np.sqrt(np.clip(values, 0, None))
    return root


def spectral_radius(coefs: np.ndarray, beta: np.ndarray, lags: int) -> np.ndarray:
    """Largest root modulus of the levels VAR implied by each coefficient draw.

    ``coefs`` is ``(draws, regressors, K)`` in :class:`FlowSystem` order. In levels,
    ``y_t = (I + αβ' + Γ_1) y_{t-1} + Σ (Γ_i - Γ_{i-1}) y_{t-i} - Γ_k y_{t-k-1}``; a
    radius above 1 is an explosive draw (a VECM has ``K - r`` roots exactly at 1).

    Examples
    --------
    >>> coefs = np.zeros((2, 2, 2)); coefs[1, 0] = [0.5, 0.0]  # α' = (0.5, 0): explosive
    >>> spectral_radius(coefs, np.array([[1.0], [-1.0]]), 0).round(3).tolist()
    [1.0, 1.5]
    """
    n, _, n_var = coefs.shape
    rank = beta.shape[1]
    alpha = np.transpose(coefs[:, :rank, :], (0, 2, 1))
    gammas = [np.transpose(coefs[:, rank + i * n_var:rank + (i + 1) * n_var, :], (0, 2, 1))
              for i in range(lags)]
    blocks = [np.eye(n_var) + alpha @ beta.T + (gammas[0] if lags else 0.0)]
    blocks += [gammas[i] - gammas[i - 1] for i in range(1, lags)]
    if lags:
        blocks.append(-gammas[-1])
    order = len(blocks)
    companion = np.zeros((n, n_var * order, n_var * order))
    companion[:, :n_var, :] = np.concatenate(blocks, axis=2)
    companion[:, n_var:, :-n_var] = np.eye(n_var * (order - 1))
    radius: np.ndarray = np.abs(np.linalg.eigvals(companion)).max(axis=1)
    return radius


#: Redraws of explosive coefficient draws before the rest fall back to the estimate.
_REDRAWS = 20
#: Roots up to 1 + this count as unit roots (rounding in the eigenvalues).
_ROOT_TOLERANCE = 1e-8


def draw_coefficients(system: FlowSystem, n_paths: int, rng: np.random.Generator
                      ) -> tuple[np.ndarray, float]:
    """Coefficient draws ``vec(C) ~ N(vec(Ĉ), Σ_u ⊗ (Z'Z)^{-1})``, explosive ones redrawn.

    A draw whose levels VAR has a root outside the unit circle would make a path explode
    within the horizon: it is redrawn (up to 20 times, then replaced by the estimate),
    i.e. the draws come from the sampling distribution truncated to non-explosive
    systems. Returns the draws and the share of first draws that were explosive.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> logs = np.cumsum(rng.normal(0.02, 0.05, (40, 2)), axis=0)
    >>> system = fit_flow_system(logs, lags=1, beta=np.zeros((2, 0)))
    >>> draws, explosive = draw_coefficients(system, 100, np.random.default_rng(1))
    >>> draws.shape, explosive < 0.5
    ((100, 3, 2), True)
    """
    row, col = _root(system.zz_inv), _root(system.sigma)

    def draw(count: int) -> np.ndarray:
        standard = rng.standard_normal((count, *system.coef.shape))
        drawn: np.ndarray = system.coef + row @ standard @ col.T
        return drawn

    coefs = draw(n_paths)
    bad = np.flatnonzero(spectral_radius(coefs, system.beta, system.lags)
                         > 1 + _ROOT_TOLERANCE)
    share = len(bad) / n_paths
    for _ in range(_REDRAWS):
        if not len(bad):
            break
        coefs[bad] = draw(len(bad))
        bad = bad[spectral_radius(coefs[bad], system.beta, system.lags) > 1 + _ROOT_TOLERANCE]
    coefs[bad] = system.coef
    return coefs, share


def simulate_flow_system(system: FlowSystem, horizon: int, n_paths: int,
                         rng: np.random.Generator, *, future_exog: np.ndarray | None = None,
                         parameter_uncertainty: bool = True, shocks: Shocks = "bootstrap"
                         ) -> np.ndarray:
    """Simulated log-level paths, shape ``(n_paths, horizon, K)``.

    With ``parameter_uncertainty=False`` and ``shocks="none"`` every path is the point
    forecast (the conditional mean of the log flows).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> logs = np.cumsum(rng.normal(0.02, 0.05, (40, 2)), axis=0)
    >>> system = fit_flow_system(logs, lags=1, beta=np.zeros((2, 0)))
    >>> simulate_flow_system(system, 3, 5, np.random.default_rng(1)).shape
    (5, 3, 2)
    """
    k, rank = system.lags, system.rank
    n_var = system.coef.shape[1]
    if parameter_uncertainty:
        coefs, _ = draw_coefficients(system, n_paths, rng)
    else:
        coefs = np.broadcast_to(system.coef, (n_paths, *system.coef.shape))
    if shocks == "bootstrap":
        resid = system.residuals * np.sqrt(len(system.residuals) / system.dof)
        noise = resid[rng.integers(0, len(resid), (n_paths, horizon))]
    elif shocks == "gaussian":
        noise = rng.standard_normal((n_paths, horizon, n_var)) @ _root(system.sigma).T
    else:
        noise = np.zeros((n_paths, horizon, n_var))
    # deterministic terms and regressors are known for every step: add them at once
    n_dynamic = rank + k * n_var
    seasonal = _dummies(system.next_position + np.arange(horizon), system.season)
    known = np.column_stack([np.ones(horizon), seasonal,
                             *([] if future_exog is None else [future_exog])])
    noise = noise + np.einsum("hm,nmk->nhk", known, coefs[:, n_dynamic:])
    dynamic = coefs[:, :n_dynamic]
    level = np.broadcast_to(system.last_level, (n_paths, n_var)).copy()
    diffs = np.broadcast_to(system.last_diffs.reshape(-1), (n_paths, k * n_var)).copy()
    out = np.empty((n_paths, horizon, n_var))
    for step in range(horizon):
        z = np.concatenate([level @ system.beta, diffs], axis=1)
        change = np.einsum("nm,nmk->nk", z, dynamic) + noise[:, step]
        level = level + change
        if k:
            diffs = np.concatenate([change, diffs[:, :-n_var]], axis=1)
        out[:, step] = level
    return out


@dataclass(frozen=True, kw_only=True)
class VECM(Model):
    """Joint model of log exports and imports; VECM only where cointegration is supported.

    Parameters
    ----------
    k_ar_diff : int, optional
        Lagged differences; None (default) picks it by BIC (statsmodels
        ``select_order``; AIC picks the largest order on these short samples) up to
        ``max_lags``, kept small enough to leave 10 residual degrees of freedom.
    max_lags : int
        Upper bound of the lag search (default 4).
    coint_rank : int or "johansen"
        Cointegration rank; ``"johansen"`` (default) takes it from the trace test at
        ``level`` on the training data; 0 is a VAR in differences.
    level : {"10%", "5%", "1%"}
        Level of the Johansen trace test (default 5%).
    parameter_uncertainty : bool
        Draw each path's coefficients from their sampling distribution (default True).
    shocks : {"bootstrap", "gaussian", "none"}
        Resampled residual vectors (default), Gaussian shocks, or none.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> idx = pd.date_range("2000", periods=30, freq="YS")
    >>> level = np.exp(np.cumsum(rng.normal(0.05, 0.05, 30)))
    >>> noise = np.exp(rng.normal(0, 0.05, (30, 2)))
    >>> flows = pd.DataFrame({"exports": level * 1.2 * noise[:, 0],
    ...                       "imports": level * noise[:, 1]}, idx)
    >>> result = VECM(k_ar_diff=1, coint_rank=1).fit(flows, horizon=3)
    >>> sorted(result.flow_paths), result.spec
    (['exports', 'imports'], 'VECM(k_ar_diff=1, rank=1); rank by assumption')
    """

    name: str = "vecm"
    k_ar_diff: int | None = None
    max_lags: int = 4
    coint_rank: int | Literal["johansen"] = "johansen"
    level: Literal["10%", "5%", "1%"] = "5%"
    parameter_uncertainty: bool = True
    shocks: Shocks = "bootstrap"

    supports_exog: ClassVar[bool] = True
    uses_flows: ClassVar[bool] = True

    def _fit(self, data: pd.DataFrame, exog: pd.DataFrame | None, horizon: int,
             future_exog: pd.DataFrame | None) -> ForecastResult:
        logs = np.log(data[["exports", "imports"]].to_numpy())
        season = season_length(data.index)
        first = int(data.index[0].month - 1) if season > 1 else 0
        x = None if exog is None else exog.to_numpy()
        lags = self._lags(logs, season, x)
        rank, johansen = self._rank(logs, lags, season)
        beta = self._beta(logs, lags, rank, season, first, x)
        system = fit_flow_system(logs, lags=lags, beta=beta, season=season,
                                 first_position=first, exog=x)
        sampler = self._sampler(system, horizon,
                                None if future_exog is None else future_exog.to_numpy())
        kind = (f"VECM(k_ar_diff={lags}, rank={rank})" if rank else
                f"VAR in differences of log flows (k_ar_diff={lags})")
        rule = ("Johansen test not run (sample too short): no cointegration imposed"
                if "johansen_not_run" in johansen else f"rank by {self._rank_rule()}")
        params = {"coint_rank": float(rank), "k_ar_diff": float(lags), **johansen}
        if rank:
            params.update(alpha_exports=float(system.coef[0, 0]),
                          alpha_imports=float(system.coef[0, 1]))
        return result_from_paths(model=self.name, index=future_index(data.index, horizon),
                                 history=balance_from_flows(data), sampler=sampler,
                                 n_paths=self.n_paths, seed=self.seed,
                                 spec=f"{kind}; {rule}", params=params)

    def _rank_rule(self) -> str:
        if self.coint_rank == "johansen":
            return f"Johansen trace test at {self.level}"
        return "assumption"

    def _lags(self, logs: np.ndarray, season: int, exog: np.ndarray | None) -> int:
        if self.k_ar_diff is not None:
            return self.k_ar_diff
        from statsmodels.tsa.vector_ar.vecm import select_order
        fixed = 2 + season + (0 if exog is None else exog.shape[1])  # rank, constant, dummies
        most = min(self.max_lags, (len(logs) - 1 - fixed - _MIN_DOF) // 3)
        if most < 1:
            return 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return int(select_order(logs, most, deterministic="co",
                                    seasons=season if season > 1 else 0, exog=exog).bic)

    def _rank(self, logs: np.ndarray, lags: int, season: int) -> tuple[int, dict[str, float]]:
        if self.coint_rank != "johansen":
            return self.coint_rank, {}
        from econ.tsa import johansen_test
        levels = pd.DataFrame(logs, columns=["exports", "imports"])
        if season > 1:  # month means out: the test takes no seasonal terms
            month = np.arange(len(levels)) % season
            levels = levels - levels.groupby(month).transform("mean") + levels.mean()
        test = johansen_test(levels, k_ar_diff=max(1, lags), deterministic="const")
        rank = test.rank("trace", self.level)
        if rank is None:  # too short to test: no cointegration is imposed
            return 0, {"johansen_not_run": 1.0}
        first = test.trace[0]
        return rank, {"johansen_trace_r0": float(first.statistic),
                      f"johansen_trace_r0_critical_{self.level}":
                          float(first.critical_values[self.level])}

    def _beta(self, logs: np.ndarray, lags: int, rank: int, season: int, first: int,
              exog: np.ndarray | None) -> np.ndarray:
        n_var = logs.shape[1]
        if rank == 0:
            return np.zeros((n_var, 0))
        if rank >= n_var:  # stationary in levels: a VAR in levels, written in differences
            return np.eye(n_var)
        from statsmodels.tsa.vector_ar.vecm import VECM as StatsmodelsVECM
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fitted = StatsmodelsVECM(logs, exog=exog, k_ar_diff=lags, coint_rank=rank,
                                     deterministic="co", seasons=season if season > 1 else 0,
                                     first_season=first).fit()
        return np.asarray(fitted.beta)

    def _sampler(self, system: FlowSystem, horizon: int,
                 future_exog: np.ndarray | None) -> Sampler:
        def sample(n_paths: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
            logs = simulate_flow_system(system, horizon, n_paths, rng, future_exog=future_exog,
                                        parameter_uncertainty=self.parameter_uncertainty,
                                        shocks=self.shocks)
            # (X - M) / (X + M) = tanh((ln X - ln M) / 2), exact without overflow
            return {"y": np.tanh((logs[..., 0] - logs[..., 1]) / 2),
                    "exports": np.exp(logs[..., 0]), "imports": np.exp(logs[..., 1])}
        return sample
