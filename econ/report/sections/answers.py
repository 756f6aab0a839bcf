"""The first screen: the answer to each claim in plain words, with its range, one chart each.

* the partner's share of the reporter's imports (for Russia-China: "China supplies up to
  40% of Russia's imports"), judged on the primary basis in its latest year, with the
  range across like-for-like bases of the same year (``out_shares__claim_assessment``);
* what the partner's energy purchases are worth against the reporter's exports and GDP
  ("Beijing's purchases keep Russia afloat", ``out_energy__yearly_purchases_vs_exports``);
* whether trade is moving toward balance ("reciprocity, not dependency"): the balance on
  each side's data, the equivalence test, its robustness and the calibrated forecast.

Every figure is read from a row the out tables mark (``role``, ``is_headline_year``,
``is_headline``, ``is_selected``), never picked by its size.
"""

from __future__ import annotations

import pandas as pd

from econ import names
from econ.names import CIF_FOB_FACTOR, RECIPROCITY_BAND
from econ.report.charts import Band, Line, line_chart, stacked_bar_chart
from econ.report.context import ReportContext
from econ.report.labels import label
from econ.report.sections.base import BAND_TEXT, Chart, Section, bn, pct, pp, signed
from econ.report.tables import Table, column_refs

__all__ = ["BALANCE_SOURCES", "BASIS_LABELS", "VERDICT_PHRASES", "balance_answer", "basis_label",
           "energy_answer", "share_answer"]

#: how each share basis reads (R: the reporter, P: the partner)
BASIS_LABELS = {
    "partner_over_bop": "{P}'s exports / {R}'s balance-of-payments imports, FOB",
    "partner_over_customs": "{P}'s exports x" + f"{CIF_FOB_FACTOR:.2f}"
                            + " / {R}'s customs imports, CIF",
    "reporter_customs": "{R}'s customs: imports from {P} / all imports, CIF",
    "reporter_dots": "{R}'s own report to the IMF, CIF",
    "partner_over_mirror": "{P}'s exports / partners' mirror data (IMF), FOB",
    "baci_over_atlas": "BACI / Harvard Atlas estimate, FOB",
    "partner_over_goods_and_services": "{P}'s exports / {R}'s imports of goods and services",
}
#: the core tables whose numbers each answer shows (their publishers are cited)
_SHARE_SOURCES = (names.COMTRADE_MONTHLY, names.THIRD_PARTY_MONTHLY, names.DOTS,
                  names.CBR_MONTHLY, names.FCS_YEARLY_TOTALS, names.FCS_MONTHLY_PARTNER)
_PURCHASE_SOURCES = (names.CHINA_CUSTOMS_ENERGY, names.CBR_MONTHLY, names.WDI_GDP)
BALANCE_SOURCES = (names.COMTRADE_MONTHLY, names.THIRD_PARTY_MONTHLY, names.DOTS,
                   names.FCS_MONTHLY_PARTNER, names.IMTS_YEARLY)
_JUDGED = {"below": "below", "about": "about", "above": "above"}
_STEP = {"monthly": "months", "quarterly": "quarters", "yearly": "years"}
#: the commodities of the purchases, in the order the text and chart list them
_COMMODITIES = ("crude", "pipeline_gas", "lng", "coal")
#: the equivalence verdict (``out_tsa__convergence_verdict.state``) in the headline
VERDICT_PHRASES = {
    "within_band": f"an equivalence test shows it within {BAND_TEXT} of balance",
    "outside_band": f"a test shows it outside {BAND_TEXT} of balance",
    "undetermined": f"the data cannot show whether it is within {BAND_TEXT} of balance or "
                    "outside it"}
_STATE = {"within_band": f"shown to be within {BAND_TEXT} of balance",
          "outside_band": f"shown to be outside {BAND_TEXT} of balance",
          "undetermined": f"undetermined: the data cannot show whether it is within {BAND_TEXT} of "
                          "balance or outside it"}


