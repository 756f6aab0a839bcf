"""Builder of ``out_energy__yearly_rus_chn``: Russia-China energy dependence per year."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.etl.china_customs import annual_totals, newest_vintage
from econ.indicators.energy import customs_energy_shares, ei_energy_shares, energy_chapter_share

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["build_yearly_rus_chn"]


def build_yearly_rus_chn(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_energy__yearly_rus_chn`` from the EI, China customs and BACI tables."""
    customs = ctx.table(names.CHINA_CUSTOMS_ENERGY,
                        filters={"origin_iso3": ["RUS", "WLD"]})
    parts = [
        ei_energy_shares(ctx.table(names.EI_TRADE_LATEST)).assign(
            source=names.EI_TRADE_LATEST),
        customs_energy_shares(annual_totals(newest_vintage(customs))).assign(
            source="core_china_customs__monthly_energy_imports (newest vintage)"),
        energy_chapter_share(ctx.table(names.BACI)).assign(
            source=names.BACI),
    ]
    ctx.note("EI shares are of the EI tables' own 'Total' row or column (volumes; coal in "
             "EJ); customs shares only where China's total of the commodity is published "
             "(complete years); HS27 share from BACI (values)")
    return pd.concat(parts, ignore_index=True)
