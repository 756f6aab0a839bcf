"""The SQL dependence screen: hand-worked cases, parameters, sources, the out table."""

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
from econ import names
from econ.analysis.dependence import importer_screen_rows, screened_pairs
from econ.catalog import get_spec
from econ.errors import DataCaveatWarning
from econ.indicators import bilateral_screen, compute_hhi, dependence_screen
from econ.indicators.screen import (
    BILATERAL_UNAVAILABLE,
    DEPENDENCE_SCREEN_SQL,
    IMPORTER_SCREEN_COLUMNS,
    PAIR_FILE_UNEVALUABLE,
    SCREEN_COLUMNS,
    ScreenThresholds,
    importer_screen_table,
    screen_relations,
)
from econ.pairs import DEFAULT_PAIRS, Pair
from econ.schema import validate_frame

_COLUMNS = ["hs6", "exporter_iso3", "importer_iso3", "value_usd"]


def _flows(text: str, year: int) -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(text), names=_COLUMNS, dtype={"hs6": str})
    return frame.assign(year=year)[["year", *_COLUMNS[1:3], "hs6", "value_usd"]]


#: The hand-worked case: three economies, two products, 2021-2023 (USD). 2022 differs
#: from 2021 and 2023 only in Russia's battery exports to Kazakhstan (200 instead of 10).
_THREE = """\
850760,CHN,RUS,80
850760,KAZ,RUS,20
850760,CHN,KAZ,100
850760,RUS,KAZ,{rus_batteries}
100199,KAZ,RUS,30
100199,CHN,RUS,10
100199,RUS,CHN,60
"""
THREE = pd.concat([_flows(_THREE.format(rus_batteries=10), 2021),
                   _flows(_THREE.format(rus_batteries=200), 2022),
                   _flows(_THREE.format(rus_batteries=10), 2023)], ignore_index=True)


def _row(screen: pd.DataFrame, year: int, importer: str, hs6: str) -> pd.Series:
    rows = screen[(screen["year"] == year) & (screen["importer_iso3"] == importer)
                  & (screen["hs6"] == hs6)]
    assert len(rows) == 1, (year, importer, hs6)
    return rows.iloc[0]


