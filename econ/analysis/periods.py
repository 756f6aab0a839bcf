"""Monthly values summed into calendar years, only where the year is complete."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["complete_years", "last_contiguous"]


def complete_years(frame: pd.DataFrame, columns: Sequence[str], *,
                   period: str = "period") -> pd.DataFrame:
    """Sum ``columns`` over each calendar year that has all twelve months.

    A year with a missing month is left out rather than reported as a smaller total.

    Parameters
    ----------
    frame : DataFrame
        One row per month, ``period`` the first day of the month.
    columns : sequence of str
        Columns to sum.
    period : str
        Name of the month column.

    Returns
    -------
    DataFrame
        Indexed by ``year``, one column per summed column.

    Examples
    --------
    >>> months = pd.DataFrame({"period": pd.date_range("2020-01-01", periods=14, freq="MS"),
    ...                        "value_usd": 1.0})
    >>> complete_years(months, ["value_usd"])["value_usd"].to_dict()
    {2020: 12.0}
    """
    years = frame[period].dt.year.rename("year")
    grouped = frame.groupby(years)
    sums = grouped[list(columns)].sum()
    return sums[grouped[period].nunique() == 12]


def last_contiguous(frame: pd.DataFrame, time: str) -> pd.DataFrame:
    """The rows of the last unbroken run of consecutive years or months.

    ``time`` is ``"year"`` (integers) or ``"period"`` (first days of months).

    Examples
    --------
    >>> rows = pd.DataFrame({"year": [2000, 2001, 2003, 2004, 2005]})
    >>> last_contiguous(rows, "year")["year"].tolist()
    [2003, 2004, 2005]
    """
    ordered = frame.sort_values(time)
    values = ordered[time]
    steps = (values.diff() if time == "year" else
             (values.dt.year * 12 + values.dt.month).diff())
    breaks = (steps != 1).cumsum()
    return ordered[breaks == breaks.iloc[-1]] if len(ordered) else ordered
