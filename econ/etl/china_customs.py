"""China customs (GACC) energy imports by origin: Wind exports and the 2020-2026 fuel files.

Two sources, each kept as published, every vintage side by side:

* **Wind exports** (``crea_fossil_shipment_tracker/china_customs_wind/v<YYYY-MM>_*/``),
  three vintages named by their folder. A Wind CSV has header lines ``Name``,
  ``Frequency``, ``Unit``, ``ID``, ``Time Period``, ``Source``, ``Update`` (in an order
  that differs between vintages, sometimes after a ``Wind`` line), then one line per
  month (``2022-05`` or the month's last day ``2022-05-31``), then a source footer. Each
  column is one series, named ``Volume of Imports: <commodity>: <origin>`` (or ``Value``;
  no origin for China's totals). Quirks handled: quoted numbers with thousands separators
  and trailing spaces; units ``kg``, ``ton``, ``10000 tons``, ``USD``, ``USD 10 th``
  (converted to tonnes and US dollars); the 2023-04 vintage writes 0 where the others
  leave a cell empty, so a 0 outside the series' ``Time Period`` is no data, while a
  non-zero value after a stale ``Time Period`` end is kept (2022-08 vintage); a series
  repeated with the same ID and numbers is read once.
* **china-energy-monitor files** (``china_energy_monitor_doiennoson/fuel-imports/``):
  ``comtrade_*`` (UN Comtrade, China reporting, 2020-2024) and ``gacc_*`` (GACC, 2025-),
  ``period`` ``YYYYMM``, ``partner``, ``value_usd_bn`` and, for Comtrade, ``qty_mt``; and
  ``gacc_imports.csv`` with China's totals. The copies are undated: their vintage is the
  month after their newest data, the earliest they can have been taken. A quantity
  column the compiler imputed (one unit value for every partner in a month) is not loaded;
  a value repeated in all twelve months of a year carries a caveat.

China publishes some figures for January and February together. A period written as a
January-February range (``2025-01/02``, ``202501-02``) is kept as one value under
February with ``is_jan_feb_combined``; :func:`split_jan_feb` divides such values into
two months. None of the current files has one: Wind and the fuel files give January
and February separately.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from econ import names
from econ.errors import RawDataError
from econ.etl._read import CodeLookup, display_path, numeric_column, read_csv_checked
from econ.units import convert

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = [
    "COMMODITIES",
    "KEY",
    "WindSeries",
    "annual_totals",
    "build_monthly_energy_imports",
    "newest_vintage",
    "parse_period",
    "read_fuel_file",
    "read_wind_csv",
    "split_jan_feb",
]

#: Wind commodity label (or fuel-file stem) -> econ commodity
COMMODITIES: dict[str, str] = {
    "Crude Oil": "crude",
    "Liquified Natural Gas (LNG)": "lng",
    "Liquified Natural Gas": "lng",
    "Pipeline Carried Natural Gas (Gaseous State)": "pipeline_gas",
    "Natural Gas in Gaseous State": "pipeline_gas",
    "Natural Gas": "pipeline_gas",
    "Coal": "coal",
    "Steam Coal": "coal_steam",
    "Coking Coal": "coal_coking",
    "Anthracite Coal": "coal_anthracite",
    "Lignite": "lignite",
    "Coal and Lignite": "coal_and_lignite",
    "crude_oil": "crude",
    "lng": "lng",
    "pipeline_gas": "pipeline_gas",
    "coal": "coal",
}
#: China's totals in gacc_imports.csv: column prefix -> commodity. The coal total is
#: coal and lignite: the file's HS 2701 coal by origin adds up to about three quarters.
TOTAL_COLUMNS: dict[str, str] = {"coal": "coal_and_lignite", "crude_oil": "crude",
                                 "gas": "natural_gas"}
KEY = ["source", "vintage", "period", "origin_iso3", "commodity"]
_TONNES = {"kg": convert(1.0, "kg", "t"), "ton": 1.0, "10000 tons": convert(10.0, "kt", "t")}
_USD = {"USD": 1.0, "USD 10 th": 10_000.0}
_USD_PER_BILLION = 1e9
_HEADER_LINES = ("Name", "Frequency", "Unit", "ID", "Time Period", "Source", "Update")
_SERIES = re.compile(r"^(?:China: )?(?P<measure>Volume|Value) of Imports: "
                     r"(?P<commodity>[^:(]+(?:\([A-Za-z ]+\))?)\s*(?:\((?P<hs>\d+)\))?"
                     r"(?:: (?P<origin>.+))?$")
_WIND_FOLDER = re.compile(r"^v(\d{4}-\d{2})_")
_FUEL_FILE = re.compile(r"^(comtrade|gacc)_(crude_oil|lng|pipeline_gas|coal)$")
_MONTH = re.compile(r"^(\d{4})-?(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_JAN_FEB = re.compile(r"^(\d{4})(?:-01[/~]02|01-02)$")
_WORLD = "WLD"
_REPEATED = "the compiler repeats one value in every month of this year (a yearly figure " \
            "spread evenly): not a monthly observation"
_DERIVED_JANUARY = "January derived by the compiler as the January-February total minus " \
                   "February (china-energy-monitor README)"


def parse_period(text: str) -> tuple[date, bool]:
    """First day of the month a period label stands for, and whether it is Jan+Feb.

    Parameters
    ----------
    text : str
        ``YYYY-MM``, ``YYYYMM``, a month's last day ``YYYY-MM-DD`` (Wind), or a
        January-February range ``YYYY-01/02``, ``YYYY-01~02`` or ``YYYY01-02`` (filed
        under February).

    Raises
    ------
    ValueError
        For any other text, or a day that is not the month's last.

    Examples
    --------
    >>> parse_period("2022-05-31")
    (datetime.date(2022, 5, 1), False)
    >>> parse_period("202501-02")
    (datetime.date(2025, 2, 1), True)
    """
    text = text.strip()
    if match := _JAN_FEB.match(text):
        return date(int(match.group(1)), 2, 1), True
    if (match := _MONTH.match(text)) and 1 <= int(match.group(2)) <= 12:
        return date(int(match.group(1)), int(match.group(2)), 1), False
    if (match := _DAY.match(text)) and 1 <= int(match.group(2)) <= 12:
        year, month, day = (int(g) for g in match.groups())
        if day == calendar.monthrange(year, month)[1]:
            return date(year, month, 1), False
    raise ValueError(f"{text!r} is not a month (YYYY-MM, YYYYMM, the month's last day "
                     "YYYY-MM-DD, or a January-February range YYYY-01/02)")


def _periods(labels: Sequence[str], path: Path, lines: Sequence[int],
             column: str) -> tuple[list[date], list[bool]]:
    periods, combined = [], []
    for label, line in zip(labels, lines, strict=True):
        try:
            period, both = parse_period(label)
        except ValueError as exc:
            raise RawDataError(display_path(path), row=line, column=column,
                               expected="a month (YYYY-MM, YYYYMM, the month's last day or "
                               "a January-February range)", found=repr(label)) from exc
        periods.append(period)
        combined.append(both)
    return periods, combined


def _check_months(keys: pd.DataFrame, periods: Sequence[date], combined: Sequence[bool],
                  path: Path, first_line: int) -> None:
    """Each month once per series, and no January beside a January+February value.

    ``keys`` holds the series columns of each line (no columns for a Wind file, whose
    lines are months); line ``k`` of the data is line ``first_line + k`` of the file.
    """
    keys = keys.reset_index(drop=True)
    months = pd.Series(pd.to_datetime(list(periods)))
    both = pd.Series(list(combined), dtype=bool)
    claimed = pd.concat([keys.assign(_month=months),  # a combined value claims January too
                         keys[both.to_numpy()].assign(_month=months[both] - pd.DateOffset(
                             months=1))], ignore_index=True)
    dup = claimed.duplicated(keep=False).to_numpy()
    if dup.any():
        k = int(np.flatnonzero(dup[: len(keys)])[-1])
        series = f" for {keys.iloc[k].to_dict()}" if len(keys.columns) else ""
        raise RawDataError(display_path(path), row=first_line + k, expected="each month once",
                           found=f"{months.iloc[k]:%Y-%m} again{series}",
                           hint="Remove the repeated line, or check the export.")


# --------------------------------------------------------------------------- Wind


@dataclass(frozen=True)
class WindSeries:
    """One column of a Wind export: what it measures and the months it claims to cover."""

    name: str
    measure: Literal["Volume", "Value"]
    commodity: str
    origin: str
    unit: str
    series_id: str
    first: date
    last: date


def _wind_lines(path: Path) -> list[list[str]]:
    data = path.read_bytes() if path.is_file() else None
    if not data or not data.strip():
        raise RawDataError(display_path(path), expected="a Wind CSV export",
                           found="no file" if data is None else "an empty file",
                           hint="Copy it byte-for-byte from ../shared/data/raw.")
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), strict=True))
    except UnicodeDecodeError as exc:
        raise RawDataError(display_path(path), expected="UTF-8 text",
                           found=f"undecodable bytes ({exc.reason} at byte {exc.start})") from exc
    except csv.Error as exc:
        raise RawDataError(display_path(path), expected="well-formed CSV",
                           found=f"a parse error ({exc})",
                           hint="The file may be truncated.") from exc


@dataclass(frozen=True)
class _WindHeader:
    """The header lines of a Wind export by label.

    With their 1-based line numbers, and the index of the first data line.
    """

    cells: dict[str, list[str]]
    line: dict[str, int]
    first: int


def _wind_header(path: Path, lines: list[list[str]]) -> _WindHeader:
    header: dict[str, list[str]] = {}
    line_of: dict[str, int] = {}
    for i, line in enumerate(lines[:12]):
        label = line[0].strip() if line else ""
        if label in _HEADER_LINES:
            header[label] = [c.strip() for c in line]
            line_of[label] = i + 1
        elif header and label:
            missing = [h for h in _HEADER_LINES if h not in header]
            if missing:
                raise RawDataError(display_path(path), row=i + 1, column="A",
                                   expected=f"the header lines {list(_HEADER_LINES)}",
                                   found=f"{label!r} before {missing}",
                                   hint="Is this a Wind export? Has the header changed?")
            widths = {len(v) for v in header.values()}
            if len(widths) != 1:
                raise RawDataError(display_path(path), row=i, expected="header lines of equal "
                                   "length", found=f"lengths {sorted(widths)}")
            return _WindHeader(header, line_of, i)
    raise RawDataError(display_path(path), row=1, expected=f"the header lines "
                       f"{list(_HEADER_LINES)} followed by monthly lines",
                       found=f"{[line[:1] for line in lines[:8]]}",
                       hint="Is this a Wind export?")


def _wind_series(path: Path, header: _WindHeader, j: int) -> WindSeries:
    name = header.cells["Name"][j]
    match = _SERIES.match(name)
    commodity = COMMODITIES.get(match.group("commodity").strip()) if match else None
    unit = header.cells["Unit"][j]
    units = _TONNES if match and match.group("measure") == "Volume" else _USD
    if match is None or commodity is None or unit not in units:
        raise RawDataError(display_path(path), row=header.line["Name"],
                           column=name or f"#{j + 1}",
                           expected="a series 'Volume|Value of Imports: <commodity>[: <origin>]'"
                           f" with a commodity of {sorted(COMMODITIES)} and a unit of "
                           f"{sorted(units)}", found=f"{name!r} in {unit!r}",
                           hint="A new series or unit must be added to econ/etl/"
                           "china_customs.py.")
    try:
        first_text, last_text = header.cells["Time Period"][j].split(":")
        first, last = parse_period(first_text)[0], parse_period(last_text)[0]
    except ValueError as exc:
        raise RawDataError(display_path(path), row=header.line["Time Period"],
                           column=name, expected="a Time Period like '2004-04:2023-02'",
                           found=repr(header.cells["Time Period"][j])) from exc
    return WindSeries(name, match.group("measure"), commodity,  # type: ignore[arg-type]
                      (match.group("origin") or _WORLD).strip(), unit, header.cells["ID"][j],
                      first, last)


def read_wind_csv(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """Read one Wind export into monthly rows, and notes on what was dropped or kept.

    Returns
    -------
    frame : DataFrame
        ``period, origin, commodity, quantity_t, value_usd, is_jan_feb_combined``;
        ``origin`` is Wind's name (``WLD`` for China's totals), quantities in tonnes and
        values in US dollars converted from the series' units.
    notes : list of str

    Raises
    ------
    RawDataError
        On a missing header line, an unknown series or unit, a truncated line, a garbled
        number, a month that is not a month, or a repeated month.

    Examples
    --------
    >>> frame, notes = read_wind_csv(Path("china_imports_wind.csv"))  # doctest: +SKIP
    """
    lines = _wind_lines(path)
    header = _wind_header(path, lines)
    first = header.first
    width = len(header.cells["Name"])
    rows = [(i, line) for i, line in enumerate(lines[first:], start=first)
            if line and line[0].strip()[:4].isdigit()]
    for i, line in rows:
        if len(line) != width:
            raise RawDataError(display_path(path), row=i + 1, expected=f"{width} fields",
                               found=f"{len(line)}", hint="Is the file truncated?")
    labels = [line[0] for _, line in rows]
    periods, combined = _periods(labels, path, [i + 1 for i, _ in rows], "Name")
    _check_months(pd.DataFrame(index=range(len(rows))), periods, combined, path, first + 1)
    infos = [_wind_series(path, header, j) for j in range(1, width)]
    claimed = max(info.last for info in infos)
    if not periods or max(periods) < claimed:
        raise RawDataError(display_path(path), row=(rows[-1][0] + 1) if rows else first + 1,
                           expected=f"monthly lines up to {claimed:%Y-%m}, the end of the "
                           "series' Time Period", found=f"the last line is for "
                           f"{max(periods):%Y-%m}" if periods else "no monthly lines",
                           hint="Is the file truncated?")
    notes: list[str] = []
    series: dict[tuple[str, str, str], tuple[WindSeries, pd.Series]] = {}
    block = _wind_numbers(path, [line[1:] for _, line in rows], infos, first)
    for j, info in enumerate(infos):
        values = _drop_filled_zeros(pd.Series(block[:, j]), info, periods, notes, path)
        values = values * (_TONNES | _USD)[info.unit]
        key = (info.measure, info.commodity, info.origin)
        if key in series:
            before, kept = series[key]
            if before.series_id != info.series_id or not kept.equals(values):
                raise RawDataError(display_path(path), column=info.name,
                                   expected="each series once (or repeated with the same ID "
                                   "and numbers)", found=f"{before.series_id} and "
                                   f"{info.series_id} with different numbers")
            notes.append(f"{display_path(path)}: series {info.series_id} ({info.name}) "
                         "repeated column for column; read once")
            continue
        series[key] = (info, values)
    return _pair_series(series, periods, combined), notes


def _wind_numbers(path: Path, cells: list[list[str]], infos: list[WindSeries],
                  first: int) -> np.ndarray:
    """Months x series array of the numbers (thousands separators, spaces, empty cells)."""
    text = pd.Series(np.asarray(cells, dtype=object).ravel(), dtype=object)
    text = text.str.strip().str.replace(",", "", regex=False)
    values = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64")
    bad = np.isnan(values) & (text != "").to_numpy()
    if bad.any():
        i, j = divmod(int(np.flatnonzero(bad)[0]), len(infos))
        raise RawDataError(display_path(path), row=first + i + 1, column=infos[j].name,
                           expected="a number or an empty cell", found=repr(cells[i][j]),
                           hint="Is the line garbled or truncated?")
    return np.asarray(values.reshape(len(cells), len(infos)), dtype="float64")


def _drop_filled_zeros(values: pd.Series, info: WindSeries, periods: list[date],
                       notes: list[str], path: Path) -> pd.Series:
    """Zeros outside the series' Time Period are Wind's filler, not observations."""
    period = pd.Series(periods, index=values.index)
    outside = (period < info.first) | (period > info.last)
    values = values.mask(outside & (values == 0))
    late = outside & values.notna()
    if late.any():
        notes.append(f"{display_path(path)}: {int(late.sum())} values of {info.series_id} "
                     f"({info.name}) lie outside its Time Period "
                     f"{info.first:%Y-%m}:{info.last:%Y-%m}; kept (the header is older than "
                     "the data)")
    return values


def _pair_series(series: dict[tuple[str, str, str], tuple[WindSeries, pd.Series]],
                 periods: list[date], combined: list[bool]) -> pd.DataFrame:
    """One row per month, origin and commodity with its volume and value side by side."""
    parts = []
    for commodity, origin in sorted({(c, o) for _, c, o in series}):
        volume = series.get(("Volume", commodity, origin))
        value = series.get(("Value", commodity, origin))
        frame = pd.DataFrame({
            "period": periods,
            "origin": origin,
            "commodity": commodity,
            "quantity_t": volume[1].to_numpy() if volume else np.nan,
            "value_usd": value[1].to_numpy() if value else np.nan,
            "is_jan_feb_combined": combined,
        })
        parts.append(frame[frame[["quantity_t", "value_usd"]].notna().any(axis=1)])
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------- fuel files


def _vintage_after(periods: pd.Series) -> str:
    newest = pd.Timestamp(max(periods))
    return f"{newest + pd.DateOffset(months=1):%Y-%m}"


def _imputed(raw: pd.DataFrame, path: Path) -> bool:
    """The quantity is imputed when, in every month, all partners share one unit value."""
    if "value_per_mt_usd" not in raw:
        return False
    unit = numeric_column(raw, "value_per_mt_usd", path)
    per_month = unit.groupby(raw["period"]).agg(["size", "nunique"])
    per_month = per_month[per_month["size"] > 1]
    return bool(len(per_month) and (per_month["nunique"] == 1).all())


def _repeated_months(frame: pd.DataFrame) -> pd.Series:
    """Rows of a partner-year whose twelve months all hold the same positive value."""
    year = pd.to_datetime(frame["period"]).dt.year
    groups = frame.assign(year=year).groupby(["origin", "commodity", "year"])["value_usd"]
    same = (groups.transform("count") == 12) & (groups.transform("nunique") == 1)
    return same & (frame["value_usd"] > 0)


def read_fuel_file(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """Read one china-energy-monitor file.

    The file is ``comtrade_<fuel>.csv``, ``gacc_<fuel>.csv`` or ``gacc_imports.csv``.

    Returns
    -------
    frame : DataFrame
        ``period, origin, commodity, quantity_t, value_usd, is_jan_feb_combined, caveat``
        with values converted from billions of US dollars and millions of tonnes.
    notes : list of str

    Raises
    ------
    RawDataError
        On a missing column, a garbled number, a month that is not a month, a repeated
        month, or an unknown file name.
    """
    if path.stem == "gacc_imports":
        frame, notes = _read_totals(path)
    else:
        match = _FUEL_FILE.match(path.stem)
        if match is None:
            raise RawDataError(display_path(path), expected="a file named comtrade_<fuel>.csv, "
                               "gacc_<fuel>.csv or gacc_imports.csv", found=repr(path.name))
        frame, notes = _read_by_origin(path, COMMODITIES[match.group(2)])
    return frame, notes


def _read_by_origin(path: Path, commodity: str) -> tuple[pd.DataFrame, list[str]]:
    raw = read_csv_checked(path, required=["period", "partner", "value_usd_bn"])
    periods, combined = _periods(list(raw["period"]), path, list(range(2, len(raw) + 2)),
                                 "period")
    _check_months(raw[["partner"]], periods, combined, path, 2)
    frame = pd.DataFrame({
        "period": periods,
        "origin": raw["partner"].str.strip(),
        "commodity": commodity,
        "quantity_t": convert(numeric_column(raw, "qty_mt", path), "mt", "t")
        if "qty_mt" in raw else np.nan,
        "value_usd": numeric_column(raw, "value_usd_bn", path) * _USD_PER_BILLION,
        "is_jan_feb_combined": combined,
    })
    if frame["value_usd"].isna().any():
        k = int(np.flatnonzero(frame["value_usd"].isna().to_numpy())[0])
        raise RawDataError(display_path(path), row=k + 2, column="value_usd_bn",
                           expected="a value on every line", found="an empty cell",
                           hint="Is the line truncated?")
    notes = []
    if "qty_mt" in raw and _imputed(raw, path):
        frame["quantity_t"] = np.nan
        notes.append(f"{display_path(path)}: qty_mt not loaded: one unit value for every "
                     "partner in each month shows the compiler imputed it")
    repeated = _repeated_months(frame)
    frame["caveat"] = np.where(repeated, _REPEATED, "")
    if repeated.any():
        notes.append(f"{display_path(path)}: {int(repeated.sum())} rows repeat one value in "
                     "all twelve months of a year; caveat set")
    return frame, notes


def _read_totals(path: Path) -> tuple[pd.DataFrame, list[str]]:
    columns = [f"{p}_{u}" for p in TOTAL_COLUMNS for u in ("mt", "usd_bn")]
    raw = read_csv_checked(path, required=["period", *columns])
    periods, combined = _periods(list(raw["period"]), path, list(range(2, len(raw) + 2)),
                                 "period")
    _check_months(pd.DataFrame(index=raw.index), periods, combined, path, 2)
    january = pd.Series([p.month == 1 and not c for p, c in zip(periods, combined,
                                                                    strict=True)])
    parts = [pd.DataFrame({
        "period": periods,
        "origin": _WORLD,
        "commodity": commodity,
        "quantity_t": convert(numeric_column(raw, f"{prefix}_mt", path), "mt", "t"),
        "value_usd": numeric_column(raw, f"{prefix}_usd_bn", path) * _USD_PER_BILLION,
        "is_jan_feb_combined": combined,
        "caveat": np.where(january, _DERIVED_JANUARY, ""),
    }) for prefix, commodity in TOTAL_COLUMNS.items()]
    return pd.concat(parts, ignore_index=True), []


# --------------------------------------------------------------------------- builder


def build_monthly_energy_imports(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_china_customs__monthly_energy_imports`` from every vintage."""
    parts = []
    for path in ctx.files():
        wind = _WIND_FOLDER.match(path.parent.name)
        if wind:
            frame, notes = read_wind_csv(path)
            frame = frame.assign(source="wind", vintage=wind.group(1), caveat="")
        elif path.parent.name == "fuel-imports":
            frame, notes = read_fuel_file(path)
            frame = frame.assign(source=path.stem.split("_")[0],
                                 vintage=_vintage_after(frame["period"]))
        else:
            raise RawDataError(display_path(path), expected="a file in a Wind vintage folder "
                               "(v<YYYY-MM>_...) or in fuel-imports/", found="another folder")
        for note in notes:
            ctx.note(note)
        parts.append(frame.assign(path=str(path)))
    table = pd.concat(parts, ignore_index=True)
    lookup = CodeLookup(ctx.table(names.COUNTRY_ALIASES), "china_customs")
    for path, group in table.groupby("path"):
        lookup.check([o for o in group["origin"].unique() if o != _WORLD], path=Path(path))
    table["origin_iso3"] = np.where(table["origin"] == _WORLD, _WORLD,
                                    table["origin"].map(lookup.mapping))
    table["period"] = pd.to_datetime(table["period"])
    return table.drop(columns=["origin", "path"])


