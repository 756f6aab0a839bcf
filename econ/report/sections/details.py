"""The details behind the answers.

Every basis, both sides' data, energy, products, sanctions-listed goods, the gravity
benchmark and the cross-source checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from econ import names
from econ.names import CIF_FOB_FACTOR
from econ.report.charts import Band, Line, line_chart
from econ.report.context import ReportContext
from econ.report.labels import label
from econ.report.sections.answers import BALANCE_SOURCES, basis_label
from econ.report.sections.base import Chart, Section, bn, factor_range, pct, signed
from econ.report.tables import Table, column_refs
from econ.results import format_pvalue

__all__ = ["asymmetry_detail", "balance_detail", "energy_detail", "gravity_detail",
           "products_detail", "quality_detail", "sanctions_detail", "shares_detail"]

#: the CIF/FOB methods from the convention to the most specific (columns in this order)
_CIF_FOB_METHODS = ("imf_average", "mirror_ratio", "baci_ratio", "pipeline_weighted",
                    "pipeline_crude_weighted")
_GRAVITY_SOURCES = (names.DOTS, names.GEO_COUNTRIES)
_ENERGY_CHECKS = {"crude": "crude_volume", "lng": "lng_volume",
                  "pipeline_gas": "pipeline_gas_volume"}


def _number(digits: int) -> Callable[[Any], str]:
    return lambda v: "–" if pd.isna(v) else f"{v:,.{digits}f}"


def _other(ctx: ReportContext, iso3: str) -> str:
    return ctx.partner if iso3 == ctx.reporter else ctx.reporter


def _named(text: str, ctx: ReportContext) -> str:
    """ISO3 codes of the pair in a text replaced by the economies' names."""
    for code in ctx.pair.codes:
        text = text.replace(f"{code}'s", ctx.possessive(code)).replace(code, ctx.name(code))
    return text


def shares_detail(ctx: ReportContext) -> Section:
    """Every basis of the share, like-for-like first, then those shown apart."""
    p, r = ctx.name(ctx.partner), ctx.name(ctx.reporter)
    title = (f"{ctx.possessive(ctx.partner)} share of {ctx.possessive(ctx.reporter)} imports, "
             "every basis")
    rows = ctx.pair_rows(names.SHARE_ASSESSMENT)
    if rows.empty:
        return Section("shares", title, "details", missing=f"no share of {r}'s imports from "
                       f"{p} on any basis")
    recent = rows[rows["year"] >= rows["year"].max() - 9].copy()
    recent["label"] = [basis_label(b, ctx) + (" (apart)" if role == "apart" else "")
                       for b, role in zip(recent["basis"], recent["role"], strict=True)]
    rank = recent["role"].map({"primary": 0, "like_for_like": 0, "apart": 1})
    order = recent.assign(rank=rank).sort_values(["rank", "preference", "basis"]).drop_duplicates(
        "label")["label"]
    wide = recent.pivot(index="year", columns="label", values="share")[list(order)]
    data = wide.reset_index()
    table = Table.build("shares_by_basis", f"{p}'s share of {r}'s goods imports by basis (%)",
                        data, ctx.source_line(names.SHARES),
                        {c: pct for c in data.columns if c != "year"},
                        units=column_refs(names.SHARE_ASSESSMENT, {
                            c: "share" for c in data.columns if c != "year"}))
    text = (f"Each column is one numerator over one denominator on one valuation. Bases "
            f"marked apart have denominators known to run below {r}'s own totals, or that "
            "include services; they are shown, not used for the answer.",)
    return Section("shares", title, "details", text, (table,))


