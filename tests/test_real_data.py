"""The full refresh on the real data/raw: golden row counts, cross-source consistency,
values checked against figures published by others, Russia-China unchanged by the
refactor, and every configured pair answered.

Marked ``slow``: it shares the session's one real refresh (``real_project``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import econ
from econ import names
from econ.catalog import table_names
from econ.pairs import DEFAULT_PAIRS

pytestmark = pytest.mark.slow
GOLDEN = Path(__file__).resolve().parent / "golden_row_counts.csv"
BEFORE = Path(__file__).resolve().parent / "results" / "before_refactor"
DOTS = names.DOTS
RUS_CHN = {"reporter_iso3": "RUS", "partner_iso3": "CHN"}


def test_raw_files_match_the_manifest() -> None:
    status = econ.check_manifest()
    assert (status["status"] == "ok").all(), status[status["status"] != "ok"]


def test_golden_row_counts(real_project: Path, request: pytest.FixtureRequest) -> None:
    """Row counts per table; change tests/golden_row_counts.csv only on purpose
    (``pytest --update-golden``) and say why in the commit."""
    listing = econ.tables(root=real_project).set_index("name")
    found = {name: int(listing.loc[name, "rows"]) for name in table_names()}
    if request.config.getoption("--update-golden"):
        with open(GOLDEN, "w", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(["table", "rows"])
            writer.writerows(sorted(found.items()))
    with open(GOLDEN, newline="") as fh:
        golden = {row["table"]: int(row["rows"]) for row in csv.DictReader(fh)}
    assert found == golden


def test_all_tables_validate(real_project: Path) -> None:
    checks = econ.validate(root=real_project)
    assert checks["ok"].all(), checks[~checks["ok"]]


def test_second_refresh_is_a_no_op(real_project: Path) -> None:
    report = econ.refresh(root=real_project)
    assert {r.status for r in report.results} == {"fresh"}


def test_dots_world_equals_sum_over_partners(real_project: Path) -> None:
    """A reporter's ``World`` equals the sum over its single-economy partners plus the
    residual 'not specified' rows (groups such as Euro Area, and 'Other Countries n.i.e.'
    which overlaps Cuba and North Korea, excluded).

    Tolerance, measured on the 20,354 reporter-flow-years with a positive World value:
    every one within 5%, and 99% within 0.1%. Differences come from the IMF's estimates
    ('e' cells, rounded to 0.01 million) and from small partners that IMF totals include
    but the workbook rows leave out.
    """
    dots = econ.load(DOTS, root=real_project)
    kinds = econ.load("core_codes__countries", root=real_project).set_index("iso3")["kind"]
    economies = ["country", "territory", "historical"]
    dots = dots[dots["reporter_iso3"].map(kinds).isin(economies)]
    world = dots[dots.partner_iso3 == "WLD"].set_index(["reporter_iso3", "flow", "year"])
    parts = dots[dots["partner_iso3"].map(kinds).isin([*economies, "residual"])]
    summed = parts.groupby(["reporter_iso3", "flow", "year"])["value_usd"].sum()
    both = pd.concat([world["value_usd"].rename("world"), summed.rename("sum")],
                     axis=1).dropna()
    both = both[both["world"] > 0]
    gap = ((both["sum"] - both["world"]) / both["world"]).abs()
    assert len(both) > 20_000
    assert gap.max() < 0.05
    assert gap.quantile(0.99) < 0.001
    assert gap.loc[["RUS", "CHN"]].max() < 1e-6


def test_baci_russia_to_china_equals_oec(real_project: Path) -> None:
    """PROVENANCE.md: OEC's Russia->China totals equal BACI's (OEC is built on BACI)."""
    baci = econ.load("core_baci__yearly_product_trade", root=real_project,
                     filters={"exporter_iso3": "RUS"})
    oec = econ.load("core_oec__yearly_hs4_trade", root=real_project,
                    filters={"source": "exports_russia_to_china"})
    by_year = pd.concat([baci.groupby("year")["value_usd"].sum().rename("baci"),
                         oec.groupby("year")["value_usd"].sum().rename("oec")], axis=1).dropna()
    assert list(by_year.index) == [2018, 2019, 2020, 2021, 2022, 2023]
    assert ((by_year["baci"] - by_year["oec"]).abs() / by_year["baci"]).max() < 1e-6


def test_third_party_total_minus_comtrade_imports_is_china_exports(real_project: Path) -> None:
    """PROVENANCE.md: the third-party monthly total minus Comtrade imports gives China's
    exports to Russia; GACC reported China's 2024 exports to Russia as USD 115.5 bn
    (GACC year-end release, January 2025), so the difference must land there (2%)."""
    total = econ.load("core_third_party__monthly_total_trade", root=real_project)
    imports = econ.load("core_comtrade__monthly_bilateral_trade", root=real_project)
    merged = total.merge(imports[["period", "value_usd"]], on="period",
                         suffixes=("_total", "_imports"))
    exports_2024 = (merged.loc[merged.period.dt.year == 2024, "value_usd_total"]
                    - merged.loc[merged.period.dt.year == 2024, "value_usd_imports"]).sum()
    assert exports_2024 == pytest.approx(115.5e9, rel=0.02)


def test_published_china_russia_trade_2020(real_project: Path) -> None:
    """GACC, 2020 year-end release: China's exports to Russia USD 50.58 bn, imports
    from Russia USD 57.18 bn. DOTS reports China's own figures (imports CIF), so they
    agree within 1%."""
    dots = econ.load(DOTS, root=real_project, filters={"reporter_iso3": "CHN",
                                                       "partner_iso3": "RUS", "year": 2020})
    values = dots.set_index("flow")["value_usd"]
    assert values["exports"] == pytest.approx(50.58e9, rel=0.01)
    assert values["imports"] == pytest.approx(57.18e9, rel=0.01)


def test_published_gdp(real_project: Path) -> None:
    """World Bank WDI NY.GDP.MKTP.CD, 2023, as shown on data.worldbank.org in late 2024:
    China USD 17.79 trillion, Russia 2.02 trillion, United States 27.36 trillion."""
    gdp = econ.load("core_wdi__yearly_gdp", root=real_project, filters={"year": 2023})
    values = gdp.set_index("iso3")["gdp_usd"]
    assert values["CHN"] == pytest.approx(17.79e12, rel=0.005)
    assert values["RUS"] == pytest.approx(2.02e12, rel=0.01)
    assert values["USA"] == pytest.approx(27.36e12, rel=0.005)


def test_russia_mirror_years_are_flagged(real_project: Path) -> None:
    atlas = econ.load("core_atlas__yearly_country_trade", root=real_project,
                      filters={"iso3": "RUS"})
    assert atlas.loc[atlas.year >= 2022, "is_mirror_estimate"].all()
    assert not atlas.loc[atlas.year < 2022, "is_mirror_estimate"].any()


def test_dots_duplicate_nicaragua_workbook_loaded_once(real_project: Path) -> None:
    meta = econ.provenance(DOTS, root=real_project)
    assert any("DOTS_144.xlsx repeats imf_dots_annual_xlsx/DOTS_143.xlsx" in n
               for n in meta["notes"])
    workbooks = [i for i in meta["inputs"] if i["path"].startswith("imf_dots_annual_xlsx/")]
    assert len(workbooks) == 235


def test_share_bases(real_project: Path) -> None:
    """PROVENANCE_ADDED 2: China's share of Russia's 2021 customs imports is 72.7 / 293.5
    = 24.8%. Every share is in (0, 1) and every basis names its sources and valuation; a
    FOB numerator over a CIF denominator carries the factor; the partner-over-BoP basis
    reaches 2024 for Russia-China."""
    shares = econ.load(names.SHARES, root=real_project)
    assert shares["share"].between(0, 1, inclusive="neither").all()
    rus_chn = shares[(shares.reporter_iso3 == "RUS") & (shares.partner_iso3 == "CHN")]
    fcs = rus_chn[(rus_chn.basis == "reporter_customs") & (rus_chn.year == 2021)]
    assert fcs["share"].iloc[0] == pytest.approx(72.6999 / 293.531, abs=1e-4)
    assert set(shares.valuation) == {"cif", "fob"}
    mixed = shares[shares.basis == "partner_over_customs"]
    assert (mixed["cif_fob_factor"] == 1.06).all()
    assert shares[["numerator_source", "denominator_source", "meaning"]].notna().all().all()
    latest = rus_chn.groupby("basis")["year"].max()
    assert latest["partner_over_bop"] == 2024
    assert set(rus_chn.loc[rus_chn.is_denominator_low, "basis"]) <= {"partner_over_mirror",
                                                                     "baci_over_atlas"}


def _before(name: str, time: str) -> pd.DataFrame:
    frame = pd.read_csv(BEFORE / f"{name}.csv", parse_dates=[time] if time == "period"
                        else None)
    return frame


def test_rus_chn_balance_unchanged_by_the_refactor(real_project: Path) -> None:
    """Issue 14: the RUS-CHN rows of out_balance__{yearly,monthly}_bilateral equal the old
    out_balance__{yearly,monthly}_rus_chn (tests/results/before_refactor, commit c431a68
    on the same data/raw: 63 yearly rows 1992-2024, 288 monthly rows), the old basis
    'china_reported' being reported_by_iso3 == 'CHN'."""
    for table, old, time in ((names.BALANCE_YEARLY, "out_balance__yearly_rus_chn", "year"),
                             (names.BALANCE_MONTHLY, "out_balance__monthly_rus_chn",
                              "period")):
        before = _before(old, time)
        before["reported_by_iso3"] = before.pop("basis").map(
            {"china_reported": "CHN", "russia_reported": "RUS"})
        now = econ.load(table, root=real_project, filters=RUS_CHN)
        columns = list(before.columns)
        keys = ["reported_by_iso3", time]
        pd.testing.assert_frame_equal(
            now[columns].sort_values(keys).reset_index(drop=True),
            before[columns].sort_values(keys).reset_index(drop=True),
            check_dtype=False, rtol=1e-12)


def test_rus_chn_shares_unchanged_by_the_refactor(real_project: Path) -> None:
    """Issue 14: the RUS-CHN rows of out_shares__yearly_partner_share_of_imports equal the
    old out_dependence__yearly_china_share_of_russia_imports (173 rows, 7 bases), bases
    renamed: russia_reported_dots -> reporter_dots, russia_customs_fcs ->
    reporter_customs, china_reported_over_X -> partner_over_X."""
    before = _before("out_dependence__yearly_china_share_of_russia_imports", "year")
    renamed = {"russia_reported_dots": "reporter_dots",
               "russia_customs_fcs": "reporter_customs"}
    before["basis"] = before["basis"].map(
        lambda b: renamed.get(b, b.replace("china_reported_over_", "partner_over_")))
    now = econ.load(names.SHARES, root=real_project, filters=RUS_CHN)
    columns = list(before.columns)
    pd.testing.assert_frame_equal(
        now[columns].sort_values(["basis", "year"]).reset_index(drop=True),
        before[columns].sort_values(["basis", "year"]).reset_index(drop=True),
        check_dtype=False, rtol=1e-12)


def test_rus_chn_balance_against_published_totals(real_project: Path) -> None:
    """China's customs via the press (data/raw/PROVENANCE.md, monthly_trade_2017_2024):
    China-Russia trade USD 240.11 bn in 2023 and 244.81 bn in 2024; GACC's 2020 year-end
    release: China's exports to Russia 50.58 bn, imports 57.18 bn. On China's reports the
    balance's imports are China's exports (FOB) and its exports China's CIF imports / 1.06.
    Totals within 0.5% (measured 0.04% and 0.14%); 2020 from UN Comtrade's monthly copy,
    revised after the year-end release: exports within 1% (measured 0.15%), imports 1.5%
    (measured 1.16%; DOTS holds the release's 57.18, test_published_china_russia_trade_2020)."""
    rows = econ.load(names.BALANCE_YEARLY, root=real_project, filters=RUS_CHN)
    china = rows[rows.reported_by_iso3 == "CHN"].set_index("year")
    imports_cif = china["exports_usd"] * china["cif_fob_factor"]
    total = imports_cif + china["imports_usd"]
    assert total[2023] == pytest.approx(240.11e9, rel=0.005)
    assert total[2024] == pytest.approx(244.81e9, rel=0.005)
    assert china.loc[2020, "imports_usd"] == pytest.approx(50.58e9, rel=0.01)
    assert imports_cif[2020] == pytest.approx(57.18e9, rel=0.015)


def test_balance_monthly_sums_agree_with_annual(real_project: Path) -> None:
    """RUS-CHN, China-reported: the annual series is the monthly one summed (2017-2024),
    exactly. Russia-reported: DOTS annual (to 2020) against FCS months summed, 2006-2020:
    two publications of Russia's customs data. Measured: the median year differs by less
    than 0.2%, but 2009-2011 and 2019 exports differ by 3-9% (revisions that the IMF
    took and Rosstat's compilation did not, or the reverse); bound: median 0.5%, max 10%."""
    yearly = econ.load(names.BALANCE_YEARLY, root=real_project, filters=RUS_CHN
                       ).set_index(["reported_by_iso3", "year"])
    monthly = econ.load(names.BALANCE_MONTHLY, root=real_project, filters=RUS_CHN)
    sums = monthly.groupby(["reported_by_iso3", monthly.period.dt.year])[
        ["exports_usd", "imports_usd"]].sum()
    china = sums.loc["CHN"]
    assert list(china.index) == list(range(2017, 2025))
    pd.testing.assert_frame_equal(
        yearly.loc["CHN"].loc[2017:2024, ["exports_usd", "imports_usd"]],
        china, check_names=False, check_index_type=False, rtol=1e-12)
    russia = sums.loc["RUS"].loc[2006:2020]
    annual = yearly.loc["RUS"].loc[2006:2020, ["exports_usd", "imports_usd"]]
    gap = ((russia - annual).abs() / annual).stack()
    assert gap.median() < 0.005
    assert gap.max() < 0.10
    assert yearly.index.get_level_values("year").min() == 1992


def test_every_pair_balance_has_each_side_from_its_reports(real_project: Path) -> None:
    """Every configured pair has yearly rows on both reporters' data; each row names the
    side it rests on and its source; X and M are positive; the normalised balance is
    (X - M) / (X + M)."""
    yearly = econ.load(names.BALANCE_YEARLY, root=real_project)
    sides = yearly.groupby(["reporter_iso3", "partner_iso3"])["reported_by_iso3"].agg(set)
    for pair in DEFAULT_PAIRS:
        assert sides[pair.codes] == set(pair.codes), pair
    assert ((yearly.exports_usd > 0) & (yearly.imports_usd > 0)).all()
    x, m = yearly.exports_usd, yearly.imports_usd
    np.testing.assert_allclose(yearly.normalised_balance, (x - m) / (x + m), rtol=1e-12)
    assert yearly.source.str.len().gt(0).all()


def test_convergence_battery_on_the_balance(real_project: Path) -> None:
    """Every balance series of every pair has its battery (series named by frequency and
    reporter, e.g. yearly_chn_reported); every verdict clause cites rows that exist (or
    the robustness table); every test that ran reports its nominal and simulated size
    (issue 15); the yearly Russia-reported Zivot-Andrews statistic of RUS-CHN is finite."""
    battery = econ.load(names.BATTERY, root=real_project)
    verdict = econ.load(names.VERDICT, root=real_project)
    yearly = econ.load(names.BALANCE_YEARLY, root=real_project)
    monthly = econ.load(names.BALANCE_MONTHLY, root=real_project)
    expected = {(r, p, f"{freq}_{by.lower()}_reported")
                for freq, frame in (("yearly", yearly), ("monthly", monthly))
                for r, p, by in frame[["reporter_iso3", "partner_iso3", "reported_by_iso3"]]
                .drop_duplicates().itertuples(index=False)}
    keys = ["reporter_iso3", "partner_iso3", "series"]
    assert set(battery[keys].itertuples(index=False, name=None)) == expected
    ids = set(battery[[*keys, "id"]].itertuples(index=False, name=None))
    for row in verdict.itertuples():
        for cited in row.row_ids.split(", "):
            assert ((row.reporter_iso3, row.partner_iso3, row.series, cited) in ids
                    or cited == names.ROBUSTNESS), cited
    assert battery.loc[battery.decision == "not run", "note"].str.len().gt(0).all()
    za = battery[(battery.reporter_iso3 == "RUS") & (battery.partner_iso3 == "CHN")
                 & (battery.series == "yearly_rus_reported")
                 & (battery.id == "full:zivot_andrews")]
    assert len(za) == 1 and np.isfinite(za.statistic.iloc[0])
    assert za.decision.iloc[0] in ("reject", "do not reject")


def test_battery_tables_carry_sizes_and_structured_verdicts(real_project: Path) -> None:
    """Per test the nominal and simulated size and the decision basis; per series one
    headline with a structured state; the robustness table: per pair and frequency, the
    full grid (bases x 4 CIF/FOB factors x 2 lag rules x 3 break rules, x 2 seasonal
    adjustments monthly) with one baseline per basis."""
    battery = econ.load(names.BATTERY, root=real_project)
    tests = battery[battery.decision.isin(["reject", "do not reject"])]
    assert (tests.nominal_size == 0.05).all() and tests.simulated_size.between(0, 1).all()
    assert set(tests.decision_basis) <= {"asymptotic", "bootstrap p-value",
                                         "simulated critical value"}
    verdict = econ.load(names.VERDICT, root=real_project)
    headlines = verdict[verdict.is_headline]
    per_series = headlines.groupby(["reporter_iso3", "partner_iso3", "series"]).size()
    assert (per_series == 1).all()
    assert len(per_series) == battery.groupby(["reporter_iso3", "partner_iso3", "series"]
                                              ).ngroups
    assert set(headlines.state) <= {"within_band", "outside_band", "undetermined"}
    robust = econ.load(names.ROBUSTNESS, root=real_project)
    rus_chn = robust[(robust.reporter_iso3 == "RUS") & (robust.partner_iso3 == "CHN")]
    assert len(rus_chn) == 2 * 4 * 2 * 3 + 2 * 4 * 2 * 3 * 2
    assert rus_chn.is_baseline.sum() == 4


def test_pair_indicators_cover_the_pairs(real_project: Path) -> None:
    """Both directions of every configured pair on the economies' own reports; the two
    directions agree: A's Hirschman difference is minus B's, salience equal; trade
    intensity and the aggregate Grubel-Lloyd index are there for RUS-CHN."""
    pairs = econ.load(names.PAIR_INDICATORS, root=real_project)
    own = pairs[pairs.basis == "own_reports"]
    for pair in DEFAULT_PAIRS:
        for a, b in (pair.codes, pair.codes[::-1]):
            assert ((own.reporter_iso3 == a) & (own.partner_iso3 == b)).any(), (a, b)
    wide = pairs.pivot_table(index=["year", "basis", "reporter_iso3", "partner_iso3"],
                             columns="indicator", values="value")
    rus = wide.xs(("RUS", "CHN"), level=("reporter_iso3", "partner_iso3"))
    chn = wide.xs(("CHN", "RUS"), level=("reporter_iso3", "partner_iso3"))
    both = rus.merge(chn, left_index=True, right_index=True, suffixes=("_rus", "_chn"))
    assert (both.hirschman_difference_rus + both.hirschman_difference_chn).abs().max() < 1e-12
    assert (both.salience_rus - both.salience_chn).abs().max() < 1e-12
    assert wide["total_trade_share"].dropna().between(0, 1).all()
    assert set(rus.index.get_level_values("year")) >= {2000, 2013, 2021, 2023}
    indicators = set(pairs.loc[(pairs.reporter_iso3 == "RUS") & (pairs.partner_iso3 == "CHN"),
                               "indicator"])
    assert {"export_intensity", "import_intensity", "grubel_lloyd"} <= indicators


def test_energy_dependence(real_project: Path) -> None:
    """PROVENANCE_ENERGY / helper acceptance: Russia-to-China pipeline gas 21.512 bcm in
    2023 (EI 2026), China's crude imports from Russia 107.02 Mt in 2023 (GACC via TASS:
    107 Mt); shares lie in [0, 1]."""
    energy = econ.load(names.ENERGY, root=real_project)
    shares = energy[energy.indicator.str.startswith("share")]
    assert shares["value"].between(0, 1).all()
    rus_to_chn = energy[(energy.exporter_iso3 == "RUS") & (energy.importer_iso3 == "CHN")]
    ei = rus_to_chn[(rus_to_chn.source == names.EI_TRADE_LATEST)
                    & (rus_to_chn.indicator == "volume")].set_index(["commodity", "year"])
    assert ei.loc[("pipeline_gas", 2023), "value"] == pytest.approx(21.512, abs=0.001)
    customs = rus_to_chn[rus_to_chn.indicator == "imports_t"].set_index(["commodity", "year"])
    assert customs.loc[("crude", 2023), "value"] == pytest.approx(107.0e6, rel=0.005)


def test_forecast_tables(real_project: Path) -> None:
    """RUS-CHN is forecast at both frequencies; intervals nest; probabilities are
    probabilities; the selected model follows the stated rule, per pair and frequency:
    the best-ranked model more accurate than the naive forecast by the Diebold-Mariano
    test at 5%, else the naive forecast."""
    forecasts = econ.load(names.FORECAST, root=real_project)
    ranking = econ.load(names.BACKTEST_RANKING, root=real_project)
    rus_chn = forecasts[(forecasts.reporter_iso3 == "RUS") & (forecasts.partner_iso3 == "CHN")]
    assert set(rus_chn.frequency) == {"monthly", "yearly"}
    assert rus_chn.groupby(["frequency", "model", "scenario"]).size().to_dict()[
        ("monthly", "arima", "baseline")] == 24
    assert ((forecasts.lower_95 <= forecasts.lower_80)
            & (forecasts.lower_80 <= forecasts["mean"])
            & (forecasts["mean"] <= forecasts.upper_80)
            & (forecasts.upper_80 <= forecasts.upper_95)).all()
    assert forecasts.prob_within.between(0, 1).all()
    keys = ["reporter_iso3", "partner_iso3", "frequency"]
    for key, rows in ranking.groupby(keys):
        winners = rows[(rows.dm_statistic < 0) & (rows.dm_pvalue < 0.05)].sort_values("rank")
        expected = winners.model.iloc[0] if len(winners) else "naive"
        chosen = forecasts.set_index(keys).loc[key]
        assert set(chosen.loc[chosen.is_selected, "model"]) == {expected}, key


@pytest.mark.parametrize("pair", [("RUS", "IND"), ("KAZ", "CHN")], ids="-".join)
def test_other_pairs_are_answered(real_project: Path, pair: tuple[str, str]) -> None:
    """Issue 14 acceptance at the data level (the report is rebuilt separately): the
    balance (both reporters), share, pair-indicator (both directions, intensity
    included), battery, verdict and forecast tables have rows for RUS-IND and KAZ-CHN."""
    key = {"reporter_iso3": pair[0], "partner_iso3": pair[1]}
    balance = econ.load(names.BALANCE_YEARLY, root=real_project, filters=key)
    assert set(balance.reported_by_iso3) == set(pair)
    shares = econ.load(names.SHARES, root=real_project, filters=key)
    assert len(shares) and shares["share"].between(0, 1).all()
    indicators = econ.load(names.PAIR_INDICATORS, root=real_project)
    for a, b in (pair, pair[::-1]):
        rows = indicators[(indicators.reporter_iso3 == a) & (indicators.partner_iso3 == b)]
        assert {"hirschman_ratio", "export_intensity"} <= set(rows.indicator), (a, b)
    battery = econ.load(names.BATTERY, root=real_project, filters=key)
    assert battery.series.str.startswith("yearly_").any()
    assert len(econ.load(names.VERDICT, root=real_project, filters=key))
    forecast = econ.load(names.FORECAST, root=real_project, filters=key)
    assert forecast["is_selected"].any() and forecast["mean"].notna().all()
