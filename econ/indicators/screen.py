"""Product-level dependence screen on BACI HS6, written once in portable SQL.

:func:`dependence_screen` answers, for any importer, product and year: how concentrated
are its suppliers, is world supply itself concentrated, does it export what it imports,
who is its top supplier, and how much of it comes from one partner (China, for Russia).
The criteria are CEPII GeoDep's (Lefebvre and Wibaux 2024: supplier HHI > 0.4, world
export HHI > 0.4, imports / exports > 1, all three in at least 2 of 3 years) and the
European Commission's 2021 bottom-up screen (SWD(2021) 352: supplier HHI > 0.4, imports /
exports > 1; its third criterion, the share of extra-EU in total EU imports, belongs to
a bloc with internal trade and always holds for one economy), each a flag with its
threshold a parameter (:class:`ScreenThresholds`).

The screen is the SQL text :data:`DEPENDENCE_SCREEN_SQL` (file
``econ/indicators/sql/dependence_screen.sql``), run here by DuckDB in-process, out of core
(memory limit, spilling to a temporary folder) over a DataFrame, Parquet files or the
hive-partitioned dataset that :mod:`econ.etl.baci_release` writes from a BACI release.
The same text runs unchanged on Spark SQL: register ``baci`` and the two small frames of
:func:`screen_relations` as temporary views and call ``spark.sql(DEPENDENCE_SCREEN_SQL)``.

The BACI file shipped with ``econ`` holds China<->Russia flows only: no criterion can be
evaluated on it (it has no other supplier and no other exporter).
:func:`importer_screen_table` builds ``out_dependence__importer_screen`` from a release
dataset when there is one, else from that file, naming in each row what it could not
evaluate; :func:`bilateral_screen` gives what a pair's file does allow.

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

import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from econ import names
from econ.indicators._checks import caveat, check_frame, divide
from econ.indicators.intra_industry import grubel_lloyd

__all__ = [
    "BACI_COLUMNS",
    "BILATERAL_UNAVAILABLE",
    "DEPENDENCE_SCREEN_SQL",
    "IMPORTER_SCREEN_COLUMNS",
    "PAIR_FILE_UNEVALUABLE",
    "SCREEN_COLUMNS",
    "ScreenThresholds",
    "bilateral_screen",
    "dependence_screen",
    "importer_screen_table",
    "screen_relations",
]

#: Columns of a BACI panel (``core_baci__yearly_product_trade``) the screens read.
BACI_COLUMNS = ("year", "exporter_iso3", "importer_iso3", "hs6", "value_usd")

#: The portable SQL text of the screen (see the module docstring).
DEPENDENCE_SCREEN_SQL = (Path(__file__).parent / "sql" / "dependence_screen.sql").read_text(
    encoding="utf-8")

#: Columns of :func:`dependence_screen`, in order.
SCREEN_COLUMNS = (
    "year", "importer_iso3", "hs6", "partner_iso3", "imports_usd", "exports_usd",
    "import_export_ratio", "n_suppliers", "supplier_hhi", "top_supplier_iso3",
    "top_supplier_share", "top_supplier_world_share", "partner_imports_usd", "partner_share",
    "is_partner_top_supplier", "world_exports_usd", "world_export_hhi", "n_world_exporters",
    "is_import_concentrated", "is_world_concentrated", "is_non_substitutable",
    "is_dependent_in_year", "dependent_years", "is_geodep_dependent",
    "is_dependent_on_partner", "is_eu_concentrated", "is_eu_non_substitutable",
    "is_eu_dependent",
)

#: Columns of ``out_dependence__importer_screen``: the screen with its basis and caveat.
IMPORTER_SCREEN_COLUMNS = (*SCREEN_COLUMNS[:4], "basis", *SCREEN_COLUMNS[4:], "caveat")

#: Importers screened for ``out_dependence__importer_screen`` and the partner whose
#: share each row reports: Russia first, then China (its dependence on Russia) and the
#: economies the pair is compared with.

_NO_OTHER_SUPPLIER = "a file of one pair's flows holds one supplier of the importer"
_NO_WORLD = "a file of one pair's flows holds one exporter's sales to one importer"

#: Quantities a file of one pair's flows (the shipped China<->Russia BACI rows) cannot
#: give, and why; the flags built on them cannot be evaluated either.
PAIR_FILE_UNEVALUABLE: dict[str, str] = {
    "imports_usd, n_suppliers, supplier_hhi, top_supplier_iso3, top_supplier_share, "
    "partner_share": f"need the importer's imports from every supplier; {_NO_OTHER_SUPPLIER}",
    "exports_usd, import_export_ratio": "need the importer's exports to every partner; "
    "the file holds its exports to one",
    "world_exports_usd, world_export_hhi, n_world_exporters, top_supplier_world_share":
        f"need every exporter's world exports of the product; {_NO_WORLD}",
    "is_import_concentrated, is_eu_concentrated, is_non_substitutable, "
    "is_eu_non_substitutable, is_world_concentrated, is_dependent_in_year, "
    "is_geodep_dependent, is_dependent_on_partner, is_eu_dependent, "
    "is_partner_top_supplier": "built on the quantities above",
}

#: The same, one sentence per group (kept for :func:`bilateral_screen`'s callers).
BILATERAL_UNAVAILABLE: tuple[str, ...] = tuple(
    f"{names}: {why}" for names, why in PAIR_FILE_UNEVALUABLE.items())

_YEARS_ALL = (0, 9999)


@dataclass(frozen=True, kw_only=True)
class ScreenThresholds:
    """The screen's thresholds (defaults: GeoDep and SWD(2021) 352).

    Parameters
    ----------
    hhi_threshold : float, default 0.4
        GeoDep criterion 1: supplier HHI above which imports are concentrated.
    world_hhi_threshold : float, default 0.4
        GeoDep criterion 2: world export HHI above which world supply is concentrated.
    ratio_threshold : float, default 1.0
        GeoDep criterion 3: imports / exports above which domestic supply cannot
        substitute for imports.
    window_years, min_years : int, default 3, 2
        GeoDep criterion 4: the three criteria hold in at least ``min_years`` of the
        ``window_years`` years ending in the year.
    eu_hhi_threshold, eu_ratio_threshold : float, default 0.4, 1.0
        The EU 2021 screen's concentration and substitutability thresholds.

    Raises
    ------
    ValueError
        An HHI threshold outside [0, 1], a negative ratio, or ``min_years`` outside
        ``1..window_years``.

    Examples
    --------
    >>> ScreenThresholds(hhi_threshold=0.5).world_hhi_threshold
    0.4
    """

    hhi_threshold: float = 0.4
    world_hhi_threshold: float = 0.4
    ratio_threshold: float = 1.0
    window_years: int = 3
    min_years: int = 2
    eu_hhi_threshold: float = 0.4
    eu_ratio_threshold: float = 1.0

    def __post_init__(self) -> None:
        for name in ("hhi_threshold", "world_hhi_threshold", "eu_hhi_threshold"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"argument '{name}': an HHI lies in [0, 1], found {value}")
        for name in ("ratio_threshold", "eu_ratio_threshold"):
            value = getattr(self, name)
            if value < 0:
                raise ValueError(f"argument '{name}': expected >= 0, found {value}")
        if not 1 <= self.min_years <= self.window_years:
            raise ValueError(f"arguments 'min_years', 'window_years': expected 1 <= "
                             f"min_years <= window_years, found {self.min_years}, "
                             f"{self.window_years}")


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


def _pairs(importer: str | Sequence[str], partner: str | Mapping[str, str]
           ) -> list[tuple[str, str]]:
    importers = [importer] if isinstance(importer, str) else list(importer)
    if not importers:
        raise ValueError("argument 'importer': expected at least one ISO3 code, found none")
    if len(set(importers)) < len(importers):
        raise ValueError(f"argument 'importer': expected distinct ISO3 codes, found "
                         f"{importers}")
    if isinstance(partner, str):
        return [(code, partner) for code in importers]
    missing = [code for code in importers if code not in partner]
    if missing:
        raise ValueError(f"argument 'partner': no partner for importer(s) {missing}; give "
                         "one ISO3 code for all or a mapping importer -> partner")
    return [(code, partner[code]) for code in importers]


def screen_relations(importer: str | Sequence[str], *, partner: str | Mapping[str, str] = "CHN",
                     year: int | tuple[int, int] | None = None,
                     thresholds: ScreenThresholds | None = None) -> dict[str, pd.DataFrame]:
    """The two small relations :data:`DEPENDENCE_SCREEN_SQL` reads beside ``baci``.

    For an engine other than DuckDB (Spark SQL): register each frame under its key as a
    temporary view, ``baci`` as the panel, and run the SQL text.

    Parameters
    ----------
    importer, partner, year, thresholds
        As for :func:`dependence_screen`.

    Returns
    -------
    dict
        ``screen_params`` (one row: years and thresholds) and ``screen_importers``
        (``importer_iso3, partner_iso3``).

    Examples
    --------
    >>> relations = screen_relations(["RUS", "KAZ"], year=2022)
    >>> relations["screen_importers"].to_dict("list")
    {'importer_iso3': ['RUS', 'KAZ'], 'partner_iso3': ['CHN', 'CHN']}
    """
    pairs = _pairs(importer, partner)
    first, last = _year_range(year)
    chosen = thresholds or ScreenThresholds()
    params: dict[str, int | float] = {"year_from": first, "year_to": last}
    # typed as declared, so that an engine with strict schemas (Spark) takes 1 as 1.0
    params.update({f.name: (int if f.type == "int" else float)(getattr(chosen, f.name))
                   for f in fields(chosen)})
    return {
        "screen_params": pd.DataFrame({k: [v] for k, v in params.items()}),
        "screen_importers": pd.DataFrame(pairs, columns=["importer_iso3", "partner_iso3"]),
    }


def _arrow(frame: pd.DataFrame) -> pa.Table:
    # DuckDB reads Arrow in every release; its pandas scan of pandas 3's str dtype is newer
    return pa.Table.from_pandas(frame, preserve_index=False)


@contextmanager
def _duckdb(memory_limit: str | None, threads: int | None,
            temp_directory: str | Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB that spills to ``temp_directory`` (default: a fresh folder)."""
    with tempfile.TemporaryDirectory(prefix="econ-duckdb-") as scratch:
        config: dict[str, str | bool | int | float | list[str]] = {
            "temp_directory": str(temp_directory or scratch),
            # the screen sorts its own output; unordered scans use less memory
            "preserve_insertion_order": False,
        }
        if memory_limit is not None:
            config["memory_limit"] = memory_limit
        if threads is not None:
            config["threads"] = threads
        con = duckdb.connect(config=config)
        try:
            yield con
        finally:
            con.close()