def balance_detail(ctx: ReportContext) -> Section:
    """Both sides' data, as reported and on FOB; monthly; the CIF/FOB evidence."""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"{r}'s trade with {p}: both sides' figures"
    yearly = ctx.pair_rows(names.BALANCE_YEARLY)
    if yearly.empty:
        return Section("balance", title, "details", missing="no bilateral flows")
    recent = yearly[yearly["year"] >= yearly["year"].max() - 9].sort_values(
        ["year", "reported_by_iso3"])
    data = pd.DataFrame({
        "year": recent["year"].to_numpy(),
        "whose data": [ctx.name(c) for c in recent["reported_by_iso3"]],
        "exports (USD bn, FOB)": recent["exports_usd"].to_numpy(),
        "imports (USD bn, FOB)": recent["imports_usd"].to_numpy(),
        "balance, FOB": recent["normalised_balance"].to_numpy(),
        "balance, as reported": recent["normalised_balance_as_reported"].to_numpy()})
    tables = [Table.build("balance_by_reporter", f"{r}'s exports to and imports from {p}",
                          data, ctx.source_line(names.BALANCE_YEARLY, *BALANCE_SOURCES),
                          {"exports (USD bn, FOB)": bn, "imports (USD bn, FOB)": bn,
                           "balance, FOB": signed, "balance, as reported": signed},
                          align="llrrrr", units=column_refs(names.BALANCE_YEARLY, {
                              "exports (USD bn, FOB)": "exports_usd",
                              "imports (USD bn, FOB)": "imports_usd",
                              "balance, FOB": "normalised_balance",
                              "balance, as reported": "normalised_balance_as_reported"}))]
    evidence = ctx.pair_rows(names.CIF_FOB_EVIDENCE)
    text = ["The two sides' figures differ by valuation (imports are CIF, exports FOB), "
            "timing and coverage; both are kept. 'As reported' leaves the CIF flow as "
            f"published; 'FOB' divides it by the IMF's average factor {CIF_FOB_FACTOR:.2f}."]
    if not evidence.empty:
        flows = evidence[evidence["year"] >= evidence["year"].max() - 9]
        wide = flows.pivot_table(index=["exporter_iso3", "year"], columns="method",
                                 values="factor").reset_index()
        wide.insert(0, "flow", [f"{ctx.name(e)} to {ctx.name(_other(ctx, e))}"
                                for e in wide.pop("exporter_iso3")])
        wide = wide[["flow", "year", *(m for m in _CIF_FOB_METHODS if m in wide.columns)]]
        wide = wide.rename(columns=label)
        factors = [c for c in wide.columns if c not in ("flow", "year")]
        tables.append(Table.build(
            "cif_fob_evidence", "CIF/FOB factor (CIF value / FOB value) by method and year",
            wide, ctx.source_line(names.CIF_FOB_EVIDENCE), dict.fromkeys(factors, _number(3)),
            units=column_refs(names.CIF_FOB_EVIDENCE, dict.fromkeys(factors, "factor"))))
        text.append("The factor is not measured for the pair: the table shows what the data "
                    "allow. A pipeline carries no freight, so flows rich in pipeline gas (and "
                    "crude, part of which runs through the ESPO pipeline) need a smaller "
                    f"factor than {CIF_FOB_FACTOR:.2f}; the importer's CIF report over the "
                    "exporter's FOB report "
                    "(mirror ratio) mixes freight with every other discrepancy, and BACI's "
                    "ratio exists only while both sides report. The balance is shown both "
                    "ways, and the robustness table of the appendix varies the factor from "
                    f"{factor_range(ctx.pair_rows(names.ROBUSTNESS))}.")
    monthly = ctx.pair_rows(names.BALANCE_MONTHLY)
    charts = []
    if not monthly.empty:
        lines = [Line(g["period"], g["normalised_balance"], f"on {ctx.possessive(b)} data",
                      color=k) for k, (b, g) in enumerate(monthly.groupby("reported_by_iso3"))]
        charts.append(Chart(line_chart(
            lines, ctx.charts / "balance_monthly.png",
            title=f"{r}'s monthly trade balance with {p}, FOB",
            ylabel="normalised balance (X - M)/(X + M)", hlines=[(0.0, "balanced trade")],
            source=ctx.source_line(names.BALANCE_MONTHLY, *BALANCE_SOURCES)),
            "Monthly normalised balance"))
    else:
        text.append(f"No monthly source covers {r}-{p}: monthly data exist for Russia-China "
                    "(China's customs, 2017-2024), for Russia with its main partners "
                    "(Russia's customs, 2006-2021) and for pairs fetched from IMF IMTS.")
    return Section("balance", title, "details", tuple(text), tuple(tables), tuple(charts))


