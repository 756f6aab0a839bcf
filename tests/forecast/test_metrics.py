"""Accuracy measures and the DM test: hand-worked numbers and invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from econ.forecast import metrics

ACTUAL = [10.0, 12.0, 9.0, 15.0]
FORECAST = [11.0, 10.0, 9.0, 11.0]  # errors -1, 2, 0, 4


def test_point_measures_by_hand() -> None:
    """Errors -1, 2, 0, 4: MAE = 7/4, RMSE = sqrt(21/4)."""
    assert metrics.mae(ACTUAL, FORECAST) == pytest.approx(1.75, abs=1e-15)
    assert metrics.rmse(ACTUAL, FORECAST) == pytest.approx(math.sqrt(5.25), abs=1e-15)


def test_mase_by_hand() -> None:
    """Training 1, 3, 2, 5: naive in-sample MAE = (2 + 1 + 3) / 3 = 2; seasonal lag 2:
    (|2-1| + |5-3|) / 2 = 1.5. MASE = 1.75 / 2 with one scale; with a scale per error
    (per fold) each error is divided by its own."""
    assert metrics.mase_scale([1.0, 3.0, 2.0, 5.0]) == 2.0
    assert metrics.mase_scale([1.0, 3.0, 2.0, 5.0], season_length=2) == 1.5
    assert metrics.mase(ACTUAL, FORECAST, 2.0) == pytest.approx(0.875, abs=1e-15)
    assert metrics.mase([1.0, 1.0], [0.0, 0.0], [1.0, 4.0]) == pytest.approx(0.625, abs=1e-15)


def test_pinball_by_hand() -> None:
    """q = 0.9: y above the quantile by 2 costs 0.9 * 2 = 1.8; y below by 2 costs
    0.1 * 2 = 0.2; the mean is 1.0. At 0.5 the loss is half the absolute error."""
    assert metrics.pinball_loss([10.0], [8.0], 0.9) == pytest.approx(1.8, abs=1e-15)
    assert metrics.pinball_loss([10.0], [12.0], 0.9) == pytest.approx(0.2, abs=1e-15)
    assert metrics.pinball_loss(ACTUAL, FORECAST, 0.5) == pytest.approx(0.5 * 1.75, abs=1e-15)


def test_winkler_and_coverage_by_hand() -> None:
    """80% interval [4, 10] (alpha = 0.2, penalty 2/0.2 = 10): y = 5 inside scores the
    width 6; y = 12 is 2 above: 6 + 10 * 2 = 26; y = 3 is 1 below: 6 + 10 = 16."""
    assert metrics.winkler_score([5.0], [4.0], [10.0], 80) == pytest.approx(6.0, abs=1e-12)
    assert metrics.winkler_score([12.0], [4.0], [10.0], 80) == pytest.approx(26.0, abs=1e-12)
    assert metrics.winkler_score([3.0], [4.0], [10.0], 80) == pytest.approx(16.0, abs=1e-12)
    assert metrics.coverage([5.0, 12.0, 3.0, 4.0], [4.0] * 4, [10.0] * 4) == 0.5


def test_nan_rows_are_ignored() -> None:
    assert metrics.mae([1.0, np.nan], [0.0, 5.0]) == 1.0
    assert metrics.coverage([1.0, np.nan], [0.0, 0.0], [2.0, 2.0]) == 1.0


def test_diebold_mariano_by_hand() -> None:
    """e = (1, 0, 1, 0), b = (0, 0, 0, 0), squared loss: d = (1, 0, 1, 0), mean 0.5,
    gamma_0 = 0.25, variance 0.25 / 4, DM = 0.5 / 0.25 = 2; HLN factor with h = 1:
    sqrt((4 + 1 - 2) / 4) = sqrt(0.75); p = 2 * P(t_3 > 2 sqrt(0.75))."""
    from scipy import stats
    result = metrics.diebold_mariano([1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0])
    expected = 2 * math.sqrt(0.75)
    assert result.statistic == pytest.approx(expected, rel=1e-14)
    assert result.pvalue == pytest.approx(2 * stats.t.sf(expected, 3), rel=1e-12)
    assert result.lags == 0 and result.nobs == 4


def test_diebold_mariano_not_run_says_why() -> None:
    same = metrics.diebold_mariano([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0])
    assert not same.ran and "variance" in same.reason
    short = metrics.diebold_mariano([1.0, 2.0], [0.0, 1.0])
    assert not short.ran and "needs at least 3" in short.reason


def test_bad_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="prob"):
        metrics.pinball_loss([1.0], [1.0], 1.5)
    with pytest.raises(ValueError, match="level"):
        metrics.winkler_score([1.0], [0.0], [2.0], 0.95)
    with pytest.raises(ValueError, match="same length"):
        metrics.diebold_mariano([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="more than 12"):
        metrics.mase_scale(np.arange(12.0), season_length=12)


finite = st.floats(-1e3, 1e3, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(arrays(float, 8, elements=finite), arrays(float, 8, elements=finite),
       st.floats(0.5, 50.0), st.sampled_from([50, 80, 95]))
def test_winkler_is_the_pinball_pair(y: np.ndarray, centre: np.ndarray, width: float,
                                     level: int) -> None:
    """Interval score = (2 / alpha) x (pinball at alpha/2 + pinball at 1 - alpha/2)
    (Gneiting & Raftery 2007, section 6.2) for any interval and outcome."""
    alpha = 1 - level / 100
    lower, upper = centre - width, centre + width
    pair = metrics.pinball_loss(y, lower, alpha / 2) + metrics.pinball_loss(y, upper, 1 - alpha / 2)
    assert metrics.winkler_score(y, lower, upper, level) == pytest.approx(2 / alpha * pair,
                                                                  rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(arrays(float, 10, elements=finite), arrays(float, 10, elements=finite))
def test_point_measure_invariants(y: np.ndarray, f: np.ndarray) -> None:
    """0 <= MAE <= RMSE; coverage in [0, 1]; the DM statistic changes sign when the
    two error series swap."""
    assert 0 <= metrics.mae(y, f) <= metrics.rmse(y, f) + 1e-9
    assert 0 <= metrics.coverage(y, f - 1, f + 1) <= 1
    one, two = metrics.diebold_mariano(y - f, y), metrics.diebold_mariano(y, y - f)
    if one.ran:
        assert one.statistic == pytest.approx(-two.statistic, rel=1e-9, abs=1e-12)