# --------------------------------------------------------------------------- views


def newest_vintage(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep, for each month, origin and commodity, the row of the newest vintage.

    Vintages are ``YYYY-MM`` labels, so the newest is the largest; between sources of
    the same vintage GACC's own files come first, then UN Comtrade, then Wind.

    Parameters
    ----------
    frame : DataFrame
        ``core_china_customs__monthly_energy_imports`` or a subset of it.

    Returns
    -------
    DataFrame
        One row per ``(period, origin_iso3, commodity)``, with the ``source`` and
        ``vintage`` it came from.

    Examples
    --------
    >>> imports = econ.load("core_china_customs__monthly_energy_imports")  # doctest: +SKIP
    >>> newest_vintage(imports[imports.origin_iso3 == "RUS"])  # doctest: +SKIP
    """
    order = {"gacc": 0, "comtrade": 1, "wind": 2}
    ranked = frame.assign(_source_rank=frame["source"].map(order).fillna(len(order)))
    ranked = ranked.sort_values(["vintage", "_source_rank"], ascending=[False, True],
                                kind="stable")
    newest = ranked.drop_duplicates(["period", "origin_iso3", "commodity"])
    return newest.drop(columns="_source_rank").sort_values(
        ["origin_iso3", "commodity", "period"]).reset_index(drop=True)


def split_jan_feb(frame: pd.DataFrame, *, weights: Literal["days", "equal"] = "days",
                  columns: Sequence[str] = ("quantity_t", "value_usd")) -> pd.DataFrame:
    """Split each January+February value into a January and a February row.

    China publishes some figures for the first two months together; such a row has
    ``is_jan_feb_combined`` and February as its period. Its values are divided between
    January and February in proportion to the days of each month (31 and 28 or 29) or
    equally, which keeps every total: the two new rows add up to the published value.

    Parameters
    ----------
    frame : DataFrame
        Rows with ``period`` (first day of the month), ``is_jan_feb_combined`` and the
        value ``columns``.
    weights : {"days", "equal"}
        ``"days"`` assumes a constant daily flow (pipelines); ``"equal"`` halves.
    columns : sequence of str
        Value columns to divide; every other column is copied.

    Returns
    -------
    DataFrame
        The rows without a combined value unchanged, and two rows for each combined
        one, with ``is_jan_feb_combined`` False and ``caveat`` saying it was split.

    Examples
    --------
    >>> frame = pd.DataFrame({"period": pd.to_datetime(["2025-02-01"]),
    ...                       "is_jan_feb_combined": [True], "value_usd": [59.0]})
    >>> split_jan_feb(frame, columns=["value_usd"])["value_usd"].round(9).tolist()
    [31.0, 28.0]
    """
    combined = frame["is_jan_feb_combined"].astype(bool)
    if not combined.any():
        return frame.copy()
    both = frame[combined]
    period = pd.to_datetime(both["period"])
    if (period.dt.month != 2).any():
        raise ValueError("a row with is_jan_feb_combined must have February as its period; "
                         f"found {sorted(set(period.dt.strftime('%Y-%m')))}")
    february_days = np.where(period.dt.is_leap_year, 29, 28)
    share = np.full(len(both), 0.5) if weights == "equal" else 31 / (31 + february_days)
    note = f"January and February split from their combined value ({weights})"
    january = both.assign(period=period - pd.DateOffset(months=1))
    february = both.copy()
    for column in columns:
        january[column] = both[column] * share
        february[column] = both[column] - january[column]
    split = pd.concat([january, february]).assign(is_jan_feb_combined=False)
    if "caveat" in split:
        split["caveat"] = split["caveat"].where(split["caveat"] == "",
                                                split["caveat"] + "; ") + note
    out = pd.concat([frame[~combined], split], ignore_index=True)
    return out.sort_values([c for c in ("source", "vintage", "origin_iso3", "commodity",
                                        "period") if c in out]).reset_index(drop=True)


def annual_totals(frame: pd.DataFrame, *, columns: Sequence[str] = ("quantity_t",
                                                                    "value_usd")) -> pd.DataFrame:
    """Sum months into calendar years, counting a January+February value once.

    Parameters
    ----------
    frame : DataFrame
        Monthly rows of one vintage per month (e.g. :func:`newest_vintage`).
    columns : sequence of str
        Value columns to sum; a year's sum is missing when all its months are.

    Returns
    -------
    DataFrame
        ``year, origin_iso3, commodity`` with the summed ``columns`` and ``months``,
        the number of months covered (a combined value counts as two).

    Raises
    ------
    ValueError
        If a month appears twice for one origin and commodity (several vintages mixed).

    Examples
    --------
    >>> annual_totals(newest_vintage(imports))  # doctest: +SKIP
    """
    keys = ["origin_iso3", "commodity"]
    dup = frame.duplicated([*keys, "period"])
    if dup.any():
        example = frame[dup].iloc[0][[*keys, "period"]].to_dict()
        raise ValueError("several rows for one month: pick one vintage per month first "
                         f"(newest_vintage); e.g. {example}")
    period = pd.to_datetime(frame["period"])
    months = np.where(frame["is_jan_feb_combined"], 2, 1)
    grouped = frame.assign(year=period.dt.year, months=months).groupby(["year", *keys])
    sums = grouped[list(columns)].sum(min_count=1)
    return sums.join(grouped["months"].sum()).reset_index()
