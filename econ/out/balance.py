"""Russia-China balance series (Russia's view: exports to China X, imports from China M).

Two bases, each named on every row, both valued FOB:

* ``china_reported``: China's own reports, mirrored: X = China's imports from Russia
  (CIF) / CIF-FOB factor, M = China's exports to Russia (FOB). Annual: IMF DOTS to 2016,
  then the monthly China-reported series summed (2017-2024), so that annual and monthly
  agree. Monthly: 2017-01 to 2024-12 (UN Comtrade and the third-party total). UN Comtrade
  carries China's final monthly data with January and February apart, so no combined
  month needs splitting.
* ``russia_reported``: Russia's own reports: X as reported (FOB), M = reported CIF /
  factor. Annual: IMF DOTS to 2020, then FCS partner months summed (2021). Monthly: FCS
  partner data 2006-01 to 2021-12.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from econ import names
from econ.indicators.balance import balance_indicators
from econ.indicators.china_share import china_reported_monthly
from econ.indicators.mirror import CIF_FOB_FACTOR
from econ.indicators.periods import complete_years

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["build_monthly_rus_chn", "build_yearly_rus_chn", "monthly_rus_chn", "yearly_rus_chn"]

_DOTS = names.DOTS
_FLOWS = ["exports_usd", "imports_usd"]


def _frame(index: pd.Series, exports: pd.Series, imports: pd.Series, basis: str,
           source: str, column: str) -> pd.DataFrame:
    frame = pd.DataFrame({column: index.to_numpy(), "basis": basis,
                          "exports_usd": exports.to_numpy(dtype="float64"),
                          "imports_usd": imports.to_numpy(dtype="float64"),
                          "valuation": "fob", "cif_fob_factor": CIF_FOB_FACTOR,
                          "source": source})
    return balance_indicators(frame)


def _china_monthly(comtrade: pd.DataFrame, third_party: pd.DataFrame) -> pd.DataFrame:
    months = china_reported_monthly(comtrade, third_party)
    return _frame(months["period"], months["china_imports_usd"] / CIF_FOB_FACTOR,
                  months["china_exports_usd"], "china_reported",
                  "core_comtrade__monthly_bilateral_trade, core_third_party__monthly_total_"
                  "trade", "period")


def _russia_monthly(fcs_partner: pd.DataFrame) -> pd.DataFrame:
    china = fcs_partner[fcs_partner.partner_iso3 == "CHN"]
    wide = china.pivot(index="period", columns="flow", values="value_usd").dropna()
    return _frame(wide.index.to_series(), wide["exports"], wide["imports"] / CIF_FOB_FACTOR,
                  "russia_reported", names.FCS_MONTHLY_PARTNER, "period")


def monthly_rus_chn(*, comtrade: pd.DataFrame, third_party: pd.DataFrame,
                    fcs_partner: pd.DataFrame) -> pd.DataFrame:
    """Monthly Russia-China balance on both bases (see the module docstring)."""
    table = pd.concat([_china_monthly(comtrade, third_party), _russia_monthly(fcs_partner)],
                      ignore_index=True)
    table["is_jan_feb_combined"] = False
    return table


def _dots_pair(dots: pd.DataFrame, reporter: str, partner: str) -> pd.DataFrame:
    rows = dots[(dots.reporter_iso3 == reporter) & (dots.partner_iso3 == partner)
                & dots.source_file.str.startswith("imf_dots_annual_xlsx/")]
    return rows.pivot(index="year", columns="flow", values="value_usd").dropna()


def yearly_rus_chn(*, dots: pd.DataFrame, comtrade: pd.DataFrame, third_party: pd.DataFrame,
                   fcs_partner: pd.DataFrame) -> pd.DataFrame:
    """Annual Russia-China balance on both bases (see the module docstring)."""
    china_months = complete_years(_china_monthly(comtrade, third_party), _FLOWS)
    chn = _dots_pair(dots, "CHN", "RUS")
    chn = chn[chn.index < china_months.index.min()]
    rus = _dots_pair(dots, "RUS", "CHN")
    fcs = complete_years(_russia_monthly(fcs_partner), _FLOWS)
    fcs = fcs[fcs.index > rus.index.max()]
    parts = [
        _frame(chn.index.to_series(), chn["imports"] / CIF_FOB_FACTOR, chn["exports"],
               "china_reported", f"{_DOTS} (CHN reports)", "year"),
        _frame(china_months.index.to_series(), china_months["exports_usd"],
               china_months["imports_usd"], "china_reported",
               "core_comtrade__monthly_bilateral_trade, core_third_party__monthly_total_trade "
               "(CHN reports, months summed)", "year"),
        _frame(rus.index.to_series(), rus["exports"], rus["imports"] / CIF_FOB_FACTOR,
               "russia_reported", f"{_DOTS} (RUS reports)", "year"),
        _frame(fcs.index.to_series(), fcs["exports_usd"], fcs["imports_usd"],
               "russia_reported", "core_fcs__monthly_partner_trade (months summed)", "year"),
    ]
    return pd.concat(parts, ignore_index=True)


def build_monthly_rus_chn(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_balance__monthly_rus_chn``."""
    return monthly_rus_chn(comtrade=ctx.table(names.COMTRADE_MONTHLY),
                           third_party=ctx.table(names.THIRD_PARTY_MONTHLY),
                           fcs_partner=ctx.table(names.FCS_MONTHLY_PARTNER))


def build_yearly_rus_chn(ctx: BuildContext) -> pd.DataFrame:
    """Build ``out_balance__yearly_rus_chn``."""
    return yearly_rus_chn(
        dots=ctx.table(_DOTS, filters={"reporter_iso3": ["RUS", "CHN"],
                                       "partner_iso3": ["RUS", "CHN"]}),
        comtrade=ctx.table(names.COMTRADE_MONTHLY),
        third_party=ctx.table(names.THIRD_PARTY_MONTHLY),
        fcs_partner=ctx.table(names.FCS_MONTHLY_PARTNER))