def _parquet_source(baci: str | Path) -> str:
    """A ``read_parquet`` call for a file, a glob, or a hive-partitioned folder."""
    path = Path(baci)
    if path.is_dir():
        hive = any(child.name.startswith("year=") for child in path.iterdir())
        pattern = "*/*.parquet" if hive else "*.parquet"
        text = str(path / pattern).replace("'", "''")
        return f"read_parquet('{text}', hive_partitioning = {str(hive).lower()})"
    return "read_parquet('{}')".format(str(baci).replace("'", "''"))


def _bind_baci(con: duckdb.DuckDBPyConnection, baci: pd.DataFrame | str | Path,
               years: tuple[int, int]) -> None:
    """Make ``baci`` a view of the panel's ``years`` in ``con``, after checking it."""
    if isinstance(baci, pd.DataFrame):
        check_frame(baci, argument="baci", keys=list(BACI_COLUMNS[:4]), values=["value_usd"])
        con.register("_panel", _arrow(baci[list(BACI_COLUMNS)]))
        source = "_panel"
    else:
        source = _parquet_source(baci)
        try:
            columns = con.sql(f"SELECT * FROM {source}").columns
        except duckdb.IOException as exc:
            raise ValueError(f"argument 'baci': no Parquet file at {baci} ({exc}). Pass a "
                             "DataFrame, a Parquet file or glob, or the folder that "
                             "econ.etl.baci_release wrote.") from exc
        missing = [c for c in BACI_COLUMNS if c not in columns]
        if missing:
            raise ValueError(f"argument 'baci': the Parquet file(s) {baci} lack column(s) "
                             f"{missing}; found {columns}. Pass files with the columns of "
                             f"{names.BACI}.")
        # answered from the Parquet statistics where the files have them
        [(negative,)] = con.execute(
            f"SELECT COUNT(*) FROM {source} WHERE value_usd < 0").fetchall()
        if negative:
            raise ValueError(f"argument 'baci': {negative} row(s) of {baci} have a negative "
                             "value_usd; trade values must be >= 0")
    # whole numbers (from _year_range): a literal filter skips other year=YYYY folders
    con.execute(f"CREATE VIEW baci AS SELECT * FROM {source} "
                f"WHERE year BETWEEN {int(years[0])} AND {int(years[1])}")


