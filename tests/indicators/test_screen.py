"""The SQL dependence screen on a synthetic all-country BACI panel, and the bilateral view."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from indicator_strategies import matrices

import econ
from econ.errors import DataCaveatWarning
from econ.indicators import bilateral_screen, compute_hhi, dependence_screen
from econ.indicators.screen import BILATERAL_UNAVAILABLE, DEPENDENCE_SCREEN_SQL

#: Made-up flows (USD) for 2022; 2020 is the same; 2021 differs only in Russia's battery
#: suppliers (CHN 40, KOR 30, DEU 30 instead of CHN 90, KOR 10).
_2022 = """\
850760,CHN,RUS,90
850760,KOR,RUS,10
850760,CHN,DEU,50
850760,RUS,KAZ,5
100199,KAZ,RUS,30
100199,DEU,RUS,30
100199,USA,RUS,40
100199,RUS,CHN,200
100199,RUS,DEU,100
270900,KAZ,RUS,10
270900,RUS,CHN,500
880240,USA,RUS,50
880240,DEU,RUS,50
880240,USA,CHN,100
847130,CHN,RUS,60
847130,CHN,DEU,40
847130,DEU,USA,100
847130,KOR,USA,100
847130,USA,DEU,100
"""
_2021_BATTERIES = "850760,CHN,RUS,40\n850760,KOR,RUS,30\n850760,DEU,RUS,30\n"


def _panel() -> pd.DataFrame:
    columns = ["hs6", "exporter_iso3", "importer_iso3", "value_usd"]

    def year(text: str, y: int) -> pd.DataFrame:
        frame = pd.read_csv(io.StringIO(text), names=columns, dtype={"hs6": str})
        return frame.assign(year=y, quantity_t=np.nan)

    rows_2021 = "".join(line + "\n" for line in _2022.splitlines()
                        if not line.startswith(("850760,CHN,RUS", "850760,KOR,RUS")))
    panel = pd.concat([year(_2022, 2020), year(rows_2021 + _2021_BATTERIES, 2021),
                       year(_2022, 2022)], ignore_index=True)
    return panel[["year", "exporter_iso3", "importer_iso3", "hs6", "value_usd", "quantity_t"]]


PANEL = _panel()


def _rus_2022(screen: pd.DataFrame) -> pd.DataFrame:
    return screen[(screen["year"] == 2022) & (screen["importer_iso3"] == "RUS")].set_index("hs6")


def test_hand_worked_flags_for_russia_2022() -> None:
    """Russia, 2022 (thresholds 0.4 / 1 / 0.4):

    850760 batteries: imports CHN 90 + KOR 10 = 100, HHI 0.9^2 + 0.1^2 = 0.82 > 0.4;
      exports 5 (to KAZ): ratio 100/5 = 20 > 1; world exports CHN 140, KOR 10, RUS 5 of
      155: (140^2 + 10^2 + 5^2)/155^2 = 19725/24025 = 0.821020 > 0.4 -> dependent.
    100199 wheat: KAZ 30, DEU 30, USA 40: HHI 0.09 + 0.09 + 0.16 = 0.34 (no); exports 300,
      ratio 1/3 (no); world RUS 300, USA 40, KAZ 30, DEU 30 of 400: 93400/160000 = 0.58375.
    270900 crude: KAZ 10 only: HHI 1; exports 500, ratio 0.02 (no) -> not dependent.
    880240 aircraft: USA 50, DEU 50: HHI 0.5; no exports: ratio NaN but net importer;
      world USA 150, DEU 50: (22500 + 2500)/40000 = 0.625 -> dependent. Top supplier: a
      tie, broken alphabetically (DEU).
    847130 laptops: CHN 60 only: HHI 1, no exports; world CHN, DEU, KOR, USA 100 each:
      HHI 0.25 (no) -> not dependent.
    Persistence (2 of 3 years): batteries were not concentrated in 2021 (HHI 0.34) but
    were in 2020 and 2022 -> persistent; aircraft dependent all three years.
    Tolerance 1e-12."""
    with pytest.warns(DataCaveatWarning, match="no exports by the importer"):
        rus = _rus_2022(dependence_screen(PANEL, "RUS"))
    assert sorted(rus.index) == ["100199", "270900", "847130", "850760", "880240"]
    np.testing.assert_allclose(rus.loc[["850760", "100199", "270900", "880240", "847130"],
                                       "supplier_hhi"], [0.82, 0.34, 1.0, 0.5, 1.0],
                               atol=1e-12)
    np.testing.assert_allclose(rus.loc[["850760", "100199", "880240", "847130"],
                                       "world_export_hhi"],
                               [19725 / 24025, 93400 / 160000, 0.625, 0.25], atol=1e-12)
    assert rus.loc["850760", "import_export_ratio"] == pytest.approx(20.0, abs=1e-12)
    assert rus.loc["100199", "import_export_ratio"] == pytest.approx(1 / 3, abs=1e-12)
    assert np.isnan(rus.loc["880240", "import_export_ratio"])
    assert rus.loc["880240", "exports_usd"] == 0.0
    assert rus.loc["850760", "n_suppliers"] == 2
    assert rus.loc["850760", "n_world_exporters"] == 3
    assert (rus.loc["850760", "top_supplier_iso3"], rus.loc["850760", "top_supplier_share"]) \
        == ("CHN", pytest.approx(0.9))
    assert rus.loc["880240", "top_supplier_iso3"] == "DEU"
    flags = rus[["is_concentrated", "is_net_importer", "is_world_concentrated",
                 "is_dependent"]].astype(bool)
    assert flags.to_dict("index") == {
        "100199": dict(is_concentrated=False, is_net_importer=False,
                       is_world_concentrated=True, is_dependent=False),
        "270900": dict(is_concentrated=True, is_net_importer=False,
                       is_world_concentrated=True, is_dependent=False),
        "847130": dict(is_concentrated=True, is_net_importer=True,
                       is_world_concentrated=False, is_dependent=False),
        "850760": dict(is_concentrated=True, is_net_importer=True,
                       is_world_concentrated=True, is_dependent=True),
        "880240": dict(is_concentrated=True, is_net_importer=True,
                       is_world_concentrated=True, is_dependent=True),
    }
    assert rus["is_persistent"].astype(bool).to_dict() == {
        "100199": False, "270900": False, "847130": False, "850760": True, "880240": True}


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_years_thresholds_and_persistence_window() -> None:
    """2021 batteries: HHI 0.4^2 + 0.3^2 + 0.3^2 = 0.34 -> not dependent. Asking for 2022
    alone still reads 2020-2021 for persistence; 2020 and 2021 have no full three-year
    window in the data, so is_persistent is missing there."""
    full = dependence_screen(PANEL, "RUS")
    batteries = full[full["hs6"] == "850760"].set_index("year")
    assert batteries.loc[2021, "supplier_hhi"] == pytest.approx(0.34, abs=1e-12)
    assert batteries["is_dependent"].tolist() == [True, False, True]
    assert batteries["is_persistent"].isna().tolist() == [True, True, False]
    only_2022 = dependence_screen(PANEL, "RUS", year=2022)
    assert only_2022["year"].unique().tolist() == [2022]
    pd.testing.assert_frame_equal(only_2022.reset_index(drop=True),
                                  full[full["year"] == 2022].reset_index(drop=True))
    assert dependence_screen(PANEL, "RUS", year=(2020, 2021))["year"].unique().tolist() \
        == [2020, 2021]


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
@pytest.mark.parametrize(("kwargs", "flag", "aircraft"), [
    # batteries 0.82 is not > 0.9; aircraft 0.5 neither
    ({"hhi_threshold": 0.9}, "is_concentrated", False),
    # batteries 100 is not > 25 * 5; aircraft 100 > 25 * 0 still
    ({"ratio_threshold": 25.0}, "is_net_importer", True),
    # batteries 0.821 is not > 0.85; aircraft 0.625 neither
    ({"world_hhi_threshold": 0.85}, "is_world_concentrated", False),
])
def test_thresholds_are_parameters(kwargs: dict[str, float], flag: str,
                                   aircraft: bool) -> None:
    """Raising one threshold above the batteries' value clears that flag and the verdict."""
    rus = _rus_2022(dependence_screen(PANEL, "RUS", **kwargs))
    assert not rus.loc["850760", flag]
    assert not rus.loc["850760", "is_dependent"]
    assert rus.loc["880240", "is_dependent"] == aircraft


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_any_importer_and_several_at_once() -> None:
    """China 2022: aircraft only from the USA (HHI 1), no exports, world HHI 0.625 ->
    dependent; crude only from Russia, world HHI (500^2 + 10^2)/510^2 = 250100/260100.
    Screening two importers at once gives Russia's rows unchanged."""
    both = dependence_screen(PANEL, ["RUS", "CHN"], year=2022)
    assert set(both["importer_iso3"]) == {"RUS", "CHN"}
    chn = both[both["importer_iso3"] == "CHN"].set_index("hs6")
    assert chn.loc["880240", "is_dependent"]
    assert chn.loc["270900", "world_export_hhi"] == pytest.approx(250100 / 260100, abs=1e-12)
    pd.testing.assert_frame_equal(
        both[both["importer_iso3"] == "RUS"].reset_index(drop=True),
        dependence_screen(PANEL, "RUS", year=2022))


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_parquet_file_and_glob_give_the_same_screen(tmp_path: Path) -> None:
    expected = dependence_screen(PANEL, "RUS")
    PANEL.to_parquet(tmp_path / "baci.parquet")
    for year, rows in PANEL.groupby("year"):
        rows.to_parquet(tmp_path / f"part_{year}.parquet")
    pd.testing.assert_frame_equal(dependence_screen(tmp_path / "baci.parquet", "RUS"), expected)
    pd.testing.assert_frame_equal(dependence_screen(str(tmp_path / "part_*.parquet"), "RUS"),
                                  expected)


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
@settings(max_examples=25, deadline=None, derandomize=True)
@given(panel=matrices(products=3))
def test_sql_hhi_equals_the_pandas_hhi(panel: pd.DataFrame) -> None:
    """The SQL's SUM(v*v)/SUM(v)^2 agrees with compute_hhi (sum of squared shares) for the
    supplier HHI and the world export HHI, on random panels."""
    importer = panel["importer_iso3"].iloc[0]
    screen = dependence_screen(panel, importer).set_index(["year", "hs6"])
    rows = panel[panel["importer_iso3"] == importer]
    suppliers = compute_hhi(rows, by=["year", "hs6"], over="exporter_iso3",
                            value="value_usd").set_index(["year", "hs6"])
    world = compute_hhi(panel, by=["year", "hs6"], over="exporter_iso3").set_index(
        ["year", "hs6"])
    np.testing.assert_allclose(screen["supplier_hhi"], suppliers.loc[screen.index, "hhi"],
                               rtol=1e-12)
    np.testing.assert_allclose(screen["world_export_hhi"], world.loc[screen.index, "hhi"],
                               rtol=1e-12)
    assert (screen["n_suppliers"] == suppliers.loc[screen.index, "n"]).all()


