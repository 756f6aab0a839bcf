"""Energy dependence of each pair, both directions: volumes and shares by commodity.

From the Energy Institute's bilateral tables (any exporter and importer they show by
name), China's customs (imports into China by origin: pairs whose importer is China) and
BACI (the energy chapter's share of the pair's trade, where BACI covers the pair).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.etl.china_customs import annual_totals, newest_vintage
from econ.indicators.energy import customs_energy_shares, ei_energy_shares, energy_chapter_share

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["build_energy"]

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
