"""The statistical appendix.

The test battery with its sizes, the robustness of the verdict, the forecasts and how well
they are calibrated; and the data sources.
"""

from __future__ import annotations

import pandas as pd

from econ import names
from econ.data import tables
from econ.names import RECIPROCITY_BAND
from econ.report.charts import Band, Line, line_chart
from econ.report.context import ReportContext
from econ.report.labels import label
from econ.report.sections.base import BAND_TEXT, Chart, Section, factor_range, pct, signed
from econ.report.tables import Shown, Table, column_refs
from econ.results import format_pvalue, format_statistic

__all__ = ["convergence_appendix", "forecast_appendix", "sources_appendix"]

_KEY_TESTS = ("full:adf_n", "full:adf_c", "full:kpss_c", "full:mean_zero", "full:tost",
              "full:outside_band", "full:sup_f", "full:sup_f(2|1)", "full:bai_perron",
              "full:breaks_bic", "full:half_life_ar1", "full:johansen_trace_r0",
              "full:johansen_beta")
#: the row that sums up the sequential break tests above it (it has no p-value of its own)
_BREAK_SUMMARY = "full:bai_perron"


def _statistic(value: float) -> str:
    return format_statistic(value)


def _pvalue(value: float) -> str:
    return format_pvalue(value)


def _yes_no(value: object) -> str:
    return "yes" if value is True or value == 1 else "no" if value is False or value == 0 \
        else "–"


def _month(value: pd.Timestamp) -> str:
    return f"{value:%Y-%m}"


_TERMS = {"n": "no constant", "c": "constant", "ct": "constant and trend", "": ""}


def convergence_appendix(ctx: ReportContext) -> Section:
    """Each test's statistic with its nominal and simulated size and decision basis."""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"Convergence tests on the {r}-{p} balance"
    battery = ctx.pair_rows(names.BATTERY)
    if battery.empty:
        return Section("convergence", title, "appendix", missing="no balance series long "
                       "enough to test")
    rows = battery[battery["id"].isin(_KEY_TESTS)].copy()
    rows["order"] = rows["id"].map({k: i for i, k in enumerate(_KEY_TESTS)})
    rows = rows.sort_values(["series", "order"])
    terms = rows["deterministic"].fillna("").map(_TERMS).fillna(rows["deterministic"])
    test = rows["test"].where(terms.isin(["", None]), rows["test"] + " (" + terms + ")")
    summary = rows["id"] == _BREAK_SUMMARY
    decision = rows["decision"].where(rows["is_used_for_verdict"],
                                      rows["decision"] + " (not used)")
    data = pd.DataFrame({
        "series": [label(v, ctx.possessive) for v in rows["series"]], "test": test,
        "statistic": rows["statistic"].mask(summary), "p-value": rows["pvalue"],
        "nominal size": rows["nominal_size"], "simulated size": rows["simulated_size"],
        "decision basis": rows["decision_basis"].mask(summary, "the sup-Wald steps above"),
        "bootstrap p": rows["pvalue_bootstrap"].mask(summary), "decision": decision})
    bounds = dict(zip(rows.index, rows["is_pvalue_bound"], strict=True))
    shown = data.copy()
    table = Table(
        "convergence_battery", "Whole-sample tests with their size under the series' own "
        "simulated null (the decision uses the bootstrap where the size is off)",
        pd.DataFrame({
            "series": shown["series"], "test": shown["test"],
            "statistic": [format_statistic(v) for v in shown["statistic"]],
            "p-value": [format_pvalue(v, bounded=bool(bounds[i]))
                        for i, v in zip(shown.index, shown["p-value"], strict=True)],
            "nominal size": [pct(v, 0) for v in shown["nominal size"]],
            "simulated size": [pct(v, 0) for v in shown["simulated size"]],
            "decision basis": shown["decision basis"].fillna(""),
            "bootstrap p": [format_pvalue(v) for v in shown["bootstrap p"]],
            "decision": shown["decision"]}).reset_index(drop=True),
        ctx.source_line(names.BATTERY), align="llrrrrlrl", data=data.reset_index(drop=True),
        units=column_refs(names.BATTERY, {"nominal size": "nominal_size",
                                           "simulated size": "simulated_size"}))
    verdict = ctx.pair_rows(names.VERDICT)
    clauses = verdict[verdict["topic"].isin(["balance", "reversion", "persistence", "breaks",
                                              "cointegration", "robustness"])]
    verdict_table = Table.build("convergence_verdict", "The verdicts, clause by clause",
                                pd.DataFrame({
                                    "series": [label(v, ctx.possessive)
                                               for v in clauses["series"]],
                                    "topic": clauses["topic"],
                                    "state": clauses["state"].map(label),
                                    "text": clauses["text"]}),
                                ctx.source_line(names.VERDICT), {}, align="llll")
    robust = ctx.pair_rows(names.ROBUSTNESS)
    counts = robust.groupby(["frequency", "reported_by_iso3", "state"]).size().unstack(
        fill_value=0).rename(columns=label).reset_index()
    counts.insert(1, "data", [f"{ctx.possessive(v)} data" for v in counts.pop("reported_by_iso3")])
    robust_table = Table.build("robustness", "The balance verdict under every specification "
                               f"(basis, CIF/FOB factor {factor_range(robust)}, lag rule, "
                               "break rule, "
                               "seasonal adjustment): number of specifications in each state",
                               counts, ctx.source_line(names.ROBUSTNESS), {})
    text = ("Every test's size was checked by simulating the series' own fitted null at the "
            "same length and settings; where it is outside 3-7%, the decision uses the "
            "bootstrap p-value or the simulated critical value. 'Balanced' is an equivalence "
            f"question: TOST against {BAND_TEXT} (within), a test of being outside the band, or "
            "neither (undetermined). p-values are rounded to two significant digits.",)
    return Section("convergence", title, "appendix", text,
                   (table, verdict_table, robust_table))


