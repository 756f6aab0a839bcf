"""Reading raw files with errors that name the file, sheet, row and column.

Shared by every loader: an xlsx reader (python-calamine, chosen by measurement, see
``benchmarks/refresh.py``), a CSV reader that checks the header, and number parsing
that knows each source's text markers.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from econ import names
from econ.errors import RawDataError, column_letter

__all__ = [
    "CodeLookup",
    "Sheet",
    "check_codes",
    "check_known",
    "check_pattern",
    "check_unique",
    "display_path",
    "lookup_codes",
    "numeric_column",
    "open_workbook",
    "pad_hs",
    "read_csv_checked",
    "read_sheet",
    "read_sheets",
    "sheet_names",
]


def display_path(path: Path) -> str:
    """Path as messages show it: relative to ``data/raw`` when it lies there."""
    parts = path.parts
    for i in range(len(parts) - 1, 0, -1):
        if parts[i] == "raw" and parts[i - 1] == "data":
            return "/".join(parts[i + 1:])
    return str(path)


@dataclass(frozen=True)
class Sheet:
    """The used range of one worksheet, with its position for error messages.

    Attributes
    ----------
    path : Path
    name : str
    rows : list of list
        Cell values of the used range (``""`` for empty cells).
    first_row, first_col : int
        0-based position of ``rows[0][0]`` in the worksheet.
    """

    path: Path
    name: str
    rows: list[list[Any]]
    first_row: int
    first_col: int

    def where(self, i: int, j: int | None = None) -> dict[str, Any]:
        """Keyword arguments locating ``rows[i][j]`` for :class:`RawDataError`."""
        place: dict[str, Any] = {"sheet": self.name, "row": self.first_row + i + 1}
        if j is not None:
            place["column"] = column_letter(self.first_col + j)
        return place

    def error(self, i: int, j: int | None = None, **kwargs: Any) -> RawDataError:
        """A :class:`RawDataError` located at ``rows[i][j]``."""
        return RawDataError(display_path(self.path), **self.where(i, j), **kwargs)

    def cell(self, i: int, j: int) -> Any:
        """``rows[i][j]``, or ``""`` outside the used range."""
        if 0 <= i < len(self.rows) and 0 <= j < len(self.rows[i]):
            return self.rows[i][j]
        return ""

    def text(self, i: int, j: int) -> str:
        """Cell ``(i, j)`` as text with runs of whitespace collapsed (``""`` when empty)."""
        value = self.cell(i, j)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return " ".join(str(value).split())

    def numbers(self, rows: Sequence[int], columns: Sequence[int], *,
                markers: Mapping[str, float]) -> np.ndarray:
        """Numbers in ``rows`` x ``columns`` (indices into :attr:`rows`) as a float array.

        Empty cells are NaN; a text cell must be one of the publisher's ``markers``
        (``{"-": 0.0, "n/a": nan}``) and takes the marker's value.

        Raises
        ------
        RawDataError
            At the first cell that is neither a number, empty, nor a marker, naming
            sheet, row and column.

        Examples
        --------
        >>> sheet.numbers([4, 5], [1, 2], markers={"-": 0.0})  # doctest: +SKIP
        array([[1.5, 0. ], [2. , 3. ]])
        """
        width = max(columns, default=-1) + 1
        grid = np.empty((len(rows), width), dtype=object)
        grid[:] = ""
        for k, i in enumerate(rows):
            cells = self.rows[i][:width]
            grid[k, : len(cells)] = cells
        flat = grid[:, list(columns)].ravel()
        values = pd.to_numeric(pd.Series(flat), errors="coerce").to_numpy(dtype="float64",
                                                                          copy=True)
        for k in np.flatnonzero(np.isnan(values) & (flat != "")).tolist():  # text cells only
            text = " ".join(str(flat[k]).split())
            if text and text not in markers:
                i, j = divmod(int(k), len(columns))
                raise self.error(
                    rows[i], columns[j],
                    expected=f"a number, an empty cell or one of the markers {list(markers)}",
                    found=repr(flat[k]),
                    hint="Add a marker to the loader only if the publisher documents it.")
            values[k] = markers[text] if text else np.nan
        return np.asarray(values.reshape(len(rows), len(columns)), dtype="float64")


def open_workbook(path: Path) -> CalamineWorkbook:
    """Open an xlsx/xls workbook, or raise :class:`RawDataError` saying what is wrong."""
    if not path.is_file():
        raise RawDataError(display_path(path), expected="a workbook file", found="no file",
                           hint="Copy it byte-for-byte from ../shared/data/raw.")
    if path.stat().st_size == 0:
        raise RawDataError(display_path(path), expected="a workbook", found="an empty file",
                           hint="Copy it again from ../shared/data/raw.")
    if path.suffix.lower() == ".xlsx" and not zipfile.is_zipfile(path):
        raise RawDataError(
            display_path(path), expected="an xlsx workbook (a zip archive)",
            found="a file that is not a complete zip archive (truncated or not xlsx)",
            hint="Copy it again byte-for-byte from ../shared/data/raw.",
        )
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise RawDataError(display_path(path), expected="a readable workbook",
                           found=f"a file the xlsx reader rejects ({exc})",
                           hint="Copy it again byte-for-byte from ../shared/data/raw.") from exc


def sheet_names(path: Path) -> list[str]:
    """Worksheet names of a workbook."""
    return list(open_workbook(path).sheet_names)


def read_sheet(path: Path, sheet: str, *, workbook: CalamineWorkbook | None = None) -> Sheet:
    """Read the used range of one worksheet.

    Raises
    ------
    RawDataError
        If the file is missing, empty, truncated, not a workbook, or has no such sheet.
    """
    book = workbook if workbook is not None else open_workbook(path)
    if sheet not in book.sheet_names:
        raise RawDataError(display_path(path), expected=f"a sheet named '{sheet}'",
                           found=f"sheets {list(book.sheet_names)}",
                           hint="Was the sheet renamed or the wrong file copied?")
    try:
        data = book.get_sheet_by_name(sheet)
        rows = data.to_python()
        start = data.start or (0, 0)
    except Exception as exc:
        raise RawDataError(display_path(path), sheet=sheet, expected="readable cells",
                           found=f"an error from the xlsx reader ({exc})",
                           hint="The workbook may be truncated: copy it again.") from exc
    return Sheet(path, sheet, rows, int(start[0]), int(start[1]))


def read_sheets(path: Path) -> list[Sheet]:
    """Read every worksheet of a workbook, in workbook order.

    For loaders that find their sheets by content rather than by name.

    Raises
    ------
    RawDataError
        If the file is missing, empty, truncated or not a workbook.
    """
    book = open_workbook(path)
    return [read_sheet(path, name, workbook=book) for name in book.sheet_names]


def _check_complete_rows(raw: bytes, shown: str, *, skiprows: int, encoding: str) -> None:
    """Fail on a row with fewer fields than the header, naming its line.

    pandas pads short rows with missing values, so a file cut inside a row would load
    with the row's tail silently missing (a cut inside a value column drops the columns
    after it). A cut inside the *last* field keeps the field count and cannot be told
    from a file published without a final newline (several are); the manifest's size
    and sha256, checked before any loader runs, are the guard for that case.
    """
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RawDataError(shown, expected=f"{encoding} text", found=f"undecodable bytes "
                           f"({exc.reason} at byte {exc.start})", hint="The file may be "
                           "truncated or not CSV.") from exc
    lines = text.splitlines(keepends=True)
    rows = list(csv.reader(line.rstrip("\r\n") for line in lines[skiprows:]))
    if not rows:
        return
    width = len(rows[0])
    for number, row in enumerate(rows[1:], start=skiprows + 2):
        if row and len(row) < width:
            raise RawDataError(shown, row=number, expected=f"{width} fields as in the header",
                               found=f"{len(row)} field(s) {row[-1:]!r} at the end",
                               hint="The file was cut or a row is incomplete: copy it "
                               "again from ../shared/data/raw.")


def read_csv_checked(
    path: Path,
    *,
    required: Sequence[str],
    skiprows: int = 0,
    dtype: Any = str,
    encoding: str = "utf-8",
    **kwargs: Any,
) -> pd.DataFrame:
    """Read a CSV file and check that its header holds the ``required`` columns.

    All columns are read as text by default so that each loader parses numbers with
    :func:`numeric_column`, which reports the line of a bad value.

    Raises
    ------
    RawDataError
        If the file is missing or empty, a row has fewer fields than the header, the
        last line was cut (see :func:`_check_complete_rows`), or a required column is
        absent.
    """
    shown = display_path(path)
    if not path.is_file():
        raise RawDataError(shown, expected="a CSV file", found="no file",
                           hint="Copy it byte-for-byte from ../shared/data/raw.")
    raw = path.read_bytes()
    if not raw.strip():
        raise RawDataError(shown, expected=f"a CSV header with {list(required)}",
                           found="an empty file", hint="Copy it again from ../shared/data/raw.")
    _check_complete_rows(raw, shown, skiprows=skiprows, encoding=encoding)
    try:
        frame = pd.read_csv(io.BytesIO(raw), skiprows=skiprows, dtype=dtype,
                            encoding=encoding, keep_default_na=False, na_values=[""],
                            **kwargs)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise RawDataError(shown, expected="a well-formed CSV file",
                           found=f"a parse error ({exc})",
                           hint="The file may be truncated or not CSV.") from exc
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise RawDataError(
            shown, row=skiprows + 1, expected=f"columns {list(required)}",
            found=f"columns {list(frame.columns)} (missing {missing})",
            hint="Was a column renamed, or the header moved to another line?",
        )
    return frame


def numeric_column(
    frame: pd.DataFrame,
    column: str,
    path: Path,
    *,
    markers: Mapping[str, float] | None = None,
    header_lines: int = 1,
    thousands: str | None = None,
) -> pd.Series:
    """Parse a text column as numbers, mapping documented text markers.

    Parameters
    ----------
    frame : DataFrame
        As read by :func:`read_csv_checked` (text columns).
    column : str
    path : Path
        The file, for messages.
    markers : mapping, optional
        Text values that stand for a number or for missing (``{"-": nan}``).
    header_lines : int
        Lines above the first data row, to report file line numbers.
    thousands : str, optional
        Thousands separator to remove (``","`` for "19,121,826").

    Raises
    ------
    RawDataError
        Naming the line and column of the first value that is neither a number, empty,
        nor a documented marker.
    """
    raw = frame[column]
    values = pd.to_numeric(raw, errors="coerce").astype("float64")
    parsed = values.notna()
    # pandas' fast parser may miss the nearest double by one unit in the last place, and
    # differently across versions; Python's float() rounds correctly
    values[parsed] = np.array([float(v) for v in raw[parsed]], dtype="float64")
    failed = values.isna() & raw.notna()
    if not failed.any():
        return values
    text = raw[failed].astype(str).str.strip()
    if thousands:
        text = text.str.replace(thousands, "", regex=False)
    known = text.isin(list(markers)) if markers else pd.Series(False, index=text.index)
    retried = pd.to_numeric(text.where(~known), errors="coerce")
    if markers:
        retried = retried.where(~known, text.map(lambda v: markers.get(v, np.nan)))
    bad = retried.isna() & ~known & (text != "")
    if bad.any():
        position = int(frame.index.get_loc(bad.idxmax()))
        raise RawDataError(
            display_path(path), row=header_lines + position + 1, column=column,
            expected="a number" + (f" or one of the markers {list(markers)}" if markers else ""),
            found=repr(raw.iloc[position]),
            hint="Fix the loader's marker list only if the publisher documents this value.",
        )
    values[failed] = retried.astype("float64")
    return values


class CodeLookup:
    """Map one source's country names or codes to ISO3 via ``core_codes__country_aliases``.

    Parameters
    ----------
    aliases : DataFrame
        The alias table (``source, key, iso3, first_year, last_year``).
    source : str
        Which source's keys these are (``imf``, ``baci``, ``cow``, ...).
    what : str
        How messages call a key ("name", "code").

    Examples
    --------
    >>> imf = CodeLookup(aliases, "imf")  # doctest: +SKIP
    >>> imf(frame["partner"], path=path)  # doctest: +SKIP
    """

    def __init__(self, aliases: pd.DataFrame, source: str, *, what: str = "name") -> None:
        self.table = aliases[aliases["source"] == source]
        self.source = source
        self.what = what
        timeless = self.table[self.table["first_year"].isna() & self.table["last_year"].isna()]
        self.mapping = dict(zip(timeless["key"], timeless["iso3"], strict=True))

    def _unknown(self, path: Path, key: str, year: int | None = None,
                 more: int = 0) -> RawDataError:
        when = f" in {year}" if year is not None else ""
        return RawDataError(
            display_path(path),
            expected=f"a {self.source} country {self.what} known to {names.COUNTRY_ALIASES}"
            + (" for its year" if year is not None else ""),
            found=f"unknown {self.what} {key!r}{when}" + (f" (and {more} more)" if more else ""),
            hint="Add it to the reviewed mapping in econ/etl/reference/.",
        )

    def check(self, keys: Iterable[str], *, path: Path) -> None:
        """Raise :class:`RawDataError` naming ``path`` if a key has no timeless mapping."""
        unknown = [k for k in dict.fromkeys(keys) if k not in self.mapping]
        if unknown:
            raise self._unknown(path, unknown[0], more=len(unknown) - 1)

    def __call__(self, keys: Iterable[Any], *, path: Path,
                 years: Iterable[int] | None = None) -> pd.Series:
        """ISO3 code of each key (in order); ``years`` for sources whose codes change.

        Raises
        ------
        RawDataError
            Naming the file and the first key with no mapping (in its year).
        """
        series = keys if isinstance(keys, pd.Series) else pd.Series(list(keys), dtype=object)
        series = series.reset_index(drop=True)
        if years is None:
            codes, uniques = pd.factorize(series)
            names = [str(k).strip() for k in uniques]
            self.check(names, path=path)
            mapped = np.array([self.mapping[k] for k in names] + [None], dtype=object)
            return pd.Series(mapped[codes], dtype=object)
        wanted = pd.DataFrame({"key": series.astype(str).str.strip().to_numpy(dtype=object),
                               "year": np.asarray(list(years))})
        merged = wanted.reset_index().merge(self.table, on="key", how="left")
        inside = (merged["first_year"].isna() | (merged["year"] >= merged["first_year"])) & (
            merged["last_year"].isna() | (merged["year"] <= merged["last_year"]))
        merged = merged[inside & merged["iso3"].notna()]
        if merged["index"].duplicated().any():
            row = merged[merged["index"].duplicated()].iloc[0]
            raise RawDataError(display_path(path), expected=f"one {self.source} mapping per "
                               f"{self.what} and year", found=f"several for {row['key']!r} in "
                               f"{row['year']}", hint="Fix the periods in the reviewed mapping.")
        if len(merged) != len(wanted):
            missing = wanted.loc[~wanted.index.isin(merged["index"])].iloc[0]
            raise self._unknown(path, missing["key"], int(missing["year"]))
        return merged.sort_values("index")["iso3"].reset_index(drop=True).astype(object)


def lookup_codes(
    keys: Iterable[Any],
    aliases: pd.DataFrame,
    source: str,
    *,
    path: Path,
    what: str = "name",
    years: Iterable[int] | None = None,
) -> pd.Series:
    """Map keys to ISO3 in one call: ``CodeLookup(aliases, source, what=what)(keys, ...)``.

    Raises
    ------
    RawDataError
        For the first key with no mapping (or no mapping in that year).
    """
    return CodeLookup(aliases, source, what=what)(keys, path=path, years=years)


def pad_hs(codes: pd.Series, digits: int, path: Path, column: str) -> pd.Series:
    """Zero-pad integer-stored HS codes to ``digits`` characters, checking each code.

    Raises
    ------
    RawDataError
        For a code that is not 1 to ``digits`` decimal digits.
    """
    text = codes.astype(str).str.strip()
    text = text.where(~text.str.endswith(".0"), text.str[:-2])
    bad = ~text.str.fullmatch(rf"\d{{1,{digits}}}")
    if bad.any():
        raise RawDataError(display_path(path), row=int(bad.to_numpy().argmax()) + 2,
                           column=column, expected=f"an HS code of up to {digits} digits",
                           found=repr(codes[bad].iloc[0]))
    return text.str.zfill(digits)


def _first_line(mask: pd.Series, header_lines: int) -> int:
    return int(mask.to_numpy().argmax()) + header_lines + 1


def check_pattern(frame: pd.DataFrame, column: str, pattern: str, path: Path, expected: str,
                  *, header_lines: int = 1, hint: str | None = None) -> None:
    r"""Check that every value of a text column matches a regular expression in full.

    Raises
    ------
    RawDataError
        Naming the line and column of the first value that does not match.

    Examples
    --------
    >>> check_pattern(pd.DataFrame({"hs4": ["8524;8549"]}), "hs4", r"\d{4}(;\d{4})*",
    ...               Path("a.csv"), "headings separated by ';'")
    """
    bad = ~frame[column].fillna("").str.fullmatch(pattern)
    if bad.any():
        raise RawDataError(display_path(path), row=_first_line(bad, header_lines),
                           column=column, expected=expected,
                           found=repr(frame.loc[bad, column].iloc[0]), hint=hint)


def check_codes(frame: pd.DataFrame, column: str, digits: int | tuple[int, ...], path: Path,
                *, header_lines: int = 1) -> None:
    """Check that every value of a text column is a code of ``digits`` digits.

    Parameters
    ----------
    digits : int or tuple of int
        The allowed number(s) of digits.

    Raises
    ------
    RawDataError
        Naming the line and column of the first bad code.

    Examples
    --------
    >>> check_codes(pd.DataFrame({"hs6": ["854231"]}), "hs6", 6, Path("list.csv"))
    """
    allowed = (digits,) if isinstance(digits, int) else digits
    check_pattern(frame, column, "|".join(rf"\d{{{n}}}" for n in allowed), path,
                  f"a code of {' or '.join(map(str, allowed))} digits",
                  header_lines=header_lines, hint="Codes are text with their leading zeros; "
                  "was the file re-saved by a spreadsheet or truncated?")


def check_unique(frame: pd.DataFrame, keys: Sequence[str], path: Path, *,
                 header_lines: int = 1) -> None:
    """Check that no two rows share ``keys``.

    Raises
    ------
    RawDataError
        Naming the line of the first repeated row and its key.

    Examples
    --------
    >>> check_unique(pd.DataFrame({"hs6": ["854231", "854232"]}), ["hs6"], Path("a.csv"))
    """
    dup = frame.duplicated(list(keys), keep="first")
    if dup.any():
        row = frame.loc[dup].iloc[0]
        raise RawDataError(display_path(path), row=_first_line(dup, header_lines),
                           expected=f"one row per {list(keys)}",
                           found="a repeated row " + ", ".join(f"{k}={row[k]!r}" for k in keys),
                           hint="Remove the duplicate from the copy or copy the file again.")


def check_known(frame: pd.DataFrame, column: str, known: Iterable[str], path: Path,
                expected: str, *, header_lines: int = 1) -> None:
    """Check that every value of ``column`` is one of ``known``.

    Raises
    ------
    RawDataError
        Naming the line, the column and the first unknown value; ``expected`` says what
        a good value is.

    Examples
    --------
    >>> check_known(pd.DataFrame({"tier": ["Tier 1"]}), "tier", {"Tier 1"}, Path("a.csv"),
    ...             "a CHPL tier")
    """
    bad = ~frame[column].isin(set(known))
    if bad.any():
        raise RawDataError(display_path(path), row=_first_line(bad, header_lines),
                           column=column, expected=expected,
                           found=repr(frame.loc[bad, column].iloc[0]))
