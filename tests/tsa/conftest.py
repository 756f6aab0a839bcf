"""Datasets and R reference values for the time-series tests.

``tests/results/make_reference.R`` wrote ``reference_r.json`` (each entry: the exact R
call and the values it returned) and the datasets statsmodels does not ship. The tests
read them; none runs R.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

RESULTS = Path(__file__).resolve().parents[1] / "results"


@pytest.fixture(scope="session")
def ref() -> dict[str, dict[str, Any]]:
    """R reference values by case name."""
    return json.loads((RESULTS / "reference_r.json").read_text())


@pytest.fixture(scope="session")
def nile() -> pd.Series:
    """Annual Nile flow at Aswan, 1871-1970 (statsmodels; identical to R's ``Nile``)."""
    data = sm.datasets.nile.load_pandas().data
    return pd.Series(data["volume"].to_numpy(), index=data["year"].astype(int), name="nile")


@pytest.fixture(scope="session")
def realint() -> pd.Series:
    """US ex-post real interest rate, 1961Q1-1986Q3 (strucchange ``RealInt``)."""
    data = pd.read_csv(RESULTS / "realint.csv")
    index = pd.PeriodIndex(data["period"].str.replace(" ", "-"), freq="Q")
    return pd.Series(data["realint"].to_numpy(), index=index, name="realint")


@pytest.fixture(scope="session")
def denmark_all() -> pd.DataFrame:
    """Danish money demand data, 1974Q1-1987Q3 (urca ``denmark``; Johansen and Juselius
    1990): log real money LRM, log real income LRY, bond rate IBO, deposit rate IDE."""
    data = pd.read_csv(RESULTS / "denmark.csv")
    index = pd.PeriodIndex(data["ENTRY"].str.replace(":0", "-Q"), freq="Q")
    return data.set_index(index)[["LRM", "LRY", "IBO", "IDE"]]


@pytest.fixture(scope="session")
def denmark(denmark_all) -> pd.DataFrame:
    """Danish bond (IBO) and deposit (IDE) rates."""
    return denmark_all[["IBO", "IDE"]]


@pytest.fixture(scope="session")
def seatbelt() -> tuple[pd.Series, pd.DataFrame]:
    """log10 UK driver deaths with lags 1 and 12, 1970-01 to 1984-12 (?breakpoints)."""
    data = pd.read_csv(RESULTS / "ukdriverdeaths.csv")
    y = pd.Series(np.log10(data["deaths"].to_numpy()),
                  index=pd.to_datetime(data["period"] + "-01"))
    lags = pd.DataFrame({"ylag1": y.shift(1), "ylag12": y.shift(12)})
    window = slice("1970-01-01", "1984-12-01")
    return y.loc[window], lags.loc[window]


@pytest.fixture(scope="session")
def inference_ref() -> dict[str, dict[str, Any]]:
    """R reference values of issue 15's inference (``make_inference_reference.R``)."""
    return json.loads((RESULTS / "inference_r.json").read_text())
