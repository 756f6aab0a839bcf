"""The report, built from the real data: numbers equal the out tables, charts are real
PNGs with their source line, the HTML is self-contained, output is deterministic."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pandas as pd
import pytest

import econ
from econ.cli import main
from econ.report import build_report

pytestmark = pytest.mark.slow
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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


def test_files_and_charts(report: Path) -> None:
    assert (report / "report.md").is_file() and (report / "report.html").is_file()
    charts = sorted((report / "charts").glob("*.png"))
    assert len(charts) >= 3
    for chart in charts:
        text = _png_text(chart)
        width, height = map(int, text["_size"].split("x"))
        assert width >= 800 and height >= 400
        assert 20_000 < chart.stat().st_size < 2_000_000
        assert text["Source"].startswith("Source: econ tables ")
        assert "raw data:" in text["Source"]


def test_html_is_self_contained(report: Path) -> None:
    page = (report / "report.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img[^>]*src="([^"]+)"', page)
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    assert page.count("Built ") == 1


def test_share_table_equals_out_table(report: Path, real_project: Path) -> None:
    shares = econ.load("out_shares__yearly_partner_share_of_imports",
                       root=real_project)
    table = pd.read_csv(report / "tables" / "share_question.csv", dtype=str)
    column = "China's exports / Bank of Russia BoP imports, FOB"
    shown = table.set_index("year")[column]
    expected = shares[shares.basis == "china_reported_over_bop"].set_index("year")["share"]
    for year, text in shown.items():
        if text == "–":
            assert int(year) not in expected.index or pd.isna(expected[int(year)])
        else:
            assert float(text.rstrip("%")) == pytest.approx(100 * expected[int(year)], abs=0.05)
    tex = (report / "tables" / "share_question.tex").read_text()
    assert r"\toprule" in tex and r"\bottomrule" in tex and "Sources:" in tex


def test_tables_are_deterministic(report: Path, real_project: Path, tmp_path: Path) -> None:
    build_report(out=tmp_path, root=real_project)
    for path in (report / "tables").iterdir():
        assert (tmp_path / "tables" / path.name).read_bytes() == path.read_bytes(), path.name
    strip = re.compile(r"\*Built .*UTC from")
    first = strip.sub("", (report / "report.md").read_text())
    assert first == strip.sub("", (tmp_path / "report.md").read_text())


def test_other_pair_builds_with_sections_marked(real_project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(real_project), "report", "--out", str(tmp_path),
                 "--pair", "USA-RUS", "--format", "md,html"])
    assert code == 0
    assert capsys.readouterr().out.strip().endswith("report.html")
    text = (tmp_path / "report.md").read_text()
    assert "not applicable to USA-RUS" in text
    assert main(["--root", str(real_project), "report", "--pair", "USSR"]) == 2
