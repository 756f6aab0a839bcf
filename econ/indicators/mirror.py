"""Mirror reconciliation: what a reporter says against what its partners say.

A reporter's imports from a partner (CIF) should equal the partner's exports to it (FOB)
times a CIF/FOB factor. The IMF uses 1.06 in DOTS (IMF, *Direction of Trade Statistics
Guide*, "c.i.f./f.o.b. factor of 1.06"), the default here; pass another ``cif_fob`` to
test the sensitivity. For years a country does not report (Russia from 2022), its trade
can be rebuilt from all its partners' reports: the mirror panel.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from econ import names

__all__ = ["CIF_FOB_FACTOR", "mirror_discrepancy", "mirror_panel"]

#: IMF DOTS convention: imports CIF = exports FOB x 1.06 (defined in econ.names)
CIF_FOB_FACTOR = names.CIF_FOB_FACTOR
_OTHER = {"exports": "imports", "imports": "exports"}


def _single_source(dots: pd.DataFrame) -> pd.DataFrame:
    """Rows of the per-reporter workbooks only (one vintage per reporter)."""
    if "source_file" in dots.columns:
        dots = dots[dots["source_file"].str.startswith("imf_dots_annual_xlsx/")]
    return dots


def mirror_discrepancy(dots: pd.DataFrame, *, cif_fob: float = CIF_FOB_FACTOR,
                       economies: set[str] | None = None) -> pd.DataFrame:
    """Reporter-versus-partner discrepancies for every pair both sides report.

    For reporter i, partner j, year t and flow f, the mirror is j's report of the
    opposite flow with i, put on i's valuation: i's imports (CIF) are compared with j's
    exports x ``cif_fob``; i's exports (FOB) with j's imports / ``cif_fob``.

    Parameters
    ----------
    dots : DataFrame
        ``core_imf_dots__yearly_bilateral_trade`` (or a subset).
    cif_fob : float
        CIF/FOB factor (IMF DOTS: 1.06).
    economies : set of str, optional
        Codes to keep as reporters and partners (e.g. countries only); default: every
        pair present on both sides.

    Returns
    -------
    DataFrame
        ``reporter_iso3, partner_iso3, flow, year, reported_usd, mirror_usd`` (already on
        the reporter's valuation), ``discrepancy_usd`` (reported − mirror),
        ``relative`` (discrepancy / mirror), ``log_ratio`` (ln(reported / mirror)),
        ``cif_fob_factor``.

    Examples
    --------
    >>> dots = pd.DataFrame({"reporter_iso3": ["RUS", "CHN"], "partner_iso3": ["CHN", "RUS"],
    ...                      "flow": ["imports", "exports"], "year": 2020,
    ...                      "value_usd": [53.0, 50.0]})
    >>> mirror_discrepancy(dots)[["mirror_usd", "discrepancy_usd"]].round(6).values.tolist()
    [[53.0, 0.0], [50.0, 0.0]]
    """
    rows = _single_source(dots)[["reporter_iso3", "partner_iso3", "flow", "year", "value_usd"]]
    if economies is not None:
        rows = rows[rows["reporter_iso3"].isin(economies) & rows["partner_iso3"].isin(economies)]
    mirror = rows.rename(columns={"reporter_iso3": "partner_iso3",
                                  "partner_iso3": "reporter_iso3", "value_usd": "mirror_raw"})
    mirror["flow"] = mirror["flow"].map(_OTHER)
    merged = rows.rename(columns={"value_usd": "reported_usd"}).merge(
        mirror, on=["reporter_iso3", "partner_iso3", "flow", "year"], how="inner")
    factor = np.where(merged["flow"] == "imports", cif_fob, 1.0 / cif_fob)
    merged["mirror_usd"] = merged.pop("mirror_raw") * factor
    merged["discrepancy_usd"] = merged["reported_usd"] - merged["mirror_usd"]
    positive = (merged["reported_usd"] > 0) & (merged["mirror_usd"] > 0)
    merged["relative"] = merged["discrepancy_usd"] / merged["mirror_usd"].where(positive)
    merged["log_ratio"] = np.log(merged["reported_usd"].where(positive)
                                 / merged["mirror_usd"].where(positive))
    merged["cif_fob_factor"] = cif_fob
    return merged.reset_index(drop=True)


def mirror_panel(dots: pd.DataFrame, country: str, *, economies: set[str]) -> pd.DataFrame:
    """A country's trade rebuilt from every partner's report, per year.

    The country's mirror imports are the sum of partners' reported exports to it (FOB);
    its mirror exports the sum of partners' reported imports from it (CIF). Only
    partners that report count: compare ``n_reporters`` across years.

    Parameters
    ----------
    dots : DataFrame
        ``core_imf_dots__yearly_bilateral_trade``.
    country : str
        ISO3 code of the country (``"RUS"``).
    economies : set of str
        Reporter codes that are single economies (groups such as ``WLD`` or the Euro
        Area would double-count).

    Returns
    -------
    DataFrame
        ``year, flow`` (seen from ``country``), ``mirror_usd``, ``valuation``,
        ``n_reporters``.

    Examples
    --------
    >>> dots = pd.DataFrame({"reporter_iso3": ["CHN", "DEU"], "partner_iso3": "RUS",
    ...                      "flow": "exports", "year": 2022, "value_usd": [76.0, 15.0]})
    >>> mirror_panel(dots, "RUS", economies={"CHN", "DEU"}).to_dict("records")
    [{'year': 2022, 'flow': 'imports', 'mirror_usd': 91.0, 'valuation': 'fob', 'n_reporters': 2}]
    """
    rows = _single_source(dots)
    rows = rows[(rows["partner_iso3"] == country) & (rows["reporter_iso3"] != country)
                & rows["reporter_iso3"].isin(economies)]
    panel = rows.groupby(["year", "flow"]).agg(mirror_usd=("value_usd", "sum"),
                                               n_reporters=("reporter_iso3", "nunique"))
    panel = panel.reset_index()
    panel["flow"] = panel["flow"].map(_OTHER)
    panel["valuation"] = panel["flow"].map({"imports": "fob", "exports": "cif"})
    return panel[["year", "flow", "mirror_usd", "valuation", "n_reporters"]].sort_values(
        ["year", "flow"]).reset_index(drop=True)
