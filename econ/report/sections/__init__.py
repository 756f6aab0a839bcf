"""The report's sections in reading order.

The answers first, then the details, then the statistical appendix.
"""

from __future__ import annotations

from econ.report.sections.answers import balance_answer, energy_answer, share_answer
from econ.report.sections.appendix import (
    convergence_appendix,
    forecast_appendix,
    sources_appendix,
)
from econ.report.sections.base import Chart, Section, SectionBuilder
from econ.report.sections.details import (
    asymmetry_detail,
    balance_detail,
    energy_detail,
    gravity_detail,
    products_detail,
    quality_detail,
    sanctions_detail,
    shares_detail,
)

__all__ = ["SECTIONS", "Chart", "Section", "SectionBuilder"]

SECTIONS: tuple[SectionBuilder, ...] = (
    share_answer, energy_answer, balance_answer,
    shares_detail, balance_detail, asymmetry_detail, energy_detail, products_detail,
    sanctions_detail, gravity_detail, quality_detail,
    convergence_appendix, forecast_appendix, sources_appendix,
)
