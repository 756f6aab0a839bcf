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

from econ._parallel import map_in_workers
from econ.errors import RawDataError
from econ.etl._read import CodeLookup, Sheet, display_path, open_workbook, read_sheet
from econ.names import COUNTRIES, COUNTRY_ALIASES

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["SHEETS", "DotsWorkbook", "build_bilateral_trade", "read_dots_workbook"]

#: sheet name -> (flow, valuation, title prefix)
SHEETS: dict[str, tuple[str, str, str]] = {
    "Exports, FOB": ("exports", "fob", "Exports, FOB to Partner Countries"),
    "Imports, CIF": ("imports", "cif", "Imports, CIF from Partner Countries"),
}
UNIT_LINE = "US Dollars, Millions"
USD_PER_UNIT = 1_000_000.0
_TITLE_ROW, _REPORTER_ROW, _UNIT_ROW, _HEADER_ROW = 2, 4, 5, 7  # worksheet rows, 1-based
_ESTIMATE = re.compile(r"^\s*(-?\d{1,3}(?:,\d{3})*(?:\.\d*)?|-?\d+(?:\.\d*)?)\s*e\s*$")


_FLOWS = tuple(flow for flow, _, _ in SHEETS.values())
_VALUATIONS = tuple(valuation for _, valuation, _ in SHEETS.values())


@dataclass(frozen=True)
class _Parsed:
    reporter: str
    names: list[str]  # partner rows kept, with or without data
    row: np.ndarray  # per non-empty cell: index into names
    year: np.ndarray
    value_musd: np.ndarray
    is_estimate: np.ndarray
    dropped_repeats: int


@dataclass(frozen=True)
class DotsWorkbook:
    """One DOTS workbook, both sheets, as flat arrays (one element per non-empty cell).

    Arrays of small integer codes, not strings, so that workbooks read in worker
    processes travel back cheaply.

    Attributes
    ----------
    reporter : str
        The reporter's IMF name (row 4 of both sheets).
    partners : tuple of str
        Every partner row's name, with or without data.
    partner_code : numpy.ndarray
        Per non-empty cell, index into ``partners``.
    flow_code : numpy.ndarray
        Per non-empty cell, index into ``("exports", "imports")``.
    year, value_musd, is_estimate : numpy.ndarray
        Per non-empty cell: year, value in US dollars, millions (as in the workbook),
        and the IMF estimate flag.
    dropped_repeats : int
        Repeated identical partner rows dropped.
    """

    reporter: str
    partners: tuple[str, ...]
    partner_code: np.ndarray
    flow_code: np.ndarray
    year: np.ndarray
    value_musd: np.ndarray
    is_estimate: np.ndarray
    dropped_repeats: int

    def to_frame(self) -> pd.DataFrame:
        """``partner, flow, valuation, year, value_musd, is_estimate`` as a DataFrame."""
        return pd.DataFrame({
            "partner": np.array(self.partners, dtype=object)[self.partner_code],
            "flow": np.array(_FLOWS, dtype=object)[self.flow_code],
            "valuation": np.array(_VALUATIONS, dtype=object)[self.flow_code],
            "year": self.year,
            "value_musd": self.value_musd,
            "is_estimate": self.is_estimate,
        })

    def same_data(self, other: DotsWorkbook) -> bool:
        """True when both workbooks hold the same cells."""
        return self.partners == other.partners and all(
            np.array_equal(getattr(self, a), getattr(other, a))
            for a in ("partner_code", "flow_code", "year", "value_musd", "is_estimate"))


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
        raise sheet.error(_REPORTER_ROW - 2, 0, expected="the reporter's name",
                          found="an empty cell")
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