def asymmetry_detail(ctx: ReportContext) -> Section:
    """How lopsided: each side's dependence on the other, Hirschman and Barbieri."""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"How lopsided is the dependence between {r} and {p}?"
    pairs = ctx.load(names.PAIR_INDICATORS, filters={
        "reporter_iso3": [ctx.reporter, ctx.partner], "partner_iso3": [ctx.reporter,
                                                                        ctx.partner]})
    own = pairs[pairs["reporter_iso3"] == ctx.reporter]
    if own.empty:
        return Section("asymmetry", title, "details", missing="no pair indicators")
    shares = pairs[(pairs["indicator"] == "total_trade_share")
                   & pairs["basis"].isin(["own_reports", "partner_reported"])]
    lines = [Line(g["year"], g["value"], f"{ctx.name(a)}'s trade with {ctx.name(b)}"
                  + (" (partner's data)" if basis == "partner_reported" else ""),
                  style="--" if basis == "partner_reported" else "-", color=k)
             for k, ((a, b, basis), g) in enumerate(shares[shares["year"] >= 1995].groupby(
                 ["reporter_iso3", "partner_iso3", "basis"]))]
    chart = line_chart(lines, ctx.charts / "asymmetry.png", percent=True,
                       title=f"Each side's share of its total trade with the other: {r} and {p}",
                       ylabel="share of total trade", source=ctx.source_line(names.PAIR_INDICATORS))
    wanted = ["total_trade_share", "hirschman_ratio", "interdependence", "export_intensity",
              "import_intensity"]
    chosen = own[own["indicator"].isin(wanted) & (own["basis"] != "baci_products")]
    wide = chosen.pivot_table(index=["year", "basis"], columns="indicator", values="value")
    wide = wide.reindex(columns=[c for c in wanted if c in wide.columns]).reset_index()
    wide = wide[wide["year"] >= wide["year"].max() - 9]
    wide["basis"] = wide["basis"].map(label)
    wide = wide.rename(columns=label)
    share = label("total_trade_share")
    table = Table.build("asymmetry", f"{r}'s dependence on {p}: indicators by basis", wide,
                        ctx.source_line(names.PAIR_INDICATORS),
                        {share: pct, **{label(c): _number(3) for c in wanted[1:]}},
                        align="llrrrrr")
    ratio = own[(own["indicator"] == "hirschman_ratio")
                & (own["basis"] == "partner_reported")].sort_values("year")
    if ratio.empty:
        ratio = own[own["indicator"] == "hirschman_ratio"].sort_values("year")
    gl = own[own["indicator"] == "grubel_lloyd_aquino"].sort_values("year")
    text = ["The Hirschman ratio divides the partner's share of the reporter's total trade by "
            "the reporter's share of the partner's: above 1, the reporter depends more. "
            f"The basis '{label('own_reports')}' uses each economy's own reports to the IMF "
            f"(to 2020); '{label('partner_reported')}' takes the flows from the partner's "
            "customs and each economy's "
            "totals from its best source, named in the out table: the economy's own report "
            "while it lasts (China's to 2020; Russia's balance of payments), then the Harvard "
            "Atlas spliced onto it, because the Atlas runs low (China's import totals 15-17% "
            "below China's customs in 2017-2020: see the cross-source checks)."]
    if not ratio.empty:
        last = ratio.iloc[-1]
        text.append(f"In {int(last['year'])} ({label(last['basis'])}), {r} depended "
                    f"{last['value']:.1f} times more on {p} than {p} on {r}.")
    if not gl.empty:
        text.append(f"Intra-industry trade is small: the aggregate Grubel-Lloyd index over HS6 "
                    f"products (Aquino-corrected, BACI) was {gl['value'].iloc[-1]:.3f} in "
                    f"{int(gl['year'].iloc[-1])} (0: one-way trade in every product, 1: "
                    "balanced trade in every product).")
    return Section("asymmetry", title, "details", tuple(text), (table,),
                   (Chart(chart, "Each side's share of its total trade with the other"),))


