"""Russia's total goods imports on every basis the data support.

The denominator of "China's share of Russia's imports" is the hard part: Russia stopped
publishing customs data in 2022, partners' mirror data run low, and the Bank of Russia's
balance-of-payments series (FOB) differs from customs totals (CIF). Each basis is kept
apart, with its valuation and its caveat, never mixed.
"""

from __future__ import annotations

import pandas as pd

from econ.indicators.periods import complete_years

__all__ = ["BASES", "bop_goods_trade", "russia_import_bases"]

#: basis -> (valuation, meaning and caveat)
BASES: dict[str, tuple[str, str]] = {
    "bop": ("fob", "Bank of Russia balance-of-payments goods imports: sum of the twelve "
            "monthly values of the newest vintage; years with a missing month are left out"),
    "customs": ("cif", "Russia's customs statistics (FCS annual publications and Rosstat's "
                "compilation, newest publication per year); ends in 2023"),
    "mirror": ("fob", "IMF DOTS World-partner file: the world's exports to Russia as "
               "partners report them (plus IMF estimates); runs below Russia's own figures"),
}


def bop_goods_trade(cbr_monthly: pd.DataFrame) -> pd.DataFrame:
    """Bank of Russia goods exports and imports per complete year, newest vintage per month.

    Parameters
    ----------
    cbr_monthly : DataFrame
        ``core_cbr__monthly_goods_trade``.

    Returns
    -------
    DataFrame
        Indexed by ``year``: ``exports_usd``, ``imports_usd`` (FOB) and ``vintage`` (the
        newest vintage used in the year); years with a missing month are left out.
    """
    world = cbr_monthly[cbr_monthly["partner_group"] == "world"].sort_values("vintage")
    newest = world.drop_duplicates(["period", "flow"], keep="last")
    wide = newest.pivot(index="period", columns="flow", values="value_usd").rename(
        columns={"exports": "exports_usd", "imports": "imports_usd"}).reset_index()
    years = complete_years(wide, ["exports_usd", "imports_usd"])
    vintage = newest.groupby(newest["period"].dt.year)["vintage"].max()
    return years.assign(vintage=vintage.reindex(years.index))


def _bop(cbr_monthly: pd.DataFrame) -> pd.DataFrame:
    years = bop_goods_trade(cbr_monthly)
    return pd.DataFrame({"year": years.index, "basis": "bop",
                         "value_usd": years["imports_usd"].to_numpy(),
                         "source": "core_cbr__monthly_goods_trade (vintage "
                         + years["vintage"].to_numpy() + ")"})


def _customs(fcs_totals: pd.DataFrame) -> pd.DataFrame:
    rows = fcs_totals[(fcs_totals["flow"] == "imports") & (fcs_totals["months"] == 12)
                      & (fcs_totals["partner_group"] == "world")
                      & (fcs_totals["basis"] == "customs_statistics")]
    # each year's value from the newest publication (largest vintage) that has it
    newest = rows.sort_values(["year", "vintage", "source_file"]).drop_duplicates(
        "year", keep="last")
    return pd.DataFrame({"year": newest["year"].to_numpy(), "basis": "customs",
                         "value_usd": newest["value_usd"].to_numpy(),
                         "source": "core_fcs__yearly_trade_totals ("
                         + newest["source_file"].to_numpy() + ")"})


def _mirror(dots: pd.DataFrame) -> pd.DataFrame:
    rows = dots[(dots["reporter_iso3"] == "WLD") & (dots["partner_iso3"] == "RUS")
                & (dots["flow"] == "exports")]
    world_file = rows[rows["source_file"].str.startswith("imf_dots_world_partner_annual/")]
    return pd.DataFrame({"year": world_file["year"].to_numpy(), "basis": "mirror",
                         "value_usd": world_file["value_usd"].to_numpy(),
                         "source": "core_imf_dots__yearly_bilateral_trade ("
                         + world_file["source_file"].to_numpy() + ")"})


def russia_import_bases(cbr_monthly: pd.DataFrame, fcs_totals: pd.DataFrame,
                        dots: pd.DataFrame) -> pd.DataFrame:
    """Russia's goods imports per year on the BoP, customs and world-mirror bases.

    Parameters
    ----------
    cbr_monthly : DataFrame
        ``core_cbr__monthly_goods_trade``.
    fcs_totals : DataFrame
        ``core_fcs__yearly_trade_totals``.
    dots : DataFrame
        ``core_imf_dots__yearly_bilateral_trade`` (at least reporter WLD, partner RUS).

    Returns
    -------
    DataFrame
        ``year, basis, valuation, value_usd, source, meaning``: one row per year and
        basis that the data cover completely.

    Examples
    --------
    >>> import econ
    >>> bases = russia_import_bases(
    ...     econ.load("core_cbr__monthly_goods_trade"),
    ...     econ.load("core_fcs__yearly_trade_totals"),
    ...     econ.load("core_imf_dots__yearly_bilateral_trade",
    ...               filters={"reporter_iso3": "WLD", "partner_iso3": "RUS"}),
    ... )  # doctest: +SKIP
    >>> bases.pivot(index="year", columns="basis", values="value_usd")  # doctest: +SKIP
    """
    table = pd.concat([_bop(cbr_monthly), _customs(fcs_totals), _mirror(dots)],
                      ignore_index=True)
    table["valuation"] = table["basis"].map({k: v[0] for k, v in BASES.items()})
    table["meaning"] = table["basis"].map({k: v[1] for k, v in BASES.items()})
    table["year"] = table["year"].astype("int64")
    return table.sort_values(["year", "basis"]).reset_index(drop=True)[
        ["year", "basis", "valuation", "value_usd", "source", "meaning"]]
