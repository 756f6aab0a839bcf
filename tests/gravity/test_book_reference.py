"""econ.gravity.fit_ppml against Yotov, Piermartini, Monteiro and Larch (2016).

"An Advanced Guide to Trade Policy Analysis: The Structural Gravity Model" (WTO/UNCTAD),
chapter 1: Table 1 (traditional gravity, PPML column) and Table 3 (effects of regional
trade agreements), on the book's own data (``tests/data/gravity``, see its SOURCE.md).

Two kinds of published numbers (``tests/results/gravity``, see its SOURCE.md):

* the tables' estimates and pair-clustered standard errors as printed, 4 decimals, by the
  R package tradepolicy 0.7.0 (the book prints 3): matched to 1e-4, so to the book's 3
  decimals;
* the book's own Stata logs, 7 significant digits: matched to 1e-6 (estimates) and 1e-5
  (standard errors), relative. These pin the standard-error convention (robust = HC0 x
  N/(N-1); clustered = G/(G-1), no (N-1)/(N-K)) and the separation rule (84 observations
  of pairs that never trade dropped, as Stata's ``ppml`` reports).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from econ.gravity import fit_ppml

HERE = Path(__file__).resolve().parents[1]
DATA = HERE / "data" / "gravity" / "yotov2016_ch1.csv.gz"
RESULTS = HERE / "results" / "gravity"
BORDER_YEARS = (1986, 1990, 1994, 1998, 2002)

#: book column -> (rows, regressors, fixed effects); rows: "international" or "positive pairs"
SPECS = {
    ("Table 1", "PPML"): ("international", ["log_dist", "cntg", "lang", "clny"],
                          ["exp_year", "imp_year"]),
    ("Table 3", "PPML"): ("international", ["log_dist", "cntg", "lang", "clny", "rta"],
                          ["exp_year", "imp_year"]),
    ("Table 3", "ENDG"): ("all", ["rta"], ["exp_year", "imp_year", "pair_fe"]),
    ("Table 3", "LEAD"): ("all", ["rta", "rta_lead4"], ["exp_year", "imp_year", "pair_fe"]),
    ("Table 3", "PHSNG"): ("all", ["rta", "rta_lag4", "rta_lag8", "rta_lag12"],
                           ["exp_year", "imp_year", "pair_fe"]),
    ("Table 3", "GLBZN"): ("all", ["rta", "rta_lag4", "rta_lag8", "rta_lag12",
                                   *(f"intl_border_{y}" for y in BORDER_YEARS)],
                           ["exp_year", "imp_year", "pair_fe"]),
}


@pytest.fixture(scope="module")
def book() -> pd.DataFrame:
    """The book's data with the variables its do-files create."""
    frame = pd.read_csv(DATA)
    year = frame["year"].astype(str)
    domestic = frame["exporter"] == frame["importer"]
    frame["log_dist"] = np.log(frame["dist"])
    frame["exp_year"] = frame["exporter"] + year
    frame["imp_year"] = frame["importer"] + year
    # one pair effect per international pair, one common effect for domestic flows
    frame["pair_fe"] = np.where(domestic, "intra", frame["pair_id"].astype(str))
    frame["intl_border"] = (~domestic).astype(float)
    for y in BORDER_YEARS:
        frame[f"intl_border_{y}"] = frame["intl_border"] * (frame["year"] == y)
    return frame


def _published() -> list[dict[str, object]]:
    return json.loads((RESULTS / "yotov2016_published.json").read_text())


def _stata_rows(log: str, command: str, terms: list[str]) -> dict[str, tuple[float, float]]:
    """Coefficient and standard error of ``terms`` in the output that follows ``command``."""
    text = (RESULTS / log).read_text(encoding="latin-1")
    start = text.index(command)
    found = {}
    for term in terms:
        match = re.search(rf"^\s*{term} \|\s+(-?[\d.]+)\s+([\d.]+)\s", text[start:], re.M)
        assert match is not None, f"{term} not in {log} after {command!r}"
        found[term] = (float(match.group(1)), float(match.group(2)))
    return found


@pytest.mark.parametrize("entry", _published(), ids=lambda e: f"{e['table']}-{e['column']}")
def test_book_tables_to_three_decimals(book: pd.DataFrame, entry: dict[str, object]) -> None:
    """Estimates and pair-clustered standard errors of Tables 1 and 3 (tolerance 1e-4)."""
    rows, regressors, fixed_effects = SPECS[(entry["table"], entry["column"])]
    data = book[book["exporter"] != book["importer"]] if rows == "international" else book
    fit = fit_ppml(data, outcome="trade", regressors=regressors,
                   fixed_effects=fixed_effects, cluster="pair_id")
    assert fit.converged
    assert fit.nobs == entry["nobs"]
    terms = entry["terms"]
    assert isinstance(terms, dict)
    for term, published in terms.items():
        assert fit.params[term] == pytest.approx(published["estimate"], abs=1e-4), term
        assert fit.std_errors[term] == pytest.approx(published["std_error"], abs=1e-4), term


def test_stata_robust_errors_trade_without_border(book: pd.DataFrame) -> None:
    """Chapter 2 application 1, 2006: 7 digits of the book's Stata log (robust errors)."""
    published = _stata_rows("TradeWithoutBorder.log", "ppml trade EXPORTER_FE* IMPORTER_FE1-",
                            ["ln_DIST", "CNTG", "INTL_BRDR"])
    fit = fit_ppml(book[book["year"] == 2006], outcome="trade",
                   regressors=["log_dist", "cntg", "intl_border"],
                   fixed_effects=["exporter", "importer"], vcov="robust")
    for ours, theirs in zip(["log_dist", "cntg", "intl_border"], published, strict=True):
        estimate, std_error = published[theirs]
        assert fit.params[ours] == pytest.approx(estimate, rel=1e-6)
        assert fit.std_errors[ours] == pytest.approx(std_error, rel=1e-5)
    assert fit.nobs == 4761


def test_stata_pair_effects_and_separation(book: pd.DataFrame) -> None:
    """Chapter 2 application 2, stage 1 (= Table 3 ENDG, robust errors): Stata drops 84
    observations of pairs that never trade; so does fit_ppml, and the estimate, its
    robust standard error and the deviance match the log."""
    text = (RESULTS / "RTAsEffects.log").read_text(encoding="latin-1")
    assert "Number of observations excluded: 84" in text
    deviance = float(re.search(r"Iteration 21:\s+deviance =\s+(\d+)", text).group(1))
    estimate, std_error = _stata_rows("RTAsEffects.log", "ppml trade PAIR_FE1", ["RTA"])["RTA"]
    fit = fit_ppml(book, outcome="trade", regressors=["rta"],
                   fixed_effects=["exp_year", "imp_year", "pair_fe"], vcov="robust")
    assert fit.n_separated == 84
    assert fit.nobs == 28482
    assert fit.params["rta"] == pytest.approx(estimate, rel=1e-6)
    assert fit.std_errors["rta"] == pytest.approx(std_error, rel=1e-5)
    assert fit.deviance == pytest.approx(deviance, abs=1.0)
