"""Product-level dependence screen on BACI HS6, written once in portable SQL.

:func:`dependence_screen` flags, for any importer, the HS6 products it depends on a few
suppliers for. The criteria follow the European Commission's bottom-up method (SWD(2021)
352: supplier concentration HHI > 0.4 and imports exceeding what the importer exports)
and CEPII's GeoDep (Lefebvre and Wibaux 2024), which adds world export concentration
(HHI > 0.4) and persistence (two years in a three-year window). The SWD's third EU
criterion, the share of extra-EU in total EU imports, belongs to a bloc with internal
trade and has no counterpart for one country.

The screen is the SQL text :data:`DEPENDENCE_SCREEN_SQL` (file
``econ/indicators/sql/dependence_screen.sql``), run here by DuckDB in-process over a
pandas DataFrame or Parquet files. The same text runs unchanged on Spark SQL: register
``baci``, ``screen_params`` and ``screen_importers`` as temporary views and call
``spark.sql(DEPENDENCE_SCREEN_SQL)``.

The BACI file shipped with ``econ`` holds China<->Russia flows only, so the full screen
cannot run on it; :func:`bilateral_screen` computes what a bilateral file allows and says
which criteria it cannot compute (:data:`BILATERAL_UNAVAILABLE`).

References
----------
European Commission (2021). "Strategic dependencies and capacities." Commission Staff
Working Document SWD(2021) 352 final, Brussels, 5 May 2021.
Lefebvre, K. and Wibaux, P. (2024). "Import dependencies: where does the EU stand?"
CEPII Policy Brief No 47 (the GeoDep database).
Gaulier, G. and Zignago, S. (2010). "BACI: International Trade Database at the
Product-Level. The 1994-2007 Version." CEPII Working Paper 2010-23.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from econ.indicators._checks import caveat, check_frame, divide
from econ.indicators.intra_industry import grubel_lloyd

__all__ = [
    "BACI_COLUMNS",
    "BILATERAL_UNAVAILABLE",
    "DEPENDENCE_SCREEN_SQL",
    "bilateral_screen",
    "dependence_screen",
]

#: Columns of ``core_baci__yearly_product_trade`` the screens read.
BACI_COLUMNS = ("year", "exporter_iso3", "importer_iso3", "hs6", "value_usd")

#: The portable SQL text of the screen (see the module docstring).
DEPENDENCE_SCREEN_SQL = (Path(__file__).parent / "sql" / "dependence_screen.sql").read_text(
    encoding="utf-8")

#: Screen criteria a file of one pair's flows cannot give, and why.
BILATERAL_UNAVAILABLE: tuple[str, ...] = (
    "supplier_hhi / is_concentrated: the HHI over the importer's suppliers needs its "
    "imports of the product from every supplier; a bilateral file holds one supplier",
    "import_export_ratio against the world / is_net_importer: needs the importer's "
    "imports from and exports to every partner; only the pair's own ratio is computed",
    "world_export_hhi / is_world_concentrated: needs every exporter's world exports of "
    "the product",
    "is_dependent / is_persistent: combine the three criteria above",
)

_YEARS_ALL = (0, 9999)


def _year_range(year: int | tuple[int, int] | None) -> tuple[int, int]:
    if year is None:
        return _YEARS_ALL
    if isinstance(year, int):
        return year, year
    first, last = year
    if first > last:
        raise ValueError(f"argument 'year': expected (first, last) with first <= last, "
                         f"found {year}")
    return int(first), int(last)


def _arrow(frame: pd.DataFrame) -> pa.Table:
    # DuckDB reads Arrow in every release; its pandas scan of pandas 3's str dtype is newer
    return pa.Table.from_pandas(frame, preserve_index=False)


def _bind_baci(con: duckdb.DuckDBPyConnection, baci: pd.DataFrame | str | Path) -> None:
    """Make ``baci`` a relation named ``baci`` in ``con``, after checking its columns."""
    if isinstance(baci, pd.DataFrame):
        check_frame(baci, argument="baci", keys=list(BACI_COLUMNS[:4]), values=["value_usd"])
        con.register("baci", _arrow(baci[list(BACI_COLUMNS)]))
        return
    relation = con.read_parquet(str(baci))
    missing = [c for c in BACI_COLUMNS if c not in relation.columns]
    if missing:
        raise ValueError(f"argument 'baci': the Parquet file(s) {baci} lack column(s) "
                         f"{missing}; found {relation.columns}. Pass files with the columns "
                         "of core_baci__yearly_product_trade.")
    relation.create_view("baci")
    [(negative,)] = con.execute("SELECT COUNT(*) FROM baci WHERE value_usd < 0").fetchall()
    if negative:
        raise ValueError(f"argument 'baci': {negative} row(s) of {baci} have a negative "
                         "value_usd; trade values must be >= 0")


def dependence_screen(baci: pd.DataFrame | str | Path, importer: str | Sequence[str], *,
                      year: int | tuple[int, int] | None = None, hhi_threshold: float = 0.4,
                      ratio_threshold: float = 1.0, world_hhi_threshold: float = 0.4,
                      window_years: int = 3, min_years: int = 2) -> pd.DataFrame:
    """Flag the HS6 products an importer depends on a few suppliers for.

    Per importer, product :math:`k` and year, with :math:`v_{sk}` = imports from supplier
    s, :math:`w_{ek}` = exporter e's world exports:

    .. math::

        H_k = \\sum_s \\Big(\\frac{v_{sk}}{\\sum_r v_{rk}}\\Big)^2 > 0.4, \\quad
        \\frac{M_k}{X_k} > 1, \\quad
        W_k = \\sum_e \\Big(\\frac{w_{ek}}{\\sum_f w_{fk}}\\Big)^2 > 0.4;

    a product meeting all three is ``is_dependent``; dependent in 2 of the 3 years ending
    in this one is ``is_persistent`` (GeoDep).

    Parameters
    ----------
    baci : DataFrame, str or Path
        A full BACI panel (every exporter and importer) with the columns of
        ``core_baci__yearly_product_trade`` (at least :data:`BACI_COLUMNS`), as a
        DataFrame or a path or glob of Parquet files.
    importer : str or sequence of str
        ISO3 code(s) of the importer(s) to screen.
    year : int or (int, int), optional
        A year or an inclusive range; default every year in ``baci``. Persistence reads
        the ``window_years - 1`` years before it too.
    hhi_threshold : float, default 0.4
        Supplier concentration above which a product is concentrated.
    ratio_threshold : float, default 1.0
        Imports / exports above which the importer is a net importer of the product.
    world_hhi_threshold : float, default 0.4
        World export concentration above which world supply is concentrated.
    window_years, min_years : int, default 3, 2
        Persistence: dependent in at least ``min_years`` of ``window_years`` years.

    Returns
    -------
    DataFrame
        One row per year, importer and product it imports: ``year, importer_iso3, hs6,
        imports_usd, exports_usd, import_export_ratio`` (NaN where the importer exports
        none; GeoDep writes 9999 there), ``n_suppliers, supplier_hhi,
        top_supplier_iso3, top_supplier_share, world_export_hhi, n_world_exporters,
        is_concentrated, is_net_importer, is_world_concentrated, is_dependent,
        is_persistent`` (missing where the data do not cover the window).

    Warns
    -----
    DataCaveatWarning
        When products have no exports (the ratio is NaN; the flag compares imports
        with 0), and when an importer has no imports in the years asked for.

    Raises
    ------
    ValueError
        Missing columns, negative values, or thresholds out of range.

    References
    ----------
    European Commission (2021), SWD(2021) 352; Lefebvre and Wibaux (2024), CEPII Policy
    Brief 47 (GeoDep).

    Examples
    --------
    >>> baci = pd.DataFrame({"year": 2022, "hs6": "850760",
    ...                      "exporter_iso3": ["CHN", "KOR", "CHN", "RUS"],
    ...                      "importer_iso3": ["RUS", "RUS", "DEU", "KAZ"],
    ...                      "value_usd": [90.0, 10.0, 50.0, 5.0]})
    >>> screen = dependence_screen(baci, "RUS")
    >>> screen[["hs6", "supplier_hhi", "import_export_ratio", "is_dependent"]].round(4)
          hs6  supplier_hhi  import_export_ratio  is_dependent
    0  850760          0.82                 20.0          True
    """
    importers = [importer] if isinstance(importer, str) else list(importer)
    if not importers:
        raise ValueError("argument 'importer': expected at least one ISO3 code, found none")
    for name, threshold in (("hhi_threshold", hhi_threshold),
                            ("world_hhi_threshold", world_hhi_threshold)):
        if not 0 <= threshold <= 1:
            raise ValueError(f"argument '{name}': an HHI lies in [0, 1], found {threshold}")
    if ratio_threshold < 0:
        raise ValueError(f"argument 'ratio_threshold': expected >= 0, found {ratio_threshold}")
    if not 1 <= min_years <= window_years:
        raise ValueError(f"arguments 'min_years', 'window_years': expected 1 <= min_years <= "
                         f"window_years, found {min_years}, {window_years}")
    first, last = _year_range(year)
    params = pd.DataFrame({"year_from": [first], "year_to": [last],
                           "hhi_threshold": [float(hhi_threshold)],
                           "ratio_threshold": [float(ratio_threshold)],
                           "world_hhi_threshold": [float(world_hhi_threshold)],
                           "window_years": [window_years], "min_years": [min_years]})
    with duckdb.connect() as con:
        _bind_baci(con, baci)
        con.register("screen_params", _arrow(params))
        con.register("screen_importers", _arrow(pd.DataFrame({"importer_iso3": importers})))
        result = con.execute(DEPENDENCE_SCREEN_SQL).df()
    # nullable (missing where the window is not covered), whether or not a NULL occurs
    result["is_persistent"] = result["is_persistent"].astype("boolean")
    absent = sorted(set(importers) - set(result["importer_iso3"]))
    if absent:
        years = "every year" if year is None else f"years {first}-{last}"
        caveat(f"dependence screen: no imports for {absent} in {years}; check the ISO3 "
               "code and the years")
    no_exports = int((result["exports_usd"] == 0).sum())
    if no_exports:
        caveat(f"dependence screen: {no_exports} product-year(s) have no exports by the "
               "importer; their import_export_ratio is NaN and is_net_importer is true")
    return result


def bilateral_screen(baci: pd.DataFrame, *, reporter: str = "RUS", partner: str = "CHN",
                     year: int | tuple[int, int] | None = None
                     ) -> tuple[pd.DataFrame, list[str]]:
    """What a file of one pair's BACI flows allows, per HS6 product and year.

    With :math:`M_k` = the reporter's imports of product k from the partner (the
    partner's exports to it) and :math:`X_k` = the reporter's exports to the partner:

    .. math::

        \\frac{M_k}{X_k}, \\qquad s_k = \\frac{M_k + X_k}{\\sum_l (M_l + X_l)}, \\qquad
        GL_k = 1 - \\frac{|X_k - M_k|}{X_k + M_k}.

    Parameters
    ----------
    baci : DataFrame
        ``core_baci__yearly_product_trade`` (at least :data:`BACI_COLUMNS`); rows of other
        pairs are ignored.
    reporter, partner : str, default "RUS", "CHN"
        The pair, seen from the reporter.
    year : int or (int, int), optional
        A year or an inclusive range; default every year.

    Returns
    -------
    (DataFrame, list of str)
        The frame: ``year, reporter_iso3, partner_iso3, hs6, imports_usd, exports_usd,
        import_export_ratio`` (NaN where the reporter exports none of the product to the
        partner), ``share`` (the product's share of the pair's two-way trade in the year),
        ``grubel_lloyd``. The list: :data:`BILATERAL_UNAVAILABLE`, the screen criteria
        that need every partner's flows, each with the reason.

    Warns
    -----
    DataCaveatWarning
        Products the reporter does not export to the partner (NaN ratio).

    Raises
    ------
    ValueError
        No flow between the two in the years asked for.

    Examples
    --------
    >>> baci = pd.DataFrame({"year": 2021, "hs6": ["270900", "870323"],
    ...                      "exporter_iso3": ["RUS", "CHN"],
    ...                      "importer_iso3": ["CHN", "RUS"],
    ...                      "value_usd": [75.0, 25.0]})
    >>> frame, unavailable = bilateral_screen(baci)
    >>> frame[["hs6", "imports_usd", "exports_usd", "share"]]
          hs6  imports_usd  exports_usd  share
    0  270900          0.0         75.0   0.75
    1  870323         25.0          0.0   0.25
    """
    check_frame(baci, argument="baci", keys=list(BACI_COLUMNS[:4]), values=["value_usd"])
    first, last = _year_range(year)
    rows = baci[baci["year"].between(first, last)]
    imports = rows[(rows["exporter_iso3"] == partner) & (rows["importer_iso3"] == reporter)]
    exports = rows[(rows["exporter_iso3"] == reporter) & (rows["importer_iso3"] == partner)]
    if imports.empty and exports.empty:
        raise ValueError(f"argument 'baci': no flow between {reporter} and {partner} in "
                         f"years {first}-{last}; check the ISO3 codes and years")
    keys = ["year", "hs6"]
    table = (imports.groupby(keys)["value_usd"].sum().rename("imports_usd").to_frame()
             .join(exports.groupby(keys)["value_usd"].sum().rename("exports_usd"),
                   how="outer")
             .fillna(0.0).reset_index())  # a product absent one way is not traded that way
    two_way = table["imports_usd"] + table["exports_usd"]
    table["import_export_ratio"] = divide(
        table["imports_usd"], table["exports_usd"],
        what=f"bilateral screen: {reporter}'s exports of a product to {partner}")
    table["share"] = divide(two_way, two_way.groupby(table["year"]).transform("sum"),
                            what="bilateral screen: the pair's trade in a year")
    gl = grubel_lloyd(table, product="hs6")
    table = table.merge(gl, on=keys)
    table.insert(1, "reporter_iso3", reporter)
    table.insert(2, "partner_iso3", partner)
    return table, list(BILATERAL_UNAVAILABLE)