def test_hand_worked_three_countries_two_products() -> None:
    """Russia, China and Kazakhstan; batteries 850760 and wheat 100199; thresholds 0.4,
    0.4, 1, 2 of 3 years. Worked by hand:

    Batteries, 2021 and 2023: Russia imports CHN 80 + KAZ 20 = 100: HHI 0.8^2 + 0.2^2 =
      0.68, top CHN 0.8 (China's share 0.8); it exports 10 (to KAZ): ratio 10. World
      exports CHN 180, KAZ 20, RUS 10 of 210: HHI (180^2 + 20^2 + 10^2)/210^2 =
      32900/44100; CHN's world share 180/210 = 6/7. All three criteria: dependent.
    Batteries, 2022: Russia exports 200: ratio 100/200 = 0.5 (not > 1), not dependent;
      world CHN 180, KAZ 20, RUS 200 of 400: HHI 72800/160000 = 0.455, CHN 0.45.
    Persistence: 2023's window 2021-2023 holds 2 dependent years -> GeoDep-dependent, on
      China (its top supplier); 2021 and 2022 have no full window -> missing.
    Wheat, every year: KAZ 30 + CHN 10 = 40: HHI 0.625, top KAZ 0.75, China 0.25;
      exports 60: ratio 2/3 -> not dependent (EU screen neither); world RUS 60, KAZ 30,
      CHN 10: HHI 0.46, KAZ's world share 0.3.
    Exact arithmetic on small whole numbers: tolerance 1e-12."""
    screen = dependence_screen(THREE, ["RUS", "KAZ", "CHN"],
                               partner={"RUS": "CHN", "KAZ": "CHN", "CHN": "RUS"})
    assert list(screen.columns) == list(SCREEN_COLUMNS)
    expected = {  # (year, hs6): supplier_hhi, ratio, world_hhi, top world share
        (2021, "850760"): (0.68, 10.0, 32900 / 44100, 6 / 7),
        (2022, "850760"): (0.68, 0.5, 72800 / 160000, 0.45),
        (2023, "850760"): (0.68, 10.0, 32900 / 44100, 6 / 7),
        (2023, "100199"): (0.625, 40 / 60, 0.46, 0.3),
    }
    for (year, hs6), (hhi, ratio, world, top_world) in expected.items():
        row = _row(screen, year, "RUS", hs6)
        np.testing.assert_allclose(
            [row.supplier_hhi, row.import_export_ratio, row.world_export_hhi,
             row.top_supplier_world_share], [hhi, ratio, world, top_world], atol=1e-12)
    batteries = screen[(screen.importer_iso3 == "RUS") & (screen.hs6 == "850760")]
    assert batteries["imports_usd"].tolist() == [100.0, 100.0, 100.0]
    assert batteries["exports_usd"].tolist() == [10.0, 200.0, 10.0]
    assert batteries["top_supplier_iso3"].tolist() == ["CHN"] * 3
    np.testing.assert_allclose(batteries["top_supplier_share"], 0.8, atol=1e-12)
    np.testing.assert_allclose(batteries["partner_share"], 0.8, atol=1e-12)
    assert batteries["n_world_exporters"].tolist() == [3, 3, 3]
    assert batteries["is_dependent_in_year"].tolist() == [True, False, True]
    assert batteries["dependent_years"].tolist() == [1, 1, 2]
    assert batteries["is_geodep_dependent"].tolist() == [pd.NA, pd.NA, True]
    assert batteries["is_dependent_on_partner"].tolist() == [pd.NA, pd.NA, True]
    assert batteries["is_eu_dependent"].tolist() == [True, False, True]
    wheat = _row(screen, 2023, "RUS", "100199")
    assert (wheat.top_supplier_iso3, wheat.partner_share) == ("KAZ", pytest.approx(0.25))
    assert (wheat.is_import_concentrated, wheat.is_world_concentrated,
            wheat.is_non_substitutable) == (True, True, False)
    assert not wheat.is_geodep_dependent and not wheat.is_eu_dependent
    assert wheat.n_suppliers == 2


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_hand_worked_any_importer_and_its_partner() -> None:
    """Kazakhstan's batteries: CHN 100 and RUS 10 in 2021 and 2023: HHI (100^2 + 10^2) /
    110^2 = 10100/12100; in 2022 CHN 100, RUS 200: HHI (1/3)^2 + (2/3)^2 = 5/9, top RUS.
    It exports 20: ratios 5.5, 15, 5.5 -> dependent every year, GeoDep-dependent in 2023,
    on China (top again in 2023). China's wheat, with Russia as its partner: RUS 60 only,
    China exports 10: ratio 6 -> dependent on Russia."""
    screen = dependence_screen(THREE, ["KAZ", "CHN"],
                               partner={"KAZ": "CHN", "CHN": "RUS"})
    kaz = screen[screen.importer_iso3 == "KAZ"].set_index("year")
    assert kaz["hs6"].unique().tolist() == ["850760"]  # Kazakhstan buys no wheat
    np.testing.assert_allclose(kaz["supplier_hhi"], [10100 / 12100, 5 / 9, 10100 / 12100],
                               atol=1e-12)
    np.testing.assert_allclose(kaz["import_export_ratio"], [5.5, 15.0, 5.5], atol=1e-12)
    assert kaz["top_supplier_iso3"].tolist() == ["CHN", "RUS", "CHN"]
    assert kaz.loc[2023, "is_geodep_dependent"] and kaz.loc[2023, "is_dependent_on_partner"]
    chn = _row(screen, 2023, "CHN", "100199")
    assert (chn.partner_iso3, chn.partner_share, chn.import_export_ratio) == ("RUS", 1.0, 6.0)
    assert chn.is_dependent_on_partner


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
@pytest.mark.parametrize(("thresholds", "batteries_2023", "wheat_eu"), [
    # the world HHI of batteries, 0.746, is not above 0.75: criterion 2 fails
    (ScreenThresholds(world_hhi_threshold=0.75), False, False),
    # supplier HHI 0.68 is not above 0.7
    (ScreenThresholds(hhi_threshold=0.7), False, False),
    # 2 of 3 years no longer enough
    (ScreenThresholds(min_years=3), False, False),
    # EU ratio threshold 0.6: wheat's 40 > 0.6 * 60, so the EU screen flags it while
    # GeoDep (threshold 1) does not
    (ScreenThresholds(eu_ratio_threshold=0.6), True, True),
])
def test_thresholds_are_parameters(thresholds: ScreenThresholds, batteries_2023: bool,
                                   wheat_eu: bool) -> None:
    screen = dependence_screen(THREE, "RUS", thresholds=thresholds)
    assert _row(screen, 2023, "RUS", "850760").is_geodep_dependent == batteries_2023
    wheat = _row(screen, 2023, "RUS", "100199")
    assert wheat.is_eu_dependent == wheat_eu
    assert not wheat.is_geodep_dependent


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_years_and_the_persistence_window() -> None:
    """Asking for 2023 alone still reads 2021-2022 for the window; 2022 alone has no
    full window (missing), though its own year flags are computed."""
    full = dependence_screen(THREE, "RUS")
    only_2023 = dependence_screen(THREE, "RUS", year=2023)
    assert only_2023["year"].unique().tolist() == [2023]
    pd.testing.assert_frame_equal(only_2023, full[full.year == 2023].reset_index(drop=True))
    early = dependence_screen(THREE, "RUS", year=(2021, 2022))
    assert early["year"].unique().tolist() == [2021, 2022]
    assert early["is_geodep_dependent"].isna().all()


