"""Correlates of War Trade v4.0, national totals (``National_COW_4.0.csv``), 1870-2014.

Values are current US dollars, millions; missing values are empty cells (the codebook's
-9 is also read as missing). COW state codes are mapped to ISO3 by year through the
reviewed ``cow_codes.csv`` (365 is the USSR before 1992 and Russia after).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from econ import names
from econ.etl._read import lookup_codes, numeric_column, read_csv_checked

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["MISSING", "USD_PER_UNIT", "build_national_trade"]

USD_PER_UNIT = 1_000_000.0
MISSING = {"-9": np.nan, "-9.0": np.nan}


def build_national_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_cow__yearly_national_trade``."""
    path = ctx.files()[0]
    raw = read_csv_checked(path, required=["ccode", "year", "imports", "exports",
                                           "alt_imports", "alt_exports", "source1", "source2"])
    code = numeric_column(raw, "ccode", path).astype("int64").astype(str)
    year = numeric_column(raw, "year", path).astype("int64")
    aliases = ctx.table(names.COUNTRY_ALIASES)

    def usd(column: str) -> pd.Series:
        return (numeric_column(raw, column, path, markers=MISSING) * USD_PER_UNIT).round(0)

    return pd.DataFrame({
        "cow_code": code,
        "year": year,
        "iso3": lookup_codes(code, aliases, "cow", path=path, what="code", years=year),
        "imports_usd": usd("imports"),
        "exports_usd": usd("exports"),
        "alt_imports_usd": usd("alt_imports"),
        "alt_exports_usd": usd("alt_exports"),
        "source1": raw["source1"],
        "source2": raw["source2"],
    })
