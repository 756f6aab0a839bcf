"""What every report section receives: the pair, where things are, names and sources.

Sections read out tables (and the code table for the economies' names) through
:class:`ReportContext`; sources are cited by their publishers, found by walking each
table's provenance down to the core tables it was built from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from econ import names
from econ.data import load, provenance
from econ.errors import UnknownTableError
from econ.pairs import Pair
from econ.paths import Paths

__all__ = ["ReportContext"]

#: names read better in a sentence than the code table's short forms
_DISPLAY = {"USA": "the United States", "GBR": "the United Kingdom"}


@dataclass
class ReportContext:
    """The pair the report is about, and access to the built tables.

    Parameters
    ----------
    paths : Paths
    pair : Pair
    charts : Path
        Folder the charts are written to.
    """

    paths: Paths
    pair: Pair
    charts: Path
    _cache: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def reporter(self) -> str:
        """ISO3 of the reporter."""
        return self.pair.reporter

    @property
    def partner(self) -> str:
        """ISO3 of the partner."""
        return self.pair.partner

    def load(self, name: str, **kwargs: Any) -> pd.DataFrame:
        """An out table (all rows, or ``filters``/``columns`` as for :func:`econ.load`)."""
        key = (name, repr(sorted(kwargs.items())))
        if key not in self._cache:
            self._cache[key] = load(name, root=self.paths.root, explain_empty=False, **kwargs)
        return self._cache[key].copy()

    def pair_rows(self, name: str) -> pd.DataFrame:
        """The rows of an out table keyed by pair that belong to this pair."""
        return self.load(name, filters={"reporter_iso3": self.reporter,
                                        "partner_iso3": self.partner})

    def has(self, name: str) -> bool:
        """Whether the table is built."""
        try:
            provenance(name, root=self.paths.root)
        except UnknownTableError:
            return False
        return True

    @cached_property
    def _names(self) -> dict[str, str]:
        codes = self.load(names.COUNTRIES, columns=["iso3", "name"])
        return dict(zip(codes["iso3"], codes["name"], strict=True))

    def name(self, iso3: str) -> str:
        """The economy's name for a sentence (``RUS`` -> ``Russia``)."""
        return _DISPLAY.get(iso3, self._names.get(iso3, iso3))

    def possessive(self, iso3: str) -> str:
        """``Russia's``."""
        return f"{self.name(iso3)}'s"

    def publishers(self, *tables: str) -> list[str]:
        """Citations of the core tables behind ``tables`` (publishers, not folders)."""
        found: dict[str, None] = {}
        todo, seen = list(tables), set()
        while todo:
            name = todo.pop(0)
            if name in seen or not self.has(name):
                continue
            seen.add(name)
            meta = provenance(name, root=self.paths.root)
            # code tables name economies, they are not the data; empty tables (releases not
            # fetched yet) supplied nothing
            if (name.startswith("core_") and name not in (names.COUNTRIES, names.COUNTRY_ALIASES)
                    and meta.get("rows")):
                found[meta["citation"]] = None
            todo.extend(u["table"] for u in meta["upstream"])
        return list(found)

    def source_line(self, table: str, *cores: str) -> str:
        """``Sources: publisher; publisher. econ table: NAME.`` for a chart or table.

        ``cores``: the core tables whose numbers the chart or table shows (their
        publishers are cited); without them every core table behind ``table`` is.
        """
        cited = [c for core in cores for c in self.publishers(core)] if cores else \
            self.publishers(table)
        return ("Sources: " + "; ".join(dict.fromkeys(cited)) + f". econ table: {table}.")