def _parse_cells(sheet: Sheet, block: np.ndarray, first: int) -> tuple[np.ndarray, np.ndarray]:
    """Values and estimate flags of the data block (rows of cells after the name column)."""
    flat = pd.Series(block.ravel())
    values = pd.to_numeric(flat, errors="coerce").to_numpy(dtype="float64", copy=True)
    empty = (flat == "").to_numpy() | flat.isna().to_numpy()
    text = np.isnan(values) & ~empty
    flags = np.zeros(len(flat), dtype=bool)
    if text.any():
        candidates = flat[text].astype(str)
        parsed = candidates.str.extract(_ESTIMATE, expand=False)
        bad = parsed.isna().to_numpy()
        if bad.any():
            k = int(np.flatnonzero(text)[np.flatnonzero(bad)[0]])
            i, j = divmod(k, block.shape[1])
            raise sheet.error(first + i, j + 1, expected="a number, an empty cell or an "
                              "estimate like '12.3 e'", found=repr(flat.iloc[k]))
        values[text] = pd.to_numeric(parsed.str.replace(",", "", regex=False)).to_numpy()
        flags[text] = True
    return values.reshape(block.shape), flags.reshape(block.shape)


def _parse_sheet(sheet: Sheet, title: str) -> _Parsed:
    reporter, years = _check_layout(sheet, title)
    first = _HEADER_ROW - 1  # index in sheet.rows of the first partner row
    n_years = len(years)
    rows = [r[: n_years + 1] + [""] * (n_years + 1 - len(r)) for r in sheet.rows[first:]]
    grid = np.array(rows, dtype=object).reshape(len(rows), n_years + 1)
    names_all = np.array([str(v).strip() for v in grid[:, 0]], dtype=object)
    wide, flags = _parse_cells(sheet, grid[:, 1:], first)
    blank = names_all == ""
    if (blank & (~np.isnan(wide)).any(axis=1)).any():
        i = int(np.flatnonzero(blank & (~np.isnan(wide)).any(axis=1))[0])
        raise sheet.error(first + i, 0, expected="a partner name", found="an empty cell")
    lines = [first + i for i in np.flatnonzero(~blank).tolist()]
    names, wide, flags, dropped = _drop_repeated_rows(
        sheet, list(names_all[~blank]), lines, wide[~blank], flags[~blank])
    row_idx, col_idx = np.nonzero(~np.isnan(wide))
    return _Parsed(reporter, names, row_idx, np.asarray(years, dtype="int64")[col_idx],
                   wide[row_idx, col_idx], flags[row_idx, col_idx], dropped)


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


def read_dots_workbook(path: Path) -> DotsWorkbook:
    """Read one DOTS workbook (both sheets).

    Parameters
    ----------
    path : Path
        A ``DOTS_<n>.xlsx`` file.

    Returns
    -------
    DotsWorkbook
        Every non-empty cell, values in US dollars, millions, as in the workbook;
        ``.to_frame()`` gives a DataFrame.

    Raises
    ------
    RawDataError
        On a truncated file, a missing sheet, a moved header, a changed unit line, or a
        cell that is neither a number nor an estimate.

    Examples
    --------
    >>> book = read_dots_workbook(Path("data/raw/imf_dots_annual_xlsx/DOTS_162.xlsx"))
    ... # doctest: +SKIP
    >>> book.reporter  # doctest: +SKIP
    'Russian Federation'
    """
    book = open_workbook(path)
    parts = [_parse_sheet(read_sheet(path, name, workbook=book), title)
             for name, (_, _, title) in SHEETS.items()]
    reporters = {p.reporter for p in parts}
    if len(reporters) != 1:
        raise RawDataError(display_path(path), row=_REPORTER_ROW,
                           expected="the same reporter on both sheets",
                           found=f"{sorted(reporters)}")
    partners = tuple(sorted({n for p in parts for n in p.names}))
    index = {name: k for k, name in enumerate(partners)}
    return DotsWorkbook(
        reporter=reporters.pop(),
        partners=partners,
        partner_code=np.concatenate([
            np.array([index[n] for n in p.names], dtype=np.int32)[p.row]
            if p.names else np.array([], dtype=np.int32) for p in parts]),
        flow_code=np.concatenate([np.full(len(p.year), k, dtype=np.int8)
                                  for k, p in enumerate(parts)]),
        year=np.concatenate([p.year for p in parts]),
        value_musd=np.concatenate([p.value_musd for p in parts]),
        is_estimate=np.concatenate([p.is_estimate for p in parts]),
        dropped_repeats=sum(p.dropped_repeats for p in parts),
    )


def _file_number(path: Path) -> int:
    digits = re.findall(r"\d+", path.stem)
    return int(digits[-1]) if digits else 0


