"""Harvard Growth Lab Atlas of Economic Complexity: country totals (HS92), 1988-2024.

Values are mirror-reconciled current US dollars. Russia stopped publishing trade in
2022: its 2022 and later totals are built from partners' reports (``is_mirror_estimate``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.errors import RawDataError
from econ.etl._read import display_path, numeric_column, read_csv_checked

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["RUSSIA_STOPPED_REPORTING", "build_country_trade"]

#: First year Russia published no trade statistics of its own.
RUSSIA_STOPPED_REPORTING = 2022


def build_country_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_atlas__yearly_country_trade`` from the newest version of the file.

    The catalog passes only that one.
    """
    (path,) = ctx.files()
    ctx.note(f"{display_path(path)}: the newest version of the Atlas country-year file")
    raw = read_csv_checked(path, required=["country_iso3_code", "year", "export_value",
                                           "import_value"])
    known = set(ctx.table(names.COUNTRIES, columns=["iso3"])["iso3"])
    codes = raw["country_iso3_code"].str.strip()
    unknown = ~codes.isin(known)
    if unknown.any():
        raise RawDataError(display_path(path), row=int(unknown.idxmax()) + 2,
                           column="country_iso3_code",
                           expected="an ISO3 or reviewed group code",
                           found=repr(codes[unknown].iloc[0]),
                           hint="Add it to econ/etl/reference/country_groups.csv after review.")
    year = numeric_column(raw, "year", path).astype("int64")
    return pd.DataFrame({
        "iso3": codes,
        "year": year,
        "exports_usd": numeric_column(raw, "export_value", path),
        "imports_usd": numeric_column(raw, "import_value", path),
        "is_mirror_estimate": (codes == "RUS") & (year >= RUSSIA_STOPPED_REPORTING),
    })