def energy_detail(ctx: ReportContext) -> Section:
    """Energy volumes and shares, with the cross-source flags and the gaps shown."""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"Oil, gas and coal between {r} and {p}"
    energy = ctx.pair_rows(names.ENERGY)
    ei = energy[energy["source"] == names.EI_TRADE_LATEST]
    if ei.empty:
        return Section("energy", title, "details", missing=f"the Energy Institute's tables "
                       f"show no bilateral energy flow between {r} and {p}")
    checks = ctx.pair_rows(names.CROSS_SOURCE_CHECKS)
    flagged = checks[checks["is_flagged"] & checks["check"].isin(_ENERGY_CHECKS.values())]
    marks = {(c, int(y)) for c, y in zip(flagged["check"], flagged["year"], strict=True)}
    volumes = ei[ei["indicator"] == "volume"].copy()
    volumes["flag"] = [("†" if (_ENERGY_CHECKS.get(c, ""), int(y)) in marks else "")
                       for c, y in zip(volumes["commodity"], volumes["year"], strict=True)]
    exporter = ctx.reporter if (ei["exporter_iso3"] == ctx.reporter).any() else ctx.partner
    recent = ei[(ei["year"] >= ei["year"].max() - 6) & (ei["exporter_iso3"] == exporter)]
    wide = recent.pivot_table(index=["exporter_iso3", "commodity", "year"], columns="indicator",
                              values="value").reset_index()
    wide = wide[wide["volume"].fillna(0) > 0] if "volume" in wide.columns else wide
    flags = volumes.set_index(["exporter_iso3", "commodity", "year"])["flag"]
    units = volumes.set_index(["exporter_iso3", "commodity", "year"])["unit"]
    data = pd.DataFrame({
        "flow": [f"{ctx.name(e)} to {ctx.name(_other(ctx, e))}" for e in wide["exporter_iso3"]],
        "commodity": wide["commodity"].map(label), "year": wide["year"],
        "volume": wide.get("volume"),
        "unit": [units.get((e, c, y), "") for e, c, y in
                 zip(wide["exporter_iso3"], wide["commodity"], wide["year"], strict=True)],
        "check": [flags.get((e, c, y), "") for e, c, y in
                  zip(wide["exporter_iso3"], wide["commodity"], wide["year"], strict=True)],
        "share of exporter's exports (%)": wide.get("share_of_exporter_exports"),
        "share of importer's imports (%)": wide.get("share_of_importer_imports")})
    table = Table.build("energy_dependence", "Energy trade between the pair (Energy Institute, "
                        "newest edition per value; † flagged by the cross-source checks)",
                        data, ctx.source_line(names.ENERGY, names.EI_TRADE_LATEST,
                                        names.CHINA_CUSTOMS_ENERGY),
                        {"volume": _number(1), "share of exporter's exports (%)": pct,
                         "share of importer's imports (%)": pct})
    main = volumes[volumes["exporter_iso3"] == exporter]
    lines = [Line(g["year"], g["value"], f"{label(c)} ({g['unit'].iloc[0]})", color=k)
             for k, (c, g) in enumerate(main[main["commodity"].isin(
                 ["crude", "pipeline_gas", "lng"])].groupby("commodity"))]
    flow = f"{ctx.name(exporter)} to {ctx.name(_other(ctx, exporter))}"
    chart = line_chart(lines, ctx.charts / "energy_volumes.png",
                       title=f"Energy from {flow}: volumes by year (a gap is a year no EI "
                             "edition reports)", ylabel="Mt (crude) or bcm (gas)",
                       source=ctx.source_line(names.ENERGY, names.EI_TRADE_LATEST))
    text = ["Volumes from the Energy Institute's bilateral tables, the newest edition that "
            "has each year (editions publish one year's matrix each, so some years have no "
            "value: the chart leaves them as gaps)."]
    for row in flagged.sort_values("year").itertuples():
        text.append(f"† {row.quantity}, {row.year}: {row.source_a} {row.value_a:,.2f} {row.unit}"
                    f" against {row.source_b} {row.value_b:,.2f} ({pct(row.spread)} apart, "
                    f"beyond the {pct(row.tolerance, 0)} tolerance). China's customs count is "
                    "the importer's own record of what crossed its border; the shares computed "
                    "on the EI cell are marked † and should not be read for that year.")
    return Section("energy", title, "details", tuple(text), (table,),
                   (Chart(chart, "Energy volumes by commodity"),))


