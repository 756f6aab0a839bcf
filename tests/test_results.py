"""Results objects: summary and frame agree, numbers are readable, failures say why."""

from __future__ import annotations

import math

from econ.results import TestResult, format_number


def test_summary_frame_and_html_agree() -> None:
    result = TestResult(test="ADF", statistic=-3.456789, pvalue=0.0123,
                        null_hypothesis="unit root", critical_values={"5%": -2.86},
                        lags=2, deterministic="c", nobs=100, params={"break": 2014})
    frame = result.to_frame()
    assert list(frame.columns) == ["section", "quantity", "value"]
    assert frame.set_index("quantity").loc["statistic", "value"] == -3.456789
    text = result.summary()
    assert text.startswith("ADF test") and "-3.4568" in text and "2,014" in text
    assert str(result) == text
    assert "<table>" in result._repr_html_()
    assert result.reject(0.05) is True and result.reject(0.01) is False


def test_not_run_says_why() -> None:
    result = TestResult.not_run("KPSS", "stationary", "series has 5 observations; needs 10")
    assert not result.ran
    assert math.isnan(result.statistic)
    assert result.reject() is None
    assert "needs 10" in result.summary()


def test_format_number() -> None:
    assert format_number(0.123456) == "0.1235"
    assert format_number(12345678.9) == "1.235e+07"
    assert format_number(1234) == "1,234"
    assert format_number(float("nan")) == "nan"
    assert format_number(None) == ""
