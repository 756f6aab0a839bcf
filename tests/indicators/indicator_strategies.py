"""Hypothesis strategies shared by the indicator tests: small tidy trade frames."""

from __future__ import annotations

import pandas as pd
from hypothesis import strategies as st

__all__ = ["COUNTRIES", "matrices", "positive_values", "scales", "value_lists"]

COUNTRIES = ["CHN", "DEU", "IND", "KAZ", "RUS", "TUR", "USA"]

#: trade values in any currency unit: zero allowed, no negatives, wide dynamic range
positive_values = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)

#: a currency change (USD -> thousands, -> RUB ...): indicators must not move
scales = st.sampled_from([1e-3, 0.5, 3.0, 1e3, 97.3])


def value_lists(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[list[float]]:
    """Lists of positive trade values."""
    return st.lists(positive_values, min_size=min_size, max_size=max_size)


@st.composite
def matrices(draw: st.DrawFn, *, products: int = 1, full: bool = False,
             values: st.SearchStrategy[float] = positive_values) -> pd.DataFrame:
    """A one-year trade matrix ``year, exporter_iso3, importer_iso3, hs6, value_usd``.

    ``full``: every off-diagonal pair and product present (values > 0); otherwise a
    random subset with at least one flow per exporter and per importer. ``values``
    draws each flow.
    """
    n = draw(st.integers(min_value=3, max_value=len(COUNTRIES)))
    countries = COUNTRIES[:n]
    codes = [f"{k:06d}" for k in range(1, products + 1)]
    rows = []
    for exporter in countries:
        for importer in countries:
            if exporter == importer:
                continue
            for hs6 in codes:
                if full or draw(st.booleans()):
                    rows.append((2020, exporter, importer, hs6, draw(values)))
    # a ring of flows so that every country both exports and imports
    for i, exporter in enumerate(countries):
        rows.append((2020, exporter, countries[(i + 1) % n], codes[0], draw(values)))
    frame = pd.DataFrame(rows, columns=["year", "exporter_iso3", "importer_iso3", "hs6",
                                        "value_usd"])
    return frame.groupby(["year", "exporter_iso3", "importer_iso3", "hs6"],
                         as_index=False)["value_usd"].sum()
