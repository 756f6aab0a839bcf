"""Catalog entries of the out tables, one module per question."""
