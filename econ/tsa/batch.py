"""Test statistics of many series at once, for simulation and the bootstrap.

Every function takes ``y`` of shape ``(R, T)``, R replications of one series, and
returns one statistic per row, computed exactly as the single-series test of
:mod:`econ.tsa` or statsmodels computes it (``tests/tsa/test_batch.py`` checks each
against them on real and simulated series). Nothing here loops over replications:
regressions are batched QR or closed forms over prefix sums, so a thousand
replications cost about what a few single tests cost in statsmodels.

* :func:`adf`: ADF tau with AIC/BIC lag selection on the common sample, then the
  chosen lag refitted (statsmodels ``adfuller``); :func:`mackinnon_pvalue`.
* :func:`kpss`: KPSS eta with Bartlett weights (statsmodels ``kpss``) and
  :func:`kpss_pvalue`, bounded to [0.01, 0.10] like the table it interpolates.
* :func:`hac_mean`: mean, Newey-West standard error and t-ratio (``mean_zero_test``).
* :func:`zivot_andrews`: the model with a break in the intercept, by Frisch-Waugh
  on the regressors that do not depend on the break date.
* :func:`sup_wald_mean`: sup-Wald for one shift in the mean with a Newey-West
  variance at every candidate date, in closed form from lagged prefix sums
  (strucchange ``Fstats(y ~ 1, vcov. = NeweyWest)``).
* :func:`sup_f`: homoskedastic sup-F (Wald scale) for any small regression (the mean,
  or the AR(1) whose constant and slope both break), from prefix sums of cross
  products (strucchange ``Fstats``).
* :func:`chow_mean`, :func:`cusum`, :func:`cusum_squares`: as ``chow_test``,
  ``cusum_test`` and ``cusum_squares_test`` for a constant-only model.
* :func:`break_counts`: breaks chosen by BIC and LWZ after Bai-Perron's global
  minimisation (``bai_perron`` with a constant), by dynamic programming over the
  segment sums of squares of every replication.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Literal

import numpy as np
from scipy import stats
from statsmodels.tsa import adfvalues

__all__ = [
    "KPSS_TABLE",
    "adf",
    "break_counts",
    "candidates",
    "chow_mean",
    "cusum",
    "cusum_squares",
    "hac_mean",
    "kpss",
    "kpss_pvalue",
    "mackinnon_pvalue",
    "ols",
    "sup_f",
    "sup_wald_mean",
    "t_pvalue",
    "vectorised",
    "zivot_andrews",
]

Regression = Literal["n", "c", "ct"]
AutoLag = Literal["aic", "bic"]
# KPSS (1992) Table 1, level stationarity: statistic at 10, 5, 2.5, 1% (statsmodels)
KPSS_TABLE = (np.array([0.347, 0.463, 0.574, 0.739]), np.array([0.10, 0.05, 0.025, 0.01]))
_LWZ_C0, _LWZ_D0 = 0.299, 0.1


def vectorised(func: Callable[[float], float]) -> Callable[[np.ndarray], np.ndarray]:
    """A scalar p-value function applied to every element of an array.

    Examples
    --------
    >>> vectorised(abs)(np.array([-1.0, 2.0]))
    array([1., 2.])
    """
    def apply(values: np.ndarray) -> np.ndarray:
        flat = np.asarray(values, dtype=float).ravel()
        out = np.array([func(float(v)) if np.isfinite(v) else math.nan for v in flat])
        return out.reshape(np.shape(values))

    return apply


def ols(y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Batched OLS by QR: coefficients (R, k), residuals (R, n), (X'X)^-1 (R, k, k).

    ``x`` is (n, k), shared by every replication, or (R, n, k).

    Examples
    --------
    >>> y = np.array([[1.0, 2.0, 3.0], [2.0, 2.0, 2.0]])
    >>> ols(y, np.ones((3, 1)))[0].ravel().tolist()
    [2.0, 2.0]
    """
    q, r = np.linalg.qr(x)
    if x.ndim == 2:
        beta = np.linalg.solve(r, (y @ q).T).T
        resid = y - beta @ x.T
        inverse = np.linalg.inv(r)
        return beta, resid, np.broadcast_to(inverse @ inverse.T, (len(y), *r.shape))
    beta = np.linalg.solve(r, np.einsum("rnk,rn->rk", q, y)[..., None])[..., 0]
    resid = y - np.einsum("rnk,rk->rn", x, beta)
    inverse = np.linalg.inv(r)
    return beta, resid, inverse @ np.swapaxes(inverse, -1, -2)


