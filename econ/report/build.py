"""``econ report``: write the report files from the built tables.

Until the full report lands, the report is ``tables.md``: one line per table with its
rows, the years it covers and its sources, read from the Parquet provenance.
"""

from __future__ import annotations

import os
from pathlib import Path

from econ.data import tables
from econ.paths import resolve_paths

__all__ = ["build_report"]


def _markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def build_report(*, out: str | os.PathLike[str] | None = None,
                 root: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write the report and return the paths written.

    Parameters
    ----------
    out : path-like, optional
        Output folder (default ``reports/`` under the project root).
    root : path-like, optional
        Project root.

    Returns
    -------
    list of Path
    """
    paths = resolve_paths(root)
    folder = Path(out) if out is not None else paths.reports
    folder.mkdir(parents=True, exist_ok=True)
    listing = tables(root=paths.root)
    lines = [
        "# econ tables",
        "",
        _markdown_row(["table", "rows", "years", "sources", "description"]),
        _markdown_row(["---", "---:", "---", "---", "---"]),
    ]
    for row in listing.itertuples(index=False):
        rows = "not built" if row.rows is None or str(row.rows) == "<NA>" else f"{row.rows:,}"
        lines.append(_markdown_row([row.name, rows, row.years, row.sources, row.description]))
    target = folder / "tables.md"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [target]