def dependence_screen(baci: pd.DataFrame | str | Path, importer: str | Sequence[str], *,
                      partner: str | Mapping[str, str] = "CHN",
                      year: int | tuple[int, int] | None = None,
                      thresholds: ScreenThresholds | None = None,
                      memory_limit: str | None = None, threads: int | None = None,
                      temp_directory: str | Path | None = None) -> pd.DataFrame:
    r"""Screen every HS6 product an importer buys for dependence on few suppliers.

    Per importer, product :math:`k` and year, with :math:`v_{sk}` = imports from supplier
    s, :math:`w_{ek}` = exporter e's world exports, :math:`M_k, X_k` = the importer's
    imports and exports:

    .. math::

        H_k = \sum_s \Big(\frac{v_{sk}}{\sum_r v_{rk}}\Big)^2 > 0.4, \quad
        W_k = \sum_e \Big(\frac{w_{ek}}{\sum_f w_{fk}}\Big)^2 > 0.4, \quad
        \frac{M_k}{X_k} > 1;

    all three in a year is ``is_dependent_in_year``; in 2 of the 3 years ending in this
    one, ``is_geodep_dependent`` (GeoDep); that and the partner as top supplier,
    ``is_dependent_on_partner``. The EU 2021 screen (``is_eu_dependent``) asks for the
    first and third only.

    Parameters
    ----------
    baci : DataFrame, str or Path
        A BACI panel of every exporter and importer with at least :data:`BACI_COLUMNS`:
        a DataFrame, a Parquet file or glob, or the hive-partitioned folder written by
        :func:`econ.etl.baci_release.write_release_dataset`.
    importer : str or sequence of str
        ISO3 code(s) of the importer(s) to screen.
    partner : str or mapping, default "CHN"
        The supplier whose share each row reports, for all importers or per importer.
    year : int or (int, int), optional
        A year or an inclusive range; default every year in ``baci``. Persistence reads
        the ``window_years - 1`` years before it too.
    thresholds : ScreenThresholds, optional
        Default: GeoDep's and the EU's (0.4, 0.4, 1; 2 of 3 years).
    memory_limit : str, optional
        DuckDB's memory limit (e.g. ``"1GB"``); above it, DuckDB spills to disk.
        Default: DuckDB's (80% of RAM).
    threads : int, optional
        DuckDB threads; default every core.
    temp_directory : str or Path, optional
        Where DuckDB spills; default a temporary folder removed afterwards.

    Returns
    -------
    DataFrame
        One row per year, importer and product it imports, columns
        :data:`SCREEN_COLUMNS`: values (``imports_usd``, ``exports_usd``,
        ``import_export_ratio`` -- NaN where the importer exports none, GeoDep writes 9999
        --, ``supplier_hhi``, ``top_supplier_iso3`` and its ``top_supplier_share`` of the
        imports and ``top_supplier_world_share`` of world exports, ``partner_share``,
        ``world_export_hhi`` ...), the criteria's flags, ``dependent_years`` in the window,
        and ``is_geodep_dependent`` / ``is_dependent_on_partner`` (missing where the data
        do not cover the window).

    Warns
    -----
    DataCaveatWarning
        When products have no exports (the ratio is NaN; the flag compares imports
        with 0), and when an importer has no imports in the years asked for.

    Raises
    ------
    ValueError
        Missing columns or files, negative values, thresholds out of range.

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
    >>> screen[["hs6", "supplier_hhi", "import_export_ratio", "partner_share"]].round(4)
          hs6  supplier_hhi  import_export_ratio  partner_share
    0  850760          0.82                 20.0            0.9
    >>> bool(screen.loc[0, "is_dependent_in_year"]), screen.loc[0, "top_supplier_iso3"]
    (True, 'CHN')
    """
    relations = screen_relations(importer, partner=partner, year=year, thresholds=thresholds)
    params = relations["screen_params"].iloc[0]
    read = (int(params["year_from"] - (params["window_years"] - 1)), int(params["year_to"]))
    with _duckdb(memory_limit, threads, temp_directory) as con:
        _bind_baci(con, baci, read)
        for name, frame in relations.items():
            con.register(name, _arrow(frame))
        result = con.execute(DEPENDENCE_SCREEN_SQL).df()
    for column in ("is_geodep_dependent", "is_dependent_on_partner"):
        # nullable (missing where the window is not covered), whether or not a NULL occurs
        result[column] = result[column].astype("boolean")
    importers = list(relations["screen_importers"]["importer_iso3"])
    absent = sorted(set(importers) - set(result["importer_iso3"]))
    if absent:
        first, last = _year_range(year)
        years = "every year" if year is None else f"years {first}-{last}"
        caveat(f"dependence screen: no imports for {absent} in {years}; check the ISO3 "
               "code and the years")
    no_exports = int((result["exports_usd"] == 0).sum())
    if no_exports:
        caveat(f"dependence screen: {no_exports} product-year(s) have no exports by the "
               "importer; their import_export_ratio is NaN and is_non_substitutable is true")
    return result


