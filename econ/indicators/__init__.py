"""Indicators: generic math over tidy frames (any reporter, partner or product).

Recipes that combine particular core tables into answers live in :mod:`econ.analysis`.
"""

from __future__ import annotations

from econ.indicators.asymmetry import asymmetric_dependence, barbieri_interdependence
from econ.indicators.balance import (
    balance_indicators,
    coverage_ratio,
    log_ratio,
    normalised_balance,
)
from econ.indicators.concentration import compute_hhi
from econ.indicators.intensity import trade_intensity
from econ.indicators.intra_industry import grubel_lloyd, grubel_lloyd_aggregate
from econ.indicators.mirror import CIF_FOB_FACTOR, mirror_discrepancy, mirror_panel
from econ.indicators.sanctions import chpl_by_tier, screen_listed_trade, top_listed_codes
from econ.indicators.screen import (
    ScreenThresholds,
    bilateral_screen,
    dependence_screen,
    importer_screen_table,
)
from econ.indicators.shares import partner_shares, total_trade_shares, trade_to_gdp
from econ.indicators.structure import balassa_rca, export_similarity, trade_complementarity

__all__ = [
    "CIF_FOB_FACTOR",
    "ScreenThresholds",
    "asymmetric_dependence",
    "balance_indicators",
    "balassa_rca",
    "barbieri_interdependence",
    "bilateral_screen",
    "chpl_by_tier",
    "compute_hhi",
    "coverage_ratio",
    "dependence_screen",
    "export_similarity",
    "grubel_lloyd",
    "grubel_lloyd_aggregate",
    "importer_screen_table",
    "log_ratio",
    "mirror_discrepancy",
    "mirror_panel",
    "normalised_balance",
    "partner_shares",
    "screen_listed_trade",
    "top_listed_codes",
    "total_trade_shares",
    "trade_complementarity",
    "trade_intensity",
    "trade_to_gdp",
]
