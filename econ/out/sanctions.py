"""Builder of ``out_sanctions__yearly_listed_trade``: listed-goods trade per list and tier.

Pairs: China -> Russia on every list (the lists restrict sales to Russia). Russia -> China
on the EU list only: its unlabelled union includes the EU's bans on imports from Russia
(coal, steel, wood ...), so Russia's sales of those goods to China mean something; for
the CHPL and the EAR supplements (export controls on Russia) the reverse flow does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.indicators.sanctions import match_summary, screen_listed_trade

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["PAIRS", "build_yearly_listed_trade"]

#: (exporter, importer, lists screened; None = every list)
PAIRS: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("CHN", "RUS", None),
    ("RUS", "CHN", ("eu_833_2014",)),
)


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
    for exporter, importer, chosen in PAIRS:
        subset = lists if chosen is None else lists[lists["list_name"].isin(chosen)]
        parts.append(screen_listed_trade(trade, subset, concordance, exporter=exporter,
                                         importer=importer))
    return pd.concat(parts, ignore_index=True)
