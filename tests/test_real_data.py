"""The full refresh on the real data/raw: golden row counts, cross-source consistency,
and values checked against figures published by others.

Marked ``slow`` (one cold refresh, about 10 s); ``make test`` runs it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import econ
from econ.catalog import table_names

pytestmark = pytest.mark.slow
GOLDEN = Path(__file__).resolve().parent / "golden_row_counts.csv"
DOTS = "core_imf_dots__yearly_bilateral_trade"


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


def test_china_share_bases(real_project: Path) -> None:
    """PROVENANCE_ADDED 2: China's share of Russia's 2021 customs imports is 72.7 / 293.5
    = 24.8%. Every share is in (0, 1) and every basis names its sources and valuation."""
    shares = econ.load("out_shares__yearly_partner_share_of_imports",
                       root=real_project)
    assert shares["share"].between(0, 1, inclusive="neither").all()
    fcs = shares[(shares.basis == "russia_customs_fcs") & (shares.year == 2021)]
    assert fcs["share"].iloc[0] == pytest.approx(72.6999 / 293.531, abs=1e-4)
    assert set(shares.valuation) == {"cif", "fob"}
    mixed = shares[shares.basis == "china_reported_over_customs"]
    assert (mixed["cif_fob_factor"] == 1.06).all()
    assert shares[["numerator_source", "denominator_source", "meaning"]].notna().all().all()
    latest = shares.groupby("basis")["year"].max()
    assert latest["china_reported_over_bop"] == 2024


def test_balance_monthly_sums_agree_with_annual(real_project: Path) -> None:
    """China-reported: the annual series is the monthly one summed (2017-2024), exactly.
    Russia-reported: DOTS annual (to 2020) against FCS months summed, 2006-2020: two
    publications of Russia's customs data. Measured: the median year differs by less
    than 0.2%, but 2009-2011 and 2019 exports differ by 3-9% (revisions that the IMF
    took and Rosstat's compilation did not, or the reverse); bound: median 0.5%, max 10%."""
    yearly = econ.load("out_balance__yearly_bilateral", root=real_project).set_index(
        ["basis", "year"])
    monthly = econ.load("out_balance__monthly_bilateral", root=real_project)
    sums = monthly.groupby(["basis", monthly.period.dt.year])[["exports_usd",
                                                                "imports_usd"]].sum()
    china = sums.loc["china_reported"]
    assert list(china.index) == list(range(2017, 2025))
    pd.testing.assert_frame_equal(
        yearly.loc["china_reported"].loc[2017:2024, ["exports_usd", "imports_usd"]],
        china, check_names=False, check_index_type=False, rtol=1e-12)
    russia = sums.loc["russia_reported"].loc[2006:2020]
    annual = yearly.loc["russia_reported"].loc[2006:2020, ["exports_usd", "imports_usd"]]
    gap = ((russia - annual).abs() / annual).stack()
    assert gap.median() < 0.005
    assert gap.max() < 0.10
    assert yearly.index.get_level_values("year").min() == 1992


def test_convergence_battery_on_the_balance(real_project: Path) -> None:
    """Every series has its battery, every verdict clause cites rows that exist (or the
    robustness table), and every test that ran reports its nominal and simulated size
    (issue 15); the annual Russia-reported Zivot-Andrews statistic is finite."""
    battery = econ.load("out_tsa__convergence_battery", root=real_project)
    verdict = econ.load("out_tsa__convergence_verdict", root=real_project)
    assert set(battery.series) == {"annual_china_reported", "annual_russia_reported",
                                   "monthly_china_reported", "monthly_russia_reported"}
    ids = set(zip(battery.series, battery.id, strict=True))
    for row in verdict.itertuples():
        for cited in row.row_ids.split(", "):
            assert (row.series, cited) in ids or cited == "out_tsa__robustness", cited
    assert battery.loc[battery.decision == "not run", "note"].str.len().gt(0).all()
    za = battery[(battery.series == "annual_russia_reported")
                 & (battery.id == "full:zivot_andrews")]
    assert len(za) == 1 and np.isfinite(za.statistic.iloc[0])
    assert za.decision.iloc[0] in ("reject", "do not reject")


def test_battery_frames_carry_sizes_and_structured_verdicts(real_project: Path) -> None:
    """The full frames (what the catalog entries in notes/tsa.md publish): per test the
    nominal and simulated size and the decision basis; per verdict the structured
    state; the robustness table over every specification."""
    from econ.out.tsa import (
        battery_frame,
        robustness_frame,
        run_batteries,
        run_robustness,
        verdict_frame,
    )

    yearly = econ.load("out_balance__yearly_rus_chn", root=real_project)
    monthly = econ.load("out_balance__monthly_rus_chn", root=real_project)
    batteries, checks = run_batteries(yearly, monthly), run_robustness(yearly, monthly)
    table = battery_frame(batteries)
    tests = table[table.decision.isin(["reject", "do not reject"])]
    assert (tests.nominal_size == 0.05).all() and tests.simulated_size.between(0, 1).all()
    assert set(tests.decision_basis) <= {"asymptotic", "bootstrap p-value",
                                         "simulated critical value"}
    clauses = verdict_frame(batteries, checks)
    headlines = clauses[clauses.is_headline]
    assert len(headlines) == 4
    assert set(headlines.state) <= {"within_band", "outside_band", "undetermined"}
    robust = robustness_frame(checks)
    assert len(robust) == 2 * 4 * 2 * 3 + 2 * 4 * 2 * 3 * 2
    assert robust.is_baseline.sum() == 4


def test_pair_indicators_cover_the_pairs(real_project: Path) -> None:
    """Pairs of Russia and China with each other and USA, DEU, IND, KAZ, TUR; the two
    directions of a pair agree: A's Hirschman difference is minus B's, salience equal."""
    pairs = econ.load("out_dependence__yearly_pair_indicators", root=real_project)
    reported = pairs[pairs.basis == "reported_dots"]
    for other in ("USA", "DEU", "IND", "KAZ", "TUR"):
        for country in ("RUS", "CHN"):
            assert ((reported.reporter_iso3 == country) & (reported.partner_iso3 == other)
                    ).any(), (country, other)
    wide = pairs.pivot_table(index=["year", "basis", "reporter_iso3", "partner_iso3"],
                             columns="indicator", values="value")
    rus = wide.xs(("RUS", "CHN"), level=("reporter_iso3", "partner_iso3"))
    chn = wide.xs(("CHN", "RUS"), level=("reporter_iso3", "partner_iso3"))
    both = rus.merge(chn, left_index=True, right_index=True, suffixes=("_rus", "_chn"))
    assert (both.hirschman_difference_rus + both.hirschman_difference_chn).abs().max() < 1e-12
    assert (both.salience_rus - both.salience_chn).abs().max() < 1e-12
    assert wide["total_trade_share"].dropna().between(0, 1).all()
    assert set(rus.index.get_level_values("year")) >= {2000, 2013, 2021, 2023}


def test_energy_dependence(real_project: Path) -> None:
    """PROVENANCE_ENERGY / helper acceptance: Russia-to-China pipeline gas 21.512 bcm in
    2023 (EI 2026), China's crude imports from Russia 107.02 Mt in 2023 (GACC via TASS:
    107 Mt); shares lie in [0, 1]."""
    energy = econ.load("out_energy__yearly_energy_dependence", root=real_project)
    shares = energy[energy.indicator.str.startswith("share")]
    assert shares["value"].between(0, 1).all()
    ei = energy[(energy.source == "core_ei__yearly_energy_trade_latest")
                & (energy.indicator == "volume")].set_index(["commodity", "year"])["value"]
    assert ei[("pipeline_gas", 2023)] == pytest.approx(21.512, abs=0.001)
    customs = energy[energy.indicator == "imports_t"].set_index(["commodity", "year"])["value"]
    assert customs[("crude", 2023)] == pytest.approx(107.0e6, rel=0.005)


def test_forecast_tables(real_project: Path) -> None:
    """Both frequencies are forecast; intervals nest; probabilities are probabilities; the
    selected model follows the stated rule: the best-ranked model more accurate than the
    naive forecast by the Diebold-Mariano test at 5%, else the naive forecast."""
    forecasts = econ.load("out_forecast__balance", root=real_project)
    ranking = econ.load("out_forecast__backtest_ranking", root=real_project)
    assert set(forecasts.frequency) == {"monthly", "annual"}
    assert forecasts.groupby(["frequency", "model", "scenario"]).size().to_dict()[
        ("monthly", "arima", "baseline")] == 24
    assert ((forecasts.lower_95 <= forecasts.lower_80) & (forecasts.lower_80 <= forecasts["mean"])
            & (forecasts["mean"] <= forecasts.upper_80)
            & (forecasts.upper_80 <= forecasts.upper_95)).all()
    assert forecasts.prob_within.between(0, 1).all()
    for frequency, rows in ranking.groupby("frequency"):
        winners = rows[(rows.dm_statistic < 0) & (rows.dm_pvalue < 0.05)].sort_values("rank")
        expected = winners.model.iloc[0] if len(winners) else "naive"
        chosen = forecasts[(forecasts.frequency == frequency) & forecasts.is_selected]
        assert set(chosen.model) == {expected}
