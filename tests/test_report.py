"""The report, built from the real data.

What an editor checks: the headline numbers equal the out tables and are the rows the
tables mark (never the largest or smallest value), the range is of the same year, units in
the headers match the numbers shown, the Markdown is valid GFM, the CSVs are numbers, charts
are real PNGs with their source, other pairs get their own numbers or a precise "not
available", a failed build leaves the last report, and no file of an earlier build lingers.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from markdown_it import MarkdownIt

import econ
from econ import names
from econ.catalog import get_spec
from econ.cli import main
from econ.pairs import Pair
from econ.paths import resolve_paths
from econ.report import build_report
from econ.report.build import build_sections
from econ.report.context import ReportContext
from econ.report.sections import SECTIONS
from econ.report.sections.answers import VERDICT_PHRASES, share_answer
from econ.report.sections.base import Section, pct, signed
from econ.schema import Column

pytestmark = pytest.mark.slow
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CELL_PIPE = re.compile(r"(?<!\\)\|")
_NOT_QUANTITIES = ("year", "month", "date", "count")  # shown as they are
_SHOWN_NUMBER = re.compile(r"^[+-]?[\d,]*\.?\d+%?$")


def _png_text(path: Path) -> dict[str, str]:
    """tEXt chunks and image size of a PNG (a minimal reader: no extra dependency)."""
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    chunks, offset = {}, 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        crc = struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])[0]
        assert zlib.crc32(kind + body) == crc, f"corrupt chunk {kind!r} in {path.name}"
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            chunks["_size"] = f"{width}x{height}"
        elif kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            chunks[key.decode("latin-1")] = value.decode("latin-1")
        offset += 12 + length
    return chunks


@pytest.fixture(scope="module")
def report(real_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    build_report(out=out, root=real_project)
    return out


RUS_CHN = Pair("RUS", "CHN")


def _context(root: Path, charts: Path, pair: Pair = RUS_CHN) -> ReportContext:
    return ReportContext(paths=resolve_paths(root), pair=pair, charts=charts)


@pytest.fixture(scope="module")
def sections(real_project: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Section]:
    return build_sections(_context(real_project, tmp_path_factory.mktemp("charts")))


def _section(sections: list[Section], key: str) -> Section:
    return next(s for s in sections if s.key == key)


# ---------------------------------------------------------------- files, charts, formats


def test_files_and_charts(report: Path) -> None:
    assert (report / "report.md").is_file() and (report / "report.html").is_file()
    charts = sorted((report / "charts").glob("*.png"))
    assert len(charts) >= 8
    for chart in charts:
        text = _png_text(chart)
        width, height = map(int, text["_size"].split("x"))
        assert (width, height) == (1280, 600), chart.name
        assert 20_000 < chart.stat().st_size < 2_000_000
        assert text["Source"].startswith("Source"), chart.name
        assert "econ table:" in text["Source"] and text["Title"], chart.name
    assert not [p for p in report.iterdir() if p.name.startswith(".")], "staging left behind"


def test_html_is_self_contained(report: Path) -> None:
    page = (report / "report.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img[^>]*src="([^"]+)"', page)
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    assert page.count("Built ") == 1
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page), "external resource"


def test_markdown_is_valid_gfm(report: Path, sections: list[Section]) -> None:
    text = (report / "report.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    expected = sum(len(s.tables) for s in sections)
    assert sum(t.type == "table_open" for t in tokens) == expected
    # markdown-it pads or cuts rows to the header silently: count the cells in the source
    for block in re.split(r"\n\n+", text):
        rows = [line for line in block.splitlines() if line.startswith("| ")]
        if rows:
            widths = {len(_CELL_PIPE.findall(row)) for row in rows}
            assert len(widths) == 1, f"ragged table: {rows[0][:80]}"
    html_tokens = [t.content.strip() for t in tokens if t.type in ("html_block", "html_inline")]
    assert all(re.fullmatch(r'<a id="[a-z-]+"></a>', t) for t in html_tokens), html_tokens[:3]
    headings = [tokens[k + 1].content for k, t in enumerate(tokens)
                if t.type == "heading_open" and t.tag == "h3"]
    assert len(headings) == len(sections)


def test_csv_tables_hold_numbers(report: Path, sections: list[Section]) -> None:
    for section in sections:
        for table in section.tables:
            data = pd.read_csv(report / "tables" / f"{table.name}.csv")
            assert list(data.columns) == list(table.frame.columns), table.name
            for column, reference in table.units.items():
                if _schema_column(reference).dtype in ("float64", "int64", "Int64"):
                    values = data[column].dropna()
                    assert pd.api.types.is_numeric_dtype(values), (table.name, column)
            tex = (report / "tables" / f"{table.name}.tex").read_text(encoding="utf-8")
            assert r"\toprule" in tex and r"\bottomrule" in tex


def _schema_column(reference: str) -> Column:
    table, _, column = reference.partition(".")
    columns = {c.name: c for c in get_spec(table).schema.columns}
    assert column in columns, f"{reference}: no such column in the catalog"
    return columns[column]


def _scale(header: str, shown: pd.Series, unit: str) -> float:
    """The factor from the out-table number to the number shown, from the column's unit
    in the catalog and what the header says; fails where they disagree."""
    percent = "(%)" in header or shown.str.endswith("%").any()
    if unit == "percent":  # already in percent: shown as it is, under a % header
        assert "%" in header, header
        return 1.0
    if unit == "fraction":
        assert percent, f"'{header}' shows a fraction without saying %"
        return 100.0
    if unit == "probability":  # a p-value as a number, a coverage in %
        return 100.0 if percent else 1.0
    if unit == "USD":
        for words, factor in (("USD bn", 1e-9), ("USD m", 1e-6), ("USD", 1.0)):
            if words in header:
                return factor
        raise AssertionError(f"'{header}' shows US dollars without saying USD")
    if unit in ("ratio", "index", "") or unit in _NOT_QUANTITIES:
        return 100.0 if percent else 1.0
    assert unit and unit in header, f"'{header}' shows {unit or 'a unitless column'}"
    return 1.0


def _shown_numbers(shown: pd.Series, values: pd.Series, scale: float
                   ) -> Iterator[tuple[float, float, int]]:
    for text, value in zip(shown, values, strict=True):
        if _SHOWN_NUMBER.match(text):
            digits = len(text.rstrip("%").partition(".")[2])
            yield float(text.rstrip("%").replace(",", "")), value * scale, digits


def test_headers_name_the_units_of_the_schema(sections: list[Section]) -> None:
    """Each column a table declares from an out table (``Table.units``): the header says
    the unit the catalog gives that column (USD with its scale, % for fractions, bcm ...),
    and the numbers shown equal the out-table numbers at that scale, to the shown digits."""
    checked = 0
    for table in (t for s in sections for t in s.tables):
        assert table.data is not None
        for column, reference in table.units.items():
            scale = _scale(column, table.frame[column], _schema_column(reference).unit)
            for number, expected, digits in _shown_numbers(table.frame[column],
                                                           table.data[column], scale):
                assert number == pytest.approx(expected, abs=0.51 * 10.0 ** -digits), (
                    table.name, column, number, expected)
                checked += 1
    assert checked > 500


def test_every_percent_shown_is_its_number_times_100(sections: list[Section]) -> None:
    """Columns shown in % without a declared unit (long tables whose unit is per row)."""
    for table in (t for s in sections for t in s.tables):
        assert table.data is not None
        for column in table.frame.columns:
            shown = table.frame[column]
            if column in table.units or not shown.str.endswith("%").any():
                continue
            for number, expected, digits in _shown_numbers(shown, table.data[column], 100.0):
                assert number == pytest.approx(expected, abs=0.51 * 10.0 ** -digits), (
                    table.name, column, number, expected)


# ---------------------------------------------------------------- the answers


def test_share_headline_is_the_primary_row(sections: list[Section], real_project: Path) -> None:
    rows = econ.load(names.SHARE_ASSESSMENT, root=real_project,
                     filters={"reporter_iso3": "RUS", "partner_iso3": "CHN"})
    primary = rows[rows["role"] == "primary"].iloc[0]
    answer = _section(sections, "share-answer")
    assert answer.headline.endswith(f"{pct(primary['share'])} in {int(primary['year'])}, "
                                    f"{primary['judgement']} the 40% claimed")
    same_year = rows[(rows["year"] == primary["year"]) & (rows["role"] == "like_for_like")]
    other = [p for p in answer.paragraphs if p.startswith("Other like-for-like")]
    assert len(other) == (0 if same_year.empty else 1)
    for share in same_year["share"]:
        assert pct(share) in other[0]
    # the range the claim is judged on: one year for every basis, each value quoted
    compared = rows[rows["is_comparison_year"] & (rows["role"] != "apart")]
    assert compared["year"].nunique() == 1
    year = int(compared["year"].iloc[0])
    if year != int(primary["year"]):
        quoted = next(p for p in answer.paragraphs if p.startswith(f"In {year}, the latest"))
        for share, judged in zip(compared["share"], compared["judgement"], strict=True):
            assert pct(share) in quoted and f"{judged} 40%" in quoted


class _Perturbed(ReportContext):
    """The real tables with every share not marked primary set to an extreme value."""

    def load(self, name: str, **kwargs: Any) -> pd.DataFrame:
        frame = super().load(name, **kwargs)
        if name != names.SHARE_ASSESSMENT:
            return frame
        frame = frame.copy()
        other = frame["role"] != "primary"
        rng = np.random.default_rng(7)
        frame.loc[other, "share"] = rng.choice([0.01, 0.99], other.sum())
        return frame


def test_share_headline_does_not_depend_on_the_other_values(real_project: Path,
                                                            tmp_path: Path) -> None:
    """Selection by the marked row, not by rank: extreme values elsewhere change nothing."""
    real = share_answer(_context(real_project, tmp_path / "a"))
    shaken = share_answer(_Perturbed(paths=resolve_paths(real_project), pair=RUS_CHN,
                                     charts=tmp_path / "b"))
    assert shaken.headline == real.headline
    assert shaken.paragraphs[0] == real.paragraphs[0]


def test_energy_and_balance_headlines_equal_the_out_tables(sections: list[Section],
                                                            real_project: Path) -> None:
    energy = econ.load(names.ENERGY_PURCHASES, root=real_project,
                       filters={"reporter_iso3": "RUS", "partner_iso3": "CHN",
                                "commodity": "all_energy"}).dropna(subset=["share_of_exports"])
    latest = energy.sort_values("year").iloc[-1]
    headline = _section(sections, "energy-answer").headline
    assert f"{pct(latest['share_of_exports'])} of Russia's goods exports" in headline
    assert f"in {int(latest['year'])}" in headline
    yearly = econ.load(names.BALANCE_YEARLY, root=real_project,
                       filters={"reporter_iso3": "RUS", "partner_iso3": "CHN"})
    chinese = yearly[yearly["reported_by_iso3"] == "CHN"].sort_values("year").iloc[-1]
    balance = _section(sections, "balance-answer").headline
    assert f"{signed(chinese['normalised_balance'])} ({int(chinese['year'])})" in balance
    verdict = econ.load(names.VERDICT, root=real_project,
                        filters={"reporter_iso3": "RUS", "partner_iso3": "CHN"})
    state = verdict.loc[verdict["is_headline"], "state"].iloc[0]
    assert VERDICT_PHRASES[state] in balance


def test_every_answer_names_its_sources(sections: list[Section]) -> None:
    for section in sections:
        for table in section.tables:
            assert "econ table:" in table.footnote or "econ show" in table.footnote, table.name
    answers = [s for s in sections if s.part == "answers"]
    assert [s.key for s in answers] == ["share-answer", "energy-answer", "balance-answer"]
    assert all(s.headline and not s.missing for s in answers)


# ---------------------------------------------------------------- builds and other pairs


def test_tables_are_deterministic(report: Path, real_project: Path, tmp_path: Path) -> None:
    build_report(out=tmp_path, root=real_project)
    for path in (report / "tables").iterdir():
        assert (tmp_path / "tables" / path.name).read_bytes() == path.read_bytes(), path.name
    strip = re.compile(r"\*Built .*UTC from")
    first = strip.sub("", (report / "report.md").read_text())
    assert first == strip.sub("", (tmp_path / "report.md").read_text())


def test_rebuild_leaves_no_file_of_the_last_build(real_project: Path, tmp_path: Path) -> None:
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "from_an_old_build.png").write_bytes(b"old")
    (tmp_path / "notes.txt").write_text("the analyst's own file")
    build_report(out=tmp_path, root=real_project, formats=("md", "csv"))
    assert not (tmp_path / "charts" / "from_an_old_build.png").exists()
    assert (tmp_path / "notes.txt").read_text() == "the analyst's own file"
    assert not (tmp_path / "report.html").exists() and (tmp_path / "report.md").exists()


def test_failed_build_keeps_the_last_report(real_project: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    build_report(out=tmp_path, root=real_project, formats=("md",))
    before = (tmp_path / "report.md").read_bytes()
    charts = sorted(p.name for p in (tmp_path / "charts").iterdir())

    def broken(ctx: ReportContext) -> Section:
        raise RuntimeError("a section failed")

    monkeypatch.setattr("econ.report.build.SECTIONS", (*SECTIONS, broken))
    with pytest.raises(RuntimeError, match="a section failed"):
        build_report(out=tmp_path, root=real_project, formats=("md",))
    assert (tmp_path / "report.md").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == charts
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(("pair", "answered"), [
    ("RUS-IND", {"share-answer", "balance-answer"}),
    ("KAZ-CHN", {"balance-answer"}),
    ("CHN-USA", {"share-answer", "balance-answer"}),
])
def test_other_pairs_get_their_own_numbers(real_project: Path, tmp_path: Path, pair: str,
                                           answered: set[str]) -> None:
    reporter, partner = pair.split("-")
    built = build_sections(_context(real_project, tmp_path, Pair(reporter, partner)))
    by_key = {s.key: s for s in built}
    for key in answered:
        section = by_key[key]
        assert not section.missing and re.search(r"\d", section.headline), (pair, key)
    for section in built:
        if section.missing:  # precise: names what is missing, not a bare "n/a"
            assert len(section.missing) > 30, (pair, section.key, section.missing)


def test_cli_report_pairs(real_project: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(real_project), "report", "--out", str(tmp_path),
                 "--pair", "RUS-IND", "--format", "md,html"])
    assert code == 0
    assert capsys.readouterr().out.strip().endswith("report.html")
    text = (tmp_path / "report.md").read_text()
    assert text.startswith("# Russia and India")
    for bad in ("USSR", "XXX-YYY", "RUS-RUS", "RUS-WLD"):
        assert main(["--root", str(real_project), "report", "--pair", bad]) == 2
        assert "--pair" in capsys.readouterr().err


# ---------------------------------------------------------------- as a reader sees it

_BROWSER_CHECK = Path(__file__).resolve().parents[1] / "scripts" / "check_report_browser.py"


@pytest.mark.skipif(not any(shutil.which(b) for b in ("chromium", "chromium-browser",
                                                        "google-chrome")),
                    reason="no Chromium here (apt install chromium to run the reader's check)")
def test_report_reads_in_a_browser_at_1280_px(report: Path) -> None:
    """Chromium lays the page out at 1280 px: no sideways scrolling, every chart at least
    900 px wide with its smallest text at 10 px or more, no page text under 10 px."""
    done = subprocess.run([sys.executable, str(_BROWSER_CHECK), str(report / "report.html")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert len(result["images"]) == len(list((report / "charts").glob("*.png")))
    assert result["scrollWidth"] <= 1280 and result["minFontPx"] >= 10
