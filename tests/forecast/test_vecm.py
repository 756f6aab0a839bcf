"""The flow model: estimates against R urca, statsmodels' forecasts, the Johansen gate,
explosive draws, and the coverage that parameter uncertainty buys."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.vector_ar.vecm import VECM as StatsmodelsVECM

import econ.forecast as fc
from econ.forecast.vecm import (
    draw_coefficients,
    fit_flow_system,
    simulate_flow_system,
    spectral_radius,
)

RESULTS = Path(__file__).resolve().parents[1] / "results"


@pytest.fixture(scope="module")
def urca() -> dict:
    """Values made by tests/results/forecast_vecm_reference.R (R 4.2.2, urca 1.3.3)."""
    return json.loads((RESULTS / "forecast_vecm_reference.json").read_text())


def test_short_run_coefficients_match_urca_cajorls(urca: dict) -> None:
    """Given urca's cointegrating vector, the OLS of the VECM equals urca::cajorls on the
    Danish money-demand data (LRM, LRY; K=2, unrestricted constant, quarterly dummies):
    alpha, Gamma_1, the residual covariance (divisor: residual degrees of freedom) and
    the residuals agree to 1e-10. urca's dummies are centred and these are not; the
    fitted model is the same."""
    data = pd.read_csv(RESULTS / "denmark.csv")
    system = fit_flow_system(data[["LRM", "LRY"]].to_numpy(), lags=1,
                             beta=np.array(urca["beta"])[:, None], season=4)
    np.testing.assert_allclose(system.coef[0], urca["alpha"], rtol=1e-10)
    np.testing.assert_allclose(system.coef[1:3].T, urca["gamma1"], rtol=1e-10)
    np.testing.assert_allclose(system.sigma, urca["sigma"], rtol=1e-10)
    np.testing.assert_allclose(system.residuals[:3], urca["first_residuals"], atol=1e-12)
    assert len(system.residuals) == urca["nobs"]


def test_point_forecast_equals_statsmodels_predict(flows: pd.DataFrame) -> None:
    """Without parameter draws or shocks the simulated path is the conditional mean:
    statsmodels VECM.predict (coint_rank 1, "co", 12 seasons) to 1e-9, given its beta."""
    logs = np.log(flows.to_numpy())
    fitted = StatsmodelsVECM(logs, k_ar_diff=2, coint_rank=1, deterministic="co",
                             seasons=12).fit()
    system = fit_flow_system(logs, lags=2, beta=np.asarray(fitted.beta), season=12)
    path = simulate_flow_system(system, 8, 1, np.random.default_rng(0),
                                parameter_uncertainty=False, shocks="none")[0]
    np.testing.assert_allclose(path, fitted.predict(steps=8), rtol=0, atol=1e-9)


def test_spectral_radius_matches_statsmodels_var_representation(flows: pd.DataFrame) -> None:
    """The companion-matrix radius of the estimate equals that of statsmodels' VAR
    representation of the same VECM (one unit root: radius 1)."""
    logs = np.log(flows.to_numpy())
    fitted = StatsmodelsVECM(logs, k_ar_diff=1, coint_rank=1, deterministic="co").fit()
    system = fit_flow_system(logs, lags=1, beta=np.asarray(fitted.beta))
    var_rep = fitted.var_rep  # (2 lags, 2, 2)
    companion = np.block([[var_rep[0], var_rep[1]], [np.eye(2), np.zeros((2, 2))]])
    expected = np.abs(np.linalg.eigvals(companion)).max()
    assert spectral_radius(system.coef[None], system.beta, 1)[0] == pytest.approx(expected,
                                                                                   rel=1e-9)
    assert expected == pytest.approx(1.0, abs=1e-9)


def test_explosive_draws_are_redrawn() -> None:
    """A short, noisy sample gives explosive first draws; none survives redrawing."""
    rng = np.random.default_rng(3)
    logs = np.cumsum(rng.normal(0.0, 0.1, (14, 2)), axis=0)
    system = fit_flow_system(logs, lags=2, beta=np.array([[1.0], [-1.0]]))
    coefs, explosive = draw_coefficients(system, 2000, np.random.default_rng(4))
    assert explosive > 0.05
    assert (spectral_radius(coefs, system.beta, 2) <= 1 + 1e-8).all()


def _random_walks(rng: np.random.Generator, n: int) -> pd.DataFrame:
    index = pd.date_range("1990", periods=n, freq="YS")
    logs = 20 + np.cumsum(rng.normal(0.03, 0.08, (n, 2)), axis=0)
    return pd.DataFrame(np.exp(logs), index, ["exports", "imports"])


def test_johansen_gate_picks_the_rank(make_flows) -> None:
    """Over 30 seeds each: cointegrated flows (log gap AR(1), 0.7; 120 months) get a VECM
    of rank 1 at least 80% of the time; two independent random walks (60 years) get a
    VAR in differences (rank 0) at least 80% of the time (the trace test's nominal size
    is 5%), and the specification names what was fitted."""
    coint = [fc.VECM(n_paths=50).fit(make_flows(120, seed=s), horizon=2) for s in range(30)]
    assert np.mean([r.params["coint_rank"] == 1.0 for r in coint]) >= 0.8
    assert all(r.spec.startswith("VECM") for r in coint if r.params["coint_rank"] == 1.0)
    walks = [fc.VECM(n_paths=50).fit(_random_walks(np.random.default_rng(s), 60), horizon=2)
             for s in range(30)]
    rank0 = [r for r in walks if r.params["coint_rank"] == 0.0]
    assert len(rank0) >= 24
    assert all(r.spec.startswith("VAR in differences") for r in rank0)
    assert all(r.params["johansen_trace_r0"] < r.params["johansen_trace_r0_critical_5%"]
               for r in rank0)


def _coverage(uncertain: bool, replications: int = 60, n: int = 25, horizon: int = 3
              ) -> float:
    hits = []
    for seed in range(replications):
        flows = _random_walks(np.random.default_rng(100 + seed), n + horizon)
        model = fc.VECM(coint_rank=0, k_ar_diff=1, n_paths=1000,
                        parameter_uncertainty=uncertain, shocks="gaussian")
        frame = model.fit(flows.iloc[:n], horizon=horizon).summary_frame(alpha=0.2)
        actual = ((flows["exports"] - flows["imports"])
                  / (flows["exports"] + flows["imports"])).iloc[n:].to_numpy()
        hits.extend((actual >= frame["mean_ci_lower"]) & (actual <= frame["mean_ci_upper"]))
    return float(np.mean(hits))


def test_parameter_uncertainty_brings_coverage_to_nominal() -> None:
    """Known truth: independent random walks with drift, 25 annual observations, a VAR(1)
    in differences, horizons 1-3, 60 seeded replications. With the coefficients held at
    their estimates the 80% interval covers too rarely; drawing them from their
    sampling distribution brings coverage to 80% within 3 binomial standard errors
    (180 draws: 0.09)."""
    fixed, drawn = _coverage(False), _coverage(True)
    assert drawn > fixed
    assert abs(drawn - 0.8) <= 3 * np.sqrt(0.16 / 180)


def test_paths_are_seeded_and_balance_is_exact(flows: pd.DataFrame) -> None:
    """Same seed, same paths; the balance path is (X - M) / (X + M) of the flow paths."""
    a = fc.VECM(k_ar_diff=1, n_paths=500).fit(flows, horizon=4)
    b = fc.VECM(k_ar_diff=1, n_paths=500).fit(flows, horizon=4)
    np.testing.assert_array_equal(a.paths, b.paths)
    x, m = a.flow_paths["exports"], a.flow_paths["imports"]
    np.testing.assert_allclose(a.paths, (x - m) / (x + m), rtol=1e-12)
    np.testing.assert_allclose(a.mean, a.paths.mean(axis=0), rtol=1e-12)


def test_too_few_observations_are_explained() -> None:
    flows = _random_walks(np.random.default_rng(0), 8)
    with pytest.raises(ValueError, match="8 observations cannot identify"):
        fc.VECM(k_ar_diff=3, coint_rank=0).fit(flows, horizon=2)