def forecast_appendix(ctx: ReportContext) -> Section:
    """The forecasts: selection, calibrated fan, coverage, Brier, the out-of-sample check."""
    r, p = ctx.name(ctx.reporter), ctx.name(ctx.partner)
    title = f"Forecasts of the {r}-{p} balance"
    selection = ctx.pair_rows(names.FORECAST_SELECTION)
    if selection.empty:
        return Section("forecast", title, "appendix", missing="no balance series long enough "
                       "to backtest")
    calibrated = ctx.pair_rows(names.FORECAST_CALIBRATED)
    history = {"monthly": ctx.pair_rows(names.BALANCE_MONTHLY),
               "yearly": ctx.pair_rows(names.BALANCE_YEARLY)}
    charts, tables_ = [], []
    for frequency, path in calibrated[calibrated["is_selected"]].groupby("frequency"):
        reported_by = path["reported_by_iso3"].iloc[0]
        past = history[frequency]
        past = past[past["reported_by_iso3"] == reported_by]
        x = "period" if frequency == "monthly" else "year"
        past_x = past[x] if frequency == "monthly" else pd.to_datetime(
            past["year"].astype(str))
        keep = past_x >= path["period"].min() - pd.DateOffset(years=8)
        model = path["model"].iloc[0]
        lines = [Line(list(past_x[keep]), past.loc[keep, "normalised_balance"],
                      "observed"),
                 Line(list(path["period"]), path["mean"], f"forecast ({model})", "--")]
        bands = [Band(list(path["period"]), path["lower_95"].fillna(path["lower_80"]),
                      path["upper_95"].fillna(path["upper_80"]), "95% interval (80% where "
                      "the backtest is too short for 95%)", alpha=0.12),
                 Band(list(path["period"]), path["lower_80"], path["upper_80"], "80% interval",
                      alpha=0.25)]
        charts.append(Chart(line_chart(
            lines, ctx.charts / f"forecast_{frequency}.png",
            title=f"{frequency.title()} forecast of the balance ({model}) with recalibrated "
                  "80% and 95% intervals", ylabel="normalised balance",
            hlines=[(RECIPROCITY_BAND, f"{BAND_TEXT} band"), (-RECIPROCITY_BAND, "")], bands=bands,
            source=ctx.source_line(names.FORECAST_CALIBRATED)),
            f"{frequency.title()} forecast with recalibrated intervals"))
    ranking = selection.sort_values(["frequency", "rank"])
    tables_.append(Table.select(
        "forecast_selection", "Backtest ranking (mean MASE) and the Diebold-Mariano test "
        "against the naive forecast", ranking, ctx.source_line(names.FORECAST_SELECTION),
        names.FORECAST_SELECTION, (
            Shown("frequency", "frequency"), Shown("rank", "rank"), Shown("model", "model"),
            Shown("mase", "MASE", _statistic), Shown("coverage_80", "80% coverage", pct),
            Shown("coverage_95", "95% coverage", pct),
            Shown("dm_pvalue", "Diebold-Mariano p", _pvalue),
            Shown("beats_benchmark", "beats naive", _yes_no),
            Shown("is_selected", "published", _yes_no))))
    coverage = ctx.pair_rows(names.FORECAST_COVERAGE)
    pooled = coverage[coverage["horizon"].isna()]
    tables_.append(Table.select(
        "forecast_coverage", "Interval coverage out of sample: the model's own and recalibrated",
        pooled, ctx.source_line(names.FORECAST_COVERAGE), names.FORECAST_COVERAGE, (
            Shown("frequency", "frequency"), Shown("model", "model"),
            Shown("level", "nominal level (%)", lambda v: f"{int(v)}%"),
            Shown("n_scored", "forecasts scored", lambda v: f"{int(v):,}"),
            Shown("coverage_model_scored", "model's own coverage", pct),
            Shown("coverage_recalibrated", "recalibrated coverage", pct))))
    brier = ctx.pair_rows(names.FORECAST_BRIER)
    tables_.append(Table.select(
        "forecast_brier", f"Probability of being within {BAND_TEXT}: Brier score against "
        "climatology (lower is better)", brier, ctx.source_line(names.FORECAST_BRIER),
        names.FORECAST_BRIER, (
            Shown("frequency", "frequency"), Shown("model", "model"),
            Shown("forecast", "probability"), Shown("n", "forecasts scored"),
            Shown("brier", "Brier score", _statistic),
            Shown("brier_climatology", "climatology's Brier score", _statistic),
            Shown("beats_climatology", "beats climatology", _yes_no))))
    check = ctx.pair_rows(names.FORECAST_CHECK) if ctx.has(names.FORECAST_CHECK) else \
        pd.DataFrame()
    text = ["Each model was backtested on rolling origins over every published horizon; the "
            "published forecast is the best-ranked model that beats the naive forecast by the "
            "Diebold-Mariano test (HLN correction), else the naive forecast. Intervals and the "
            "band probability are recalibrated from the errors each model made (split "
            "conformal by horizon) and scored out of sample."]
    if not check.empty:
        chosen = check[check["is_selected"]]
        tables_.append(Table.select(
            "forecast_check", "Forecasts made with data to the last month against China's "
            "customs releases published since", chosen, ctx.source_line(names.FORECAST_CHECK),
            names.FORECAST_CHECK, (
                Shown("start", "from", _month), Shown("end", "to", _month),
                Shown("observed", "released balance", signed),
                Shown("mean", "forecast", signed), Shown("lower_80", "80% lower", signed),
                Shown("upper_80", "80% upper", signed),
                Shown("inside_80", "inside 80%", _yes_no),
                Shown("inside_95", "inside 95%", _yes_no))))
        inside = check.groupby("model")["inside_80"].mean()
        text.append(f"Against the releases since the data end, "
                    f"{int(check['inside_80'].sum())} of {len(check)} model-release pairs fell "
                    f"inside the 80% interval and {int(check['inside_95'].sum())} inside the "
                    f"95% ({len(inside)} models).")
    scenarios = ctx.pair_rows(names.FORECAST_SCENARIOS) if ctx.has(
        names.FORECAST_SCENARIOS) else pd.DataFrame()
    if not scenarios.empty:
        cases = scenarios[scenarios["scenario"] != "baseline"]
        last = cases[cases["year"] == cases["year"].max()]
        tables_.append(Table.select(
            "scenario", "Power of Siberia 2: the balance with the extra gas (flow model)",
            last, ctx.source_line(names.FORECAST_SCENARIOS), names.FORECAST_SCENARIOS, (
                Shown("scenario", "scenario", label), Shown("year", "year"),
                Shown("volume_bcm", "extra gas (bcm)", lambda v: f"{v:.1f}"),
                Shown("price_usd_per_mmbtu", "price (USD/MMBtu)", lambda v: f"{v:.2f}"),
                Shown("mean", "balance", signed),
                Shown("difference", "change from baseline", signed))))
        assumptions = ctx.pair_rows(names.FORECAST_ASSUMPTIONS)
        central = assumptions[assumptions["scenario"].str.endswith("central")]
        tables_.append(Table.build("scenario_assumptions", "The scenario's assumptions and "
                                   "their sources (central case)",
                                   central[["assumption", "value", "unit", "source"]],
                                   ctx.source_line(names.FORECAST_ASSUMPTIONS),
                                   {"value": lambda v: f"{v:,.4g}"}, align="lrll"))
    return Section("forecast", title, "appendix", tuple(text), tuple(tables_), tuple(charts))


def sources_appendix(ctx: ReportContext) -> Section:
    """The tables behind the report, their publishers and row counts."""
    listing = tables(root=ctx.paths.root)
    built = listing[listing["rows"].notna() & listing["name"].str.startswith("core_")]
    data = pd.DataFrame({"publisher and dataset": [ctx.publishers(n)[0] if ctx.publishers(n)
                                                   else "" for n in built["name"]],
                         "years": built["years"], "rows": built["rows"],
                         "econ table": built["name"]})
    table = Table.build("sources", "Data behind this report", data,
                        "Each Parquet file records its raw inputs with their sha256 (econ "
                        "show NAME).", {"rows": lambda v: f"{int(v):,}"}, align="lrrl")
    return Section("sources", "Data sources", "appendix",
                   ("Every number comes from these tables, built by econ refresh from the "
                    "publishers' files; each out table names its sources row by row.",),
                   (table,))
