"""Report building: tables (Markdown, HTML, LaTeX, CSV) and charts, with their sources."""

from __future__ import annotations

from econ.report.build import build_report

__all__ = ["build_report"]
