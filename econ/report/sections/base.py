"""What a section contributes, and the formatting every section shares.

A section is a small function of a :class:`~econ.report.context.ReportContext` that reads
out tables and returns a :class:`Section`: paragraphs built from the tables' numbers,
tables, charts and, where the pair has no data for it, a ``missing`` sentence saying
exactly what is missing. Sections never read raw files and never recompute an answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from econ.names import RECIPROCITY_BAND
from econ.report.context import ReportContext
from econ.report.labels import prose
from econ.report.tables import Table

__all__ = ["BAND_TEXT", "Chart", "Part", "Section", "SectionBuilder", "bn", "factor_range",
           "pct", "pp", "signed"]

Part = Literal["answers", "details", "appendix"]
#: the band around balance the tests and forecasts use (names.RECIPROCITY_BAND), in words
BAND_TEXT = f"±{RECIPROCITY_BAND:.2f}"


@dataclass(frozen=True)
class Chart:
    """A chart file, its caption (the finding) and its alternative text."""

    path: Path
    caption: str


@dataclass(frozen=True)
class Section:
    """One section of the report.

    Attributes
    ----------
    key : str
        Anchor (``id`` in HTML).
    title : str
        Heading: the question the section answers.
    part : {"answers", "details", "appendix"}
    paragraphs : tuple of str
        The answer in words, numbers from the out tables.
    tables, charts : tuple
    missing : str
        Set when the pair has no data for the section: what is missing, precisely.
    """

    key: str
    title: str
    part: Part
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    missing: str = ""
    headline: str = field(default="")

    def __post_init__(self) -> None:
        """Every text as prose (capitalised, possessives of names ending in "s")."""
        for name in ("title", "missing", "headline"):
            object.__setattr__(self, name, prose(getattr(self, name)))
        object.__setattr__(self, "paragraphs", tuple(prose(p) for p in self.paragraphs))


SectionBuilder = Callable[[ReportContext], Section]


def _nan(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or bool(
        pd.isna(value))


def pct(value: float | None, digits: int = 1) -> str:
    """0.382 -> '38.2%'; missing -> '–'."""
    return "–" if _nan(value) else f"{100 * float(value):.{digits}f}%"  # type: ignore[arg-type]


def pp(value: float | None, digits: int = 1) -> str:
    """0.024 -> '2.4 points' (percentage points)."""
    return "–" if _nan(value) else f"{100 * float(value):.{digits}f} points"  # type: ignore[arg-type]


def bn(value: float | None, digits: int = 1) -> str:
    """1.234e11 -> '123.4' (USD billion); missing -> '–'."""
    return "–" if _nan(value) else f"{float(value) / 1e9:,.{digits}f}"  # type: ignore[arg-type]


def signed(value: float | None, digits: int = 3) -> str:
    """0.031 -> '+0.031'; missing -> '–'."""
    return "–" if _nan(value) else f"{float(value):+.{digits}f}"  # type: ignore[arg-type]


def factor_range(robust: pd.DataFrame) -> str:
    """The CIF/FOB factors the robustness table varied, read from its rows.

    Examples
    --------
    >>> factor_range(pd.DataFrame({"cif_fob_factor": [1.0, 1.06, 1.1]}))
    '1.00 to 1.10'
    >>> factor_range(pd.DataFrame({"cif_fob_factor": []}))
    'none (no robustness rows)'
    """
    factors = robust["cif_fob_factor"].dropna()
    if factors.empty:
        return "none (no robustness rows)"
    return f"{factors.min():.2f} to {factors.max():.2f}"
