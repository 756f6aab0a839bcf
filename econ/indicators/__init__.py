"""Indicators: pure functions of core tables (tidy DataFrames in, tidy DataFrames out)."""

from __future__ import annotations

from econ.indicators.denominators import russia_import_bases

__all__ = ["russia_import_bases"]