def _bartlett(u: np.ndarray, lags: int) -> np.ndarray:
    """``sum u^2 + 2 sum_j (1 - j/(L+1)) sum_t u_t u_{t-j}`` along the last axis."""
    total = np.einsum("...t,...t->...", u, u)
    for j in range(1, lags + 1):
        total = total + 2 * (1 - j / (lags + 1)) * np.einsum(
            "...t,...t->...", u[..., j:], u[..., :-j])
    return np.asarray(total, dtype=float)


# ---- unit roots -------------------------------------------------------------------------

def _adf_design(y: np.ndarray, start: int, lag: int, regression: Regression
                ) -> tuple[np.ndarray, np.ndarray]:
    """dy_t and [y_{t-1}, dy_{t-1..t-lag}, deterministic] for t from ``start + 1``."""
    dy = np.diff(y, axis=1)
    rows = dy.shape[1] - start
    columns = [y[:, start:-1]]
    columns += [dy[:, start - j: dy.shape[1] - j] for j in range(1, lag + 1)]
    if regression != "n":
        columns.append(np.ones_like(columns[0]))
    if regression == "ct":
        columns.append(np.broadcast_to(np.arange(1.0, rows + 1), columns[0].shape))
    return dy[:, start:], np.stack(columns, axis=2)


def _t_first(dy: np.ndarray, x: np.ndarray) -> np.ndarray:
    beta, resid, inverse = ols(dy, x)
    sigma2 = np.einsum("rt,rt->r", resid, resid) / (x.shape[1] - x.shape[2])
    return np.asarray(beta[:, 0] / np.sqrt(sigma2 * inverse[:, 0, 0]), dtype=float)


def _nested_ssr(dy: np.ndarray, x: np.ndarray, first: int) -> np.ndarray:
    """SSR of dy on the first ``first``, ``first + 1``, ... columns of x, per row.

    One QR serves every nested model: the first k columns of Q span the first k of X.
    """
    q = np.linalg.qr(x)[0]
    explained = np.einsum("rnk,rn->rk", q, dy) ** 2
    total = np.einsum("rt,rt->r", dy, dy)
    return np.asarray(total[:, None] - np.cumsum(explained, axis=1)[:, first - 1:], dtype=float)


def adf(y: np.ndarray, *, regression: Regression = "c", lags: int | None = None,
        max_lags: int = 0, autolag: AutoLag = "aic") -> tuple[np.ndarray, np.ndarray]:
    """ADF tau and the lag used, per row (statsmodels ``adfuller``).

    With ``lags=None`` the lag minimising ``autolag`` over 0..``max_lags`` on the common
    sample (``nobs log(SSR/nobs) + penalty``, statsmodels' information criteria up to a
    constant) is refitted on its own longer sample, as statsmodels does.

    Returns
    -------
    (ndarray, ndarray)
        tau (R,) and lags (R,).

    Examples
    --------
    >>> y = np.random.default_rng(0).standard_normal((3, 50)).cumsum(axis=1)
    >>> adf(y, lags=1)[0].shape
    (3,)
    """
    y = np.atleast_2d(np.asarray(y, dtype=float))
    if lags is not None:
        return _t_first(*_adf_design(y, lags, lags, regression)), np.full(len(y), lags)
    dy, x = _adf_design(y, max_lags, max_lags, regression)
    deterministic = x.shape[2] - 1 - max_lags
    # columns: deterministic terms, the level, then the lags in order (nested models)
    order = [*range(1 + max_lags, x.shape[2]), 0, *range(1, 1 + max_lags)]
    first = deterministic + 1
    ssr = _nested_ssr(dy, x[:, :, order], first)
    nobs = dy.shape[1]
    k = first + np.arange(max_lags + 1)
    penalty = 2 * k if autolag == "aic" else k * math.log(nobs)
    chosen = np.argmin(nobs * np.log(ssr / nobs) + penalty, axis=1)
    tau = np.empty(len(y))
    for lag in np.unique(chosen):
        rows = chosen == lag
        tau[rows] = _t_first(*_adf_design(y[rows], int(lag), int(lag), regression))
    return tau, chosen


