"""Cointegration of two flows, and the balanced-trade vector beta = (1, -1).

Every function takes a DataFrame whose first column is the dependent variable (for
trade: ``ln X``) and whose second is the regressor (``ln M``), indexed by dates or years.

* :func:`engle_granger_test`: statsmodels ``coint`` (ADF on OLS residuals, MacKinnon
  p-values with N = 2).
* :func:`ardl_bounds_test`: Pesaran, Shin and Smith (2001) F test from statsmodels
  ``UECM.bounds_test``. **Disagreement**: statsmodels (0.14 and 0.15) looks its PSS
  tables up with k = the number of level variables *including* the dependent variable
  (``len(ardl_order)``), one more than PSS's k (the number of regressors); with one
  regressor it prints the k = 2 bounds (3.80 / 4.81 at 5%, case 3) where PSS (2001,
  Table CI(iii)) give 4.94 / 5.73. econ keeps statsmodels' F statistic and reads the
  same statsmodels tables (``pss_critical_values``) with PSS's k.
* :func:`johansen_test`: trace and maximum-eigenvalue statistics from statsmodels
  ``coint_johansen``. **Deterministic terms differ between statsmodels and R urca**:
  statsmodels ``det_order = 0`` (econ ``"const"``) is Johansen's H1(r), an unrestricted
  constant, the same model as ``urca::ca.jo(ecdet = "none")`` (eigenvalues and
  statistics agree to 1e-8); urca ``ecdet = "const"`` (restricted constant) and
  ``"trend"`` (restricted trend) have no statsmodels counterpart, and statsmodels
  ``det_order = 1`` detrends the levels first, which is neither. econ offers "none" and
  "const" only, where the two programs agree. Critical values also differ: statsmodels
  uses MacKinnon, Haug and Michelis (1999), as EViews (15.49 for r = 0, two variables),
  urca prints Osterwald-Lenum's (17.95); econ follows statsmodels (MHM are computed for
  the model estimated). ``k_ar_diff = 0`` is refused: statsmodels gives wrong
  statistics there (statsmodels issue 7459).
* :func:`johansen_beta_test`: the likelihood-ratio test of linear restrictions on the
  cointegrating vectors, beta = H phi (Johansen 1995, Theorem 7.2; Johansen and
  Juselius 1990), chi-square with r (p1 - s) degrees of freedom, built in-house by
  reduced-rank regression. It supports the deterministic cases of ``urca::blrtest``:
  "none", "const" (urca "none"), "ci_const" (urca "const"), "ci_trend" (urca "trend").
* :func:`dols`: Stock and Watson (1993) dynamic OLS with leads and lags of the
  differenced regressor, Newey–West standard errors and a Wald test that the slope is 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import linalg, stats
from statsmodels.regression.linear_model import OLS
from statsmodels.tsa.ardl import UECM, pss_critical_values
from statsmodels.tsa.stattools import coint
from statsmodels.tsa.vector_ar.vecm import coint_johansen

from econ.results import Results, TestResult
from econ.tsa._data import (
    as_frame,
    default_hac_lags,
    default_max_lags,
    problem,
    quiet_adfuller,
    run_guarded,
)

__all__ = [
    "DOLSResults",
    "JohansenResults",
    "ardl_bounds_test",
    "dols",
    "engle_granger_test",
    "johansen_beta_test",
    "johansen_test",
    "pss_pvalue",
]

Deterministic = Literal["none", "const", "ci_const", "ci_trend"]
_EG_NULL = "no cointegration (the OLS residuals of y on x have a unit root)"
_BOUNDS_NULL = "no level relationship (the lagged levels of y and x have zero coefficients)"
_BETA_NULL = "the cointegrating vector satisfies beta = H phi (balanced trade: beta ∝ (1, -1))"
_DOLS_NULL = "the long-run slope equals 1"
_PSS_TREND = {1: "n", 2: "c", 3: "c", 4: "ct", 5: "ct"}
_PSS_LEVELS = (0.10, 0.05, 0.01, 0.001)


def _usable(data: pd.DataFrame, test: str, null: str, min_nobs: int, *,
            columns: int | None = 2, **kwargs: Any) -> tuple[pd.DataFrame, TestResult | None]:
    frame, reason = problem(as_frame(data, columns=columns), min_nobs=min_nobs)
    if reason:
        return frame, TestResult.not_run(test, null, f"data {reason}", **kwargs)
    return frame, None


def engle_granger_test(data: pd.DataFrame, *, trend: Literal["n", "c", "ct"] = "c",
                       lags: int | None = None, max_lags: int | None = None,
                       autolag: Literal["aic", "bic", "t-stat"] = "aic") -> TestResult:
    """Engle–Granger two-step cointegration test (statsmodels ``coint``).

    Parameters
    ----------
    data : DataFrame
        Two columns, y then x.
    trend : {"n", "c", "ct"}
        Deterministic terms in the cointegrating regression.
    lags : int, optional
        Fixed lags of the residual ADF regression; None chooses by ``autolag``.
    max_lags : int, optional
        Largest lag tried by ``autolag``.
    autolag : {"aic", "bic", "t-stat"}
        Lag selection when ``lags`` is None.

    Returns
    -------
    TestResult

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(200).cumsum()
    >>> frame = pd.DataFrame({"y": x + rng.standard_normal(200), "x": x})
    >>> engle_granger_test(frame).reject()
    True
    """
    frame, failed = _usable(data, "Engle-Granger", _EG_NULL, max(12, (lags or 0) + 8),
                            deterministic=trend)
    if failed:
        return failed
    upper = default_max_lags(len(frame)) if max_lags is None else max_lags
    maxlag = lags if lags is not None else upper
    chosen = None if lags is not None else autolag

    def run() -> TestResult:
        y, x = frame.iloc[:, 0].to_numpy(), frame.iloc[:, 1].to_numpy()
        stat, pvalue, crit = coint(y, x, trend=trend, maxlag=maxlag, autolag=chosen)
        regressors = np.column_stack([x, *_trend_columns(trend, len(x))])
        resid = OLS(y, regressors).fit().resid
        used = quiet_adfuller(resid, maxlag=maxlag, autolag=chosen, regression="n")[2]
        return TestResult(test="Engle-Granger", statistic=float(stat), pvalue=float(pvalue),
                          null_hypothesis=_EG_NULL,
                          critical_values=dict(zip(("1%", "5%", "10%"), map(float, crit),
                                                   strict=True)),
                          lags=int(used), deterministic=trend, nobs=len(frame), tail="lower")

    return run_guarded("Engle-Granger", _EG_NULL, run, deterministic=trend)


def _trend_columns(trend: str, nobs: int) -> list[np.ndarray]:
    columns = [np.ones(nobs)] if "c" in trend else []
    if "t" in trend:
        columns.append(np.arange(1.0, nobs + 1))
    return columns


def pss_pvalue(stat: float, k: int, case: int, upper: bool) -> float:
    """PSS p-value from statsmodels' response surfaces (its documented formula).

    Examples
    --------
    >>> 0.04 < pss_pvalue(5.73, 1, 3, True) < 0.06  # PSS (2001) 5% I(1) bound, k = 1
    True
    """
    key = (k, case, upper)
    coefs = (pss_critical_values.small_p[key] if stat > pss_critical_values.stat_star[key]
             else pss_critical_values.large_p[key])
    powers = np.log(stat) ** np.arange(len(coefs))
    return float(stats.norm.sf(powers @ np.asarray(coefs)))


def ardl_bounds_test(data: pd.DataFrame, *, lags: int = 2, order: int = 2,
                     case: Literal[1, 2, 3, 4, 5] = 3) -> TestResult:
    """Pesaran–Shin–Smith (2001) bounds test for a level relationship.

    The unrestricted error-correction model is
    ``Δy_t = c + π_y y_{t-1} + π_x x_{t-1} + Σ_{i=1}^{lags-1} φ_i Δy_{t-i}
    + Σ_{j=0}^{order-1} θ_j Δx_{t-j} + e_t`` (statsmodels ``UECM(y, lags, x, order)``);
    the F statistic tests π_y = π_x = 0 (plus the deterministic terms of ``case``).

    Parameters
    ----------
    data : DataFrame
        Two columns, y then x.
    lags : int
        ARDL order of y (``lags - 1`` lagged differences).
    order : int
        ARDL order of x (differences at lags ``0 .. order-1``).
    case : {1, 2, 3, 4, 5}
        PSS case; 3 (unrestricted constant, no trend) is the usual one for trade flows.

    Returns
    -------
    TestResult
        ``statistic`` is the F statistic; ``pvalue`` uses the I(1) (upper) bound, the
        one that must be exceeded to conclude; ``params`` holds the I(0) p-value, the
        bounds at 10/5/1/0.1% and the three-way decision at 5%.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(200).cumsum()
    >>> frame = pd.DataFrame({"y": x + rng.standard_normal(200), "x": x})
    >>> ardl_bounds_test(frame).params["decision_5pct"]
    'reject'
    """
    frame, failed = _usable(data, "ARDL bounds", _BOUNDS_NULL, 4 * (lags + order) + 10,
                            lags=lags, deterministic=f"case {case}")
    if failed:
        return failed

    def run() -> TestResult:
        # plain arrays: statsmodels warns about year and period indexes it cannot use
        model = UECM(frame.iloc[:, 0].to_numpy(), lags, frame.iloc[:, 1:].to_numpy(), order,
                     trend=_PSS_TREND[case])
        result = model.fit()
        stat = float(result.bounds_test(case=case).statistic)
        k = frame.shape[1] - 1
        lower = pss_critical_values.crit_vals[(k, case, False)]
        upper = pss_critical_values.crit_vals[(k, case, True)]
        crit: dict[str, float] = {}
        for level, low, high in zip(_PSS_LEVELS, lower, upper, strict=True):
            crit[f"{level:.1%} I(0)".replace(".0%", "%")] = float(low)
            crit[f"{level:.1%} I(1)".replace(".0%", "%")] = float(high)
        decision = ("reject" if stat > upper[1] else
                    "do not reject" if stat < lower[1] else "inconclusive")
        return TestResult(
            test="ARDL bounds", statistic=stat, pvalue=pss_pvalue(stat, k, case, True),
            null_hypothesis=_BOUNDS_NULL, critical_values=crit, lags=lags,
            deterministic=f"case {case}", nobs=int(result.nobs),
            params={"pvalue_i0": pss_pvalue(stat, k, case, False), "order": order,
                    "decision_5pct": decision,
                    "adjustment": float(np.asarray(result.params)[1 if case > 1 else 0])})

    return run_guarded("ARDL bounds", _BOUNDS_NULL, run, lags=lags,
                       deterministic=f"case {case}")


@dataclass(frozen=True, repr=False)
class JohansenResults(Results):
    """Johansen trace and maximum-eigenvalue tests for the cointegration rank.

    ``trace[r]`` and ``max_eigen[r]`` are the tests of rank <= r (trace: against rank
    p; max-eigenvalue: against rank r + 1), with MHM critical values at 10/5/1%.
    """

    title = "Johansen cointegration rank test"
    eigenvalues: tuple[float, ...] = ()
    trace: tuple[TestResult, ...] = ()
    max_eigen: tuple[TestResult, ...] = ()
    k_ar_diff: int = 1
    deterministic: str = "const"
    nobs: int | None = None
    reason: str | None = None

    def rank(self, statistic: Literal["trace", "max_eigen"] = "trace",
             level: Literal["10%", "5%", "1%"] = "5%") -> int | None:
        """Smallest r whose test is not rejected at ``level`` (None if not run)."""
        if self.reason is not None:
            return None
        tests = self.trace if statistic == "trace" else self.max_eigen
        for r, test in enumerate(tests):
            if test.statistic < test.critical_values[level]:
                return r
        return len(tests)

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        yield "", "deterministic", self.deterministic
        yield "", "k_ar_diff", self.k_ar_diff
        if self.reason is not None:
            yield "", "not run", self.reason
            return
        yield "", "nobs", self.nobs
        yield "", "rank (trace, 5%)", self.rank("trace")
        yield "", "rank (max-eigen, 5%)", self.rank("max_eigen")
        for r, value in enumerate(self.eigenvalues):
            yield "eigenvalues", f"lambda_{r + 1}", value
        for name, tests in (("trace", self.trace), ("max-eigenvalue", self.max_eigen)):
            for r, test in enumerate(tests):
                yield name, f"r <= {r}", test.statistic
                yield name, f"r <= {r} 5% critical value", test.critical_values["5%"]


def johansen_test(data: pd.DataFrame, *, k_ar_diff: int = 1,
                  deterministic: Literal["none", "const"] = "const") -> JohansenResults:
    """Johansen trace and maximum-eigenvalue tests (statsmodels ``coint_johansen``).

    Parameters
    ----------
    data : DataFrame
        The series of the system (two for a pair of flows).
    k_ar_diff : int
        Lagged differences in the VECM (VAR order in levels minus one); at least 1.
    deterministic : {"none", "const"}
        No deterministic terms, or an unrestricted constant (Johansen's H1(r), linear
        trends in the data; the usual case for trade flows).

    Returns
    -------
    JohansenResults

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(200).cumsum()
    >>> frame = pd.DataFrame({"y": x + rng.standard_normal(200), "x": x})
    >>> johansen_test(frame).rank()
    1
    """
    if k_ar_diff < 1:
        raise ValueError(f"k_ar_diff: expected at least 1, found {k_ar_diff}; statsmodels "
                         "coint_johansen gives wrong statistics without lagged differences.")
    frame, reason = problem(as_frame(data, columns=None), min_nobs=10 * (k_ar_diff + 1))
    if reason:
        return JohansenResults(k_ar_diff=k_ar_diff, deterministic=deterministic,
                               reason=f"data {reason}")
    det_order = {"none": -1, "const": 0}[deterministic]
    out = coint_johansen(frame.to_numpy(), det_order, k_ar_diff)
    p = frame.shape[1]
    levels = ("10%", "5%", "1%")

    def tests(stats_: np.ndarray, crit: np.ndarray, kind: str) -> tuple[TestResult, ...]:
        return tuple(
            TestResult(test=f"Johansen {kind}", statistic=float(stats_[r]), pvalue=None,
                       null_hypothesis=f"cointegration rank is at most {r}",
                       critical_values=dict(zip(levels, map(float, crit[r]), strict=True)),
                       lags=k_ar_diff, deterministic=deterministic,
                       nobs=len(frame) - k_ar_diff - 1)
            for r in range(p))

    return JohansenResults(eigenvalues=tuple(float(v) for v in out.eig),
                           trace=tests(out.trace_stat, out.trace_stat_crit_vals, "trace"),
                           max_eigen=tests(out.max_eig_stat, out.max_eig_stat_crit_vals,
                                           "max-eigenvalue"),
                           k_ar_diff=k_ar_diff, deterministic=deterministic,
                           nobs=len(frame) - k_ar_diff - 1)


def _johansen_moments(levels: np.ndarray, k_ar_diff: int, deterministic: Deterministic
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """S00, S0K, SKK of Johansen's reduced-rank regression (transitory form).

    R0 are the residuals of Δx_t, RK those of (x_{t-1}, restricted deterministic terms),
    both regressed on the lagged differences and unrestricted deterministic terms.
    """
    nobs = levels.shape[0]
    diffs = np.diff(levels, axis=0)
    z0 = diffs[k_ar_diff:]
    rows = len(z0)
    short_run = [diffs[k_ar_diff - j: len(diffs) - j] for j in range(1, k_ar_diff + 1)]
    zk = levels[k_ar_diff: nobs - 1]
    if deterministic in ("const", "ci_trend"):
        short_run.append(np.ones((rows, 1)))
    if deterministic == "ci_const":
        zk = np.column_stack([zk, np.ones(rows)])
    if deterministic == "ci_trend":
        zk = np.column_stack([zk, np.arange(k_ar_diff + 1.0, nobs)])
    if short_run:
        z1 = np.column_stack(short_run)
        project = z1 @ np.linalg.lstsq(z1, np.column_stack([z0, zk]), rcond=None)[0]
        r0, rk = np.hsplit(np.column_stack([z0, zk]) - project, [z0.shape[1]])
    else:
        r0, rk = z0, zk
    return r0.T @ r0 / rows, r0.T @ rk / rows, rk.T @ rk / rows, rows


def _rrr_eigen(s00: np.ndarray, s0k: np.ndarray, skk: np.ndarray, h: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending) and vectors of |rho H'SKK H - H'SK0 S00^-1 S0K H| = 0."""
    a = h.T @ s0k.T @ np.linalg.solve(s00, s0k) @ h
    values, vectors = linalg.eigh((a + a.T) / 2, h.T @ skk @ h)
    return values[::-1], vectors[:, ::-1]


