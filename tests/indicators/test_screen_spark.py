"""The screen's SQL text on Spark SQL, compared with DuckDB row for row (``-m spark``).

Needs pyspark (the ``spark`` extra: ``make test-spark``) and Java 17 or newer; skipped,
with the reason, where either is missing.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from test_screen import THREE
from test_screen_synthetic import SMALL

from econ.etl.baci_release import write_release_dataset
from econ.indicators.screen import (
    DEPENDENCE_SCREEN_SQL,
    SCREEN_COLUMNS,
    ScreenThresholds,
    dependence_screen,
    screen_relations,
)
from econ.indicators.synthetic import SyntheticBaci


def _missing_requirement() -> str | None:
    """Why Spark cannot run here, or None."""
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed: `make test-spark` installs the 'spark' extra"
    java = shutil.which("java")
    if java is None:
        return "no java on PATH: Spark needs Java 17 (apt-get install openjdk-17-jre-headless)"
    shown = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    found = re.search(r'version "(\d+)', shown)
    if found is None or int(found.group(1)) < 17:
        return f"Spark 4 needs Java 17 or newer, found: {shown.splitlines()[:1]}"
    return None


_REASON = _missing_requirement()
pytestmark = [pytest.mark.spark, pytest.mark.skipif(_REASON is not None, reason=_REASON or ""),
              # pyspark 4.3 warns that it does not fully support pandas 3; no pandas
              # conversion is used here (rows are collected)
              pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")]

_BACI_SCHEMA = ("year BIGINT, exporter_iso3 STRING, importer_iso3 STRING, hs6 STRING, "
                "value_usd DOUBLE")
_RELATION_SCHEMAS = {
    "screen_params": "year_from BIGINT, year_to BIGINT, hhi_threshold DOUBLE, "
                     "world_hhi_threshold DOUBLE, ratio_threshold DOUBLE, window_years BIGINT, "
                     "min_years BIGINT, eu_hhi_threshold DOUBLE, eu_ratio_threshold DOUBLE",
    "screen_importers": "importer_iso3 STRING, partner_iso3 STRING",
}


@pytest.fixture(scope="module")
def spark(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A local Spark session (two cores, no UI), stopped after the module.

    The group starts a JVM (a minute on two shared cores): it runs only when selected.
    """
    if "spark" not in (request.config.option.markexpr or ""):
        pytest.skip("Spark group: run it with `make test-spark` (pytest -m spark)")
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("econ-screen-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _records(frame: pd.DataFrame) -> list[list[Any]]:
    return [[None if pd.isna(v) else v.item() if hasattr(v, "item") else v for v in row]
            for row in frame.itertuples(index=False)]


def _on_spark(spark: Any, baci: pd.DataFrame | Path, importer: list[str],
              **options: Any) -> pd.DataFrame:
    """The SQL text run by Spark SQL, as a DataFrame (rows collected, no Arrow)."""
    if isinstance(baci, Path):
        spark.read.parquet(str(baci)).createOrReplaceTempView("baci")  # hive: year=YYYY
    else:
        columns = ["year", "exporter_iso3", "importer_iso3", "hs6", "value_usd"]
        spark.createDataFrame(_records(baci[columns].astype({"value_usd": float})),
                              _BACI_SCHEMA) \
            .createOrReplaceTempView("baci")
    for name, frame in screen_relations(importer, **options).items():
        spark.createDataFrame(_records(frame), _RELATION_SCHEMAS[name]) \
            .createOrReplaceTempView(name)
    rows = spark.sql(DEPENDENCE_SCREEN_SQL).collect()
    return pd.DataFrame([row.asDict() for row in rows], columns=list(SCREEN_COLUMNS))


def _assert_same_rows(on_spark: pd.DataFrame, on_duckdb: pd.DataFrame) -> None:
    """Same rows in the same order; numbers to 1e-12, every other value equal."""
    assert list(on_spark.columns) == list(on_duckdb.columns)
    assert len(on_spark) == len(on_duckdb) > 0
    for column in SCREEN_COLUMNS:
        left, right = on_spark[column], on_duckdb[column]
        if pd.api.types.is_float_dtype(right):
            np.testing.assert_allclose(left.astype(float), right, rtol=1e-12, err_msg=column)
        else:
            expected = [None if pd.isna(v) else v for v in right.astype(object)]
            found = [None if pd.isna(v) else v for v in left.astype(object)]
            assert found == expected, column


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
@pytest.mark.parametrize("options", [
    {},
    {"year": 2023, "thresholds": ScreenThresholds(min_years=3, eu_ratio_threshold=0.6)},
    {"thresholds": ScreenThresholds(hhi_threshold=0.7, world_hhi_threshold=0.5)},
])
def test_hand_worked_case_same_on_spark_and_duckdb(spark: Any, options: dict[str, Any]) -> None:
    """The three-country case of test_screen.py, three importers with their partners."""
    importers = ["RUS", "KAZ", "CHN"]
    partners = {"RUS": "CHN", "KAZ": "CHN", "CHN": "RUS"}
    on_duckdb = dependence_screen(THREE, importers, partner=partners, **options)
    _assert_same_rows(_on_spark(spark, THREE, importers, partner=partners, **options),
                      on_duckdb)


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_release_dataset_same_on_spark_and_duckdb(spark: Any, tmp_path: Path) -> None:
    """A synthetic release written as hive Parquet, read by each engine from the folder:
    two importers, every year; the planted dependencies are flagged on both."""
    panel = SyntheticBaci(rows=48_000, seed=5, focus=("RUS", "KAZ"),
                          **SMALL)  # type: ignore[arg-type]
    dataset = tmp_path / "baci"
    write_release_dataset(panel.write_release(tmp_path), dataset)
    on_duckdb = dependence_screen(dataset, ["RUS", "KAZ"])
    on_spark = _on_spark(spark, dataset, ["RUS", "KAZ"])
    _assert_same_rows(on_spark, on_duckdb)
    truth = panel.truth()
    flagged = on_spark[on_spark["is_geodep_dependent"].fillna(False).astype(bool)]
    expected = truth[truth["is_geodep_dependent"].fillna(False).astype(bool)]
    keys = ["year", "importer_iso3", "hs6"]
    assert set(flagged[keys].itertuples(index=False)) == set(expected[keys].itertuples(
        index=False))