def products_detail(ctx: ReportContext) -> Section:
    """The pair's product trade (BACI HS6) and the importer screen."""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"Which products does {r} buy from {p}?"
    screen = ctx.pair_rows(names.PRODUCT_SCREEN)
    if screen.empty:
        return Section("products", title, "details", missing=f"BACI here covers China-Russia "
                       f"only; {r}-{p} needs a full BACI release (econ fetch baci)")
    year = int(screen["year"].max())
    top = screen[screen["year"] == year].sort_values("imports_usd", ascending=False).head(15)
    data = pd.DataFrame({"HS6": top["hs6"], "product": top["description"],
                         "imports (USD m)": top["imports_usd"] / 1e6,
                         "share of pair trade (%)": top["share"],
                         "Grubel-Lloyd": top["grubel_lloyd"]})
    table = Table.build("product_imports", f"{r}'s largest imports from {p}, {year} (BACI HS6, "
                        "FOB)", data, ctx.source_line(names.PRODUCT_SCREEN, names.BACI),
                        {"imports (USD m)": _number(0), "share of pair trade (%)": pct,
                         "Grubel-Lloyd": _number(2)}, align="llrrr",
                        units=column_refs(names.PRODUCT_SCREEN,
                                          {"share of pair trade (%)": "share"}))
    text = [f"The 15 largest HS6 imports by value in {year} (a list sorted by value, not a "
            "headline). Grubel-Lloyd near 0 means one-way trade."]
    importer = ctx.pair_rows(names.IMPORTER_SCREEN) if ctx.has(names.IMPORTER_SCREEN) \
        else pd.DataFrame()
    if not importer.empty and (importer["basis"] == "baci_pair_file").all():
        text.append("Which of these the importer depends on (CEPII GeoDep: concentrated "
                    "suppliers, concentrated world supply, no substitute exports) needs every "
                    "supplier's shipments: the BACI file here holds one pair, so the screen "
                    "cannot be evaluated; the command econ fetch baci brings a full release.")
    elif not importer.empty:
        latest = importer[importer["year"] == importer["year"].max()]
        text.append(f"GeoDep screen, {int(latest['year'].max())}: {r} depends on {p} for "
                    f"{int(latest['is_dependent_on_partner'].sum())} HS6 products "
                    f"({int(latest['is_geodep_dependent'].sum())} dependent on any supplier).")
    return Section("products", title, "details", tuple(text), (table,))