def basis_label(basis: str, ctx: ReportContext) -> str:
    """A share basis in words, with the economies' names."""
    template = BASIS_LABELS.get(basis, basis)
    return template.format(R=ctx.possessive(ctx.reporter).removesuffix("'s"),
                           P=ctx.possessive(ctx.partner).removesuffix("'s"))


#: how a forecast period is written at each frequency
_PERIOD = {"monthly": lambda p: f"{p:%Y-%m}", "quarterly": lambda p: f"{p.year} Q{p.quarter}",
           "yearly": lambda p: f"{p:%Y}"}


def _range_text(rows: pd.DataFrame, ctx: ReportContext, threshold: float | None = None
                ) -> str:
    """Each measure with its basis and, given the claim's threshold, its judgement."""
    ordered = rows.sort_values("preference")
    return "; ".join(
        f"{pct(r.share)} ({basis_label(r.basis, ctx)}"
        + (f": {_JUDGED[r.judgement]} {pct(threshold, 0)}" if threshold is not None else "")
        + ")" for r in ordered.itertuples())


def share_answer(ctx: ReportContext) -> Section:
    """How large is the partner's share of the reporter's imports?"""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"How much of {ctx.possessive(ctx.reporter)} imports come from {p}?"
    rows = ctx.pair_rows(names.SHARE_ASSESSMENT)
    primary = rows[rows["role"] == "primary"]
    if primary.empty:
        return Section("share-answer", title, "answers", missing=f"no share of {r}'s imports "
                       f"from {p} on any like-for-like basis (the reporter's own totals, "
                       "customs or balance of payments)")
    head = primary.iloc[0]
    year = int(head["year"])
    same_year = rows[(rows["year"] == year) & (rows["role"] == "like_for_like")]
    text = [f"In {year}, {p} supplied {pct(head['share'])} of {r}'s goods imports "
            f"({basis_label(head['basis'], ctx)}). This is the primary measure: the partner's "
            "own customs count of what it shipped over the reporter's own total, on one "
            "valuation, in the latest year there is one."]
    if head["claim_id"]:
        text.append(
            f"The claim that {p} supplies up to {pct(head['threshold'], 0)} of {r}'s imports: "
            f"{pct(head['share'])} is {_JUDGED[head['judgement']]} {pct(head['threshold'], 0)} "
            f"(\"about\" means within {pp(head['tolerance'])}, how far valuation alone — CIF "
            f"or FOB — moves a share of that size).")
    if not same_year.empty:
        text.append(f"Other like-for-like measures of {year}: {_range_text(same_year, ctx)}.")
    comparison = rows[rows["is_comparison_year"] & (rows["role"] != "apart")]
    if not comparison.empty and int(comparison["year"].iloc[0]) != year:
        c_year = int(comparison["year"].iloc[0])
        threshold = float(head["threshold"]) if head["claim_id"] else None
        text.append(f"In {c_year}, the latest year with several like-for-like measures, they "
                    f"ranged from {pct(comparison['share'].min())} to "
                    f"{pct(comparison['share'].max())}: "
                    f"{_range_text(comparison, ctx, threshold)}.")
    apart = rows[(rows["role"] == "apart")
                 & rows["year"].isin({year, *comparison["year"].tolist()})]
    for row in apart.sort_values(["year", "basis"]).itertuples():
        text.append(f"Shown apart: {pct(row.share)} in {row.year} ({basis_label(row.basis, ctx)})"
                    f" — {row.reason_apart}.")
    like = rows[(rows["role"] != "apart") & (rows["year"] >= 2005)]
    lines = [Line(g["year"], g["share"], basis_label(b, ctx), color=k)
             for k, (b, g) in enumerate(like.sort_values("preference").groupby(
                 "basis", sort=False))]
    bands = []
    if head["claim_id"]:
        years = sorted(like["year"].unique())
        low = head["threshold"] - head["tolerance"]
        high = head["threshold"] + head["tolerance"]
        bands.append(Band(years, [low] * len(years), [high] * len(years),
                          f"about {pct(head['threshold'], 0)} (valuation margin)", color=1))
    chart = line_chart(
        lines, ctx.charts / "share_answer.png",
        title=f"{p}'s share of {r}'s goods imports: {pct(head['share'])} in {year} "
              f"(primary measure)", ylabel="share of imports", percent=True,
        hlines=[(float(head["threshold"]), f"the {pct(head['threshold'], 0)} claim")]
        if head["claim_id"] else [], bands=bands,
        source=ctx.source_line(names.SHARES, *_SHARE_SOURCES))
    return Section("share-answer", title, "answers", tuple(text),
                   charts=(Chart(chart, f"{p}'s share of {r}'s imports on every like-for-like "
                                        "measure"),),
                   headline=f"{p}'s share of {r}'s goods imports: {pct(head['share'])} in "
                            f"{year}" + (f", {_JUDGED[head['judgement']]} the "
                                         f"{pct(head['threshold'], 0)} claimed"
                                         if head["claim_id"] else ""))


