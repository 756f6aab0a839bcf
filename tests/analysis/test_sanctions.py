"""econ.analysis.sanctions: which flows are screened, and where BACI's method breaks."""

from __future__ import annotations

import pandas as pd

from econ.analysis.sanctions import HS2022_FIRST_YEAR, SANCTIONED, method_of, screened_flows
from econ.pairs import DEFAULT_PAIRS, Pair

#: both sides report to 2021; Russia stops in 2022 (BACI then rests on China alone)
REPORTING = {"CHN": set(range(2017, 2025)), "RUS": set(range(2017, 2022))}


def test_method_breaks_when_a_reporter_stops_and_when_hs_2022_starts() -> None:
    """2017-2021: both declarations, HS 2017; 2022-2023: China's alone, converted from
    HS 2022. One break, in 2022; growth is measured from each method's first year."""
    method = method_of(pd.Series(range(2017, 2024)), "CHN", "RUS", REPORTING).set_index("year")
    assert method["is_method_break"].to_dict() == {
        2017: False, 2018: False, 2019: False, 2020: False, 2021: False, 2022: True,
        2023: False}
    assert method["method_base_year"].to_dict() == {
        2017: 2017, 2018: 2017, 2019: 2017, 2020: 2017, 2021: 2017, 2022: 2022, 2023: 2022}
    assert method.loc[2021, "method"] == "both declarations reconciled; HS 2017"
    assert method.loc[2022, "method"] == ("CHN's declaration only; HS 2022 converted to "
                                          "HS 2017")
    assert HS2022_FIRST_YEAR == 2022


def test_the_hs_change_alone_is_a_break() -> None:
    """Both still report in 2022: the HS 2022 conversion alone changes the method."""
    both = {"CHN": set(range(2020, 2024)), "KAZ": set(range(2020, 2024))}
    method = method_of(pd.Series([2021, 2022, 2023, 2022]), "CHN", "KAZ", both)
    assert method["year"].tolist() == [2021, 2022, 2023]  # each year once, in order
    assert method["is_method_break"].tolist() == [False, True, False]


def test_the_importers_declaration_alone() -> None:
    method = method_of(pd.Series([2021, 2022]), "RUS", "CHN", REPORTING)
    assert method["method"].str.startswith("CHN's declaration only").tolist() == [False, True]


def test_screened_flows_are_sales_to_russia_on_every_list_and_russias_on_the_eu_list() -> None:
    """The lists restrict sales to Russia: for each configured pair with Russia, the
    partner -> Russia flow on every list (None), Russia -> partner on the EU list only;
    pairs without Russia are not screened."""
    flows = screened_flows(DEFAULT_PAIRS)
    with_russia = [p for p in DEFAULT_PAIRS if SANCTIONED in p.codes]
    assert len(flows) == 2 * len(with_russia) == 10
    assert flows[:2] == [(Pair("RUS", "CHN"), "CHN", "RUS", None),
                         (Pair("RUS", "CHN"), "RUS", "CHN", ("eu_833_2014",))]
    assert screened_flows([Pair("KAZ", "CHN"), Pair("CHN", "USA")]) == []
    assert screened_flows([Pair("CHN", "RUS")])[0][1:] == ("CHN", "RUS", None)
