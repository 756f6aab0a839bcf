"""UN Comtrade API extract (Comtrade+ v1 ``getData``, 47-column final-data layout).

The file holds China's monthly imports from Russia, ``cmdCode`` TOTAL, 2017-01 to
2024-12. Reporter and partner are M49-based Comtrade codes (156, 643); imports are valued
CIF (``primaryValue`` equals ``cifvalue`` for imports, which the loader checks).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.errors import RawDataError
from econ.etl._read import display_path, lookup_codes, numeric_column, read_csv_checked

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["build_monthly_bilateral_trade"]

_FLOWS = {"M": ("imports", "cif", "cifvalue"), "X": ("exports", "fob", "fobvalue")}
_REQUIRED = ["freqCode", "refYear", "refMonth", "reporterCode", "flowCode", "partnerCode",
             "partner2Code", "classificationCode", "cmdCode", "customsCode", "motCode",
             "cifvalue", "fobvalue", "primaryValue"]


def _expect_constant(frame: pd.DataFrame, column: str, value: str, path: Path) -> None:
    bad = frame[frame[column].str.strip() != value]
    if not bad.empty:
        raise RawDataError(display_path(path), row=int(bad.index[0]) + 2, column=column,
                           expected=f"{value!r} (monthly totals of all goods, all partners2, "
                           "customs procedures and transport modes)",
                           found=repr(bad[column].iloc[0]),
                           hint="This loader reads TOTAL monthly extracts only.")


def build_monthly_bilateral_trade(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_comtrade__monthly_bilateral_trade``."""
    aliases = ctx.table(names.COUNTRY_ALIASES)
    parts = []
    for path in ctx.files():
        raw = read_csv_checked(path, required=_REQUIRED)
        for column, value in (("freqCode", "M"), ("cmdCode", "TOTAL"), ("partner2Code", "0"),
                              ("customsCode", "C00"), ("motCode", "0")):
            _expect_constant(raw, column, value, path)
        unknown = raw[~raw["flowCode"].isin(list(_FLOWS))]
        if not unknown.empty:
            raise RawDataError(display_path(path), row=int(unknown.index[0]) + 2,
                               column="flowCode", expected=f"one of {list(_FLOWS)}",
                               found=repr(unknown["flowCode"].iloc[0]))
        primary = numeric_column(raw, "primaryValue", path)
        for code, (_, _, basis) in _FLOWS.items():
            rows = raw["flowCode"] == code
            if not rows.any():
                continue
            basis_value = numeric_column(raw[rows], basis, path)
            if not (basis_value == primary[rows]).all():
                raise RawDataError(display_path(path), column="primaryValue",
                                   expected=f"primaryValue equal to {basis} for flow {code}",
                                   found="rows where they differ",
                                   hint="Check which valuation this extract reports.")
        year = numeric_column(raw, "refYear", path).astype("int64")
        month = numeric_column(raw, "refMonth", path).astype("int64")
        parts.append(pd.DataFrame({
            "reporter_iso3": lookup_codes(raw["reporterCode"], aliases, "comtrade", path=path,
                                          what="code"),
            "partner_iso3": lookup_codes(raw["partnerCode"], aliases, "comtrade", path=path,
                                         what="code"),
            "flow": raw["flowCode"].map(lambda c: _FLOWS[c][0]),
            "period": pd.to_datetime({"year": year, "month": month, "day": 1}),
            "valuation": raw["flowCode"].map(lambda c: _FLOWS[c][1]),
            "value_usd": primary,
            "classification": raw["classificationCode"].str.strip(),
        }))
    return pd.concat(parts, ignore_index=True)
