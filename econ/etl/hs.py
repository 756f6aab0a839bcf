"""Harmonized System products: HS2017 (BACI's list) and HS2022 (UN Comtrade via datahub).

Each product gets its chapter (``hs2``), heading (``hs4``) and section. BEC codes come
from the UNSD HS2017-BEC concordance (``hs17_bec.csv``); where a product maps to several
BEC codes (relationship ``n:n``) they are all kept, ';'-separated. The ``bec`` column of
``product_codes.csv`` was added by a third party and is not used. HS2022 products carry
no BEC code: no HS2022-BEC table is shipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ.errors import RawDataError
from econ.etl._read import display_path, pad_hs, read_csv_checked

if TYPE_CHECKING:
    from econ.refresh import BuildContext

__all__ = ["build_products"]

_BACI = "cepii_baci_meta/product_codes.csv"
_BEC = "cepii_baci_meta/hs17_bec.csv"
_HS22 = "code_tables/datahub_harmonized_system/harmonized-system.csv"


def _sections(hs: pd.DataFrame) -> dict[str, str]:
    chapters = hs[hs["level"] == "2"]
    return dict(zip(chapters["hscode"], chapters["section"], strict=True))


def build_products(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_hs__products``."""
    hs_path = ctx.file(_HS22)
    hs = read_csv_checked(hs_path, required=["section", "hscode", "description", "parent",
                                             "level"])
    sections = _sections(hs)
    six = hs[hs["level"] == "6"]
    hs22 = pd.DataFrame({"hs6": pad_hs(six["hscode"], 6, hs_path, "hscode"),
                         "hs_revision": "HS2022", "description": six["description"],
                         "bec": None})
    baci_path = ctx.file(_BACI)
    baci = read_csv_checked(baci_path, required=["code", "description"])
    bec = read_csv_checked(ctx.file(_BEC), required=["HS 2017", "BEC"])
    bec_codes = bec.groupby(pad_hs(bec["HS 2017"], 6, ctx.file(_BEC), "HS 2017"))["BEC"].agg(
        lambda codes: ";".join(sorted(set(codes), key=lambda c: (len(c), c))))
    hs17 = pd.DataFrame({"hs6": pad_hs(baci["code"], 6, baci_path, "code"),
                         "hs_revision": "HS2017", "description": baci["description"]})
    hs17["bec"] = hs17["hs6"].map(bec_codes)
    table = pd.concat([hs17, hs22], ignore_index=True)
    table["hs4"] = table["hs6"].str[:4]
    table["hs2"] = table["hs6"].str[:2]
    table["section"] = table["hs2"].map(sections)
    orphan = table["section"].isna()
    if orphan.any():
        raise RawDataError(display_path(hs_path), expected="a chapter row (level 2) for every "
                           "product's first two digits",
                           found=f"no chapter {table.loc[orphan, 'hs2'].iloc[0]!r}")
    return table[["hs6", "hs_revision", "hs4", "hs2", "description", "section", "bec"]]
