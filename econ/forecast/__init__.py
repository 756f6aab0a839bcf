"""Probabilistic forecasts of a trade balance, rolling-origin backtests and scenarios.

Models share one interface, ``Model.fit(train, exog=None, *, horizon) ->
ForecastResult``; :func:`rolling_origin` backtests them and ranks them; scenarios adjust
simulated flow paths. They work on any monthly or annual pandas Series (or a DataFrame
of ``exports`` and ``imports``), not on the project's tables directly.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from econ.forecast import ETS, Naive, rolling_origin
>>> y = pd.Series(np.sin(np.arange(30.0)) / 4, index=range(1990, 2020))
>>> ETS(spec="ANN").fit(y, horizon=3).summary_frame(0.2).shape
(3, 3)
>>> rolling_origin(y, [Naive(), ETS(spec="ANN")], horizon=3).ranking()["model"].tolist()
... # doctest: +SKIP
"""

from __future__ import annotations

from econ.forecast._series import balance_from_flows, step_dummy
from econ.forecast.backtest import Backtest, rolling_origin
from econ.forecast.combination import Combination
from econ.forecast.metrics import (
    coverage,
    diebold_mariano,
    mae,
    mase,
    mase_scale,
    pinball_loss,
    rmse,
    winkler_score,
)
from econ.forecast.models import (
    ARIMA,
    ETS,
    Ensemble,
    LocalLinearTrend,
    Model,
    Naive,
    SeasonalNaive,
    Theta,
)
from econ.forecast.result import ForecastResult, TrendReadout, forecast_frame
from econ.forecast.scenarios import (
    MMBTU_PER_BCM,
    SCENARIOS,
    GasPipelineAssumptions,
    Scenario,
    apply_scenario,
    compare_scenario,
    flow_change,
    pipeline_gas_exports,
)
from econ.forecast.vecm import VECM

__all__ = [
    "ARIMA",
    "ETS",
    "MMBTU_PER_BCM",
    "SCENARIOS",
    "VECM",
    "Backtest",
    "Combination",
    "Ensemble",
    "ForecastResult",
    "GasPipelineAssumptions",
    "LocalLinearTrend",
    "Model",
    "Naive",
    "Scenario",
    "SeasonalNaive",
    "Theta",
    "TrendReadout",
    "apply_scenario",
    "balance_from_flows",
    "compare_scenario",
    "coverage",
    "diebold_mariano",
    "flow_change",
    "forecast_frame",
    "mae",
    "mase",
    "mase_scale",
    "pinball_loss",
    "pipeline_gas_exports",
    "rmse",
    "rolling_origin",
    "step_dummy",
    "winkler_score",
]
