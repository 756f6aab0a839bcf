"""Refresh machinery: incremental, atomic, locked, failure-isolating, with provenance."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from catalog_helpers import downstream
from process_helpers import lock_held_elsewhere

import econ
from econ import names
from econ.catalog import TABLES, table_names
from econ.cli import main
from econ.data import write_manifest
from econ.errors import LockHeldError, UnknownTableError
from econ.lock import hold
from econ.paths import resolve_paths

FIXTURES = Path(__file__).resolve().parent / "data"
DOTS = "core_imf_dots__yearly_bilateral_trade"


def _files(root: Path) -> dict[str, bytes]:
    processed = root / "data" / "processed"
    return {p.name: p.read_bytes() for p in processed.rglob("*.parquet")}


def test_every_table_is_built_with_provenance(built: Path) -> None:
    listing = econ.tables(root=built)
    assert listing["rows"].notna().all(), listing
    assert set(listing["name"]) == set(table_names())
    checks = econ.validate(root=built)
    assert checks["ok"].all(), checks[~checks["ok"]]


def test_second_refresh_builds_nothing(built: Path) -> None:
    before = _files(built)
    report = econ.refresh(root=built)
    assert {r.status for r in report.results} == {"fresh"}
    assert _files(built) == before


def test_changing_one_raw_file_rebuilds_only_its_tables(built: Path) -> None:
    """Russia's 2019 GDP one dollar higher in the WDI bulk file: the GDP table and every
    table built from it are rebuilt, the macro table from the same folder is not. (A
    file whose tables feed the forecasts would rerun them: 30 s more, the same check.)"""
    path = built / "data/raw/worldbank_wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv"
    text = path.read_text(encoding="utf-8-sig")
    assert text.count('"1693115002708.32"') == 1
    path.write_text(text.replace('"1693115002708.32"', '"1693115002709.32"'),
                    encoding="utf-8-sig")
    write_manifest(root=built)  # a new release is registered before it is read
    report = econ.refresh(root=built)
    rebuilt = {r.name for r in report.results if r.status == "built"}
    assert rebuilt == downstream(names.WDI_GDP)
    assert len(rebuilt) > 3 and names.WDI_MACRO not in rebuilt


def test_changing_a_code_table_rebuilds_dependants(built: Path) -> None:
    path = (built / "data/raw/worldbank_wdi"
            / "Metadata_Country_API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9865.csv")
    path.write_bytes(path.read_bytes() + b"\n")  # same content for a CSV parser
    write_manifest(root=built)
    report = econ.refresh(root=built)
    statuses = {r.name: r.status for r in report.results}
    assert statuses["core_codes__countries"] == "built"
    assert statuses["core_codes__country_aliases"] == "built"
    # the alias table's content did not change, so its dependants stay fresh
    assert statuses[DOTS] == "fresh"
    assert statuses["core_baci__yearly_product_trade"] == "fresh"


def test_truncated_workbook_exits_nonzero_and_keeps_every_table(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _files(built)
    target = built / "data/raw/imf_dots_annual_xlsx/DOTS_1.xlsx"
    target.write_bytes(target.read_bytes()[:1000])
    code = main(["--root", str(built), "refresh", "--quiet"])
    err = capsys.readouterr()
    assert code == 1
    assert "imf_dots_annual_xlsx/DOTS_1.xlsx" in err.out + err.err
    after = _files(built)
    assert after == before  # byte-identical, DOTS included
    for name in after:
        assert econ.load(name.removesuffix(".parquet"), root=built) is not None


def test_failed_table_keeps_old_file_and_others_still_build(built: Path) -> None:
    dots_before = (built / f"data/processed/core/{DOTS}.parquet").read_bytes()
    (built / "data/raw/imf_dots_annual_xlsx/DOTS_2.xlsx").write_bytes(b"")
    cow = built / "data/raw/cow_trade/National_COW_4.0.csv"
    cow.write_text(cow.read_text().replace("2,United States of America,USA,1870,450",
                                           "2,United States of America,USA,1870,4S0"))
    write_manifest(root=built)  # registered, so the loaders themselves must catch it
    report = econ.refresh(root=built)
    statuses = {r.name: r.status for r in report.results}
    assert statuses[DOTS] == "failed"
    assert statuses["core_cow__yearly_national_trade"] == "failed"
    assert (built / f"data/processed/core/{DOTS}.parquet").read_bytes() == dots_before
    messages = {r.name: r.message for r in report.failed}
    assert "DOTS_2.xlsx" in messages[DOTS] and "empty file" in messages[DOTS]
    assert "National_COW_4.0.csv, row 2, column imports" in messages[
        "core_cow__yearly_national_trade"]
    assert "'4S0'" in messages["core_cow__yearly_national_trade"]


def test_dry_run_force_and_only(built: Path) -> None:
    dry = econ.refresh(root=built, force=True, dry_run=True)
    assert {r.status for r in dry.results} == {"would build"}
    only = econ.refresh(root=built, only=["core_hs__products"], force=True)
    assert [(r.name, r.status) for r in only.results] == [("core_hs__products", "built")]
    with pytest.raises(UnknownTableError, match="Did you mean core_hs__products"):
        econ.refresh(root=built, only=["core_hs_products"])


def test_lock_refuses_a_second_refresh_without_wait(built: Path) -> None:
    """Another process holds the lock: --no-wait fails at once naming it as running;
    waiting gives up after the timeout; once it exits, the refresh runs."""
    paths = resolve_paths(built)
    with lock_held_elsewhere(paths.processed) as pid:
        with pytest.raises(LockHeldError, match=rf"test holder: pid {pid} .*\(running\)"):
            econ.refresh(root=built, wait=False)
        with pytest.raises(LockHeldError, match="gave up"):
            econ.refresh(root=built, wait=True, timeout=0.3)
    assert econ.refresh(root=built, wait=False).ok


def test_lock_is_reentrant_in_one_thread_and_excludes_other_threads(tmp_path: Path) -> None:
    seen: list[str] = []
    with hold(tmp_path, wait=False, timeout=0), hold(tmp_path, wait=False, timeout=0):
        def other() -> None:
            try:
                with hold(tmp_path, wait=False, timeout=0):
                    seen.append("acquired")
            except LockHeldError as exc:
                seen.append(str(exc))

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert len(seen) == 1 and "another thread of this process" in seen[0]
    with hold(tmp_path, wait=False, timeout=0):  # released on exit
        pass


def test_two_refreshes_started_together_leave_every_table_valid(built: Path) -> None:
    """Two cold refreshes at once: one builds, the other waits for the lock and finds
    every table fresh. The core layer only (every source, 35 tables): a cold build of
    the out layer adds 30 s of forecasts and tests and nothing to what is checked."""
    shutil.rmtree(built / "data/processed")
    env = {**os.environ, "ECON_ROOT": str(built)}
    command = [sys.executable, "-m", "econ.cli", "refresh", "--quiet", "--layer", "core"]
    procs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    summaries = [out.strip().splitlines()[-1] for out, _ in outputs]
    core = {spec.name for spec in TABLES if spec.layer == "core"}
    n = len(core)
    assert sorted(s.split(" in ")[0] for s in summaries) == [f"refresh: {n} built",
                                                            f"refresh: {n} fresh"]
    checks = econ.validate(root=built)
    built_checks = checks[checks["table"].isin(core) | (checks["check"] == "manifest")]
    assert built_checks["ok"].all(), built_checks[~built_checks["ok"]]
    assert set(checks.loc[~checks["table"].isin(core) & (checks["check"] != "manifest"),
                          "check"]) == {"exists"}


def test_metadata_readable_by_pyarrow_alone(built: Path) -> None:
    path = built / f"data/processed/core/{DOTS}.parquet"
    script = (
        "import json, sys, pyarrow.parquet as pq\n"
        f"meta = pq.read_schema({str(path)!r}).metadata\n"
        "doc = json.loads(meta[b'econ'])\n"
        "assert 'econ' not in sys.modules\n"
        "print(json.dumps({'inputs': doc['inputs'], 'text': meta[b'econ.inputs'].decode()}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                         text=True, cwd="/").stdout
    doc = json.loads(out)
    for item in doc["inputs"]:
        file = (built / "data/raw" / item["path"]) if not item["path"].startswith("econ/") \
            else Path(econ.__file__).parent / item["path"].removeprefix("econ/")
        assert hashlib.sha256(file.read_bytes()).hexdigest() == item["sha256"]
        assert file.stat().st_size == item["bytes"]
        assert item["sha256"] in doc["text"]
    assert {i["path"] for i in doc["inputs"]} >= {"imf_dots_annual_xlsx/DOTS_1.xlsx"}


def test_provenance_fields(built: Path) -> None:
    meta = econ.provenance(DOTS, root=built)
    assert meta["table"] == DOTS
    assert meta["code_version"] == econ.__version__
    assert meta["citation"].startswith("International Monetary Fund")
    assert meta["built_at"].endswith("Z")
    assert [c["name"] for c in meta["schema"]["columns"]][:4] == [
        "reporter_iso3", "partner_iso3", "flow", "year"]
    units = {c["name"]: c["unit"] for c in meta["schema"]["columns"]}
    assert units["value_usd"] == "USD"
    assert {u["table"] for u in meta["upstream"]} == {"core_codes__country_aliases",
                                                     "core_codes__countries"}


def test_validate_detects_a_tampered_table_and_a_changed_input(built: Path) -> None:
    import pyarrow.parquet as pq

    path = built / "data/processed/core/core_hs__products.parquet"
    table = pq.read_table(path)
    pq.write_table(table.slice(1), path)  # schema metadata kept, one row lost
    raw = built / "data/raw/oec/tariffs_russia_from_china_2019_2023.csv"
    raw.write_bytes(raw.read_bytes() + b"\n")
    checks = econ.validate(root=built).set_index(["table", "check"])
    assert not checks.loc[("core_hs__products", "content"), "ok"]
    assert not checks.loc[("core_oec__yearly_hs4_tariffs", "inputs"), "ok"]
    assert not checks.loc[("data/raw/MANIFEST.csv", "manifest"), "ok"]
    assert checks.loc[(DOTS, "content"), "ok"]


def test_load_filters_and_unknown_names(built: Path) -> None:
    frame = econ.load(DOTS, filters={"reporter_iso3": "RUS", "year": [2019, 2020]},
                      columns=["reporter_iso3", "year", "value_usd"], root=built)
    assert set(frame["reporter_iso3"]) == {"RUS"}
    assert set(frame["year"]) == {2019, 2020}
    assert list(frame.columns) == ["reporter_iso3", "year", "value_usd"]
    months = econ.load("core_comtrade__monthly_bilateral_trade", root=built)
    assert str(months["period"].dtype).startswith("datetime64")
    with pytest.raises(UnknownTableError, match="Did you mean"):
        econ.load("core_imf_dots__yearly_bilateral_trad", root=built)


def test_cli_tables_show_validate(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(built), "tables"]) == 0
    assert DOTS in capsys.readouterr().out
    assert main(["--root", str(built), "show", DOTS, "--rows", "3"]) == 0
    out = capsys.readouterr().out
    assert "imf_dots_annual_xlsx/DOTS_1.xlsx" in out and "International Monetary Fund" in out
    assert main(["--root", str(built), "validate"]) == 0
    assert main(["--root", str(built), "show", "nope"]) == 2
    assert "unknown table 'nope'" in capsys.readouterr().err


def test_progress_bar_on_a_terminal_and_log_lines_otherwise(built: Path) -> None:
    import io
    import logging

    from econ.cli import _ProgressBar
    from econ.refresh import TableResult

    stream = io.StringIO()
    bar = _ProgressBar(stream, width=10)
    bar(1, 2, TableResult("core_a", "built"))
    bar(2, 2, TableResult("core_b", "fresh"))
    text = stream.getvalue()
    assert "\r[#####-----] 1/2 built core_a" in text
    assert "[##########] 2/2 fresh core_b" in text and text.endswith("\n")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("econ.refresh")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        econ.refresh(root=built)
    finally:
        logger.removeHandler(handler)
    assert len(records) == len(TABLES)
    assert all(r.getMessage().startswith("fresh ") for r in records)
