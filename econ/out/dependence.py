"""Builders of the dependence out tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ.indicators.china_share import china_share_of_russia_imports

if TYPE_CHECKING:
    from econ.refresh import BuildContext

__all__ = ["build_china_share_of_russia_imports"]


def build_china_share_of_russia_imports(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_dependence__yearly_china_share_of_russia_imports``."""
    return china_share_of_russia_imports(
        dots=ctx.table("core_imf_dots__yearly_bilateral_trade",
                       filters={"reporter_iso3": ["RUS", "CHN", "WLD"]}),
        fcs_partner=ctx.table("core_fcs__monthly_partner_trade"),
        comtrade=ctx.table("core_comtrade__monthly_bilateral_trade"),
        third_party=ctx.table("core_third_party__monthly_total_trade"),
        baci=ctx.table("core_baci__yearly_product_trade"),
        cbr_monthly=ctx.table("core_cbr__monthly_goods_trade"),
        fcs_totals=ctx.table("core_fcs__yearly_trade_totals"),
        atlas=ctx.table("core_atlas__yearly_country_trade", filters={"iso3": "RUS"}),
        wdi_gdp=ctx.table("core_wdi__yearly_gdp", filters={"iso3": "RUS"}),
        wdi_macro=ctx.table("core_wdi__yearly_macro_indicators", filters={"iso3": "RUS"}),
    )