def test_unknown_importer_warns_and_returns_no_rows() -> None:
    with pytest.warns(DataCaveatWarning, match=r"no imports for \['XXX'\]"):
        out = dependence_screen(PANEL, "XXX")
    assert out.empty and "is_dependent" in out.columns


@pytest.mark.parametrize(("baci", "kwargs", "message"), [
    (PANEL.drop(columns="hs6"), {}, r"missing column\(s\) \['hs6'\]"),
    (PANEL.assign(value_usd=-PANEL["value_usd"]), {}, "must be >= 0"),
    (PANEL, {"hhi_threshold": 40}, "an HHI lies in"),
    (PANEL, {"ratio_threshold": -1}, "expected >= 0"),
    (PANEL, {"year": (2022, 2020)}, "first <= last"),
    (PANEL, {"min_years": 4}, "min_years <= window_years"),
])
def test_bad_input_raises_clear_error(baci: pd.DataFrame, kwargs: dict[str, object],
                                      message: str) -> None:
    with pytest.raises(ValueError, match=message):
        dependence_screen(baci, "RUS", **kwargs)


def test_bad_parquet_input_raises_clear_error(tmp_path: Path) -> None:
    PANEL.drop(columns="importer_iso3").to_parquet(tmp_path / "no_importer.parquet")
    with pytest.raises(ValueError, match=r"lack column\(s\) \['importer_iso3'\]"):
        dependence_screen(tmp_path / "no_importer.parquet", "RUS")
    PANEL.assign(value_usd=-1.0).to_parquet(tmp_path / "negative.parquet")
    with pytest.raises(ValueError, match="negative value_usd"):
        dependence_screen(tmp_path / "negative.parquet", "RUS")


