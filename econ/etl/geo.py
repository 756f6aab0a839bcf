"""CEPII GeoDist country file (``geo_cepii.xls``): coordinates, languages, colonial ties.

One row per country and city: CEPII gives each country's capital and, where it differs,
its main city (13 countries, e.g. the United States: Washington, DC and New York). Layout
checked, not assumed: one sheet ``geo_cepii``, a header row with the column names below,
one row per country-city; ``"."`` marks an empty language or colonizer slot.

Quirks handled:

* CEPII's codes predate some ISO 3166 changes: ``ROM`` (Romania), ``ZAR`` (DR Congo),
  ``TMP`` (Timor-Leste), ``PAL`` (Palestine) and ``YUG`` (Serbia and Montenegro) are
  written as today's ``ROU``, ``COD``, ``TLS``, ``PSE`` and ``SRB``, in the country and in
  the colonizer columns alike; the code CEPII wrote is kept in ``source_code``.
* Tanzania's capital row is named "Dar es Salaam" but has Dodoma's coordinates (the
  main-city row is Dar es Salaam): kept as published; rows are keyed by country and
  ``is_main_city``, never by city name.
* Contiguity and the pair distances (``dist_cepii.xls``) are not in this file; econ
  computes great-circle distances from the coordinates (``econ.gravity.geography``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import display_path, read_sheet

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["GEO_FILE", "LEGACY_CODES", "build_geo_countries", "read_geo_cepii"]

GEO_FILE = "cepii_geodist/geo_cepii.xls"
SHEET = "geo_cepii"
#: CEPII code -> ISO 3166-1 alpha-3 code used by econ
LEGACY_CODES = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "PAL": "PSE", "YUG": "SRB"}
_REQUIRED = ("iso3", "country", "area", "dis_int", "landlocked", "continent", "city_en",
             "lat", "lon", "cap", "maincity", "langoff_1", "langoff_2", "langoff_3",
             "colonizer1", "colonizer2", "colonizer3", "colonizer4")
_EMPTY = "."


def _header(rows: list[list[object]], path: Path) -> dict[str, int]:
    header = [str(v).strip() for v in rows[0]] if rows else []
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise RawDataError(display_path(path), sheet=SHEET, row=1,
                           expected=f"the CEPII GeoDist header with columns {list(_REQUIRED)}",
                           found=f"{header[:8]}… without {missing}",
                           hint="Is this CEPII's geo_cepii.xls?")
    return {name: header.index(name) for name in _REQUIRED}


def _numbers(frame: pd.DataFrame, column: str, path: Path, low: float, high: float
             ) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.isna() | (values < low) | (values > high)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise RawDataError(display_path(path), sheet=SHEET, row=i + 2, column=column,
                           expected=f"a number from {low} to {high}",
                           found=repr(frame[column].iloc[i]))
    return values.astype("float64")


def _joined(frame: pd.DataFrame, columns: list[str], recode: dict[str, str] | None = None
            ) -> pd.Series:
    """Non-empty slots of ``columns`` joined with ';' (CEPII writes '.' for empty)."""
    def join(row: pd.Series) -> str:
        items = [str(v).strip() for v in row if str(v).strip() not in ("", _EMPTY)]
        return ";".join(recode.get(v, v) if recode else v for v in items)
    return frame[columns].apply(join, axis=1)


def read_geo_cepii(path: Path) -> pd.DataFrame:
    """Read CEPII's ``geo_cepii.xls``: one row per country and city.

    Parameters
    ----------
    path : Path
        The GeoDist country file.

    Returns
    -------
    pandas.DataFrame
        ``iso3, source_code, country, city, lat_deg, lon_deg, is_capital, is_main_city,
        area_km2, internal_distance_km, is_landlocked, continent, official_languages,
        colonizers`` (languages and colonizer ISO3 codes joined with ';').

    Raises
    ------
    RawDataError
        On a missing file or sheet, a renamed header, a coordinate out of range, or a
        country without exactly one main-city row and at most one other row.

    Examples
    --------
    >>> geo = read_geo_cepii(Path("data/raw/cepii_geodist/geo_cepii.xls"))  # doctest: +SKIP
    >>> geo.loc[geo["iso3"] == "RUS", ["city", "lat_deg", "lon_deg"]]  # doctest: +SKIP
    """
    rows = read_sheet(path, SHEET).rows
    columns = _header(rows, path)
    body = [r for r in rows[1:] if any(str(v).strip() for v in r)]
    if not body:
        raise RawDataError(display_path(path), sheet=SHEET, row=2,
                           expected="one row per country", found="no data rows")
    raw = pd.DataFrame([[r[j] if j < len(r) else "" for j in columns.values()] for r in body],
                       columns=list(columns))
    code = raw["iso3"].astype(str).str.strip()
    frame = pd.DataFrame({
        "iso3": code.replace(LEGACY_CODES),
        "source_code": code,
        "country": raw["country"].astype(str).str.strip(),
        "city": raw["city_en"].astype(str).str.strip(),
        "lat_deg": _numbers(raw, "lat", path, -90.0, 90.0),
        "lon_deg": _numbers(raw, "lon", path, -180.0, 180.0),
        # CEPII codes 2 for a second or former capital (Lagos, Almaty, Cape Town ...)
        "is_capital": _numbers(raw, "cap", path, 0.0, 2.0) == 1,
        "is_main_city": _numbers(raw, "maincity", path, 0.0, 1.0) == 1,
        "area_km2": _numbers(raw, "area", path, 0.0, 2e7),
        "internal_distance_km": _numbers(raw, "dis_int", path, 0.0, 5e3),
        "is_landlocked": _numbers(raw, "landlocked", path, 0.0, 1.0) == 1,
        "continent": raw["continent"].astype(str).str.strip(),
        "official_languages": _joined(raw, ["langoff_1", "langoff_2", "langoff_3"]),
        "colonizers": _joined(raw, ["colonizer1", "colonizer2", "colonizer3", "colonizer4"],
                              LEGACY_CODES),
    })
    _check_rows(frame, path)
    return frame


def _check_rows(frame: pd.DataFrame, path: Path) -> None:
    dup = frame.duplicated(["iso3", "is_main_city"], keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise RawDataError(display_path(path), sheet=SHEET, row=i + 2, column="maincity",
                           expected="one main-city row and at most one other row per country",
                           found=f"a second {'main' if frame['is_main_city'].iloc[i] else 'other'}"
                           f" row for {frame['iso3'].iloc[i]}")
    mains = frame.groupby("iso3", sort=False)["is_main_city"].sum()
    if (mains != 1).any():
        iso3 = str(mains.index[(mains != 1).to_numpy()][0])
        raise RawDataError(display_path(path), sheet=SHEET, column="maincity",
                           row=int(np.flatnonzero((frame["iso3"] == iso3).to_numpy())[0]) + 2,
                           expected=f"exactly one main city for {iso3}",
                           found=f"{int(mains[iso3])}")


def build_geo_countries(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_cepii__geo_countries`` from the declared GeoDist file."""
    path = ctx.file(GEO_FILE)
    frame = read_geo_cepii(path)
    renamed = sorted(set(frame.loc[frame["iso3"] != frame["source_code"], "source_code"]))
    if renamed:
        ctx.note(f"CEPII codes {renamed} written as today's ISO3 codes "
                 f"{[LEGACY_CODES[c] for c in renamed]}")
    return frame.assign(source_file=display_path(path))
