"""econ.gravity on simulated gravity data with known coefficients, and on bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from econ.gravity import drop_separated, fit_ppml
from econ.gravity.applications import (
    fit_gravity,
    pair_fit,
    partner_group_shares,
    sanctions_table,
    sanctions_terms,
)
from econ.gravity.estimate import drop_singletons, separated_by_regressors

TRUE_DISTANCE, TRUE_LANGUAGE, TRUE_POLICY = -0.9, 0.4, 0.3


def simulate(seed: int, *, n: int = 25, years: tuple[int, ...] = (2010, 2012, 2014, 2016)
             ) -> pd.DataFrame:
    """Structural gravity: exporter-year and importer-year effects, pair geography, a
    policy switched on for a random fifth of the pairs from 2014, Poisson-gamma noise
    (variance proportional to the mean squared, as PPML allows)."""
    rng = np.random.default_rng(seed)
    codes = [f"C{k:02d}" for k in range(n)]
    lat, lon = rng.uniform(-60, 60, n), rng.uniform(-180, 180, n)
    language = rng.integers(0, 3, n)
    treated = rng.random((n, n)) < 0.2
    rows = []
    for t in years:
        out_fe, in_fe = rng.normal(0, 1, n), rng.normal(0, 1, n)
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                d = np.hypot(lat[i] - lat[j], lon[i] - lon[j]) * 111 + 100
                policy = float(treated[min(i, j), max(i, j)] and t >= 2014)
                mu = np.exp(10 + out_fe[i] + in_fe[j] + TRUE_DISTANCE * np.log(d)
                            + TRUE_LANGUAGE * (language[i] == language[j])
                            + TRUE_POLICY * policy)
                rows.append((codes[i], codes[j], t, d, language[i] == language[j], policy,
                             mu * rng.gamma(2.0, 0.5)))
    frame = pd.DataFrame(rows, columns=["exporter_iso3", "importer_iso3", "year",
                                        "distance_km", "is_common_language", "policy",
                                        "value_usd"])
    year = frame["year"].astype(str)
    low = np.minimum(frame["exporter_iso3"], frame["importer_iso3"])
    high = np.maximum(frame["exporter_iso3"], frame["importer_iso3"])
    return frame.assign(
        log_distance_km=np.log(frame["distance_km"]), is_colonial_tie=False,
        exporter_year=frame["exporter_iso3"] + year, importer_year=frame["importer_iso3"] + year,
        pair=frame["exporter_iso3"] + frame["importer_iso3"], pair_id=low + high)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_traditional_recovers_known_coefficients(seed: int) -> None:
    """Distance and language elasticities within 4 standard errors of the truth, and the
    interval covers it at the 99.99% level (tolerance stated: |b - truth| < 4 se)."""
    fit = fit_ppml(simulate(seed), outcome="value_usd",
                   regressors=["log_distance_km", "is_common_language", "policy"],
                   fixed_effects=["exporter_year", "importer_year"], cluster="pair_id")
    assert fit.converged
    for term, truth in (("log_distance_km", TRUE_DISTANCE),
                        ("is_common_language", TRUE_LANGUAGE), ("policy", TRUE_POLICY)):
        assert abs(fit.params[term] - truth) < 4 * fit.std_errors[term], term
    assert fit.std_errors["log_distance_km"] < 0.05  # informative, not vacuous


def test_structural_recovers_policy_effect() -> None:
    """Pair effects absorb geography; the policy effect is still recovered."""
    panel = simulate(4)
    fit = fit_gravity(panel, specification="structural", policy=["policy"])
    assert abs(fit.params["policy"] - TRUE_POLICY) < 4 * fit.std_errors["policy"]
    assert fit.std_errors["policy"] < 0.2
    assert fit.fixed_effects == ("exporter_year", "importer_year", "pair")


def test_interval_coverage_over_replications() -> None:
    """95% intervals for the distance elasticity cover the truth in most replications
    (at least 16 of 20; the binomial 1% lower tail for p = 0.95 is 16)."""
    covered = 0
    for seed in range(100, 120):
        fit = fit_ppml(simulate(seed, n=15, years=(2014, 2016)), outcome="value_usd",
                       regressors=["log_distance_km"], vcov="robust",
                       fixed_effects=["exporter_year", "importer_year"])
        row = fit.coef_table().set_index("term").loc["log_distance_km"]
        covered += bool(row["ci_lower"] <= TRUE_DISTANCE <= row["ci_upper"])
    assert covered >= 16


def test_separated_observations_dropped_and_counted() -> None:
    """An exporter-year that never exports, and a pair that never trades, are separated
    (ppmlhdfe's rule); the slopes are unchanged by their presence."""
    panel = simulate(5, n=12)
    clean = fit_ppml(panel, outcome="value_usd", regressors=["log_distance_km"],
                     fixed_effects=["exporter_year", "importer_year"], cluster="pair_id")
    silent = panel.copy()
    silent.loc[silent["exporter_year"] == "C002010", "value_usd"] = 0.0
    extra = panel[panel["exporter_year"] == "C002010"].assign(
        value_usd=0.0, exporter_year="C992010", exporter_iso3="C99")
    fit = fit_ppml(pd.concat([panel, extra], ignore_index=True), outcome="value_usd",
                   regressors=["log_distance_km"],
                   fixed_effects=["exporter_year", "importer_year"], cluster="pair_id")
    assert fit.n_separated == len(extra)
    assert fit.params["log_distance_km"] == pytest.approx(clean.params["log_distance_km"],
                                                          rel=1e-6)
    kept, dropped = drop_separated(silent, outcome="value_usd",
                                   fixed_effects=["exporter_year", "importer_year"])
    assert dropped == int((silent["exporter_year"] == "C002010").sum())
    assert (kept["value_usd"].groupby(kept["exporter_year"]).sum() > 0).all()


def test_regressor_separation_found_with_singletons_present() -> None:
    """Zeros that a dummy alone predicts are separated by the regressor (the iterative
    rectifier of Correia, Guimaraes and Zylkin 2021), also when fixed-effect singletons
    were dropped first (pyfixest 0.60's own check never converges then); the slope of the
    other regressor equals the fit without those rows."""
    panel = simulate(9, n=12)
    base = fit_ppml(panel, outcome="value_usd", regressors=["log_distance_km"],
                    fixed_effects=["exporter_year", "importer_year"], cluster="pair_id")
    zeros = panel.sample(6, random_state=1).assign(value_usd=0.0, flagged=1.0)
    lonely = panel.iloc[:1].assign(exporter_year="C982010", flagged=0.0)  # a singleton
    data = pd.concat([panel.assign(flagged=0.0), zeros, lonely], ignore_index=True)
    fit = fit_ppml(data, outcome="value_usd", regressors=["log_distance_km", "flagged"],
                   fixed_effects=["exporter_year", "importer_year"], cluster="pair_id")
    assert fit.n_separated == len(zeros)
    assert fit.n_singletons == 1
    assert fit.nobs == len(panel)
    assert fit.params["log_distance_km"] == pytest.approx(base.params["log_distance_km"],
                                                          rel=1e-6)
    rows, _ = drop_singletons(data, fixed_effects=["exporter_year", "importer_year"])
    separated = separated_by_regressors(rows, outcome="value_usd",
                                        regressors=["log_distance_km", "flagged"],
                                        fixed_effects=["exporter_year", "importer_year"])
    assert rows.index[separated].tolist() == list(range(len(panel), len(panel) + 6))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from("wxyz"),
                          st.integers(0, 3)), min_size=1, max_size=40))
