"""How dependent is each side of a pair on the other, and how lopsided is it?

Pair indicators (:func:`econ.indicators.pairs.pair_indicators`: shares of each side's
trade, trade-to-GDP, Hirschman, Barbieri, the balance measures, the HHI of import
partners) plus trade intensity and the aggregate Grubel-Lloyd index, for both directions
of every configured pair, on two bases:

* ``own_reports``: each economy's own IMF DOTS reports, flows and world totals (to 2020);
* ``partner_reported``: the pair's flows as the partner reports them (FOB, so they reach
  past 2020 where the partner reports and the reporter does not: China for Russia), with
  each economy's totals from the best source it has (:data:`TOTALS_PREFERENCE`: its own
  customs reports to the IMF, Russia's balance of payments or customs; after an
  economy's own report ends, the Harvard Atlas spliced onto it, because the Atlas runs
  low; each row's ``source_tables`` names what it used).

The product screen (:func:`build_product_screen`) shows what a bilateral BACI file allows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ import names
from econ.analysis import flows as fl
from econ.analysis.balance import pair_balance, source_frames
from econ.analysis.shares import totals_from
from econ.indicators.intra_industry import grubel_lloyd_aggregate
from econ.indicators.pairs import pair_indicators
from econ.indicators.screen import bilateral_screen, importer_screen_table
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["SPLICE_YEARS", "TOTALS_PREFERENCE", "best_totals", "build_importer_screen",
           "build_pair_indicators", "build_product_screen", "importer_screen_rows",
           "intensity_rows", "pair_dependence", "screened_pairs"]

#: the totals basis used for each economy and year, first available wins
TOTALS_PREFERENCE = ("imts", "bop", "customs", "dots", "atlas")
_KEYS = ["year", "reporter_iso3", "partner_iso3"]


def _both_directions(pairs: Sequence[Pair]) -> list[Pair]:
    return list(dict.fromkeys([*pairs, *(Pair(p.partner, p.reporter) for p in pairs)]))


#: bases that are an economy's own report of its totals
_OWN = ("imts", "dots")
#: years of overlap used to splice the Atlas onto an economy's own report
SPLICE_YEARS = 4


def _spliced(wide: pd.DataFrame) -> pd.DataFrame:
    """Atlas totals scaled to the economy's own report where the own report stops.

    The Atlas runs below some economies' own customs totals (China's imports by 15-17% in
    2017-2020); where an economy's own report ends and the Atlas is all that is left, each
    flow is scaled by the median own/Atlas ratio of the last :data:`SPLICE_YEARS` years both
    cover, and the source says so.
    """
    out = []
    for _iso3, group in wide.groupby("iso3"):
        own = group[group["basis"].isin(_OWN)].set_index("year")
        atlas = group[group["basis"] == "atlas"].set_index("year")
        both = own.index.intersection(atlas.index)
        if len(both) == 0 or atlas.index.max() <= own.index.max():
            out.append(group)
            continue
        recent = sorted(both)[-SPLICE_YEARS:]
        ratios = {flow: float((own.loc[recent, flow] / atlas.loc[recent, flow]).median())
                  for flow in ("exports", "imports")}
        late = atlas[atlas.index > own.index.max()].reset_index()
        for flow, ratio in ratios.items():
            late[flow] = late[flow] * ratio
        late["basis"] = "atlas_spliced"
        late["totals_source"] = (late["totals_source"] + f" scaled to the economy's own "
                                 f"report by the median ratio of {recent[0]}-{recent[-1]} "
                                 f"(exports x{ratios['exports']:.3f}, imports "
                                 f"x{ratios['imports']:.3f})")
        out.append(pd.concat([group, late], ignore_index=True))
    return pd.concat(out, ignore_index=True)


def best_totals(totals: pd.DataFrame, *, cif_fob: float = names.CIF_FOB_FACTOR
                ) -> pd.DataFrame:
    """Each economy's exports and imports per year, imports put on FOB.

    Taken from the first basis of :data:`TOTALS_PREFERENCE` that has both; where only
    the Atlas is left after the economy's own report ends, the Atlas is spliced onto it.

    Returns
    -------
    DataFrame
        ``year, reporter_iso3, exports_usd, imports_usd, totals_source``.
    """
    rank = {b: k for k, b in enumerate(TOTALS_PREFERENCE)}
    rows = totals[totals["basis"].isin(rank)].assign(
        value=lambda f: f["value_usd"].where(f["valuation"] != "cif", f["value_usd"] / cif_fob))
    wide = rows.pivot_table(index=["iso3", "year", "basis"], columns="flow", values="value",
                            aggfunc="first").dropna().reset_index()
    source = rows.drop_duplicates(["iso3", "year", "basis"]).set_index(
        ["iso3", "year", "basis"])["source"]
    wide["totals_source"] = source.reindex(
        pd.MultiIndex.from_frame(wide[["iso3", "year", "basis"]])).to_numpy()
    wide = _spliced(wide)
    ranks = {**rank, "atlas_spliced": rank["atlas"] - 0.5}  # before the raw Atlas
    wide["rank"] = wide["basis"].map(ranks)
    chosen = wide.sort_values(["iso3", "year", "rank"]).drop_duplicates(["iso3", "year"])
    return pd.DataFrame({"year": chosen["year"], "reporter_iso3": chosen["iso3"],
                         "exports_usd": chosen["exports"], "imports_usd": chosen["imports"],
                         "totals_source": chosen["basis"] + ": " + chosen["totals_source"]}
                        ).reset_index(drop=True)


def intensity_rows(flows: pd.DataFrame, totals: pd.DataFrame, world: pd.DataFrame
                   ) -> pd.DataFrame:
    """Export and import trade intensity of each row of ``flows`` (ESCAP convention).

    Export intensity of i with j is (x_ij / X_i) / (m_j / (M_w - M_i)); import intensity
    is (m_ij / M_i) / (x_j / (X_w - X_i)), where capitals are world totals.

    Parameters
    ----------
    flows : DataFrame
        ``year, reporter_iso3, partner_iso3, exports_usd, imports_usd``.
    totals : DataFrame
        ``year, reporter_iso3, exports_usd, imports_usd`` of both i and j.
    world : DataFrame
        ``year, exports_usd, imports_usd``: world totals.

    Returns
    -------
    DataFrame
        ``year, reporter_iso3, partner_iso3, indicator, value``.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": [1], "reporter_iso3": ["A"], "partner_iso3": ["B"],
    ...                       "exports_usd": [10.0], "imports_usd": [5.0]})
    >>> totals = pd.DataFrame({"year": [1, 1], "reporter_iso3": ["A", "B"],
    ...                        "exports_usd": [100.0, 50.0], "imports_usd": [80.0, 40.0]})
    >>> world = pd.DataFrame({"year": [1], "exports_usd": [1000.0], "imports_usd": [1000.0]})
    >>> # export: (10/100) / (40/(1000-80)); import: (5/80) / (50/(1000-100))
    >>> intensity_rows(flows, totals, world)["value"].round(4).tolist()
    [2.3, 1.125]
    """
    own = totals.rename(columns={"exports_usd": "x_own", "imports_usd": "m_own"})
    other = totals.rename(columns={"reporter_iso3": "partner_iso3", "exports_usd": "x_other",
                                   "imports_usd": "m_other"})
    frame = (flows.merge(own, on=["year", "reporter_iso3"])
             .merge(other, on=["year", "partner_iso3"])
             .merge(world.rename(columns={"exports_usd": "x_world", "imports_usd": "m_world"}),
                    on="year"))
    frame["export_intensity"] = (frame["exports_usd"] / frame["x_own"]) / (
        frame["m_other"] / (frame["m_world"] - frame["m_own"]))
    frame["import_intensity"] = (frame["imports_usd"] / frame["m_own"]) / (
        frame["x_other"] / (frame["x_world"] - frame["x_own"]))
    long = frame.melt(id_vars=_KEYS, value_vars=["export_intensity", "import_intensity"],
                      var_name="indicator", value_name="value")
    return long.replace([np.inf, -np.inf], np.nan).dropna(subset=["value"])


def _aggregate_gl(baci: pd.DataFrame, pairs: Sequence[Pair]) -> pd.DataFrame:
    parts = []
    for pair in pairs:
        a, b = pair.codes
        x = baci[(baci["exporter_iso3"] == a) & (baci["importer_iso3"] == b)]
        m = baci[(baci["exporter_iso3"] == b) & (baci["importer_iso3"] == a)]
        if x.empty or m.empty:
            continue
        trade = pd.concat([x.assign(exports_usd=x["value_usd"], imports_usd=0.0),
                           m.assign(exports_usd=0.0, imports_usd=m["value_usd"])])
        gl = grubel_lloyd_aggregate(trade, by=("year",))
        parts.append(gl.melt(id_vars="year", value_vars=["grubel_lloyd", "grubel_lloyd_aquino"],
                             var_name="indicator", value_name="value").assign(
            reporter_iso3=a, partner_iso3=b))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=[*_KEYS, "indicator", "value"])


def pair_dependence(*, flows: pd.DataFrame, totals: pd.DataFrame, world: pd.DataFrame,
                    gdp: pd.DataFrame, pairs: Sequence[Pair],
                    partner_imports: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every pair indicator and trade intensity for both directions of ``pairs``.

    Parameters
    ----------
    flows : DataFrame
        ``year, reporter_iso3, partner_iso3, exports_usd, imports_usd`` (both directions).
    totals : DataFrame
        ``year, reporter_iso3, exports_usd, imports_usd``.
    world : DataFrame
        ``year, exports_usd, imports_usd``.
    gdp : DataFrame
        ``iso3, year, gdp_usd``.
    pairs : sequence of Pair
    partner_imports : DataFrame, optional
        For ``hhi_import_partners`` (see :func:`econ.indicators.pairs.pair_indicators`).

    Returns
    -------
    DataFrame
        ``year, reporter_iso3, partner_iso3, indicator, value``.
    """
    wanted = pd.DataFrame([p.codes for p in _both_directions(pairs)],
                          columns=["reporter_iso3", "partner_iso3"])
    flows = flows.merge(wanted, on=["reporter_iso3", "partner_iso3"])
    if flows.empty:
        return pd.DataFrame(columns=[*_KEYS, "indicator", "value"])
    table = pair_indicators(flows, totals, gdp=gdp, partner_imports=partner_imports)
    return pd.concat([table, intensity_rows(flows, totals, world)], ignore_index=True)


