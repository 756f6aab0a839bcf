"""Catalog entries of the core tables, one module per source."""
