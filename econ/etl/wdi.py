"""World Bank World Development Indicators: GDP (bulk CSV) and the API extract.

The bulk CSV (``API_NY.GDP.MKTP.CD_DS2_en_csv_v2_<n>.csv``) has a 4-line preamble
(data source, last-updated date) before its header and one column per year. Each bulk
release replaces the last: the table reads the newest (the one shipped in
``worldbank_wdi/``, or the latest ``econ fetch wdi`` stored in
``worldbank_wdi/<Last Updated Date>/``) and notes its file and date. The API extract
(``worldbank_russia_china_raw.csv``, pulled with ``wbdata``) has one row per country
name and year and one column per indicator; it fills GDP only where the bulk file has no
value (2024 in the shipped release), and its other indicators form their own table.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.errors import RawDataError
from econ.etl._read import display_path, lookup_codes, numeric_column, read_csv_checked

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["EXTRACT_INDICATORS", "build_gdp", "build_macro_indicators", "last_updated",
           "read_bulk_csv"]

#: the bulk file among a table's inputs (the catalog passes only the newest release)
_BULK = "API_NY.GDP.MKTP.CD_*.csv"
_EXTRACT = "worldbank_wdi/worldbank_russia_china_raw.csv"
_PREAMBLE_LINES = 4
#: extract column -> (WDI indicator code, unit)
EXTRACT_INDICATORS: dict[str, tuple[str, str]] = {
    "GDP_current_USD": ("NY.GDP.MKTP.CD", "USD"),
    "GDP_growth_annual_percent": ("NY.GDP.MKTP.KD.ZG", "percent"),
    "Inflation_consumer_prices_percent": ("FP.CPI.TOTL.ZG", "percent"),
    "Exports_percent_GDP": ("NE.EXP.GNFS.ZS", "percent of GDP"),
    "Imports_percent_GDP": ("NE.IMP.GNFS.ZS", "percent of GDP"),
    "FDI_net_inflows_USD": ("BX.KLT.DINV.CD.WD", "USD"),
    "Exchange_rate_LCU_per_USD": ("PA.NUS.FCRF", "LCU per USD"),
}


def read_bulk_csv(path: Path, indicator: str) -> pd.DataFrame:
    """Read a WDI bulk CSV into ``iso3, year, value``, checking the preamble and indicator.

    Raises
    ------
    RawDataError
        If the preamble is not the WDI one, the header has moved, or the file holds
        another indicator.
    """
    first = path.read_text(encoding="utf-8-sig").splitlines()[:1]
    if not first or not first[0].startswith('"Data Source","World Development Indicators"'):
        raise RawDataError(display_path(path), row=1,
                           expected='the WDI preamble "Data Source","World Development '
                           'Indicators"', found=repr(first[0][:60] if first else ""),
                           hint="Is this a World Bank bulk CSV?")
    raw = read_csv_checked(path, required=["Country Code", "Indicator Code"],
                           skiprows=_PREAMBLE_LINES, encoding="utf-8-sig")
    other = raw[raw["Indicator Code"] != indicator]
    if not other.empty:
        raise RawDataError(display_path(path), row=_PREAMBLE_LINES + int(other.index[0]) + 2,
                           column="Indicator Code", expected=repr(indicator),
                           found=repr(other["Indicator Code"].iloc[0]))
    years = [c for c in raw.columns if c.isdigit()]
    if not years:
        raise RawDataError(display_path(path), row=_PREAMBLE_LINES + 1,
                           expected="year columns (1960, 1961, ...)",
                           found=f"columns {list(raw.columns)[:8]}")
    parts = [pd.DataFrame({"iso3": raw["Country Code"].str.strip(), "year": int(y),
                           "value": numeric_column(raw, y, path,
                                                   header_lines=_PREAMBLE_LINES + 1)})
             for y in years]
    return pd.concat(parts, ignore_index=True).dropna(subset=["value"])


def last_updated(path: Path) -> date | None:
    """The ``Last Updated Date`` of a WDI bulk CSV's preamble (None if it has none)."""
    head = path.read_text(encoding="utf-8-sig", errors="replace")[:1000]
    match = re.search(r'"Last Updated Date","(\d{4}-\d{2}-\d{2})"', head)
    return date.fromisoformat(match.group(1)) if match else None


def _read_extract(ctx: BuildContext) -> pd.DataFrame:
    path = ctx.file(_EXTRACT)
    raw = read_csv_checked(path, required=["country", "date", *EXTRACT_INDICATORS])
    aliases = ctx.table(names.COUNTRY_ALIASES)
    parts = []
    iso3 = lookup_codes(raw["country"], aliases, "wb_name", path=path)
    year = numeric_column(raw, "date", path).astype("int64")
    for column, (code, unit) in EXTRACT_INDICATORS.items():
        parts.append(pd.DataFrame({"iso3": iso3, "year": year, "indicator": code,
                                   "value": numeric_column(raw, column, path), "unit": unit}))
    return pd.concat(parts, ignore_index=True).dropna(subset=["value"])


def build_gdp(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_wdi__yearly_gdp``: bulk values, the extract only where bulk has none."""
    aliases = ctx.table(names.COUNTRY_ALIASES)
    (path,) = ctx.files(_BULK)
    ctx.note(f"bulk CSV {display_path(path)}, Last Updated Date {last_updated(path)}")
    bulk = read_bulk_csv(path, "NY.GDP.MKTP.CD")
    lookup_codes(bulk["iso3"].unique(), aliases, "wb", path=path, what="code")
    bulk = bulk.rename(columns={"value": "gdp_usd"}).assign(source="wdi_bulk")
    extract = _read_extract(ctx)
    extract = extract[extract["indicator"] == "NY.GDP.MKTP.CD"]
    extract = extract.rename(columns={"value": "gdp_usd"}).assign(source="wb_api_extract")
    have = set(zip(bulk["iso3"], bulk["year"], strict=True))
    fill = extract[[(i, y) not in have for i, y in zip(extract["iso3"], extract["year"],
                                                          strict=True)]]
    if not fill.empty:
        ctx.note(f"{len(fill)} GDP values from the API extract where the bulk CSV has none: "
                 + ", ".join(f"{i} {y}" for i, y in zip(fill["iso3"], fill["year"], strict=True)))
    columns = ["iso3", "year", "gdp_usd", "source"]
    return pd.concat([bulk[columns], fill[columns]], ignore_index=True)


def build_macro_indicators(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_wdi__yearly_macro_indicators``: the extract's other indicators."""
    extract = _read_extract(ctx)
    return extract[extract["indicator"] != "NY.GDP.MKTP.CD"].reset_index(drop=True)