def _balance_restriction(p: int, deterministic: Deterministic) -> np.ndarray:
    if p != 2:
        raise ValueError(f"restriction: the default beta ∝ (1, -1) needs two series, found "
                         f"{p}; pass an explicit H matrix.")
    h = np.array([[1.0], [-1.0]])
    if deterministic in ("ci_const", "ci_trend"):
        h = linalg.block_diag(h, np.ones((1, 1)))
    return h


def johansen_beta_test(data: pd.DataFrame, *, restriction: np.ndarray | None = None,
                       rank: int = 1, k_ar_diff: int = 1,
                       deterministic: Deterministic = "const") -> TestResult:
    """Likelihood-ratio test of beta = H phi in a cointegrated VAR (Johansen 1995).

    ``LR = T Σ_{i<=r} ln((1 - rho_i) / (1 - lambda_i))`` where lambda are the eigenvalues
    of the unrestricted and rho of the restricted reduced-rank regression; chi-square
    with ``r (p1 - s)`` degrees of freedom (p1 rows, s columns of H). Equals
    ``urca::blrtest(ca.jo(...), H, r)``.

    Parameters
    ----------
    data : DataFrame
        The series of the system, e.g. ``ln X`` and ``ln M``.
    restriction : ndarray, optional
        H, one row per series plus one for a restricted deterministic term. Default:
        the balanced-trade vector beta ∝ (1, -1), with the restricted constant or trend
        (if any) left free.
    rank : int
        Cointegration rank r assumed under both hypotheses.
    k_ar_diff : int
        Lagged differences in the VECM.
    deterministic : {"none", "const", "ci_const", "ci_trend"}
        None; unrestricted constant (urca ``ecdet="none"``); constant restricted to the
        cointegrating space (urca ``"const"``); trend restricted to it with an
        unrestricted constant (urca ``"trend"``).

    Returns
    -------
    TestResult
        ``params``: unrestricted and restricted eigenvalues, the restricted beta
        normalised on the first series, and the degrees of freedom.

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> x = rng.standard_normal(300).cumsum()
    >>> frame = pd.DataFrame({"lnx": x + rng.standard_normal(300), "lnm": x})
    >>> johansen_beta_test(frame).reject()
    False
    """
    frame, failed = _usable(data, "Johansen beta LR", _BETA_NULL, 10 * (k_ar_diff + 1),
                            columns=None, lags=k_ar_diff, deterministic=deterministic)
    if failed:
        return failed
    p = frame.shape[1]
    h = _balance_restriction(p, deterministic) if restriction is None else np.asarray(
        restriction, dtype=float).reshape(-1, np.shape(restriction)[-1])
    p1 = p + (deterministic in ("ci_const", "ci_trend"))
    if h.shape[0] != p1 or not 1 <= rank <= h.shape[1]:
        raise ValueError(f"restriction: expected H with {p1} rows and at least rank={rank} "
                         f"columns for {p} series with deterministic={deterministic!r}, "
                         f"found shape {h.shape}.")

    def run() -> TestResult:
        s00, s0k, skk, rows = _johansen_moments(frame.to_numpy(), k_ar_diff, deterministic)
        free, _ = _rrr_eigen(s00, s0k, skk, np.eye(p1))
        restricted, vectors = _rrr_eigen(s00, s0k, skk, h)
        stat = rows * float(np.sum(np.log((1 - restricted[:rank]) / (1 - free[:rank]))))
        df = rank * (p1 - h.shape[1])
        beta = h @ vectors[:, 0]
        return TestResult(
            test="Johansen beta LR", statistic=stat, pvalue=float(stats.chi2.sf(stat, df)),
            null_hypothesis=_BETA_NULL, lags=k_ar_diff, deterministic=deterministic,
            nobs=rows,
            params={"df": df, "rank": rank,
                    "eigenvalues": tuple(float(v) for v in free[:p]),
                    "restricted_eigenvalues": tuple(float(v) for v in restricted),
                    "beta": tuple(float(v) for v in beta / beta[0])})

    return run_guarded("Johansen beta LR", _BETA_NULL, run, lags=k_ar_diff,
                       deterministic=deterministic)


