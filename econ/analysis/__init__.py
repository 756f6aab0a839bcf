"""Builders of the ``out_*`` tables: indicators computed from core tables by refresh."""
