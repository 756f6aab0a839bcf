"""Energy dependence of a pair, seen from the exporter's side and from the importer's.

How much of the exporter's energy exports go to the importer, how much of the importer's
energy imports come from the exporter.

* From the Energy Institute's bilateral trade (volumes): the exporter's flow to the
  importer over its ``Total`` exports of the commodity, and over the importer's ``Total``
  imports (the EI matrices' own total row and column);
* from China's customs (volumes and values, newest vintage per month, complete years):
  Russia's share of China's imports where China's total (``WLD``) of the same commodity
  is published;
* from BACI: the share of energy (HS chapter 27) in the importer's imports from the
  exporter.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["customs_energy_shares", "ei_energy_shares", "energy_chapter_share"]

#: EI commodity -> the column holding its volume (coal matrices are in exajoules)
EI_UNITS = {"crude": ("volume_mt", "Mt"), "oil_products": ("volume_mt", "Mt"),
            "pipeline_gas": ("volume_bcm", "bcm"), "lng": ("volume_bcm", "bcm"),
            "coal": ("energy_ej", "EJ")}


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return numerator / denominator.where(denominator > 0)


def ei_energy_shares(trade: pd.DataFrame, *, exporter: str = "RUS",
                     importer: str = "CHN") -> pd.DataFrame:
    """Volumes and shares of the pair's energy trade in the EI bilateral tables.

    Parameters
    ----------
    trade : DataFrame
        ``core_ei__yearly_energy_trade_latest``.
    exporter, importer : str
        ISO3 codes.

    Returns
    -------
    DataFrame
        ``year, commodity, indicator, value, unit``: ``volume`` (exporter to importer),
        ``share_of_exporter_exports`` and ``share_of_importer_imports`` (0-1).

    Examples
    --------
    >>> trade = pd.DataFrame({"year": 2023, "commodity": "crude",
    ...     "exporter": ["Russia", "Russia", "Total"], "importer": ["China", "Total", "China"],
    ...     "exporter_iso3": ["RUS", "RUS", None], "importer_iso3": ["CHN", None, "CHN"],
    ...     "volume_mt": [100.0, 250.0, 500.0], "volume_bcm": None, "energy_ej": None})
    >>> ei_energy_shares(trade).set_index("indicator")["value"].to_dict()
    {'volume': 100.0, 'share_of_exporter_exports': 0.4, 'share_of_importer_imports': 0.2}
    """
    parts = []
    for commodity, (column, unit) in EI_UNITS.items():
        rows = trade[trade["commodity"] == commodity]
        pair = rows[(rows["exporter_iso3"] == exporter) & (rows["importer_iso3"] == importer)]
        exports = rows[(rows["exporter_iso3"] == exporter) & (rows["importer"] == "Total")]
        imports = rows[(rows["exporter"] == "Total") & (rows["importer_iso3"] == importer)]
        merged = (pair.groupby("year")[column].sum().rename("pair").to_frame()
                  .join(exports.groupby("year")[column].sum().rename("exports"))
                  .join(imports.groupby("year")[column].sum().rename("imports")))
        merged = merged[pair.groupby("year")[column].count() > 0]
        for indicator, values, ind_unit in (
                ("volume", merged["pair"], unit),
                ("share_of_exporter_exports", _ratio(merged["pair"], merged["exports"]),
                 "fraction"),
                ("share_of_importer_imports", _ratio(merged["pair"], merged["imports"]),
                 "fraction")):
            parts.append(pd.DataFrame({"year": merged.index, "commodity": commodity,
                                       "indicator": indicator, "value": values.to_numpy(),
                                       "unit": ind_unit}))
    # all-missing parts are left out before the concat (pandas 3 would let them set dtypes)
    kept = [part.dropna(subset=["value"]) for part in parts]
    return pd.concat([part for part in kept if not part.empty] or parts[:1],
                     ignore_index=True).dropna(subset=["value"])


def customs_energy_shares(annual: pd.DataFrame, *, origin: str = "RUS") -> pd.DataFrame:
    """The origin's imports into China and its share where China's total is published.

    Parameters
    ----------
    annual : DataFrame
        Annual customs totals (``year, origin_iso3, commodity, quantity_t, value_usd,
        months``), e.g. ``annual_totals(newest_vintage(core table))``.
    origin : str
        ISO3 of the supplier.

    Returns
    -------
    DataFrame
        ``year, commodity, indicator, value, unit``: ``imports_t``, ``imports_usd``,
        ``share_of_china_imports_t``, ``share_of_china_imports_usd`` (complete years
        only; China's coal total is ``coal_and_lignite``).

    Examples
    --------
    >>> annual = pd.DataFrame({"year": 2021, "origin_iso3": ["RUS", "WLD"],
    ...     "commodity": "crude", "quantity_t": [80.0, 500.0], "value_usd": [40.0, 250.0],
    ...     "months": 12})
    >>> shares = customs_energy_shares(annual).set_index("indicator")["value"]
    >>> float(shares["share_of_china_imports_t"])
    0.16
    """
    complete = annual[annual["months"] == 12]
    world = complete[complete["origin_iso3"] == "WLD"].replace(
        {"commodity": {"coal_and_lignite": "coal"}}).set_index(["year", "commodity"])
    own = complete[complete["origin_iso3"] == origin].set_index(["year", "commodity"])
    parts = []
    for column, short, unit in (("quantity_t", "t", "t"), ("value_usd", "usd", "USD")):
        values = own[column].dropna()
        share = _ratio(own[column], world[column].reindex(own.index)).dropna()
        for indicator, series, ind_unit in ((f"imports_{short}", values, unit),
                                            (f"share_of_china_imports_{short}", share,
                                             "fraction")):
            frame = series.rename("value").reset_index()
            parts.append(frame.assign(indicator=indicator, unit=ind_unit))
    return pd.concat(parts, ignore_index=True)[["year", "commodity", "indicator", "value",
                                                "unit"]]


def energy_chapter_share(baci: pd.DataFrame, *, exporter: str = "RUS",
                         importer: str = "CHN") -> pd.DataFrame:
    """Share of HS chapter 27 (mineral fuels) in the importer's imports from the exporter.

    Examples
    --------
    >>> baci = pd.DataFrame({"year": 2023, "exporter_iso3": "RUS", "importer_iso3": "CHN",
    ...                      "hs6": ["270900", "440710"], "value_usd": [75.0, 25.0]})
    >>> energy_chapter_share(baci)["value"].tolist()
    [0.75]
    """
    rows = baci[(baci["exporter_iso3"] == exporter) & (baci["importer_iso3"] == importer)]
    total = rows.groupby("year")["value_usd"].sum()
    energy = rows[rows["hs6"].str.startswith("27")].groupby("year")["value_usd"].sum()
    share = _ratio(energy.reindex(total.index, fill_value=0.0), total)
    return pd.DataFrame({"year": share.index, "commodity": "hs27", "indicator":
                         "share_of_pair_imports_usd", "value": share.to_numpy(),
                         "unit": "fraction"})
