"""Every source ``econ fetch`` knows, by name, in the order runs list them."""

from __future__ import annotations

from econ.fetch.base import Fetcher
from econ.fetch.cbr import BankOfRussia
from econ.fetch.pink_sheet import PinkSheet

__all__ = ["SOURCES"]

SOURCES: dict[str, Fetcher] = {f.info.name: f for f in (
    BankOfRussia(),
    PinkSheet(),
)}
