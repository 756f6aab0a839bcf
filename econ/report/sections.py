"""Report sections: each reads out tables and returns text, tables, charts and headlines.

A section never reads a raw file and never recomputes an indicator; when a table it needs
is not built, or does not exist for the pair, it returns a section that says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from econ.catalog import table_names
from econ.data import load, provenance, tables
from econ.errors import UnknownTableError
from econ.indicators.sanctions import chpl_by_tier
from econ.names import (
    BACKTEST_RANKING,
    BACKTEST_SCORES,
    BALANCE_MONTHLY,
    BALANCE_YEARLY,
    BATTERY,
    EI_TRADE_LATEST,
    ENERGY,
    FORECAST,
    LISTED_TRADE,
    PAIR_INDICATORS,
    PRODUCT_SCREEN,
    SHARES,
    VERDICT,
)
from econ.paths import Paths
from econ.report.charts import Line, bar_chart, line_chart
from econ.report.tables import Table, fmt_number, fmt_percent, fmt_usd_bn, source_footnote

__all__ = ["SECTIONS", "Chart", "ReportContext", "Section"]


@dataclass(frozen=True)
class Chart:
    """A chart file and its caption."""

    path: Path
    caption: str


@dataclass(frozen=True)
class Section:
    """What one section contributes to the report."""

    title: str
    text: str = ""
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    unavailable: str = ""


@dataclass(frozen=True)
class ReportContext:
    """The pair the report is about, and where things are."""

    paths: Paths
    reporter: str
    partner: str
    charts: Path

    @property
    def is_rus_chn(self) -> bool:
        """True for the Russia-China report, which has data no other pair has."""
        return (self.reporter, self.partner) == ("RUS", "CHN")

    def load(self, name: str, **kwargs: object) -> pd.DataFrame:
        """Load an out table of the project."""
        return load(name, root=self.paths.root, **kwargs)  # type: ignore[arg-type]

    def sources(self, *names: str) -> str:
        """Footnote naming the tables, their citations and every raw folder behind them."""
        metas = [provenance(n, root=self.paths.root) for n in names]
        return source_footnote(metas, sorted(self._raw_folders(names)))

    def chart_source(self, *names: str) -> str:
        """Short source line printed under a chart."""
        return (f"Source: econ tables {', '.join(names)}; raw data: "
                + ", ".join(sorted(self._raw_folders(names))))

    def _raw_folders(self, names: tuple[str, ...]) -> set[str]:
        folders: set[str] = set()
        todo, seen = list(names), set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            meta = provenance(name, root=self.paths.root)
            folders.update(i["path"].split("/")[0] for i in meta["inputs"]
                           if not i["path"].startswith("econ/"))
            todo.extend(u["table"] for u in meta["upstream"])
        return folders


SectionBuilder = Callable[[ReportContext], Section]
SECTIONS: list[SectionBuilder] = []


def _section(title: str, needs: tuple[str, ...], *, rus_chn_only: bool = False
             ) -> Callable[[SectionBuilder], SectionBuilder]:
    """Register a section; it is replaced by a 'not available' note when a table it
    needs is missing from the catalog or not built, or the pair does not apply."""

    def register(build: SectionBuilder) -> SectionBuilder:
        def run(ctx: ReportContext) -> Section:
            if rus_chn_only and not ctx.is_rus_chn:
                return Section(title, unavailable="this section needs Russia-China data "
                               f"(Russia's own totals, energy routes); not applicable to "
                               f"{ctx.reporter}-{ctx.partner}")
            missing = [n for n in needs if n not in table_names()]
            if missing:
                return Section(title, unavailable=f"table(s) {', '.join(missing)} are not "
                               "part of econ yet (a later issue builds them)")
            try:
                return build(ctx)
            except UnknownTableError as exc:
                return Section(title, unavailable=f"{exc}")

        SECTIONS.append(run)
        return run

    return register


_SHARE = SHARES
_SHARE_LABELS = {
    "russia_reported_dots": "Russia's report (IMF DOTS), CIF",
    "russia_customs_fcs": "Russia's customs (FCS), CIF",
    "china_reported_over_bop": "China's exports / Bank of Russia BoP imports, FOB",
    "china_reported_over_customs": "China's exports x1.06 / Russia's customs imports, CIF",
    "china_reported_over_mirror": "China's exports / partners' mirror (IMF World), FOB",
    "baci_over_atlas": "BACI China exports / Atlas Russia imports, FOB",
    "china_reported_over_goods_and_services": "China's exports / imports of goods and "
                                              "services (WB), lower bound",
}


@_section("How large is China's share of Russia's imports?", (_SHARE,), rus_chn_only=True)
def _share_question(ctx: ReportContext) -> Section:
    shares = ctx.load(_SHARE)
    wide = shares.pivot(index="year", columns="basis", values="share")
    lines = [Line(wide.index, wide[b], _SHARE_LABELS.get(b, b)) for b in wide.columns]
    chart = line_chart(
        lines, ctx.charts / "china_share_by_basis.png", percent=True,
        title="China's share of Russia's goods imports, by basis", ylabel="share of imports",
        hlines=[(0.40, "the '40%' claim")], source=ctx.chart_source(_SHARE))
    recent = wide.loc[wide.index >= 2015].reset_index()
    recent.columns = ["year", *[_SHARE_LABELS.get(c, c) for c in recent.columns[1:]]]
    table = Table.build("share_question", "China's share of Russia's imports by basis",
                        recent, ctx.sources(_SHARE),
                        {c: fmt_percent for c in recent.columns if c != "year"})
    latest = shares.sort_values("year").groupby("basis").tail(1)
    above = latest[latest.share >= 0.40]
    headline = [
        f"China's share of Russia's goods imports in {int(r.year)}: "
        f"{fmt_percent(r.share)} ({_SHARE_LABELS.get(r.basis, r.basis)}; {r.numerator_source}"
        f" over {r.denominator_source})" for r in latest.sort_values("share").itertuples()]
    verdict = (f"'Up to 40%' holds on {len(above)} of {len(latest)} bases in their latest "
               "year: " + ", ".join(_SHARE_LABELS.get(b, b) for b in above.basis)
               if len(above) else "'Up to 40%' holds on no basis in its latest year")
    text = ("Each line is one numerator over one denominator on one valuation. Bases that "
            "use partners' mirror data or the Atlas estimates run high after 2022, because "
            "their denominators run below Russia's balance-of-payments imports. " + verdict
            + ".")
    return Section("How large is China's share of Russia's imports?", text, [table],
                   [Chart(chart, "China's share of Russia's imports by basis, with the 40% "
                          "line")], [*headline[-3:], verdict + "."])


_YEARLY = BALANCE_YEARLY
_MONTHLY = BALANCE_MONTHLY


@_section("Is the trade balance moving toward zero?", (_YEARLY, _MONTHLY), rus_chn_only=True)
def _balance(ctx: ReportContext) -> Section:
    yearly = ctx.load(_YEARLY)
    monthly = ctx.load(_MONTHLY)
    lines = [Line(g.year, g.normalised_balance, f"{b.replace('_', ' ')}, annual")
             for b, g in yearly.groupby("basis")]
    chart = line_chart(
        lines, ctx.charts / "balance_yearly.png",
        title="Russia's trade balance with China, normalised (X - M) / (X + M)",
        ylabel="normalised balance (-1 to 1)", hlines=[(0.0, "balanced trade")],
        source=ctx.chart_source(_YEARLY))
    month_lines = [Line(g.period, g.normalised_balance, f"{b.replace('_', ' ')}, monthly")
                   for b, g in monthly.groupby("basis")]
    month_chart = line_chart(
        month_lines, ctx.charts / "balance_monthly.png",
        title="Russia's monthly trade balance with China, normalised",
        ylabel="normalised balance (-1 to 1)", hlines=[(0.0, "balanced trade")],
        source=ctx.chart_source(_MONTHLY))
    recent = yearly[yearly.year >= 2015].sort_values(["year", "basis"])
    shown = pd.DataFrame({
        "year": recent.year.astype(str), "basis": recent.basis,
        "exports to China (USD bn)": recent.exports_usd,
        "imports from China (USD bn)": recent.imports_usd,
        "normalised balance": recent.normalised_balance,
    })
    table = Table.build("balance", "Russia's trade with China (FOB), USD billion", shown,
                        ctx.sources(_YEARLY),
                        {"exports to China (USD bn)": fmt_usd_bn,
                         "imports from China (USD bn)": fmt_usd_bn,
                         "normalised balance": lambda v: f"{v:+.3f}"})
    last = yearly[yearly.basis == "china_reported"].sort_values("year").iloc[-1]
    headline = (f"Russia's normalised trade balance with China in {int(last.year)}: "
                f"{last.normalised_balance:+.3f} (exports {fmt_usd_bn(last.exports_usd)} bn, "
                f"imports {fmt_usd_bn(last.imports_usd)} bn USD, China-reported, FOB)")
    return Section("Is the trade balance moving toward zero?",
                   "Positive values: Russia sells China more than it buys. Both reporters' "
                   "figures are shown; they differ by valuation and coverage.", [table],
                   [Chart(chart, "Annual normalised balance"),
                    Chart(month_chart, "Monthly normalised balance")], [headline])


_PAIRS = PAIR_INDICATORS
_ASYMMETRY_YEARS = (2000, 2013, 2020, 2021, 2023)
_ASYMMETRY = ("total_trade_share", "hirschman_difference", "hirschman_ratio", "salience",
              "symmetry", "interdependence")


@_section("How lopsided is the dependence?", (_PAIRS,))
def _mutual_dependence(ctx: ReportContext) -> Section:
    pairs = ctx.load(_PAIRS, filters={"reporter_iso3": [ctx.reporter, ctx.partner],
                                      "partner_iso3": [ctx.reporter, ctx.partner]})
    if pairs.empty:
        return Section("How lopsided is the dependence?", unavailable=f"no pair indicators "
                       f"for {ctx.reporter}-{ctx.partner} (the table covers Russia and China "
                       "with USA, DEU, IND, KAZ, TUR)")
    shares = pairs[pairs.indicator == "total_trade_share"]
    basis_label = {"reported_dots": "own reports (DOTS)",
                   "china_reported_flows": "China's reports"}
    lines = [Line(g.year, g.value, f"{r} on {p_}, {basis_label.get(b, b)}",
                  "-" if b == "reported_dots" else "--")
             for (r, p_, b), g in shares.groupby(["reporter_iso3", "partner_iso3", "basis"])]
    chart = line_chart(lines, ctx.charts / "mutual_dependence.png", percent=True,
                       title=f"Dependence on each other: {ctx.reporter} and {ctx.partner}",
                       ylabel="partner's share of the reporter's total trade",
                       source=ctx.chart_source(_PAIRS))
    own = pairs[(pairs.reporter_iso3 == ctx.reporter) & pairs.indicator.isin(_ASYMMETRY)
                & pairs.year.isin(_ASYMMETRY_YEARS)]
    wide = own.pivot_table(index=["year", "basis"], columns="indicator", values="value")
    wide = wide.reindex(columns=[c for c in _ASYMMETRY if c in wide.columns]).reset_index()
    wide["year"] = wide["year"].astype(str)
    table = Table.build("asymmetry", f"Asymmetry of {ctx.reporter}'s dependence on "
                        f"{ctx.partner}, selected years", wide, ctx.sources(_PAIRS),
                        {"total_trade_share": fmt_percent,
                         **{c: lambda v: fmt_number(v, 3) for c in _ASYMMETRY[1:]}})
    latest = own.sort_values("year").groupby("indicator").tail(1).set_index("indicator")
    headlines = []
    if "hirschman_ratio" in latest.index:
        row = latest.loc["hirschman_ratio"]
        headlines.append(
            f"In {int(row.year)} {ctx.reporter} depended {row.value:.1f} times more on "
            f"{ctx.partner} (share of its total trade) than {ctx.partner} on {ctx.reporter} "
            f"(Hirschman ratio, basis {row.basis})")
    return Section("How lopsided is the dependence?",
                   "Hirschman's ratio divides the partner's share of the reporter's total trade "
                   "by the reporter's share of the partner's; Barbieri's salience, symmetry "
                   "and interdependence summarise how large and how even the two dependencies "
                   "are.", [table], [Chart(chart, "Each side's share in the other's total "
                                          "trade")], headlines)


_SCREEN = PRODUCT_SCREEN


@_section("Which products does Russia buy from China?", (_SCREEN,), rus_chn_only=True)
def _products(ctx: ReportContext) -> Section:
    screen = ctx.load(_SCREEN)
    year = int(screen.year.max())
    top = screen[screen.year == year].nlargest(15, "imports_usd")
    shown = pd.DataFrame({"hs6": top.hs6, "product": top.description.str.slice(0, 60),
                          "imports from China (USD bn)": top.imports_usd,
                          "share of pair trade": top.share,
                          "Grubel-Lloyd": top.grubel_lloyd})
    table = Table.build("product_screen", f"Russia's top imports from China, {year} (BACI HS6)",
                        shown, ctx.sources(_SCREEN),
                        {"imports from China (USD bn)": lambda v: fmt_usd_bn(v, 2),
                         "share of pair trade": fmt_percent,
                         "Grubel-Lloyd": lambda v: fmt_number(v, 2)})
    return Section("Which products does Russia buy from China?",
                   "The BACI file here holds only China-Russia flows, so the screen's supplier "
                   "concentration and world-market criteria cannot be computed (the out table's "
                   "notes say why); Grubel-Lloyd near 0 means one-way trade.", [table])


_BATTERY = BATTERY
_VERDICT = VERDICT
_KEY_TESTS = ("full:adf_n", "full:adf_c", "full:kpss_c", "full:mean_zero", "full:half_life_ar1",
              "full:bai_perron", "full:sup_f", "full:johansen_trace_r0", "full:johansen_beta",
              "full:dols_slope")


def _break_dates(note: str) -> list[str]:
    """'breaks after 2002 (2001 to 2004), 2006 ...' -> ['2002', '2006']."""
    return re.findall(r"(?:after |, )(\d{4}(?:-\d{2})?) \(", note)


@_section("Is trade converging to balance?", (_BATTERY, _VERDICT, _YEARLY), rus_chn_only=True)
def _convergence(ctx: ReportContext) -> Section:
    battery = ctx.load(_BATTERY)
    verdicts = ctx.load(_VERDICT)
    yearly = ctx.load(_YEARLY)
    annual = yearly[yearly.basis == "china_reported"].sort_values("year")
    note = battery.loc[(battery.series == "annual_china_reported")
                       & (battery.id == "full:bai_perron"), "note"]
    breaks = _break_dates(note.iloc[0]) if len(note) else []
    chart = line_chart(
        [Line(annual.year, annual.normalised_balance, "China-reported, annual")],
        ctx.charts / "balance_breaks.png",
        title="Russia's normalised balance with China and its detected breaks (Bai-Perron)",
        ylabel="normalised balance (-1 to 1)", hlines=[(0.0, "balanced trade")],
        vlines=[(int(b), f"break after {b}") for b in breaks if b.isdigit()],
        source=ctx.chart_source(_BATTERY, _YEARLY))
    rows = battery[battery.id.isin(_KEY_TESTS)].copy()
    rows["order"] = rows.id.map({k: i for i, k in enumerate(_KEY_TESTS)})
    rows = rows.sort_values(["series", "order"])
    label = rows.test.where(rows.deterministic.isna() | (rows.deterministic == ""),
                            rows.test + " (" + rows.deterministic.fillna("") + ")")
    shown = pd.DataFrame({"series": rows.series, "test": label,
                          "statistic": rows.statistic, "p-value": rows.pvalue,
                          "decision": rows.decision})
    table = Table.build("convergence_battery", "Convergence battery, whole samples "
                        "(sub-samples in the CSV of the out table)", shown,
                        ctx.sources(_BATTERY),
                        {"statistic": lambda v: fmt_number(v, 3),
                         "p-value": lambda v: fmt_number(v, 4)})
    verdict_rows = verdicts.sort_values(["series", "clause"])
    verdict_table = Table.build("convergence_verdict", "Verdicts, clause by clause",
                                verdict_rows[["series", "text", "row_ids"]],
                                ctx.sources(_VERDICT), {}, align="lll")
    headline_clause = verdicts[(verdicts.series == "annual_china_reported")
                               & (verdicts.clause == 1)]["text"]
    headlines = [f"Convergence (annual, China-reported): {headline_clause.iloc[0]}."
                 ] if len(headline_clause) else []
    monthly_clause = verdicts[(verdicts.series == "monthly_china_reported")
                              & (verdicts.clause == 1)]["text"]
    if len(monthly_clause):
        headlines.append(f"Convergence (monthly, China-reported, seasonally adjusted): "
                         f"{monthly_clause.iloc[0]}.")
    return Section("Is trade converging to balance?",
                   "'Converging to balance' means the normalised balance is stationary around "
                   "zero: ADF without a constant rejects a unit root and the HAC test does "
                   "not reject a zero mean. Each verdict clause names the rows it rests on.",
                   [table, verdict_table],
                   [Chart(chart, "Annual normalised balance with the Bai-Perron breaks")],
                   headlines)


_FORECAST = FORECAST
_RANKING = BACKTEST_RANKING
_SCORES = BACKTEST_SCORES


def _fan_chart(ctx: ReportContext, history: pd.DataFrame, x: str, forecast: pd.DataFrame,
               name: str, title: str) -> Path:
    band = forecast["band"].iloc[0]
    return line_chart(
        [Line(history[x], history.normalised_balance, "observed (China-reported)"),
         Line(forecast.period, forecast["mean"], f"forecast: {forecast.model.iloc[0]}", "--")],
        ctx.charts / name, title=title, ylabel="normalised balance (-1 to 1)",
        hlines=[(band, f"reciprocity band +/-{band:g}"), (-band, "")],
        band=(forecast.period, forecast.lower_95, forecast.upper_95, "95% interval"),
        source=ctx.chart_source(_FORECAST, _YEARLY if x == "year" else _MONTHLY))


@_section("Where is the balance heading?", (_FORECAST, _RANKING, _SCORES), rus_chn_only=True)
def _forecast(ctx: ReportContext) -> Section:
    forecasts = ctx.load(_FORECAST)
    ranking = ctx.load(_RANKING)
    scores = ctx.load(_SCORES)
    monthly = ctx.load(_MONTHLY)
    yearly = ctx.load(_YEARLY)
    charts, tables, headlines = [], [], []
    for frequency, history, x, label in (
            ("monthly", monthly[monthly.basis == "china_reported"], "period", "24 months"),
            ("annual", yearly[yearly.basis == "china_reported"].assign(
                period=lambda f: pd.to_datetime(f.year.astype(str))), "period", "3 years")):
        chosen = forecasts[(forecasts.frequency == frequency) & forecasts.is_selected
                           & (forecasts.scenario == "baseline")].sort_values("period")
        if chosen.empty:
            continue
        model = chosen.model.iloc[0]
        charts.append(Chart(_fan_chart(
            ctx, history.tail(96 if frequency == "monthly" else 40), x, chosen,
            f"forecast_{frequency}.png", f"{frequency.title()} balance forecast ({model}), "
            f"{label} ahead"), f"{frequency.title()} forecast with 95% interval and the "
            "reciprocity band"))
        shown = pd.DataFrame({
            "period": chosen.period.dt.strftime("%Y-%m" if frequency == "monthly" else "%Y"),
            "mean": chosen["mean"], "80% interval": [f"{lo:+.3f} to {hi:+.3f}" for lo, hi in
                                                    zip(chosen.lower_80, chosen.upper_80,
                                                        strict=True)],
            "95% interval": [f"{lo:+.3f} to {hi:+.3f}" for lo, hi in
                             zip(chosen.lower_95, chosen.upper_95, strict=True)],
            "P(|balance| < band)": chosen.prob_within})
        tables.append(Table.build(f"forecast_{frequency}", f"{frequency.title()} forecast of "
                                  f"the normalised balance, model {model} (rank 1 in the "
                                  "backtest)", shown, ctx.sources(_FORECAST),
                                  {"mean": lambda v: f"{v:+.3f}",
                                   "P(|balance| < band)": fmt_percent}))
        last = chosen.iloc[-1]
        headlines.append(
            f"Forecast ({frequency}, {model}): normalised balance {last['mean']:+.3f} in "
            f"{shown.period.iloc[-1]} (95% interval {last.lower_95:+.3f} to "
            f"{last.upper_95:+.3f}); probability of being within +/-{last.band:g} of balance: "
            f"{fmt_percent(last.prob_within)}")
    rank = ranking.sort_values(["frequency", "rank"])
    shown = pd.DataFrame({"frequency": rank.frequency, "rank": rank["rank"].astype(str),
                          "model": rank.model, "MASE": rank.mase, "RMSE": rank.rmse,
                          "80% coverage": rank.coverage_80, "95% coverage": rank.coverage_95,
                          "DM p-value vs naive": rank.dm_pvalue})
    tables.append(Table.build("backtest_ranking", "Rolling-origin backtest: models ranked by "
                              "mean MASE", shown, ctx.sources(_RANKING),
                              {"MASE": lambda v: fmt_number(v, 3),
                               "RMSE": lambda v: fmt_number(v, 3),
                               "80% coverage": fmt_percent, "95% coverage": fmt_percent,
                               "DM p-value vs naive": lambda v: fmt_number(v, 3)}))
    mase = scores[(scores.metric == "mase") & (scores.frequency == "monthly")]
    charts.append(Chart(line_chart(
        [Line(g.horizon, g.value, m) for m, g in mase.groupby("model")],
        ctx.charts / "backtest_mase.png", title="Backtest MASE by horizon, monthly balance",
        ylabel="MASE (1 = in-sample naive)", xlabel="horizon (months)",
        hlines=[(1.0, "naive in-sample scale")], source=ctx.chart_source(_SCORES)),
        "Backtest scores by horizon"))
    scenario = forecasts[(forecasts.scenario != "baseline") & (forecasts.frequency == "annual")]
    if not scenario.empty:
        base = forecasts[(forecasts.scenario == "baseline") & (forecasts.model == "vecm")
                         & (forecasts.frequency == "annual")].set_index("period")
        both = scenario.set_index("period").merge(base[["mean"]], left_index=True,
                                                  right_index=True, suffixes=("", "_base"))
        shown = pd.DataFrame({"year": both.index.strftime("%Y"),
                              "baseline (VECM)": both["mean_base"],
                              f"{scenario.scenario.iloc[0]}": both["mean"],
                              "difference": both["mean"] - both["mean_base"]})
        tables.append(Table.build("scenario", f"Scenario {scenario.scenario.iloc[0]}: annual "
                                  "normalised balance", shown, ctx.sources(_FORECAST),
                                  {c: lambda v: f"{v:+.3f}" for c in shown.columns[1:]}))
    return Section("Where is the balance heading?",
                   "Every model was backtested on rolling origins; the table shows how each "
                   "earned (or did not earn) trust. The shaded area is the selected model's "
                   "95% interval; the dashed lines mark the reciprocity band.", tables,
                   charts, headlines)


_ENERGY = ENERGY
_EI = EI_TRADE_LATEST


@_section("How much of Russia's oil and gas goes to China?", (_ENERGY,), rus_chn_only=True)
def _energy(ctx: ReportContext) -> Section:
    energy = ctx.load(_ENERGY)
    ei = energy[energy.source == _EI]
    volumes = ei[(ei.indicator == "volume") & ei.commodity.isin(["crude", "pipeline_gas"])]
    crude = volumes[volumes.commodity == "crude"]
    gas = volumes[volumes.commodity == "pipeline_gas"]
    shares = ei[(ei.indicator == "share_of_importer_imports")
                & ei.commodity.isin(["crude", "pipeline_gas"])]
    customs = energy[(energy.commodity == "crude") & (energy.indicator == "imports_t")]
    chart = line_chart(
        [Line(crude.year, crude.value, "crude, Mt (Energy Institute)"),
         Line(customs.year, customs.value / 1e6, "crude, Mt (China customs, imports)", ":"),
         Line(gas.year, gas.value, "pipeline gas, bcm (Energy Institute)", "--")],
        ctx.charts / "energy_volumes.png",
        title="Russia's crude and pipeline-gas exports to China",
        ylabel="Mt (crude) / bcm (gas)", source=ctx.chart_source(_ENERGY))
    share_chart = line_chart(
        [Line(g.year, g.value, f"{c.replace('_', ' ')}") for c, g in
         shares.groupby("commodity")], ctx.charts / "energy_shares.png", percent=True,
        title="Russia's share of China's imports (volumes, Energy Institute)",
        ylabel="share of China's imports", source=ctx.chart_source(_ENERGY))
    wanted = ["volume", "share_of_exporter_exports", "share_of_importer_imports"]
    recent = ei[ei.indicator.isin(wanted) & (ei.year >= ei.year.max() - 4)]
    wide = recent.pivot_table(index=["commodity", "year"], columns="indicator",
                              values="value").reset_index()
    units = ei.drop_duplicates("commodity").set_index("commodity")["unit"]
    shown = pd.DataFrame({
        "commodity": wide.commodity, "year": wide.year.astype(str),
        "volume": [f"{v:,.1f} {units.get(c, '')}" if pd.notna(v) else "–"
                   for v, c in zip(wide.get("volume"), wide.commodity, strict=True)],
        "share of Russia's exports": wide.get("share_of_exporter_exports"),
        "share of China's imports": wide.get("share_of_importer_imports")})
    table = Table.build("energy_dependence", "Russia-China energy trade (Energy Institute, "
                        "newest edition per value)", shown, ctx.sources(_ENERGY),
                        {"share of Russia's exports": fmt_percent,
                         "share of China's imports": fmt_percent})
    hs27 = energy[energy.commodity == "hs27"].sort_values("year")
    headlines = []
    last = ei[(ei.indicator == "share_of_exporter_exports")].sort_values("year")
    for commodity in ("crude", "pipeline_gas"):
        rows = last[last.commodity == commodity]
        if len(rows):
            r = rows.iloc[-1]
            headlines.append(f"In {int(r.year)}, {fmt_percent(r.value)} of Russia's "
                             f"{commodity.replace('_', ' ')} exports went to China (Energy "
                             "Institute volumes)")
    if len(hs27):
        r = hs27.iloc[-1]
        headlines.append(f"Energy (HS 27) was {fmt_percent(r.value)} of China's imports from "
                         f"Russia in {int(r.year)} (BACI)")
    return Section("How much of Russia's oil and gas goes to China?",
                   "Volumes from the Energy Institute's bilateral tables; shares are of the "
                   "tables' own totals. China's customs give values and a cross-check (out "
                   "table rows with source core_china_customs...).", [table],
                   [Chart(chart, "Crude and pipeline-gas volumes, Russia to China"),
                    Chart(share_chart, "Russia's share of China's crude and gas imports")],
                   headlines)


_LISTED = LISTED_TRADE


@_section("How much of what sanctions target does Russia get from China?", (_LISTED,),
          rus_chn_only=True)
def _sanctions(ctx: ReportContext) -> Section:
    listed = ctx.load(_LISTED)
    tiers = chpl_by_tier(listed)
    wide = tiers.pivot(index="year", columns="tier", values="value_usd") / 1e9
    chart = bar_chart(wide, ctx.charts / "chpl_by_tier.png",
                      title="China's exports to Russia of CHPL-listed goods, by tier",
                      ylabel="USD billion (BACI, FOB)",
                      source=ctx.chart_source(_LISTED))
    totals = listed[(listed.tier == "all") & (listed.exporter_iso3 == "CHN")
                    ].sort_values(["list_name", "year"])
    shown = pd.DataFrame({"list": totals.list_name + " (" + totals.list_version + ")",
                          "year": totals.year.astype(str), "value (USD bn)": totals.value_usd,
                          "range (USD bn)": [f"{fmt_usd_bn(lo, 2)}-{fmt_usd_bn(hi, 2)}"
                                             for lo, hi in zip(totals.value_lower_usd,
                                                               totals.value_upper_usd,
                                                               strict=True)],
                          "share of China's exports to Russia": totals.share})
    table = Table.build("sanctions_listed_trade", "China's exports to Russia of listed goods "
                        "(every list, all tiers)", shown, ctx.sources(_LISTED),
                        {"value (USD bn)": lambda v: fmt_usd_bn(v, 2),
                         "share of China's exports to Russia": fmt_percent})
    chpl = totals[totals.list_name == "chpl"].set_index("year")
    headlines = [f"CHPL-listed China-to-Russia exports in {y}: {fmt_usd_bn(chpl.value_usd[y], 2)} "
                 f"bn USD, {fmt_percent(chpl.share[y])} of China's exports to Russia (BACI)"
                 for y in (2021, 2023) if y in chpl.index]
    return Section("How much of what sanctions target does Russia get from China?",
                   "The Common High Priority List (CHPL) names 50 HS codes Russia seeks for its "
                   "weapons programmes, in tiers; the US EAR part 746 and EU 833/2014 lists are "
                   "broader. Lists are applied to every year, so the series shows trade in "
                   "today's listed goods; codes split between HS revisions give a range.",
                   [table], [Chart(chart, "CHPL-listed China-to-Russia exports by tier")],
                   headlines)


@_section("Data sources and vintages", ())
def _sources(ctx: ReportContext) -> Section:
    listing = tables(root=ctx.paths.root)
    listing = listing[listing["rows"].notna()]
    notes = []
    for name in listing["name"]:
        meta = provenance(name, root=ctx.paths.root)
        notes.append("; ".join(meta.get("caveats", []))[:300])
    shown = pd.DataFrame({"table": listing["name"], "rows": listing["rows"],
                          "years": listing["years"], "raw sources": listing["sources"],
                          "caveats": notes})
    table = Table.build("sources", "Tables behind this report", shown,
                        "Sources: Parquet provenance of each table (econ show NAME lists the "
                        "raw files with their sha256).", {"rows": lambda v: f"{int(v):,}"})
    return Section("Data sources and vintages", "Every number above comes from these tables; "
                   "each Parquet file records its raw inputs, their sha256 and the code "
                   "version that built it.", [table])
