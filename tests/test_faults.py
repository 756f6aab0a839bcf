"""The fault corpus: what an operator's scheduled refresh meets, and what it must do.

Every case asserts the exit status, that the message names the input at fault, and that
every previously built Parquet file is byte-identical afterwards (a failed input never
costs a good table). The closing note of the reliability issue tabulates these cases.
"""

from __future__ import annotations

import os
import pickle
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import econ
import econ.errors
from econ.cli import main
from econ.data import write_manifest
from econ.errors import ArgumentError, EconError, RawDataError, TableReadError
from econ.report.tables import Table, csv_cell, latex_text, markdown_cell

FIXTURES = Path(__file__).resolve().parent / "data"
COW = "cow_trade/National_COW_4.0.csv"
THIRD = "derived_third_party/monthly_trade_2017_2024.csv"


def _files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "data/processed").rglob("*.parquet")}


def _delete(root: Path) -> None:
    (root / "data/raw" / COW).unlink()


def _truncate(root: Path) -> None:
    path = root / "data/raw" / COW
    path.write_bytes(path.read_bytes()[:5000])


def _edit_same_size(root: Path) -> None:
    path = root / "data/raw" / COW
    path.write_text(path.read_text().replace("USA,1870,450", "USA,1870,451", 1))


def _edit_restoring_mtime(root: Path) -> None:
    path = root / "data/raw" / COW
    stat = path.stat()
    _edit_same_size(root)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _symlink_file(root: Path) -> None:
    path = root / "data/raw" / COW
    outside = root / "elsewhere.csv"
    shutil.copy(path, outside)
    path.unlink()
    path.symlink_to(outside)


def _folder_outside(root: Path) -> None:
    folder = root / "data/raw/cow_trade"
    outside = root / "cow_elsewhere"
    shutil.move(folder, outside)
    folder.symlink_to(outside, target_is_directory=True)


def _unlisted(root: Path) -> None:
    shutil.copy(FIXTURES / "dots" / "DOTS_1.xlsx",
                root / "data/raw/imf_dots_annual_xlsx/DOTS_999.xlsx")


def _cut_row_registered(root: Path) -> None:
    path = root / "data/raw" / THIRD
    path.write_bytes(path.read_bytes()[:-20])  # inside December 2024's value
    write_manifest(root=root)


def _cut_last_field(root: Path) -> None:
    path = root / "data/raw" / THIRD
    path.write_bytes(path.read_bytes()[:-2])  # '0.3\n' -> '0.'


def _manifest_missing(root: Path) -> None:
    (root / "data/raw/MANIFEST.csv").unlink()


def _manifest_garbled(root: Path) -> None:
    path = root / "data/raw/MANIFEST.csv"
    path.write_text(path.read_text().replace(",", ";", 5))


# (case, fault, fragments the refresh's output must hold)
REFRESH_CASES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    ("listed file deleted", _delete, [COW, "no file"]),
    ("listed file truncated", _truncate, [COW, "5000 bytes"]),
    ("listed file edited, same size", _edit_same_size, [COW, "sha256"]),
    ("edited, mtime restored", _edit_restoring_mtime, [COW, "sha256"]),
    ("listed file replaced by a symlink", _symlink_file, [COW, "symlink"]),
    ("folder resolving outside data/raw", _folder_outside, [COW, "resolving to"]),
    ("unlisted file matching an input pattern", _unlisted,
     ["DOTS_999.xlsx", "not listed", "make_manifest.py"]),
    ("CSV cut inside a value, re-registered", _cut_row_registered,
     [THIRD, "row 97", "3 fields"]),
    ("CSV cut inside its last field", _cut_last_field, [THIRD, "bytes"]),
    ("manifest deleted", _manifest_missing, ["MANIFEST.csv", "no file"]),
    ("manifest garbled", _manifest_garbled, ["MANIFEST.csv", "header"]),
]


@pytest.mark.parametrize(("case", "fault", "fragments"), REFRESH_CASES,
                         ids=[c[0] for c in REFRESH_CASES])
def test_refresh_fails_naming_the_input_and_keeps_every_table(
        built: Path, capsys: pytest.CaptureFixture[str], case: str,
        fault: Callable[[Path], None], fragments: list[str]) -> None:
    before = _files(built)
    fault(built)
    code = main(["--root", str(built), "refresh", "--quiet"])
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 1, (case, text)
    for fragment in fragments:
        assert fragment in text, (case, fragment, text)
    assert _files(built) == before, case


