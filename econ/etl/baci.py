"""CEPII BACI (HS17, V202501): China-Russia rows, unchanged BACI columns ``t,i,j,k,v,q``.

``k`` is the HS2017 code stored as an integer, so leading zeros are lost (``10620`` is
``010620``); ``v`` is in thousands of US dollars; ``q`` in metric tons (empty when BACI
has no quantity).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.etl._read import lookup_codes, numeric_column, pad_hs, read_csv_checked

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["USD_PER_UNIT", "build_product_trade"]

USD_PER_UNIT = 1_000.0  # BACI v is in thousands of US dollars


def build_product_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_baci__yearly_product_trade``."""
    aliases = ctx.table(names.COUNTRY_ALIASES)
    path = ctx.files()[0]
    raw = read_csv_checked(path, required=["t", "i", "j", "k", "v", "q"])
    return pd.DataFrame({
        "year": numeric_column(raw, "t", path).astype("int64"),
        "exporter_iso3": lookup_codes(raw["i"], aliases, "baci", path=path, what="code"),
        "importer_iso3": lookup_codes(raw["j"], aliases, "baci", path=path, what="code"),
        "hs6": pad_hs(raw["k"], 6, path, "k"),
        "value_usd": (numeric_column(raw, "v", path) * USD_PER_UNIT).round(3),
        "quantity_t": numeric_column(raw, "q", path),
    })