def mackinnon_pvalue(tau: np.ndarray, regression: Regression = "c", n_series: int = 1
                     ) -> np.ndarray:
    """MacKinnon (1994) p-values of ADF (or Engle-Granger, ``n_series=2``) statistics.

    statsmodels ``mackinnonp`` on every element at once (its tables and rule: 1 above
    the largest tabulated statistic, 0 below the smallest, the small-p or large-p
    polynomial on either side of ``tau_star``).

    Examples
    --------
    >>> mackinnon_pvalue(np.array([-2.86]), "c").round(3).tolist()
    [0.05]
    """
    tau = np.asarray(tau, dtype=float)
    n = n_series - 1
    small = np.polyval(adfvalues._tau_smallps[regression][n][::-1], tau)
    large = np.polyval(adfvalues._tau_largeps[regression][n][::-1], tau)
    p = stats.norm.cdf(np.where(tau <= adfvalues._tau_stars[regression][n], small, large))
    p = np.where(tau > adfvalues._tau_maxs[regression][n], 1.0, p)
    return np.where(tau < adfvalues._tau_mins[regression][n], 0.0, p)


def kpss(y: np.ndarray, *, lags: int) -> np.ndarray:
    """KPSS level-stationarity statistic with Bartlett weights (statsmodels ``kpss``).

    Examples
    --------
    >>> round(float(kpss(np.arange(10.0)[None, :], lags=1)[0]), 4)
    0.5941
    """
    resid = y - y.mean(axis=1, keepdims=True)
    nobs = y.shape[1]
    eta = np.einsum("rt,rt->r", *(2 * [np.cumsum(resid, axis=1)])) / nobs**2
    return np.asarray(eta / (_bartlett(resid, lags) / nobs), dtype=float)


def kpss_pvalue(statistic: np.ndarray) -> np.ndarray:
    """p-value interpolated in the KPSS table, bounded to [0.01, 0.10].

    Examples
    --------
    >>> kpss_pvalue(np.array([0.2, 0.463, 2.0])).tolist()
    [0.1, 0.05, 0.01]
    """
    return np.asarray(np.interp(statistic, *KPSS_TABLE), dtype=float)