def test_a_worker_error_reaches_the_user_with_its_place(make_project: Callable[..., Path]
                                                        ) -> None:
    """17 workbooks, so they are read in worker processes; one has text in a value cell."""
    good = sorted((FIXTURES / "dots").glob("*.xlsx"))
    root = make_project(dots=[*good * 8, FIXTURES / "dots_bad" / "text_in_cell.xlsx"])
    report = econ.refresh(root=root, only=["core_imf_dots__yearly_bilateral_trade"])
    message = {r.name: r.message for r in report.failed}["core_imf_dots__yearly_bilateral_trade"]
    assert "DOTS_17.xlsx" in message and "sheet" in message and "row" in message, message
    assert "BrokenProcessPool" not in message


def _error_samples() -> list[BaseException]:
    samples: list[BaseException] = [
        RawDataError("data/raw/a.xlsx", expected="a number", found="'x'", sheet="Exports",
                     row=7, column="C", hint="Copy it again."),
        TableReadError("data/processed/core/t.parquet", "bad page"),
        ArgumentError("--pair", "ISO3 codes", "'XXX'"),
        econ.errors.SchemaError("t", "duplicate keys", "row 3"),
        econ.errors.UnknownTableError("unknown table 'x'"),
        econ.errors.LockHeldError("held by pid 1"),
        EconError("a worker died"),
        econ.errors.DataCaveatWarning("values revised between editions"),
        econ.errors.MirrorDataWarning("partner-reported denominator"),
    ]
    return samples


def test_every_public_error_class_survives_pickling() -> None:
    samples = _error_samples()
    public = {getattr(econ.errors, n) for n in econ.errors.__all__}
    classes = {c for c in public if isinstance(c, type) and issubclass(c, Exception)}
    assert classes <= {type(e) for e in samples}, classes - {type(e) for e in samples}
    for error in samples:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert copy.__dict__ == error.__dict__


def _flip_data_byte(path: Path) -> None:
    """Flip one byte in the middle of the file (a data page, not the footer)."""
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x5A
    path.write_bytes(bytes(data))


