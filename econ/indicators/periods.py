"""Monthly values summed into calendar years, only where the year is complete."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["complete_years"]


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
