"""econ.analysis.claims: the primary basis by declared order, every basis judged in the
same year, "about" within the valuation margin."""

from __future__ import annotations

import pytest
from inline import table

from econ.analysis.claims import (
    APART,
    PRIMARY_ORDER,
    ShareClaim,
    judge,
    share_assessment,
    valuation_margin,
)
from econ.pairs import Pair

RUS_CHN = Pair("RUS", "CHN")
CLAIM = ShareClaim("up_to_40", RUS_CHN, "up to 40%", 0.40)

#: 2023: three like-for-like bases (the customs one highest) and two shown apart (one of
#: them the highest of all); 2024: one like-for-like basis and one apart
SHARES = """
    reporter_iso3,partner_iso3,year,basis,share
    RUS,CHN,2023,partner_over_bop,0.366
    RUS,CHN,2023,partner_over_customs,0.413
    RUS,CHN,2023,reporter_customs,0.300
    RUS,CHN,2023,baci_over_atlas,0.505
    RUS,CHN,2023,partner_over_goods_and_services,0.300
    RUS,CHN,2024,partner_over_customs,0.382
    RUS,CHN,2024,partner_over_goods_and_services,0.301
    """


def _assess(text: str = SHARES):
    return share_assessment(table(text), [RUS_CHN], [CLAIM]).set_index(["year", "basis"])


def test_the_margin_is_how_far_valuation_moves_the_share() -> None:
    """0.40 x (1.06 - 1) = 0.024; with a factor of 1.10, 0.04."""
    assert valuation_margin(0.40) == pytest.approx(0.024)
    assert valuation_margin(0.40, cif_fob=1.10) == pytest.approx(0.04)


@pytest.mark.parametrize(("share", "expected"), [
    (0.375, "below"), (0.376, "about"), (0.40, "about"), (0.424, "about"), (0.425, "above")])
def test_judge_at_the_edges_of_the_margin(share: float, expected: str) -> None:
    assert judge(share, 0.40, 0.024) == expected


def test_primary_is_the_first_declared_basis_in_the_headline_year_not_the_largest() -> None:
    """The headline year is the latest with a like-for-like basis (2024); its primary is
    the first of PRIMARY_ORDER it has (partner_over_customs, since partner_over_bop is
    missing in 2024), although it is not chosen for its value."""
    assessed = _assess()
    primary = assessed[assessed.role == "primary"]
    assert primary.index.tolist() == [(2024, "partner_over_customs")]
    assert assessed["is_headline_year"].groupby(level="year").all().to_dict() == {
        2023: False, 2024: True}


def test_primary_follows_the_order_when_the_largest_is_later_in_it() -> None:
    """2023 only: partner_over_bop (0.366) is primary although partner_over_customs
    (0.413) and baci_over_atlas (0.505) are larger."""
    only_2023 = "\n".join(line for line in SHARES.splitlines() if "2024" not in line)
    assessed = _assess(only_2023)
    assert assessed[assessed.role == "primary"].index.tolist() == [(2023, "partner_over_bop")]
    assert PRIMARY_ORDER.index("partner_over_bop") < PRIMARY_ORDER.index("partner_over_customs")


def test_comparison_year_has_two_like_for_like_bases_and_each_is_judged_in_it() -> None:
    """2024 has one like-for-like basis, so the range is read in 2023 (three): every row
    of that year judged against 40% with the margin, below/about/above."""
    assessed = _assess()
    comparison = assessed[assessed.is_comparison_year]
    assert set(comparison.index.get_level_values("year")) == {2023}
    assert comparison["judgement"].to_dict() == {
        (2023, "partner_over_bop"): "below", (2023, "partner_over_customs"): "about",
        (2023, "reporter_customs"): "below", (2023, "baci_over_atlas"): "above",
        (2023, "partner_over_goods_and_services"): "below"}
    assert assessed["tolerance"].tolist() == pytest.approx([0.024] * len(assessed))
    assert (assessed["threshold"] == 0.40).all() and (assessed["claim_id"] == "up_to_40").all()


def test_bases_apart_say_why_and_are_never_primary() -> None:
    assessed = _assess()
    apart = assessed[assessed.role == "apart"]
    assert set(apart.index.get_level_values("basis")) == {"baci_over_atlas",
                                                          "partner_over_goods_and_services"}
    assert (apart["reason_apart"] == apart.index.get_level_values("basis").map(APART)).all()
    assert apart["preference"].isna().all()
    like = assessed[assessed.role != "apart"]
    assert (like["reason_apart"] == "").all()
    assert like["preference"].tolist() == [
        PRIMARY_ORDER.index(b) + 1 for b in like.index.get_level_values("basis")]


def test_a_pair_without_a_claim_is_assessed_without_a_judgement() -> None:
    text = SHARES.replace("RUS,CHN", "RUS,IND")
    assessed = share_assessment(table(text), [Pair("RUS", "IND")], [CLAIM])
    assert (assessed["judgement"] == "").all() and (assessed["claim_id"] == "").all()
    assert assessed["threshold"].isna().all()
    assert (assessed["role"] == "primary").sum() == 1
