"""Names shared across ``econ``, defined once: tables, frequencies, option literals, constants.

Table names follow ``{core|out}_{source or question}__{frequency}_{what}``; code refers to
a table through these constants, never by retyping its name.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = [
    "ATLAS",
    "BACI",
    "BACI_RELEASE_DATASET",
    "BACI_RELEASE_ROWS",
    "BACKTEST_RANKING",
    "BACKTEST_SCORES",
    "BALANCE_MONTHLY",
    "BALANCE_YEARLY",
    "BATTERY",
    "CBR_MONTHLY",
    "CBR_QUARTERLY",
    "CBR_YEARLY",
    "CHINA_CUSTOMS_ENERGY",
    "CIF_FOB_EVIDENCE",
    "CIF_FOB_FACTOR",
    "COMTRADE_MONTHLY",
    "COUNTRIES",
    "COUNTRY_ALIASES",
    "COW",
    "CROSS_SOURCE_CHECKS",
    "DOTS",
    "EI_COUNTRY",
    "EI_TRADE",
    "EI_TRADE_LATEST",
    "ENERGY",
    "ENERGY_PURCHASES",
    "FCS_MONTHLY_PARTNER",
    "FCS_MONTHLY_TOTALS",
    "FCS_YEARLY_PARTNER",
    "FCS_YEARLY_TOTALS",
    "FORECAST",
    "FORECAST_ASSUMPTIONS",
    "FORECAST_BRIER",
    "FORECAST_CALIBRATED",
    "FORECAST_CHECK",
    "FORECAST_COVERAGE",
    "FORECAST_RELIABILITY",
    "FORECAST_SCENARIOS",
    "FORECAST_SELECTION",
    "FORECAST_YEAR_AVERAGE",
    "FREQUENCIES",
    "GACC_RELEASES",
    "GACC_RELEASES_USD",
    "GEO_COUNTRIES",
    "GRAVITY_GROUP_SHARES",
    "GRAVITY_PAIR_FIT",
    "GRAVITY_SANCTIONS",
    "HS_CONCORDANCE",
    "HS_PRODUCTS",
    "IMPORTER_SCREEN",
    "IMTS_MONTHLY",
    "IMTS_YEARLY",
    "LATEST_RELEASES",
    "LISTED_TRADE",
    "OEC_HS4_TARIFFS",
    "OEC_HS4_TRADE",
    "PAIR_INDICATORS",
    "PANDAS_FREQ",
    "PINK_SHEET",
    "PRODUCT_SCREEN",
    "RECIPROCITY_BAND",
    "ROBUSTNESS",
    "SANCTIONS_LISTS",
    "SHARES",
    "SHARE_ASSESSMENT",
    "THIRD_PARTY_MONTHLY",
    "VERDICT",
    "WDI_GDP",
    "WDI_MACRO",
    "Flow",
    "Frequency",
    "Layer",
    "Valuation",
]

# --------------------------------------------------------------------- core tables
COUNTRIES: Final = "core_codes__countries"
COUNTRY_ALIASES: Final = "core_codes__country_aliases"
DOTS: Final = "core_imf_dots__yearly_bilateral_trade"
COMTRADE_MONTHLY: Final = "core_comtrade__monthly_bilateral_trade"
THIRD_PARTY_MONTHLY: Final = "core_third_party__monthly_total_trade"
BACI: Final = "core_baci__yearly_product_trade"
OEC_HS4_TRADE: Final = "core_oec__yearly_hs4_trade"
OEC_HS4_TARIFFS: Final = "core_oec__yearly_hs4_tariffs"
ATLAS: Final = "core_atlas__yearly_country_trade"
WDI_GDP: Final = "core_wdi__yearly_gdp"
WDI_MACRO: Final = "core_wdi__yearly_macro_indicators"
COW: Final = "core_cow__yearly_national_trade"
CBR_MONTHLY: Final = "core_cbr__monthly_goods_trade"
CBR_QUARTERLY: Final = "core_cbr__quarterly_goods_trade"
CBR_YEARLY: Final = "core_cbr__yearly_goods_trade"
FCS_YEARLY_TOTALS: Final = "core_fcs__yearly_trade_totals"
FCS_MONTHLY_TOTALS: Final = "core_fcs__monthly_trade_totals"
FCS_YEARLY_PARTNER: Final = "core_fcs__yearly_partner_trade"
FCS_MONTHLY_PARTNER: Final = "core_fcs__monthly_partner_trade"
GACC_RELEASES: Final = "core_gacc__release_by_country"
GACC_RELEASES_USD: Final = "core_gacc__release_by_country_usd"
IMTS_MONTHLY: Final = "core_imf_imts__monthly_bilateral_trade"
IMTS_YEARLY: Final = "core_imf_imts__yearly_bilateral_trade"
HS_PRODUCTS: Final = "core_hs__products"
HS_CONCORDANCE: Final = "core_hs__concordance_hs2022_hs2017"
EI_TRADE: Final = "core_ei__yearly_energy_trade"
EI_TRADE_LATEST: Final = "core_ei__yearly_energy_trade_latest"
EI_COUNTRY: Final = "core_ei__yearly_country_energy"
CHINA_CUSTOMS_ENERGY: Final = "core_china_customs__monthly_energy_imports"
PINK_SHEET: Final = "core_worldbank__monthly_commodity_prices"
SANCTIONS_LISTS: Final = "core_sanctions__hs_lists"
BACI_RELEASE_ROWS: Final = "core_baci__yearly_release_rows"
#: folder under data/processed/core holding a full BACI release as hive-partitioned Parquet
BACI_RELEASE_DATASET: Final = "core_baci__hs17_release"
GEO_COUNTRIES: Final = "core_cepii__geo_countries"

# ---------------------------------------------------------------------- out tables
SHARES: Final = "out_shares__yearly_partner_share_of_imports"
SHARE_ASSESSMENT: Final = "out_shares__claim_assessment"
CIF_FOB_EVIDENCE: Final = "out_balance__cif_fob_evidence"
LATEST_RELEASES: Final = "out_balance__latest_releases"
ENERGY_PURCHASES: Final = "out_energy__yearly_purchases_vs_exports"
BALANCE_YEARLY: Final = "out_balance__yearly_bilateral"
BALANCE_MONTHLY: Final = "out_balance__monthly_bilateral"
PAIR_INDICATORS: Final = "out_dependence__yearly_pair_indicators"
PRODUCT_SCREEN: Final = "out_dependence__product_screen"
IMPORTER_SCREEN: Final = "out_dependence__importer_screen"
ENERGY: Final = "out_energy__yearly_energy_dependence"
LISTED_TRADE: Final = "out_sanctions__yearly_listed_trade"
BATTERY: Final = "out_tsa__convergence_battery"
VERDICT: Final = "out_tsa__convergence_verdict"
GRAVITY_PAIR_FIT: Final = "out_gravity__yearly_pair_fit"
GRAVITY_SANCTIONS: Final = "out_gravity__sanctions_effects"
GRAVITY_GROUP_SHARES: Final = "out_gravity__yearly_partner_group_shares"
ROBUSTNESS: Final = "out_tsa__robustness"
FORECAST: Final = "out_forecast__balance"
BACKTEST_SCORES: Final = "out_forecast__backtest_scores"
BACKTEST_RANKING: Final = "out_forecast__backtest_ranking"
CROSS_SOURCE_CHECKS: Final = "out_quality__cross_source_checks"
FORECAST_CALIBRATED: Final = "out_forecast__calibrated"
FORECAST_YEAR_AVERAGE: Final = "out_forecast__year_average"
FORECAST_COVERAGE: Final = "out_forecast__coverage"
FORECAST_BRIER: Final = "out_forecast__brier"
FORECAST_RELIABILITY: Final = "out_forecast__reliability"
FORECAST_SELECTION: Final = "out_forecast__selection"
FORECAST_CHECK: Final = "out_forecast__out_of_sample_check"
FORECAST_SCENARIOS: Final = "out_forecast__scenarios"
FORECAST_ASSUMPTIONS: Final = "out_forecast__scenario_assumptions"

# ------------------------------------------------------------------ option literals
Layer = Literal["core", "out"]
Frequency = Literal["monthly", "quarterly", "yearly"]
#: pandas offset alias of each frequency (period start), used only at the pandas boundary
PANDAS_FREQ: Final[dict[str, str]] = {"monthly": "MS", "quarterly": "QS", "yearly": "YS"}
FREQUENCIES: Final[tuple[Frequency, ...]] = ("monthly", "quarterly", "yearly")
Flow = Literal["exports", "imports"]
Valuation = Literal["fob", "cif"]

# ----------------------------------------------------------------------- constants
#: the IMF's average CIF/FOB factor: CIF-valued imports / 1.06 = FOB (a default; the
#: robustness table and the headline say which factor they use)
CIF_FOB_FACTOR: Final = 1.06
#: |normalised balance| below this counts as balanced trade ("reciprocity")
RECIPROCITY_BAND: Final = 0.05
