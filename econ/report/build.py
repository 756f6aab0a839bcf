"""``econ report``: the report a reader can trust, from the out tables.

The report is assembled from sections (``econ.report.sections``). Each section reads
out tables, never raw files, and returns its tables, charts and headline sentences; a
section whose tables are not built (or do not apply to the pair) says so instead of
being faked. Output: ``report.md``, a self-contained ``report.html`` (charts embedded),
``tables/*.csv`` and ``tables/*.tex`` (booktabs), ``charts/*.png``. Tables are
deterministic: the build time appears only in the report's header.
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from econ import names
from econ.data import load
from econ.pairs import Pair, check_codes, parse_pair
from econ.paths import resolve_paths
from econ.report.sections import SECTIONS, ReportContext, Section

__all__ = ["FORMATS", "build_report"]

FORMATS = ("md", "html", "tex", "csv")
_CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1000px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
caption{text-align:left;font-weight:bold;margin-bottom:0.3em}
th,td{border-bottom:1px solid #ddd;padding:3px 8px}th{border-bottom:2px solid #555}
td.num{text-align:right;font-variant-numeric:tabular-nums}
p.source{font-size:0.78em;color:#555;margin-top:-0.6em}
.na{color:#8a5a00;background:#fff6e0;padding:0.5em}
img{max-width:100%}figure{margin:1em 0}figcaption{font-size:0.8em;color:#555}
"""


def _checked_pair(text: str, root: str | os.PathLike[str] | None) -> Pair:
    """The ``--pair`` argument, both codes checked against ``core_codes__countries``."""
    pair = parse_pair(text)
    countries = load(names.COUNTRIES, columns=["iso3", "kind"], root=root)
    return check_codes(pair, countries.loc[countries["kind"] != "group", "iso3"])


def _markdown(sections: Sequence[Section], title: str, built: str) -> str:
    lines = [f"# {title}", "", f"*Built {built} from the econ out tables.*", "",
             "## Summary", ""]
    lines += [f"- {h}" for s in sections for h in s.headlines] or ["- (no headline numbers)"]
    for section in sections:
        lines += ["", f"## {section.title}", ""]
        if section.unavailable:
            lines += [f"> Not available: {section.unavailable}", ""]
            continue
        lines += [section.text, ""]
        for chart in section.charts:
            lines += [f"![{chart.caption}](charts/{chart.path.name})", "",
                      f"*{chart.caption}*", ""]
        lines += [t.to_markdown() for t in section.tables]
    return "\n".join(lines) + "\n"


def _html(sections: Sequence[Section], title: str, built: str) -> str:
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
             f"</title><style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>",
             f"<p><em>Built {html.escape(built)} from the econ out tables.</em></p>",
             "<h2>Summary</h2><ul>"]
    parts += [f"<li>{html.escape(h)}</li>" for s in sections for h in s.headlines]
    parts.append("</ul>")
    for section in sections:
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        if section.unavailable:
            parts.append(f'<p class="na">Not available: {html.escape(section.unavailable)}</p>')
            continue
        parts.append(f"<p>{html.escape(section.text)}</p>")
        for chart in section.charts:
            data = base64.b64encode(chart.path.read_bytes()).decode()
            parts.append(f'<figure><img alt="{html.escape(chart.caption)}" '
                         f'src="data:image/png;base64,{data}"><figcaption>'
                         f"{html.escape(chart.caption)}</figcaption></figure>")
        parts += [t.to_html() for t in section.tables]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


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
        ``REPORTER-PARTNER`` ISO3 codes, e.g. ``"RUS-CHN"`` (Russia's dependence on China)
        or ``"USA-RUS"``; sections that need Russia-China-only data say so for others.
    formats : sequence of {"md", "html", "tex", "csv"}
        What to write; charts are written whenever a section draws them.

    Returns
    -------
    list of Path
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown report formats {unknown}; choose from {list(FORMATS)}")
    paths = resolve_paths(root)
    folder = Path(out) if out is not None else paths.reports
    reporter, partner = _checked_pair(pair, root).codes
    context = ReportContext(paths=paths, reporter=reporter, partner=partner,
                            charts=folder / "charts")
    sections = [section(context) for section in SECTIONS]
    title = f"{reporter} and {partner}: dependence, asymmetry and balance"
    built = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    written: list[Path] = [c.path for s in sections for c in s.charts]
    for section in sections:
        for table in section.tables:
            written += table.write(folder / "tables", formats)
    if "md" in formats:
        target = folder / "report.md"
        target.write_text(_markdown(sections, title, built), encoding="utf-8")
        written.append(target)
    if "html" in formats:
        target = folder / "report.html"
        target.write_text(_html(sections, title, built), encoding="utf-8")
        written.append(target)
    return written