def energy_answer(ctx: ReportContext) -> Section:
    """What are the partner's energy purchases worth to the other side?"""
    rows = ctx.pair_rows(names.ENERGY_PURCHASES)
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"How much do {ctx.possessive(ctx.partner)} energy purchases matter to {r}?"
    if rows.empty:
        return Section("energy-answer", title, "answers", missing=f"no customs values of "
                       f"energy bought by origin for {r}-{p}: econ has China's customs "
                       "energy imports only (pairs with China on one side)")
    exporter = rows["exporter_iso3"].iloc[0]
    buyer = ctx.partner if exporter == ctx.reporter else ctx.reporter
    x, b = ctx.name(exporter), ctx.name(buyer)
    total = rows[rows["commodity"] == "all_energy"].sort_values("year")
    latest = total.dropna(subset=["share_of_exports"]).iloc[-1]
    year = int(latest["year"])
    in_year = rows[rows["year"] == year].set_index("commodity")
    parts = ", ".join(f"{label(c)} {pct(in_year.loc[c, 'share_of_exports'])}"
                      for c in _COMMODITIES if c in in_year.index)
    text = [f"In {year}, {b} bought {bn(latest['value_usd'])} bn USD of {x}'s crude oil, "
            f"pipeline gas, LNG and coal ({b}'s customs): {pct(latest['share_of_exports'])} of "
            f"{x}'s goods exports ({parts})."]
    gdp = total.dropna(subset=["share_of_gdp"])
    if not gdp.empty:
        g = gdp.iloc[-1]
        text.append(f"Against {x}'s GDP they were {pct(g['share_of_gdp'])} in "
                    f"{int(g['year'])}, the latest year with GDP data.")
    before = total[total["year"] == 2021]
    if not before.empty and year != 2021:
        text.append(f"In 2021, before the war and the sanctions, they were "
                    f"{pct(before['share_of_exports'].iloc[0])} of {x}'s goods exports.")
    text.append(f"That is the size of the claim that these purchases keep {x} afloat. Volumes "
                "by commodity, and each commodity's share of both sides' trade, are in the "
                "details below.")
    shares = rows[rows["commodity"] != "all_energy"].pivot(index="year", columns="commodity",
                                                            values="share_of_exports")
    shares = shares[[c for c in _COMMODITIES if c in shares.columns]].rename(columns=label)
    chart = stacked_bar_chart(
        shares, ctx.charts / "energy_answer.png",
        title=f"{b}'s energy purchases from {x}: {pct(latest['share_of_exports'], 0)} of "
              f"{x}'s goods exports in {year}", ylabel=f"share of {x}'s goods exports",
        percent=True, source=ctx.source_line(names.ENERGY_PURCHASES, *_PURCHASE_SOURCES))
    table = Table.build(
        "energy_purchases", f"{b}'s energy purchases from {x} against {x}'s exports and GDP",
        total.loc[total["year"] >= year - 9, ["year", "value_usd", "exports_usd",
                                              "share_of_exports", "share_of_gdp"]].rename(
            columns={"value_usd": "purchases (USD bn)", "exports_usd": "goods exports (USD bn)",
                     "share_of_exports": "share of exports (%)",
                     "share_of_gdp": "share of GDP (%)"}),
        ctx.source_line(names.ENERGY_PURCHASES, *_PURCHASE_SOURCES),
        {"purchases (USD bn)": bn, "goods exports (USD bn)": bn,
         "share of exports (%)": pct, "share of GDP (%)": pct},
        units=column_refs(names.ENERGY_PURCHASES, {
            "purchases (USD bn)": "value_usd", "goods exports (USD bn)": "exports_usd",
            "share of exports (%)": "share_of_exports", "share of GDP (%)": "share_of_gdp"}))
    return Section("energy-answer", title, "answers", tuple(text), (table,),
                   (Chart(chart, f"{b}'s energy purchases as a share of {x}'s goods exports"),),
                   headline=f"{b}'s energy purchases from {x}: {bn(latest['value_usd'])} bn "
                            f"USD in {year}, {pct(latest['share_of_exports'])} of {x}'s goods "
                            "exports")


