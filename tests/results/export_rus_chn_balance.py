"""Write the annual Russia-reported RUS-CHN normalised balance for the R reference script.

Run from the repository root after ``econ refresh``:
``python tests/results/export_rus_chn_balance.py``. It writes
``tests/results/rus_chn_balance_annual_russia_reported.csv`` (year, normalised_balance),
the series on which statsmodels' Zivot-Andrews statistic was NaN; the R script
``make_inference_reference.R`` runs ``urca::ur.za`` on it.
"""

from __future__ import annotations

from pathlib import Path

import econ
from econ import names

OUT = Path(__file__).with_name("rus_chn_balance_annual_russia_reported.csv")


def main() -> None:
    frame = econ.load(names.BALANCE_YEARLY, filters={"reporter_iso3": "RUS",
                                                     "partner_iso3": "CHN"})
    rows = frame[frame["reported_by_iso3"] == "RUS"].sort_values("year")
    rows[["year", "normalised_balance"]].to_csv(OUT, index=False, float_format="%.17g")


if __name__ == "__main__":
    main()
