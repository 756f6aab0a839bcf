"""The partner's share of the reporter's imports, for each pair, on every basis.

"China supplies up to 40% of Russia's imports" is a ratio whose answer depends on the
numerator (the reporter's report of its imports from the partner, or the partner's report
of its exports to the reporter), on the denominator (the reporter's own totals, customs
or balance-of-payments totals, partners' mirror data, mirror-reconciled estimates, or
imports of goods and services) and on valuation (CIF or FOB). Each basis in
:data:`BASES` is one numerator over one denominator on one valuation; where the two
differ, the numerator is put on the denominator's valuation with a CIF/FOB factor. A
basis gives rows for a pair only where both of its parts exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pandas as pd

from econ import names
from econ.analysis import flows as fl
from econ.analysis.balance import source_frames
from econ.analysis.totals import trade_totals
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["BASES", "SHARE_COLUMNS", "Basis", "build_shares", "numerators", "partner_shares"]

Numerator = Literal["reporter_dots", "reporter_customs", "partner_reported", "baci"]


@dataclass(frozen=True)
class Basis:
    """One way to compute the share.

    Attributes
    ----------
    numerator : str
        ``reporter_dots`` (the reporter's DOTS report of its imports from the partner),
        ``reporter_customs`` (its monthly customs partner series, complete years),
        ``partner_reported`` (the partner's exports to the reporter, best source) or
        ``baci`` (CEPII's reconciled flow).
    denominator : str
        A basis of :func:`econ.analysis.totals.trade_totals`.
    valuation : {"cif", "fob"}
        Valuation of the share (that of the denominator).
    meaning, caveat : str
        What the basis measures, and what to beware of.
    """

    numerator: Numerator
    denominator: str
    valuation: Literal["cif", "fob"]
    meaning: str
    caveat: str


BASES: dict[str, Basis] = {
    "reporter_dots": Basis(
        "reporter_dots", "dots", "cif",
        "the reporter's reported imports from the partner over its reported imports from "
        "the world (IMF DOTS)", "The DOTS workbooks end in 2020."),
    "reporter_customs": Basis(
        "reporter_customs", "customs", "cif",
        "the reporter's customs imports from the partner (monthly partner series, summed) "
        "over its customs totals", "Russia's customs stopped publishing partners in 2022."),
    "partner_over_bop": Basis(
        "partner_reported", "bop", "fob",
        "the partner's reported exports to the reporter over the reporter's "
        "balance-of-payments goods imports", "Numerator and denominator from different "
        "reporters; both FOB."),
    "partner_over_customs": Basis(
        "partner_reported", "customs", "cif",
        "the partner's reported exports to the reporter (FOB x CIF/FOB factor) over the "
        "reporter's customs imports", "The CIF/FOB factor is an average, not measured for "
        "the pair."),
    "partner_over_mirror": Basis(
        "partner_reported", "mirror", "fob",
        "the partner's reported exports to the reporter over all partners' reported "
        "exports to it (IMF DOTS World file)", "Mirror totals run below the reporter's own "
        "figures, so this share is biased upward."),
    "baci_over_atlas": Basis(
        "baci", "atlas", "fob",
        "the partner's exports to the reporter (CEPII BACI, reconciled) over the "
        "reporter's imports (Harvard Atlas, mirror-reconciled)", "Where the Atlas totals "
        "are mirror estimates (Russia from 2022) they run below BoP imports: the share is "
        "overstated."),
    "partner_over_goods_and_services": Basis(
        "partner_reported", "goods_and_services", "fob",
        "the partner's reported exports to the reporter over the reporter's imports of "
        "goods and services (World Bank)", "Services in the denominator: a lower bound for "
        "the goods share."),
}

SHARE_COLUMNS = ["reporter_iso3", "partner_iso3", "year", "basis", "share", "numerator_usd",
                 "denominator_usd", "valuation", "cif_fob_factor", "numerator_source",
                 "denominator_source", "is_denominator_low", "meaning", "caveat"]


def numerators(all_yearly: pd.DataFrame, baci: pd.DataFrame, pair: Pair) -> pd.DataFrame:
    """The reporter's imports from the partner per year, on each numerator's definition.

    Parameters
    ----------
    all_yearly : DataFrame
        Yearly flows of every source, not yet reduced to the best one (as
        :func:`econ.analysis.flows.to_years` and ``dots_yearly`` give them).
    baci : DataFrame
        ``core_baci__yearly_product_trade`` rows.
    pair : Pair

    Returns
    -------
    DataFrame
        ``year, numerator, value_usd, valuation, source``.
    """
    a, b = pair.codes
    own = all_yearly[(all_yearly["reporter_iso3"] == a) & (all_yearly["partner_iso3"] == b)
                     & (all_yearly["flow"] == "imports")]
    mirror = fl.best(all_yearly[(all_yearly["reporter_iso3"] == b)
                                & (all_yearly["partner_iso3"] == a)
                                & (all_yearly["flow"] == "exports")], "year")
    dots = own[own["source"] == fl.SOURCES["dots"].label]
    customs = own[own["source"] == fl.SOURCES["fcs_monthly"].label]
    flows = baci[(baci["exporter_iso3"] == b) & (baci["importer_iso3"] == a)]
    baci_years = flows.groupby("year", as_index=False)["value_usd"].sum()
    parts = [
        dots.assign(numerator="reporter_dots"),
        customs.assign(numerator="reporter_customs"),
        mirror.assign(numerator="partner_reported"),
        baci_years.assign(numerator="baci", valuation="fob", source=names.BACI),
    ]
    columns = ["year", "numerator", "value_usd", "valuation", "source"]
    return pd.concat([p[columns] for p in parts if not p.empty], ignore_index=True) if any(
        not p.empty for p in parts) else pd.DataFrame(columns=columns)


def partner_shares(all_yearly: pd.DataFrame, totals: pd.DataFrame, baci: pd.DataFrame,
                   pairs: Sequence[Pair], *, cif_fob: float = names.CIF_FOB_FACTOR
                   ) -> pd.DataFrame:
    """Each pair's partner share of the reporter's imports, on every basis with data.

    Parameters
    ----------
    all_yearly : DataFrame
        Yearly flows of every source (see :func:`numerators`).
    totals : DataFrame
        :func:`econ.analysis.totals.trade_totals`.
    baci : DataFrame
        ``core_baci__yearly_product_trade``.
    pairs : sequence of Pair
    cif_fob : float
        Factor putting a FOB numerator on a CIF denominator (and back).

    Returns
    -------
    DataFrame
        :data:`SHARE_COLUMNS`, one row per pair, year and basis.
    """
    rows = []
    imports = totals[totals["flow"] == "imports"]
    for pair in pairs:
        nums = numerators(all_yearly, baci, pair)
        dens = imports[imports["iso3"] == pair.reporter]
        for name, basis in BASES.items():
            n = nums[nums["numerator"] == basis.numerator]
            d = dens[dens["basis"] == basis.denominator]
            both = n.merge(d, on="year", suffixes=("_num", "_den"))
            if both.empty:
                continue
            factor = pd.Series(1.0, index=both.index)
            factor[(both["valuation_num"] == "fob") & (both["valuation_den"] == "cif")] = cif_fob
            factor[(both["valuation_num"] == "cif") & (both["valuation_den"] == "fob")] = (
                1.0 / cif_fob)
            rows.append(pd.DataFrame({
                "reporter_iso3": pair.reporter, "partner_iso3": pair.partner,
                "year": both["year"].astype("int64"), "basis": name,
                "numerator_usd": both["value_usd_num"] * factor,
                "denominator_usd": both["value_usd_den"], "valuation": basis.valuation,
                "cif_fob_factor": factor, "numerator_source": both["source_num"],
                "denominator_source": both["source_den"],
                "is_denominator_low": both["is_known_low"].astype(bool),
                "meaning": basis.meaning, "caveat": basis.caveat}))
    if not rows:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    table = pd.concat(rows, ignore_index=True)
    table["share"] = table["numerator_usd"] / table["denominator_usd"]
    return table.sort_values(["reporter_iso3", "partner_iso3", "year", "basis"]).reset_index(
        drop=True)[SHARE_COLUMNS]


def totals_from(ctx: BuildContext) -> pd.DataFrame:
    """:func:`trade_totals` of the pairs' economies, from the context's tables."""
    codes = sorted({c for p in ctx.pairs for c in p.codes})
    dots = ctx.table(names.DOTS, filters=[("reporter_iso3", "in", [*codes, "WLD"])])
    dots = dots[(dots["partner_iso3"] == "WLD") | (dots["reporter_iso3"] == "WLD")]
    return trade_totals(
        dots=dots, cbr_monthly=ctx.table(names.CBR_MONTHLY),
        fcs_totals=ctx.table(names.FCS_YEARLY_TOTALS),
        atlas=ctx.table(names.ATLAS, filters={"iso3": codes}),
        wdi_gdp=ctx.table(names.WDI_GDP, filters={"iso3": codes}),
        wdi_macro=ctx.table(names.WDI_MACRO, filters={"iso3": codes}),
        imts_yearly=ctx.table(names.IMTS_YEARLY))


def build_shares(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_shares__yearly_partner_share_of_imports`` for every configured pair."""
    return partner_shares(fl.stacked_years(*source_frames(ctx)), totals_from(ctx),
                          ctx.table(names.BACI), ctx.pairs)
