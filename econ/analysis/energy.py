"""Energy dependence of each pair, both directions: volumes and shares by commodity.

From the Energy Institute's bilateral tables (any exporter and importer they show by
name), China's customs (imports into China by origin: pairs whose importer is China) and
BACI (the energy chapter's share of the pair's trade, where BACI covers the pair).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.analysis.dependence import best_totals
from econ.analysis.shares import totals_from
from econ.etl.china_customs import annual_totals, newest_vintage
from econ.indicators.energy import customs_energy_shares, ei_energy_shares, energy_chapter_share
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["PURCHASED", "PURCHASE_COLUMNS", "build_energy", "build_purchases",
           "purchases_vs_exports"]

_CUSTOMS_SOURCE = f"{names.CHINA_CUSTOMS_ENERGY} (newest vintage)"


def build_energy(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_energy__yearly_energy_dependence`` for every configured pair."""
    ei = ctx.table(names.EI_TRADE_LATEST)
    baci = ctx.table(names.BACI)
    customs = annual_totals(newest_vintage(ctx.table(names.CHINA_CUSTOMS_ENERGY)))
    parts = []
    for pair in ctx.pairs:
        for exporter, importer in (pair.codes, pair.codes[::-1]):
            found = [ei_energy_shares(ei, exporter=exporter, importer=importer).assign(
                source=names.EI_TRADE_LATEST),
                energy_chapter_share(baci, exporter=exporter, importer=importer).assign(
                source=names.BACI)]
            if importer == "CHN":
                found.append(customs_energy_shares(customs, origin=exporter).assign(
                    source=_CUSTOMS_SOURCE))
            for frame in found:
                if not frame.empty:
                    parts.append(frame.assign(reporter_iso3=pair.reporter,
                                              partner_iso3=pair.partner,
                                              exporter_iso3=exporter, importer_iso3=importer))
    ctx.note("EI shares are of the EI tables' own 'Total' row or column (volumes; coal in "
             "EJ); customs shares only where China's total of the commodity is published "
             "(complete years); HS27 share from BACI (values)")
    return pd.concat(parts, ignore_index=True)


#: commodities China's customs report by origin, summed into ``all_energy``
PURCHASED = ("crude", "pipeline_gas", "lng", "coal")
PURCHASE_COLUMNS = ["reporter_iso3", "partner_iso3", "exporter_iso3", "year", "commodity",
                    "value_usd", "exports_usd", "share_of_exports", "gdp_usd", "share_of_gdp",
                    "exports_source"]


def purchases_vs_exports(customs: pd.DataFrame, totals: pd.DataFrame, gdp: pd.DataFrame,
                         pairs: Sequence[Pair], *, importer: str = "CHN") -> pd.DataFrame:
    """What the importer's energy purchases are worth to the other side of each pair.

    Per complete year, against that economy's total goods exports and its GDP.

    Parameters
    ----------
    customs : DataFrame
        Annual customs totals of the importer's energy imports by origin (value_usd,
        months), e.g. ``annual_totals(newest_vintage(core table))``.
    totals : DataFrame
        ``year, reporter_iso3, exports_usd, totals_source`` (the exporter's best totals,
        :func:`econ.analysis.dependence.best_totals`).
    gdp : DataFrame
        ``iso3, year, gdp_usd``.
    pairs : sequence of Pair
        Pairs with ``importer`` on one side are sized.

    Returns
    -------
    DataFrame
        :data:`PURCHASE_COLUMNS`, one row per pair, year and commodity (and ``all_energy``).
    """
    parts = []
    complete = customs[customs["months"] == 12]
    for pair in pairs:
        if importer not in pair.codes:
            continue
        exporter = pair.partner if pair.reporter == importer else pair.reporter
        rows = complete[(complete["origin_iso3"] == exporter)
                        & complete["commodity"].isin(PURCHASED)]
        values = rows.pivot_table(index="year", columns="commodity", values="value_usd",
                                  aggfunc="sum")
        if values.empty:
            continue
        values["all_energy"] = values.sum(axis=1, min_count=1)
        long = values.reset_index().melt(id_vars="year", var_name="commodity",
                                         value_name="value_usd").dropna()
        own = totals[totals["reporter_iso3"] == exporter].set_index("year")
        output = gdp[gdp["iso3"] == exporter].set_index("year")["gdp_usd"]
        long = long.assign(reporter_iso3=pair.reporter, partner_iso3=pair.partner,
                           exporter_iso3=exporter,
                           exports_usd=long["year"].map(own["exports_usd"]),
                           exports_source=long["year"].map(own["totals_source"]).astype(object)
                           .fillna(""),
                           gdp_usd=long["year"].map(output))
        parts.append(long)
    if not parts:
        return pd.DataFrame(columns=PURCHASE_COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    table["share_of_exports"] = table["value_usd"] / table["exports_usd"]
    table["share_of_gdp"] = table["value_usd"] / table["gdp_usd"]
    return table[PURCHASE_COLUMNS].astype({"year": "int64"})


def build_purchases(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_energy__yearly_purchases_vs_exports`` for every configured pair."""
    customs = annual_totals(newest_vintage(ctx.table(names.CHINA_CUSTOMS_ENERGY)))
    ctx.note("values: China's customs (newest vintage per month, complete years); exports: "
             "the exporter's best totals (Russia: Bank of Russia balance of payments); GDP: "
             "World Bank")
    return purchases_vs_exports(customs, best_totals(totals_from(ctx)),
                                ctx.table(names.WDI_GDP, columns=["iso3", "year", "gdp_usd"]),
                                ctx.pairs)
