"""econ: how dependent is Russia on China, and is their trade moving toward balance?

Load tidy tables built from public trade data, compute dependence indicators, and run
tested econometrics on them.

Examples
--------
>>> import econ
>>> econ.refresh()  # doctest: +SKIP
>>> dots = econ.load("core_imf_dots__yearly_bilateral_trade",
...                  filters={"reporter_iso3": "RUS", "partner_iso3": ["CHN", "WLD"]})
... # doctest: +SKIP
"""

from __future__ import annotations

from econ import names
from econ._version import __version__
from econ.data import check_manifest, load, provenance, tables, validate
from econ.refresh import refresh

__all__ = [
    "__version__",
    "check_manifest",
    "load",
    "names",
    "provenance",
    "refresh",
    "tables",
    "validate",
]
