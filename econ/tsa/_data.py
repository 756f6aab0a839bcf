"""Input handling shared by the time-series tests.

Every public test takes a pandas Series (or a DataFrame of two series) indexed by a
``DatetimeIndex``, a ``PeriodIndex`` or integer years. Wrong *types* are programming
errors and raise ``TypeError``; data on which a test cannot run (all missing, gaps
inside the sample, too short, constant) are a fact about the data, so the test returns
``TestResult.not_run`` with the reason instead of raising deep inside statsmodels.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from statsmodels.tsa.stattools import adfuller

from econ.names import Frequency
from econ.results import TestResult

__all__ = [
    "Frequency",
    "as_frame",
    "as_series",
    "date_label",
    "default_hac_lags",
    "default_max_lags",
    "fill_doc",
    "infer_frequency",
    "problem",
    "quiet_adfuller",
    "run_guarded",
    "sample_label",
]


_Data = TypeVar("_Data", pd.Series, pd.DataFrame)
_Func = TypeVar("_Func", bound=Callable[..., Any])


def fill_doc(**blocks: str) -> Callable[[_Func], _Func]:
    """Decorator: replace ``<name>`` in a docstring by a shared parameter block.

    Keeps the parameter descriptions that several tests share in one place.

    Examples
    --------
    >>> @fill_doc(x="x : int")
    ... def f(x):
    ...     "Parameters: <x>"
    >>> f.__doc__
    'Parameters: x : int'
    """
    def decorate(func: _Func) -> _Func:
        for name, block in blocks.items():
            func.__doc__ = (func.__doc__ or "").replace(f"<{name}>", block)
        return func

    return decorate


def _check_index(index: pd.Index, argument: str) -> None:
    ok = isinstance(index, pd.DatetimeIndex | pd.PeriodIndex) or pd.api.types.is_integer_dtype(
        index)
    if not ok:
        raise TypeError(
            f"{argument}: expected a DatetimeIndex, a PeriodIndex or integer years as the "
            f"index, found {type(index).__name__} of dtype {index.dtype}. Set the index "
            "with .set_index('year') or .set_index('period').")
    if not index.is_unique:
        duplicated = index[index.duplicated()][0]
        raise ValueError(f"{argument}: the index has duplicated dates, first {duplicated!r}; "
                         "aggregate or drop the duplicates first.")


def as_series(series: pd.Series, argument: str = "series") -> pd.Series:
    """The series as float64, sorted by its (checked) time index.

    Examples
    --------
    >>> as_series(pd.Series([1, 2], index=[2001, 2000])).index.tolist()
    [2000, 2001]
    """
    if not isinstance(series, pd.Series):
        raise TypeError(f"{argument}: expected a pandas Series, found {type(series).__name__}.")
    _check_index(series.index, argument)
    return series.sort_index().astype("float64")


def as_frame(data: pd.DataFrame, argument: str = "data", *, columns: int | None = 2
             ) -> pd.DataFrame:
    """The frame as float64, sorted by its time index, with ``columns`` columns.

    ``columns=None`` accepts any number from two up (a VAR system).

    Examples
    --------
    >>> as_frame(pd.DataFrame({"y": [1, 2], "x": [3, 4]}, index=[2000, 2001])).shape
    (2, 2)
    """
    wanted = "two or more" if columns is None else str(columns)
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{argument}: expected a pandas DataFrame with {wanted} columns "
                        f"(the dependent variable first), found {type(data).__name__}.")
    if data.shape[1] != columns and (columns is not None or data.shape[1] < 2):
        raise ValueError(f"{argument}: expected {wanted} columns (the dependent variable "
                         f"first), found {data.shape[1]}: {list(data.columns)}.")
    _check_index(data.index, argument)
    return data.sort_index().astype("float64")


def _trim_missing(data: _Data) -> _Data:
    present = data.notna() if isinstance(data, pd.Series) else data.notna().all(axis=1)
    if not present.any():
        return data.iloc[:0]
    positions = np.flatnonzero(present.to_numpy())
    return data.iloc[positions[0]: positions[-1] + 1]


def problem(data: _Data, *, min_nobs: int) -> tuple[_Data, str | None]:
    """Trim leading and trailing gaps; say why a test cannot run on what is left.

    Returns the trimmed data and ``None``, or the data and the reason it is unusable.

    Examples
    --------
    >>> problem(pd.Series([np.nan, 1.0, 2.0], index=[1, 2, 3]), min_nobs=5)[1]
    'has 2 observations (2–3); needs at least 5'
    """
    trimmed = _trim_missing(data)
    if len(trimmed) == 0:
        return trimmed, "all values are missing"
    gaps = trimmed.isna() if isinstance(trimmed, pd.Series) else trimmed.isna().any(axis=1)
    if gaps.any():
        first = trimmed.index[np.flatnonzero(gaps.to_numpy())[0]]
        return trimmed, (f"has {int(gaps.sum())} missing values inside the sample, first at "
                         f"{first}; fill or trim them")
    if len(trimmed) < min_nobs:
        return trimmed, (f"has {len(trimmed)} observations ({sample_label(trimmed.index)}); "
                         f"needs at least {min_nobs}")
    values = trimmed.to_numpy().reshape(len(trimmed), -1)
    constant = np.ptp(values, axis=0) == 0
    if constant.any():
        return trimmed, f"is constant (every value {values[0, np.argmax(constant)]:g})"
    return trimmed, None


def run_guarded(test: str, null: str, func: Callable[[], TestResult], **kwargs: object
                ) -> TestResult:
    """Run ``func``; a numerical failure inside statsmodels becomes ``not_run``.

    Examples
    --------
    >>> def fails():
    ...     raise np.linalg.LinAlgError("Singular matrix")
    >>> run_guarded("ADF", "unit root", fails).reason
    'the computation failed: Singular matrix'
    """
    try:
        return func()
    except (ValueError, np.linalg.LinAlgError, ZeroDivisionError) as exc:
        return TestResult.not_run(test, null, f"the computation failed: {exc}", **kwargs)


def date_label(value: object) -> str:
    """A date as a reader wants it: ``2014``, ``2014-03`` (first of month) or ``2014Q1``.

    Examples
    --------
    >>> date_label(pd.Timestamp("2014-03-01"))
    '2014-03'
    """
    if isinstance(value, pd.Timestamp):
        return str(value.strftime("%Y-%m") if value.day == 1 else value.strftime("%Y-%m-%d"))
    return str(value)


def sample_label(index: pd.Index) -> str:
    """``"first–last"`` of an index, e.g. ``"1992–2020"`` or ``"2017-01–2024-12"``.

    Examples
    --------
    >>> sample_label(pd.Index([1992, 1993, 2020]))
    '1992–2020'
    """
    if len(index) == 0:
        return "empty"
    return f"{date_label(index[0])}–{date_label(index[-1])}"


def infer_frequency(index: pd.Index) -> Frequency | None:
    """Annual, quarterly or monthly from the index (integer years are annual).

    Examples
    --------
    >>> infer_frequency(pd.date_range("2000-01-01", periods=24, freq="MS"))
    'monthly'
    """
    if pd.api.types.is_integer_dtype(index):
        return "yearly"
    if isinstance(index, pd.PeriodIndex):
        code = index.freqstr[0]
    else:
        if len(index) < 3:
            return None
        days = float(np.median(np.diff(index.to_numpy().astype("datetime64[D]").astype(
            "int64"))))
        code = "M" if 27 <= days <= 32 else "Q" if 88 <= days <= 93 else "A" if days >= 360 else ""
    frequencies: dict[str, Frequency] = {"A": "yearly", "Y": "yearly", "Q": "quarterly",
                                         "M": "monthly"}
    return frequencies.get(code)


def default_max_lags(nobs: int) -> int:
    """Largest lag tried by automatic lag selection.

    statsmodels' ``12 (T/100)^(1/4)`` (Schwert 1989), capped at ``(T - 10) // 3`` so a
    short annual series keeps enough degrees of freedom (with T = 16 statsmodels would
    try 7 lags and can pick a regression with no residual degrees of freedom).

    Examples
    --------
    >>> default_max_lags(100), default_max_lags(16)
    (12, 2)
    """
    return max(min(int(12 * (nobs / 100) ** 0.25), (nobs - 10) // 3), 0)


def default_hac_lags(nobs: int) -> int:
    """Newey and West (1994) rule of thumb: ``floor(4 (T/100)^(2/9))``.

    Examples
    --------
    >>> default_hac_lags(100)
    4
    """
    return int(4 * (nobs / 100) ** (2 / 9))  # floor of a positive number


def quiet_adfuller(values: np.ndarray, **kwargs: object) -> tuple[Any, ...]:
    """The statsmodels ``adfuller`` as a plain tuple, without the 0.15 ``FutureWarning``.

    statsmodels 0.15 warns that the return type will become an object; the tuple is
    what every supported version returns.

    Examples
    --------
    >>> len(quiet_adfuller(np.random.default_rng(0).standard_normal(50), maxlag=1,
    ...                    autolag=None))
    5
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return tuple(adfuller(values, **kwargs))
