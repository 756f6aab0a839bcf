"""Bank of Russia: goods exports and imports, balance-of-payments methodology (FOB).

Two publications, kept side by side with their ``vintage``:

* the Bank's own ``trade.xls`` (sheet ``f.trade``, Russian labels, USD million): the
  newest vintage among the one shipped (``cbr_trade_xls_vintage_20201111.xls``, last
  updated 11 November 2020) and those ``econ fetch cbr`` stored (the catalog passes only
  the newest). One sheet mixes annual rows
  ("1994 г."), quarterly rows ("I квартал 1994 г.") under year blocks ("1994 год") and
  monthly rows (month names, from 1997) under the same blocks. Columns are found by their
  headers: total, non-CIS ("дальнего зарубежья") and CIS for exports and for imports.
* ``operboard_current_20260724.json``: a third-party dashboard's copy of the same Bank
  of Russia series, monthly from 2021-01, in USD billion with three decimals (the Bank's
  USD-million integers). Only its ``exports`` and ``imports`` series are goods-only BoP
  figures and are read; the file's other series are not ours to publish.

Monthly, quarterly and annual rows go to separate tables, so nothing is double-counted.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import Sheet, display_path, read_sheet
from econ.etl._ru import normalise, parse_month, parse_updated

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = [
    "build_monthly_goods_trade",
    "build_quarterly_goods_trade",
    "build_yearly_goods_trade",
    "read_operboard_json",
    "read_trade_xls",
]

_XLS = "*.xls"  # the newest trade.xls among the inputs
_JSON = "cbr_external_trade_goods/operboard_current_20260724.json"
_SHEET = "f.trade"
_TITLE = "внешняя торговля российской федерации товарами"
_UNIT = "(млн долларов сша)"
_FLOW_HEADERS = {"exports": "экспорт товаров (фоб)", "imports": "импорт товаров (фоб)"}
_GROUP_HEADERS = {"world": "всего", "far_abroad": "со странами дальнего зарубежья",
                  "cis": "со странами снг"}
_YEAR = re.compile(r"^(\d{4}) г\.?$")
_BLOCK = re.compile(r"^(\d{4}) год$")
_QUARTER = re.compile(r"^(i|ii|iii|iv)\s+квартал\s+(\d{4}) г\.?$")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_JSON_UNIT = "млрд $"
USD_PER_MILLION = 1_000_000.0
USD_PER_BILLION = 1_000_000_000.0


def _find(sheet: Sheet, wanted: str, rows: range) -> tuple[int, int]:
    for i in rows:
        for j, cell in enumerate(sheet.rows[i] if i < len(sheet.rows) else []):
            if normalise(cell).startswith(wanted):
                return i, j
    raise sheet.error(rows.start, None, expected=f"a header cell '{wanted}' in rows "
                      f"{sheet.first_row + rows.start + 1}-{sheet.first_row + rows.stop}",
                      found="none", hint="Is this the Bank of Russia trade.xls?")


def _columns(sheet: Sheet) -> dict[tuple[str, str], int]:
    """(flow, partner_group) -> column index, found from the two header rows."""
    title = normalise(sheet.rows[0][0]) if sheet.rows else ""
    if not title.startswith(_TITLE):
        raise sheet.error(0, 0, expected=f"the title '{_TITLE}...'", found=repr(title))
    _find(sheet, _UNIT, range(0, 8))
    starts = {flow: _find(sheet, text, range(0, 8)) for flow, text in _FLOW_HEADERS.items()}
    out = {}
    for flow, (i, j) in starts.items():
        header = sheet.rows[i]
        # a flow's columns run to the next heading on its row (the next flow, the balance)
        stop = next((k for k in range(j + 1, len(header)) if normalise(header[k])),
                    len(header))
        sub = i + 2
        labels = {normalise(sheet.rows[sub][k]): k for k in range(j, stop)}
        for group, text in _GROUP_HEADERS.items():
            if text not in labels:
                raise sheet.error(sub, j, expected=f"the sub-header '{text}' under "
                                  f"'{_FLOW_HEADERS[flow]}'", found=f"{sorted(labels)}")
            out[(flow, group)] = labels[text]
    return out


def _value(sheet: Sheet, i: int, j: int) -> float:
    cell = sheet.rows[i][j]
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    raise sheet.error(i, j, expected="a number in USD million", found=repr(cell))


def read_trade_xls(path: Path) -> tuple[pd.DataFrame, date]:
    """Read the Bank of Russia ``trade.xls`` (sheet ``f.trade``).

    Returns
    -------
    frame : DataFrame
        ``frequency`` (``year``, ``quarter``, ``month``), ``period`` (first day of the
        year, quarter or month), ``flow``, ``partner_group`` (``world``, ``far_abroad``,
        ``cis``) and ``value_musd`` (USD million, as in the file).
    updated : date
        The "last updated" date printed in the sheet: the vintage.

    Raises
    ------
    RawDataError
        On a missing sheet or header, a label that is neither a year, a year block, a
        quarter nor a month, or a month before any year block.
    """
    sheet = read_sheet(path, _SHEET)
    columns = _columns(sheet)
    records = []
    block: int | None = None
    updated: date | None = None
    first_data = max(i for i, _ in (_find(sheet, t, range(0, 8))
                                    for t in _FLOW_HEADERS.values())) + 3
    for i in range(first_data, len(sheet.rows)):
        label = normalise(sheet.rows[i][0])
        frequency = None
        if not label:
            continue
        if label.startswith("примечание"):
            continue
        if label.startswith("дата последнего обновления"):
            updated = parse_updated(label)
            continue
        if match := _YEAR.match(label):
            frequency, period = "year", date(int(match.group(1)), 1, 1)
        elif match := _BLOCK.match(label):
            block = int(match.group(1))
            continue
        elif match := _QUARTER.match(label):
            quarter = _QUARTERS[match.group(1)]
            frequency, period = "quarter", date(int(match.group(2)), 3 * quarter - 2, 1)
        elif (month := parse_month(label)) is not None:
            if block is None:
                raise sheet.error(i, 0, expected="a year block ('1997 год') above the months",
                                  found=repr(sheet.rows[i][0]))
            frequency, period = "month", date(block, month, 1)
        else:
            raise sheet.error(i, 0, expected="a year ('1994 г.'), year block ('1994 год'), "
                              "quarter ('I квартал 1994 г.') or month name",
                              found=repr(sheet.rows[i][0]))
        for (flow, group), j in columns.items():
            records.append((frequency, period, flow, group, _value(sheet, i, j)))
    if updated is None:
        raise RawDataError(display_path(path), sheet=_SHEET,
                           expected="a line 'Дата последнего обновления: <date>'",
                           found="none", hint="The vintage must be known.")
    frame = pd.DataFrame(records, columns=["frequency", "period", "flow", "partner_group",
                                           "value_musd"])
    return frame, updated


def read_operboard_json(path: Path) -> tuple[pd.DataFrame, date]:
    """Read the ``exports`` and ``imports`` series of the dashboard JSON.

    Returns
    -------
    frame : DataFrame
        ``period`` (first day of the month), ``flow``, ``value_usd``.
    generated : date
        The file's ``generated_at`` date: the vintage.

    Raises
    ------
    RawDataError
        If a series is missing, is not monthly, is not in USD billion, or its dates and
        values do not pair up.
    """
    shown = display_path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RawDataError(shown, expected="a JSON document", found=f"unreadable ({exc})",
                           hint="The file may be truncated: copy it again.") from exc
    parts = []
    for flow in ("exports", "imports"):
        series = document.get("series", {}).get(flow)
        if not isinstance(series, dict):
            raise RawDataError(shown, expected=f"series '{flow}'",
                               found=f"series {sorted(document.get('series', {}))}")
        for key, wanted in (("unit", _JSON_UNIT), ("frequency", "monthly")):
            if series.get(key) != wanted:
                raise RawDataError(shown, column=f"series.{flow}.{key}",
                                   expected=repr(wanted), found=repr(series.get(key)))
        dates, values = series.get("dates", []), series.get("values", [])
        if len(dates) != len(values) or not dates:
            raise RawDataError(shown, column=f"series.{flow}",
                               expected="as many dates as values",
                               found=f"{len(dates)} dates and {len(values)} values")
        period = pd.to_datetime(pd.Series(dates), format="%Y-%m-%d", errors="coerce")
        bad = period.isna() | ~period.dt.is_month_end
        if bad.any():
            raise RawDataError(shown, column=f"series.{flow}.dates",
                               expected="month-end dates YYYY-MM-DD",
                               found=repr(dates[int(bad.idxmax())]))
        amounts = pd.to_numeric(pd.Series(values), errors="coerce")
        if amounts.isna().any():
            raise RawDataError(shown, column=f"series.{flow}.values", expected="numbers",
                               found=repr(values[int(amounts.isna().idxmax())]))
        parts.append(pd.DataFrame({
            "period": period.dt.to_period("M").dt.to_timestamp(),
            "flow": flow,
            "value_usd": (amounts * USD_PER_BILLION).round(0),
        }))
    generated = pd.to_datetime(document.get("generated_at"), errors="coerce")
    if pd.isna(generated):
        raise RawDataError(shown, column="generated_at", expected="an ISO timestamp",
                           found=repr(document.get("generated_at")))
    return pd.concat(parts, ignore_index=True), generated.date()


def _xls_rows(ctx: BuildContext, frequency: str) -> pd.DataFrame:
    (path,) = ctx.files(_XLS)
    frame, updated = read_trade_xls(path)
    ctx.note(f"{display_path(path)}: the Bank's workbook, last updated {updated}")
    rows = frame[frame["frequency"] == frequency]
    return pd.DataFrame({
        "period": pd.to_datetime(rows["period"]),
        "flow": rows["flow"],
        "partner_group": rows["partner_group"],
        "value_usd": rows["value_musd"] * USD_PER_MILLION,
        "vintage": updated.isoformat(),
        "source": "cbr_trade_xls",
    })


def build_monthly_goods_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_cbr__monthly_goods_trade`` from both vintages."""
    xls = _xls_rows(ctx, "month")
    dashboard, generated = read_operboard_json(ctx.file(_JSON))
    dashboard = dashboard.assign(partner_group="world", vintage=generated.isoformat(),
                                 source="operboard_json")
    ctx.note("2021 onward comes from a third-party dashboard's copy of the Bank of Russia "
             "series (operboard JSON), not from the Bank's own file")
    return pd.concat([xls, dashboard[xls.columns]], ignore_index=True)


def build_quarterly_goods_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_cbr__quarterly_goods_trade`` (period = first day of the quarter)."""
    return _xls_rows(ctx, "quarter")


def build_yearly_goods_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_cbr__yearly_goods_trade``."""
    rows = _xls_rows(ctx, "year")
    rows.insert(0, "year", rows.pop("period").dt.year)
    return rows