def _latest(frame: pd.DataFrame, reported_by: str) -> pd.Series | None:
    rows = frame[frame["reported_by_iso3"] == reported_by].sort_values("year")
    return None if rows.empty else rows.iloc[-1]


def _release_check(ctx: ReportContext, frequency: str) -> list[str]:
    """The published forecast against the partner's customs releases since the data end."""
    if not ctx.has(names.FORECAST_CHECK):
        return []
    check = ctx.pair_rows(names.FORECAST_CHECK)
    check = check[check["is_selected"] & (check["frequency"] == frequency)]
    if check.empty:
        return []
    parts = []
    for row in check.sort_values(["end", "start"]).itertuples():
        period = f"{row.start:%b %Y}" + ("" if row.start == row.end else f"–{row.end:%b %Y}")
        where = ("inside the 80% interval" if row.inside_80 else
                 "outside the 80% interval but inside the 95%" if row.inside_95 else
                 "outside the 95% interval")
        parts.append(f"{period} {signed(row.observed)} against {signed(row.mean)}, {where}")
    return [f"The forecast checked against the releases published since its data end (out of "
            f"sample, horizon {int(check['first_horizon'].min())} to "
            f"{int(check['last_horizon'].max())} {_STEP[frequency]}): " + "; ".join(parts) + "."]


