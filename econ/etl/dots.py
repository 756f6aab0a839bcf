"""IMF Direction of Trade Statistics: the annual workbooks, one per reporter.

Layout of each sheet (checked, not assumed): the used range starts at B2 with the title
(``Exports, FOB to Partner Countries`` or ``Imports, CIF from Partner Countries``); the
reporter's name is on row 4, the unit line ``US Dollars, Millions`` on row 5, the year
header on row 7 (years from column C), and one row per partner from row 8 with the
partner's name in column B.

Quirks handled:

* a cell is a number, empty (no data), or a text ``"<number> e"`` (``"1,247.27 e"`` with
  a thousands separator): an IMF estimate, kept as a value with ``is_estimate``;
* every sheet repeats its first partner row (``Australia``) lower down; identical
  repeats are dropped and recorded, a repeat with different numbers is an error;
* two workbooks can hold the same reporter (``DOTS_143`` and ``DOTS_144``, Nicaragua):
  identical content is kept once and recorded, different content is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ.etl._read import Sheet, display_path, lookup_codes, read_sheet
from econ.errors import RawDataError

if TYPE_CHECKING:
    from econ.refresh import BuildContext

__all__ = ["SHEETS", "build_bilateral_trade", "read_dots_workbook"]

#: sheet name -> (flow, valuation, title prefix)
SHEETS: dict[str, tuple[str, str, str]] = {
    "Exports, FOB": ("exports", "fob", "Exports, FOB to Partner Countries"),
    "Imports, CIF": ("imports", "cif", "Imports, CIF from Partner Countries"),
}
UNIT_LINE = "US Dollars, Millions"
USD_PER_UNIT = 1_000_000.0
_TITLE_ROW, _REPORTER_ROW, _UNIT_ROW, _HEADER_ROW = 2, 4, 5, 7  # worksheet rows, 1-based
_ESTIMATE = re.compile(r"^\s*(-?\d{1,3}(?:,\d{3})*(?:\.\d*)?|-?\d+(?:\.\d*)?)\s*e\s*$")


@dataclass(frozen=True)
class _Parsed:
    reporter: str
    frame: pd.DataFrame  # partner, flow, valuation, year, value_musd, is_estimate
    dropped_repeats: int


def _cell(sheet: Sheet, worksheet_row: int, column: int = 0) -> object:
    i = worksheet_row - 1 - sheet.first_row
    if i < 0 or i >= len(sheet.rows) or column >= len(sheet.rows[i]):
        return ""
    return sheet.rows[i][column]


def _check_layout(sheet: Sheet, title: str) -> tuple[str, list[int]]:
    """Check title, reporter, unit and year header; return reporter and years."""
    if (sheet.first_row, sheet.first_col) != (1, 1):
        found_at = f"the first used cell at row {sheet.first_row + 1}, column " \
                   f"{chr(65 + sheet.first_col)}"
        raise RawDataError(display_path(sheet.path), sheet=sheet.name,
                           expected="the title in cell B2", found=found_at,
                           hint="Is this an IMF DOTS annual workbook?")
    if str(_cell(sheet, _TITLE_ROW)).strip() != title:
        raise sheet.error(_TITLE_ROW - 2, 0, expected=f"the title '{title}'",
                          found=repr(_cell(sheet, _TITLE_ROW)),
                          hint="Is this an IMF DOTS annual workbook?")
    reporter = str(_cell(sheet, _REPORTER_ROW)).strip()
    if not reporter:
        raise sheet.error(_REPORTER_ROW - 2, 0, expected="the reporter's name", found="an empty cell")
    unit = str(_cell(sheet, _UNIT_ROW)).strip()
    if unit != UNIT_LINE:
        raise sheet.error(_UNIT_ROW - 2, 0, expected=f"the unit line '{UNIT_LINE}'",
                          found=repr(unit), hint="A unit change must be handled in the loader.")
    i = _HEADER_ROW - 2
    header = sheet.rows[i] if i < len(sheet.rows) else []
    years = []
    for j, value in enumerate(header[1:], start=1):
        text = str(value).strip()
        if text.endswith(".0"):
            text = text[:-2]
        if not (text.isdigit() and len(text) == 4):
            raise sheet.error(i, j, expected="the year header (four-digit years from column C)",
                              found=repr(value) if str(value).strip() else "an empty cell",
                              hint="Has the header row moved? Is this an IMF DOTS workbook?")
        years.append(int(text))
    if not years:
        raise sheet.error(i, None, expected="the year header (four-digit years from column C)",
                          found=repr(header[:3]))
    return reporter, years


def _parse_sheet(sheet: Sheet, flow: str, valuation: str, title: str) -> _Parsed:
    reporter, years = _check_layout(sheet, title)
    first = _HEADER_ROW - 1  # index in sheet.rows of the first partner row
    names: list[str] = []
    values: list[list[float]] = []
    estimates: list[list[bool]] = []
    lines: list[int] = []
    n_years = len(years)
    for i in range(first, len(sheet.rows)):
        row = sheet.rows[i]
        name = str(row[0]).strip()
        cells = list(row[1:n_years + 1]) + [""] * (n_years + 1 - len(row))
        if not name:
            if any(c != "" for c in cells):
                raise sheet.error(i, 0, expected="a partner name", found="an empty cell")
            continue
        parsed = []
        flags = []
        for j, cell in enumerate(cells, start=1):
            if cell == "" or cell is None:
                parsed.append(np.nan)
                flags.append(False)
            elif isinstance(cell, int | float) and not isinstance(cell, bool):
                parsed.append(float(cell))
                flags.append(False)
            else:
                match = _ESTIMATE.match(str(cell))
                if match is None:
                    raise sheet.error(i, j, expected="a number, an empty cell or an estimate "
                                      "like '12.3 e'", found=repr(cell))
                parsed.append(float(match.group(1).replace(",", "")))
                flags.append(True)
        names.append(name)
        values.append(parsed)
        estimates.append(flags)
        lines.append(i)
    wide = np.array(values, dtype="float64").reshape(len(names), n_years)
    flags = np.array(estimates, dtype=bool).reshape(len(names), n_years)
    names, wide, flags, dropped = _drop_repeated_rows(sheet, names, lines, wide, flags)
    filled = ~np.isnan(wide)
    row_idx, col_idx = np.nonzero(filled)
    frame = pd.DataFrame({
        "partner": np.asarray(names, dtype=object)[row_idx] if names else [],
        "flow": flow,
        "valuation": valuation,
        "year": np.asarray(years, dtype="int64")[col_idx],
        "value_musd": wide[row_idx, col_idx],
        "is_estimate": flags[row_idx, col_idx],
    })
    frame.attrs["partners"] = names
    return _Parsed(reporter, frame, dropped)


def _drop_repeated_rows(sheet: Sheet, names: list[str], lines: list[int], wide: np.ndarray,
                        flags: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray, int]:
    seen: dict[str, int] = {}
    keep = []
    for k, name in enumerate(names):
        if name in seen:
            j = seen[name]
            same = np.array_equal(wide[k], wide[j], equal_nan=True) and np.array_equal(
                flags[k], flags[j])
            if not same:
                raise sheet.error(lines[k], 0, expected=f"partner '{name}' once (or repeated "
                                  f"with the same numbers as row {sheet.first_row + lines[j] + 1})",
                                  found="a repeat with different numbers",
                                  hint="The workbook is inconsistent; report it upstream.")
            continue
        seen[name] = k
        keep.append(k)
    return [names[k] for k in keep], wide[keep], flags[keep], len(names) - len(keep)


def read_dots_workbook(path: Path) -> tuple[str, pd.DataFrame, int]:
    """Read one DOTS workbook (both sheets) into a long frame.

    Parameters
    ----------
    path : Path
        A ``DOTS_<n>.xlsx`` file.

    Returns
    -------
    reporter : str
        The reporter's IMF name (row 4; must agree between the sheets).
    frame : DataFrame
        ``partner, flow, valuation, year, value_musd, is_estimate`` for every non-empty
        cell, values in US dollars, millions, as in the workbook; ``frame.attrs
        ["partners"]`` lists every partner name, with or without data.
    dropped : int
        Repeated identical partner rows dropped.

    Raises
    ------
    RawDataError
        On a truncated file, a missing sheet, a moved header, a changed unit line, or a
        cell that is neither a number nor an estimate.
    """
    from econ.etl._read import _open_workbook

    book = _open_workbook(path)
    parts = []
    reporters = set()
    partners: list[str] = []
    dropped = 0
    for name, (flow, valuation, title) in SHEETS.items():
        parsed = _parse_sheet(read_sheet(path, name, workbook=book), flow, valuation, title)
        reporters.add(parsed.reporter)
        partners.extend(parsed.frame.attrs["partners"])
        parts.append(parsed.frame)
        dropped += parsed.dropped_repeats
    if len(reporters) != 1:
        raise RawDataError(display_path(path), row=_REPORTER_ROW,
                           expected="the same reporter on both sheets",
                           found=f"{sorted(reporters)}")
    frame = pd.concat(parts, ignore_index=True)
    frame.attrs["partners"] = sorted(set(partners))
    return reporters.pop(), frame, dropped


def _file_number(path: Path) -> int:
    digits = re.findall(r"\d+", path.stem)
    return int(digits[-1]) if digits else 0


def build_bilateral_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_imf_dots__yearly_bilateral_trade`` from every DOTS workbook."""
    aliases = ctx.table("core_codes__country_aliases")
    countries = ctx.table("core_codes__countries", columns=["iso3", "kind"])
    by_reporter: dict[str, tuple[Path, pd.DataFrame]] = {}
    dropped_total = 0
    for path in sorted(ctx.files(), key=_file_number):
        reporter, frame, dropped = read_dots_workbook(path)
        dropped_total += dropped
        if reporter in by_reporter:
            first_path, first = by_reporter[reporter]
            if not first[frame.columns].equals(frame):
                raise RawDataError(
                    display_path(path), row=_REPORTER_ROW,
                    expected=f"a reporter not already read from {display_path(first_path)}",
                    found=f"'{reporter}' again, with different numbers",
                    hint="Keep one of the two workbooks, or report the conflict upstream.",
                )
            ctx.note(f"{display_path(path)} repeats {display_path(first_path)} ('{reporter}') "
                     "cell for cell; loaded once")
            continue
        iso3 = lookup_codes([reporter], aliases, "imf", path=path)[0]
        lookup_codes(frame.attrs["partners"], aliases, "imf", path=path)  # every row, even empty
        frame["partner_iso3"] = lookup_codes(frame["partner"], aliases, "imf", path=path)
        frame["reporter_iso3"] = iso3
        frame["source_file"] = display_path(path)
        by_reporter[reporter] = (path, frame)
    if dropped_total:
        ctx.note(f"{dropped_total} partner rows repeated identically within a sheet (each sheet "
                 "repeats its first row, 'Australia') were dropped")
    table = pd.concat([f for _, f in by_reporter.values()], ignore_index=True)
    kinds = dict(zip(countries["iso3"], countries["kind"], strict=True))
    table["is_aggregate_partner"] = table["partner_iso3"].map(kinds).eq("group")
    table["value_usd"] = (table["value_musd"] * USD_PER_UNIT).round(0)
    return table[["reporter_iso3", "partner_iso3", "flow", "year", "valuation", "value_usd",
                  "is_estimate", "is_aggregate_partner", "source_file"]]
