"""Bilateral flows from every core table that has them, in one shape, for any pair.

Each source becomes rows of ``reporter_iso3, partner_iso3, flow, valuation, value_usd,
source, priority`` plus ``year`` or ``period``: the flow as the *reporting* economy
states it (``exports`` to, ``imports`` from the partner), on the valuation it reports.
A pair's answers then ask these frames what exists, so sources that cover only some
economies (China's monthly customs series, Russia's customs partner files, IMTS
releases fetched later) enrich the pairs they cover through the same code path.

When two sources give the same reporter, partner, flow and period, the one with the
lower ``priority`` is used (:func:`best`). The priorities are properties of the sources:

0. IMF IMTS (fetched releases): the IMF's current compilation of each reporter's data.
1. China's monthly customs series (UN Comtrade imports; exports as the third-party
   two-way total minus imports): China's yearly values are its months summed, so the
   yearly and monthly answers agree.
2. IMF DOTS workbooks (each reporter's own annual report, to 2020).
3. Russia's customs partner files (Rosstat's compilation of FCS data, monthly 2006-2021):
   they only fill the years DOTS lacks, because DOTS is the IMF's compilation of the same
   reports and the two depart by up to 9% (2011, when the customs union changed Russia's
   statistics).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from econ import names
from econ.analysis.periods import complete_years

__all__ = [
    "FLOW_COLUMNS",
    "SOURCES",
    "Source",
    "best",
    "china_monthly",
    "dots_yearly",
    "fcs_monthly",
    "imts_flows",
    "monthly_flows",
    "stacked_years",
    "to_years",
    "yearly_flows",
]

FLOW_COLUMNS = ["reporter_iso3", "partner_iso3", "flow", "valuation", "value_usd", "source",
                "priority"]


@dataclass(frozen=True)
class Source:
    """A source of bilateral flows: what readers are told, and its rank."""

    label: str
    priority: int


SOURCES: dict[str, Source] = {
    "imts": Source(f"IMF IMTS ({names.IMTS_MONTHLY} / {names.IMTS_YEARLY})", 0),
    "china_monthly": Source(f"China's customs, monthly ({names.COMTRADE_MONTHLY} imports; "
                            f"{names.THIRD_PARTY_MONTHLY} minus imports for exports)", 1),
    "dots": Source(f"IMF DOTS, the reporter's annual report ({names.DOTS})", 2),
    "fcs_monthly": Source(f"Russia's customs, monthly ({names.FCS_MONTHLY_PARTNER})", 3),
}


def _rows(time: pd.Series, time_name: str, reporter: str | pd.Series,
          partner: str | pd.Series, flow: str | pd.Series, valuation: str | pd.Series,
          value: pd.Series, source: str) -> pd.DataFrame:
    frame = pd.DataFrame({time_name: time.to_numpy(), "reporter_iso3": reporter,
                          "partner_iso3": partner, "flow": flow, "valuation": valuation,
                          "value_usd": pd.to_numeric(value).to_numpy(dtype="float64")},
                         index=range(len(time)))
    return frame.assign(source=SOURCES[source].label, priority=SOURCES[source].priority)


def dots_yearly(dots: pd.DataFrame) -> pd.DataFrame:
    """Every reporter's own DOTS report of its trade with single partners (workbooks)."""
    rows = dots[dots["source_file"].str.startswith("imf_dots_annual_xlsx/")
                & (dots["reporter_iso3"] != dots["partner_iso3"])]
    return _rows(rows["year"], "year", rows["reporter_iso3"].to_numpy(),
                 rows["partner_iso3"].to_numpy(), rows["flow"].to_numpy(),
                 rows["valuation"].to_numpy(), rows["value_usd"], "dots")


