"""Time-series tests of convergence to balance: unit roots, cointegration, breaks.

Every test takes a pandas Series (or a two-column DataFrame: dependent variable first)
indexed by a ``DatetimeIndex``, a ``PeriodIndex`` or integer years, and returns a small
immutable results object (``econ.results.TestResult`` or a ``Results`` subclass) with
the statistic, p-value or critical values, lags, deterministic terms, the null
hypothesis in words, ``summary()`` and ``to_frame()``. A test that cannot run on the
data says why (``result.reason``) instead of raising.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from econ import tsa
>>> balance = pd.Series(np.random.default_rng(0).normal(0, 0.1, 40), index=range(1981, 2021))
>>> tsa.adf_test(balance, regression="n").reject()
True
"""

from __future__ import annotations

from econ.tsa.battery import TABLE_COLUMNS, BatteryResults, battery_table, convergence_battery
from econ.tsa.breaks import (
    BaiPerronResults,
    bai_perron,
    chow_test,
    cusum_ols_test,
    cusum_squares_test,
    cusum_test,
    hansen_supf_pvalue,
    segment_rss,
    sup_f_test,
)
from econ.tsa.cointegration import (
    DOLSResults,
    JohansenResults,
    ardl_bounds_test,
    dols,
    engle_granger_test,
    johansen_beta_test,
    johansen_test,
)
from econ.tsa.half_life import HalfLifeResults, half_life, half_life_ar1, half_life_ecm
from econ.tsa.unit_root import adf_test, kpss_test, mean_zero_test, zivot_andrews_test

__all__ = [
    "TABLE_COLUMNS",
    "BaiPerronResults",
    "BatteryResults",
    "DOLSResults",
    "HalfLifeResults",
    "JohansenResults",
    "adf_test",
    "ardl_bounds_test",
    "bai_perron",
    "battery_table",
    "chow_test",
    "convergence_battery",
    "cusum_ols_test",
    "cusum_squares_test",
    "cusum_test",
    "dols",
    "engle_granger_test",
    "half_life",
    "half_life_ar1",
    "half_life_ecm",
    "hansen_supf_pvalue",
    "johansen_beta_test",
    "johansen_test",
    "kpss_test",
    "mean_zero_test",
    "segment_rss",
    "sup_f_test",
    "zivot_andrews_test",
]