def sanctions_detail(ctx: ReportContext) -> Section:
    """Trade in goods on sanctions lists, with BACI's method break marked."""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"Trade in sanctions-listed goods between {p} and {r}"
    listed = ctx.pair_rows(names.LISTED_TRADE)
    if listed.empty:
        return Section("sanctions", title, "details", missing=f"BACI here covers China-Russia "
                       f"only, and the lists restrict sales to Russia: {r}-{p} is not screened")
    chpl = listed[(listed["list_name"] == "chpl") & (listed["tier"] == "all")].sort_values("year")
    breaks = chpl.loc[chpl["is_method_break"], "year"].tolist()
    exporter = ctx.name(chpl["exporter_iso3"].iloc[0])
    chart = line_chart(
        [Line(chpl["year"], chpl["value_usd"] / 1e9, "CHPL-listed goods (allocated value)")],
        ctx.charts / "listed_trade.png",
        title=f"{exporter}'s sales to Russia of goods on the Common High Priority List "
              "(method break marked)", ylabel="USD billion (BACI, FOB)",
        vlines=[(b - 0.5, "method changes") for b in breaks],
        bands=[Band(chpl["year"], chpl["value_lower_usd"] / 1e9, chpl["value_upper_usd"] / 1e9,
                    "range: codes wholly listed to every code touching the list")],
        source=ctx.source_line(names.LISTED_TRADE, names.BACI, names.SANCTIONS_LISTS))
    totals = listed[listed["tier"] == "all"].sort_values(["list_name", "year"])
    change = "change since the method's first year (%)"
    usd = ["value (USD bn)", "lower (USD bn)", "upper (USD bn)"]
    data = pd.DataFrame({"list": totals["list_name"].map(label), "flow": [
        f"{ctx.name(e)} to {ctx.name(i)}" for e, i in
        zip(totals["exporter_iso3"], totals["importer_iso3"], strict=True)],
        "year": totals["year"], usd[0]: totals["value_usd"], usd[1]: totals["value_lower_usd"],
        usd[2]: totals["value_upper_usd"], change: totals["growth_same_method"],
        "method": [_named(m, ctx) for m in totals["method"]]})
    table = Table.build("listed_trade", "Listed-goods trade (every list, all tiers)", data,
                        ctx.source_line(names.LISTED_TRADE, names.BACI, names.SANCTIONS_LISTS),
                        {**dict.fromkeys(usd, lambda v: bn(v, 2)), change: pct},
                        align="lllrrrrl", units=column_refs(names.LISTED_TRADE, {
                            usd[0]: "value_usd", usd[1]: "value_lower_usd",
                            usd[2]: "value_upper_usd", change: "growth_same_method"}))
    text = [f"BACI reconciles both sides' declarations while both report; from 2022 Russia "
            f"does not, so BACI rests on {exporter}'s declarations alone, converted from HS 2022 "
            "to HS 2017. Comparing 2021 with 2023 crosses that break: the table gives the "
            "change since each method's first year instead, and the range from codes wholly "
            "listed to every code that touches the list."]
    return Section("sanctions", title, "details", tuple(text), (table,),
                   (Chart(chart, "CHPL-listed goods with the method break"),))


def gravity_detail(ctx: ReportContext) -> Section:
    """Actual against gravity-predicted trade, and the 2014 sanctions effects."""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"Is {r}-{p} trade unusual for two economies of their size and distance?"
    fit = ctx.pair_rows(names.GRAVITY_PAIR_FIT)
    if fit.empty:
        return Section("gravity", title, "details", missing="the gravity panel (IMF DOTS, "
                       "2000-2020) has no flows for the pair")
    lines, bands = [], []
    for k, (flow, g) in enumerate(fit.groupby("flow")):
        label = f"{r} to {p}" if flow == "exports" else f"{p} to {r}"
        lines += [Line(g["year"], g["ratio"], f"{label}: actual / predicted", color=k)]
        bands.append(Band(g["year"], g["value_usd"] / g["predicted_upper_usd"],
                          g["value_usd"] / g["predicted_lower_usd"], f"{label}: 95% band",
                          color=k, alpha=0.12))
    last = fit[fit["year"] == fit["year"].max()].set_index("flow")
    chart = line_chart(lines, ctx.charts / "gravity.png",
                       title=f"{r}-{p} trade against what gravity predicts for two economies of "
                             "their size and distance (1 = as predicted)",
                       ylabel="actual / predicted", hlines=[(1.0, "as predicted")], bands=bands,
                       source=ctx.source_line(names.GRAVITY_PAIR_FIT, *_GRAVITY_SOURCES))
    text = [f"A traditional PPML gravity model (exporter-year and importer-year effects, "
            f"distance, common language, colonial ties; 2000-2020 every 4 years) predicts each "
            f"flow. In {int(fit['year'].max())}, {r}'s exports to {p} were "
            f"{last.loc['exports', 'ratio']:.2f} times the prediction and its imports "
            f"{last.loc['imports', 'ratio']:.2f} times."]
    tables = []
    effects = ctx.pair_rows(names.GRAVITY_SANCTIONS)
    if not effects.empty:
        data = pd.DataFrame({"partners": effects["partner_group"].map(
            {"sanctioners": "countries Russia named as sanctioning it", "CHN": "China"}),
            "effect after 2014 (%)": effects["effect_pct"],
            "95% interval": [f"{lo:+.1f} to {hi:+.1f}" for lo, hi in
                             zip(effects["effect_lower_pct"], effects["effect_upper_pct"],
                                 strict=True)], "p-value": effects["pvalue"],
            "observations": effects["nobs"]})
        tables.append(Table.build("gravity_sanctions", "Russia's trade after 2014 relative to "
                                  "its other partners (structural gravity)", data,
                                  ctx.source_line(names.GRAVITY_SANCTIONS, *_GRAVITY_SOURCES),
                                  {"effect after 2014 (%)": lambda v: f"{v:+.1f}",
                                   "p-value": format_pvalue, "observations": _number(0)},
                                  units=column_refs(names.GRAVITY_SANCTIONS,
                                                    {"effect after 2014 (%)": "effect_pct"})))
        rows = effects.set_index("partner_group")
        text.append(f"After 2014 Russia's trade with the countries it named as sanctioning it "
                    f"fell {-rows.loc['sanctioners', 'effect_pct']:.0f}% relative to its other "
                    f"partners (95% interval {rows.loc['sanctioners', 'effect_lower_pct']:+.0f}% "
                    f"to {rows.loc['sanctioners', 'effect_upper_pct']:+.0f}%); the extra change "
                    f"with China, {rows.loc['CHN', 'effect_pct']:+.0f}% "
                    f"({rows.loc['CHN', 'effect_lower_pct']:+.0f}% to "
                    f"{rows.loc['CHN', 'effect_upper_pct']:+.0f}%), cannot be told from zero."
                    if rows.loc["CHN", "effect_lower_pct"] < 0 < rows.loc["CHN",
                                                                         "effect_upper_pct"]
                    else f"After 2014 Russia's trade with the countries it named as "
                    f"sanctioning it changed {rows.loc['sanctioners', 'effect_pct']:+.0f}% and "
                    f"with China {rows.loc['CHN', 'effect_pct']:+.0f}% relative to its other "
                    "partners.")
        text.append("The data end in 2020: the 2022 break cannot be estimated.")
    return Section("gravity", title, "details", tuple(text), tuple(tables),
                   (Chart(chart, "Actual over predicted trade, with the prediction's band"),))


