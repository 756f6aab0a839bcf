"""Russia's Federal Customs Service (FCS) totals and Rosstat's compilations of FCS data.

Customs values are CIF-type for imports, not balance-of-payments values. The files differ
in layout, unit and basis; every row keeps its ``basis`` and ``source_file``:

* ``with_additions``: FCS "Общие итоги" part 1 (``fcs_web_utsa_04_*``): customs data plus
  fish caught at sea, bunker fuel, goods brought in by individuals and estimated EAEU
  trade (the footnotes marked * and ** in the file);
* ``customs_only``: part 2 of the same files ("не включая ..."), cumulative and monthly,
  and the non-CIS ("дальнего зарубежья") table ``fcs_web_utsa_05_*``;
* ``customs_statistics``: the annual FCS publications and their Rosstat compilation
  (``fcs_publikatsiya_tstv_2022``, ``rosstat_94itog_*``, ``fcs_strany_*``,
  ``fcs_struktura_*``), a later revision that matches neither of the above exactly
  (2021 imports: 293,531 against 293,420 customs-only and 296,086 with additions).

``months`` counts the months from January a value covers (12 = full year; the 2024
tables cover January-April and January-September). In ``fcs_web_utsa_05`` the 2022 columns
are zero after January because FCS stopped publishing: months with a zero monthly value
after the last published month are treated as not published, not as zero trade.
Units are USD million, except the ``strany``/``struktura`` tables (USD billion).

A file's layout is told by its name (:func:`layout_of`): the names given to the files
shipped with econ (``fcs_web_utsa_04_*``) or the names FCS publishes them under, which
``econ fetch russia_customs`` keeps (``WEB_UTSA_04.xlsx``, ``страны092024.xlsx``).
Every publication is read and keeps its ``source_file``; analyses take the newest
publication (largest ``vintage``) of each value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import CodeLookup, Sheet, display_path, open_workbook, read_sheet
from econ.etl._ru import normalise, parse_month, parse_period_label
from econ.names import COUNTRY_ALIASES

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = [
    "LAYOUTS",
    "build_monthly_partner_trade",
    "build_monthly_trade_totals",
    "build_yearly_partner_trade",
    "build_yearly_trade_totals",
    "layout_of",
]

USD_PER_MILLION = 1_000_000.0
USD_PER_BILLION = 1_000_000_000.0
_FLOWS = {"экспорт": "exports", "импорт": "imports"}
_GROUPS = {"весь мир": "world", "всего": "world", "европа": "europe", "азия": "asia",
           "африка": "africa", "америка": "america", "океания": "oceania",
           "со странами дальнего зарубежья": "far_abroad", "со странами снг": "cis"}
_YEAR_HEADER = re.compile(r"^(\d{4})\s+год$")
#: layout -> file names that have it: as shipped with econ, or as FCS (Rosstat) publish them
LAYOUTS: dict[str, re.Pattern[str]] = {
    "utsa_04": re.compile(r"^(fcs_)?web_utsa_04", re.IGNORECASE),
    "utsa_05": re.compile(r"^(fcs_)?web_utsa_05", re.IGNORECASE),
    "tstv": re.compile(r"^(fcs_publikatsiya_tstv|публикациятств)", re.IGNORECASE),
    "strany": re.compile(r"^(fcs_strany|страны)", re.IGNORECASE),
    "struktura": re.compile(r"^(fcs_struktura|структура)", re.IGNORECASE),
    "94itog": re.compile(r"94itog", re.IGNORECASE),
}
_Record = tuple[int, int, str, str, str, float]  # year, months, flow, group, basis, USD
#: Rosstat's markers for "no data" (empty cell, and an ellipsis: not available)
_NOT_AVAILABLE = ("", "…", "...")


def layout_of(path: Path) -> str:
    """The layout (a key of :data:`LAYOUTS`) of an FCS or Rosstat table, from its name.

    Raises
    ------
    RawDataError
        If the name is none econ knows the layout of.

    Examples
    --------
    >>> layout_of(Path("russia_fcs_customs/2026-07-01/WEB_UTSA_04.xlsx"))
    'utsa_04'
    >>> layout_of(Path("fcs_strany_092024.xlsx")), layout_of(Path("страны122023.xlsx"))
    ('strany', 'strany')
    """
    found = [layout for layout, name in LAYOUTS.items() if name.search(path.name)]
    if not found:
        raise RawDataError(display_path(path), expected="a table econ knows the layout of, "
                           f"named like {sorted(p.pattern for p in LAYOUTS.values())}",
                           found=f"the name {path.name!r}",
                           hint="Name the file as FCS publishes it (e.g. WEB_UTSA_04.xlsx).")
    return found[0]


def _number(sheet: Sheet, i: int, j: int) -> float:
    cell = sheet.rows[i][j] if j < len(sheet.rows[i]) else ""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    raise sheet.error(i, j, expected="a number", found=repr(cell) if cell != "" else "empty")


def _only_sheet(path: Path) -> Sheet:
    names = open_workbook(path).sheet_names
    if len(names) != 1:
        raise RawDataError(display_path(path), expected="one sheet", found=f"sheets {names}")
    return read_sheet(path, names[0])


def _row_index(sheet: Sheet, predicate: object, what: str, start: int = 0) -> int:
    for i in range(start, len(sheet.rows)):
        if any(predicate(normalise(c)) for c in sheet.rows[i]):  # type: ignore[operator]
            return i
    raise RawDataError(display_path(sheet.path), sheet=sheet.name, expected=what,
                       found="no such row", hint="Has the layout of the FCS table changed?")


def _require_unit(sheet: Sheet, unit: str) -> None:
    _row_index(sheet, lambda c: unit in c, f"the unit '{unit}'")


# ------------------------------------------------------------------ WEB_UTSA_04 / _05


def _year_columns(sheet: Sheet, i: int) -> dict[int, dict[str, int]]:
    """Year -> {flow -> column} from a '2020 год' header row and the flow row below."""
    years = {j: int(m.group(1)) for j, c in enumerate(sheet.rows[i])
             if (m := _YEAR_HEADER.match(normalise(c)))}
    if len(years) < 2:
        raise sheet.error(i, None, expected="two year headers like '2020 год'",
                          found=repr([c for c in sheet.rows[i] if c != ""]))
    out: dict[int, dict[str, int]] = {}
    starts = sorted(years)
    for k, j in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else j + 3
        labels = {normalise(sheet.rows[i + 1][c]): c for c in range(j, stop)}
        missing = [f for f in _FLOWS if f not in labels]
        if missing:
            raise sheet.error(i + 1, j, expected=f"columns {list(_FLOWS)} under "
                              f"'{years[j]} год'", found=f"{sorted(labels)}")
        out[years[j]] = {flow: labels[text] for text, flow in _FLOWS.items()}
    return out


def _block(sheet: Sheet, marker: str) -> tuple[dict[int, dict[str, int]], list[int]]:
    """Columns and data rows of a block under a spaced-out marker ('В С Е Г О')."""
    start = _row_index(sheet, lambda c: c.replace(" ", "") == marker, f"the block '{marker}'")
    header = _row_index(sheet, lambda c: bool(_YEAR_HEADER.match(c)), "a year header row",
                        start)
    columns = _year_columns(sheet, header)
    rows: list[int] = []
    for i in range(header + 2, len(sheet.rows)):
        if normalise(sheet.rows[i][0]):
            rows.append(i)
        elif rows:  # the first blank label after the data ends the block
            break
    return columns, rows


def _published_months(sheet: Sheet, columns: dict[int, dict[str, int]],
                      rows: list[int]) -> dict[int, int]:
    """Months published per year: up to the last month whose values are not all zero."""
    out = {}
    for year, cols in columns.items():
        last = 0
        for i in rows:
            month = parse_month(sheet.rows[i][0])
            if month and any(_number(sheet, i, j) != 0 for j in cols.values()):
                last = max(last, month)
        out[year] = last
    return out


#: WEB_UTSA layout -> (partner group, spaced-out title of its cumulative block)
_UTSA = {"utsa_04": ("world", "всего"), "utsa_05": ("far_abroad", "страныдальнегозарубежья")}


def _utsa(sheet: Sheet) -> tuple[list[_Record], list[tuple[date, str, str, float]]]:
    """Cumulative totals and monthly values of a WEB_UTSA table (customs only)."""
    _require_unit(sheet, "(миллионов долларов)")
    group, marker = _UTSA[layout_of(sheet.path)]
    columns, cumulative = _block(sheet, marker)
    month_columns, monthly = _block(sheet, "помесяцам")
    published = _published_months(sheet, month_columns, monthly)
    totals: list[_Record] = []
    for i in cumulative:
        span = parse_period_label(sheet.rows[i][0])
        if span is None:
            raise sheet.error(i, 0, expected="a cumulative label 'Январь-...'",
                              found=repr(sheet.rows[i][0]))
        for year, cols in columns.items():
            if span[0] <= published[year]:
                for flow, j in cols.items():
                    totals.append((year, span[0], flow, group, "customs_only",
                                   _number(sheet, i, j) * USD_PER_MILLION))
    months = []
    for i in monthly:
        month = parse_month(sheet.rows[i][0])
        if month is None:
            raise sheet.error(i, 0, expected="a month name", found=repr(sheet.rows[i][0]))
        for year, cols in month_columns.items():
            if month <= published[year]:
                for flow, j in cols.items():
                    months.append((date(year, month, 1), flow, group,
                                   _number(sheet, i, j) * USD_PER_MILLION))
    return totals, months


def _with_additions(sheet: Sheet) -> list[_Record]:
    """Part 1 of WEB_UTSA_04: full-year totals including the additions."""
    header = _row_index(sheet, lambda c: (parse_period_label(c) or (0, None))[1] is not None,
                        "a header 'Январь-декабрь <year> г.'")
    spans = {j: (span[0], span[1]) for j, c in enumerate(sheet.rows[header])
             if (span := parse_period_label(c)) is not None and span[1] is not None}
    records: list[_Record] = []
    for i in range(header + 1, header + 6):
        label = normalise(sheet.rows[i][0]).rstrip("*")
        if label not in _FLOWS:
            continue
        for j, (months, year) in spans.items():
            records.append((year, months, _FLOWS[label], "world", "with_additions",
                            _number(sheet, i, j) * USD_PER_MILLION))
    if len(records) != 2 * len(spans):
        raise sheet.error(header + 1, 0, expected="rows 'ЭКСПОРТ*' and 'ИМПОРТ**'",
                          found="fewer")
    return records


# ------------------------------------------------------------------ publications


def _two_period_table(sheet: Sheet, unit: str, scale: float, groups: bool) -> list[_Record]:
    """Tables with an 'Экспорт'/'Импорт' header over period columns (strany, struktura)."""
    _require_unit(sheet, unit)
    flow_row = _row_index(sheet, lambda c: c == "экспорт", "a header row 'Экспорт'")
    period_row = flow_row + 1
    flows = {j: _FLOWS[normalise(c)] for j, c in enumerate(sheet.rows[flow_row])
             if normalise(c) in _FLOWS}
    records: list[_Record] = []
    starts = sorted(flows)
    for i in range(period_row + 1, len(sheet.rows)):
        label = normalise(sheet.rows[i][0])
        group = _GROUPS.get(label)
        if group is None or (not groups and group != "world"):
            continue
        for k, j in enumerate(starts):
            stop = starts[k + 1] if k + 1 < len(starts) else len(sheet.rows[period_row])
            for c in range(j, stop):
                span = parse_period_label(sheet.rows[period_row][c])
                if span is None:
                    continue
                if span[1] is None:
                    raise sheet.error(period_row, c, expected="a period with its year",
                                      found=repr(sheet.rows[period_row][c]))
                records.append((span[1], span[0], flows[j], group, "customs_statistics",
                                 _number(sheet, i, c) * scale))
    if not any(r[3] == "world" for r in records):
        raise sheet.error(period_row + 1, 0, expected="a world total row ('Весь мир' or "
                          "'Всего')", found="none")
    return records


def _tstv(sheet: Sheet) -> list[_Record]:
    """The FCS publication: 'ВСЕГО' row under 'Январь - декабрь <year> г.' columns."""
    _require_unit(sheet, "(миллионов долларов сша)")
    period_row = _row_index(sheet, lambda c: (parse_period_label(c) or (0, None))[1]
                            is not None, "a header 'Январь - декабрь <year> г.'")
    flow_row = period_row + 1
    total = _row_index(sheet, lambda c: c == "всего", "a row 'ВСЕГО'", flow_row)
    records: list[_Record] = []
    span = None
    for j, cell in enumerate(sheet.rows[period_row]):
        span = parse_period_label(cell) or (span if not str(cell).strip() else None)
        flow = _FLOWS.get(normalise(sheet.rows[flow_row][j]))
        if span is not None and span[1] is not None and flow is not None:
            records.append((span[1], span[0], flow, "world", "customs_statistics",
                            _number(sheet, total, j) * USD_PER_MILLION))
    return records


def _rosstat_years(path: Path) -> Iterator[tuple[Sheet, int]]:
    book = open_workbook(path)
    years = [s for s in book.sheet_names if re.fullmatch(r"\d{4}", s)]
    if not years:
        raise RawDataError(display_path(path), expected="one sheet per year ('1994', ...)",
                           found=f"sheets {book.sheet_names}")
    for name in years:
        sheet = read_sheet(path, name, workbook=book)
        _require_unit(sheet, "(млн долларов сша)")
        year_row = _row_index(sheet, lambda c, year=name: c.replace(".0", "") == year,
                              f"the year {name} in the header")
        yield sheet, year_row


def _rosstat_rows(path: Path) -> Iterator[tuple[int, str, str | None, float, Sheet, int]]:
    """(year, flow, group or None for a country row, USD, sheet, row) of 94itog."""
    for sheet, year_row in _rosstat_years(path):
        year = int(sheet.name)
        flow = None
        for i in range(year_row + 1, len(sheet.rows)):
            label = normalise(sheet.rows[i][0])
            if not label:
                continue
            if label in _FLOWS:
                flow = _FLOWS[label]
                yield year, flow, "world", _number(sheet, i, 1) * USD_PER_MILLION, sheet, i
            elif flow is None:
                raise sheet.error(i, 0, expected="'Экспорт' or 'Импорт' first",
                                  found=repr(sheet.rows[i][0]))
            else:
                yield (year, flow, _GROUPS.get(label), _number(sheet, i, 1) * USD_PER_MILLION,
                       sheet, i)


# ------------------------------------------------------------------ builders


def _frame(records: list[_Record], source: str) -> pd.DataFrame:
    """Rows of one file, with its vintage: the latest period the publication covers."""
    frame = pd.DataFrame(records, columns=["year", "months", "flow", "partner_group",
                                           "basis", "value_usd"])
    latest = frame.sort_values(["year", "months"]).iloc[-1]
    return frame.assign(source_file=source,
                        vintage=f"{int(latest.year)}-{int(latest.months):02d}")


def _total_records(path: Path, layout: str) -> list[_Record]:
    """The yearly (and year-to-date) totals of one table of a known layout."""
    if layout == "94itog":
        return [(y, 12, f, g, "customs_statistics", v)
                for y, f, g, v, _, _ in _rosstat_rows(path) if g is not None]
    sheet = _only_sheet(path)
    if layout == "utsa_04":
        return _with_additions(sheet) + _utsa(sheet)[0]
    if layout == "utsa_05":
        return _utsa(sheet)[0]
    if layout == "tstv":
        return _tstv(sheet)
    return _two_period_table(sheet, "(млрд. долл. сша)", USD_PER_BILLION, layout == "strany")


def build_yearly_trade_totals(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_fcs__yearly_trade_totals`` from every FCS and Rosstat table."""
    parts = []
    for path in ctx.files():
        parts.append(_frame(_total_records(path, layout_of(path)), display_path(path)))
    ctx.note("bases: with_additions (FCS totals incl. fish at sea, bunker fuel, individuals, "
             "EAEU estimates), customs_only, customs_statistics (annual FCS publications and "
             "Rosstat's compilation); compare values only within one basis")
    return pd.concat(parts, ignore_index=True)


