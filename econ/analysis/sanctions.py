"""Builder of ``out_sanctions__yearly_listed_trade``: listed-goods trade per list and tier.

The lists restrict sales *to Russia*, so for a configured pair with Russia the partner ->
Russia flow is screened on every list; Russia -> partner on the EU list only (its
unlabelled union includes the EU's bans on imports from Russia: coal, steel, wood ...);
for the CHPL and the EAR supplements (export controls on Russia) the reverse flow means
nothing. A pair BACI does not cover gives no rows (the shipped BACI file holds
China-Russia only; a full release fetched with ``econ fetch baci`` covers every pair).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.indicators.sanctions import match_summary, screen_listed_trade
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["SANCTIONED", "build_yearly_listed_trade", "screened_flows"]

#: the economy the lists restrict sales to
SANCTIONED = "RUS"
#: lists that also restrict the sanctioned economy's own sales
_OUTBOUND_LISTS = ("eu_833_2014",)


def screened_flows(pairs: Sequence[Pair]) -> list[tuple[Pair, str, str, tuple[str, ...] | None]]:
    """(pair, exporter, importer, lists or None for all) to screen for each pair with
    :data:`SANCTIONED`."""
    out: list[tuple[Pair, str, str, tuple[str, ...] | None]] = []
    for pair in pairs:
        if SANCTIONED not in pair.codes:
            continue
        other = pair.partner if pair.reporter == SANCTIONED else pair.reporter
        out += [(pair, other, SANCTIONED, None), (pair, SANCTIONED, other, _OUTBOUND_LISTS)]
    return out


def build_yearly_listed_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_sanctions__yearly_listed_trade``."""
    trade = ctx.table(names.BACI)
    lists = ctx.table(names.SANCTIONS_LISTS)
    concordance = ctx.table(names.HS_CONCORDANCE)
    for name, group in lists.groupby("list_name"):
        how = "transcribed" if group["is_transcribed"].all() else "copied byte-for-byte"
        ctx.note(f"list {name}, version {group['list_version'].iloc[0]} ({how})")
    summary = match_summary(lists, concordance)
    for row in summary[summary["tier"] == "all"].itertuples():
        ctx.note(f"{row.list_name}: {row.n_codes} codes, HS2017 match exact {row.exact}, "
                 f"merged {row.merged}, split {row.split}, unmatched {row.unmatched} "
                 f"({row.carved_out_only} carved out of other codes, upper bound only)")
    parts = []
    for pair, exporter, importer, chosen in screened_flows(ctx.pairs):
        covered = trade[(trade["exporter_iso3"] == exporter) & (trade["importer_iso3"] == importer)]
        if covered.empty:
            ctx.note(f"{pair}: BACI holds no {exporter}->{importer} flows; not screened")
            continue
        subset = lists if chosen is None else lists[lists["list_name"].isin(chosen)]
        parts.append(screen_listed_trade(trade, subset, concordance, exporter=exporter,
                                         importer=importer).assign(
            reporter_iso3=pair.reporter, partner_iso3=pair.partner))
    return pd.concat(parts, ignore_index=True)
