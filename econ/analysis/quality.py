"""Cross-source checks: every quantity two sources measure, their spread and a flag.

A number is trusted when independent sources agree on it. Each check below compares one
quantity (for a pair and year) measured by two sources, as ``value_b / value_a - 1``,
against a tolerance that says how far the sources may differ for known reasons
(valuation, standard conditions, coverage). A flagged row is a number the report marks,
or replaces by the consistent source:

* ``crude_volume`` / ``lng_volume`` / ``pipeline_gas_volume``: the Energy Institute's
  bilateral volume against the importer's customs quantity (China; gas tonnes to bcm at
  1.36 bcm/Mt);
* ``pipeline_gas_unit_value``: the customs value of pipeline gas over the EI volume,
  divided by the lagged Brent price: an oil-indexed contract keeps this slope steady, so a
  year far from the other years' median points at a wrong volume or value;
* ``bilateral_total``: each side's report of the same flow (imports CIF against the
  partner's exports FOB times the CIF/FOB factor);
* ``economy_total``: an economy's totals on other bases against its own report (or, for
  Russia after it stopped reporting, its balance of payments);
* ``baci_reconciliation``: CEPII BACI's reconciled flow against the exporter's and the
  importer's own reports (BACI reconciles both while both report, and uses the exporter's
  declaration alone when the importer stops: a method break).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ import names
from econ.analysis import flows as fl
from econ.analysis.balance import source_frames
from econ.analysis.shares import totals_from
from econ.etl.china_customs import annual_totals, newest_vintage
from econ.pairs import Pair
from econ.units import BCM_PER_MT_LNG, MMBTU_PER_BCM_NATURAL_GAS

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["CHECK_COLUMNS", "TOLERANCES", "baci_reconciliation", "bilateral_totals",
           "build_cross_source_checks", "cross_source_checks", "customs_quantities",
           "economy_totals", "energy_volumes",
           "pipeline_gas_unit_value"]

CHECK_COLUMNS = ["check", "reporter_iso3", "partner_iso3", "year", "quantity", "source_a",
                 "value_a", "source_b", "value_b", "unit", "spread", "tolerance",
                 "is_flagged", "note"]

#: how far two sources may differ for known reasons, as a share of source a
TOLERANCES = {
    "crude_volume": 0.05,  # tonnes both sides; timing and vintages
    "lng_volume": 0.10,  # EI standard conditions vs customs tonnes (1.36 bcm/Mt average)
    "pipeline_gas_volume": 0.10,  # as LNG
    "pipeline_gas_unit_value": 0.15,  # contract lags and price reviews
    "bilateral_total": 0.10,  # timing, confidentiality, re-exports (beyond CIF/FOB)
    "economy_total": 0.10,  # coverage and valuation of totals
    "baci_reconciliation": 0.05,  # BACI's own CIF/FOB estimate
}
_EI = "Energy Institute (newest edition per value)"
_CUSTOMS = "China's customs (newest vintage)"


def _rows(check: str, pair: Pair, years: pd.Series | np.ndarray, quantity: str,
          source_a: str, value_a: pd.Series | np.ndarray, source_b: str,
          value_b: pd.Series | np.ndarray, unit: str, note: str = "") -> pd.DataFrame:
    a = np.asarray(value_a, dtype="float64")
    b = np.asarray(value_b, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.where(a > 0, b / a - 1.0, np.nan)
    tolerance = TOLERANCES[check]
    return pd.DataFrame({
        "check": check, "reporter_iso3": pair.reporter, "partner_iso3": pair.partner,
        "year": np.asarray(years, dtype="int64"), "quantity": quantity, "source_a": source_a,
        "value_a": a, "source_b": source_b, "value_b": b, "unit": unit, "spread": spread,
        "tolerance": tolerance, "is_flagged": np.abs(spread) > tolerance, "note": note})


def _ei_volume(ei: pd.DataFrame, commodity: str, column: str, exporter: str,
               importer: str) -> pd.Series:
    rows = ei[(ei["commodity"] == commodity) & (ei["exporter_iso3"] == exporter)
              & (ei["importer_iso3"] == importer)]
    return rows.groupby("year")[column].sum(min_count=1).dropna()


def customs_quantities(monthly: pd.DataFrame) -> pd.DataFrame:
    """Annual customs quantities, complete years only.

    Each month's quantity comes from the newest vintage that reports one (UN Comtrade's
    copy of China's pipeline-gas imports carries values only; the Wind vintages carry
    tonnes).
    """
    with_quantity = monthly[monthly["quantity_t"].notna()]
    return annual_totals(newest_vintage(with_quantity), columns=("quantity_t",))


def energy_volumes(ei: pd.DataFrame, quantities: pd.DataFrame, pair: Pair) -> pd.DataFrame:
    """EI volumes against China's customs quantities, for a pair with China as importer.

    Parameters
    ----------
    ei : DataFrame
        ``core_ei__yearly_energy_trade_latest``.
    quantities : DataFrame
        :func:`customs_quantities` of ``core_china_customs__monthly_energy_imports``.
    pair : Pair
    """
    if "CHN" not in pair.codes:
        return pd.DataFrame(columns=CHECK_COLUMNS)
    origin = pair.partner if pair.reporter == "CHN" else pair.reporter
    own = quantities[(quantities["origin_iso3"] == origin) & (quantities["months"] == 12)]
    gas = BCM_PER_MT_LNG * 1e-6  # tonnes of natural gas to bcm (EI's factor)
    parts = []
    for check, commodity, label, column, unit, per_tonne in (
            ("crude_volume", "crude", "crude oil", "volume_mt", "Mt", 1e-6),
            ("lng_volume", "lng", "LNG", "volume_bcm", "bcm", gas),
            ("pipeline_gas_volume", "pipeline_gas", "pipeline gas", "volume_bcm", "bcm", gas)):
        volume = _ei_volume(ei, commodity, column, origin, "CHN")
        quantity = own[own["commodity"] == commodity].set_index("year")["quantity_t"].dropna()
        years = volume.index.intersection(quantity.index)
        if len(years):
            parts.append(_rows(check, pair, years, f"{label} {origin} to CHN", _EI,
                               volume[years], _CUSTOMS, quantity[years] * per_tonne, unit))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CHECK_COLUMNS)


def _lagged_brent(prices: pd.DataFrame) -> pd.Series:
    """Mean Brent of July of the year before to June of the year (USD/bbl), full years."""
    brent = prices[prices["commodity"] == "crude_oil_brent"].set_index("period")["value"]
    shifted = pd.Series(brent.to_numpy(), index=pd.DatetimeIndex(brent.index)
                        + pd.DateOffset(months=6))
    by_year = shifted.groupby(shifted.index.year)
    return by_year.mean()[by_year.size() == 12]


def pipeline_gas_unit_value(ei: pd.DataFrame, customs: pd.DataFrame, prices: pd.DataFrame,
                            pair: Pair) -> pd.DataFrame:
    """Each year's implied oil-indexation slope of pipeline gas against the other years'.

    The slope is China's customs value of pipeline gas from the origin (USD) over the EI
    volume (bcm x 34.12 million MMBtu), divided by the lagged Brent price (USD/bbl). Source
    a is the median slope of the other years, source b the year's own.
    """
    if "CHN" not in pair.codes:
        return pd.DataFrame(columns=CHECK_COLUMNS)
    origin = pair.partner if pair.reporter == "CHN" else pair.reporter
    volume = _ei_volume(ei, "pipeline_gas", "volume_bcm", origin, "CHN")
    value = customs[(customs["origin_iso3"] == origin) & (customs["months"] == 12)
                    & (customs["commodity"] == "pipeline_gas")].set_index("year")["value_usd"]
    unit = value / (volume.reindex(value.index) * MMBTU_PER_BCM_NATURAL_GAS)
    slope = (unit / _lagged_brent(prices).reindex(unit.index)).dropna()
    slope = slope[volume.reindex(slope.index) >= 1.0]  # a first partial year says nothing
    if len(slope) < 3:
        return pd.DataFrame(columns=CHECK_COLUMNS)
    others = pd.Series({year: slope.drop(year).median() for year in slope.index})
    return _rows("pipeline_gas_unit_value", pair, slope.index,
                 f"pipeline gas {origin} to CHN: customs value / EI volume / lagged Brent",
                 "median of the other years", others, f"{_CUSTOMS} value over {_EI} volume",
                 slope, "USD/MMBtu per USD/bbl",
                 "an oil-indexed price keeps this slope steady; a year far from the others "
                 "points at a wrong volume or value")


def bilateral_totals(all_yearly: pd.DataFrame, pair: Pair, *,
                     cif_fob: float = names.CIF_FOB_FACTOR) -> pd.DataFrame:
    """Each flow of the pair as its exporter and its importer report it, per year.

    Source a is the exporter's report (FOB) times ``cif_fob``, source b the importer's
    report (CIF); both from the best source each reporter has that year.
    """
    best = fl.best(all_yearly, "year")
    parts = []
    for exporter, importer in (pair.codes, pair.codes[::-1]):
        x = best[(best["reporter_iso3"] == exporter) & (best["partner_iso3"] == importer)
                 & (best["flow"] == "exports")].set_index("year")
        m = best[(best["reporter_iso3"] == importer) & (best["partner_iso3"] == exporter)
                 & (best["flow"] == "imports")].set_index("year")
        years = x.index.intersection(m.index)
        if not len(years):
            continue
        parts.append(_rows("bilateral_total", pair, years, f"{exporter} to {importer}, all goods",
                           f"{exporter}'s report x {cif_fob:g}",
                           x.loc[years, "value_usd"] * cif_fob, f"{importer}'s report",
                           m.loc[years, "value_usd"], "USD",
                           "exporter's FOB report put on CIF with the average factor"))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CHECK_COLUMNS)


def economy_totals(totals: pd.DataFrame, iso3: str, pair: Pair, *,
                   cif_fob: float = names.CIF_FOB_FACTOR) -> pd.DataFrame:
    """An economy's imports and exports on every other basis against its reference basis.

    The reference is its own report to the IMF (IMTS or DOTS), else its balance of payments.
    Values on FOB (CIF imports divided by ``cif_fob``).
    """
    rows = totals[(totals["iso3"] == iso3) & (totals["basis"] != "goods_and_services")]
    value = rows["value_usd"].astype("float64")
    rows = rows.assign(fob=value.where(rows["valuation"] != "cif", value / cif_fob))
    parts = []
    for flow, group in rows.groupby("flow"):
        wide = group.pivot_table(index="year", columns="basis", values="fob", aggfunc="first")
        reference = next((b for b in ("imts", "dots", "bop") if b in wide.columns), None)
        if reference is None:
            continue
        for basis in wide.columns:
            if basis == reference:
                continue
            both = wide[[reference, basis]].dropna()
            if both.empty:
                continue
            parts.append(_rows("economy_total", pair, both.index, f"{iso3} {flow}, all goods",
                               f"{iso3}: {reference}", both[reference], f"{iso3}: {basis}",
                               both[basis], "USD", "both on FOB (CIF / factor)"))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CHECK_COLUMNS)


def baci_reconciliation(baci: pd.DataFrame, all_yearly: pd.DataFrame, pair: Pair, *,
                        cif_fob: float = names.CIF_FOB_FACTOR) -> pd.DataFrame:
    """BACI's reconciled flow (FOB) against the exporter's and the importer's reports.

    The exporter's report is FOB, the importer's CIF divided by the factor; per year and
    direction of a pair BACI covers.
    """
    best = fl.best(all_yearly, "year")
    parts = []
    for exporter, importer in (pair.codes, pair.codes[::-1]):
        flows = baci[(baci["exporter_iso3"] == exporter) & (baci["importer_iso3"] == importer)]
        if flows.empty:
            continue
        total = flows.groupby("year")["value_usd"].sum()
        for reporter, flow, scale, label in (
                (exporter, "exports", 1.0, f"{exporter}'s report (FOB)"),
                (importer, "imports", 1.0 / cif_fob, f"{importer}'s report / {cif_fob:g}")):
            own = best[(best["reporter_iso3"] == reporter) & (best["flow"] == flow)
                       & (best["partner_iso3"] == (importer if flow == "exports" else exporter))]
            own = own.set_index("year")["value_usd"] * scale
            years = total.index.intersection(own.index)
            if len(years):
                parts.append(_rows("baci_reconciliation", pair, years,
                                   f"{exporter} to {importer}, all goods", label, own[years],
                                   "CEPII BACI (reconciled, FOB)", total[years], "USD"))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CHECK_COLUMNS)


def cross_source_checks(*, ei: pd.DataFrame, customs: pd.DataFrame,
                        quantities: pd.DataFrame, prices: pd.DataFrame,
                        all_yearly: pd.DataFrame, totals: pd.DataFrame, baci: pd.DataFrame,
                        pairs: Sequence[Pair]) -> pd.DataFrame:
    """Every check for every pair (economy totals once per economy, under its first pair)."""
    parts = []
    seen: set[str] = set()
    for pair in pairs:
        parts += [energy_volumes(ei, quantities, pair),
                  pipeline_gas_unit_value(ei, customs, prices, pair),
                  bilateral_totals(all_yearly, pair), baci_reconciliation(baci, all_yearly, pair)]
        for iso3 in pair.codes:
            if iso3 not in seen:
                seen.add(iso3)
                parts.append(economy_totals(totals, iso3, pair))
    table = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    return table.sort_values(["check", "reporter_iso3", "partner_iso3", "quantity", "year",
                              "source_b"]).reset_index(drop=True)[CHECK_COLUMNS]


def build_cross_source_checks(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_quality__cross_source_checks`` for every configured pair."""
    all_yearly = fl.stacked_years(*source_frames(ctx))
    monthly_customs = ctx.table(names.CHINA_CUSTOMS_ENERGY)
    table = cross_source_checks(
        ei=ctx.table(names.EI_TRADE_LATEST), customs=annual_totals(newest_vintage(
            monthly_customs)), quantities=customs_quantities(monthly_customs),
        prices=ctx.table(names.PINK_SHEET), all_yearly=all_yearly, totals=totals_from(ctx),
        baci=ctx.table(names.BACI), pairs=ctx.pairs)
    flagged = table[table["is_flagged"]]
    ctx.note(f"{len(flagged)} of {len(table)} comparisons outside their tolerance")
    return table
