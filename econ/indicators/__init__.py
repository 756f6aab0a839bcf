"""Indicators: pure functions of core tables (tidy DataFrames in, tidy DataFrames out)."""

from __future__ import annotations

from econ.indicators.asymmetry import asymmetric_dependence, barbieri_interdependence
from econ.indicators.concentration import compute_hhi
from econ.indicators.denominators import russia_import_bases
from econ.indicators.intensity import trade_intensity
from econ.indicators.intra_industry import grubel_lloyd, grubel_lloyd_aggregate
from econ.indicators.screen import bilateral_screen, dependence_screen
from econ.indicators.structure import balassa_rca, export_similarity, trade_complementarity

__all__ = [
    "asymmetric_dependence",
    "balassa_rca",
    "barbieri_interdependence",
    "bilateral_screen",
    "compute_hhi",
    "dependence_screen",
    "export_similarity",
    "grubel_lloyd",
    "grubel_lloyd_aggregate",
    "russia_import_bases",
    "trade_complementarity",
    "trade_intensity",
]
