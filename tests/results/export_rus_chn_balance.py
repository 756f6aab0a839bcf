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

OUT = Path(__file__).with_name("rus_chn_balance_annual_russia_reported.csv")


def main() -> None:
    frame = econ.load("out_balance__yearly_rus_chn")
    rows = frame[frame["basis"] == "russia_reported"].sort_values("year")
    rows[["year", "normalised_balance"]].to_csv(OUT, index=False, float_format="%.17g")


if __name__ == "__main__":
    main()
