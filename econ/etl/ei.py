"""Energy Institute (bp to 2022) Statistical Review of World Energy: trade and country tables.

Each edition's "all data" workbook has about 85-100 sheets whose names and order change
between editions, so every sheet is found by its content (title cell and unit), never by
name or position, and a sheet that cannot be found is an error naming the file and the
sheets it has. Layouts read (checked, not assumed):

* **bilateral matrices** for one year: oil (crude and products, Mt; rows From, columns To),
  coal (EJ; rows From), pipeline gas and LNG (bcm; rows To, columns From). The year is in
  the title; the oil matrix is checked against the two-year ``Oil trade in ...`` sheet,
  because the 2026 edition's title says 2024 while its numbers are 2025
  (PROVENANCE_ENERGY.md). The LNG sheet splits exporter names over two header rows
  (``Russian `` / ``Federation``).
* **the inter-regional gas table** (2000 or 2011 to the data year, bcm): region blocks with
  ``Pipeline imports`` / ``Pipeline exports`` rows followed by indented ``of which:``
  partner rows; only those partner rows are bilateral and are loaded.
* **country sheets** (production and consumption by country and year) and the 2022
  edition's one-sheet panel file.

Names are kept as EI writes them after :func:`ei_name` (whitespace collapsed, footnote
marks and ``of which:`` removed, ``Total imports``/``Total exports`` read as ``Total``) and
mapped to codes with the reviewed ``econ/etl/reference/ei_names.csv``. Text markers map as
EI's legends define them: ``-`` nil, ``†``/``^`` less than half the last digit and ``‡``
less than 0.05% are 0; ``n/a`` is not available (the cell is not loaded).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import (
    CodeLookup,
    Sheet,
    display_path,
    open_workbook,
    read_sheet,
    read_sheets,
)
from econ.manifest import vintage_key
from econ.names import COUNTRIES, COUNTRY_ALIASES, EI_TRADE

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = [
    "COUNTRY_SERIES",
    "MARKERS",
    "MATRICES",
    "MATRIX",
    "TABLE",
    "VALUE_COLUMNS",
    "CountrySeries",
    "MatrixSpec",
    "build_country_energy",
    "build_energy_trade",
    "build_energy_trade_latest",
    "edition_of",
    "ei_name",
    "read_conversion_factors",
    "read_country_energy",
    "read_panel",
    "read_trade",
]

#: EI's text markers (legends of the sheets; PROVENANCE_ENERGY.md section 1).
MARKERS: dict[str, float] = {"-": 0.0, "†": 0.0, "‡": 0.0, "^": 0.0, "n/a": np.nan}
#: unit as EI writes it (lower case) -> econ column
VALUE_COLUMNS: dict[str, str] = {
    "million tonnes": "volume_mt",
    "billion cubic metres": "volume_bcm",
    "exajoules": "energy_ej",
}
MATRIX, TABLE = "bilateral_matrix", "inter_regional_table"  # values of the source column
_EDITION_FOLDER = re.compile(r"^(?:bp|ei)_(\d{4})_edition$")
_FOOTNOTE_MARKS = re.compile(r"[\s*†‡^#♦\d]+$")  # "Other Europe1": footnote 1
_TITLE_MARKS = re.compile(r"[\s*†‡^#♦]+$")  # titles end in years: keep digits
_TOTALS = {"Total", "Total imports", "Total exports"}
_TRADE_KEY = ["edition", "year", "exporter", "importer", "commodity", "source"]
_PANEL = ("energy_institute_statistical_review/bp_2022_edition/"
          "bp-stats-review-2022-consolidated-dataset-panel-format.xlsx")


@dataclass(frozen=True)
class MatrixSpec:
    """How to recognise and read one kind of bilateral matrix.

    Attributes
    ----------
    label : str
        The title as EI writes it, with ``<year>`` for the year.
    unit : str
        Unit line EI writes (lower case).
    rows_are : {"exporter", "importer"}
        What the row names are; the columns are the other side.
    blocks : dict
        Block label (``crude``, ``product``) -> commodity, for sheets with several
        blocks; a single-block sheet maps ``""`` to its commodity.
    """

    label: str
    unit: str
    rows_are: Literal["exporter", "importer"]
    blocks: dict[str, str]

    @property
    def title(self) -> re.Pattern[str]:
        """Matches the normalised (lower-case) title cell; group 1 is the year."""
        return re.compile("^" + re.escape(self.label.lower()).replace("<year>", r"(\d{4})")
                          + "$")


MATRICES: dict[str, MatrixSpec] = {
    "oil": MatrixSpec("Oil: Inter-area movements <year>", "million tonnes", "exporter",
                      {"crude": "crude", "product": "oil_products"}),
    "pipeline_gas": MatrixSpec("Natural Gas: Trade movements <year> by pipeline",
                               "billion cubic metres", "importer", {"": "pipeline_gas"}),
    "lng": MatrixSpec("Natural Gas: Trade movements <year> as liquefied natural gas",
                      "billion cubic metres", "importer", {"": "lng"}),
    "coal": MatrixSpec("Coal: Inter-area movements <year>", "exajoules", "exporter",
                       {"": "coal"}),
}
_INTER_REGIONAL = re.compile(r"^natural gas: inter-regional trade$")
_OIL_TWO_YEARS = re.compile(r"^oil trade in (\d{4}) and (\d{4})$")
_BLOCK_LABEL = re.compile(r"^(crude|product) \((.+)\)$")
_REGION_ROWS = {"pipeline imports", "lng imports", "total imports", "pipeline exports",
                "lng exports", "total exports", "inter-regional pipeline trade", "lng trade",
                "total trade"}


@dataclass(frozen=True)
class CountrySeries:
    """One country sheet: what it measures, how to recognise it, its panel column."""

    commodity: str
    measure: str
    title: str
    unit: str
    panel_column: str

    @property
    def column(self) -> str:
        """The econ value column (``volume_mt``, ``volume_bcm`` or ``energy_ej``)."""
        return VALUE_COLUMNS[self.unit]


COUNTRY_SERIES: tuple[CountrySeries, ...] = (
    CountrySeries("oil", "production", "oil: production", "million tonnes", "oilprod_mt"),
    CountrySeries("oil", "consumption", "oil: consumption", "million tonnes", "oilcons_mt"),
    CountrySeries("oil", "consumption", "oil: consumption", "exajoules", "oilcons_ej"),
    CountrySeries("gas", "production", "natural gas: production", "billion cubic metres",
                  "gasprod_bcm"),
    CountrySeries("gas", "production", "natural gas: production", "exajoules", "gasprod_ej"),
    CountrySeries("gas", "consumption", "natural gas: consumption", "billion cubic metres",
                  "gascons_bcm"),
    CountrySeries("gas", "consumption", "natural gas: consumption", "exajoules", "gascons_ej"),
    CountrySeries("coal", "production", "coal: production", "million tonnes", "coalprod_mt"),
    CountrySeries("coal", "production", "coal: production", "exajoules", "coalprod_ej"),
    CountrySeries("coal", "consumption", "coal: consumption", "exajoules", "coalcons_ej"),
)


# --------------------------------------------------------------------------- names, sheets


def ei_name(raw: object) -> str:
    """An EI row or column label as econ keeps it.

    Collapses whitespace, drops a leading ``of which:`` and trailing footnote marks
    (``*``, ``†``, ``#``, digits), and reads ``Total imports``/``Total exports`` as
    ``Total``.

    Examples
    --------
    >>> ei_name("  of which: Russian Federation")
    'Russian Federation'
    >>> ei_name("Other Europe1"), ei_name("Total exports"), ei_name("Other  Americas*")
    ('Other Europe', 'Total', 'Other Americas')
    """
    text = " ".join(str(raw).split())
    text = re.sub(r"^of which:\s*", "", text, flags=re.IGNORECASE)
    text = _FOOTNOTE_MARKS.sub("", text)
    return "Total" if text in _TOTALS else text


def _key(text: str) -> str:
    """Lower-case text without trailing footnote marks, for matching titles and units."""
    return _TITLE_MARKS.sub("", " ".join(text.split())).lower()


def edition_of(path: Path) -> int:
    """Edition year from the edition folder (``ei_2026_edition`` -> 2026).

    The edition folder is the file's folder, or the one above it for a re-issue
    ``econ fetch`` stored in ``ei_2026_edition/<date fetched>/``.

    Raises
    ------
    RawDataError
        If neither folder is named ``bp_<year>_edition`` or ``ei_<year>_edition``.
    """
    for folder in (path.parent.name, path.parent.parent.name):
        match = _EDITION_FOLDER.match(folder)
        if match is not None:
            return int(match.group(1))
    raise RawDataError(display_path(path), expected="a folder named bp_<year>_edition or "
                       "ei_<year>_edition", found=f"folder {path.parent.name!r}",
                       hint="Keep the folders of PROVENANCE_ENERGY.md section 1.")


def _find(sheets: Sequence[Sheet], path: Path, what: str, test: Callable[[Sheet], bool], *,
          names: Sequence[str] = ()) -> Sheet:
    """The one sheet passing ``test``, or a RawDataError naming the file and its sheets.

    ``names`` lists every sheet of the workbook, when ``sheets`` holds only some.
    """
    found = [s for s in sheets if test(s)]
    if len(found) != 1:
        names = [s.name for s in found] if found else list(names or [s.name for s in sheets])
        raise RawDataError(
            display_path(path), expected=f"one sheet {what}",
            found=f"{len(found)} such sheets; the workbook's sheets are {names}"
            if not found else f"several: {names}",
            hint="Is this an EI/bp Statistical Review 'all data' workbook? A renamed title "
            "or unit line must be handled in econ/etl/ei.py.")
    return found[0]


def _title(sheet: Sheet) -> str:
    return _key(sheet.text(0, 0))


def _year_header(sheet: Sheet) -> int | None:
    """Index of the first row (of the first six) whose column B holds a year."""
    for i in range(1, min(6, len(sheet.rows))):
        value = sheet.cell(i, 1)
        if isinstance(value, float) and value.is_integer() and 1900 < value < 2100:
            return i
    return None


def _year_columns(sheet: Sheet, header: int) -> tuple[list[int], list[int]]:
    """Columns and years of the leading run of increasing years in the header row."""
    columns: list[int] = []
    years: list[int] = []
    j = 1
    while True:
        value = sheet.cell(header, j)
        if not (isinstance(value, float) and value.is_integer()):
            break
        if years and value <= years[-1]:
            break  # the repeated last year heads the annual-change column
        columns.append(j)
        years.append(int(value))
        j += 1
    return columns, years


def _series_test(series: CountrySeries) -> Callable[[Sheet], bool]:
    def test(sheet: Sheet) -> bool:
        header = _year_header(sheet)
        return (_title(sheet) == series.title and header is not None
                and _key(sheet.text(header, 0)) == series.unit)
    return test


def _title_test(pattern: re.Pattern[str]) -> Callable[[Sheet], bool]:
    return lambda sheet: bool(pattern.match(_title(sheet)))


#: what each loader looks for ("one sheet ...") -> the test a sheet must pass
_WANTED: dict[str, Callable[[Sheet], bool]] = {
    "titled 'Natural gas: Inter-regional trade'": _title_test(_INTER_REGIONAL),
    "titled 'Oil trade in <year> and <year>'": _title_test(_OIL_TWO_YEARS),
    **{f"titled '{spec.label}'": _title_test(spec.title) for spec in MATRICES.values()},
    **{f"titled {s.title!r} with unit line {s.unit!r}": _series_test(s)
       for s in COUNTRY_SERIES},
}
#: sheet names to read first; content decides, and the other sheets are read when one of
#: the wanted sheets is not among these
_LIKELY_NAMES = re.compile(r"oil|gas|coal", re.IGNORECASE)


# --------------------------------------------------------------------------- matrices


def _header_names(sheet: Sheet, header: int, spec: MatrixSpec) -> tuple[list[int], list[str]]:
    """Columns and partner names of a matrix header, joining a name split over two rows."""
    columns, names = [], []
    joined = spec.rows_are == "importer" and header >= 2
    for j in range(1, len(sheet.rows[header])):
        above = sheet.text(header - 1, j) if joined else ""
        text = " ".join(t for t in (above if above not in ("From", "To") else "",
                                    sheet.text(header, j)) if t)
        if not text:
            if j + 1 < len(sheet.rows[header]) and sheet.text(header, j + 1):
                raise sheet.error(header, j, expected="a partner name in every header cell",
                                  found="an empty cell between names")
            continue
        columns.append(j)
        names.append(ei_name(text))
    if len(names) < 3:
        raise sheet.error(header, None, expected="a header row of partner names",
                          found=f"{names}", hint="Has the header row moved?")
    _check_unique(sheet, header, names, "column")
    return columns, names


def _check_unique(sheet: Sheet, i: int, names: Sequence[str], axis: str) -> None:
    seen = pd.Series(list(names))
    dup = seen[seen.duplicated()]
    if not dup.empty:
        raise sheet.error(i, None, expected=f"each {axis} name once", found=f"{dup.iloc[0]!r} "
                          "twice", hint="Two labels read alike after footnote marks are "
                          "removed; check the sheet.")


def _matrix_layout(sheet: Sheet, spec: MatrixSpec) -> tuple[int, int, int]:
    """Header row, first data row and unit row of a matrix sheet."""
    for i in range(1, min(8, len(sheet.rows))):
        if spec.rows_are == "importer" and sheet.text(i, 0) == "To":
            unit = next((k for k in range(1, i) if sheet.text(k, 0)), i)
            return i, i + 1, unit
        if spec.rows_are == "exporter" and sheet.text(i + 1, 0) == "From":
            return i, i + 2, i
    label = "'To' in column A" if spec.rows_are == "importer" else "'From' under the header"
    raise sheet.error(0, 0, expected=f"a header row with {label} in the first rows",
                      found="none", hint="Has the layout of the matrix changed?")


def _block(sheet: Sheet, i: int, spec: MatrixSpec, label: str) -> str:
    """Commodity of a block label (``Crude (million tonnes)``), checking its unit."""
    match = _BLOCK_LABEL.match(_key(label))
    name, unit = (match.group(1), match.group(2)) if match else ("", _key(label))
    if name not in spec.blocks:
        raise sheet.error(i, 0, expected=f"a block label {list(spec.blocks)}", found=repr(label))
    if unit != spec.unit:
        raise sheet.error(i, 0, expected=f"the unit {spec.unit!r}", found=repr(label),
                          hint="A unit change must be handled in econ/etl/ei.py.")
    return spec.blocks[name]


def _read_matrix(sheet: Sheet, spec: MatrixSpec) -> pd.DataFrame:
    """Every cell of a matrix as ``exporter, importer, commodity, value``."""
    header, first, unit_row = _matrix_layout(sheet, spec)
    block = _block(sheet, unit_row, spec, sheet.text(unit_row, 0))
    columns, partners = _header_names(sheet, header, spec)
    parts: list[pd.DataFrame] = []
    names: list[str] = []
    rows: list[int] = []

    def close() -> None:
        if rows:
            _check_unique(sheet, rows[-1], names, "row")
            values = sheet.numbers(rows, columns, markers=MARKERS)
            parts.append(pd.DataFrame({
                "row": np.repeat(names, len(partners)),
                "column": np.tile(partners, len(names)),
                "commodity": block,
                "value": values.ravel(),
            }))
            names.clear()
            rows.clear()

    for i in range(first, len(sheet.rows)):
        label = sheet.text(i, 0)
        if _BLOCK_LABEL.match(_key(label)):
            close()
            block = _block(sheet, i, spec, label)
            continue
        filled = [sheet.text(i, j) != "" for j in columns]
        if label == "From" or not any(filled):
            continue  # block headers, blank rows and footnotes
        if not label:
            raise sheet.error(i, 0, expected="a name in column A of a data row",
                              found="an empty cell")
        if not all(filled):
            j = columns[filled.index(False)]
            raise sheet.error(i, j, expected="a number or marker in every cell of a data row",
                              found="an empty cell", hint="Is the row truncated?")
        names.append(ei_name(label))
        rows.append(i)
    close()
    if not parts:
        raise sheet.error(first, 0, expected="matrix rows under the header", found="none")
    frame = pd.concat(parts, ignore_index=True)
    other = "importer" if spec.rows_are == "exporter" else "exporter"
    return frame.rename(columns={"row": spec.rows_are, "column": other})


def _matrix_year(sheet: Sheet, spec: MatrixSpec) -> int:
    match = spec.title.match(_title(sheet))
    assert match is not None  # found by this title
    return int(match.group(1))


def _oil_exports_by_year(sheet: Sheet) -> dict[int, dict[str, float]]:
    """Crude exports (Mt) by year and area from the two-year ``Oil trade in`` sheet.

    Row 2 holds the years, rows 3 and 4 label each year's block of columns
    (``Crude``/``Product`` over ``Imports``/``Exports``); areas follow from row 5 to the
    first empty row (the kb/d block below repeats them).
    """
    width = max((len(r) for r in sheet.rows[:4]), default=0)
    years = [int(v) for j in range(width) if isinstance(v := sheet.cell(1, j), float)]
    starts = [j for j in range(width)
              if sheet.text(2, j) == "Crude" and sheet.text(3, j) == "Imports"]
    if not years or len(years) != len(starts):
        raise sheet.error(1, None, expected="years in row 2 over 'Crude'/'Imports' blocks",
                          found=f"years {years}, {len(starts)} blocks")
    rows = []
    for i in range(4, len(sheet.rows)):
        if not sheet.text(i, 0):
            break
        rows.append(i)
    names = [ei_name(sheet.text(i, 0)) for i in rows]
    out: dict[int, dict[str, float]] = {}
    for year, start, end in zip(years, starts, [*starts[1:], width], strict=True):
        j = next((k for k in range(start, end)
                  if sheet.text(2, k) == "Crude" and sheet.text(3, k) == "Exports"), None)
        if j is None:
            raise sheet.error(3, start, expected=f"a 'Crude'/'Exports' column for {year}",
                              found="none")
        values = sheet.numbers(rows, [j], markers=MARKERS)[:, 0]
        out[year] = dict(zip(names, values, strict=True))
    return out


def _confirmed_oil_year(matrix: pd.DataFrame, check: Sheet) -> int:
    """The year whose crude exports in ``check`` equal the matrix's row totals.

    EI 2026's matrix is titled 2024 but holds 2025 (PROVENANCE_ENERGY.md); equal within
    0.051 Mt, the rounding of the rounded editions.
    """
    totals = matrix[(matrix["commodity"] == "crude") & (matrix["importer"] == "Total")]
    totals = totals.set_index("exporter")["value"]
    matching = []
    for year, exports in _oil_exports_by_year(check).items():
        common = [n for n in totals.index if n in exports and n != "Total"]
        close = all(abs(totals[n] - exports[n]) <= 0.051 for n in common)
        if close and len(common) >= max(2, len(totals) // 2):
            matching.append(year)
    if len(matching) != 1:
        raise check.error(0, 0, expected="crude export totals equal to one year's column of "
                          "the oil inter-area matrix", found=f"matching years {matching}",
                          hint="Which year does the oil matrix hold? See PROVENANCE_ENERGY.md.")
    return matching[0]


# --------------------------------------------------------------------------- inter-regional


def _read_inter_regional(sheet: Sheet) -> tuple[pd.DataFrame, int]:
    """Bilateral pipeline flows of the inter-regional gas table, and the table's last year.

    The flows are the table's ``of which`` rows.
    """
    header = _year_header(sheet)
    if header is None:
        raise sheet.error(1, 1, expected="a header row with years from column B", found="none")
    if _key(sheet.text(header, 0)) != "billion cubic metres":
        raise sheet.error(header, 0, expected="the unit 'Billion cubic metres'",
                          found=repr(sheet.text(header, 0)))
    columns, years = _year_columns(sheet, header)
    if not years:
        raise sheet.error(header, 1, expected="years from column B", found="none")
    region, parent = "", ""
    flows: list[tuple[str, str, int]] = []  # exporter, importer, row
    for i in range(header + 1, len(sheet.rows)):
        raw = str(sheet.cell(i, 0))
        name = ei_name(raw)
        if not name:
            continue
        if not any(sheet.text(i, j) for j in columns):
            region, parent = name, ""
            continue
        if raw[:1].isspace() or raw.strip().lower().startswith("of which"):
            if parent not in ("pipeline imports", "pipeline exports"):
                raise sheet.error(i, 0, expected="partner rows only under 'Pipeline imports' "
                                  "or 'Pipeline exports'", found=f"{raw.strip()!r} under "
                                  f"{parent!r}")
            flows.append((name, region, i) if parent == "pipeline imports" else
                         (region, name, i))
            continue
        parent = _key(raw)
        if parent not in _REGION_ROWS:
            raise sheet.error(i, 0, expected=f"one of the rows {sorted(_REGION_ROWS)}",
                              found=repr(raw), hint="Has the table's layout changed?")
        if parent == "total trade":
            break
    else:
        raise sheet.error(header, 0, expected="the table to end with the 'World' block's "
                          "'Total trade' row", found="no such row")
    if not flows:  # EI 2023 prints the table without its partner rows
        empty = {"year": np.array([], dtype="int64"), "exporter": np.array([], dtype=object),
                 "importer": np.array([], dtype=object), "value": np.array([], dtype="float64")}
        return pd.DataFrame(empty), years[-1]
    values = sheet.numbers([r for _, _, r in flows], columns, markers=MARKERS)
    frame = pd.DataFrame({
        "year": np.tile(years, len(flows)),
        "exporter": np.repeat([e for e, _, _ in flows], len(years)),
        "importer": np.repeat([m for _, m, _ in flows], len(years)),
        "row": np.repeat([r for _, _, r in flows], len(years)),
        "value": values.ravel(),
    })
    return _drop_mirrored(sheet, frame), years[-1]


def _drop_mirrored(sheet: Sheet, frame: pd.DataFrame) -> pd.DataFrame:
    """Keep one of a flow shown under both the exporter's and the importer's block.

    Both must agree within EI's rounding (0.051 bcm); a disagreement is an error.
    """
    keys = ["year", "exporter", "importer"]
    spread = frame.groupby(keys)["value"].agg(["min", "max"])
    bad = spread[(spread["max"] - spread["min"]) > 0.051]
    if not bad.empty:
        year, exporter, importer = bad.index[0]
        rows = frame.loc[(frame["exporter"] == exporter) & (frame["importer"] == importer)
                         & (frame["year"] == year), "row"].tolist()
        raise sheet.error(rows[-1], None, expected=f"the flow {exporter} -> {importer} in "
                          f"{year} equal under both regions (rows {[r + 1 for r in rows]})",
                          found=f"{bad.iloc[0]['min']} and {bad.iloc[0]['max']}")
    return frame.drop_duplicates(keys).drop(columns="row").reset_index(drop=True)


# --------------------------------------------------------------------------- one edition


@dataclass(frozen=True)
class _Workbook:
    """The sheets of an "all data" workbook whose titles the loaders know.

    Also the names of all its sheets, for messages.
    """

    path: Path
    names: tuple[str, ...]
    sheets: tuple[Sheet, ...]

    def find(self, what: str) -> Sheet:
        """The one sheet passing the :data:`_WANTED` test ``what`` (see :func:`_find`)."""
        return _find(self.sheets, self.path, what, _WANTED[what], names=self.names)


@functools.lru_cache(maxsize=8)
def _read_workbook(path: Path, size: int, modified_ns: int) -> _Workbook:
    """The sheets the loaders want, read once per version of a file (size and mtime).

    Reading is most of the cost of the EI tables, and the trade and country tables read
    the same workbooks in one refresh. Sheets whose names mention oil, gas or coal are
    read first; the others only when a wanted sheet is not among them.
    """
    book = open_workbook(path)
    names = tuple(book.sheet_names)
    if len(names) < 10:
        raise RawDataError(display_path(path), expected="an EI 'all data' workbook (dozens of "
                           "sheets)", found=f"sheets {list(names)}")
    likely = [n for n in names if _LIKELY_NAMES.search(n)]
    sheets = [read_sheet(path, n, workbook=book) for n in likely]
    if not all(any(test(s) for s in sheets) for test in _WANTED.values()):
        sheets += [read_sheet(path, n, workbook=book) for n in names if n not in likely]
    wanted = tuple(s for s in sheets if any(test(s) for test in _WANTED.values()))
    return _Workbook(path, names, wanted)


def _workbook(path: Path) -> _Workbook:
    if not path.is_file():
        read_sheets(path)  # raises the RawDataError for a missing file
    stat = path.stat()
    return _read_workbook(path, stat.st_size, stat.st_mtime_ns)


def _data_year(path: Path, edition: int, year: int, what: str) -> None:
    if year != edition - 1:
        raise RawDataError(display_path(path), expected=f"{what} ending in {edition - 1} (an "
                           f"edition's data end the year before it is published)",
                           found=f"{year}", hint="Was the workbook copied into the wrong "
                           "edition folder?")


def _with_units(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame = frame.assign(**{c: np.nan for c in VALUE_COLUMNS.values()})
    frame[column] = frame.pop("value")
    return frame


def read_trade(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """All trade rows of one edition's workbook, and notes on what was read.

    Parameters
    ----------
    path : Path
        An "all data" workbook inside ``<bp|ei>_<edition>_edition/``.

    Returns
    -------
    frame : DataFrame
        ``edition, year, exporter, importer, commodity, source, volume_mt, volume_bcm,
        energy_ej`` (one value column filled per row); cells marked ``n/a`` are left out.
    notes : list of str
        E.g. a matrix whose title year disagrees with its numbers.

    Raises
    ------
    RawDataError
        If a sheet cannot be found, a header or unit moved, a number is garbled, or the
        data year does not fit the edition.

    Examples
    --------
    >>> frame, notes = read_trade(Path("data/raw/energy_institute_statistical_review/"
    ...                                "ei_2024_edition/Statistical Review of World Energy "
    ...                                "Data.xlsx"))  # doctest: +SKIP
    """
    edition = edition_of(path)
    book = _workbook(path)
    notes: list[str] = []
    inter = book.find("titled 'Natural gas: Inter-regional trade'")
    flows, last_year = _read_inter_regional(inter)
    _data_year(path, edition, last_year, f"sheet '{inter.name}'")
    parts = [_with_units(flows.assign(commodity="pipeline_gas", source=TABLE),
                         "volume_bcm")]
    for kind, spec in MATRICES.items():
        sheet = book.find(f"titled '{spec.label}'")
        matrix = _read_matrix(sheet, spec)
        year = _matrix_year(sheet, spec)
        if kind == "oil":
            check = book.find("titled 'Oil trade in <year> and <year>'")
            confirmed = _confirmed_oil_year(matrix, check)
            if confirmed != year:
                notes.append(f"{display_path(path)}, sheet '{sheet.name}': titled {year} but its "
                             f"crude totals equal the {confirmed} column of sheet '{check.name}'; "
                             f"read as {confirmed}")
            year = confirmed
        _data_year(path, edition, year, f"sheet '{sheet.name}'")
        parts.append(_with_units(matrix.assign(year=year, source=MATRIX),
                                 VALUE_COLUMNS[spec.unit]))
    frame = pd.concat(parts, ignore_index=True).assign(edition=edition)
    values = frame[list(VALUE_COLUMNS.values())]
    frame = frame[values.notna().any(axis=1)]
    return frame[[*_TRADE_KEY, *VALUE_COLUMNS.values()]].reset_index(drop=True), notes


def _read_country_sheet(sheet: Sheet, series: CountrySeries) -> pd.DataFrame:
    header = _year_header(sheet)
    assert header is not None  # found by its unit line in this row
    columns, years = _year_columns(sheet, header)
    rows = [i for i in range(header + 1, len(sheet.rows))
            if sheet.text(i, 0) and any(sheet.text(i, j) for j in columns)]
    names = [ei_name(sheet.text(i, 0)) for i in rows]
    _check_unique(sheet, header, names, "country")
    values = sheet.numbers(rows, columns, markers=MARKERS)
    return pd.DataFrame({
        "country": np.repeat(names, len(years)),
        "year": np.tile(years, len(names)),
        "commodity": series.commodity,
        "measure": series.measure,
        series.column: values.ravel(),
    })


def read_country_energy(path: Path) -> pd.DataFrame:
    """Production and consumption by country and year from one edition's country sheets.

    Returns
    -------
    DataFrame
        ``edition, country, year, commodity, measure, volume_mt, volume_bcm, energy_ej``,
        one row per country, year, commodity and measure (values of the sheets of the
        same commodity and measure side by side).

    Raises
    ------
    RawDataError
        If one of the :data:`COUNTRY_SERIES` sheets cannot be found (title and unit line),
        a number is garbled, or the data do not end in the year before the edition.
    """
    edition = edition_of(path)
    book = _workbook(path)
    parts = []
    for series in COUNTRY_SERIES:
        sheet = book.find(f"titled {series.title!r} with unit line {series.unit!r}")
        part = _read_country_sheet(sheet, series)
        _data_year(path, edition, int(part["year"].max()), f"sheet '{sheet.name}'")
        parts.append(part)
    return _merge_series(parts).assign(edition=edition)


def _merge_series(parts: list[pd.DataFrame]) -> pd.DataFrame:
    keys = ["country", "year", "commodity", "measure"]
    merged = pd.concat(parts, ignore_index=True)
    for column in VALUE_COLUMNS.values():
        if column not in merged:
            merged[column] = np.nan
    merged = merged.groupby(keys, sort=False)[list(VALUE_COLUMNS.values())].max().reset_index()
    return merged[merged[list(VALUE_COLUMNS.values())].notna().any(axis=1)]


def read_panel(path: Path) -> pd.DataFrame:
    """The 2022 edition's panel file (one sheet, country x year rows) in the country layout.

    Raises
    ------
    RawDataError
        If the header lacks ``Country``, ``Year`` or a series column, a number is
        garbled, a (country, year) repeats, or the data do not end in the edition's year
        before.
    """
    edition = edition_of(path)
    sheets = read_sheets(path)
    sheet = _find(sheets, path, "with the header 'Country', 'Year' in row 1",
                  lambda s: s.text(0, 0) == "Country" and s.text(0, 1) == "Year")
    header = [sheet.text(0, j) for j in range(len(sheet.rows[0]))]
    wanted = ["Country", "Year", "ISO3166_alpha3", *(s.panel_column for s in COUNTRY_SERIES)]
    missing = [c for c in wanted if c not in header]
    if missing:
        raise sheet.error(0, None, expected=f"columns {wanted}", found=f"{header[:12]}... "
                          f"(missing {missing})", hint="Was a column renamed?")
    rows = list(range(1, len(sheet.rows)))
    years = sheet.numbers(rows, [header.index("Year")], markers={})[:, 0]
    if np.isnan(years).any():
        i = rows[int(np.flatnonzero(np.isnan(years))[0])]
        raise sheet.error(i, header.index("Year"), expected="a year", found="an empty cell")
    names = [ei_name(sheet.text(i, 0)) for i in rows]
    frame = pd.DataFrame({"country": names, "year": years.astype("int64"),
                          "panel_iso3": [sheet.text(i, header.index("ISO3166_alpha3"))
                                         for i in rows]})
    dup = frame.duplicated(["country", "year"])
    if dup.any():
        i = rows[int(np.flatnonzero(dup)[0])]
        raise sheet.error(i, 0, expected="each country and year once",
                          found=f"{names[i - 1]!r} {int(years[i - 1])} again")
    _data_year(path, edition, int(frame["year"].max()), f"sheet '{sheet.name}'")
    values = sheet.numbers(rows, [header.index(s.panel_column) for s in COUNTRY_SERIES],
                           markers=MARKERS)
    parts = [frame.assign(commodity=series.commodity, measure=series.measure,
                          **{series.column: values[:, k]})
             for k, series in enumerate(COUNTRY_SERIES)]
    panel_iso3 = frame.drop_duplicates("country").set_index("country")["panel_iso3"]
    merged = _merge_series([p.drop(columns="panel_iso3") for p in parts]).assign(edition=edition)
    return merged.assign(panel_iso3=merged["country"].map(panel_iso3).fillna(""))


# --------------------------------------------------------------------------- conversion factors


def read_conversion_factors(path: Path) -> pd.DataFrame:
    """EI's approximate conversion factors for natural gas, LNG and crude oil.

    Reads the ``Natural gas (NG) and liquefied natural gas (LNG)`` and ``Crude oil`` tables
    of the sheet that holds them (found by content).

    Returns
    -------
    DataFrame
        ``from_unit, to_unit, factor`` as EI labels them, e.g. ``1 million tonnes LNG``,
        ``billion cubic metres NG``, 1.36.

    Examples
    --------
    >>> factors = read_conversion_factors(path)  # doctest: +SKIP
    """
    sheets = read_sheets(path)

    def labels(sheet: Sheet) -> list[str]:
        return [sheet.text(i, 0) for i in range(len(sheet.rows))]

    sheet = _find(sheets, path, "with the 'Natural gas (NG) and liquefied natural gas (LNG)' "
                  "table", lambda s: "Natural gas (NG) and liquefied natural gas (LNG)"
                  in labels(s))
    out = []
    for title in ("Natural gas (NG) and liquefied natural gas (LNG)", "Crude oil"):
        start = next(i for i, label in enumerate(labels(sheet)) if label.startswith(title))
        filled = [bool(sheet.text(start - 1, j) or sheet.text(start, j))
                  for j in range(len(sheet.rows[start]))]
        begin = filled.index(True, 1)
        end = filled.index(False, begin) if False in filled[begin:] else len(filled)
        columns = list(range(begin, end))
        units = [" ".join(t for t in (sheet.text(start - 1, j), sheet.text(start, j)) if t)
                 for j in columns]
        first = next(i for i in range(start, len(sheet.rows)) if sheet.text(i, 0) == "From") + 1
        rows = []
        for i in range(first, len(sheet.rows)):
            if not sheet.text(i, 0) or sheet.text(i, 0).startswith("*"):
                break
            rows.append(i)
        values = sheet.numbers(rows, columns, markers={"–": np.nan, "-": np.nan})
        for r, i in enumerate(rows):
            for c, unit in enumerate(units):
                if not np.isnan(values[r, c]):
                    out.append((sheet.text(i, 0), unit, values[r, c]))
    return pd.DataFrame(out, columns=["from_unit", "to_unit", "factor"])


# --------------------------------------------------------------------------- builders


def _codes(ctx: BuildContext, names: pd.Series, path_of: pd.Series) -> pd.Series:
    """ISO3 code of each EI name, missing where the name is a region or group."""
    lookup = CodeLookup(ctx.table(COUNTRY_ALIASES), "ei")
    for path, group in names.groupby(path_of.to_numpy()):
        lookup.check(group.unique(), path=Path(path))
    countries = ctx.table(COUNTRIES, columns=["iso3", "kind"])
    economies = set(countries.loc[countries["kind"].isin(["country", "territory",
                                                          "historical"]), "iso3"])
    codes = names.map(lookup.mapping)
    return codes.where(codes.isin(economies))


def _edition_files(paths: Sequence[Path]) -> dict[int, Path]:
    """Workbooks by edition, the newest of a re-issued edition.

    A workbook ``econ fetch`` stored in ``<edition>/<date fetched>/`` replaces the one in
    the edition folder (see :func:`econ.manifest.vintage_key`); two of one edition in one
    folder are an error.
    """
    files: dict[int, Path] = {}
    for path in sorted(paths, key=lambda p: (vintage_key(display_path(p)), p)):
        edition = edition_of(path)
        if edition in files and files[edition].parent == path.parent:
            raise RawDataError(display_path(path), expected=f"one workbook of edition {edition}",
                               found=f"also {display_path(files[edition])}",
                               hint="Keep one 'all data' workbook per edition folder.")
        files[edition] = path
    return files


def build_energy_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_ei__yearly_energy_trade`` from every edition's workbook."""
    parts, origin = [], []
    for edition, path in sorted(_edition_files(ctx.files()).items()):
        frame, notes = read_trade(path)
        for note in notes:
            ctx.note(note)
        ctx.note(f"edition {edition}: {display_path(path)}, {len(frame)} rows")
        parts.append(frame)
        origin.append(pd.Series(str(path), index=range(len(frame))))
    trade = pd.concat(parts, ignore_index=True)
    paths = pd.concat(origin, ignore_index=True)
    names = pd.concat([trade["exporter"], trade["importer"]], ignore_index=True)
    codes = _codes(ctx, names, pd.concat([paths, paths], ignore_index=True))
    trade["exporter_iso3"] = codes.iloc[: len(trade)].to_numpy()
    trade["importer_iso3"] = codes.iloc[len(trade):].to_numpy()
    return trade


def build_energy_trade_latest(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_ei__yearly_energy_trade_latest``: the newest edition's value of each flow.

    Flows are matched by code (``Russia`` and ``Russian Federation`` are one exporter);
    within an edition the bilateral matrix is preferred to the inter-regional table.
    Residual rows (``Other ...``, ``Rest of ...``) are left out: what they hold depends on
    which economies a table shows separately, so their values are not comparable between
    editions.
    """
    trade = ctx.table(EI_TRADE)
    aliases = ctx.table(COUNTRY_ALIASES)
    mapping = CodeLookup(aliases, "ei").mapping
    kinds = ctx.table(COUNTRIES, columns=["iso3", "kind"]).set_index("iso3")["kind"]
    trade["exporter_code"] = trade["exporter"].map(mapping)
    trade["importer_code"] = trade["importer"].map(mapping)
    residual = (trade["exporter_code"].map(kinds).eq("residual")
                | trade["importer_code"].map(kinds).eq("residual"))
    trade = trade[~residual].assign(rank=trade["source"].map({MATRIX: 0, TABLE: 1}))
    trade = trade.sort_values(["edition", "rank"], ascending=[False, True], kind="stable")
    latest = trade.drop_duplicates(["year", "exporter_code", "importer_code", "commodity"])
    files = _edition_files(ctx.files())
    for edition, count in latest["edition"].value_counts().sort_index().items():
        ctx.note(f"{count} values from edition {edition}, {display_path(files[edition])}")
    return latest.drop(columns=["exporter_code", "importer_code", "rank"]).reset_index(drop=True)


def build_country_energy(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_ei__yearly_country_energy``: the panel file plus newer editions' sheets."""
    panel_path = ctx.file(_PANEL)
    panel = read_panel(panel_path)
    panel_edition = int(panel["edition"].iloc[0])
    parts, origin = [panel.drop(columns="panel_iso3")], [str(panel_path)] * len(panel)
    ctx.note(f"edition {panel_edition}: {display_path(panel_path)}")
    newer = _edition_files([p for p in ctx.files() if p != panel_path])
    for edition, path in sorted(newer.items()):
        if edition <= panel_edition:
            raise RawDataError(display_path(path), expected="an edition newer than the panel "
                               f"file's ({panel_edition})", found=f"{edition}",
                               hint="Older editions are read from the panel file only.")
        frame = read_country_energy(path)
        ctx.note(f"edition {edition}: {display_path(path)}")
        parts.append(frame)
        origin.extend([str(path)] * len(frame))
    table = pd.concat(parts, ignore_index=True)
    table["iso3"] = _codes(ctx, table["country"], pd.Series(origin)).to_numpy()
    _check_panel_iso3(panel, table, panel_path)
    return table


def _check_panel_iso3(panel: pd.DataFrame, table: pd.DataFrame, path: Path) -> None:
    """The panel's own ISO3 column must agree with the reviewed mapping where both exist."""
    ours = table.loc[table["edition"] == panel["edition"].iloc[0]].drop_duplicates("country")
    ours = ours.set_index("country")["iso3"]
    theirs = panel.drop_duplicates("country").set_index("country")["panel_iso3"]
    both = pd.concat([ours.rename("ours"), theirs.rename("theirs")], axis=1).dropna()
    both = both[(both["theirs"] != "") & (both["ours"] != both["theirs"])]
    if not both.empty:
        name = both.index[0]
        raise RawDataError(display_path(path), column="ISO3166_alpha3",
                           expected=f"the code of econ/etl/reference/ei_names.csv for {name!r} "
                           f"({both['ours'].iloc[0]})", found=repr(both["theirs"].iloc[0]),
                           hint="Review the mapping in ei_names.csv.")