def test_drop_separated_invariants(rows: list[tuple[str, str, int]]) -> None:
    """After dropping, every fixed-effect group has a positive outcome; positive
    observations are never dropped; the count is what was removed."""
    frame = pd.DataFrame(rows, columns=["f", "g", "y"])
    kept, dropped = drop_separated(frame, outcome="y", fixed_effects=["f", "g"])
    assert dropped == len(frame) - len(kept)
    assert (frame["y"] > 0).sum() == (kept["y"] > 0).sum()
    for fe in ("f", "g"):
        assert (kept.groupby(fe)["y"].sum() > 0).all()


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"regressors": ["nope"], "fixed_effects": [], "vcov": "robust"}, "regressors"),
        ({"regressors": ["log_distance_km"], "fixed_effects": ["nope"], "vcov": "robust"},
         "fixed_effects"),
        ({"regressors": ["log_distance_km"], "fixed_effects": []}, "cluster=<column>"),
    ],
)
def test_bad_arguments_name_themselves(kwargs: dict[str, object], needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        fit_ppml(simulate(6, n=5), outcome="value_usd", **kwargs)  # type: ignore[arg-type]


def test_negative_outcome_rejected() -> None:
    panel = simulate(7, n=5)
    panel.loc[3, "value_usd"] = -1.0
    with pytest.raises(ValueError, match=r"non-negative.*-1\.0"):
        fit_ppml(panel, outcome="value_usd", regressors=["log_distance_km"], vcov="robust")


def test_not_fitted_result_says_why() -> None:
    panel = simulate(8, n=5).assign(value_usd=0.0)
    fit = fit_ppml(panel, outcome="value_usd", regressors=["log_distance_km"],
                   fixed_effects=["exporter_year"], vcov="robust")
    assert fit.reason is not None and "separated" in fit.reason
    assert "not fitted" in fit.summary()


def test_pair_fit_and_results_object() -> None:
    """Prediction interval brackets the prediction; both directions are returned; the
    results object's summary and frame agree."""
    panel = simulate(9, n=10)
    fit = fit_gravity(panel, policy=["policy"])
    table = pair_fit(panel, fit, pairs=[("C01", "C02")])
    assert set(table["flow"]) == {"exports", "imports"}
    assert len(table) == 2 * panel["year"].nunique()
    assert (table["predicted_lower_usd"] < table["predicted_usd"]).all()
    assert (table["predicted_usd"] < table["predicted_upper_usd"]).all()
    assert np.allclose(table["ratio"], table["value_usd"] / table["predicted_usd"])
    frame = fit.to_frame()
    assert frame.loc[frame["quantity"] == "observations", "value"].item() == fit.nobs
    assert "clustered by pair_id" in str(fit) and "<table>" in fit._repr_html_()


def test_sanctions_terms_and_table() -> None:
    """Dummies switch on from each sanctioner's year; the table turns b into % effects."""
    panel = pd.DataFrame({
        "exporter_iso3": ["RUS", "DEU", "RUS", "RUS", "CHN", "RUS", "ALB"],
        "importer_iso3": ["DEU", "RUS", "CHN", "IND", "RUS", "ALB", "RUS"],
        "year": [2012, 2016, 2016, 2016, 2012, 2014, 2016], "value_usd": 1.0,
    })
    out = sanctions_terms(panel)
    assert out["is_rus_sanctioner_post"].tolist() == [0, 1, 0, 0, 0, 0, 1]
    assert out["is_rus_chn_post"].tolist() == [0, 0, 1, 0, 0, 0, 0]
    shares = partner_group_shares(out)
    assert np.allclose(shares.groupby("year")["share"].sum(), 1.0)
    sim = simulate(10, n=12).rename(columns={"policy": "is_rus_sanctioner_post"})
    table = sanctions_table(fit_gravity(sim, specification="structural",
                                        policy=["is_rus_sanctioner_post"]))
    row = table.iloc[0]
    assert row["effect_pct"] == pytest.approx(100 * np.expm1(row["estimate"]))
    assert row["effect_lower_pct"] < row["effect_pct"] < row["effect_upper_pct"]
