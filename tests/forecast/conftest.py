"""Seeded series shared by the forecasting tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

RESULTS = Path(__file__).resolve().parents[1] / "results"


def simulated_balance(n: int = 96, seed: int = 1) -> pd.Series:
    """A monthly normalised balance: AR(1) around a drifting level, plus a season."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2017-01-01", periods=n, freq="MS")
    noise = np.zeros(n)
    for t in range(1, n):
        noise[t] = 0.6 * noise[t - 1] + rng.normal(0, 0.02)
    season = 0.03 * np.sin(2 * np.pi * np.arange(n) / 12)
    return pd.Series(0.2 - 0.001 * np.arange(n) + season + noise, index=index, name="balance")


def simulated_flows(n: int = 60, seed: int = 2, freq: str = "MS") -> pd.DataFrame:
    """Cointegrated exports and imports in US dollars (log difference is AR(1))."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2015-01-01", periods=n, freq=freq)
    common = np.cumsum(rng.normal(0.01, 0.03, n))
    gap = np.zeros(n)
    for t in range(1, n):
        gap[t] = 0.7 * gap[t - 1] + rng.normal(0, 0.03)
    return pd.DataFrame({"exports": np.exp(22.5 + common + 0.3 + gap),
                         "imports": np.exp(22.5 + common + rng.normal(0, 0.02, n))},
                        index=index)


@pytest.fixture
def monthly() -> pd.Series:
    return simulated_balance()


@pytest.fixture
def annual() -> pd.Series:
    rng = np.random.default_rng(3)
    values = 0.3 - 0.01 * np.arange(30) + rng.normal(0, 0.03, 30)
    return pd.Series(values, index=pd.RangeIndex(1991, 2021), name="balance")


@pytest.fixture
def flows() -> pd.DataFrame:
    return simulated_flows()


@pytest.fixture(scope="session")
def reference() -> dict[str, Any]:
    """Values made by tests/results/forecast_reference.R (R forecast 8.20)."""
    return json.loads((RESULTS / "forecast_reference.json").read_text())


@pytest.fixture
def make_balance() -> Callable[..., pd.Series]:
    """Factory of seeded monthly balances: ``make_balance(n, seed)``."""
    return simulated_balance


@pytest.fixture
def make_flows() -> Callable[..., pd.DataFrame]:
    """Factory of seeded cointegrated flows: ``make_flows(n, seed, freq)``."""
    return simulated_flows