def balance_answer(ctx: ReportContext) -> Section:
    """Is trade moving toward balance ("reciprocity, not dependency")?"""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"Is {r}'s trade with {p} moving toward balance?"
    yearly = ctx.pair_rows(names.BALANCE_YEARLY)
    if yearly.empty:
        return Section("balance-answer", title, "answers", missing=f"no bilateral flows "
                       f"between {r} and {p} in any source")
    sides = [s for s in (_latest(yearly, ctx.partner), _latest(yearly, ctx.reporter))
             if s is not None]
    head = max(sides, key=lambda s: (int(s["year"]), s["reported_by_iso3"] == ctx.partner))
    who = ctx.possessive(head["reported_by_iso3"])
    text = [f"In {int(head['year'])}, on {who} customs data, {r} exported "
            f"{bn(head['exports_usd'])} bn USD to {p} and imported {bn(head['imports_usd'])} bn "
            f"(both FOB): a normalised balance (X - M)/(X + M) of "
            f"{signed(head['normalised_balance'])}, "
            f"{signed(head['normalised_balance_as_reported'])} as reported (the CIF flow not "
            f"put on FOB with the factor {head['cif_fob_factor']:.2f})."]
    releases = ctx.pair_rows(names.LATEST_RELEASES) if ctx.has(names.LATEST_RELEASES) else \
        pd.DataFrame()
    if not releases.empty:
        listed = "; ".join(
            f"{r_.start:%b %Y}{'' if r_.start == r_.end else f'–{r_.end:%b %Y}'}: "
            f"{signed(r_.normalised_balance)}" for r_ in releases.sort_values(
                ["end", "start"]).itertuples())
        text.append(f"China's customs releases since (preliminary, in yuan, FOB as above): "
                    f"{listed}.")
    verdict = ctx.pair_rows(names.VERDICT)
    headline = verdict[verdict["is_headline"]]
    robustness = verdict[verdict["topic"] == "robustness"]
    for series in ("monthly", "yearly"):
        rows = headline[headline["series"].str.startswith(series)
                        & headline["series"].str.contains(str(head["reported_by_iso3"]).lower())]
        if rows.empty:
            continue
        row = rows.iloc[0]
        interval = ("an interval spanning the whole range" if row["ci_lower"] <= -1
                    or row["ci_upper"] >= 1 else
                    f"90% interval {signed(row['ci_lower'])} to {signed(row['ci_upper'])}")
        text.append(f"Equivalence test ({series}, {row['sample_start']}–{row['sample_end']}): "
                    f"the balance is {_STATE[row['state']]} (mean "
                    f"{signed(row['estimate'])}, {interval}).")
        robust = robustness[robustness["series"] == row["series"]]
        if not robust.empty:
            text.append(robust["text"].iloc[0] + ".")
        break
    selection = ctx.pair_rows(names.FORECAST_SELECTION)
    calibrated = ctx.pair_rows(names.FORECAST_CALIBRATED)
    for frequency in ("monthly", "yearly"):
        chosen = selection[(selection["frequency"] == frequency) & selection["is_selected"]]
        if chosen.empty:
            continue
        model = chosen["model"].iloc[0]
        beaten = bool(selection.loc[selection["frequency"] == frequency,
                                    "beats_benchmark"].any())
        path = calibrated[(calibrated["frequency"] == frequency) & calibrated["is_selected"]]
        first = path.sort_values("period").iloc[0]
        text.append(
            ("No model forecasts the balance better than the naive forecast (no change; "
             "Diebold-Mariano, 5%), so the naive forecast is published" if not beaten else
             f"The published forecast is {label(model)}, the best model that beats the naive "
             "one")
            + f" ({frequency}): {signed(first['mean'])} for {_PERIOD[frequency](first['period'])}"
            ", 80% "
            f"interval {signed(first['lower_80'])} to {signed(first['upper_80'])} (recalibrated "
            f"from its backtest errors); probability of being within {BAND_TEXT}: "
            f"{pct(first['prob_within'], 0)}, against {pct(first['prob_within_climatology'], 0)}"
            " for the band's historical frequency.")
        text += _release_check(ctx, frequency)
        break
    line_rows = yearly[yearly["year"] >= 1995]
    lines = [Line(g["year"], g["normalised_balance"], f"on {ctx.possessive(b)} data", color=k)
             for k, (b, g) in enumerate(line_rows.groupby("reported_by_iso3"))]
    years = sorted(line_rows["year"].unique())
    side = "a surplus" if head["normalised_balance"] > 0 else "a deficit"
    chart = line_chart(
        lines, ctx.charts / "balance_answer.png",
        title=f"{r}'s trade balance with {p}: {signed(head['normalised_balance'])} in "
              f"{int(head['year'])} ({side} for {r})",
        ylabel="normalised balance (X - M)/(X + M)",
        hlines=[(0.0, "balanced trade")],
        bands=[Band(years, [-RECIPROCITY_BAND] * len(years), [RECIPROCITY_BAND] * len(years),
                    f"within {BAND_TEXT} of balance", color=2)],
        source=ctx.source_line(names.BALANCE_YEARLY, *BALANCE_SOURCES))
    state = headline["state"].iloc[0] if not headline.empty else "undetermined"
    synthesis = (f"{r} {'sells' if head['normalised_balance'] > 0 else 'buys'} more than it "
                 f"{'buys' if head['normalised_balance'] > 0 else 'sells'}: the balance is "
                 f"{signed(head['normalised_balance'])} ({int(head['year'])}); "
                 f"{VERDICT_PHRASES[state]}.")
    return Section("balance-answer", title, "answers", (synthesis, *text),
                   charts=(Chart(chart, f"{r}'s normalised balance with {p} on each side's "
                                        f"data, with the {BAND_TEXT} band"),),
                   headline=synthesis)
