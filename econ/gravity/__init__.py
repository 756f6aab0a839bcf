"""Structural gravity: PPML with high-dimensional fixed effects (pyfixest)."""

from __future__ import annotations

from econ.gravity.estimate import GravityResult, VcovKind, drop_separated, fit_ppml

__all__ = ["GravityResult", "VcovKind", "drop_separated", "fit_ppml"]