def build_monthly_trade_totals(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_fcs__monthly_trade_totals``: customs-only months of WEB_UTSA."""
    parts = []
    for path in ctx.files():
        months = _utsa(_only_sheet(path))[1]
        frame = pd.DataFrame(months, columns=["period", "flow", "partner_group", "value_usd"])
        period = pd.to_datetime(frame["period"])
        parts.append(frame.assign(period=period, basis="customs_only",
                                  source_file=display_path(path),
                                  vintage=period.max().strftime("%Y-%m")))
    return pd.concat(parts, ignore_index=True)


def build_yearly_partner_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_fcs__yearly_partner_trade``: the CIS partner rows of 94itog.

    From the newest copy; the catalog passes only that one.
    """
    fcs = CodeLookup(ctx.table(COUNTRY_ALIASES), "fcs")
    (path,) = ctx.files()
    rows = [(y, f, str(sheet.rows[i][0]), v) for y, f, g, v, sheet, i in _rosstat_rows(path)
            if g is None]
    frame = pd.DataFrame(rows, columns=["year", "flow", "name", "value_usd"])
    return pd.DataFrame({
        "year": frame["year"],
        "partner_iso3": fcs(frame["name"].map(normalise), path=path),
        "flow": frame["flow"],
        "value_usd": frame["value_usd"],
        "source_file": display_path(path),
    })


def _partner_sheet(path: Path, name: str, fcs: CodeLookup) -> pd.DataFrame:
    sheet = read_sheet(path, name)
    _require_unit(sheet, "(млн доллалов сша)")  # sic: the file misspells "долларов"
    header = _row_index(sheet, lambda c: c == "китай", "a header row with 'Китай'")
    partners = {j: c for j, c in enumerate(sheet.rows[header]) if j > 0 and str(c).strip()}
    iso3 = dict(zip(partners, fcs([normalise(c) for c in partners.values()], path=path),
                    strict=True))
    records = []
    year = None
    for i in range(header + 1, len(sheet.rows)):
        cell = sheet.rows[i][0]
        if isinstance(cell, float) and cell.is_integer() and 1990 < cell < 2100:
            year = int(cell)
            continue
        month = parse_month(cell)
        if month is None:
            if str(cell).strip():
                raise sheet.error(i, 0, expected="a year or a month name", found=repr(cell))
            continue
        if year is None:
            raise sheet.error(i, 0, expected="a year row above the months", found=repr(cell))
        for j, code in iso3.items():
            if sheet.rows[i][j] in _NOT_AVAILABLE:
                continue
            records.append((date(year, month, 1), code, _number(sheet, i, j)))
    frame = pd.DataFrame(records, columns=["period", "partner_iso3", "value_musd"])
    return frame


def build_monthly_partner_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_fcs__monthly_partner_trade``: Russia's trade with 29 main partners.

    From the newest copy of 96stran; the catalog passes only that one.
    """
    fcs = CodeLookup(ctx.table(COUNTRY_ALIASES), "fcs")
    (path,) = ctx.files()
    ctx.note(f"{display_path(path)}: Rosstat's compilation of FCS data by main partner")
    parts = []
    for sheet, flow in (("Экспорт", "exports"), ("Импорт", "imports")):
        frame = _partner_sheet(path, sheet, fcs)
        parts.append(pd.DataFrame({
            "period": pd.to_datetime(frame["period"]),
            "partner_iso3": frame["partner_iso3"],
            "flow": flow,
            "value_usd": frame["value_musd"] * USD_PER_MILLION,
        }))
    return pd.concat(parts, ignore_index=True)
