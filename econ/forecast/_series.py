"""Checks and index arithmetic shared by the forecasting models.

Every model works on a pandas Series with a regular monthly or annual index. Inputs may
carry a ``DatetimeIndex`` (first day of the month or year), a monthly or annual
``PeriodIndex``, or integer years; they are normalised to a ``DatetimeIndex`` with
frequency ``MS`` or ``YS`` so that statsmodels sees a dated series and forecasts carry
the right dates.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from econ.indicators.balance import normalised_balance

__all__ = [
    "FLOW_COLUMNS",
    "as_target",
    "balance_from_flows",
    "future_index",
    "prepare_exog",
    "prepare_flows",
    "prepare_series",
    "season_length",
    "step_dummy",
]

FLOW_COLUMNS = ("exports", "imports")
#: pandas offset alias of a series' frequency (see econ.names.PANDAS_FREQ)
PandasFrequency = Literal["MS", "YS"]


def _as_datetime_index(index: pd.Index, name: str) -> pd.DatetimeIndex:
    if isinstance(index, pd.PeriodIndex):
        return index.to_timestamp(how="start")
    if pd.api.types.is_integer_dtype(index) and len(index) and index.min() > 1000:
        return pd.DatetimeIndex(pd.to_datetime(index.astype(str), format="%Y"))
    if isinstance(index, pd.DatetimeIndex):
        return index
    raise TypeError(
        f"{name}: expected a DatetimeIndex, a monthly or annual PeriodIndex or integer "
        f"years, found {type(index).__name__} ({index[:3].tolist()}...). Index the "
        "series by period (first day of the month) or by year."
    )


def _frequency(index: pd.DatetimeIndex, name: str) -> PandasFrequency:
    if len(index) < 3:
        raise ValueError(f"{name}: expected at least 3 observations, found {len(index)}.")
    if (index.day != 1).any():
        bad = index[index.day != 1][0]
        raise ValueError(f"{name}: expected dates on the first day of a month or year, "
                         f"found {bad.date()}. Use period = first day of the month.")
    months = index.year * 12 + index.month
    steps = np.unique(np.diff(months))
    if steps.tolist() == [1]:
        return "MS"
    if steps.tolist() == [12] and (index.month == 1).all():
        return "YS"
    raise ValueError(
        f"{name}: expected a regular monthly or annual index without gaps, found steps of "
        f"{sorted(set(steps.tolist()))} months. Fill or drop the gap before forecasting."
    )


def prepare_series(y: pd.Series, name: str = "y") -> pd.Series:
    """Check a series and give it a ``DatetimeIndex`` with frequency ``MS`` or ``YS``.

    Parameters
    ----------
    y : pandas.Series
        Monthly or annual observations, no missing values.
    name : str
        Argument name used in error messages.

    Returns
    -------
    pandas.Series
        float64 values on a regular dated index.

    Examples
    --------
    >>> prepare_series(pd.Series([1.0, 2.0, 3.0], index=[2001, 2002, 2003])).index.freqstr
    'YS-JAN'
    """
    if not isinstance(y, pd.Series):
        raise TypeError(f"{name}: expected a pandas Series, found {type(y).__name__}.")
    index = _as_datetime_index(y.index, name)
    if not index.is_monotonic_increasing or index.has_duplicates:
        raise ValueError(f"{name}: expected increasing, unique dates; sort the series and "
                         "drop duplicated periods.")
    freq = _frequency(index, name)
    values = pd.to_numeric(y, errors="coerce").to_numpy(dtype=float)
    if not np.isfinite(values).all():
        where = index[~np.isfinite(values)][0]
        raise ValueError(f"{name}: expected finite numbers, found a missing or non-numeric "
                         f"value at {where.date()}. Models here need a gap-free series.")
    return pd.Series(values, index=pd.DatetimeIndex(index, freq=freq),
                     name=y.name if y.name is not None else name)


def season_length(index: pd.DatetimeIndex) -> int:
    """Observations per year: 12 for a monthly index, 1 for an annual one.

    Examples
    --------
    >>> season_length(pd.date_range("2020-01-01", periods=3, freq="MS"))
    12
    """
    return 12 if index.freqstr == "MS" else 1


def future_index(index: pd.DatetimeIndex, horizon: int) -> pd.DatetimeIndex:
    """The ``horizon`` periods after the end of ``index``, same frequency.

    Examples
    --------
    >>> future_index(pd.date_range("2020-01-01", periods=3, freq="YS"), 2).year.tolist()
    [2023, 2024]
    """
    return pd.date_range(index[-1], periods=horizon + 1, freq=index.freq)[1:]


def balance_from_flows(flows: pd.DataFrame) -> pd.Series:
    """Normalised trade balance ``(X - M) / (X + M)`` from exports and imports.

    It lies in [-1, 1]: 0 is balanced trade, 1 only exports, -1 only imports.

    Examples
    --------
    >>> flows = pd.DataFrame({"exports": [3.0, 1.0], "imports": [1.0, 1.0]})
    >>> balance_from_flows(flows).tolist()
    [0.5, 0.0]
    """
    missing = [c for c in FLOW_COLUMNS if c not in flows.columns]
    if missing:
        raise ValueError(f"flows: expected columns {list(FLOW_COLUMNS)}, missing {missing}; "
                         f"found {list(flows.columns)}.")
    exports, imports = flows["exports"], flows["imports"]
    if (exports <= 0).any() or (imports <= 0).any():
        raise ValueError("flows: expected positive exports and imports (US dollars); found a "
                         "zero or negative value.")
    return normalised_balance(exports, imports).rename("balance")


def as_target(data: pd.Series | pd.DataFrame, name: str = "data") -> pd.Series:
    """The series a univariate model forecasts: the Series, or the balance of flows.

    A two-column DataFrame of ``exports`` and ``imports`` gives its normalised balance,
    so univariate models and the VECM are scored on the same quantity.

    Examples
    --------
    >>> idx = pd.date_range("2020", periods=3, freq="YS")
    >>> as_target(pd.DataFrame({"exports": [3.0, 2, 1], "imports": [1.0, 2, 3]}, idx)).tolist()
    [0.5, 0.0, -0.5]
    """
    if isinstance(data, pd.DataFrame):
        flows = prepare_flows(data, name)
        return balance_from_flows(flows)
    return prepare_series(data, name)


def prepare_flows(data: pd.DataFrame, name: str = "flows") -> pd.DataFrame:
    """Check a DataFrame of ``exports`` and ``imports`` and normalise its index."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{name}: expected a DataFrame with columns exports and imports, "
                        f"found {type(data).__name__}.")
    columns = {c: prepare_series(data[c], f"{name}['{c}']") for c in FLOW_COLUMNS
               if c in data.columns}
    frame = pd.DataFrame(columns)
    balance_from_flows(frame)  # checks columns and signs
    frame.index.freq = next(iter(columns.values())).index.freq
    return frame


