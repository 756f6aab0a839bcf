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


def test_format_pvalue_and_statistic() -> None:
    """Issue 15 rounding: p-values to 2 significant digits, "< 0.001", table bounds as
    inequalities; statistics to 2-3 decimals."""
    from econ.results import format_pvalue, format_statistic

    assert format_pvalue(1.526e-20) == "< 0.001"
    assert format_pvalue(0.0369) == "0.037"
    assert format_pvalue(0.1493) == "0.15"
    assert format_pvalue(0.0501) == "0.050"
    assert format_pvalue(0.01, bounded=True) == "< 0.01"
    assert format_pvalue(0.1, bounded=True) == "> 0.10"
    assert format_pvalue(None) == format_pvalue(float("nan")) == "n/a"
    assert format_statistic(15.4943) == "15.49"
    assert format_statistic(-4.472003) == "-4.472"
    assert format_statistic(136.4218) == "136.42"
    assert format_statistic(-0.0001) == "0.000"
    assert format_statistic(float("inf")) == "inf"
    assert format_statistic(4.7203, digits=1) == "4.7"
