"""Reading raw files with errors that name the file, sheet, row and column.

Shared by every loader: an xlsx reader (python-calamine, chosen by measurement, see
``benchmarks/refresh.py``), a CSV reader that checks the header, and number parsing
that knows each source's text markers.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from econ.errors import RawDataError, column_letter

__all__ = [
    "Sheet",
    "display_path",
    "lookup_codes",
    "numeric_column",
    "pad_hs",
    "read_csv_checked",
    "read_sheet",
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


def _open_workbook(path: Path) -> CalamineWorkbook:
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
    return list(_open_workbook(path).sheet_names)


def read_sheet(path: Path, sheet: str, *, workbook: CalamineWorkbook | None = None) -> Sheet:
    """Read the used range of one worksheet.

    Raises
    ------
    RawDataError
        If the file is missing, empty, truncated, not a workbook, or has no such sheet.
    """
    book = workbook if workbook is not None else _open_workbook(path)
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
        If the file is missing or empty, or a required column is absent.
    """
    shown = display_path(path)
    if not path.is_file():
        raise RawDataError(shown, expected="a CSV file", found="no file",
                           hint="Copy it byte-for-byte from ../shared/data/raw.")
    raw = path.read_bytes()
    if not raw.strip():
        raise RawDataError(shown, expected=f"a CSV header with {list(required)}",
                           found="an empty file", hint="Copy it again from ../shared/data/raw.")
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
    text = frame[column].astype(object)
    text = text.where(text.isna(), text.astype(str).str.strip())
    if markers:
        text = text.replace({k: v for k, v in markers.items()})
    if thousands:
        text = text.where(text.isna(), text.astype(str).str.replace(thousands, "", regex=False))
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna() & text.notna() & ~text.map(_is_nan)
    if bad.any():
        position = int(np.flatnonzero(bad.to_numpy())[0])
        raise RawDataError(
            display_path(path), row=header_lines + position + 1, column=column,
            expected="a number" + (f" or one of the markers {list(markers)}" if markers else ""),
            found=repr(frame[column].iloc[position]),
            hint="Fix the loader's marker list only if the publisher documents this value.",
        )
    return values.astype("float64")


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and np.isnan(value)


def lookup_codes(
    keys: Iterable[Any],
    aliases: pd.DataFrame,
    source: str,
    *,
    path: Path,
    what: str = "name",
    years: Iterable[int] | None = None,
) -> list[str]:
    """Map a source's names or codes to ISO3 through ``core_codes__country_aliases``.

    Parameters
    ----------
    keys : iterable
        Names or codes exactly as the source writes them.
    aliases : DataFrame
        The alias table (``source, key, iso3, first_year, last_year``).
    source : str
        Which source's keys these are (``imf``, ``baci``, ``cow``, ...).
    path : Path
        The raw file, named in the error for an unknown key.
    what : str
        How the message calls a key ("name", "code").
    years : iterable of int, optional
        Year of each key, for sources whose codes change meaning over time (COW).

    Raises
    ------
    RawDataError
        For the first key with no mapping (or no mapping in that year).
    """
    table = aliases[aliases["source"] == source]
    keys = [str(k) for k in keys]
    if years is None:
        mapping = dict(zip(table["key"], table["iso3"], strict=True))
        unknown = [k for k in dict.fromkeys(keys) if k not in mapping]
        if unknown:
            raise RawDataError(
                display_path(path), expected=f"a {source} country {what} known to "
                "core_codes__country_aliases", found=f"unknown {what} {unknown[0]!r}"
                + (f" (and {len(unknown) - 1} more: {unknown[1:6]})" if len(unknown) > 1 else ""),
                hint="Add it to the reviewed mapping in econ/etl/reference/.",
            )
        return [mapping[k] for k in keys]
    wanted = pd.DataFrame({"key": keys, "year": list(years)})
    merged = wanted.reset_index().merge(table, on="key", how="left")
    inside = (merged["first_year"].isna() | (merged["year"] >= merged["first_year"])) & (
        merged["last_year"].isna() | (merged["year"] <= merged["last_year"]))
    merged = merged[inside & merged["iso3"].notna()].drop_duplicates("index")
    if len(merged) != len(wanted):
        missing = wanted.loc[~wanted.index.isin(merged["index"])].iloc[0]
        raise RawDataError(
            display_path(path), expected=f"a {source} {what} known to core_codes__country_"
            "aliases for its year", found=f"{what} {missing['key']!r} in {missing['year']}",
            hint="Add it to the reviewed mapping in econ/etl/reference/.",
        )
    return merged.sort_values("index")["iso3"].tolist()


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