#: A wider made-up 2022 panel (USD): ties, products without exports, several importers.
_WIDE = """\
850760,CHN,RUS,90
850760,KOR,RUS,10
850760,CHN,DEU,50
850760,RUS,KAZ,5
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
WIDE = _flows(_WIDE, 2022).assign(quantity_t=np.nan)


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_ties_and_products_without_exports() -> None:
    """Aircraft 880240: USA 50, DEU 50 -> HHI 0.5, a tie broken alphabetically (DEU), no
    exports: ratio NaN yet non-substitutable. Laptops 847130: CHN 60 only, world CHN 100,
    DEU 100, KOR 100, USA 100: HHI 0.25, not world-concentrated."""
    rus = dependence_screen(WIDE, "RUS").set_index("hs6")
    assert rus.loc["880240", "top_supplier_iso3"] == "DEU"
    assert rus.loc["880240", "supplier_hhi"] == pytest.approx(0.5, abs=1e-12)
    assert np.isnan(rus.loc["880240", "import_export_ratio"])
    assert rus.loc["880240", "exports_usd"] == 0.0 and rus.loc["880240", "is_non_substitutable"]
    assert rus.loc["880240", "partner_share"] == 0.0
    assert not rus.loc["880240", "is_partner_top_supplier"]
    assert rus.loc["847130", "world_export_hhi"] == pytest.approx(0.25, abs=1e-12)
    assert not rus.loc["847130", "is_world_concentrated"]


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_several_importers_at_once_equal_one_at_a_time() -> None:
    both = dependence_screen(WIDE, ["RUS", "CHN"])
    assert set(both["importer_iso3"]) == {"RUS", "CHN"}
    pd.testing.assert_frame_equal(both[both["importer_iso3"] == "RUS"].reset_index(drop=True),
                                  dependence_screen(WIDE, "RUS"))


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_parquet_file_glob_and_hive_folder_give_the_same_screen(tmp_path: Path) -> None:
    expected = dependence_screen(THREE, "RUS")
    THREE.to_parquet(tmp_path / "baci.parquet")
    for year, rows in THREE.groupby("year"):
        rows.to_parquet(tmp_path / f"part_{year}.parquet")
        folder = tmp_path / "hive" / f"year={year}"
        folder.mkdir(parents=True)
        rows.drop(columns="year").to_parquet(folder / "part-0.parquet")
    for source in (tmp_path / "baci.parquet", str(tmp_path / "part_*.parquet"),
                   tmp_path / "hive"):
        pd.testing.assert_frame_equal(dependence_screen(source, "RUS"), expected,
                                      check_dtype=False)


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_memory_limit_threads_and_spill_folder(tmp_path: Path) -> None:
    """Engine settings change where and how DuckDB works, never the answer."""
    expected = dependence_screen(THREE, "RUS")
    limited = dependence_screen(THREE, "RUS", memory_limit="64MB", threads=1,
                                temp_directory=tmp_path)
    pd.testing.assert_frame_equal(limited, expected)


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
@settings(max_examples=25, deadline=None, derandomize=True)
@given(panel=matrices(products=3))
def test_sql_matches_pandas_hhi_and_share_bounds(panel: pd.DataFrame) -> None:
    """On random panels: the SQL's SUM(v*v)/SUM(v)^2 equals compute_hhi (sum of squared
    shares) for suppliers and world exports; and the bounds every row must meet:
    1/n <= HHI <= 1, top share^2 <= HHI <= top share, 0 <= partner share <= top share."""
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
    tol = 1e-12
    hhi, top = screen["supplier_hhi"], screen["top_supplier_share"]
    assert (hhi >= 1 / screen["n_suppliers"] - tol).all() and (hhi <= 1 + tol).all()
    assert (top**2 <= hhi + tol).all() and (hhi <= top + tol).all()
    assert screen["partner_share"].between(0, 1).all()
    assert (screen["partner_share"] <= top + tol).all()


def test_unknown_importer_warns_and_returns_no_rows() -> None:
    with pytest.warns(DataCaveatWarning, match=r"no imports for \['XXX'\]"):
        out = dependence_screen(THREE, "XXX")
    assert out.empty and list(out.columns) == list(SCREEN_COLUMNS)


@pytest.mark.parametrize(("baci", "kwargs", "message"), [
    (THREE.drop(columns="hs6"), {}, r"missing column\(s\) \['hs6'\]"),
    (THREE.assign(value_usd=-THREE["value_usd"]), {}, "must be >= 0"),
    (THREE, {"year": (2023, 2021)}, "first <= last"),
    (THREE, {"importer": []}, "at least one ISO3"),
    (THREE, {"importer": ["RUS", "RUS"]}, "distinct ISO3"),
    (THREE, {"importer": ["RUS", "KAZ"], "partner": {"RUS": "CHN"}},
     r"no partner for importer\(s\) \['KAZ'\]"),
])
def test_bad_input_raises_clear_error(baci: pd.DataFrame, kwargs: dict[str, object],
                                      message: str) -> None:
    arguments = {"importer": "RUS", **kwargs}
    with pytest.raises(ValueError, match=message):
        dependence_screen(baci, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"hhi_threshold": 40}, "'hhi_threshold': an HHI lies in"),
    ({"eu_hhi_threshold": -0.1}, "'eu_hhi_threshold': an HHI lies in"),
    ({"ratio_threshold": -1}, "'ratio_threshold': expected >= 0"),
    ({"min_years": 4}, "min_years <= window_years"),
])
def test_bad_thresholds_raise_clear_error(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ScreenThresholds(**kwargs)  # type: ignore[arg-type]


def test_bad_parquet_input_raises_clear_error(tmp_path: Path) -> None:
    THREE.drop(columns="importer_iso3").to_parquet(tmp_path / "no_importer.parquet")
    with pytest.raises(ValueError, match=r"lack column\(s\) \['importer_iso3'\]"):
        dependence_screen(tmp_path / "no_importer.parquet", "RUS")
    THREE.assign(value_usd=-1.0).to_parquet(tmp_path / "negative.parquet")
    with pytest.raises(ValueError, match="negative value_usd"):
        dependence_screen(tmp_path / "negative.parquet", "RUS")
    with pytest.raises(ValueError, match=r"no Parquet file at .*missing\.parquet"):
        dependence_screen(tmp_path / "missing.parquet", "RUS")


def test_screen_relations_hold_the_parameters() -> None:
    relations = screen_relations(["RUS", "CHN"], partner={"RUS": "CHN", "CHN": "RUS"},
                                 year=(2019, 2021), thresholds=ScreenThresholds(min_years=3))
    params = relations["screen_params"].iloc[0]
    assert (params.year_from, params.year_to, params.min_years) == (2019, 2021, 3)
    assert relations["screen_importers"].values.tolist() == [["RUS", "CHN"], ["CHN", "RUS"]]


def test_sql_text_is_portable() -> None:
    """No DuckDB-only syntax: casts with ::, QUALIFY, parameter markers, engine table
    functions, list/struct literals, or a trailing semicolon (which Spark rejects)."""
    code = "\n".join(line.split("--")[0] for line in DEPENDENCE_SCREEN_SQL.splitlines())
    for pattern in [r"::", r"\bQUALIFY\b", r"\$\w", r"\?", r"read_parquet", r"\[", r"\{",
                    r";", r"\bEXCLUDE\b", r"\bFILTER\s*\(", r"\bGROUP BY ALL\b",
                    r"\bMATERIALIZED\b", r"\bHUGEINT\b"]:
        assert not re.search(pattern, code, flags=re.IGNORECASE), pattern


def test_importer_screen_table_on_the_pair_file() -> None:
    """Without a release, the out table keeps what the pair file gives (China's sales to
    Russia and Russia's to China) and names, in every row, the criteria it cannot
    evaluate: every one, as the file has no other supplier and no other exporter."""
    pair_file = THREE[(THREE.importer_iso3 != "KAZ") & (THREE.exporter_iso3 != "KAZ")]
    table = importer_screen_table(None, pair_file,
                                  pairs=[("RUS", "CHN"), ("CHN", "RUS"), ("KAZ", "CHN")])
    assert list(table.columns) == list(IMPORTER_SCREEN_COLUMNS)
    assert set(table["importer_iso3"]) == {"RUS", "CHN"}
    rus = table[(table.importer_iso3 == "RUS") & (table.year == 2023)].set_index("hs6")
    assert rus["partner_imports_usd"].to_dict() == {"100199": 10.0, "850760": 80.0}
    flags = [c for c in IMPORTER_SCREEN_COLUMNS if c.startswith("is_")]
    assert table[flags].isna().all().all()
    assert table[["supplier_hhi", "world_export_hhi", "import_export_ratio"]].isna().all().all()
    assert (table["basis"] == "baci_pair_file").all()
    for columns in PAIR_FILE_UNEVALUABLE:
        assert table["caveat"].str.contains(columns, regex=False).all()
    assert "supplier" in table["caveat"].iloc[0]


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_importer_screen_table_on_a_release(tmp_path: Path) -> None:
    """With a release dataset: the full screen, basis baci_release, and a caveat only
    where a criterion has a documented gap (no full window; no exports)."""
    for year, rows in THREE.groupby("year"):
        folder = tmp_path / f"year={year}"
        folder.mkdir()
        rows.drop(columns="year").to_parquet(folder / "part-0.parquet")
    table = importer_screen_table(tmp_path, pd.DataFrame(), pairs=[("RUS", "CHN")])
    assert list(table.columns) == list(IMPORTER_SCREEN_COLUMNS)
    assert (table["basis"] == "baci_release").all()
    caveats = table.set_index(["year", "hs6"])["caveat"]
    assert caveats[(2023, "850760")] == ""
    assert caveats[(2021, "850760")].startswith("is_geodep_dependent: the data cover fewer "
                                                "than 3 years")
    pd.testing.assert_frame_equal(
        table[list(SCREEN_COLUMNS)], dependence_screen(tmp_path, "RUS"), check_dtype=False)


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_importer_screen_table_on_the_shipped_baci_file(built_template: Path) -> None:
    """The real CEPII BACI China<->Russia rows: one row per product China sells Russia
    (and Russia sells China), its value equal to BACI's, every criterion not evaluable."""
    baci = econ.load("core_baci__yearly_product_trade", root=built_template)
    table = importer_screen_table(None, baci, pairs=[("RUS", "CHN"), ("CHN", "RUS")])
    assert set(table["importer_iso3"]) == {"RUS", "CHN"}
    chn_to_rus = baci[(baci.exporter_iso3 == "CHN") & (baci.importer_iso3 == "RUS")]
    rus = table[table.importer_iso3 == "RUS"]
    np.testing.assert_allclose(rus.groupby("year")["partner_imports_usd"].sum(),
                               chn_to_rus.groupby("year")["value_usd"].sum(), rtol=1e-12)
    assert not table.duplicated(["year", "importer_iso3", "hs6"]).any()
    assert table["is_geodep_dependent"].isna().all()
    assert table["caveat"].str.contains("need the importer's imports from every "
                                        "supplier").all()


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_importer_screen_table_passes_the_catalog_schema(tmp_path: Path) -> None:
    """Both bases give frames the refresh can write (the catalog's schema: declared dtypes,
    a unique key), for the pairs the refresh screens: every configured pair's reporter
    once (Russia appears in five default pairs; a release screen of it used to fail on
    'expected distinct ISO3 codes')."""
    for year, rows in THREE.groupby("year"):
        (tmp_path / f"year={year}").mkdir()
        rows.drop(columns="year").to_parquet(tmp_path / f"year={year}" / "part-0.parquet")
    schema = get_spec(names.IMPORTER_SCREEN).schema
    pairs = screened_pairs([*DEFAULT_PAIRS, Pair("RUS", "KAZ")])
    assert pairs[:2] == [("RUS", "CHN"), ("KAZ", "CHN")]
    for table in (importer_screen_rows(tmp_path, pd.DataFrame(), pairs),
                  importer_screen_rows(None, THREE, pairs)):
        written = validate_frame(table, names.IMPORTER_SCREEN, schema)
        assert written.num_rows == len(table)
        assert set(table["reporter_iso3"]) <= {importer for importer, _ in pairs}
        assert set(table.loc[table["reporter_iso3"] == "RUS", "partner_iso3"]) == {"CHN"}


def test_bilateral_hand_worked() -> None:
    """RUS and CHN, 2022 (rows of the wide panel between the two): RUS imports from CHN:
    batteries 90, laptops 60; RUS exports to CHN: crude 500. Two-way total 650: shares
    90/650, 60/650, 500/650. Each product goes one way only, so Grubel-Lloyd is 0 and the
    ratio is NaN (no exports) or 0 (no imports)."""
    with pytest.warns(DataCaveatWarning, match="exports of a product to CHN"):
        frame, unavailable = bilateral_screen(WIDE, year=2022)
    table = frame.set_index("hs6")
    assert sorted(table.index) == ["270900", "847130", "850760"]
    np.testing.assert_allclose(table.loc[["850760", "847130", "270900"], "share"],
                               np.array([90, 60, 500]) / 650, atol=1e-12)
    assert table.loc["270900", "import_export_ratio"] == 0.0
    assert np.isnan(table.loc["850760", "import_export_ratio"])
    assert (table["grubel_lloyd"] == 0.0).all()
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
        bilateral_screen(WIDE, partner="JPN", year=2022)


RESULTS = Path(__file__).resolve().parents[1] / "results" / "screen"


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
@pytest.mark.parametrize(("panel", "importers", "partners"), [
    ("three_countries", ["RUS", "KAZ", "CHN"], {"RUS": "CHN", "KAZ": "CHN", "CHN": "RUS"}),
    ("synthetic_small", ["RUS", "KAZ"], "CHN"),
])
def test_screen_equals_an_independent_r_implementation(
        panel: str, importers: list[str], partners: str | dict[str, str]) -> None:
    """Every row and criterion against tests/results/screen/geodep_screen.R, the GeoDep and
    EU 2021 definitions written independently in R 4.2.2 / dplyr 1.0.10 (its output
    geodep_screen_r.csv, 15 significant digits): numbers to rtol 1e-12, flags equal. The
    inputs are the hand-worked panel and a small synthetic panel (two focus importers)."""
    flows = pd.read_csv(RESULTS / f"{panel}.csv", dtype={"hs6": str})
    reference = pd.read_csv(RESULTS / "geodep_screen_r.csv", dtype={"hs6": str})
    reference = reference[reference["panel"] == panel].drop(columns="panel")
    keys = ["year", "importer_iso3", "hs6"]
    ours = (dependence_screen(flows, importers, partner=partners)
            .sort_values(keys).reset_index(drop=True))
    reference = reference.sort_values(keys).reset_index(drop=True)
    assert ours[keys].equals(reference[keys])
    for column in reference.columns.drop(keys):
        if reference[column].dtype.kind == "f" and column != "is_geodep_dependent":
            np.testing.assert_allclose(ours[column].astype(float), reference[column],
                                       rtol=1e-12, err_msg=column)
        else:
            expected = [None if pd.isna(v) else v for v in reference[column].astype(object)]
            found = [None if pd.isna(v) else v for v in ours[column].astype(object)]
            assert found == expected, column
    assert ours["is_geodep_dependent"].fillna(False).any()  # the check bites
