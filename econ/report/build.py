"""``econ report``: the answer to each claim first, then the details, then the appendix.

Output: ``report.md`` (GitHub-flavoured Markdown), a self-contained ``report.html``
(charts embedded, the statistical appendix folded), ``tables/*.csv`` (tidy, numbers) and
``tables/*.tex`` (booktabs), ``charts/*.png``. Tables are deterministic: the build time
appears only in the report's header.
"""

from __future__ import annotations

import base64
import html
import os
import shutil
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from econ.data import known_pair
from econ.errors import ArgumentError
from econ.pairs import configured_pairs
from econ.paths import resolve_paths
from econ.report.context import ReportContext
from econ.report.sections import SECTIONS, Section
from econ.report.tables import markdown_cell

__all__ = ["FORMATS", "build_report", "build_sections"]

FORMATS = ("md", "html", "tex", "csv")
_FOLDERS = ("charts", "tables")
_PAGES = ("report.md", "report.html")
_PARTS = {"answers": "The answers", "details": "The details",
          "appendix": "Statistical appendix and sources"}
_CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;color:#1d1d1d;
line-height:1.5;font-size:17px;background:#fff}
main{max-width:1180px;margin:0 auto;padding:1.5em 1.2em}
h1{font-size:2em;margin:.2em 0}h2{margin-top:2em;border-bottom:2px solid #1f5fa8}
h3{margin-top:1.6em}
nav ol{columns:2;font-size:.95em}
.answer{font-size:1.08em}
table{border-collapse:collapse;margin:.6em 0;font-size:15px;min-width:50%}
.scroll{overflow-x:auto}
caption{text-align:left;font-weight:bold;margin-bottom:.3em;font-size:16px}
th,td{border-bottom:1px solid #ddd;padding:4px 9px;vertical-align:top}
th{border-bottom:2px solid #555;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
p.source{font-size:14px;color:#444;margin-top:-.3em}
.missing{color:#6b4500;background:#fff6e0;padding:.6em}
figure{margin:1.2em 0}figure img{width:100%;height:auto;display:block}
figcaption{font-size:14px;color:#444}
details{margin:1em 0}summary{cursor:pointer;font-weight:bold;font-size:1.1em}
"""


def build_sections(context: ReportContext) -> list[Section]:
    """Every section for the context's pair."""
    return [build(context) for build in SECTIONS]


def _title(ctx: ReportContext) -> str:
    return (f"{ctx.name(ctx.reporter)} and {ctx.name(ctx.partner)}: dependence, asymmetry "
            "and balance")


def _markdown(sections: Sequence[Section], title: str, built: str) -> str:
    lines = [f"# {markdown_cell(title)}", "", f"*Built {built} from the econ out tables.*", "",
             "## Contents", ""]
    lines += [f"{k}. [{markdown_cell(s.title)}](#{s.key})"
              for k, s in enumerate(sections, start=1)]
    part = ""
    for section in sections:
        if section.part != part:
            part = section.part
            lines += ["", f"## {_PARTS[part]}"]
        lines += ["", f'<a id="{section.key}"></a>', "", f"### {markdown_cell(section.title)}",
                  ""]
        if section.missing:
            lines += [f"> Not available for this pair: {markdown_cell(section.missing)}.", ""]
            continue
        for paragraph in section.paragraphs:
            lines += [markdown_cell(paragraph), ""]
        for chart in section.charts:
            lines += [f"![{markdown_cell(chart.caption)}](charts/{chart.path.name})", "",
                      f"*{markdown_cell(chart.caption)}*", ""]
        lines += [t.to_markdown() for t in section.tables]
    return "\n".join(lines).rstrip() + "\n"


def _section_html(section: Section) -> str:
    parts = [f'<section id="{section.key}"><h3>{html.escape(section.title)}</h3>']
    if section.missing:
        parts.append(f'<p class="missing">Not available for this pair: '
                     f"{html.escape(section.missing)}.</p></section>")
        return "".join(parts)
    style = ' class="answer"' if section.part == "answers" else ""
    parts += [f"<p{style}>{html.escape(p)}</p>" for p in section.paragraphs]
    for chart in section.charts:
        data = base64.b64encode(chart.path.read_bytes()).decode()
        parts.append(f'<figure><img alt="{html.escape(chart.caption)}" '
                     f'src="data:image/png;base64,{data}"><figcaption>'
                     f"{html.escape(chart.caption)}</figcaption></figure>")
    parts += [t.to_html() for t in section.tables]
    parts.append("</section>")
    return "".join(parts)


def _html(sections: Sequence[Section], title: str, built: str) -> str:
    toc = "".join(f'<li><a href="#{s.key}">{html.escape(s.title)}</a></li>' for s in sections)
    body = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body><main>"
            f"<h1>{html.escape(title)}</h1><p><em>Built {html.escape(built)} from the econ "
            f"out tables.</em></p><nav><h2>Contents</h2><ol>{toc}</ol></nav>"]
    for part in _PARTS:
        chosen = [s for s in sections if s.part == part]
        if not chosen:
            continue
        inner = "".join(_section_html(s) for s in chosen)
        if part == "appendix":
            body.append(f"<h2>{_PARTS[part]}</h2><details open><summary>Show or hide the "
                        f"appendix</summary>{inner}</details>")
        else:
            body.append(f"<h2>{_PARTS[part]}</h2>{inner}")
    body.append("</main></body></html>")
    return "\n".join(body) + "\n"


def build_report(*, out: str | os.PathLike[str] | None = None,
                 root: str | os.PathLike[str] | None = None, pair: str = "RUS-CHN",
                 formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write the report and return the paths written, ``report.html`` last if written.

    Parameters
    ----------
    out : path-like, optional
        Output folder (default ``reports/`` under the project root).
    root : path-like, optional
        Project root.
    pair : str
        ``REPORTER-PARTNER`` ISO3 codes, e.g. ``"RUS-CHN"`` or ``"RUS-IND"``; each
        section says precisely what the pair's data lack.
    formats : sequence of {"md", "html", "tex", "csv"}
        What to write; charts are written whenever a section draws them.

    Returns
    -------
    list of Path
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ArgumentError("formats", f"some of {', '.join(FORMATS)}", ", ".join(unknown))
    paths = resolve_paths(root)
    folder = Path(out) if out is not None else paths.reports
    checked = known_pair(pair, root=root)
    if checked not in configured_pairs(paths.data):
        raise ArgumentError("--pair", "a pair the tables were built for (" + ", ".join(
            str(p) for p in configured_pairs(paths.data)) + ")",
            f"{checked}: add it with `econ refresh --pair {checked}`, then run the report")
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".report-", dir=folder))
    try:
        _write_all(ReportContext(paths=paths, pair=checked, charts=staging / "charts"),
                   staging, formats)
        return _publish(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_all(context: ReportContext, staging: Path, formats: Sequence[str]) -> None:
    """Every file of the report, into the empty folder ``staging``."""
    sections = build_sections(context)
    title = _title(context)
    built = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    for section in sections:
        for table in section.tables:
            table.write(staging / "tables", formats)
    if "md" in formats:
        (staging / "report.md").write_text(_markdown(sections, title, built), encoding="utf-8")
    if "html" in formats:
        (staging / "report.html").write_text(_html(sections, title, built), encoding="utf-8")


def _publish(staging: Path, folder: Path) -> list[Path]:
    """Move the finished report from ``staging`` into ``folder``, replacing the last one.

    ``charts/`` and ``tables/`` are swapped whole (so no file of an earlier build is left
    beside the new ones); ``report.md`` and ``report.html`` are renamed over the old ones,
    HTML last. A build that fails before this step leaves the previous report untouched.
    """
    written: list[Path] = []
    for name in _FOLDERS:
        target, new = folder / name, staging / name
        if target.exists():
            target.rename(staging / f"{name}.old")
        if new.exists():
            new.rename(target)
            written += sorted(target.iterdir())
    for name in _PAGES:
        if (staging / name).exists():
            os.replace(staging / name, folder / name)
            written.append(folder / name)
        else:
            (folder / name).unlink(missing_ok=True)
    return written