def china_monthly(comtrade: pd.DataFrame, third_party: pd.DataFrame) -> pd.DataFrame:
    """China's monthly trade with Russia as China reports it.

    Imports (CIF) are UN Comtrade's; exports (FOB) are the third-party China-reported
    two-way total minus those imports (the compiler's own construction, checked against
    GACC figures in PROVENANCE.md).
    """
    imports = comtrade[(comtrade["reporter_iso3"] == "CHN") & (comtrade["partner_iso3"] == "RUS")
                       & (comtrade["flow"] == "imports")][["period", "value_usd"]]
    merged = third_party.merge(imports, on="period", suffixes=("_total", "_imports"))
    exports = merged["value_usd_total"] - merged["value_usd_imports"]
    return pd.concat([
        _rows(merged["period"], "period", "CHN", "RUS", "imports", "cif",
              merged["value_usd_imports"], "china_monthly"),
        _rows(merged["period"], "period", "CHN", "RUS", "exports", "fob", exports,
              "china_monthly"),
    ], ignore_index=True)


def fcs_monthly(fcs_partner: pd.DataFrame) -> pd.DataFrame:
    """Russia's monthly customs trade with its main partners (exports FOB, imports CIF)."""
    valuation = fcs_partner["flow"].map({"exports": "fob", "imports": "cif"})
    return _rows(fcs_partner["period"], "period", "RUS", fcs_partner["partner_iso3"].to_numpy(),
                 fcs_partner["flow"].to_numpy(), valuation.to_numpy(),
                 fcs_partner["value_usd"], "fcs_monthly")


def imts_flows(imts: pd.DataFrame, time: str) -> pd.DataFrame:
    """IMF IMTS rows with single partners (imports CIF preferred to FOB where both)."""
    rows = imts[(imts["partner_iso3"] != "WLD") & (imts["reporter_iso3"] != imts["partner_iso3"])]
    rows = rows.sort_values("valuation").drop_duplicates(  # 'cif' sorts before 'fob'
        [time, "reporter_iso3", "partner_iso3", "flow"])
    return _rows(rows[time], time, rows["reporter_iso3"].to_numpy(),
                 rows["partner_iso3"].to_numpy(), rows["flow"].to_numpy(),
                 rows["valuation"].to_numpy(), rows["value_usd"], "imts")


def to_years(monthly: pd.DataFrame) -> pd.DataFrame:
    """Monthly flows summed over complete calendar years.

    Per reporter, partner, flow and source; a year with a missing month is left out.
    """
    keys = ["reporter_iso3", "partner_iso3", "flow", "valuation", "source", "priority"]
    parts = []
    for key, group in monthly.groupby(keys, sort=True):
        years = complete_years(group, ["value_usd"])
        frame = pd.DataFrame({"year": years.index.astype("int64"),
                              "value_usd": years["value_usd"].to_numpy()})
        parts.append(frame.assign(**dict(zip(keys, key, strict=True))))
    if not parts:
        return pd.DataFrame(columns=["year", *FLOW_COLUMNS])
    return pd.concat(parts, ignore_index=True)[["year", *FLOW_COLUMNS]]


def best(flows: pd.DataFrame, time: str) -> pd.DataFrame:
    """One row per reporter, partner, flow and period: the lowest-priority source's."""
    ordered = flows.sort_values([time, "reporter_iso3", "partner_iso3", "flow", "priority"])
    return ordered.drop_duplicates([time, "reporter_iso3", "partner_iso3", "flow"]
                                   ).reset_index(drop=True)


def monthly_flows(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """All monthly sources, best source per reporter, partner, flow and month."""
    frames = [p for p in parts if not p.empty]
    if not frames:
        return pd.DataFrame(columns=["period", *FLOW_COLUMNS])
    return best(pd.concat(frames, ignore_index=True), "period")


def stacked_years(yearly: Sequence[pd.DataFrame], monthly: Sequence[pd.DataFrame]
                  ) -> pd.DataFrame:
    """All yearly sources and the complete years of the monthly ones, every source kept."""
    frames = [p for p in yearly if not p.empty]
    frames += [to_years(m) for m in monthly if not m.empty]
    return pd.concat(frames, ignore_index=True)


def yearly_flows(yearly: Sequence[pd.DataFrame], monthly: Sequence[pd.DataFrame]
                 ) -> pd.DataFrame:
    """All yearly sources and the complete years of the monthly ones, best per key."""
    return best(stacked_years(yearly, monthly), "year")