@dataclass(frozen=True, repr=False)
class DOLSResults(Results):
    """Dynamic OLS estimates with HAC standard errors and the Wald test of slope = 1."""

    title = "Dynamic OLS (Stock-Watson)"
    params: Mapping[str, float] = field(default_factory=dict)
    bse: Mapping[str, float] = field(default_factory=dict)
    slope_test: TestResult | None = None
    leads: int = 1
    lags: int = 1
    hac_lags: int | None = None
    nobs: int | None = None
    reason: str | None = None

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        for key, value in (("leads", self.leads), ("lags", self.lags),
                           ("HAC lags", self.hac_lags), ("nobs", self.nobs)):
            yield "", key, value
        if self.reason is not None:
            yield "", "not run", self.reason
            return
        for section, values in (("coefficients", self.params),
                                ("HAC standard errors", self.bse)):
            for name, number in values.items():
                yield section, name, number
        if self.slope_test is not None:
            yield "Wald test slope = 1", "statistic", self.slope_test.statistic
            yield "Wald test slope = 1", "p-value", self.slope_test.pvalue


def _dols_design(frame: pd.DataFrame, leads: int, lags: int) -> pd.DataFrame:
    x_name = str(frame.columns[1])
    dx = frame.iloc[:, 1].diff()
    columns = {"const": pd.Series(1.0, index=frame.index), x_name: frame.iloc[:, 1]}
    for j in range(-leads, lags + 1):
        label = f"D.{x_name}.lead{-j}" if j < 0 else f"D.{x_name}.L{j}"
        columns[label] = dx.shift(j)
    return pd.DataFrame(columns).assign(_y=frame.iloc[:, 0]).dropna()


