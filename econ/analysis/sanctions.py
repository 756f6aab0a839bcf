"""Builder of ``out_sanctions__yearly_listed_trade``: listed-goods trade per list and tier.

The lists restrict sales *to Russia*, so for a configured pair with Russia the partner ->
Russia flow is screened on every list; Russia -> partner on the EU list only (its
unlabelled union includes the EU's bans on imports from Russia: coal, steel, wood ...);
for the CHPL and the EAR supplements (export controls on Russia) the reverse flow means
nothing. A pair BACI does not cover gives no rows (the shipped BACI file holds
China-Russia only; a full release fetched with ``econ fetch baci`` covers every pair).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.analysis import flows as fl
from econ.analysis.balance import source_frames
from econ.indicators.sanctions import match_summary, screen_listed_trade
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["HS2022_FIRST_YEAR", "SANCTIONED", "build_yearly_listed_trade", "method_of",
           "screened_flows"]

#: the economy the lists restrict sales to
SANCTIONED = "RUS"
#: lists that also restrict the sanctioned economy's own sales
_OUTBOUND_LISTS = ("eu_833_2014",)


def screened_flows(pairs: Sequence[Pair]) -> list[tuple[Pair, str, str, tuple[str, ...] | None]]:
    """The flows to screen for each pair with :data:`SANCTIONED`.

    Each as (pair, exporter, importer, lists or None for all).
    """
    out: list[tuple[Pair, str, str, tuple[str, ...] | None]] = []
    for pair in pairs:
        if SANCTIONED not in pair.codes:
            continue
        other = pair.partner if pair.reporter == SANCTIONED else pair.reporter
        out += [(pair, other, SANCTIONED, None), (pair, SANCTIONED, other, _OUTBOUND_LISTS)]
    return out


#: first year BACI HS17 converts HS 2022 declarations back to HS 2017
HS2022_FIRST_YEAR = 2022


def method_of(years: pd.Series, exporter: str, importer: str,
              reporting: Mapping[str, set[int]]) -> pd.DataFrame:
    """How BACI built each year's flow, and where that method changes.

    BACI reconciles the exporter's and the importer's declarations while both report; when
    one stops (Russia from 2022) it rests on the other's alone. From 2022 the declarations
    are in HS 2022, converted to HS 2017. Either change is a method break: trends are
    measured from the first year of the same method.

    Returns
    -------
    DataFrame
        ``year, method, method_base_year, is_method_break``.

    Examples
    --------
    >>> method_of(pd.Series([2021, 2022]), "CHN", "RUS",
    ...           {"CHN": {2021, 2022}, "RUS": {2021}})["is_method_break"].tolist()
    [False, True]
    """
    unique = sorted(set(int(y) for y in years))
    labels = {}
    for year in unique:
        both = year in reporting.get(exporter, set()) and year in reporting.get(importer, set())
        who = ("both declarations reconciled" if both else
               f"{exporter}'s declaration only" if year in reporting.get(exporter, set()) else
               f"{importer}'s declaration only")
        hs = "HS 2022 converted to HS 2017" if year >= HS2022_FIRST_YEAR else "HS 2017"
        labels[year] = f"{who}; {hs}"
    base, previous, rows = {}, None, []
    for year in unique:
        if labels[year] != previous:
            base[labels[year]] = year
        rows.append({"year": year, "method": labels[year],
                     "method_base_year": base[labels[year]],
                     "is_method_break": previous is not None and labels[year] != previous})
        previous = labels[year]
    return pd.DataFrame(rows)


def _with_method(table: pd.DataFrame, reporting: Mapping[str, set[int]]) -> pd.DataFrame:
    parts = []
    keys = ["exporter_iso3", "importer_iso3", "list_name", "tier"]
    for (exporter, importer, *_), group in table.groupby(keys):
        method = method_of(group["year"], exporter, importer, reporting)
        group = group.merge(method, on="year", how="left")
        base = group.set_index("year")["value_usd"]
        group["growth_same_method"] = group["value_usd"] / group["method_base_year"].map(
            base).to_numpy() - 1.0
        parts.append(group)
    return pd.concat(parts, ignore_index=True)


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
    flows = fl.stacked_years(*source_frames(ctx))
    reporting = {str(k): set(g["year"].astype(int)) for k, g in flows.groupby("reporter_iso3")}
    return _with_method(pd.concat(parts, ignore_index=True), reporting)