def _release_caveats(screen: pd.DataFrame, window_years: int) -> pd.Series:
    """Per row, what a reader of a screened row must know (empty when nothing)."""
    window = screen["is_geodep_dependent"].isna().map(
        {True: f"is_geodep_dependent: the data cover fewer than {window_years} years up "
               "to this one", False: ""})
    ratio = (screen["exports_usd"] == 0).map(
        {True: "import_export_ratio: the importer exports none of the product (GeoDep "
               "writes 9999)", False: ""})
    both = window + "; " + ratio
    return both.str.strip("; ")


def _pair_file_rows(pair_file: pd.DataFrame, pairs: Sequence[tuple[str, str]],
                    year: tuple[int, int]) -> pd.DataFrame:
    """What the pair file gives for each screened pair: the partner's sales, nothing else."""
    check_frame(pair_file, argument="bilateral", keys=list(BACI_COLUMNS[:4]),
                values=["value_usd"])
    rows = pair_file[pair_file["year"].between(*year) & (pair_file["value_usd"] > 0)]
    wanted = pd.DataFrame(pairs, columns=["importer_iso3", "exporter_iso3"])
    sales = rows.merge(wanted, on=["importer_iso3", "exporter_iso3"])
    table = (sales.groupby(["year", "importer_iso3", "hs6", "exporter_iso3"], as_index=False)
             ["value_usd"].sum()
             .rename(columns={"exporter_iso3": "partner_iso3",
                              "value_usd": "partner_imports_usd"}))
    screen = table.reindex(columns=list(SCREEN_COLUMNS))
    for column in SCREEN_COLUMNS:
        if column.startswith("is_"):
            screen[column] = screen[column].astype("boolean")
        elif column in ("n_suppliers", "n_world_exporters", "dependent_years"):
            screen[column] = screen[column].astype("Int64")
        elif column == "top_supplier_iso3":
            screen[column] = screen[column].astype(object)
    reason = "; ".join(f"not evaluable: {names} ({why})"
                       for names, why in PAIR_FILE_UNEVALUABLE.items())
    return screen.assign(basis="baci_pair_file", caveat=reason)