def quality_detail(ctx: ReportContext) -> Section:
    """Where two sources disagree beyond their tolerance."""
    title = "Where the sources disagree"
    checks = ctx.pair_rows(names.CROSS_SOURCE_CHECKS)
    if checks.empty:
        return Section("quality", title, "details", missing="no quantity measured twice")
    flagged = checks[checks["is_flagged"] & (checks["year"] >= checks["year"].max() - 9)]
    counts = checks.groupby("check")["is_flagged"].agg(["size", "sum"])
    summary = "; ".join(f"{label(c)}: {int(row['sum'])} of {int(row['size'])} "
                        "flagged" for c, row in counts.iterrows())
    scale = (flagged["unit"] == "USD").map({True: 1e-9, False: 1.0})
    data = pd.DataFrame({
        "check": flagged["check"].map(label), "year": flagged["year"],
        "quantity": [_named(q, ctx) for q in flagged["quantity"]],
        "source a": [_named(label(v, ctx.possessive), ctx) for v in flagged["source_a"]],
        "value a": flagged["value_a"] * scale,
        "source b": [_named(label(v, ctx.possessive), ctx) for v in flagged["source_b"]],
        "value b": flagged["value_b"] * scale,
        "unit": flagged["unit"].replace({"USD": "USD bn"}),
        "difference (%)": flagged["spread"], "tolerance (%)": flagged["tolerance"]}
    ).sort_values(["check", "year"])
    table = Table.build("cross_source_checks", "Comparisons outside their tolerance (last 10 "
                        "years)", data, ctx.source_line(names.CROSS_SOURCE_CHECKS),
                        {"value a": _number(3), "value b": _number(3), "difference (%)": pct,
                         "tolerance (%)": pct}, align="llllrlrlrr",
                        units=column_refs(names.CROSS_SOURCE_CHECKS, {
                            "difference (%)": "spread", "tolerance (%)": "tolerance"}))
    return Section("quality", title, "details",
                   (f"Every quantity two sources measure is compared ({summary}). Flagged "
                    "numbers are marked where the report uses them.",), (table,))
