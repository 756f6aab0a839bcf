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

Inference (issue 15): every battery test is run on series simulated from the series'
own fitted null (:mod:`econ.tsa.size_checks`), "balanced" is an equivalence test
(:mod:`econ.tsa.equivalence`), persistence is median-unbiased
(:mod:`econ.tsa.persistence`), breaks must survive size-checked sequential HAC tests
(:mod:`econ.tsa.robust_breaks`), and :mod:`econ.tsa.robustness` reruns the verdict
under every specification.
"""

from __future__ import annotations

from econ.tsa.battery import (
    CLAUSE_COLUMNS,
    TABLE_COLUMNS,
    BatteryResults,
    Clause,
    battery_table,
    convergence_battery,
)
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
from econ.tsa.equivalence import equivalence_test, outside_band_test, tost_from_estimate
from econ.tsa.half_life import HalfLifeResults, half_life, half_life_ar1, half_life_ecm
from econ.tsa.persistence import PersistenceResults, median_unbiased_ar1
from econ.tsa.robust_breaks import (
    SequentialBreaksResults,
    ar_break_test,
    sequential_breaks,
    sup_wald_test,
)
from econ.tsa.unit_root import adf_test, kpss_test, mean_zero_test, zivot_andrews_test

__all__ = [
    "CLAUSE_COLUMNS",
    "TABLE_COLUMNS",
    "BaiPerronResults",
    "BatteryResults",
    "Clause",
    "DOLSResults",
    "HalfLifeResults",
    "JohansenResults",
    "PersistenceResults",
    "SequentialBreaksResults",
    "adf_test",
    "ar_break_test",
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
    "equivalence_test",
    "half_life",
    "half_life_ar1",
    "half_life_ecm",
    "hansen_supf_pvalue",
    "johansen_beta_test",
    "johansen_test",
    "kpss_test",
    "mean_zero_test",
    "median_unbiased_ar1",
    "outside_band_test",
    "segment_rss",
    "sequential_breaks",
    "sup_f_test",
    "sup_wald_test",
    "tost_from_estimate",
    "zivot_andrews_test",
]
