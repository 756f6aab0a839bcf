"""China's share of Russia's imports, on every basis the data support.

"China supplies up to 40% of Russia's imports" is a ratio whose answer depends on the
numerator (Russia's report of its imports from China, or China's report of its exports
to Russia), on the denominator (Russia's customs totals, the Bank of Russia's
balance-of-payments imports, partners' mirror data, mirror-reconciled estimates, or
imports of goods and services) and on valuation (CIF or FOB). Each basis below is one
numerator over one denominator on one valuation; where the two differ, the numerator is
put on the denominator's valuation with the IMF's CIF/FOB factor (``cif_fob_factor``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from econ import names
from econ.indicators.denominators import russia_import_bases
from econ.indicators.mirror import CIF_FOB_FACTOR
from econ.indicators.periods import complete_years

__all__ = ["BASES", "Basis", "china_share_of_russia_imports", "numerators"]


@dataclass(frozen=True)
class Basis:
    """One way to compute the share.

    Attributes
    ----------
    numerator, denominator : str
        Keys of :func:`numerators` and of the denominator series.
    valuation : str
        Valuation of the share (that of the denominator).
    meaning, caveat : str
        What the basis measures, and what to beware of.
    """

    numerator: str
    denominator: str
    valuation: str
    meaning: str
    caveat: str


BASES: dict[str, Basis] = {
    "russia_reported_dots": Basis(
        "russia_reported_dots", "russia_reported_dots", "cif",
        "Russia's reported imports from China over its reported imports from the world "
        "(IMF DOTS)", "Russia's own reports end in 2020 in this DOTS download."),
    "russia_customs_fcs": Basis(
        "russia_customs_fcs", "customs", "cif",
        "Russia's customs imports from China (FCS, summed months) over its customs totals",
        "FCS stopped publishing partner data in 2022."),
    "china_reported_over_bop": Basis(
        "china_reported", "bop", "fob",
        "China's reported exports to Russia over the Bank of Russia's BoP goods imports",
        "Numerator and denominator from different reporters; both FOB."),
    "china_reported_over_customs": Basis(
        "china_reported", "customs", "cif",
        "China's reported exports to Russia (FOB x CIF/FOB factor) over Russia's customs "
        "imports", "The CIF/FOB factor is the IMF's average, not a Russia-China measure."),
    "china_reported_over_mirror": Basis(
        "china_reported", "mirror", "fob",
        "China's reported exports to Russia over all partners' reported exports to Russia "
        "(IMF DOTS World file)", "Mirror totals run below Russia's own figures, so this "
        "share is biased upward."),
    "baci_over_atlas": Basis(
        "baci", "atlas", "fob",
        "China's exports to Russia (CEPII BACI, reconciled) over Russia's imports (Harvard "
        "Atlas, mirror-reconciled)", "From 2022 Atlas's Russia totals are mirror estimates "
        "that run below BoP imports: the share is overstated."),
    "china_reported_over_goods_and_services": Basis(
        "china_reported", "goods_and_services", "fob",
        "China's reported exports to Russia over Russia's imports of goods and services "
        "(World Bank)", "Services in the denominator: a lower bound for the goods share."),
}


def _years(frame: pd.DataFrame, column: str = "period") -> pd.Series:
    return frame[column].dt.year


def numerators(*, dots: pd.DataFrame, fcs_partner: pd.DataFrame, comtrade: pd.DataFrame,
               third_party: pd.DataFrame, baci: pd.DataFrame) -> pd.DataFrame:
    """Imports of Russia from China per year, on each reporter's basis.

    Returns
    -------
    DataFrame
        ``year, numerator, value_usd, valuation, source``:

        * ``russia_reported_dots``: Russia's reported imports from China (CIF), DOTS;
        * ``russia_customs_fcs``: Russia's customs imports from China (CIF), FCS months
          summed, complete years only;
        * ``china_reported``: China's reported exports to Russia (FOB): DOTS to 2016,
          then the monthly China-reported total minus China's imports from Russia
          (UN Comtrade), complete years only;
        * ``baci``: China's exports to Russia in BACI (FOB, reconciled).
    """
    annual = _single_reporter_file(dots)
    rus = annual[(annual.reporter_iso3 == "RUS") & (annual.partner_iso3 == "CHN")
                 & (annual.flow == "imports")]
    chn = annual[(annual.reporter_iso3 == "CHN") & (annual.partner_iso3 == "RUS")
                 & (annual.flow == "exports")]
    fcs = fcs_partner[(fcs_partner.partner_iso3 == "CHN") & (fcs_partner.flow == "imports")]
    fcs_years = complete_years(fcs, ["value_usd"])["value_usd"]
    exports = complete_years(china_reported_monthly(comtrade, third_party),
                             ["china_exports_usd"])["china_exports_usd"]
    first_monthly = int(exports.index.min()) if not exports.empty else 10_000
    china_dots = chn[chn.year < first_monthly]
    baci_rows = baci[(baci.exporter_iso3 == "CHN") & (baci.importer_iso3 == "RUS")]
    baci_years = baci_rows.groupby("year")["value_usd"].sum()
    parts = [
        _series(rus.year, rus.value_usd, "russia_reported_dots", "cif",
                "core_imf_dots__yearly_bilateral_trade (RUS reports)"),
        _series(fcs_years.index, fcs_years, "russia_customs_fcs", "cif",
                names.FCS_MONTHLY_PARTNER),
        _series(china_dots.year, china_dots.value_usd, "china_reported", "fob",
                "core_imf_dots__yearly_bilateral_trade (CHN reports)"),
        _series(exports.index, exports, "china_reported", "fob",
                "core_third_party__monthly_total_trade - core_comtrade__monthly_bilateral_"
                "trade (CHN reports)"),
        _series(baci_years.index, baci_years, "baci", "fob", names.BACI),
    ]
    return pd.concat(parts, ignore_index=True)


def _series(years: object, values: object, name: str, valuation: str,
            source: str) -> pd.DataFrame:
    return pd.DataFrame({"year": pd.Series(years).astype("int64").to_numpy(),
                         "numerator": name,
                         "value_usd": pd.Series(values).to_numpy(dtype="float64"),
                         "valuation": valuation, "source": source})


def _single_reporter_file(dots: pd.DataFrame) -> pd.DataFrame:
    return dots[dots["source_file"].str.startswith("imf_dots_annual_xlsx/")]


def china_reported_monthly(comtrade: pd.DataFrame, third_party: pd.DataFrame) -> pd.DataFrame:
    """China's monthly exports to and imports from Russia, as China reports them.

    China's imports from Russia (CIF) come from UN Comtrade; its exports are the
    third-party China-reported two-way total minus those imports (the compiler's own
    construction, checked against GACC figures in PROVENANCE.md).

    Returns
    -------
    DataFrame
        ``period, china_exports_usd`` (FOB), ``china_imports_usd`` (CIF).
    """
    imports = comtrade[(comtrade.reporter_iso3 == "CHN") & (comtrade.partner_iso3 == "RUS")
                       & (comtrade.flow == "imports")][["period", "value_usd"]]
    merged = third_party.merge(imports, on="period", suffixes=("_total", "_imports"))
    return pd.DataFrame({"period": merged["period"],
                         "china_exports_usd": merged["value_usd_total"]
                         - merged["value_usd_imports"],
                         "china_imports_usd": merged["value_usd_imports"]})


def _denominators(*, dots: pd.DataFrame, cbr_monthly: pd.DataFrame, fcs_totals: pd.DataFrame,
                  atlas: pd.DataFrame, wdi_gdp: pd.DataFrame,
                  wdi_macro: pd.DataFrame) -> pd.DataFrame:
    bases = russia_import_bases(cbr_monthly, fcs_totals, dots)
    frames = [bases.rename(columns={"basis": "denominator"})[
        ["year", "denominator", "value_usd", "valuation", "source"]]]
    annual = _single_reporter_file(dots)
    world = annual[(annual.reporter_iso3 == "RUS") & (annual.partner_iso3 == "WLD")
                   & (annual.flow == "imports")]
    frames.append(_series(world.year, world.value_usd, "russia_reported_dots", "cif",
                          "core_imf_dots__yearly_bilateral_trade (RUS reports)")
                  .rename(columns={"numerator": "denominator"}))
    rus_atlas = atlas[atlas.iso3 == "RUS"]
    frames.append(_series(rus_atlas.year, rus_atlas.imports_usd, "atlas", "fob",
                          names.ATLAS)
                  .rename(columns={"numerator": "denominator"}))
    share = wdi_macro[(wdi_macro.iso3 == "RUS") & (wdi_macro.indicator == "NE.IMP.GNFS.ZS")]
    gdp = wdi_gdp[wdi_gdp.iso3 == "RUS"][["year", "gdp_usd"]]
    gs = share.merge(gdp, on="year")
    frames.append(_series(gs.year, gs.value / 100.0 * gs.gdp_usd, "goods_and_services", "fob",
                          "core_wdi__yearly_macro_indicators x core_wdi__yearly_gdp")
                  .rename(columns={"numerator": "denominator"}))
    return pd.concat(frames, ignore_index=True)


def china_share_of_russia_imports(
    *,
    dots: pd.DataFrame,
    fcs_partner: pd.DataFrame,
    comtrade: pd.DataFrame,
    third_party: pd.DataFrame,
    baci: pd.DataFrame,
    cbr_monthly: pd.DataFrame,
    fcs_totals: pd.DataFrame,
    atlas: pd.DataFrame,
    wdi_gdp: pd.DataFrame,
    wdi_macro: pd.DataFrame,
    cif_fob: float = CIF_FOB_FACTOR,
) -> pd.DataFrame:
    """China's share of Russia's imports per year, on every basis in :data:`BASES`.

    Parameters
    ----------
    dots, fcs_partner, comtrade, third_party, baci, cbr_monthly, fcs_totals, atlas,
    wdi_gdp, wdi_macro : DataFrame
        The core tables ``core_imf_dots__yearly_bilateral_trade``,
        ``core_fcs__monthly_partner_trade``, ``core_comtrade__monthly_bilateral_trade``,
        ``core_third_party__monthly_total_trade``, ``core_baci__yearly_product_trade``,
        ``core_cbr__monthly_goods_trade``, ``core_fcs__yearly_trade_totals``,
        ``core_atlas__yearly_country_trade``, ``core_wdi__yearly_gdp`` and
        ``core_wdi__yearly_macro_indicators``.
    cif_fob : float
        CIF/FOB factor for putting a FOB numerator on a CIF denominator (IMF: 1.06).

    Returns
    -------
    DataFrame
        One row per year and basis: ``year, basis, share, numerator_usd,
        denominator_usd, valuation, cif_fob_factor`` (applied to the numerator; 1 when
        none), ``numerator_source, denominator_source, meaning, caveat``.
    """
    nums = numerators(dots=dots, fcs_partner=fcs_partner, comtrade=comtrade,
                      third_party=third_party, baci=baci)
    dens = _denominators(dots=dots, cbr_monthly=cbr_monthly, fcs_totals=fcs_totals,
                         atlas=atlas, wdi_gdp=wdi_gdp, wdi_macro=wdi_macro)
    rows = []
    for name, basis in BASES.items():
        n = nums[nums.numerator == basis.numerator]
        d = dens[dens.denominator == basis.denominator]
        both = n.merge(d, on="year", suffixes=("_num", "_den"))
        factor = 1.0
        if (both["valuation_num"] != both["valuation_den"]).any():
            factor = cif_fob if basis.valuation == "cif" else 1.0 / cif_fob
        rows.append(pd.DataFrame({
            "year": both["year"],
            "basis": name,
            "numerator_usd": both["value_usd_num"] * factor,
            "denominator_usd": both["value_usd_den"],
            "valuation": basis.valuation,
            "cif_fob_factor": factor,
            "numerator_source": both["source_num"],
            "denominator_source": both["source_den"],
            "meaning": basis.meaning,
            "caveat": basis.caveat,
        }))
    table = pd.concat(rows, ignore_index=True)
    table["share"] = table["numerator_usd"] / table["denominator_usd"]
    return table.sort_values(["year", "basis"]).reset_index(drop=True)[
        ["year", "basis", "share", "numerator_usd", "denominator_usd", "valuation",
         "cif_fob_factor", "numerator_source", "denominator_source", "meaning", "caveat"]]