def _read_all(paths: list[Path]) -> list[DotsWorkbook]:
    """Read the workbooks, in worker processes when there are many.

    Each workbook is independent and xlsx parsing is CPU-bound (the reader holds the
    GIL), so the work is spread over the machine's cores; results come back in the order
    of ``paths``.
    """
    folders = sorted({display_path(p.parent) for p in paths})
    return map_in_workers(read_dots_workbook, paths, what=", ".join(folders))


def build_bilateral_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_imf_dots__yearly_bilateral_trade`` from every DOTS workbook."""
    imf = CodeLookup(ctx.table(COUNTRY_ALIASES), "imf")
    countries = ctx.table(COUNTRIES, columns=["iso3", "kind"])
    groups = countries.loc[countries["kind"] == "group", "iso3"].to_numpy()
    paths = sorted(ctx.files(), key=_file_number)
    kept: dict[tuple[str, str], tuple[Path, DotsWorkbook]] = {}
    for path, book in zip(paths, _read_all(paths), strict=True):
        key = (book.reporter, path.parent.name)  # one reporter per folder (= vintage)
        if key in kept:
            first_path, first = kept[key]
            if not first.same_data(book):
                raise RawDataError(
                    display_path(path), row=_REPORTER_ROW,
                    expected=f"a reporter not already read from {display_path(first_path)}",
                    found=f"'{book.reporter}' again, with different numbers",
                    hint="Keep one of the two workbooks, or report the conflict upstream.",
                )
            ctx.note(f"{display_path(path)} repeats {display_path(first_path)} "
                     f"('{book.reporter}') cell for cell; loaded once")
            continue
        imf.check([book.reporter, *book.partners], path=path)  # rows with no data too
        kept[key] = (path, book)
    books = [book for _, book in kept.values()]
    if any(folder != "imf_dots_annual_xlsx" for _, folder in kept):
        ctx.note("reporter WLD appears in DOTS_221.xlsx (to 2020) and in the World-partner "
                 "file (to 2022); rows are told apart by source_file")
    dropped = sum(b.dropped_repeats for b in books)
    if dropped:
        ctx.note(f"{dropped} partner rows repeated identically within a sheet (each sheet "
                 "repeats its first row, 'Australia') were dropped")
    return _assemble(books, [display_path(p) for p, _ in kept.values()], imf.mapping, groups)


def _categorical(codes: np.ndarray, labels: list[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=pd.Index(labels, dtype=object))


def _recode(codes: np.ndarray, names: list[str], mapping: dict[str, str]
            ) -> tuple[np.ndarray, list[str]]:
    """Codes into ``names`` -> codes into the sorted distinct ``mapping`` values."""
    labels = sorted({mapping[n] for n in names})
    position = {label: k for k, label in enumerate(labels)}
    return np.array([position[mapping[n]] for n in names], dtype=np.int32)[codes], labels


def _assemble(books: list[DotsWorkbook], files: list[str], iso3: dict[str, str],
              groups: np.ndarray) -> pd.DataFrame:
    """One frame from all workbooks; text columns as categoricals (cheap to build)."""
    lengths = [len(b.year) for b in books]
    names = sorted({n for b in books for n in b.partners})
    index = {name: k for k, name in enumerate(names)}
    partner, partner_labels = _recode(
        np.concatenate([np.array([index[n] for n in b.partners], dtype=np.int32)[b.partner_code]
                        for b in books]), names, iso3)
    book = np.repeat(np.arange(len(books), dtype=np.int32), lengths)
    reporter, reporter_labels = _recode(book, [b.reporter for b in books], iso3)
    flow = np.concatenate([b.flow_code for b in books])
    is_group = np.isin(np.array(partner_labels, dtype=object), groups)
    return pd.DataFrame({
        "reporter_iso3": _categorical(reporter, reporter_labels),
        "partner_iso3": _categorical(partner, partner_labels),
        "flow": _categorical(flow, list(_FLOWS)),
        "year": np.concatenate([b.year for b in books]),
        "valuation": _categorical(flow, list(_VALUATIONS)),
        "value_usd": (np.concatenate([b.value_musd for b in books]) * USD_PER_UNIT).round(0),
        "is_estimate": np.concatenate([b.is_estimate for b in books]),
        "is_aggregate_partner": is_group[partner],
        "source_file": _categorical(book, files),
    })
