"""Out-of-sample calibration of the forecast intervals on both monthly balances.

Run after ``econ refresh``: ``python scripts/check_forecast_calibration.py``. It backtests
the forecast models exactly as ``econ.analysis.forecast`` does (36-month first window,
horizons 1-24, real-time split-conformal recalibration) on

* the China-reported monthly RUS-CHN balance, 2017-2024 (96 months, the published
  series), and
* the Russia-reported one, 2006-2021 (192 months: 132 origins, a check of the method on
  a series long enough to measure coverage precisely),

and prints, per model and level, the model's own and the recalibrated coverage on the
same scored rows, pooled over horizons, and the recalibrated coverage by target year.
The numbers are quoted in notes/forecast.md.
"""

from __future__ import annotations

import argparse

import pandas as pd

import econ
from econ import names
from econ.analysis.forecast import BACKTEST_PATHS, RECIPROCITY_BAND, SETTINGS, models_for
from econ.forecast import rolling_origin
from econ.forecast.calibration import coverage_table, realtime_recalibration


def _flows(reported_by: str) -> pd.DataFrame:
    rows = econ.load(names.BALANCE_MONTHLY, filters={"reporter_iso3": "RUS",
                                                     "partner_iso3": "CHN"})
    rows = rows[rows["reported_by_iso3"] == reported_by].sort_values("period")
    index = pd.DatetimeIndex(rows["period"], freq="MS")
    return pd.DataFrame({"exports": rows["exports_usd"].to_numpy(),
                         "imports": rows["imports_usd"].to_numpy()}, index=index)


def check(reported_by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pooled coverage per model and level, and recalibrated coverage by target year."""
    setting = SETTINGS["monthly"]
    backtest = rolling_origin(_flows(reported_by), models_for("monthly"),
                              horizon=setting.backtest_horizon, initial=setting.initial,
                              refit_every=setting.refit_every, band=RECIPROCITY_BAND,
                              n_paths=BACKTEST_PATHS)
    scored = realtime_recalibration(backtest.forecasts)
    table = coverage_table(scored)
    pooled = table[table["horizon"].isna()].drop(columns="horizon")
    by_year = []
    for level in (80, 95):
        lower, upper = f"lower_{level}_recalibrated", f"upper_{level}_recalibrated"
        rows = scored[scored["actual"].notna() & scored[lower].abs().lt(float("inf"))]
        inside = (rows["actual"] >= rows[lower]) & (rows["actual"] <= rows[upper])
        by_year.append(inside.groupby(pd.DatetimeIndex(rows["period"]).year).mean()
                       .rename(f"{level}%"))
    return pooled, pd.concat(by_year, axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reported-by", choices=["CHN", "RUS"], nargs="*",
                        default=["CHN", "RUS"], help="whose reports the balance rests on")
    args = parser.parse_args()
    pd.set_option("display.width", 200)
    for reported_by in args.reported_by:
        pooled, by_year = check(reported_by)
        print(f"== {reported_by}-reported: coverage pooled over horizons 1-24 (scored rows)")
        print(pooled[["model", "level", "n_scored", "n_origins_scored", "coverage_model",
                      "coverage_model_scored", "coverage_recalibrated"]]
              .round(3).to_string(index=False))
        print(f"== {reported_by}-reported: recalibrated coverage by target year, all models")
        print(by_year.round(3).to_string())


if __name__ == "__main__":
    main()