def importer_screen_table(release: str | Path | None, bilateral: pd.DataFrame, *,
                          pairs: Sequence[tuple[str, str]],
                          year: int | tuple[int, int] | None = None,
                          thresholds: ScreenThresholds | None = None,
                          memory_limit: str | None = "1GB", threads: int | None = None,
                          temp_directory: str | Path | None = None) -> pd.DataFrame:
    """Build ``out_dependence__importer_screen`` from a BACI release, else the pair file.

    Parameters
    ----------
    release : str, Path or None
        The hive-partitioned dataset of a full BACI release
        (:func:`econ.etl.baci_release.write_release_dataset`); None when there is none.
    bilateral : DataFrame
        ``core_baci__yearly_product_trade`` (the shipped China<->Russia rows), used only
        when ``release`` is None.
    pairs : sequence of (importer, partner)
        The importers screened and the partner whose share each row reports.
    year, thresholds, memory_limit, threads, temp_directory
        As for :func:`dependence_screen` (the memory limit defaults to 1 GB here: a
        refresh shares the machine).

    Returns
    -------
    DataFrame
        Columns :data:`IMPORTER_SCREEN_COLUMNS`, keyed by ``year, importer_iso3, hs6``.
        ``basis`` is ``baci_release`` or ``baci_pair_file``; ``caveat`` names, per row,
        what could not be evaluated and why (on the pair file: every criterion, the flags
        are missing and only ``partner_imports_usd`` is known).

    Examples
    --------
    >>> pair_file = pd.DataFrame({"year": 2021, "hs6": ["270900", "870323"],
    ...                           "exporter_iso3": ["RUS", "CHN"],
    ...                           "importer_iso3": ["CHN", "RUS"],
    ...                           "value_usd": [75.0, 25.0]})
    >>> table = importer_screen_table(None, pair_file, pairs=[("RUS", "CHN")])
    >>> table[["importer_iso3", "hs6", "partner_imports_usd", "is_geodep_dependent"]]
      importer_iso3     hs6  partner_imports_usd  is_geodep_dependent
    0           RUS  870323                 25.0                 <NA>
    >>> table.loc[0, "caveat"][:42]
    'not evaluable: imports_usd, n_suppliers, s'
    """
    chosen = thresholds or ScreenThresholds()
    if release is None:
        table = _pair_file_rows(bilateral, pairs, _year_range(year))
    else:
        importers = [importer for importer, _ in pairs]
        table = dependence_screen(release, importers, partner=dict(pairs), year=year,
                                  thresholds=chosen, memory_limit=memory_limit,
                                  threads=threads, temp_directory=temp_directory)
        table = table.assign(basis="baci_release",
                             caveat=_release_caveats(table, chosen.window_years))
    return table[list(IMPORTER_SCREEN_COLUMNS)].reset_index(drop=True)


def bilateral_screen(baci: pd.DataFrame, *, reporter: str = "RUS", partner: str = "CHN",
                     year: int | tuple[int, int] | None = None
                     ) -> tuple[pd.DataFrame, list[str]]:
    r"""What a file of one pair's BACI flows allows, per HS6 product and year.

    With :math:`M_k` = the reporter's imports of product k from the partner (the
    partner's exports to it) and :math:`X_k` = the reporter's exports to the partner:

    .. math::

        \frac{M_k}{X_k}, \qquad s_k = \frac{M_k + X_k}{\sum_l (M_l + X_l)}, \qquad
        GL_k = 1 - \frac{|X_k - M_k|}{X_k + M_k}.

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
