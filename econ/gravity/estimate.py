"""PPML with high-dimensional fixed effects, as the structural gravity literature runs it.

One function, :func:`fit_ppml`, wraps pyfixest's ``fepois`` and pins the choices that
change the numbers:

* **Separation** (Correia, Guimarães and Zylkin 2020, as ``ppmlhdfe`` does): observations
  in a fixed-effect group whose outcome is zero throughout are dropped before the fit,
  repeatedly until none is left (dropping one group can empty another); the iterative
  rectifier (:func:`separated_by_regressors`) then drops those separated by the
  regressors. Both counts and the singletons dropped are reported. (pyfixest's own
  rectifier is not used: in pyfixest 0.60 it aligns its predictions by position with rows
  labelled before its singleton drop, so once a singleton is dropped it runs its 100
  regressions without converging and finds nothing.)
* **Standard errors** as Stata's ``ppml`` prints them in Yotov et al. (2016): clustered
  (``CRV1``) with the small-sample factor G/(G-1) only, no (N-1)/(N-K) factor (pyfixest
  ``ssc(k_adj=False, G_adj=True)``); robust ones are HC0 times N/(N-1). Both are checked
  against the book's published tables and Stata logs in ``tests/gravity``.
* **Convergence**: IRLS tolerance 1e-8 on the deviance change, at most 100 iterations
  (pyfixest's default of 25 stops short on the book's pair fixed-effects models, which
  Stata needs 21 iterations for); a run that does not converge is reported, not hidden.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from econ.results import Results

__all__ = ["GravityResult", "VcovKind", "count_non_singletons", "drop_separated", "drop_singletons",
           "fit_ppml", "separated_by_regressors"]

VcovKind = Literal["cluster", "robust"]


@dataclass(frozen=True, repr=False)
class GravityResult(Results):
    """A fitted PPML gravity equation.

    Parameters
    ----------
    formula : str
        The pyfixest formula that was fitted.
    params, std_errors : mapping of str to float
        Slope estimates and their standard errors, by regressor.
    vcov : pandas.DataFrame
        Covariance of the slope estimates (labelled both ways).
    nobs : int
        Observations used in the fit.
    n_dropped_missing, n_separated, n_singletons : int
        Rows dropped for missing values, for separation (fixed effects or regressors) and
        as fixed-effect singletons.
    fixed_effects : tuple of str
        Fixed-effect columns absorbed.
    vcov_kind : {"cluster", "robust"}
    cluster : str or None
        Cluster column, when clustered.
    n_clusters : int or None
    converged : bool
    deviance, pseudo_r2 : float
    fitted : pandas.Series
        Fitted conditional means, indexed like the rows used.
    reason : str or None
        Why the model could not be fitted; None when it was.
    """

    formula: str
    params: Mapping[str, float]
    std_errors: Mapping[str, float]
    vcov: pd.DataFrame
    nobs: int
    n_dropped_missing: int
    n_separated: int
    n_singletons: int
    fixed_effects: tuple[str, ...]
    vcov_kind: VcovKind
    cluster: str | None
    n_clusters: int | None
    converged: bool
    deviance: float
    pseudo_r2: float
    fitted: pd.Series = field(default_factory=lambda: pd.Series(dtype="float64"))
    reason: str | None = None

    title = "PPML gravity estimates"

    def coef_table(self, *, alpha: float = 0.05) -> pd.DataFrame:
        """One row per regressor: estimate, std_error, z, p-value and a 1-alpha interval."""
        z = float(stats.norm.ppf(1 - alpha / 2))
        est = pd.Series(self.params, dtype="float64")
        se = pd.Series(self.std_errors, dtype="float64")
        stat = est / se
        return pd.DataFrame({
            "term": est.index, "estimate": est.to_numpy(), "std_error": se.to_numpy(),
            "z": stat.to_numpy(), "pvalue": 2 * stats.norm.sf(np.abs(stat.to_numpy())),
            "ci_lower": (est - z * se).to_numpy(), "ci_upper": (est + z * se).to_numpy(),
        })

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        yield "", "formula", self.formula
        if self.reason is not None:
            yield "", "not fitted", self.reason
            return
        for term in self.params:
            yield "estimates", term, self.params[term]
        for term in self.params:
            yield "std. errors", term, self.std_errors[term]
        yield "sample", "observations", self.nobs
        yield "sample", "dropped: missing values", self.n_dropped_missing
        yield "sample", "dropped: separated", self.n_separated
        yield "sample", "dropped: singletons", self.n_singletons
        yield "settings", "fixed effects", " + ".join(self.fixed_effects) or "none"
        yield "settings", "standard errors", (
            f"clustered by {self.cluster} ({self.n_clusters} clusters, G/(G-1))"
            if self.vcov_kind == "cluster" else "robust (HC0 x N/(N-1))")
        yield "fit", "converged", self.converged
        yield "fit", "deviance", self.deviance
        yield "fit", "pseudo R2", self.pseudo_r2


def drop_separated(data: pd.DataFrame, *, outcome: str, fixed_effects: Sequence[str]
                   ) -> tuple[pd.DataFrame, int]:
    """Drop observations separated by the fixed effects, as ``ppmlhdfe`` does.

    A fixed-effect group whose outcome is zero on every observation makes that effect
    tend to minus infinity; its observations carry no information on the slopes. Dropping
    a group can leave another group all-zero, so the rule is applied until nothing
    changes.

    Parameters
    ----------
    data : pandas.DataFrame
    outcome : str
        Non-negative outcome column.
    fixed_effects : sequence of str
        Fixed-effect columns.

    Returns
    -------
    (pandas.DataFrame, int)
        The rows kept and how many were dropped.

    Examples
    --------
    >>> frame = pd.DataFrame({"y": [0, 0, 1, 2], "g": ["a", "a", "b", "b"]})
    >>> kept, dropped = drop_separated(frame, outcome="y", fixed_effects=["g"])
    >>> dropped, kept["g"].tolist()
    (2, ['b', 'b'])
    """
    kept = data
    while True:
        positive = kept[outcome] > 0
        keep = np.ones(len(kept), dtype=bool)
        for fe in fixed_effects:
            keep &= positive.groupby(kept[fe], observed=True, sort=False).transform("any"
                                                                                    ).to_numpy()
        if keep.all():
            return kept, len(data) - len(kept)
        kept = kept.loc[keep]


def drop_singletons(data: pd.DataFrame, *, fixed_effects: Sequence[str]
                    ) -> tuple[pd.DataFrame, int]:
    """Drop fixed-effect singletons, repeatedly, as ``reghdfe``/``ppmlhdfe`` and pyfixest do.

    An observation alone in a fixed-effect group is fitted exactly by its effect and says
    nothing about the slopes; dropping it can leave another group with one observation.
    The rows left do not depend on the order of the drops: they are the largest subset in
    which every group has at least two observations.

    Returns
    -------
    (pandas.DataFrame, int)
        The rows kept, in their order, and how many were dropped.

    Examples
    --------
    >>> frame = pd.DataFrame({"g": ["a", "a", "b"], "h": ["x", "y", "y"]})
    >>> kept, dropped = drop_singletons(frame, fixed_effects=["g"])
    >>> dropped, kept["g"].tolist()
    (1, ['a', 'a'])
    """
    kept = data
    while True:
        keep = np.ones(len(kept), dtype=bool)
        for fe in fixed_effects:
            keep &= kept[fe].map(kept[fe].value_counts()).to_numpy() > 1
        if keep.all():
            return kept, len(data) - len(kept)
        kept = kept.loc[keep]


def count_non_singletons(data: pd.DataFrame, *, fixed_effects: Sequence[str]) -> int:
    """How many observations remain once fixed-effect singletons are dropped, repeatedly.

    pyfixest aborts the interpreter (a Rust panic, pyfixest 0.60) when none remain, so the
    fit checks this first (see :func:`drop_singletons`).

    Examples
    --------
    >>> frame = pd.DataFrame({"g": ["a", "a", "b"], "h": ["x", "y", "y"]})
    >>> count_non_singletons(frame, fixed_effects=["g"]), count_non_singletons(
    ...     frame, fixed_effects=["g", "h"])
    (2, 0)
    """
    return len(drop_singletons(data, fixed_effects=fixed_effects)[0])


def separated_by_regressors(data: pd.DataFrame, *, outcome: str, regressors: Sequence[str],
                            fixed_effects: Sequence[str], tol: float = 1e-4,
                            maxiter: int = 100) -> np.ndarray:
    """Observations separated by the regressors: the iterative rectifier.

    Correia, Guimarães and Zylkin (2021, "Verifying the existence of maximum likelihood
    estimates for generalized linear models", arXiv:1903.01633, §3.2): regress
    ``u = 1{y = 0}`` on the regressors and fixed effects with weight ``N0 / tol²`` on the
    positive outcomes (which pins their fit at zero) and 1 on the zeros; while a fitted
    zero-outcome value is negative (beyond ``-tol / 10``), replace ``u`` there by its
    rectified fit (``max(fit, 0)``) and repeat. At convergence the zero-outcome rows
    with a positive fit (beyond ``tol``) are separated. ``tol`` and ``maxiter`` are
    pyfixest's.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows without missing values or fixed-effect singletons (:func:`drop_singletons`).
    outcome : str
    regressors, fixed_effects : sequence of str

    Returns
    -------
    numpy.ndarray
        One boolean per row of ``data``; all False if the rectifier does not converge
        in ``maxiter`` regressions (with a warning).

    Examples
    --------
    >>> frame = pd.DataFrame({"y": [0.0, 0.0, 1.0, 2.0, 1.0, 3.0],
    ...                       "x": [1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
    ...                       "g": ["a", "b", "a", "a", "b", "b"]})
    >>> separated_by_regressors(frame, outcome="y", regressors=["x"],
    ...                         fixed_effects=["g"]).tolist()
    [True, True, False, False, False, False]
    """
    import pyfixest as pf

    zero: np.ndarray = data[outcome].to_numpy(dtype=float) == 0
    if not zero.any():
        return zero
    frame = data[list(dict.fromkeys([*regressors, *fixed_effects]))].reset_index(drop=True)
    target, weight = "separation_u", "separation_weight"
    formula = _formula(target, regressors, fixed_effects)
    u = zero.astype(float)
    frame[weight] = np.where(zero, 1.0, (~zero).sum() / tol**2)
    for _ in range(maxiter):
        frame[target] = u
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fitted = np.asarray(pf.feols(formula, data=frame, weights=weight,
                                         fixef_rm="none").predict(), dtype=float)
        fitted[~zero | ((fitted > -tol / 10) & (fitted < tol))] = 0.0
        if (fitted >= 0).all():
            return fitted > 0
        u = np.where(zero, np.maximum(fitted, 0.0), u)
    warnings.warn(f"the iterative rectifier did not converge in {maxiter} regressions; no "
                  "observation is dropped as separated by the regressors", RuntimeWarning,
                  stacklevel=2)
    return np.zeros(len(data), dtype=bool)


def _check_columns(data: pd.DataFrame, argument: str, columns: Iterable[str]) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"fit_ppml: {argument} names columns {missing} that the data do not "
                         f"have; found {list(data.columns)}")


def _formula(outcome: str, regressors: Sequence[str], fixed_effects: Sequence[str]) -> str:
    rhs = " + ".join(regressors) if regressors else "1"
    return f"{outcome} ~ {rhs}" + (f" | {' + '.join(fixed_effects)}" if fixed_effects else "")


def fit_ppml(
    data: pd.DataFrame,
    *,
    outcome: str,
    regressors: Sequence[str],
    fixed_effects: Sequence[str] = (),
    vcov: VcovKind = "cluster",
    cluster: str | None = None,
    tol: float = 1e-8,
    maxiter: int = 100,
) -> GravityResult:
    """Fit a PPML gravity equation with high-dimensional fixed effects.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per flow. Zeros are kept: PPML uses them.
    outcome : str
        Trade value column (non-negative).
    regressors : sequence of str
        Slope regressors (e.g. ``log_distance_km``, ``is_contiguous``, ``rta``).
    fixed_effects : sequence of str
        Fixed-effect columns (e.g. exporter-year, importer-year, pair).
    vcov : {"cluster", "robust"}
        Clustered (the gravity default, by country pair) or heteroskedasticity-robust.
    cluster : str, optional
        Cluster column; required when ``vcov="cluster"``.
    tol, maxiter : float, int
        IRLS convergence tolerance and iteration cap.

    Returns
    -------
    GravityResult

    Raises
    ------
    ValueError
        If a named column is missing, the outcome is negative, or ``cluster`` is missing
        for clustered errors.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> frame = pd.DataFrame({"x": rng.normal(size=4000), "g": np.repeat(np.arange(40), 100)})
    >>> frame["y"] = rng.poisson(np.exp(1 + 0.5 * frame["x"]))
    >>> fit = fit_ppml(frame, outcome="y", regressors=["x"], fixed_effects=["g"],
    ...                vcov="robust")
    >>> abs(fit.params["x"] - 0.5) < 3 * fit.std_errors["x"]
    True
    """
    if vcov == "cluster" and cluster is None:
        raise ValueError("fit_ppml: vcov='cluster' needs cluster=<column>, e.g. the pair id; "
                         "or pass vcov='robust'")
    _check_columns(data, "outcome", [outcome])
    _check_columns(data, "regressors", regressors)
    _check_columns(data, "fixed_effects", fixed_effects)
    _check_columns(data, "cluster", [cluster] if cluster else [])
    used = list(dict.fromkeys([outcome, *regressors, *fixed_effects, *([cluster] if cluster
                                                                        else [])]))
    complete = data[used].dropna()
    # booleans as 0/1 numbers, so that a dummy keeps its name (not 'x[T.True]')
    flags = [c for c in regressors if pd.api.types.is_bool_dtype(complete[c])]
    complete = complete.astype(dict.fromkeys(flags, "float64"))
    if (complete[outcome] < 0).any():
        bad = complete.index[complete[outcome] < 0][0]
        raise ValueError(f"fit_ppml: outcome '{outcome}' must be non-negative; found "
                         f"{complete.at[bad, outcome]!r} at row {bad!r}")
    kept, n_fe_separated = drop_separated(complete, outcome=outcome, fixed_effects=fixed_effects)
    formula = _formula(outcome, regressors, fixed_effects)
    common = {"formula": formula, "n_dropped_missing": len(data) - len(complete),
              "fixed_effects": tuple(fixed_effects), "vcov_kind": vcov, "cluster": cluster}
    if kept.empty or not regressors:
        return _not_fitted(common, n_fe_separated, "no observation left after dropping "
                           "separated ones" if kept.empty else "no regressor to estimate")
    nonsingleton, _ = drop_singletons(kept, fixed_effects=fixed_effects)
    if nonsingleton.empty:
        return _not_fitted(common, n_fe_separated, "no observation left after dropping "
                           "fixed-effect singletons")
    n_ir_separated = 0
    if fixed_effects:
        separated = separated_by_regressors(nonsingleton, outcome=outcome,
                                            regressors=regressors, fixed_effects=fixed_effects)
        kept = kept.drop(index=nonsingleton.index[separated])
        n_ir_separated = int(separated.sum())
    return _fit(kept, common, n_fe_separated + n_ir_separated, tol=tol, maxiter=maxiter)


def _not_fitted(common: Mapping[str, Any], n_separated: int, reason: str) -> GravityResult:
    return GravityResult(params={}, std_errors={}, vcov=pd.DataFrame(), nobs=0,
                         n_separated=n_separated, n_singletons=0, n_clusters=None,
                         converged=False, deviance=math.nan, pseudo_r2=math.nan,
                         reason=reason, **common)


def _fit(kept: pd.DataFrame, common: Mapping[str, Any], n_separated: int, *, tol: float,
         maxiter: int) -> GravityResult:
    import pyfixest as pf

    cluster = common["cluster"]
    with warnings.catch_warnings():
        # pyfixest warns about the singletons it drops (counted and reported here) and
        # about pandas deprecations inside itself (not ours to act on). Separation is
        # checked before (fit_ppml), so pyfixest's checks are off.
        warnings.filterwarnings("ignore", module=r"pyfixest(\.|$)")
        warnings.simplefilter("ignore", UserWarning)
        fit = pf.fepois(
            common["formula"], data=kept.reset_index(drop=True),
            vcov={"CRV1": cluster} if common["vcov_kind"] == "cluster" else "hetero",
            ssc=pf.ssc(k_adj=False, G_adj=True), separation_check=[],
            iwls_tol=tol, iwls_maxiter=maxiter, fixef_rm="singleton",
        )
    names = [str(name) for name in fit._coefnames]
    vcov = np.asarray(fit._vcov, dtype="float64")
    if common["vcov_kind"] == "robust":
        vcov = vcov * fit._N / (fit._N - 1)  # Stata's glm/ppml robust factor
    used_rows = np.setdiff1d(np.arange(len(kept)), np.fromiter(fit._na_index, dtype=int))
    return GravityResult(
        params=dict(zip(names, np.asarray(fit._beta_hat, dtype="float64").tolist(),
                        strict=True)),
        std_errors=dict(zip(names, np.sqrt(np.diag(vcov)).tolist(), strict=True)),
        vcov=pd.DataFrame(vcov, index=names, columns=names),
        nobs=int(fit._N),
        n_separated=n_separated,
        n_singletons=len(kept) - int(fit._N),
        n_clusters=int(fit._G[0]) if common["vcov_kind"] == "cluster" else None,
        converged=bool(fit.convergence),
        deviance=float(np.asarray(fit.deviance).item()),
        pseudo_r2=float(fit._pseudo_r2),
        fitted=pd.Series(np.asarray(fit._Y_hat_response, dtype="float64").ravel(),
                         index=kept.index[used_rows]),
        **common,
    )
