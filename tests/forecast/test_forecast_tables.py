"""The forecast answers: release balances, the out-of-sample check, scenario inputs, and
the forecast tables of the session's real refresh (RUS-CHN rows)."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import econ
import econ.forecast as fc
from econ import names
from econ.analysis import forecast as answers

FORECAST = Path(econ.__file__).resolve().parent / "forecast"


def test_forecast_modules_import_without_cycles() -> None:
    """Issue 14: models and backtest imported each other. The import graph of
    econ.forecast's modules (module-level imports) is acyclic, and models imports
    neither backtest nor combination."""
    graph: dict[str, set[str]] = {}
    for path in FORECAST.glob("*.py"):
        tree = ast.parse(path.read_text())
        graph[path.stem] = {node.module.rsplit(".", 1)[-1] for node in tree.body
                            if isinstance(node, ast.ImportFrom) and node.module
                            and node.module.startswith("econ.forecast.")}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError on a cycle
    assert not graph["models"] & {"backtest", "combination", "calibration"}


def _releases(exports: float, imports: float, **flags: bool) -> pd.DataFrame:
    return pd.DataFrame({
        "release_period": pd.to_datetime(["2026-03-01"] * 3), "partner_iso3": "RUS",
        "flow": ["exports", "imports", "total"],
        "value_cny": [exports, imports, exports + imports],
        "is_cumulative": flags.get("is_cumulative", False),
        "is_jan_feb_combined": flags.get("is_jan_feb_combined", False),
        "published": pd.to_datetime(["2026-04-08"] * 3)})


def test_release_balances_apply_cif_fob_and_the_release_span() -> None:
    """Russia's exports are China's imports / 1.06 (CIF to FOB), its imports China's
    exports; a cumulative release spans January to its month, a single one its month."""
    single = answers.release_balances(_releases(100.0, 106.0))
    assert single["observed"].iloc[0] == pytest.approx(0.0, abs=1e-12)
    assert single["start"].iloc[0] == single["end"].iloc[0] == pd.Timestamp("2026-03-01")
    ytd = answers.release_balances(_releases(100.0, 212.0, is_cumulative=True))
    assert ytd["observed"].iloc[0] == pytest.approx((200 - 100) / 300)
    assert ytd["start"].iloc[0] == pd.Timestamp("2026-01-01")
    with pytest.raises(ValueError, match="core_gacc__release_by_country"):
        answers.release_balances(_releases(1.0, 1.0).assign(partner_iso3="KAZ"))


def test_out_of_sample_check_compares_the_release_window(monthly: pd.Series) -> None:
    """The window of a release is read in months after the origin; the forecast is the
    average of the monthly means over it; releases before the origin or beyond the
    horizon are left out; inside flags follow the recalibrated bounds."""
    train = monthly.iloc[:84]  # to 2023-12
    bt = fc.rolling_origin(train, [fc.Naive()], horizon=6, initial=48)
    result = fc.Naive().fit(train, horizon=6)
    releases = pd.DataFrame({
        "start": pd.to_datetime(["2024-01-01", "2024-03-01", "2023-06-01", "2024-06-01"]),
        "end": pd.to_datetime(["2024-02-01", "2024-03-01", "2023-06-01", "2024-07-01"]),
        "is_cumulative": [True, False, False, False], "is_jan_feb_combined": [True] + [False] * 3,
        "published": pd.to_datetime(["2024-03-10"] * 4), "observed": [0.0, 0.5, 0.1, 0.1]})
    table = answers.out_of_sample_check(releases, {"naive": result}, bt.forecasts,
                                        selected="naive")
    assert table[["first_horizon", "last_horizon"]].values.tolist() == [[1, 2], [3, 3]]
    assert table["mean"].iloc[0] == pytest.approx(train.iloc[-1])
    inside = (table["observed"] >= table["lower_80"]) & (table["observed"] <= table["upper_80"])
    assert (table["inside_80"] == inside).all() and table["is_selected"].all()


def test_ramp_and_slope_from_the_data_by_hand() -> None:
    """Ramp: years after the first (partial) year over capacity, until 95% of it. Slope:
    customs value / (EI volume x MMBtu per bcm) / Brent of July-June before mid-year."""
    ei = pd.DataFrame({"year": [2019, 2020, 2021, 2022], "commodity": "pipeline_gas",
                       "exporter_iso3": "RUS", "importer_iso3": "CHN",
                       "volume_bcm": [0.2, 3.8, 19.0, 37.0]})
    assert answers.pipeline_ramp_shares(ei) == pytest.approx([0.1, 0.5, 37 / 38])
    months = pd.date_range("2019-07-01", "2020-12-01", freq="MS")
    prices = pd.DataFrame({"commodity": "crude_oil_brent", "period": months, "value": 50.0})
    customs = pd.DataFrame({"origin_iso3": "RUS", "commodity": "pipeline_gas",
                            "source": "comtrade",
                            "period": pd.date_range("2020-01-01", periods=12, freq="MS"),
                            "value_usd": 3.8 * fc.MMBTU_PER_BCM * 5.0 / 12})
    slopes = answers.gas_price_slopes(customs, ei, prices)
    assert slopes.to_dict() == {2020: pytest.approx(0.1)}  # 5 USD/MMBtu at 50 USD/bbl


def test_scenario_adds_exports_on_every_path(make_flows) -> None:
    """Baseline and scenario share their paths (same seed): more exports, higher balance
    on every path once volumes flow, none before the start year."""
    flows = make_flows(30, seed=4, freq="YS")
    model = fc.VECM(k_ar_diff=1, coint_rank=1, n_paths=500).fit(flows, horizon=4)
    first = int(model.mean.index.year[2])
    case = fc.GasPipelineAssumptions("pos2", 50.0, first, (0.5,), 0.1, 80.0)
    table = answers.scenario_paths(model, [case]).set_index(["scenario", "year"])
    np.testing.assert_allclose(table.loc["pos2", "difference"].iloc[:2], 0.0, atol=1e-12)
    assert (table.loc["pos2", "difference"].iloc[2:] > 0).all()
    assert table.loc[("pos2", first), "added_exports_usd"] == pytest.approx(
        25.0 * fc.MMBTU_PER_BCM * 8.0)


@pytest.fixture(scope="module")
def built(real_project: Path) -> dict[str, pd.DataFrame]:
    """The forecast tables of the real refresh (validated by their schema when written),
    RUS-CHN rows."""
    tables = [names.FORECAST_CHECK, names.FORECAST_COVERAGE, names.FORECAST_CALIBRATED,
              names.FORECAST_BRIER, names.FORECAST_YEAR_AVERAGE, names.FORECAST_SELECTION,
              names.FORECAST_SCENARIOS, names.FORECAST_ASSUMPTIONS]
    return {name: econ.load(name, root=real_project,
                            filters={"reporter_iso3": "RUS", "partner_iso3": "CHN"})
            for name in tables}


@pytest.mark.slow
def test_out_of_sample_check_on_the_real_releases(built: dict[str, pd.DataFrame]) -> None:
    """China customs (GACC) release of 2025-03-11: January-February 2025 imports from
    Russia 1,417.9 and exports to Russia 1,074.5 (100 million yuan): Russia's balance
    (1417.9 / 1.06 - 1074.5) / (1417.9 / 1.06 + 1074.5) = 0.109. Three releases (that one,
    March 2026, January-March 2026) for every monthly model, origin 2024-12."""
    check = built[names.FORECAST_CHECK]
    first = check[check["start"] == pd.Timestamp("2025-01-01")]["observed"]
    x = 1417.9 / 1.06
    assert first.iloc[0] == pytest.approx((x - 1074.5) / (x + 1074.5), abs=5e-4)
    assert check.groupby("model").size().eq(3).all()
    assert set(check["origin"]) == {"2024-12"}
    windows = check[["first_horizon", "last_horizon"]].drop_duplicates().values.tolist()
    assert sorted(windows) == [[1, 2], [13, 15], [15, 15]]


@pytest.mark.slow
def test_calibration_tables_on_the_real_balance(built: dict[str, pd.DataFrame]) -> None:
    """Recalibrated 95% intervals cover within 5 points of nominal for every monthly
    model out of sample; every published monthly horizon has a recalibrated interval;
    simulated probabilities carry at most 0.005 simulation error; the Brier table has
    the three forecasts on the same rows."""
    coverage = built[names.FORECAST_COVERAGE]
    pooled = coverage[coverage["horizon"].isna() & (coverage["frequency"] == "monthly")]
    at95 = pooled[pooled["level"] == 95]["coverage_recalibrated"]
    assert (at95.between(0.90, 1.0)).all(), at95
    calibrated = built[names.FORECAST_CALIBRATED]
    monthly = calibrated[calibrated["frequency"] == "monthly"]
    assert monthly[["lower_80", "upper_95"]].notna().all().all()
    assert (calibrated["prob_within_model_se"] <= 0.005).all()
    brier = built[names.FORECAST_BRIER]
    assert brier.groupby(["frequency", "model"])["n"].nunique().eq(1).all()
    years = built[names.FORECAST_YEAR_AVERAGE]
    assert set(years["year"]) == {2025, 2026} and (years["prob_within_model_se"] <= 0.005).all()


@pytest.mark.slow
def test_selection_and_scenarios_on_the_real_data(built: dict[str, pd.DataFrame]) -> None:
    """One selected model per frequency by the rule; the scenarios run on the best-ranked
    flow model, start in 2030, add nothing before and something after; every assumption
    has a source."""
    selection = built[names.FORECAST_SELECTION]
    assert selection.groupby("frequency")["is_selected"].sum().eq(1).all()
    assert selection.groupby("frequency")["is_scenario_model"].sum().eq(1).all()
    scenarios = built[names.FORECAST_SCENARIOS].set_index(["scenario", "year"])
    central = scenarios.loc["power_of_siberia_2_central"]
    assert (central.loc[:2029, "added_exports_usd"] == 0).all()
    assert (central.loc[2030:, "volume_bcm"] > 0).all()
    assert np.isclose(central["volume_bcm"].iloc[-1], 50.0)
    assumptions = built[names.FORECAST_ASSUMPTIONS]
    assert (assumptions["source"].str.len() > 10).all()
    prices = assumptions[assumptions["assumption"] == "price_usd_per_mmbtu"].set_index(
        "scenario")["value"]
    assert prices.loc[[f"power_of_siberia_2_{case}" for case in ("low", "central", "high")]
                      ].is_monotonic_increasing