def _own_reports(dots: pd.DataFrame, economies: set[str]
                 ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rows = dots[dots["source_file"].str.startswith("imf_dots_annual_xlsx/")]
    wide = rows.pivot_table(index=_KEYS, columns="flow", values="value_usd",
                            aggfunc="sum").reset_index().rename(
        columns={"exports": "exports_usd", "imports": "imports_usd"})
    flows = wide[(wide["partner_iso3"] != "WLD")
                 & (wide["reporter_iso3"] != wide["partner_iso3"])]
    totals = wide[wide["partner_iso3"] == "WLD"].drop(columns="partner_iso3")
    world = totals[totals["reporter_iso3"] == "WLD"].drop(columns="reporter_iso3")
    imports = rows[(rows["flow"] == "imports") & rows["partner_iso3"].isin(economies)
                   & rows["reporter_iso3"].isin(economies)
                   & (rows["partner_iso3"] != rows["reporter_iso3"])]
    return flows, totals, world, imports[[*_KEYS, "value_usd"]]


def _partner_reported(balance: pd.DataFrame) -> pd.DataFrame:
    """Both directions of each pair's flows from the partner's reports (FOB)."""
    rows = balance[balance["reported_by_iso3"] == balance["partner_iso3"]]
    mirrored = rows.rename(columns={"exports_usd": "imports_usd", "imports_usd": "exports_usd",
                                    "reporter_iso3": "partner_iso3",
                                    "partner_iso3": "reporter_iso3"})
    columns = [*_KEYS, "exports_usd", "imports_usd"]
    return pd.concat([rows[columns], mirrored[columns]], ignore_index=True)


def build_pair_indicators(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_dependence__yearly_pair_indicators`` for every configured pair."""
    codes = sorted({c for p in ctx.pairs for c in p.codes})
    countries = ctx.table(names.COUNTRIES, columns=["iso3", "kind"])
    economies = set(countries.loc[countries["kind"].isin(["country", "territory"]), "iso3"])
    dots = ctx.table(names.DOTS, filters={"reporter_iso3": [*codes, "WLD"]})
    gdp = ctx.table(names.WDI_GDP, columns=["iso3", "year", "gdp_usd"])
    flows, totals, world, imports = _own_reports(dots, economies)
    own = pair_dependence(flows=flows, totals=totals, world=world, gdp=gdp, pairs=ctx.pairs,
                          partner_imports=imports).assign(
        basis="own_reports", source_tables=f"{names.DOTS} (each economy's own reports), "
        f"{names.WDI_GDP}")
    yearly, monthly = source_frames(ctx)
    balance = pair_balance(fl.yearly_flows(yearly, monthly), ctx.pairs)
    best = best_totals(totals_from(ctx))
    mirrored = pair_dependence(flows=_partner_reported(balance), totals=best.drop(
        columns="totals_source"), world=world, gdp=gdp, pairs=ctx.pairs)
    sources = best.set_index(["year", "reporter_iso3"])["totals_source"]
    partner_sources = sources.rename_axis(["year", "partner_iso3"])
    mirrored = mirrored.join(sources.rename("own_totals"), on=["year", "reporter_iso3"]).join(
        partner_sources.rename("partner_totals"), on=["year", "partner_iso3"])
    mirrored["source_tables"] = ("flows: the partner's reports (" + names.BALANCE_YEARLY
                                 + " sources); totals: " + mirrored["own_totals"].fillna("-")
                                 + " | " + mirrored["partner_totals"].fillna("-"))
    mirrored = mirrored.drop(columns=["own_totals", "partner_totals"]).assign(
        basis="partner_reported")
    gl = _aggregate_gl(ctx.table(names.BACI), _both_directions(ctx.pairs)).assign(
        basis="baci_products", source_tables=names.BACI)
    ctx.note("basis own_reports: each economy's own IMF DOTS reports, to 2020; basis "
             "partner_reported: flows from the partner's reports (FOB), totals from the "
             f"first of {', '.join(TOTALS_PREFERENCE)} each economy has (imports on FOB); "
             "basis baci_products: the aggregate Grubel-Lloyd index over HS6 products")
    return pd.concat([own, mirrored, gl], ignore_index=True)


def build_product_screen(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_dependence__product_screen`` for every configured pair the BACI file covers.

    The screen is what a bilateral BACI file allows; each criterion it cannot give is noted.
    """
    baci = ctx.table(names.BACI)
    products = ctx.table(names.HS_PRODUCTS, filters={"hs_revision": "HS2017"},
                         columns=["hs6", "description"])
    parts = []
    for pair in ctx.pairs:
        covered = baci[baci["exporter_iso3"].isin(pair.codes)
                       & baci["importer_iso3"].isin(pair.codes)]
        if covered.empty:
            continue
        frame, unavailable = bilateral_screen(covered, reporter=pair.reporter,
                                              partner=pair.partner)
        for criterion in unavailable:
            ctx.note(f"{pair}: not computed: {criterion}")
        parts.append(frame)
    if not parts:
        ctx.note("no configured pair is covered by the BACI file")
        return pd.DataFrame(columns=["year", "reporter_iso3", "partner_iso3", "hs6",
                                     "imports_usd", "exports_usd", "import_export_ratio",
                                     "share", "grubel_lloyd", "description"])
    return pd.concat(parts, ignore_index=True).merge(products, on="hs6", how="left")


def screened_pairs(pairs: Sequence[Pair]) -> list[tuple[str, str]]:
    """The (importer, partner) pairs for the importer screen.

    Each reporter once, with the partner of its first configured pair (the screen is keyed
    by importer, year and product).

    Examples
    --------
    >>> screened_pairs([Pair("RUS", "CHN"), Pair("RUS", "IND"), Pair("KAZ", "CHN")])
    [('RUS', 'CHN'), ('KAZ', 'CHN')]
    """
    first: dict[str, str] = {}
    for pair in pairs:
        first.setdefault(pair.reporter, pair.partner)
    return list(first.items())


def build_importer_screen(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_dependence__importer_screen``.

    From a full BACI release when one has been fetched and written, else from the shipped
    pair file (every criterion missing, each row saying why).
    """
    dataset = ctx.paths.dataset(names.BACI_RELEASE_DATASET)
    release = dataset if (dataset / "_release.json").exists() else None
    table = importer_screen_rows(release, ctx.table(names.BACI), screened_pairs(ctx.pairs))
    ctx.note("basis " + ", ".join(sorted(table["basis"].unique())))
    return table


def importer_screen_rows(release: Path | None, bilateral: pd.DataFrame,
                         pairs: list[tuple[str, str]]) -> pd.DataFrame:
    """The importer screen keyed as an out table: the importer is the pair's reporter.

    Parameters
    ----------
    release : Path or None
        The written BACI release dataset, or None to screen the pair file.
    bilateral : DataFrame
        The shipped pair file (``core_baci__hs17_bilateral``).
    pairs : list of (importer, partner)
        From :func:`screened_pairs`.

    Returns
    -------
    DataFrame
        :func:`econ.indicators.importer_screen_table` with ``importer_iso3`` named
        ``reporter_iso3``.
    """
    table = importer_screen_table(release, bilateral, pairs=pairs)
    return table.rename(columns={"importer_iso3": "reporter_iso3"})
