"""Observatory of Economic Complexity downloads: Russia-China trade and tariffs by HS4.

Two trade downloads:

* ``exports_russia_to_china_2018_2023.csv``: Russia's exports to China (complete; OEC's
  totals equal BACI's);
* ``exports_bilateral_hs4_2018_2023.csv``: OEC's "compare" table with ``Russia's Exports``
  (to China) and ``China's Exports`` (to Russia). Its Russia column leaves out crude oil
  (HS 2709) and is incomplete: its rows carry a caveat and ``source`` tells them apart.

The tariff download has one row per heading and year with the year's values in the
columns ``Tariff <y>`` and ``Imports (USD) <y>`` (the other years' columns empty).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import display_path, numeric_column, pad_hs, read_csv_checked

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["INCOMPLETE_RUSSIA_COLUMN", "build_hs4_tariffs", "build_hs4_trade"]

INCOMPLETE_RUSSIA_COLUMN = (
    "OEC 'compare' download: the Russia-to-China column omits crude oil (HS 2709) and is "
    "incomplete; use source 'exports_russia_to_china'"
)
_KEYS = ["Section", "HS4 ID", "HS4", "Year"]


def _trade_rows(raw: pd.DataFrame, path: Path, value_column: str, exporter: str,
                importer: str, source: str, caveat: str) -> pd.DataFrame:
    return pd.DataFrame({
        "year": numeric_column(raw, "Year", path).astype("int64"),
        "exporter_iso3": exporter,
        "importer_iso3": importer,
        "hs4": pad_hs(raw["HS4 ID"], 4, path, "HS4 ID"),
        "source": source,
        "description": raw["HS4"],
        "section": raw["Section"],
        "value_usd": numeric_column(raw, value_column, path),
        "caveat": caveat,
    })


def build_hs4_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_oec__yearly_hs4_trade`` from both OEC trade downloads."""
    path = ctx.file("oec/exports_russia_to_china_2018_2023.csv")
    value = "Exports from Russia to China (USD)"
    single = read_csv_checked(path, required=[*_KEYS, value])
    parts = [_trade_rows(single, path, value, "RUS", "CHN", "exports_russia_to_china", "")]
    path = ctx.file("oec/exports_bilateral_hs4_2018_2023.csv")
    both = read_csv_checked(path, required=[*_KEYS, "Russia's Exports", "China's Exports"])
    parts.append(_trade_rows(both, path, "Russia's Exports", "RUS", "CHN", "bilateral_compare",
                             INCOMPLETE_RUSSIA_COLUMN))
    parts.append(_trade_rows(both, path, "China's Exports", "CHN", "RUS", "bilateral_compare",
                             ""))
    ctx.note(INCOMPLETE_RUSSIA_COLUMN)
    return pd.concat(parts, ignore_index=True)


def build_hs4_tariffs(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_oec__yearly_hs4_tariffs``: one row per heading and year."""
    path = ctx.files()[0]
    raw = read_csv_checked(path, required=_KEYS)
    years = numeric_column(raw, "Year", path).astype("int64")
    parts = []
    for year in sorted(years.unique()):
        rows = raw[years == year]
        wanted = [f"Tariff {year}", f"Imports (USD) {year}"]
        missing = [c for c in wanted if c not in raw.columns]
        if missing:
            raise RawDataError(display_path(path), row=1, expected=f"columns {wanted} for the "
                               f"rows of year {year}", found=f"columns {list(raw.columns)}")
        others = [c for c in raw.columns if c.startswith(("Tariff ", "Imports (USD) "))
                  and c not in wanted]
        stray = rows[others].notna().any(axis=1)
        if stray.any():
            raise RawDataError(display_path(path), row=int(stray.idxmax()) + 2,
                               expected=f"values only in the {year} columns for a {year} row",
                               found="values in another year's columns")
        parts.append(pd.DataFrame({
            "year": year,
            "importer_iso3": "RUS",
            "exporter_iso3": "CHN",
            "hs4": pad_hs(rows["HS4 ID"], 4, path, "HS4 ID"),
            "description": rows["HS4"],
            "tariff_pct": numeric_column(rows, wanted[0], path),
            "value_usd": numeric_column(rows, wanted[1], path),
        }))
    return pd.concat(parts, ignore_index=True)
