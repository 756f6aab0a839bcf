"""IMF International Trade in Goods by partner country (IMTS), SDMX 3.0 data messages.

IMTS replaced the Direction of Trade Statistics when the IMF switched its old data
service off in 2025. ``econ fetch imf_imts`` stores the API's answers as they came: an
SDMX-JSON 2.0 data message (``{"data": {"dataSets": ..., "structures": ...}}``) or
SDMX-CSV. A series key is ``COUNTRY.INDICATOR.COUNTERPART_COUNTRY.FREQUENCY`` with ISO3
country codes (``G001`` is the world), e.g. ``CHN.XG_FOB_USD.RUS.M``. Indicators read:
``XG_FOB_USD`` (exports, FOB), ``MG_CIF_USD`` (imports, CIF), ``MG_FOB_USD`` (imports,
FOB); ``TBG_USD`` (the balance) is derived and skipped. A ``SCALE`` attribute, when
present, is a power of ten applied to ``OBS_VALUE``. Periods are ``2026-M03`` (monthly)
or ``2025`` (annual).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import display_path, numeric_column, read_csv_checked
from econ.manifest import vintage_key

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = [
    "DIMENSIONS",
    "INDICATORS",
    "WORLD",
    "build_monthly_bilateral_trade",
    "build_yearly_bilateral_trade",
    "read_imts",
    "read_sdmx_json",
]

#: IMTS indicator -> (flow seen from the reporter, valuation)
INDICATORS: dict[str, tuple[str, str]] = {
    "XG_FOB_USD": ("exports", "fob"),
    "MG_CIF_USD": ("imports", "cif"),
    "MG_FOB_USD": ("imports", "fob"),
}
_DERIVED = {"TBG_USD"}
DIMENSIONS = ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY")
#: IMF's code for the world, mapped to econ's group code
WORLD = {"G001": "WLD"}
_MONTH = re.compile(r"^(\d{4})-M(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def _load_json(path: Path) -> dict[str, Any]:
    try:
        message = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        raise RawDataError(display_path(path), expected="an SDMX-JSON data message",
                           found=f"text that does not parse as JSON ({exc})",
                           hint="The download may be cut short: fetch it again.") from None
    if not isinstance(message, dict) or not isinstance(message.get("data"), dict):
        raise RawDataError(display_path(path), expected="a JSON object with a 'data' member "
                           "(SDMX-JSON data message)", found=repr(str(message)[:80]))
    return message


def _values(component: dict[str, Any]) -> list[str]:
    return [str(v.get("id", v.get("value", ""))) for v in component.get("values", [])]


def read_sdmx_json(path: Path) -> pd.DataFrame:
    """Observations of an SDMX-JSON 2.0 data message, one row each.

    Returns
    -------
    DataFrame
        One text column per series and observation dimension (by id), one per series
        attribute, and ``OBS_VALUE`` as text (empty frame when the message holds no
        series).

    Raises
    ------
    RawDataError
        If the file is not an SDMX-JSON data message, a series key does not match its
        dimensions, or an index points past a code list.

    Examples
    --------
    >>> read_sdmx_json(Path("imfdata_get_data_cpi.json"))  # doctest: +SKIP
    """
    data = _load_json(path)["data"]
    structures, datasets = data.get("structures") or [], data.get("dataSets") or []
    if not structures or not datasets:
        raise RawDataError(display_path(path), expected="'structures' and 'dataSets' in the "
                           "data member", found=f"keys {sorted(data)}")
    dims = structures[0].get("dimensions", {})
    series_dims = sorted(dims.get("series", []), key=lambda d: d.get("keyPosition", 0))
    obs_dims = dims.get("observation", [])
    attrs = structures[0].get("attributes", {}).get("series", [])
    names = [d["id"] for d in series_dims]
    codes = [_values(d) for d in series_dims]
    obs_names = [d["id"] for d in obs_dims]
    obs_codes = [_values(d) for d in obs_dims]
    rows: list[list[str]] = []
    for key, series in (datasets[0].get("series") or {}).items():
        try:
            positions = [int(k) for k in key.split(":")]
            labels = [codes[i][k] for i, k in enumerate(positions)]
            if len(positions) != len(names):
                raise IndexError
            extra = [_values(a)[int(v)] if v is not None and _values(a) else ""
                     for a, v in zip(attrs, series.get("attributes", []), strict=False)]
            extra += [""] * (len(attrs) - len(extra))
            for obs_key, obs in (series.get("observations") or {}).items():
                obs_labels = [obs_codes[i][int(k)] for i, k in enumerate(obs_key.split(":"))]
                value = obs[0] if obs else None
                rows.append([*labels, *obs_labels, *extra, "" if value is None else str(value)])
        except (IndexError, ValueError):
            raise RawDataError(display_path(path), expected=f"series keys of {len(names)} "
                               f"indices into the codes of {names}", found=repr(key),
                               hint="The message is damaged or not SDMX-JSON 2.0.") from None
    columns = [*names, *obs_names, *(a["id"] for a in attrs), "OBS_VALUE"]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _read_frame(path: Path) -> pd.DataFrame:
    with open(path, "rb") as fh:
        first = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first == b"{":
        return read_sdmx_json(path)
    return read_csv_checked(path, required=[*DIMENSIONS, "TIME_PERIOD", "OBS_VALUE"])


def _code(code: str) -> str | None:
    code = WORLD.get(code, code)
    return code if _ISO3.match(code) else None


def read_imts(path: Path) -> pd.DataFrame:
    """Read an IMTS data message (SDMX-JSON or SDMX-CSV) into tidy rows.

    Returns
    -------
    DataFrame
        ``reporter_iso3, partner_iso3`` (ISO3; the world is ``WLD``; other IMF
        aggregates are left out), ``flow``, ``valuation``, ``frequency`` (``M``/``A``),
        ``period`` (first day of the month; the year's first day for annual rows),
        ``value_usd`` (US dollars, ``SCALE`` applied).

    Raises
    ------
    RawDataError
        If the message holds no observations (an empty result is an error, never an
        empty table), lacks a dimension, or has an unknown indicator, a period that is
        neither monthly nor annual, or a value that is not a number.
    """
    raw = _read_frame(path)
    shown = display_path(path)
    missing = [d for d in (*DIMENSIONS, "TIME_PERIOD") if d not in raw.columns]
    if missing:
        raise RawDataError(shown, expected=f"the IMTS dimensions {list(DIMENSIONS)} and "
                           "TIME_PERIOD", found=f"columns {list(raw.columns)[:8]}",
                           hint="Is this an IMF IMTS answer?")
    raw = raw[~raw["INDICATOR"].isin(_DERIVED)].reset_index(drop=True)
    if raw.empty:
        raise RawDataError(shown, expected="IMTS observations", found="none (an empty "
                           "result)", hint="The query matched no series: check its key.")
    unknown = sorted(set(raw["INDICATOR"]) - set(INDICATORS))
    if unknown:
        raise RawDataError(shown, column="INDICATOR", expected=f"one of {list(INDICATORS)}",
                           found=repr(unknown[0]), hint="A new indicator must be mapped "
                           "in econ/etl/imts.py.")
    periods = raw["TIME_PERIOD"].astype(str)
    monthly, annual = periods.str.extract(_MONTH), periods.str.extract(_YEAR)
    bad = monthly[0].isna() & annual[0].isna()
    if bad.any():
        raise RawDataError(shown, column="TIME_PERIOD", expected="a month like '2026-M03' or "
                           "a year like '2025'", found=repr(periods[bad].iloc[0]))
    year = monthly[0].fillna(annual[0]).astype("int64")
    month = monthly[1].fillna("1").astype("int64")
    value = numeric_column(raw, "OBS_VALUE", path)
    if "SCALE" in raw.columns:
        scale = pd.to_numeric(raw["SCALE"].replace("", "0"), errors="coerce").fillna(0)
        value = value * np.power(10.0, scale.to_numpy())
    flows = raw["INDICATOR"].map(lambda c: INDICATORS[c][0])
    frame = pd.DataFrame({
        "reporter_iso3": raw["COUNTRY"].map(_code),
        "partner_iso3": raw["COUNTERPART_COUNTRY"].map(_code),
        "flow": flows,
        "valuation": raw["INDICATOR"].map(lambda c: INDICATORS[c][1]),
        "frequency": raw["FREQUENCY"].astype(str),
        "period": pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1})),
        "value_usd": value,
    })
    return frame.dropna(subset=["reporter_iso3", "partner_iso3", "value_usd"]
                        ).reset_index(drop=True)


def _build(ctx: BuildContext, frequency: str) -> pd.DataFrame:
    """Rows of one frequency from every stored answer.

    A later release (later folder, :func:`econ.manifest.vintage_key`) replaces an earlier
    one's value for the same key.
    """
    parts = []
    for path in sorted(ctx.files(), key=lambda p: (vintage_key(display_path(p)), p.name)):
        frame = read_imts(path)
        frame = frame[frame["frequency"] == frequency]
        parts.append(frame.assign(source_file=display_path(path)))
    table = pd.concat(parts, ignore_index=True)
    keys = ["reporter_iso3", "partner_iso3", "flow", "valuation", "period"]
    replaced = int(table.duplicated(keys, keep="last").sum())
    if replaced:
        ctx.note(f"{replaced} values replaced by a later IMTS release")
    table = table.drop_duplicates(keys, keep="last").drop(columns="frequency")
    return table.sort_values(keys).reset_index(drop=True)


def build_monthly_bilateral_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_imf_imts__monthly_bilateral_trade`` (every reporter x partner)."""
    return _build(ctx, "M")


def build_yearly_bilateral_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_imf_imts__yearly_bilateral_trade``; ``period`` becomes ``year``."""
    table = _build(ctx, "A")
    table.insert(4, "year", table.pop("period").dt.year.astype("int64"))
    return table
