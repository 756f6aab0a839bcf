"""Bad inputs: wrong types raise clearly; unusable data gives a result that says why."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from econ import tsa

SERIES_TESTS = [tsa.adf_test, tsa.kpss_test, tsa.mean_zero_test, tsa.zivot_andrews_test,
                tsa.sup_f_test, tsa.cusum_test, tsa.cusum_squares_test, tsa.cusum_ols_test]
FRAME_TESTS = [tsa.engle_granger_test, tsa.ardl_bounds_test, tsa.johansen_beta_test]


def _year_series(values) -> pd.Series:
    return pd.Series(values, index=range(1990, 1990 + len(values)), dtype="float64")


@pytest.mark.parametrize("test", SERIES_TESTS)
@pytest.mark.parametrize(("values", "reason"), [
    ([np.nan] * 40, "all values are missing"),
    ([0.5] * 40, "is constant"),
    ([0.1, -0.2, 0.3], "needs at least"),
    ([0.1, np.nan, *np.linspace(-1, 1, 40)], "missing values inside the sample, first at 1991"),
])
def test_unusable_series_is_not_run(test, values, reason):
    result = test(_year_series(values))
    assert not result.ran
    assert reason in result.reason
    assert np.isnan(result.statistic) and result.reject() is None


@pytest.mark.parametrize("test", FRAME_TESTS)
def test_unusable_frame_is_not_run(test):
    frame = pd.DataFrame({"lnx": np.ones(40), "lnm": np.linspace(1, 2, 40)},
                         index=range(1980, 2020))
    result = test(frame)
    assert not result.ran and "constant" in result.reason


def test_leading_and_trailing_gaps_are_trimmed():
    """Missing values before the first and after the last observation are dropped."""
    values = np.r_[np.nan, np.random.default_rng(0).standard_normal(50), np.nan]
    result = tsa.adf_test(_year_series(values), lags=1)
    assert result.ran and result.nobs == 48


@pytest.mark.parametrize("bad", [np.arange(10.0), [1.0, 2.0], pd.DataFrame({"a": [1.0]})])
def test_wrong_type_raises(bad):
    with pytest.raises(TypeError, match="expected a pandas Series"):
        tsa.adf_test(bad)


def test_wrong_index_and_duplicates_raise():
    with pytest.raises(TypeError, match="DatetimeIndex, a PeriodIndex or integer years"):
        tsa.kpss_test(pd.Series([1.0, 2.0], index=["a", "b"]))
    with pytest.raises(ValueError, match="duplicated dates"):
        tsa.kpss_test(pd.Series([1.0, 2.0], index=[2000, 2000]))


def test_frame_needs_two_columns():
    with pytest.raises(ValueError, match="expected 2 columns"):
        tsa.engle_granger_test(pd.DataFrame({"a": [1.0, 2.0]}, index=[2000, 2001]))


def test_other_results_not_run():
    short = _year_series([0.1, 0.2, 0.4, 0.3, 0.1])
    assert not tsa.bai_perron(short).ran
    frame = pd.DataFrame({"lnx": [1.0, 2.0], "lnm": [2.0, 1.0]}, index=[2000, 2001])
    assert tsa.johansen_test(frame).reason.startswith("data has 2 observations")
    assert tsa.johansen_test(frame).rank() is None
    assert "needs at least" in tsa.dols(frame).reason
    assert not tsa.dols(frame).slope_test.ran
    assert not tsa.half_life_ecm(frame).ran
    assert "not run" in tsa.johansen_test(frame).summary()
