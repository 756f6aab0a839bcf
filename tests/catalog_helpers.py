"""Test helper: what the catalog says depends on what."""

from __future__ import annotations

from econ.catalog import TABLES

__all__ = ["downstream"]


def downstream(*names: str) -> set[str]:
    """``names`` and every table built from them, directly or not."""
    found = set(names)
    for spec in TABLES:  # the catalog is in build order
        if found & set(spec.upstream):
            found.add(spec.name)
    return found