def prepare_exog(exog: pd.Series | pd.DataFrame | None, index: pd.DatetimeIndex,
                 name: str = "exog") -> pd.DataFrame | None:
    """Exogenous regressors aligned on ``index`` (error if a period is missing)."""
    if exog is None:
        return None
    frame = exog.to_frame() if isinstance(exog, pd.Series) else exog.copy()
    frame.index = _as_datetime_index(frame.index, name)
    missing = index.difference(frame.index)
    if len(missing):
        raise ValueError(f"{name}: expected values for every period from {index[0].date()} "
                         f"to {index[-1].date()}, missing {missing[0].date()} "
                         f"({len(missing)} periods).")
    aligned = frame.reindex(index).astype(float)
    if not np.isfinite(aligned.to_numpy()).all():
        raise ValueError(f"{name}: expected finite numbers between {index[0].date()} and "
                         f"{index[-1].date()}, found a missing value.")
    return aligned


def step_dummy(index: pd.Index, start: str | int | pd.Timestamp, name: str | None = None
               ) -> pd.Series:
    """A 0/1 regressor that switches on at ``start`` (e.g. a 2022 sanctions break).

    Build it on the training index for ``exog`` and on the forecast periods for
    ``future_exog``.

    Examples
    --------
    >>> step_dummy(pd.Index([2020, 2021, 2022, 2023]), 2022).tolist()
    [0.0, 0.0, 1.0, 1.0]
    """
    dates = _as_datetime_index(index, "index")
    begin = pd.Timestamp(str(start)) if isinstance(start, int) else pd.Timestamp(start)
    label = name or f"step_{begin.year}" + ("" if begin.month == 1 else f"_{begin.month:02d}")
    return pd.Series((dates >= begin).astype(float), index=index, name=label)
