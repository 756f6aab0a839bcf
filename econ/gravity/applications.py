"""Gravity applications: is a pair's trade unusual, and did sanctions divert Russia's trade?

Pure functions of a gravity panel (:func:`econ.gravity.panel.build_gravity_panel`):

* :func:`fit_gravity` fits the *traditional* specification (distance, common language,
  colonial tie, exporter-year and importer-year effects) or the *structural* one (pair
  effects in place of the pair variables, time-varying policy terms only);
* :func:`pair_fit` reads, for configured pairs, actual trade against the traditional
  gravity prediction, with a confidence interval for the prediction;
* :func:`sanctions_terms` and :func:`sanctions_table` estimate, with the structural
  specification, how Russia's trade with the countries it named as sanctioning it in 2014
  moved after that date, and how its trade with China moved, both relative to its trade
  with everyone else; :func:`partner_group_shares` describes the same split in levels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from econ.gravity.estimate import GravityResult, fit_ppml

__all__ = [
    "GEOGRAPHY_TERMS",
    "RUSSIA_COUNTER_SANCTIONS",
    "Specification",
    "fit_gravity",
    "pair_fit",
    "partner_group_shares",
    "sanctions_table",
    "sanctions_terms",
]

Specification = Literal["traditional", "structural"]
GEOGRAPHY_TERMS = ("log_distance_km", "is_common_language", "is_colonial_tie")
_EU28 = ("AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
         "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
         "SVN", "ESP", "SWE", "GBR")
#: Countries whose food imports Russia banned as sanctioning states (Government Resolution
#: 778 of 7 August 2014, extended in 2015 and 2016), with the year each was first named.
RUSSIA_COUNTER_SANCTIONS: Mapping[str, int] = {
    **dict.fromkeys(_EU28, 2014), "USA": 2014, "CAN": 2014, "AUS": 2014, "NOR": 2014,
    "ALB": 2015, "MNE": 2015, "ISL": 2015, "LIE": 2015, "UKR": 2016,
}
_SANCTIONED = "is_rus_sanctioner_post"
_DIVERTED = "is_rus_chn_post"


def fit_gravity(panel: pd.DataFrame, *, specification: Specification = "traditional",
                policy: Sequence[str] = (), outcome: str = "value_usd") -> GravityResult:
    """PPML gravity on a panel, clustered by (unordered) pair.

    Parameters
    ----------
    panel : pandas.DataFrame
        From :func:`~econ.gravity.panel.build_gravity_panel`, plus any ``policy`` columns.
    specification : {"traditional", "structural"}
        ``traditional``: geography terms with exporter-year and importer-year effects;
        ``structural``: exporter-year, importer-year and pair effects, so only
        time-varying ``policy`` terms are identified.
    policy : sequence of str
        Time-varying policy regressors (e.g. an RTA or sanctions dummy).
    outcome : str
        Trade value column.

    Returns
    -------
    GravityResult
    """
    fixed = ["exporter_year", "importer_year"]
    if specification == "structural":
        return fit_ppml(panel, outcome=outcome, regressors=list(policy),
                        fixed_effects=[*fixed, "pair"], cluster="pair_id")
    return fit_ppml(panel, outcome=outcome, regressors=[*GEOGRAPHY_TERMS, *policy],
                    fixed_effects=fixed, cluster="pair_id")


def pair_fit(panel: pd.DataFrame, result: GravityResult, *, pairs: Sequence[tuple[str, str]],
             alpha: float = 0.05) -> pd.DataFrame:
    """Actual against gravity-predicted trade, both directions of each pair, by year.

    The prediction is the fitted mean of the model (its exporter-year and importer-year
    effects included). The interval covers the slope estimates' uncertainty only, the
    fixed effects taken as known: exp(x'b +- z * sqrt(x'Vx)) around the prediction.

    Parameters
    ----------
    panel : pandas.DataFrame
        The panel ``result`` was fitted on.
    result : GravityResult
        A traditional fit of :func:`fit_gravity`.
    pairs : sequence of (str, str)
        (reporter, partner) ISO3 pairs, e.g. ``[("RUS", "CHN")]``.
    alpha : float
        1 - confidence level.

    Returns
    -------
    pandas.DataFrame
        ``reporter_iso3, partner_iso3, year, flow`` ('exports': reporter to partner,
        'imports': partner to reporter), ``value_usd, predicted_usd, predicted_lower_usd,
        predicted_upper_usd, ratio`` (actual / predicted).
    """
    z = float(stats.norm.ppf(1 - alpha / 2))
    terms = list(result.params)
    vcov = result.vcov.loc[terms, terms].to_numpy()
    rows = panel.loc[result.fitted.index]
    out = []
    for reporter, partner in pairs:
        for flow, (i, j) in (("exports", (reporter, partner)), ("imports", (partner, reporter))):
            sel = rows[(rows["exporter_iso3"] == i) & (rows["importer_iso3"] == j)]
            x = sel[terms].to_numpy(dtype="float64")
            half = z * np.sqrt(np.einsum("ij,jk,ik->i", x, vcov, x))
            predicted = result.fitted.loc[sel.index].to_numpy()
            out.append(pd.DataFrame({
                "reporter_iso3": reporter, "partner_iso3": partner,
                "year": sel["year"].to_numpy(), "flow": flow,
                "value_usd": sel["value_usd"].to_numpy(), "predicted_usd": predicted,
                "predicted_lower_usd": predicted * np.exp(-half),
                "predicted_upper_usd": predicted * np.exp(half),
            }))
    frame = pd.concat(out, ignore_index=True)
    return frame.assign(ratio=frame["value_usd"] / frame["predicted_usd"])


def _involves(panel: pd.DataFrame, a: str, partners: pd.Series) -> pd.Series:
    """Rows whose flow joins ``a`` and a partner code in ``partners`` (either direction)."""
    return (((panel["exporter_iso3"] == a) & panel["importer_iso3"].isin(partners))
            | ((panel["importer_iso3"] == a) & panel["exporter_iso3"].isin(partners)))


def sanctions_terms(panel: pd.DataFrame, *, target: str = "RUS",
                    sanctioners: Mapping[str, int] = RUSSIA_COUNTER_SANCTIONS,
                    diversion_partner: str = "CHN", start_year: int = 2014) -> pd.DataFrame:
    """Add the sanctions and diversion dummies to a panel.

    ``is_rus_sanctioner_post``: a flow between ``target`` and a sanctioner from the year
    that sanctioner was named. ``is_rus_chn_post``: a flow between ``target`` and
    ``diversion_partner`` from ``start_year``. Annual data count the first year as treated
    although sanctions began mid-2014, which biases the estimates toward zero.

    Examples
    --------
    >>> panel = pd.DataFrame({"exporter_iso3": ["RUS", "RUS", "DEU"], "year": [2013, 2016, 2016],
    ...                       "importer_iso3": ["DEU", "CHN", "CHN"]})
    >>> sanctions_terms(panel)[["is_rus_sanctioner_post", "is_rus_chn_post"]].sum().tolist()
    [0.0, 1.0]
    """
    other = np.where(panel["exporter_iso3"] == target, panel["importer_iso3"],
                     panel["exporter_iso3"])
    since = pd.Series(other).map(dict(sanctioners)).to_numpy(dtype="float64")
    named = _involves(panel, target, pd.Series(list(sanctioners))).to_numpy()
    china = _involves(panel, target, pd.Series([diversion_partner])).to_numpy()
    return panel.assign(**{
        _SANCTIONED: (named & (panel["year"].to_numpy() >= np.nan_to_num(since, nan=9999))
                      ).astype("float64"),
        _DIVERTED: (china & (panel["year"].to_numpy() >= start_year)).astype("float64"),
    })


def sanctions_table(result: GravityResult, *, alpha: float = 0.05) -> pd.DataFrame:
    """The sanctions terms of a structural fit as percentage effects on trade.

    Returns
    -------
    pandas.DataFrame
        ``term, estimate, std_error, pvalue, effect_pct, effect_lower_pct,
        effect_upper_pct`` with effect = 100 (exp(b) - 1) and its interval from b's.
    """
    table = result.coef_table(alpha=alpha)
    table = table[table["term"].isin([_SANCTIONED, _DIVERTED])]
    return pd.DataFrame({
        "term": table["term"], "estimate": table["estimate"], "std_error": table["std_error"],
        "pvalue": table["pvalue"],
        "effect_pct": 100 * np.expm1(table["estimate"]),
        "effect_lower_pct": 100 * np.expm1(table["ci_lower"]),
        "effect_upper_pct": 100 * np.expm1(table["ci_upper"]),
    }).reset_index(drop=True)


def partner_group_shares(panel: pd.DataFrame, *, target: str = "RUS",
                         sanctioners: Mapping[str, int] = RUSSIA_COUNTER_SANCTIONS,
                         diversion_partner: str = "CHN") -> pd.DataFrame:
    """Target's trade (exports plus imports) with sanctioners, the partner, and the rest.

    Returns
    -------
    pandas.DataFrame
        ``reporter_iso3, partner_group`` ('sanctioners', the partner's code, 'others'),
        ``year, value_usd, share`` (of the target's trade with all partners in the panel).
    """
    rows = panel[(panel["exporter_iso3"] == target) | (panel["importer_iso3"] == target)]
    other = np.where(rows["exporter_iso3"] == target, rows["importer_iso3"],
                     rows["exporter_iso3"])
    group = np.where(np.isin(other, list(sanctioners)), "sanctioners",
                     np.where(other == diversion_partner, diversion_partner, "others"))
    totals = rows.groupby([group, rows["year"].to_numpy()])["value_usd"].sum()
    totals.index = totals.index.set_names(["partner_group", "year"])
    frame = totals.reset_index()
    frame["share"] = frame["value_usd"] / frame.groupby("year")["value_usd"].transform("sum")
    return frame.assign(reporter_iso3=target)[
        ["reporter_iso3", "partner_group", "year", "value_usd", "share"]]