def test_a_flipped_byte_fails_validate_and_load_and_refresh_rebuilds_it(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "core_cow__yearly_national_trade"
    path = built / "data/processed/core" / f"{name}.parquet"
    good = econ.load(name, root=built)
    _flip_data_byte(path)
    assert main(["--root", str(built), "validate"]) == 1
    out = capsys.readouterr().out
    assert name in out and "readable" in out, out
    with pytest.raises(TableReadError, match=f"{name}.parquet"):
        econ.load(name, root=built)
    report = econ.refresh(root=built)
    statuses = {r.name: r.status for r in report.results}
    assert statuses[name] == "built", report.summary()
    assert {s for n, s in statuses.items() if n != name} == {"fresh"}
    pd.testing.assert_frame_equal(econ.load(name, root=built), good)
    assert econ.validate(root=built)["ok"].all()


def test_load_refuses_a_file_holding_another_table(built: Path) -> None:
    core = built / "data/processed/core"
    shutil.copy(core / "core_wdi__yearly_gdp.parquet", core / "core_cow__yearly_national_trade"
                ".parquet")
    with pytest.raises(TableReadError, match="provenance of core_cow__yearly_national_trade"):
        econ.load("core_cow__yearly_national_trade", root=built)
    report = econ.refresh(root=built)
    assert {r.name for r in report.results if r.status == "built"} >= {
        "core_cow__yearly_national_trade"}


def test_stale_temporary_files_of_dead_processes_are_swept(built: Path) -> None:
    core = built / "data/processed/core"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = core / f".core_wdi__yearly_gdp.parquet.{dead}.1.tmp"
    live = core / f".core_wdi__yearly_gdp.parquet.{os.getpid()}.1.tmp"
    stale.write_bytes(b"half a table")
    live.write_bytes(b"being written")
    assert econ.refresh(root=built).ok
    assert not stale.exists() and live.exists()


def test_hash_cache_that_cannot_be_saved_costs_nothing(built: Path) -> None:
    cache = built / "data/processed/.hash_cache.json"
    cache.unlink(missing_ok=True)
    cache.mkdir()  # the save fails: a directory stands where the file goes
    assert econ.refresh(root=built).ok


def test_kill_minus_nine_then_a_refresh_that_completes(real_project: Path,
                                                       tmp_path: Path) -> None:
    """A forced refresh (DOTS read by worker processes) killed at a seeded random moment;
    the next refresh must not wait for anything the killed one left behind."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "data/raw").symlink_to(real_project / "data/raw")
    shutil.copytree(real_project / "data/processed", root / "data/processed")
    env = {**os.environ, "ECON_ROOT": str(root)}
    command = [sys.executable, "-m", "econ.cli", "refresh", "--quiet", "--force",
               "--only", "core_imf_dots__yearly_bilateral_trade"]
    rng = random.Random(20261204)
    for _ in range(2):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(1.0, 4.0))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        done = subprocess.run([sys.executable, "-m", "econ.cli", "refresh", "--no-wait",
                               "--quiet"], env=env, capture_output=True, text=True,
                              timeout=240)
        assert done.returncode == 0, done.stdout + done.stderr
        session = subprocess.run(["ps", "-s", str(proc.pid), "-o", "pid=,stat=,args="],
                                 capture_output=True, text=True).stdout.splitlines()
        alive = [line for line in session if line.split()[1][0] != "Z"]  # not zombies
        assert alive == [], f"processes outlived the killed refresh: {alive}"
    assert econ.validate(root=root)["ok"].all()


# --------------------------------------------------------------------------- outputs


def test_markdown_cells_are_escaped_so_tables_keep_their_shape() -> None:
    from markdown_it import MarkdownIt

    frame = pd.DataFrame({"P(|balance| < band)": ["a|b", "line\nbreak", "<script>x</script>"],
                          "value": ["1", "2", "3"]})
    text = Table("t", "Title | with pipe", frame, "note <b>").to_markdown()
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert html.count("<tr>") == 4 and html.count("<td") == 6, html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert markdown_cell("a\nb") == "a b"


def test_latex_escapes_every_special_character_once() -> None:
    assert latex_text("\\") == r"\textbackslash{}"
    assert latex_text("x^2 & 5% $ # _ { } ~") == (
        r"x\textasciicircum{}2 \& 5\% \$ \# \_ \{ \} \textasciitilde{}")


def test_csv_formula_cells_are_neutralised(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "\tx",
                                "-0.25", "plain"]})
    Table("t", "T", frame, "").write(tmp_path, ["csv"])
    cells = pd.read_csv(tmp_path / "t.csv", dtype=str, keep_default_na=False)["a"].tolist()
    assert cells[:4] == ["'" + v for v in frame["a"][:4]]
    assert cells[4:] == ["-0.25", "plain"]
    assert csv_cell(-3) == -3


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(("kwargs", "fragments"), [
    ({"columns": ["yeer"]}, ["columns", "'yeer'", "year"]),
    ({"filters": {"yeer": 2000}}, ["filters", "'yeer'", "year"]),
    ({"filters": {"iso3": 5}}, ["filters['iso3']", "string", "5 (int)"]),
    ({"filters": {"iso3": "rus"}}, ["filters['iso3']", "'rus'", "did you mean 'RUS'"]),
    ({"filters": [("year", ">>", 2000)]}, ["operator", "'>>'"]),
])
def test_load_checks_its_arguments(built: Path, kwargs: dict[str, object],
                                   fragments: list[str]) -> None:
    with pytest.raises(ArgumentError) as info:
        econ.load("core_wdi__yearly_gdp", root=built, **kwargs)  # type: ignore[arg-type]
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


def test_load_casts_a_value_of_another_type(built: Path) -> None:
    as_text = econ.load("core_wdi__yearly_gdp", filters={"year": "2019"}, root=built)
    assert not as_text.empty and set(as_text["year"]) == {2019}


@pytest.mark.parametrize(("argv", "fragments"), [
    (["report", "--pair", "XXX-YYY"], ["--pair", "'XXX'"]),
    (["report", "--pair", "RUSCHN"], ["--pair", "two ISO3 codes"]),
    (["forecast", "--freq", "yearly", "--horizon", "40"], ["--horizon", "1 to 10"]),
])
def test_cli_rejects_bad_arguments_in_one_line(built: Path, capsys: pytest.CaptureFixture[str],
                                               argv: list[str], fragments: list[str]) -> None:
    before = _files(built)
    assert main(["--root", str(built), *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err, err
    assert _files(built) == before


@pytest.mark.parametrize("argv", [["forecast", "--horizon", "0"],
                                  ["forecast", "--paths", "10"]])
def test_cli_bounds_horizon_and_paths(argv: list[str], capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "expected" in capsys.readouterr().err


def test_cli_os_errors_are_one_line_naming_the_path(built: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]
                                                    ) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    assert main(["--root", str(built), "report", "--out", str(blocker)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(blocker) in err, err