def hac_mean(y: np.ndarray, *, lags: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, Newey-West standard error (no small-sample correction) and t-ratio.

    Examples
    --------
    >>> mean, se, t = hac_mean(np.array([[1.0, 2.0, 3.0, 4.0]]), lags=0)
    >>> float(mean[0]), round(float(se[0]), 4)
    (2.5, 0.559)
    """
    mean = y.mean(axis=1)
    nobs = y.shape[1]
    se = np.sqrt(_bartlett(y - mean[:, None], lags)) / nobs
    return mean, se, mean / se


def _suffix(v: np.ndarray, cut: np.ndarray, ramp: bool) -> np.ndarray:
    """``sum_{i >= c} v_i`` (``ramp``: ``sum_{i >= c} (i - c + 1) v_i``) for every c.

    ``v`` is (R, rows, ...); the result is (R, len(cut), ...).
    """
    tail = np.flip(np.cumsum(np.flip(v, axis=1), axis=1), axis=1)
    if not ramp:
        return tail[:, cut]
    index = np.arange(v.shape[1]).reshape(-1, *([1] * (v.ndim - 2)))
    weighted = np.flip(np.cumsum(np.flip(v * index, axis=1), axis=1), axis=1)
    ramp = weighted[:, cut] - (cut - 1).reshape(-1, *([1] * (v.ndim - 2))) * tail[:, cut]
    return np.asarray(ramp, dtype=float)


def _dummy_moments(rows: int, cut: np.ndarray, kinds: tuple[bool, ...]) -> np.ndarray:
    """D'D of the break regressors (DU: 0/1 step, DT: ramp 1, 2, ...) at every cut."""
    length = (rows - cut).astype(float)
    sums = {(False, False): length, (False, True): length * (length + 1) / 2,
            (True, True): length * (length + 1) * (2 * length + 1) / 6}
    return np.stack([np.stack([sums[(min(a, b), max(a, b))] for b in kinds], axis=-1)
                     for a in kinds], axis=-2)


def zivot_andrews(y: np.ndarray, *, lags: int, trim: float = 0.15,
                  regression: Literal["c", "t", "ct"] = "c"
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Zivot-Andrews statistic and break position, per row (statsmodels' regressions).

    ``dy_t`` is regressed on a constant, a trend, the break terms (``"c"``: the step
    ``DU_t = 1(t >= b)``; ``"t"``: the ramp ``DT_t`` starting one row earlier, as
    statsmodels builds it; ``"ct"``: both), ``y_{t-1}`` and ``lags`` lagged
    differences, for every break ``b`` in statsmodels' trimmed range. The regressors
    that do not move with ``b`` are partialled out once (Frisch-Waugh), so each date
    costs one small solve. The statistic is the smallest t-ratio of ``y_{t-1}`` over
    the dates whose regression is not singular (statsmodels' explicit inverse turns a
    near-singular date into NaN and the minimum into NaN). Returns the statistic and
    the 0-based position of the last observation before the break as statsmodels
    reports it (NaN and -1 when no date can be estimated).

    Examples
    --------
    >>> y = np.r_[np.zeros(50), np.full(50, 5.0)] + np.random.default_rng(0).normal(
    ...     size=100)
    >>> int(zivot_andrews(y[None, :], lags=0)[1][0])
    49
    """
    y = np.atleast_2d(np.asarray(y, dtype=float))
    reps, nobs = y.shape
    dy, x = _adf_design(y, lags, lags, "ct")  # y_{t-1}, lags, const, trend
    rows = dy.shape[1]
    q = np.linalg.qr(x[:, :, 1:])[0]

    def residual(v: np.ndarray) -> np.ndarray:
        fitted = np.einsum("rnk,rk->rn", q, np.einsum("rnk,rn->rk", q, v))
        return np.asarray(v - fitted, dtype=float)

    dy_r, level_r = residual(dy), residual(x[:, :, 0])
    trimcnt = int(nobs * trim)
    breaks = np.arange(trimcnt + 1, nobs - trimcnt + 1)
    cut = breaks - (lags + 1)  # first regression row with DU = 1
    kinds = {"c": (False,), "t": (True,), "ct": (False, True)}[regression]
    cuts = [cut - 1 if regression == "t" else cut for _ in kinds]
    keep = np.all([(c > 0) & (c < rows) for c in cuts], axis=0)
    breaks, cuts = breaks[keep], [c[keep] for c in cuts]
    qd = np.stack([_suffix(q, c, ramp) for c, ramp in zip(cuts, kinds, strict=True)], axis=-1)
    gram = _dummy_moments(rows, cuts[0], kinds) - np.einsum("rbki,rbkj->rbij", qd, qd)
    d_level = np.stack([_suffix(level_r, c, ramp) for c, ramp in zip(cuts, kinds, strict=True)],
                       axis=-1)
    d_dy = np.stack([_suffix(dy_r, c, ramp) for c, ramp in zip(cuts, kinds, strict=True)],
                    axis=-1)
    size = len(kinds) + 1
    moments = np.empty((reps, len(breaks), size, size))
    moments[..., :-1, :-1] = gram
    moments[..., :-1, -1] = moments[..., -1, :-1] = d_level
    moments[..., -1, -1] = np.einsum("rt,rt->r", level_r, level_r)[:, None]
    rhs = np.concatenate([d_dy, np.einsum("rt,rt->r", level_r, dy_r)[:, None, None]
                          .repeat(len(breaks), axis=1)], axis=-1)
    tstat = np.full((reps, len(breaks)), np.nan)
    scale = np.sqrt(np.einsum("...ii->...i", moments))
    conditioned = np.linalg.cond(moments / scale[..., :, None] / scale[..., None, :]) < 1e10
    if conditioned.any():
        m, b = moments[conditioned], rhs[conditioned]
        inverse = np.linalg.inv(m)
        coef = np.einsum("nij,nj->ni", inverse, b)
        rss = np.einsum("rt,rt->r", dy_r, dy_r)[:, None].repeat(len(breaks), axis=1)[
            conditioned] - np.einsum("ni,ni->n", coef, b)
        sigma2 = rss / (rows - x.shape[2] + 1 - size)
        tstat[conditioned] = coef[:, -1] / np.sqrt(sigma2 * inverse[:, -1, -1])
    stat = np.full(reps, np.nan)
    position = np.full(reps, -1)
    found = np.isfinite(tstat).any(axis=1)
    if found.any():
        best = np.nanargmin(np.where(np.isfinite(tstat), tstat, np.inf)[found], axis=1)
        stat[found] = tstat[found, best]
        position[found] = breaks[best] - 1
    return stat, position


# ---- breaks -----------------------------------------------------------------------------

def candidates(nobs: int, trim: float, minimum: int) -> np.ndarray:
    """Numbers of observations in the first regime: h .. T - h.

    ``h = floor(trim T)``, or ``trim`` itself when it is a count (>= 1), and at least
    ``minimum`` (strucchange ``Fstats``: ``from = h``, ``to = T - h``, both clipped to
    leave ``k + 1`` observations).

    Examples
    --------
    >>> candidates(20, 0.15, 2).tolist(), candidates(20, 5, 2).tolist()
    ([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
    """
    h = int(trim) if trim >= 1 else math.floor(trim * nobs)
    return np.arange(max(h, minimum), min(nobs - h, nobs - minimum) + 1)


def _prefix(v: np.ndarray) -> np.ndarray:
    return np.concatenate([np.zeros((*v.shape[:-1], 1)), np.cumsum(v, axis=-1)], axis=-1)


def sup_wald_mean(y: np.ndarray, *, trim: float = 0.15, lags: int = 0
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """sup-Wald for one shift in the mean, Newey-West variance at every date.

    At a split after ``tau`` observations the shift ``m2 - m1`` has the HAC variance
    ``sum_|j|<=L w_j sum_t psi_t psi_{t-j}`` with ``psi_t = a_t (y_t - m_seg(t))``,
    ``a_t = -1/tau`` before and ``1/(T - tau)`` after (Bartlett weights, no
    small-sample correction: strucchange ``Fstats(y ~ 1, vcov. = function(x, ...)
    NeweyWest(x, lag = L, prewhite = FALSE, adjust = FALSE))``). The lag-j sums split
    into pairs within each regime and the j pairs across the split, each a difference
    of prefix sums, so every date costs O(L).

    Returns
    -------
    (ndarray, ndarray, ndarray)
        sup-Wald (R,), the number of observations before the best split (R,), and the
        Wald path (R, number of candidates).

    Examples
    --------
    >>> y = np.r_[np.zeros(30), np.ones(30)] + np.random.default_rng(0).normal(0, .3, 60)
    >>> int(sup_wald_mean(y[None, :], lags=2)[1][0])
    30
    """
    y = np.atleast_2d(np.asarray(y, dtype=float))
    y = y - y.mean(axis=1, keepdims=True)  # invariant; keeps the prefix sums small
    nobs = y.shape[1]
    tau = candidates(nobs, trim, max(lags, 1) + 1)
    n1, n2 = tau.astype(float), (nobs - tau).astype(float)
    s = _prefix(y)
    m1 = s[:, tau] / n1
    m2 = (s[:, [nobs]] - s[:, tau]) / n2
    variance = np.zeros_like(m1)
    for j in range(lags + 1):
        c = _prefix(y[:, j:] * y[:, : nobs - j])  # c[:, k] = sum_{t=j}^{j+k-1} y_t y_{t-j}
        inside1 = (c[:, tau - j] - m1 * ((s[:, tau] - s[:, [j]]) + s[:, tau - j])
                   + (tau - j) * m1**2) / n1**2
        inside2 = (c[:, [nobs - j]] - c[:, tau]
                   - m2 * ((s[:, [nobs]] - s[:, tau + j]) + (s[:, [nobs - j]] - s[:, tau]))
                   + (nobs - tau - j) * m2**2) / n2**2
        across = 0.0
        if j:
            across = -(c[:, tau] - c[:, tau - j] - m1 * (s[:, tau + j] - s[:, tau])
                       - m2 * (s[:, tau] - s[:, tau - j]) + j * m1 * m2) / (n1 * n2)
        weight = 1.0 if j == 0 else 2 * (1 - j / (lags + 1))
        variance += weight * (inside1 + inside2 + across)
    path = (m2 - m1) ** 2 / variance
    best = np.argmax(path, axis=1)
    return path[np.arange(len(y)), best], tau[best], path


def sup_f(y: np.ndarray, z: np.ndarray | None = None, *, trim: float = 0.15
          ) -> tuple[np.ndarray, np.ndarray]:
    """Homoskedastic sup-F in the Wald scale for a break in every coefficient.

    ``z`` holds the regressors, (n, k) or (R, n, k); default a constant (a shift in
    the mean). Segment sums of squares come from prefix sums of the cross products,
    so each candidate costs one k x k solve. Candidates as strucchange ``Fstats``.

    Returns
    -------
    (ndarray, ndarray)
        sup-F (R,) and the number of observations before the best split (R,).

    Examples
    --------
    >>> y = np.r_[np.zeros(30), np.ones(30)] + np.random.default_rng(0).normal(0, .3, 60)
    >>> int(sup_f(y[None, :])[1][0])
    30
    """
    y = np.atleast_2d(np.asarray(y, dtype=float))
    reps, nobs = y.shape
    z = np.ones((nobs, 1)) if z is None else np.asarray(z, dtype=float)
    z = np.broadcast_to(z, (reps, *z.shape[-2:]))
    k = z.shape[2]
    if not np.all(z[..., 0] == 1):
        raise ValueError(f"z: expected a constant as the first regressor, found "
                         f"{z[0, :3, 0].tolist()}...; the sums are centred, which needs it.")
    # centring (exact with a constant in every segment) keeps the prefix sums small
    center = z.mean(axis=1, keepdims=True) * (np.arange(k) > 0)
    zc, yc = z - center, y - y.mean(axis=1, keepdims=True)
    zz = _prefix(np.einsum("rti,rtj->rijt", zc, zc))
    zy = _prefix(np.einsum("rti,rt->rit", zc, yc))
    yy = _prefix(yc * yc)
    tau = candidates(nobs, trim, k + 1)

    def rss(first: np.ndarray | int, last: np.ndarray | int) -> np.ndarray:
        a = np.moveaxis(zz[..., last] - zz[..., first], -1, 1)  # (R, m, k, k)
        b = np.moveaxis(zy[..., last] - zy[..., first], -1, 1)[..., None]
        fitted = np.einsum("rmi,rmi->rm", b[..., 0], np.linalg.solve(a, b)[..., 0])
        return np.asarray((yy[:, last] - yy[:, first]) - fitted, dtype=float)

    split = rss(np.zeros_like(tau), tau) + rss(tau, np.full_like(tau, nobs))
    total = rss(np.array([0]), np.array([nobs]))
    path = (total - split) / (split / (nobs - 2 * k))
    best = np.argmax(path, axis=1)
    return path[np.arange(reps), best], tau[best]


def chow_mean(y: np.ndarray, split: int) -> np.ndarray:
    """Chow F for a shift in the mean after ``split`` observations.

    Examples
    --------
    >>> round(float(chow_mean(np.array([[0.0, 1, 0, 5, 6, 5]]), 3)[0]), 3)
    112.5
    """
    def ss(v: np.ndarray) -> np.ndarray:
        return np.asarray(((v - v.mean(axis=1, keepdims=True)) ** 2).sum(axis=1), dtype=float)

    parts = ss(y[:, :split]) + ss(y[:, split:])
    return np.asarray((ss(y) - parts) / (parts / (y.shape[1] - 2)), dtype=float)


def _recursive_residuals(y: np.ndarray) -> np.ndarray:
    """Recursive residuals of a constant: ``(y_t - mean(y_<t)) sqrt(t/(t+1))``."""
    t = np.arange(1, y.shape[1])
    means = np.cumsum(y, axis=1)[:, :-1] / t
    return (y[:, 1:] - means) * np.sqrt(t / (t + 1))


def cusum(y: np.ndarray) -> np.ndarray:
    """Brown-Durbin-Evans CUSUM statistic ``max |W_j| / (1 + 2 j/n)`` of a constant.

    Examples
    --------
    >>> cusum(np.random.default_rng(0).normal(size=(2, 40))).shape
    (2,)
    """
    w = _recursive_residuals(y)
    n = w.shape[1]
    path = np.cumsum(w, axis=1) / w.std(axis=1, ddof=1, keepdims=True)
    scaled = np.abs(path / math.sqrt(n)) / (1 + 2 * np.arange(1, n + 1) / n)
    return np.asarray(scaled.max(axis=1), dtype=float)


def cusum_squares(y: np.ndarray) -> np.ndarray:
    """CUSUM-of-squares statistic ``max |s_j - j/n|`` of a constant.

    Examples
    --------
    >>> cusum_squares(np.random.default_rng(0).normal(size=(2, 40))).shape
    (2,)
    """
    w2 = _recursive_residuals(y) ** 2
    n = w2.shape[1]
    path = np.cumsum(w2, axis=1) / w2.sum(axis=1, keepdims=True)
    return np.asarray(np.abs(path - np.arange(1, n + 1) / n).max(axis=1), dtype=float)


def _min_rss(y: np.ndarray, h: int, max_breaks: int) -> np.ndarray:
    """Smallest RSS with m = 0..max_breaks mean shifts, segments >= h (R, m + 1).

    Dynamic programming over segment ends; each segment's RSS comes from prefix sums.
    """
    reps, nobs = y.shape
    s1, s2 = _prefix(y), _prefix(y * y)

    def rss(first: np.ndarray, last: int) -> np.ndarray:
        """RSS of [first, last] for an array of first indices (R, len(first))."""
        total = s1[:, [last + 1]] - s1[:, first]
        squares = s2[:, [last + 1]] - s2[:, first]
        return np.asarray(squares - total**2 / (last + 1 - first), dtype=float)

    ends = np.arange(nobs)
    layer = np.full((reps, nobs), np.inf)  # best RSS of [0, e] with m breaks
    layer[:, h - 1:] = (s2[:, h:] - s1[:, h:] ** 2 / (ends[h - 1:] + 1))
    out = [layer[:, -1]]
    for m in range(1, max_breaks + 1):
        new = np.full((reps, nobs), np.inf)
        for last in range((m + 1) * h - 1, nobs):
            split = np.arange(m * h - 1, last - h + 1)  # last index of the previous segment
            new[:, last] = np.min(layer[:, split] + rss(split + 1, last), axis=1)
        layer = new
        out.append(layer[:, -1])
    return np.asarray(np.maximum(np.column_stack(out), 0.0), dtype=float)


def break_counts(y: np.ndarray, *, trim: float = 0.15, max_breaks: int = 3
                 ) -> dict[str, np.ndarray]:
    """Number of mean shifts BIC and LWZ choose, per row (``bai_perron``, constant).

    Examples
    --------
    >>> y = np.r_[np.zeros(40), np.full(40, 3.0)] + np.random.default_rng(0).normal(
    ...     size=80)
    >>> break_counts(y[None, :])["bic"].tolist()
    [1]
    """
    y = np.atleast_2d(np.asarray(y, dtype=float))
    nobs = y.shape[1]
    h = math.floor(trim * nobs)
    max_breaks = max(min(max_breaks, math.ceil(nobs / h) - 2), 0)
    rss = _min_rss(y, h, max_breaks)
    m = np.arange(max_breaks + 1)
    with np.errstate(divide="ignore"):
        bic = nobs * (np.log(rss) + 1 - math.log(nobs) + math.log(2 * math.pi)) + math.log(
            nobs) * 2 * (m + 1)
        p_star = (m + 1) + m
        lwz = np.log(rss / (nobs - p_star)) + p_star * _LWZ_C0 * math.log(nobs) ** (
            2 + _LWZ_D0) / nobs
    return {"bic": np.argmin(bic, axis=1), "lwz": np.argmin(lwz, axis=1)}


def t_pvalue(t: np.ndarray, df: int) -> np.ndarray:
    """Two-sided p-values of t-ratios with ``df`` degrees of freedom.

    Examples
    --------
    >>> t_pvalue(np.array([0.0]), 10).tolist()
    [1.0]
    """
    return np.asarray(2 * stats.t.sf(np.abs(t), df), dtype=float)


# ---- cointegration of two series --------------------------------------------------------

def engle_granger(y: np.ndarray, x: np.ndarray, *, max_lags: int, autolag: AutoLag = "aic"
                  ) -> np.ndarray:
    """Engle-Granger tau: ADF without deterministic terms on the residuals of y on (x, 1).

    Examples
    --------
    >>> x = np.random.default_rng(0).standard_normal((2, 80)).cumsum(axis=1)
    >>> engle_granger(x + 0.1, x, max_lags=1).shape
    (2,)
    """
    design = np.stack([x, np.ones_like(x)], axis=2)
    resid = ols(y, design)[1]
    return adf(resid, regression="n", max_lags=max_lags, autolag=autolag)[0]


def _lagged_differences(levels: np.ndarray, lags: int) -> tuple[np.ndarray, np.ndarray]:
    """Differences d levels_t (R, rows, p) and [d levels_{t-1..t-lags}] (R, rows, p lags)."""
    diffs = np.diff(levels, axis=1)
    rows = diffs.shape[1] - lags
    columns = [diffs[:, lags - j: diffs.shape[1] - j] for j in range(1, lags + 1)]
    return diffs[:, lags:], (np.concatenate(columns, axis=2) if columns
                             else np.zeros((len(levels), rows, 0)))


def _residualise(target: np.ndarray, regressors: np.ndarray) -> np.ndarray:
    q = np.linalg.qr(regressors)[0]
    return np.asarray(target - q @ (np.swapaxes(q, 1, 2) @ target), dtype=float)


def johansen_moments(levels: np.ndarray, k_ar_diff: int
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Johansen moment matrices S00, S0K, SKK with an unrestricted constant, per row.

    As ``cointegration._johansen_moments`` with deterministic ``"const"``: statsmodels
    ``coint_johansen(det_order=0)``.

    ``levels`` is (R, T, p).
    """
    z0, short = _lagged_differences(levels, k_ar_diff)
    rows = z0.shape[1]
    zk = levels[:, k_ar_diff: levels.shape[1] - 1]
    z1 = np.concatenate([short, np.ones((len(levels), rows, 1))], axis=2)
    r0, rk = _residualise(z0, z1), _residualise(zk, z1)

    def moment(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.asarray(np.swapaxes(a, 1, 2) @ b / rows, dtype=float)

    return moment(r0, r0), moment(r0, rk), moment(rk, rk), rows


def johansen_trace(levels: np.ndarray, *, k_ar_diff: int = 1) -> np.ndarray:
    """Johansen trace statistics for rank <= r, r = 0..p-1, per row (R, p).

    Examples
    --------
    >>> walk = np.random.default_rng(0).standard_normal((3, 100, 2)).cumsum(axis=1)
    >>> johansen_trace(walk).shape
    (3, 2)
    """
    s00, s0k, skk, rows = johansen_moments(levels, k_ar_diff)
    product = np.linalg.solve(skk, np.swapaxes(s0k, 1, 2) @ np.linalg.solve(s00, s0k))
    eigen = np.sort(np.clip(np.linalg.eigvals(product).real, 0.0, 1 - 1e-12), axis=1)[:, ::-1]
    tail = np.cumsum(np.log(1 - eigen)[:, ::-1], axis=1)[:, ::-1]
    return -rows * tail


def johansen_beta_lr(levels: np.ndarray, restriction: np.ndarray, *, k_ar_diff: int = 1
                     ) -> np.ndarray:
    """LR test of beta = H (one vector, unrestricted constant), per row.

    ``T ln((1 - rho) / (1 - lambda_1))`` with rho the restricted and lambda_1 the largest
    unrestricted eigenvalue (``cointegration.johansen_beta_test``, rank 1, H one column).
    """
    s00, s0k, skk, rows = johansen_moments(levels, k_ar_diff)
    product = np.linalg.solve(skk, np.swapaxes(s0k, 1, 2) @ np.linalg.solve(s00, s0k))
    largest = np.max(np.linalg.eigvals(product).real, axis=1)
    h = restriction.reshape(-1)
    numerator = np.einsum("i,rij,j->r", h, np.swapaxes(s0k, 1, 2) @ np.linalg.solve(s00, s0k),
                          h)
    restricted = numerator / np.einsum("i,rij,j->r", h, skk, h)
    return np.asarray(rows * (np.log(1 - restricted) - np.log(1 - largest)), dtype=float)


def ardl_bounds_f(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """PSS bounds F of ``UECM(y, 2, x, 2)``, case 3 (``ardl_bounds_test`` defaults).

    ``dy_t = c + pi_y y_{t-1} + pi_x x_{t-1} + phi dy_{t-1} + theta_0 dx_t +
    theta_1 dx_{t-1}``; F for pi_y = pi_x = 0.
    """
    dy, dx = np.diff(y, axis=1), np.diff(x, axis=1)
    ones = np.ones_like(dy[:, 1:])
    short = np.stack([ones, dy[:, :-1], dx[:, 1:], dx[:, :-1]], axis=2)
    levels = np.stack([y[:, 1:-1], x[:, 1:-1]], axis=2)
    target = dy[:, 1:]
    full = np.concatenate([short, levels], axis=2)
    rss_u = np.einsum("rt,rt->r", *(2 * [ols(target, full)[1]]))
    rss_r = np.einsum("rt,rt->r", *(2 * [ols(target, short)[1]]))
    denominator = rss_u / (target.shape[1] - full.shape[2])
    return np.asarray(((rss_r - rss_u) / 2) / denominator, dtype=float)


def dols_wald(y: np.ndarray, x: np.ndarray, *, leads: int = 1, lags: int = 1,
              hac_lags: int | None = None) -> np.ndarray:
    """Wald statistic of slope = 1 in dynamic OLS with Newey-West errors (``dols``)."""
    dx = np.diff(x, axis=1)
    first, last = lags + 1, x.shape[1] - leads  # rows with every lead and lag of dx
    columns = [np.ones_like(x[:, first:last]), x[:, first:last]]
    columns += [dx[:, first - 1 - j: last - 1 - j] for j in range(-leads, lags + 1)]
    design = np.stack(columns, axis=2)
    beta, resid, inverse = ols(y[:, first:last], design)
    bandwidth = math.floor(4 * (design.shape[1] / 100) ** (2 / 9)) if hac_lags is None \
        else hac_lags
    weights = np.einsum("rk,rtk->rt", inverse[:, 1, :], design)
    variance = _bartlett(weights * resid, bandwidth)
    return np.asarray((beta[:, 1] - 1) ** 2 / variance, dtype=float)
