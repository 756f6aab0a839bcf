"""Report building: tables (Markdown, HTML, LaTeX, CSV) and charts, with their sources."""

from __future__ import annotations

from econ.report.build import FORMATS, build_report

__all__ = ["FORMATS", "build_report"]
