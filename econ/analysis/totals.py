"""Each economy's total goods trade per year, on every basis the data support.

The denominator of "the partner's share of an economy's imports" is the hard part for
Russia: it stopped publishing customs data in 2022, partners' mirror data run low, and
the Bank of Russia's balance-of-payments series (FOB) differs from customs totals (CIF).
Every basis is kept apart, with its valuation, its source and whether it is known to run
low, never mixed. A basis exists for an economy only where a source covers it:

* ``dots``: the economy's own report to the IMF (DOTS workbooks, to 2020);
* ``imts``: the same from IMF IMTS releases fetched with ``econ fetch imf_imts``;
* ``bop``: Bank of Russia balance-of-payments goods trade (Russia; months summed);
* ``customs``: Russia's customs statistics (FCS publications, newest per year);
* ``mirror``: the world's reports of its trade with the economy (IMF DOTS World file),
  which runs below the economy's own figures (``is_known_low``);
* ``atlas``: Harvard Atlas country totals (mirror-reconciled; Russia from 2022 a mirror
  estimate, China's imports about a fifth below China's customs);
* ``goods_and_services``: World Bank imports/exports of goods and services (% of GDP x GDP).
"""

from __future__ import annotations

import pandas as pd

from econ import names
from econ.analysis.periods import complete_years

__all__ = ["BASES", "TOTAL_COLUMNS", "bop_goods_trade", "trade_totals"]

TOTAL_COLUMNS = ["year", "iso3", "flow", "basis", "valuation", "value_usd", "source",
                 "is_known_low"]

#: basis -> (valuation of imports, meaning)
BASES: dict[str, tuple[str, str]] = {
    "dots": ("cif", "the economy's own report to the IMF (DOTS), exports FOB, imports CIF"),
    "imts": ("cif", "the economy's own report to the IMF (IMTS), exports FOB, imports CIF"),
    "bop": ("fob", "Bank of Russia balance-of-payments goods trade: sum of the twelve "
            "monthly values of the newest vintage; years with a missing month are left out"),
    "customs": ("cif", "Russia's customs statistics (FCS annual publications and Rosstat's "
                "compilation, newest publication per year)"),
    "mirror": ("fob", "the world's exports to (imports from) the economy as partners report "
               "them (IMF DOTS World file, with IMF estimates); runs below the economy's own "
               "figures"),
    "atlas": ("fob", "Harvard Atlas country totals (mirror-reconciled)"),
    "goods_and_services": ("fob", "World Bank imports (exports) of goods and services, % of "
                           "GDP times GDP; includes services"),
}


def bop_goods_trade(cbr_monthly: pd.DataFrame) -> pd.DataFrame:
    """Bank of Russia goods exports and imports per complete year, newest vintage per month.

    Returns
    -------
    DataFrame
        Indexed by ``year``: ``exports_usd``, ``imports_usd`` (FOB) and ``vintage`` (the
        newest vintage used in the year); years with a missing month are left out.
    """
    world = cbr_monthly[cbr_monthly["partner_group"] == "world"].sort_values("vintage")
    newest = world.drop_duplicates(["period", "flow"], keep="last")
    wide = newest.pivot(index="period", columns="flow", values="value_usd").rename(
        columns={"exports": "exports_usd", "imports": "imports_usd"}).reset_index()
    years = complete_years(wide, ["exports_usd", "imports_usd"])
    vintage = newest.groupby(newest["period"].dt.year)["vintage"].max()
    return years.assign(vintage=vintage.reindex(years.index))


def _rows(year: pd.Series, iso3: str | pd.Series, flow: str | pd.Series, basis: str,
          valuation: str | pd.Series, value: pd.Series, source: str | pd.Series,
          low: bool | pd.Series = False) -> pd.DataFrame:
    return pd.DataFrame({"year": pd.Series(year).astype("int64").to_numpy(), "iso3": iso3,
                         "flow": flow, "basis": basis, "valuation": valuation,
                         "value_usd": pd.Series(value).to_numpy(dtype="float64"),
                         "source": source, "is_known_low": low},
                        index=range(len(year)))


def _bop(cbr_monthly: pd.DataFrame) -> list[pd.DataFrame]:
    years = bop_goods_trade(cbr_monthly)
    source = f"{names.CBR_MONTHLY} (vintage " + years["vintage"].astype(str) + ")"
    return [_rows(years.index.to_series(), "RUS", flow, "bop", "fob", years[f"{flow}_usd"],
                  source.to_numpy()) for flow in ("exports", "imports")]


