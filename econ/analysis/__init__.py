"""Builders of the ``out_*`` tables: indicators computed from core tables by refresh."""

__all__: list[str] = []  # the builders live in the submodules; the catalog names them
