"""The gravity panel: exporter x importer x year flows with pair geography.

Built from tidy frames only (no file is read here):

* flows from the DOTS table ``core_imf_dots__yearly_bilateral_trade``: the flow from i to
  j in year t is j's reported imports from i (CIF) where j reports it, else i's reported
  exports to j (FOB, a mirror value, flagged ``is_mirror_estimate``); reported zeros are
  kept, empty cells stay missing (DOTS does not say they are zero);
* geography from ``core_cepii__geo_countries``: great-circle distance between the two
  countries' main cities (as CEPII's ``dist``; CEPII's population-weighted ``distw`` needs
  city populations that the country file does not have), a shared official language, and
  a colonial tie (one country is listed among the other's colonizers);
* years at a fixed interval counted back from the last year, as in the literature
  (Yotov et al. 2016 use every fourth year), so that the last year is always in.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "EARTH_RADIUS_KM",
    "CityChoice",
    "FlowBasis",
    "build_gravity_panel",
    "great_circle_km",
    "pair_geography",
    "panel_years",
]

#: mean Earth radius (IUGG), kilometres
EARTH_RADIUS_KM = 6371.0088
CityChoice = Literal["main", "capital"]
FlowBasis = Literal["importer_then_mirror", "importer", "exporter"]


def great_circle_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
                    ) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (haversine formula).

    Examples
    --------
    >>> round(float(great_circle_km(np.array([0.0]), np.array([0.0]),
    ...                             np.array([0.0]), np.array([90.0]))[0]))
    10008
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlam = p2 - p1, np.radians(lon2) - np.radians(lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlam / 2) ** 2
    distance: np.ndarray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return distance


def _split(values: pd.Series) -> list[set[str]]:
    return [set(filter(None, str(v).split(";"))) for v in values]


def pair_geography(geo: pd.DataFrame, *, city: CityChoice = "main") -> pd.DataFrame:
    """Every ordered pair of distinct countries with distance, language and colonial tie.

    Parameters
    ----------
    geo : pandas.DataFrame
        ``core_cepii__geo_countries``.
    city : {"main", "capital"}
        Which city's coordinates stand for a country.

    Returns
    -------
    pandas.DataFrame
        ``exporter_iso3, importer_iso3, distance_km, log_distance_km,
        is_common_language, is_colonial_tie``.

    Examples
    --------
    >>> geo = pd.DataFrame({"iso3": ["A", "B"], "lat_deg": [0.0, 0.0], "lon_deg": [0.0, 1.0],
    ...                     "is_main_city": [True, True], "is_capital": [True, True],
    ...                     "official_languages": ["x", "x;y"], "colonizers": ["B", ""]})
    >>> pair_geography(geo)[["exporter_iso3", "is_common_language", "is_colonial_tie"]]
      exporter_iso3  is_common_language  is_colonial_tie
    0             A                True             True
    1             B                True             True
    """
    chosen = geo.loc[geo["is_main_city"] if city == "main" else geo["is_capital"]]
    chosen = chosen.drop_duplicates("iso3").reset_index(drop=True)
    n = len(chosen)
    i, j = np.nonzero(~np.eye(n, dtype=bool))
    iso3 = chosen["iso3"].to_numpy()
    lat, lon = chosen["lat_deg"].to_numpy(float), chosen["lon_deg"].to_numpy(float)
    languages, colonizers = _split(chosen["official_languages"]), _split(chosen["colonizers"])
    distance = great_circle_km(lat[i], lon[i], lat[j], lon[j])
    return pd.DataFrame({
        "exporter_iso3": iso3[i],
        "importer_iso3": iso3[j],
        "distance_km": distance,
        "log_distance_km": np.log(distance),
        "is_common_language": [bool(languages[a] & languages[b]) for a, b in zip(i, j,
                                                                                  strict=True)],
        "is_colonial_tie": [iso3[a] in colonizers[b] or iso3[b] in colonizers[a]
                            for a, b in zip(i, j, strict=True)],
    })


def panel_years(first: int, last: int, *, interval: int = 1) -> list[int]:
    """Years from ``last`` back to ``first`` every ``interval`` years, ascending.

    Examples
    --------
    >>> panel_years(2009, 2020, interval=4)
    [2012, 2016, 2020]
    """
    if interval < 1 or first > last:
        raise ValueError(f"panel_years: need interval >= 1 and first <= last; found "
                         f"interval={interval}, first={first}, last={last}")
    return list(range(last, first - 1, -interval))[::-1]


def _directed_flows(trade: pd.DataFrame, basis: FlowBasis) -> pd.DataFrame:
    """The exporter -> importer flows from reporter/partner rows of one flow direction each."""
    cols = ["reporter_iso3", "partner_iso3", "year", "value_usd"]
    imports = trade.loc[trade["flow"] == "imports", cols].rename(
        columns={"reporter_iso3": "importer_iso3", "partner_iso3": "exporter_iso3"})
    exports = trade.loc[trade["flow"] == "exports", cols].rename(
        columns={"reporter_iso3": "exporter_iso3", "partner_iso3": "importer_iso3"})
    keys = ["exporter_iso3", "importer_iso3", "year"]
    if basis == "importer":
        return imports.assign(is_mirror_estimate=False)
    if basis == "exporter":
        return exports.assign(is_mirror_estimate=True)
    merged = imports.merge(exports, on=keys, how="outer", suffixes=("_m", "_x"))
    mirror = merged["value_usd_m"].isna()
    return merged[keys].assign(value_usd=merged["value_usd_m"].fillna(merged["value_usd_x"]),
                               is_mirror_estimate=mirror.to_numpy())


def build_gravity_panel(
    trade: pd.DataFrame,
    geo: pd.DataFrame,
    *,
    years: Sequence[int],
    basis: FlowBasis = "importer_then_mirror",
    city: CityChoice = "main",
    economies: Collection[str] | None = None,
) -> pd.DataFrame:
    """Exporter x importer x year panel for PPML gravity.

    Parameters
    ----------
    trade : pandas.DataFrame
        ``core_imf_dots__yearly_bilateral_trade`` (or any frame with ``reporter_iso3,
        partner_iso3, flow, year, value_usd``, and optionally ``is_aggregate_partner``).
    geo : pandas.DataFrame
        ``core_cepii__geo_countries``.
    years : sequence of int
        Years to keep (see :func:`panel_years`).
    basis : {"importer_then_mirror", "importer", "exporter"}
        Which report gives the flow i -> j: the importer's (CIF), falling back to the
        exporter's (FOB); only the importer's; only the exporter's.
    city : {"main", "capital"}
        City whose coordinates give the distance.
    economies : collection of str, optional
        Codes to keep (e.g. the ``country`` and ``territory`` rows of
        ``core_codes__countries``); without it, every non-aggregate code but ``WLD``.

    Returns
    -------
    pandas.DataFrame
        ``exporter_iso3, importer_iso3, year, value_usd, is_mirror_estimate,
        distance_km, log_distance_km, is_common_language, is_colonial_tie`` and the fixed
        effect keys ``exporter_year``, ``importer_year``, ``pair`` (ordered pair) and
        ``pair_id`` (unordered pair, the cluster). Pairs without geography keep missing
        distance.
    """
    rows = trade.loc[trade["year"].isin(list(years))]
    if "is_aggregate_partner" in rows.columns:
        rows = rows.loc[~rows["is_aggregate_partner"].astype(bool)]
    keep = (list(economies) if economies is not None
            else sorted((set(rows["reporter_iso3"]) | set(rows["partner_iso3"])) - {"WLD"}))
    rows = rows.loc[rows["reporter_iso3"].isin(keep) & rows["partner_iso3"].isin(keep)
                    & (rows["reporter_iso3"] != rows["partner_iso3"])]
    rows = rows.astype({"reporter_iso3": str, "partner_iso3": str, "flow": str})
    flows = _directed_flows(rows, basis).dropna(subset=["value_usd"])
    panel = flows.merge(pair_geography(geo, city=city),
                        on=["exporter_iso3", "importer_iso3"], how="left")
    # nullable booleans: a pair without geography stays missing, not False
    panel = panel.astype({"is_common_language": "boolean", "is_colonial_tie": "boolean"})
    year = panel["year"].astype(str)
    low = np.minimum(panel["exporter_iso3"], panel["importer_iso3"])
    high = np.maximum(panel["exporter_iso3"], panel["importer_iso3"])
    return panel.assign(
        exporter_year=panel["exporter_iso3"] + "_" + year,
        importer_year=panel["importer_iso3"] + "_" + year,
        pair=panel["exporter_iso3"] + "_" + panel["importer_iso3"],
        pair_id=low + "_" + high,
    ).sort_values(["exporter_iso3", "importer_iso3", "year"], ignore_index=True)
