"""Is a pair's trade unusual, and did the 2014 sanctions divert Russia's trade?

Structural gravity (:mod:`econ.gravity`) on the IMF DOTS panel with CEPII geography,
in 4-year intervals as Yotov et al. (2016) use them (2000, 2004, ..., 2020: the
workbooks end in 2020, and no year straddles the mid-2014 sanctions):

* ``out_gravity__yearly_pair_fit``: each configured pair's actual trade, both directions,
  against the traditional PPML prediction with its 95% band;
* ``out_gravity__sanctions_effects``: the structural estimate (pair, exporter-year and
  importer-year effects) of how Russia's trade with the countries it named as sanctioning
  it, and with China, moved after 2014 relative to its other partners;
* ``out_gravity__yearly_partner_group_shares``: the same split in levels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.analysis._cache import shared
from econ.gravity.applications import (
    fit_gravity,
    pair_fit,
    partner_group_shares,
    sanctions_table,
    sanctions_terms,
)
from econ.gravity.panel import build_gravity_panel, panel_years

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["FIRST_YEAR", "INTERVAL", "LAST_YEAR", "SANCTIONS_PAIR", "UPSTREAM",
           "build_gravity_table", "gravity_tables"]

FIRST_YEAR, LAST_YEAR, INTERVAL = 2000, 2020, 4
UPSTREAM = (names.DOTS, names.GEO_COUNTRIES, names.COUNTRIES)
#: the sanctions application's pair: the sanctioned economy and the partner its trade
#: may have been diverted to (the two tables are keyed by it)
SANCTIONS_PAIR = ("RUS", "CHN")
_GROUP = {"is_rus_sanctioner_post": "sanctioners", "is_rus_chn_post": SANCTIONS_PAIR[1]}


def gravity_tables(dots: pd.DataFrame, geo: pd.DataFrame, countries: pd.DataFrame,
                   pairs: list[tuple[str, str]]) -> dict[str, pd.DataFrame]:
    """The three gravity out tables from the DOTS, geography and country tables."""
    economies = set(countries.loc[countries["kind"].isin(["country", "territory"]), "iso3"])
    panel = build_gravity_panel(dots, geo, years=panel_years(FIRST_YEAR, LAST_YEAR,
                                                             interval=INTERVAL),
                                economies=economies)
    traditional = fit_gravity(panel.dropna(subset=["log_distance_km"]))
    target, partner = SANCTIONS_PAIR
    structural = fit_gravity(sanctions_terms(panel, target=target, diversion_partner=partner),
                             specification="structural", policy=list(_GROUP))
    effects = sanctions_table(structural)
    effects = effects.assign(reporter_iso3=target, partner_iso3=partner,
                             partner_group=effects["term"].map(_GROUP),
                             nobs=int(structural.nobs),
                             n_separated=int(structural.n_separated))
    shares = partner_group_shares(panel, target=target, diversion_partner=partner)
    return {names.GRAVITY_PAIR_FIT: pair_fit(panel, traditional, pairs=pairs),
            names.GRAVITY_SANCTIONS: effects,
            names.GRAVITY_GROUP_SHARES: shares.assign(partner_iso3=partner)}


def build_gravity_table(ctx: BuildContext) -> pd.DataFrame:
    """Build one ``out_gravity__*`` table (the fits run once per refresh for all three)."""
    pairs = [p.codes for p in ctx.pairs]
    tables = shared(ctx, UPSTREAM, lambda frames: gravity_tables(frames[0], frames[1],
                                                                 frames[2], pairs))
    return tables[ctx.spec.name]
