"""Builders of the dependence out tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.indicators.china_share import china_share_of_russia_imports
from econ.indicators.denominators import bop_goods_trade
from econ.indicators.pairs import pair_indicators
from econ.indicators.screen import bilateral_screen

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["PAIR_ECONOMIES", "build_china_share_of_russia_imports", "build_pair_indicators",
           "build_product_screen"]


def build_china_share_of_russia_imports(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_dependence__yearly_china_share_of_russia_imports``."""
    return china_share_of_russia_imports(
        dots=ctx.table(names.DOTS,
                       filters={"reporter_iso3": ["RUS", "CHN", "WLD"]}),
        fcs_partner=ctx.table(names.FCS_MONTHLY_PARTNER),
        comtrade=ctx.table(names.COMTRADE_MONTHLY),
        third_party=ctx.table(names.THIRD_PARTY_MONTHLY),
        baci=ctx.table(names.BACI),
        cbr_monthly=ctx.table(names.CBR_MONTHLY),
        fcs_totals=ctx.table(names.FCS_YEARLY_TOTALS),
        atlas=ctx.table(names.ATLAS, filters={"iso3": "RUS"}),
        wdi_gdp=ctx.table(names.WDI_GDP, filters={"iso3": "RUS"}),
        wdi_macro=ctx.table(names.WDI_MACRO, filters={"iso3": "RUS"}),
    )


#: economies whose pairs with Russia and China the pair table holds
PAIR_ECONOMIES = ("RUS", "CHN", "USA", "DEU", "IND", "KAZ", "TUR")
_DOTS = names.DOTS


def _dots_flows(dots: pd.DataFrame, economies: set[str]
                ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Bilateral flows among ``PAIR_ECONOMIES`` and their world totals, reporters' own."""
    rows = dots[dots.source_file.str.startswith("imf_dots_annual_xlsx/")]
    wide = rows.pivot_table(index=["year", "reporter_iso3", "partner_iso3"], columns="flow",
                            values="value_usd", aggfunc="sum").reset_index()
    wide = wide.rename(columns={"exports": "exports_usd", "imports": "imports_usd"})
    flows = wide[wide.partner_iso3.isin(PAIR_ECONOMIES)
                 & (wide.partner_iso3 != wide.reporter_iso3)
                 & (wide.reporter_iso3.isin({"RUS", "CHN"}) | wide.partner_iso3.isin(
                     {"RUS", "CHN"}))]
    totals = wide[wide.partner_iso3 == "WLD"].drop(columns="partner_iso3")
    imports = rows[(rows.flow == "imports") & rows.partner_iso3.isin(economies)
                   & (rows.partner_iso3 != rows.reporter_iso3)]
    return flows, totals, imports[["year", "reporter_iso3", "partner_iso3", "value_usd"]]


def _china_reported(balance: pd.DataFrame, cbr: pd.DataFrame, atlas: pd.DataFrame
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """RUS-CHN flows from China's reports, with Russia's BoP and China's Atlas totals."""
    rows = balance[balance.basis == "china_reported"]
    rus = pd.DataFrame({"year": rows.year, "reporter_iso3": "RUS", "partner_iso3": "CHN",
                        "exports_usd": rows.exports_usd, "imports_usd": rows.imports_usd})
    chn = rus.rename(columns={"exports_usd": "imports_usd", "imports_usd": "exports_usd"})
    chn = chn.assign(reporter_iso3="CHN", partner_iso3="RUS")
    bop = bop_goods_trade(cbr)
    rus_totals = pd.DataFrame({"year": bop.index, "reporter_iso3": "RUS",
                               "exports_usd": bop["exports_usd"].to_numpy(),
                               "imports_usd": bop["imports_usd"].to_numpy()})
    china = atlas[atlas.iso3 == "CHN"]
    chn_totals = pd.DataFrame({"year": china.year, "reporter_iso3": "CHN",
                               "exports_usd": china.exports_usd,
                               "imports_usd": china.imports_usd})
    return pd.concat([rus, chn], ignore_index=True), pd.concat([rus_totals, chn_totals],
                                                                ignore_index=True)


def build_pair_indicators(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_dependence__yearly_pair_indicators`` on two bases."""
    countries = ctx.table(names.COUNTRIES, columns=["iso3", "kind"])
    economies = set(countries.loc[countries.kind.isin(["country", "territory"]), "iso3"])
    dots = ctx.table(_DOTS, filters={"reporter_iso3": list(PAIR_ECONOMIES)})
    gdp = ctx.table(names.WDI_GDP, columns=["iso3", "year", "gdp_usd"])
    flows, totals, imports = _dots_flows(dots, economies)
    reported = pair_indicators(flows, totals, gdp=gdp, partner_imports=imports).assign(
        basis="reported_dots", source_tables=f"{_DOTS}, core_wdi__yearly_gdp")
    china_flows, china_totals = _china_reported(
        ctx.table(names.BALANCE_YEARLY), ctx.table(names.CBR_MONTHLY),
        ctx.table(names.ATLAS, filters={"iso3": "CHN"}))
    mirrored = pair_indicators(china_flows, china_totals, gdp=gdp).assign(
        basis="china_reported_flows",
        source_tables="out_balance__yearly_rus_chn (China's reports), core_cbr__monthly_goods_"
        "trade (Russia's BoP totals), core_atlas__yearly_country_trade (China's totals), "
        "core_wdi__yearly_gdp")
    ctx.note("basis reported_dots: each reporter's own IMF DOTS reports, to 2020; basis "
             "china_reported_flows: RUS-CHN flows from China's reports (FOB), Russia's totals "
             "from the Bank of Russia (BoP, FOB), China's from the Harvard Atlas")
    return pd.concat([reported, mirrored], ignore_index=True)


def build_product_screen(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_dependence__product_screen``: what the bilateral BACI file allows."""
    frame, unavailable = bilateral_screen(ctx.table(names.BACI),
                                          reporter="RUS", partner="CHN")
    for criterion in unavailable:
        ctx.note(f"not computed: {criterion}")
    products = ctx.table(names.HS_PRODUCTS, filters={"hs_revision": "HS2017"},
                         columns=["hs6", "description"])
    return frame.merge(products, on="hs6", how="left")