def dols(data: pd.DataFrame, *, leads: int = 1, lags: int = 1,
         hac_lags: int | None = None) -> DOLSResults:
    """Dynamic OLS (Stock and Watson 1993) of y on x with a Wald test of slope = 1.

    ``y_t = a + b x_t + Σ_{j=-leads}^{lags} γ_j Δx_{t-j} + e_t`` by OLS; Newey–West
    standard errors (Bartlett, no small-sample correction); the Wald statistic
    ``((b - 1)/se)^2`` is chi-square(1). Equals ``dynlm(y ~ x + L(d(x), -leads:lags))``
    with ``sandwich::NeweyWest(fm, lag = L, prewhite = FALSE, adjust = FALSE)``.

    Parameters
    ----------
    data : DataFrame
        Two columns, y then x (``ln X``, ``ln M``: slope 1 is balanced growth).
    leads, lags : int
        Leads and lags of Δx.
    hac_lags : int, optional
        Newey–West bandwidth; default ``floor(4 (T/100)^(2/9))``.

    Returns
    -------
    DOLSResults

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(200).cumsum()
    >>> frame = pd.DataFrame({"y": x + rng.standard_normal(200), "x": x})
    >>> round(dols(frame).params["x"], 1)
    1.0
    """
    frame, reason = problem(as_frame(data), min_nobs=2 * (leads + lags) + 12)
    if reason:
        return _dols_not_run(leads, lags, f"data {reason}")
    design = _dols_design(frame, leads, lags)
    y = design.pop("_y")
    bandwidth = default_hac_lags(len(design)) if hac_lags is None else hac_lags
    x_name = str(frame.columns[1])
    try:
        fit = OLS(y, design).fit(cov_type="HAC", cov_kwds={"maxlags": bandwidth,
                                                           "use_correction": False})
    except (ValueError, np.linalg.LinAlgError) as exc:
        return _dols_not_run(leads, lags, f"the computation failed: {exc}")
    slope, se = float(fit.params[x_name]), float(fit.bse[x_name])
    stat = ((slope - 1) / se) ** 2
    test = TestResult(test="DOLS slope = 1", statistic=stat,
                      pvalue=float(stats.chi2.sf(stat, 1)), null_hypothesis=_DOLS_NULL,
                      lags=lags, deterministic="c", nobs=len(design),
                      params={"slope": slope, "slope_se": se, "leads": leads,
                              "hac_lags": bandwidth})
    return DOLSResults(params={k: float(v) for k, v in fit.params.items()},
                       bse={k: float(v) for k, v in fit.bse.items()}, slope_test=test,
                       leads=leads, lags=lags, hac_lags=bandwidth, nobs=len(design))


def _dols_not_run(leads: int, lags: int, reason: str) -> DOLSResults:
    return DOLSResults(leads=leads, lags=lags, reason=reason,
                       slope_test=TestResult.not_run("DOLS slope = 1", _DOLS_NULL, reason,
                                                     lags=lags, deterministic="c"))
