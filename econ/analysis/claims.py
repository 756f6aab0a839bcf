"""Claims in the news, judged on the data: one primary answer, its range, the same year.

"China supplies up to 40% of Russia's imports" is judged on one *primary* basis chosen
for a stated reason (:data:`PRIMARY_ORDER`), in that basis' latest year, with the range
across the like-for-like bases of the **same** year. Bases whose denominators are known
to run low, or that measure something else, are shown apart with the reason
(:data:`APART`). Nothing is chosen by its value: the primary is the first basis of a
declared order that the data have, and every basis is judged against the threshold in
the same year, as below, about (within the valuation margin) or above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from econ import names
from econ.pairs import Pair

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["APART", "ASSESSMENT_COLUMNS", "CLAIMS", "PRIMARY_ORDER", "ShareClaim",
           "build_share_assessment", "judge", "share_assessment", "valuation_margin"]

Role = Literal["primary", "like_for_like", "apart"]
Judgement = Literal["below", "about", "above"]


@dataclass(frozen=True)
class ShareClaim:
    """A claim about the partner's share of the reporter's imports.

    Attributes
    ----------
    claim_id : str
        Short name.
    pair : Pair
    text : str
        The claim as commentators put it.
    threshold : float
        The share it names (0-1).
    """

    claim_id: str
    pair: Pair
    text: str
    threshold: float


CLAIMS: tuple[ShareClaim, ...] = (
    ShareClaim("china_up_to_40pct", Pair("RUS", "CHN"),
               "China supplies up to 40% of Russia's imports", 0.40),
)

#: the primary basis, first that the data have: the partner's own customs report of its
#: exports over the reporter's balance-of-payments goods imports is FOB on both sides and
#: covers the years since the reporter stopped publishing; then the reporter's customs
#: totals, then its own reports
PRIMARY_ORDER = ("partner_over_bop", "partner_over_customs", "reporter_customs",
                 "reporter_dots")

#: bases shown apart, and why
APART = {
    "partner_over_mirror": "its denominator is partners' mirror data, which run below the "
                           "reporter's own totals (the share is biased upward)",
    "baci_over_atlas": "a modelled reconciliation over Harvard Atlas totals, which are mirror "
                       "estimates for Russia from 2022 and run about a quarter below its "
                       "balance of payments",
    "partner_over_goods_and_services": "its denominator includes services: a lower bound "
                                       "for the goods share",
}

ASSESSMENT_COLUMNS = ["reporter_iso3", "partner_iso3", "year", "basis", "share", "role",
                      "preference", "reason_apart", "is_headline_year", "is_comparison_year",
                      "claim_id", "threshold", "tolerance", "judgement"]


def valuation_margin(threshold: float, *, cif_fob: float = names.CIF_FOB_FACTOR) -> float:
    """How far a share near ``threshold`` moves between CIF and FOB valuation.

    This is the band within which the share is "about" the threshold.

    >>> round(valuation_margin(0.40), 3)
    0.024
    """
    return threshold * (cif_fob - 1.0)


def judge(share: float, threshold: float, tolerance: float) -> Judgement:
    """Below, about or above ``threshold`` (about: within ``tolerance``).

    >>> judge(0.382, 0.40, 0.024), judge(0.366, 0.40, 0.024), judge(0.505, 0.40, 0.024)
    ('about', 'below', 'above')
    """
    if share < threshold - tolerance:
        return "below"
    if share > threshold + tolerance:
        return "above"
    return "about"


def _role(basis: str) -> Role:
    return "like_for_like" if basis in PRIMARY_ORDER else "apart"


def _pair_assessment(rows: pd.DataFrame, claim: ShareClaim | None) -> pd.DataFrame:
    rows = rows.assign(role=rows["basis"].map(_role),
                       preference=rows["basis"].map(
                           {b: k for k, b in enumerate(PRIMARY_ORDER, start=1)}),
                       reason_apart=rows["basis"].map(APART).fillna(""))
    like = rows[rows["role"] == "like_for_like"]
    headline = int(like["year"].max()) if not like.empty else None
    counts = like.groupby("year")["basis"].nunique()
    several = counts[counts >= 2]
    comparison = int(several.index.max()) if not several.empty else None
    if headline is not None:
        in_year = like[like["year"] == headline]
        primary = min(in_year["basis"], key=PRIMARY_ORDER.index)
        rows.loc[(rows["year"] == headline) & (rows["basis"] == primary), "role"] = "primary"
    rows["is_headline_year"] = rows["year"] == headline
    rows["is_comparison_year"] = rows["year"] == comparison
    if claim is None:
        return rows.assign(claim_id="", threshold=np.nan, tolerance=np.nan, judgement="")
    tolerance = valuation_margin(claim.threshold)
    return rows.assign(claim_id=claim.claim_id, threshold=claim.threshold, tolerance=tolerance,
                       judgement=[judge(s, claim.threshold, tolerance) for s in rows["share"]])


def share_assessment(shares: pd.DataFrame, pairs: Sequence[Pair],
                     claims: Sequence[ShareClaim] = CLAIMS) -> pd.DataFrame:
    """Every share with its role, the headline and comparison years, and a claim's judgement.

    The judgement is filled in where a claim names the pair.

    Parameters
    ----------
    shares : DataFrame
        ``out_shares__yearly_partner_share_of_imports``.
    pairs : sequence of Pair
    claims : sequence of ShareClaim

    Returns
    -------
    DataFrame
        :data:`ASSESSMENT_COLUMNS`. ``is_headline_year``: the latest year with a
        like-for-like basis (the primary basis is the first of :data:`PRIMARY_ORDER` in
        it); ``is_comparison_year``: the latest year with at least two.
    """
    by_pair = {c.pair: c for c in claims}
    parts = []
    for pair in pairs:
        rows = shares[(shares["reporter_iso3"] == pair.reporter)
                      & (shares["partner_iso3"] == pair.partner)]
        if not rows.empty:
            parts.append(_pair_assessment(rows[["reporter_iso3", "partner_iso3", "year",
                                                "basis", "share"]], by_pair.get(pair)))
    if not parts:
        return pd.DataFrame(columns=ASSESSMENT_COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    table["preference"] = table["preference"].astype("Int64")
    return table[ASSESSMENT_COLUMNS]


def build_share_assessment(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_shares__claim_assessment`` for every configured pair."""
    return share_assessment(ctx.table(names.SHARES), ctx.pairs)
