"""Indicators: pure functions of core tables (tidy DataFrames in, tidy DataFrames out)."""

from __future__ import annotations

from econ.indicators.denominators import russia_import_bases
from econ.indicators.sanctions import chpl_by_tier, screen_listed_trade, top_listed_codes

__all__ = ["chpl_by_tier", "russia_import_bases", "screen_listed_trade", "top_listed_codes"]
