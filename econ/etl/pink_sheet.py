"""World Bank Commodity Price Data (the Pink Sheet), monthly: energy prices.

``CMO-Historical-Data-Monthly.xlsx``, sheet of monthly prices (found by its subtitle
``monthly prices in nominal US dollars``): a title block, the ``Updated on ...`` line,
then a header row of commodity names, a row of units (``($/bbl)``), and one row per
month (``1960M01``). Only the energy columns are loaded, each found by its header text
and checked against its unit; missing values are written ``…`` or ``...``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import Sheet, display_path, read_sheets

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["MARKERS", "SERIES", "UNITS", "build_monthly_commodity_prices", "read_pink_sheet"]

#: Pink Sheet header (footnote stars removed) -> (econ commodity, unit)
SERIES: dict[str, tuple[str, str]] = {
    "Crude oil, average": ("crude_oil_average", "USD/bbl"),
    "Crude oil, Brent": ("crude_oil_brent", "USD/bbl"),
    "Crude oil, Dubai": ("crude_oil_dubai", "USD/bbl"),
    "Crude oil, WTI": ("crude_oil_wti", "USD/bbl"),
    "Coal, Australian": ("coal_australia", "USD/t"),
    "Coal, South African": ("coal_south_africa", "USD/t"),
    "Natural gas, US": ("natural_gas_us", "USD/mmbtu"),
    "Natural gas, Europe": ("natural_gas_europe", "USD/mmbtu"),
    "Liquefied natural gas, Japan": ("lng_japan", "USD/mmbtu"),
    "Natural gas index": ("natural_gas_index", "index, 2010=100"),
}
#: unit line as printed -> econ unit
UNITS: dict[str, str] = {"($/bbl)": "USD/bbl", "($/mt)": "USD/t", "($/mmbtu)": "USD/mmbtu",
                         "(2010=100)": "index, 2010=100"}
MARKERS: dict[str, float] = {"…": np.nan, "...": np.nan}
_SUBTITLE = "monthly prices in nominal us dollars"
_MONTH = re.compile(r"^(\d{4})M(\d{2})$")


def _name(text: str) -> str:
    return re.sub(r"[\s*]+$", "", text)


def _prices_sheet(path: Path) -> Sheet:
    sheets = read_sheets(path)
    found = [s for s in sheets if any(s.text(i, 0).lower().startswith(_SUBTITLE)
                                      for i in range(min(4, len(s.rows))))]
    if len(found) != 1:
        raise RawDataError(display_path(path), expected=f"one sheet subtitled '{_SUBTITLE}...'",
                           found=f"{len(found)}; the workbook's sheets are "
                           f"{[s.name for s in sheets]}",
                           hint="Is this the World Bank CMO historical monthly workbook?")
    return found[0]


def read_pink_sheet(path: Path) -> tuple[pd.DataFrame, str]:
    """Monthly energy prices and the ``Updated on`` line of a Pink Sheet workbook.

    Returns
    -------
    frame : DataFrame
        ``period, commodity, description, value, unit``; months with ``…`` are left out.
    updated : str
        The workbook's ``Updated on ...`` line.

    Raises
    ------
    RawDataError
        If the sheet, an energy column or the first month cannot be found, a unit line
        changed, a month label is garbled, or a price is neither a number nor ``…``.

    Examples
    --------
    >>> frame, updated = read_pink_sheet(Path("CMO-Historical-Data-Monthly.xlsx"))
    ... # doctest: +SKIP
    """
    sheet = _prices_sheet(path)
    header = next((i for i in range(min(10, len(sheet.rows)))
                   if any(_name(sheet.text(i, j)) in SERIES for j in range(len(sheet.rows[i])))),
                  None)
    if header is None:
        raise sheet.error(0, None, expected=f"a header row with {list(SERIES)}", found="none",
                          hint="Has the header moved?")
    names = {_name(sheet.text(header, j)): j for j in range(len(sheet.rows[header]))}
    missing = [s for s in SERIES if s not in names]
    if missing:
        raise sheet.error(header, None, expected=f"columns {list(SERIES)}",
                          found=f"{list(names)[:12]}... (missing {missing})",
                          hint="Was a column renamed?")
    first = header + 2
    rows = [i for i in range(first, len(sheet.rows)) if sheet.text(i, 0)]
    periods = []
    for i in rows:
        match = _MONTH.match(sheet.text(i, 0))
        if match is None or not 1 <= int(match.group(2)) <= 12:
            raise sheet.error(i, 0, expected="a month like '1960M01'",
                              found=repr(sheet.cell(i, 0)))
        periods.append(pd.Timestamp(int(match.group(1)), int(match.group(2)), 1))
    repeated = pd.Series(periods).duplicated()
    if repeated.any():
        i = rows[int(repeated.to_numpy().argmax())]
        raise sheet.error(i, 0, expected="each month once", found=f"{sheet.text(i, 0)} again")
    parts = []
    for series, (commodity, unit) in SERIES.items():
        j = names[series]
        if UNITS.get(sheet.text(header + 1, j)) != unit:
            raise sheet.error(header + 1, j, expected=f"the unit of {series!r}, "
                              f"{next(k for k, v in UNITS.items() if v == unit)}",
                              found=repr(sheet.text(header + 1, j)),
                              hint="A unit change must be handled in econ/etl/pink_sheet.py.")
        values = sheet.numbers(rows, [j], markers=MARKERS)[:, 0]
        parts.append(pd.DataFrame({"period": periods, "commodity": commodity,
                                   "description": series, "value": values, "unit": unit}))
    updated = next((sheet.text(i, 0) for i in range(header)
                    if sheet.text(i, 0).lower().startswith("updated")), "")
    return pd.concat(parts, ignore_index=True).dropna(subset=["value"]), updated


def build_monthly_commodity_prices(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_worldbank__monthly_commodity_prices`` from the newest workbook.

    The catalog passes only that one; its file and ``Updated on`` line are noted.
    """
    (path,) = ctx.files()
    frame, updated = read_pink_sheet(path)
    ctx.note(f"{display_path(path)}: {updated or 'no Updated on line'}")
    return frame
