"""The trade balance of each pair, from the reporter's side, on each reporter's data.

For a pair (A, B), X is A's exports to B and M its imports from B, both FOB. Each row says
whose statistics it rests on (``reported_by_iso3``):

* A's own reports: X as reported (FOB), M = reported CIF imports / CIF-FOB factor;
* B's reports, mirrored: X = B's imports from A (CIF) / factor, M = B's exports to A (FOB).

Yearly rows come from :func:`econ.analysis.flows.yearly_flows` (IMTS, China's monthly
customs series summed, IMF DOTS, Russia's customs partner files, in that order of
preference), monthly rows from :func:`econ.analysis.flows.monthly_flows`. A pair and
reporter with no data in a source gives no rows, never zeros.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.analysis import flows as fl
from econ.indicators.balance import balance_indicators
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = [
    "BALANCE_COLUMNS",
    "CRUDE_HS6",
    "EVIDENCE_COLUMNS",
    "PIPELINE_HS6",
    "build_cif_fob_evidence",
    "build_latest_releases",
    "build_monthly",
    "build_yearly",
    "cif_fob_evidence",
    "latest_releases",
    "monthly_sources",
    "pair_balance",
    "release_balances",
    "source_frames",
]

BALANCE_COLUMNS = ["reporter_iso3", "partner_iso3", "reported_by_iso3", "exports_usd",
                   "imports_usd", "normalised_balance", "log_ratio", "coverage_ratio",
                   "valuation", "cif_fob_factor", "source", "normalised_balance_as_reported"]


def _to_fob(values: pd.Series, valuation: pd.Series, factor: float) -> pd.Series:
    return values.where(valuation != "cif", values / factor)


def _one_side(flows: pd.DataFrame, pair: Pair, reporter: str, time: str,
              factor: float) -> pd.DataFrame:
    other = pair.partner if reporter == pair.reporter else pair.reporter
    rows = flows[(flows["reporter_iso3"] == reporter) & (flows["partner_iso3"] == other)]
    if rows.empty:
        return pd.DataFrame()
    rows = rows.assign(fob=_to_fob(rows["value_usd"], rows["valuation"], factor))
    wide = rows.pivot(index=time, columns="flow", values="fob")
    reported = rows.pivot(index=time, columns="flow", values="value_usd")
    sources = rows.pivot(index=time, columns="flow", values="source")
    if not {"exports", "imports"} <= set(wide.columns):
        return pd.DataFrame()
    wide = wide.dropna(subset=["exports", "imports"])
    own = reporter == pair.reporter
    x, m = (wide["exports"], wide["imports"]) if own else (wide["imports"], wide["exports"])
    source = sources.loc[wide.index]
    text = source["exports"].where(source["exports"] == source["imports"],
                                   source["exports"] + "; " + source["imports"])
    rx, rm = ((reported["exports"], reported["imports"]) if own
              else (reported["imports"], reported["exports"]))
    rx, rm = rx.loc[wide.index], rm.loc[wide.index]
    frame = pd.DataFrame({time: wide.index, "reporter_iso3": pair.reporter,
                          "partner_iso3": pair.partner, "reported_by_iso3": reporter,
                          "exports_usd": x.to_numpy(), "imports_usd": m.to_numpy(),
                          "valuation": "fob", "cif_fob_factor": factor,
                          "source": text.to_numpy(),
                          "normalised_balance_as_reported": ((rx - rm) / (rx + rm)).to_numpy()})
    return balance_indicators(frame)


def pair_balance(flows: pd.DataFrame, pairs: Sequence[Pair], *, time: str = "year",
                 cif_fob: float = names.CIF_FOB_FACTOR) -> pd.DataFrame:
    """Each pair's balance on each of its two reporters' data.

    Parameters
    ----------
    flows : DataFrame
        As :func:`econ.analysis.flows.yearly_flows` or ``monthly_flows``.
    pairs : sequence of Pair
    time : {"year", "period"}
    cif_fob : float
        Divides CIF-valued flows.

    Returns
    -------
    DataFrame
        ``time`` then :data:`BALANCE_COLUMNS`, sorted.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2020, "reporter_iso3": ["CHN", "CHN"],
    ...                       "partner_iso3": "RUS", "flow": ["exports", "imports"],
    ...                       "valuation": ["fob", "cif"], "value_usd": [50.0, 53.0],
    ...                       "source": "s", "priority": 0})
    >>> row = pair_balance(flows, [Pair("RUS", "CHN")]).iloc[0]
    >>> row.reported_by_iso3, float(row.exports_usd), float(row.imports_usd)
    ('CHN', 50.0, 50.0)
    """
    parts = [_one_side(flows, pair, reporter, time, cif_fob)
             for pair in pairs for reporter in pair.codes]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=[time, *BALANCE_COLUMNS])
    table = pd.concat(parts, ignore_index=True)[[time, *BALANCE_COLUMNS]]
    return table.sort_values(["reporter_iso3", "partner_iso3", "reported_by_iso3", time]
                             ).reset_index(drop=True)


def monthly_sources(ctx: BuildContext) -> list[pd.DataFrame]:
    """The monthly flow sources (China's customs series, Russia's customs, IMTS)."""
    return [fl.china_monthly(ctx.table(names.COMTRADE_MONTHLY),
                             ctx.table(names.THIRD_PARTY_MONTHLY)),
            fl.fcs_monthly(ctx.table(names.FCS_MONTHLY_PARTNER)),
            fl.imts_flows(ctx.table(names.IMTS_MONTHLY), "period")]


def source_frames(ctx: BuildContext) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    """The yearly and the monthly flow sources a yearly balance is built from."""
    codes = sorted({c for p in ctx.pairs for c in p.codes})
    dots = ctx.table(names.DOTS, filters={"reporter_iso3": codes, "partner_iso3": codes})
    yearly = [fl.dots_yearly(dots), fl.imts_flows(ctx.table(names.IMTS_YEARLY), "year")]
    return yearly, monthly_sources(ctx)


def release_balances(releases: pd.DataFrame, *, partner: str = "RUS",
                     cif_fob_factor: float = names.CIF_FOB_FACTOR) -> pd.DataFrame:
    """Russia's normalised balance in each China customs release for ``partner``.

    China's imports from the partner (CIF) divided by ``cif_fob_factor`` are Russia's
    exports, China's exports (FOB) its imports, as in the China-reported balance. A
    release covers one month, January-February together (``is_jan_feb_combined``) or
    the year to date (``is_cumulative``); ``start`` and ``end`` are its first and last
    months; ``exports`` and ``imports`` are the partner's, in yuan (FOB). Values in yuan
    serve: the normalised balance is unit-free.

    Examples
    --------
    >>> releases = pd.DataFrame({
    ...     "release_period": pd.to_datetime(["2025-02-01"] * 2), "partner_iso3": "RUS",
    ...     "flow": ["exports", "imports"], "value_cny": [100.0, 106.0],
    ...     "is_cumulative": True, "is_jan_feb_combined": True,
    ...     "published": pd.to_datetime(["2025-03-11"] * 2)})
    >>> release_balances(releases)[["start", "end", "observed"]].values.tolist()
    [[Timestamp('2025-01-01 00:00:00'), Timestamp('2025-02-01 00:00:00'), 0.0]]
    """
    rows = releases[(releases["partner_iso3"] == partner)
                    & releases["flow"].isin(["exports", "imports"])]
    keys = ["release_period", "is_cumulative", "is_jan_feb_combined", "published"]
    wide = rows.pivot_table(index=keys, columns="flow", values="value_cny",
                            aggfunc="first").reset_index()
    if wide.empty or not {"exports", "imports"} <= set(wide.columns):
        raise ValueError(f"releases: expected China's exports and imports for {partner!r}, "
                         f"found {sorted(set(rows['flow']))}; is this "
                         f"{names.GACC_RELEASES}?")
    x, m = wide["imports"] / cif_fob_factor, wide["exports"]
    end = pd.DatetimeIndex(wide["release_period"])
    whole_year = wide["is_cumulative"] | wide["is_jan_feb_combined"]
    start = end.where(~whole_year, pd.DatetimeIndex(end.to_period("Y").to_timestamp()))
    return pd.DataFrame({"start": start, "end": end, "is_cumulative": wide["is_cumulative"],
                         "is_jan_feb_combined": wide["is_jan_feb_combined"],
                         "published": wide["published"], "exports": x.to_numpy(),
                         "imports": m.to_numpy(), "observed": ((x - m) / (x + m)).to_numpy()})


def latest_releases(releases: pd.DataFrame, pairs: Sequence[Pair], *,
                    reporter: str = "CHN") -> pd.DataFrame:
    """Each pair's balance in the customs releases of ``reporter`` (China).

    From the pair's reporter's side, in the release's currency, for the periods they cover.

    Returns
    -------
    DataFrame
        ``reporter_iso3, partner_iso3, reported_by_iso3, start, end, is_cumulative,
        is_jan_feb_combined, currency, exports, imports`` (the pair reporter's, FOB),
        ``normalised_balance, cif_fob_factor, published``.
    """
    parts = []
    for pair in pairs:
        if reporter not in pair.codes:
            continue
        other = pair.partner if pair.reporter == reporter else pair.reporter
        if not (releases["partner_iso3"] == other).any():
            continue
        rows = release_balances(releases, partner=other)
        if pair.reporter == reporter:  # the releases give the other side's view
            rows = rows.rename(columns={"exports": "imports", "imports": "exports"})
            rows["observed"] = -rows["observed"]
        parts.append(rows.assign(reporter_iso3=pair.reporter, partner_iso3=pair.partner,
                                 reported_by_iso3=reporter, currency="CNY",
                                 cif_fob_factor=names.CIF_FOB_FACTOR))
    columns = ["reporter_iso3", "partner_iso3", "reported_by_iso3", "start", "end",
               "is_cumulative", "is_jan_feb_combined", "currency", "exports", "imports",
               "normalised_balance", "cif_fob_factor", "published"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True).rename(
        columns={"observed": "normalised_balance"})[columns]


def build_latest_releases(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_balance__latest_releases`` from China's customs releases."""
    return latest_releases(ctx.table(names.GACC_RELEASES), ctx.pairs)


#: HS6 codes of goods that cross the border by pipeline (no freight or insurance to add):
#: natural gas in the gaseous state; crude oil partly (ESPO), so it bounds the range
PIPELINE_HS6 = ("271121",)
CRUDE_HS6 = ("270900",)
EVIDENCE_COLUMNS = ["reporter_iso3", "partner_iso3", "exporter_iso3", "importer_iso3", "year",
                    "method", "factor", "note"]


def cif_fob_evidence(all_yearly: pd.DataFrame, baci: pd.DataFrame, pairs: Sequence[Pair], *,
                     cif_fob: float = names.CIF_FOB_FACTOR) -> pd.DataFrame:
    """The CIF/FOB factor of each flow of each pair, by method and year.

    * ``imf_average``: the IMF's convention (``cif_fob``);
    * ``mirror_ratio``: the importer's CIF report over the exporter's FOB report: the
      observed gap, freight and every other discrepancy included;
    * ``baci_ratio``: the importer's CIF report over CEPII BACI's FOB estimate, in years
      both sides report (BACI then reconciles the two with its own freight model);
    * ``pipeline_weighted``: the average margin on the goods that do not cross by pipeline
      (BACI's HS6 shares): 1 + (f - 1)(1 - s_pipeline gas); ``pipeline_crude_weighted``
      also counts all crude as pipeline (part of it sails from Kozmino), a lower bound.
    """
    best = fl.best(all_yearly, "year")
    parts = []
    for pair in pairs:
        for exporter, importer in (pair.codes, pair.codes[::-1]):
            def own(reporter: str, other: str, flow: str) -> pd.Series:
                rows = best[(best["reporter_iso3"] == reporter) & (best["partner_iso3"] == other)
                            & (best["flow"] == flow)]
                return rows.set_index("year")["value_usd"]

            cif, fob = own(importer, exporter, "imports"), own(exporter, importer, "exports")
            flows = baci[(baci["exporter_iso3"] == exporter) & (baci["importer_iso3"] == importer)]
            total = flows.groupby("year")["value_usd"].sum()
            share = {name: flows[flows["hs6"].isin(codes)].groupby("year")["value_usd"].sum()
                     .reindex(total.index, fill_value=0.0) / total
                     for name, codes in (("pipe", PIPELINE_HS6), ("crude", CRUDE_HS6))}
            methods = {
                "imf_average": (pd.Series(cif_fob, index=cif.index.union(fob.index)),
                                "the IMF's average factor (DOTS convention)"),
                "mirror_ratio": ((cif / fob).dropna(), "importer's CIF report / exporter's "
                                 "FOB report"),
                "baci_ratio": ((cif / total).reindex(fob.index).dropna(), "importer's CIF "
                               "report / BACI FOB, years both sides report"),
                "pipeline_weighted": (1 + (cif_fob - 1) * (1 - share["pipe"]),
                                      "no margin on pipeline gas (BACI HS 271121 share)"),
                "pipeline_crude_weighted": (1 + (cif_fob - 1) * (1 - share["pipe"]
                                                                  - share["crude"]),
                                            "no margin on pipeline gas nor crude: a lower "
                                            "bound"),
            }
            for method, (factor, note) in methods.items():
                if len(factor):
                    parts.append(pd.DataFrame({
                        "reporter_iso3": pair.reporter, "partner_iso3": pair.partner,
                        "exporter_iso3": exporter, "importer_iso3": importer,
                        "year": factor.index.astype("int64"), "method": method,
                        "factor": factor.to_numpy(dtype="float64"), "note": note}))
    if not parts:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[EVIDENCE_COLUMNS]


def build_cif_fob_evidence(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_balance__cif_fob_evidence`` for every configured pair."""
    all_yearly = fl.stacked_years(*source_frames(ctx))
    return cif_fob_evidence(all_yearly, ctx.table(names.BACI), ctx.pairs)


def build_yearly(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_balance__yearly_bilateral`` for every configured pair."""
    yearly, monthly = source_frames(ctx)
    return pair_balance(fl.yearly_flows(yearly, monthly), ctx.pairs, time="year")


def build_monthly(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_balance__monthly_bilateral`` for every configured pair."""
    table = pair_balance(fl.monthly_flows(monthly_sources(ctx)), ctx.pairs, time="period")
    table["is_jan_feb_combined"] = False  # no monthly source here combines the two months
    return table
