"""econ.analysis.periods: months summed into complete years; the last unbroken run."""

from __future__ import annotations

import pandas as pd
from inline import table

from econ.analysis.periods import complete_years, last_contiguous


def test_complete_years_sum_twelve_months_and_leave_out_a_short_year() -> None:
    """2020: twelve months of 1 and 2 -> 12 and 24; 2021 lacks December: left out, not a
    smaller total."""
    months = pd.DataFrame({"period": pd.date_range("2020-01-01", "2021-11-01", freq="MS")})
    months["a"] = 1.0
    months["b"] = 2.0
    years = complete_years(months, ["a", "b"])
    assert years.to_dict("index") == {2020: {"a": 12.0, "b": 24.0}}


def test_complete_years_count_distinct_months_not_rows() -> None:
    """Two rows for January and none for December are eleven months, not twelve."""
    months = table("""
        period,value
        2020-01-01,1
        2020-01-01,1
        2020-02-01,1
        2020-03-01,1
        2020-04-01,1
        2020-05-01,1
        2020-06-01,1
        2020-07-01,1
        2020-08-01,1
        2020-09-01,1
        2020-10-01,1
        2020-11-01,1
        """)
    assert complete_years(months, ["value"]).empty


def test_last_contiguous_years() -> None:
    rows = table("""
        year,value
        2005,5
        2000,0
        2001,1
        2003,3
        2004,4
        """)
    assert last_contiguous(rows, "year")["year"].tolist() == [2003, 2004, 2005]
    assert last_contiguous(rows[rows.year <= 2001], "year")["value"].tolist() == [0, 1]


def test_last_contiguous_months_across_a_year_end() -> None:
    """November 2020 to January 2021 is one run; the gap before it (September) breaks."""
    rows = table("""
        period,value
        2020-08-01,1
        2020-09-01,2
        2020-11-01,3
        2020-12-01,4
        2021-01-01,5
        """)
    assert last_contiguous(rows, "period")["value"].tolist() == [3, 4, 5]


def test_last_contiguous_of_nothing_is_nothing() -> None:
    empty = table("year,value\n")
    assert last_contiguous(empty, "year").empty
