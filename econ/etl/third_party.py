"""Monthly China-Russia two-way trade compiled by a third party (not publisher format).

``derived_third_party/monthly_trade_2017_2024.csv`` has ``date, value, yuan_share``.
``value`` is China-reported two-way goods trade with Russia in US dollars. ``yuan_share``
is a placeholder constant and is deliberately not loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import display_path, numeric_column, read_csv_checked

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["build_monthly_total_trade"]


def build_monthly_total_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_third_party__monthly_total_trade`` (without ``yuan_share``)."""
    path = ctx.files()[0]
    raw = read_csv_checked(path, required=["date", "value"])
    period = pd.to_datetime(raw["date"], format="%Y-%m-%d", errors="coerce")
    bad = period.isna() | (period.dt.day != 1)
    if bad.any():
        raise RawDataError(display_path(path), row=int(bad.idxmax()) + 2, column="date",
                           expected="the first day of a month as YYYY-MM-01",
                           found=repr(raw["date"][bad].iloc[0]))
    if "yuan_share" in raw.columns:
        ctx.note("column 'yuan_share' is a placeholder constant in the source and was not loaded")
    return pd.DataFrame({"period": period, "value_usd": numeric_column(raw, "value", path)})