def _customs(fcs_totals: pd.DataFrame) -> pd.DataFrame:
    rows = fcs_totals[(fcs_totals["months"] == 12) & (fcs_totals["partner_group"] == "world")
                      & (fcs_totals["basis"] == "customs_statistics")]
    # each year's value from the newest publication (largest vintage) that has it
    newest = rows.sort_values(["year", "flow", "vintage", "source_file"]).drop_duplicates(
        ["year", "flow"], keep="last")
    valuation = newest["flow"].map({"exports": "fob", "imports": "cif"})
    return _rows(newest["year"], "RUS", newest["flow"].to_numpy(), "customs",
                 valuation.to_numpy(), newest["value_usd"],
                 (f"{names.FCS_YEARLY_TOTALS} (" + newest["source_file"] + ")").to_numpy())


def _own_reports(dots: pd.DataFrame, basis: str, table: str) -> pd.DataFrame:
    if dots.empty:
        return pd.DataFrame(columns=TOTAL_COLUMNS)
    files = dots["source_file"] if "source_file" in dots.columns else pd.Series(
        "", index=dots.index)
    rows = dots[(dots["partner_iso3"] == "WLD") & (dots["reporter_iso3"] != "WLD")
                & ~files.str.startswith("imf_dots_world_partner_annual/")]
    return _rows(rows["year"], rows["reporter_iso3"].to_numpy(), rows["flow"].to_numpy(),
                 basis, rows["valuation"].to_numpy(), rows["value_usd"],
                 f"{table} ({'reporter reports the world' if basis == 'dots' else 'IMTS'})")


def _mirror(dots: pd.DataFrame) -> pd.DataFrame:
    rows = dots[(dots["reporter_iso3"] == "WLD")
                & dots["source_file"].str.startswith("imf_dots_world_partner_annual/")]
    # the world's exports to X are X's imports as partners report them, and vice versa
    flow = rows["flow"].map({"exports": "imports", "imports": "exports"})
    valuation = rows["flow"].map({"exports": "fob", "imports": "cif"})
    return _rows(rows["year"], rows["partner_iso3"].to_numpy(), flow.to_numpy(), "mirror",
                 valuation.to_numpy(), rows["value_usd"],
                 (f"{names.DOTS} (" + rows["source_file"] + ")").to_numpy(), True)


def _atlas(atlas: pd.DataFrame) -> list[pd.DataFrame]:
    return [_rows(atlas["year"], atlas["iso3"].to_numpy(), flow, "atlas", "fob",
                  atlas[f"{flow}_usd"], names.ATLAS,
                  atlas["is_mirror_estimate"].to_numpy(dtype=bool))
            for flow in ("exports", "imports")]


def _goods_and_services(wdi_gdp: pd.DataFrame, wdi_macro: pd.DataFrame) -> list[pd.DataFrame]:
    parts = []
    for flow, code in (("exports", "NE.EXP.GNFS.ZS"), ("imports", "NE.IMP.GNFS.ZS")):
        share = wdi_macro[wdi_macro["indicator"] == code]
        both = share.merge(wdi_gdp[["iso3", "year", "gdp_usd"]], on=["iso3", "year"])
        parts.append(_rows(both["year"], both["iso3"].to_numpy(), flow, "goods_and_services",
                           "fob", both["value"] / 100.0 * both["gdp_usd"],
                           f"{names.WDI_MACRO} x {names.WDI_GDP}"))
    return parts


def trade_totals(*, dots: pd.DataFrame, cbr_monthly: pd.DataFrame, fcs_totals: pd.DataFrame,
                 atlas: pd.DataFrame, wdi_gdp: pd.DataFrame, wdi_macro: pd.DataFrame,
                 imts_yearly: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every economy's total exports and imports per year on every basis.

    Parameters
    ----------
    dots, cbr_monthly, fcs_totals, atlas, wdi_gdp, wdi_macro, imts_yearly : DataFrame
        The core tables (``econ.names``: ``DOTS`` with at least the partner-WLD rows and
        the WLD reporter, ``CBR_MONTHLY``, ``FCS_YEARLY_TOTALS``, ``ATLAS``, ``WDI_GDP``,
        ``WDI_MACRO``, ``IMTS_YEARLY``).

    Returns
    -------
    DataFrame
        :data:`TOTAL_COLUMNS`, one row per economy, year, flow and basis the data cover.
    """
    parts = [*_bop(cbr_monthly), _customs(fcs_totals), _own_reports(dots, "dots", names.DOTS),
             _mirror(dots), *_atlas(atlas), *_goods_and_services(wdi_gdp, wdi_macro)]
    if imts_yearly is not None:
        parts.append(_own_reports(imts_yearly, "imts", names.IMTS_YEARLY))
    table = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    return table.sort_values(["iso3", "year", "flow", "basis"]).reset_index(drop=True)[
        TOTAL_COLUMNS]