def test_sql_text_is_portable() -> None:
    """No DuckDB-only syntax: casts with ::, QUALIFY, parameter markers, engine table
    functions, list/struct literals, or a trailing semicolon (which Spark rejects)."""
    code = "\n".join(line.split("--")[0] for line in DEPENDENCE_SCREEN_SQL.splitlines())
    for pattern in [r"::", r"\bQUALIFY\b", r"\$\w", r"\?", r"read_parquet", r"\[", r"\{",
                    r";", r"\bEXCLUDE\b", r"\bFILTER\s*\(", r"\bGROUP BY ALL\b"]:
        assert not re.search(pattern, code, flags=re.IGNORECASE), pattern


@pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::DeprecationWarning")
def test_screen_sql_runs_unchanged_on_spark() -> None:
    """The same text on Spark SQL (local mode) gives the same screen as DuckDB. Runs where
    pyspark (and Java) are installed; it is not a dependency of econ."""
    pyspark = pytest.importorskip("pyspark.sql")
    spark = (pyspark.SparkSession.builder.master("local[1]").appName("econ-screen")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        params = pd.DataFrame({"year_from": [0], "year_to": [9999], "hhi_threshold": [0.4],
                               "ratio_threshold": [1.0], "world_hhi_threshold": [0.4],
                               "window_years": [3], "min_years": [2]})
        spark.createDataFrame(PANEL.astype({"quantity_t": "float64"})).createOrReplaceTempView(
            "baci")
        spark.createDataFrame(params).createOrReplaceTempView("screen_params")
        spark.createDataFrame(pd.DataFrame({"importer_iso3": ["RUS", "CHN"]})) \
            .createOrReplaceTempView("screen_importers")
        on_spark = spark.sql(DEPENDENCE_SCREEN_SQL).toPandas()
        on_spark["is_persistent"] = on_spark["is_persistent"].astype("boolean")  # None -> NA
    finally:
        spark.stop()
    with pytest.warns(DataCaveatWarning):
        on_duckdb = dependence_screen(PANEL, ["RUS", "CHN"])
    pd.testing.assert_frame_equal(on_spark, on_duckdb, check_dtype=False, rtol=1e-12)


def test_bilateral_hand_worked() -> None:
    """RUS and CHN, 2022 (rows of the panel between the two): RUS imports from CHN:
    batteries 90, laptops 60; RUS exports to CHN: wheat 200, crude 500. Two-way total
    850: shares 90/850, 60/850, 200/850, 500/850. Each product goes one way only, so
    Grubel-Lloyd is 0 and the ratio is NaN (no exports) or 0 (no imports)."""
    with pytest.warns(DataCaveatWarning, match="exports of a product to CHN"):
        frame, unavailable = bilateral_screen(PANEL, year=2022)
    table = frame.set_index("hs6")
    assert sorted(table.index) == ["100199", "270900", "847130", "850760"]
    np.testing.assert_allclose(table.loc[["850760", "847130", "100199", "270900"], "share"],
                               np.array([90, 60, 200, 500]) / 850, atol=1e-12)
    assert table.loc["850760", "imports_usd"] == 90.0
    assert table.loc["270900", "exports_usd"] == 500.0
    assert table.loc["270900", "import_export_ratio"] == 0.0
    assert np.isnan(table.loc["850760", "import_export_ratio"])
    assert (table["grubel_lloyd"] == 0.0).all()
    assert (frame["reporter_iso3"] == "RUS").all() and (frame["partner_iso3"] == "CHN").all()
    assert unavailable == list(BILATERAL_UNAVAILABLE)
    assert any("supplier" in reason for reason in unavailable)


def test_bilateral_two_way_product() -> None:
    """A product traded both ways: imports 30, exports 10 -> ratio 3, GL 1 - 20/40 = 0.5."""
    baci = pd.DataFrame({"year": 2021, "hs6": "870323", "exporter_iso3": ["CHN", "RUS"],
                         "importer_iso3": ["RUS", "CHN"], "value_usd": [30.0, 10.0]})
    frame, _ = bilateral_screen(baci)
    assert frame.loc[0, "import_export_ratio"] == pytest.approx(3.0)
    assert frame.loc[0, "grubel_lloyd"] == pytest.approx(0.5)
    assert frame.loc[0, "share"] == 1.0


def test_bilateral_without_the_pair_raises() -> None:
    with pytest.raises(ValueError, match="no flow between RUS and JPN"):
        bilateral_screen(PANEL, partner="JPN", year=2021)


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_bilateral_on_the_shipped_baci_file(built_template: Path) -> None:
    """The real CEPII BACI China<->Russia rows: per year the product shares sum to 1, the
    imports add up to BACI's China->Russia total, and Grubel-Lloyd stays in [0, 1]."""
    baci = econ.load("core_baci__yearly_product_trade", root=built_template)
    frame, unavailable = bilateral_screen(baci)
    assert len(unavailable) == len(BILATERAL_UNAVAILABLE)
    np.testing.assert_allclose(frame.groupby("year")["share"].sum(), 1.0, rtol=1e-9)
    china_to_russia = baci[(baci["exporter_iso3"] == "CHN") & (baci["importer_iso3"] == "RUS")]
    np.testing.assert_allclose(frame.groupby("year")["imports_usd"].sum(),
                               china_to_russia.groupby("year")["value_usd"].sum(), rtol=1e-9)
    assert frame["grubel_lloyd"].dropna().between(0.0, 1.0).all()
    assert frame.duplicated(["year", "hs6"]).sum() == 0
