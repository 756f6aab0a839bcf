"""The analyst's entry points: load a table, list the tables, check them.

Examples
--------
>>> import econ
>>> econ.tables()[["name", "rows", "years"]]  # doctest: +SKIP
>>> gdp = econ.load("core_wdi__yearly_gdp", filters={"iso3": ["CHN", "RUS"]})  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from econ import manifest, names
from econ.catalog import TABLES, TableSpec, get_spec
from econ.errors import ArgumentError, TableReadError, UnknownTableError
from econ.pairs import Pair, check_codes, parse_pair
from econ.paths import REFERENCE_DIR, Paths, resolve_paths
from econ.store import Filters, content_sha256, read_frame, read_provenance, read_table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_manifest", "known_pair", "load", "provenance", "tables", "validate",
           "write_manifest"]

Root = str | os.PathLike[str] | None


def _built_path(name: str, paths: Paths) -> Path:
    get_spec(name)
    path = paths.table_path(name)
    if not path.exists():
        raise UnknownTableError(
            f"table '{name}' has not been built yet ({path} is missing); run `econ refresh`"
        )
    return path


def load(
    name: str,
    columns: Sequence[str] | None = None,
    filters: Filters = None,
    *,
    root: Root = None,
    explain_empty: bool = True,
) -> pd.DataFrame:
    """Read a built table into a pandas DataFrame.

    Parameters
    ----------
    name : str
        Table name, e.g. ``names.DOTS``.
    columns : sequence of str, optional
        Columns to read (all by default).
    filters : mapping or list of tuples, optional
        Row filters applied while reading: ``{"reporter_iso3": "RUS", "year": [2019,
        2020]}`` (equality or membership) or pyarrow tuples ``[("year", ">=", 2010)]``.
    root : path-like, optional
        Project root (default: found from the working directory).
    explain_empty : bool
        When no row matches, check each text filter value against the column and raise
        naming the ones that never occur (with a suggestion: ``'rus'`` -> ``'RUS'``);
        False returns the empty frame (for code that expects some filters to match
        nothing).

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    UnknownTableError
        If the name is not in the catalog (with suggestions) or the table is not built.
    ArgumentError
        If a column or filter is not the table's, or a value is of the wrong type, or
        (``explain_empty``) a filter value occurs nowhere in its column.

    Examples
    --------
    >>> load("core_imf_dots__yearly_bilateral_trade",
    ...      filters={"reporter_iso3": "RUS", "partner_iso3": "CHN"})  # doctest: +SKIP
    """
    spec = get_spec(name)
    path = _built_path(name, resolve_paths(root))
    known = [c.name for c in spec.schema.columns]
    for column in columns or []:
        if column not in known:
            raise ArgumentError("columns", f"a column of {name} ({', '.join(known)})",
                                repr(column))
    checked = _checked_filters(spec, filters)
    meta = read_provenance(path)
    if meta is None or meta.get("table") != name:
        found = "no econ provenance" if meta is None else f"table {meta.get('table')!r}"
        raise TableReadError(path, f"expected the provenance of {name}, found {found}")
    frame = read_frame(path, columns=columns, filters=checked)
    if frame.empty and checked and explain_empty:
        _explain_empty(path, spec, checked)
    return frame


_OPERATORS = ("==", "=", "!=", "<", "<=", ">", ">=", "in", "not in")


def _cast(spec: TableSpec, column: str, value: object) -> object:
    """A filter value in the column's storage type, or ArgumentError naming the column."""
    import datetime as dt

    import pandas as pd

    dtype = next(c.dtype for c in spec.schema.columns if c.name == column)
    try:
        if dtype == "string":
            if not isinstance(value, str):
                raise TypeError
            return value
        if dtype == "int64":
            if isinstance(value, bool | float) and not float(value).is_integer():
                raise TypeError
            return int(value)  # type: ignore[call-overload]
        if dtype == "float64":
            return float(value)  # type: ignore[arg-type]
        if dtype == "bool":
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        raise ArgumentError(f"filters[{column!r}]", f"a value of type {dtype} (the column's "
                            "type)", f"{value!r} ({type(value).__name__})") from None


def _checked_filters(spec: TableSpec, filters: Filters) -> list[tuple[str, str, Any]] | None:
    """Filters as pyarrow tuples, each column known and each value of its column's type."""
    if filters is None:
        return None
    known = [c.name for c in spec.schema.columns]
    if isinstance(filters, Mapping):
        items = [(c, "in" if isinstance(v, list | tuple | set | frozenset) else "==", v)
                 for c, v in filters.items()]
    else:
        items = []
        for item in filters:
            if not (isinstance(item, tuple | list) and len(item) == 3):
                raise ArgumentError("filters", "a mapping or (column, operator, value) "
                                    "tuples", repr(item))
            items.append((item[0], item[1], item[2]))
    checked: list[tuple[str, str, Any]] = []
    for column, operator, value in items:
        if column not in known:
            raise ArgumentError("filters", f"a column of {spec.name} ({', '.join(known)})",
                                repr(column))
        if operator not in _OPERATORS:
            raise ArgumentError(f"filters[{column!r}]", f"an operator in {list(_OPERATORS)}",
                                repr(operator))
        if operator in ("in", "not in"):
            checked.append((column, operator, [_cast(spec, column, v) for v in value]))
        else:
            checked.append((column, operator, _cast(spec, column, value)))
    return checked


def _explain_empty(path: Path, spec: TableSpec, filters: list[tuple[str, str, Any]]) -> None:
    """Raise when an equality filter on a text column asks for a value it never holds."""
    import difflib

    from econ.store import read_table

    for column, operator, value in filters:
        if operator not in ("==", "=", "in"):
            continue
        wanted = value if operator == "in" else [value]
        if not all(isinstance(v, str) for v in wanted):
            continue
        present = set(read_table(path, columns=[column]).column(column).unique().to_pylist())
        absent = [v for v in wanted if v not in present]
        if not absent:
            continue
        hints = []
        for missing in absent:
            upper = {str(p).upper(): p for p in present if p is not None}
            close = ([upper[missing.upper()]] if missing.upper() in upper else
                     difflib.get_close_matches(missing, [str(p) for p in present if p], n=3))
            hints.append(f"{missing!r}" + (f" (did you mean {', '.join(map(repr, close))}?)"
                                           if close else ""))
        raise ArgumentError(f"filters[{column!r}]", f"values that occur in {spec.name}."
                            f"{column}", f"{', '.join(hints)}: no row matches")


def known_pair(text: str, *, root: Root = None, argument: str = "--pair") -> Pair:
    """``"RUS-IND"`` as a :class:`~econ.pairs.Pair`, both codes checked as economies.

    The codes are checked against the economies of ``core_codes__countries`` (groups such
    as "World" are not economies).

    Raises
    ------
    ArgumentError
        Naming ``argument``, the unknown code and the closest known ones.
    """
    pair = parse_pair(text, argument=argument)
    countries = load(names.COUNTRIES, columns=["iso3", "kind"], root=root)
    return check_codes(pair, countries.loc[countries["kind"] != "group", "iso3"],
                       argument=argument)


def provenance(name: str, *, root: Root = None) -> dict[str, Any]:
    """Provenance stored in a table's Parquet file: inputs with sha256, code, build time.

    Examples
    --------
    >>> provenance("core_wdi__yearly_gdp")["inputs"][0]["sha256"]  # doctest: +SKIP
    """
    path = _built_path(name, resolve_paths(root))
    meta = read_provenance(path)
    if meta is None:
        raise UnknownTableError(f"{path} has no econ provenance; rebuild with `econ refresh`")
    return meta


def _span(path: Path) -> str:
    """First and last year of a table, from the Parquet column statistics."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    names = [meta.schema.column(i).name for i in range(meta.num_columns)]
    for column in ("year", "period", "release_period"):
        if column not in names:
            continue
        index = names.index(column)
        lows, highs = [], []
        for g in range(meta.num_row_groups):
            stats = meta.row_group(g).column(index).statistics
            if stats is not None and stats.has_min_max:
                lows.append(stats.min)
                highs.append(stats.max)
        if lows:
            lo, hi = min(lows), max(highs)
            lo_y, hi_y = (getattr(lo, "year", lo), getattr(hi, "year", hi))
            return f"{lo_y}-{hi_y}"
    return ""


def _sources(spec: TableSpec) -> str:
    folders = sorted({p.split("/", 1)[0] for p in spec.inputs})
    return ", ".join(folders)


def tables(*, root: Root = None) -> pd.DataFrame:
    """List every table of the catalog with its rows, years covered and sources.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, layer, rows, years, sources, built_at, description``; ``rows`` is
        missing for tables not built yet.
    """
    import pandas as pd

    paths = resolve_paths(root)
    records = []
    for spec in TABLES:
        path = paths.table_path(spec.name)
        meta = read_provenance(path) if path.exists() else None
        records.append({
            "name": spec.name,
            "layer": spec.layer,
            "rows": meta["rows"] if meta else None,
            "years": _span(path) if meta else "",
            "sources": _sources(spec),
            "built_at": meta["built_at"] if meta else "",
            "description": spec.description,
        })
    frame = pd.DataFrame.from_records(records)
    frame["rows"] = frame["rows"].astype("Int64")
    return frame


def write_manifest(*, root: Root = None) -> Path:
    """Rewrite ``data/raw/MANIFEST.csv`` from the files on disk (see :mod:`econ.manifest`)."""
    return manifest.write_manifest(resolve_paths(root).raw)


def check_manifest(*, root: Root = None) -> pd.DataFrame:
    """Compare every raw file with ``data/raw/MANIFEST.csv`` (path, bytes, sha256).

    Returns
    -------
    pandas.DataFrame
        One row per file listed or present: ``path, status, detail``, where status is
        ``ok``, ``missing`` (listed, not on disk), ``changed`` (size or sha256 differ),
        ``symlink`` or ``unlisted`` (on disk, not in the manifest).
    """
    import pandas as pd

    records = manifest.check_raw(resolve_paths(root).raw)
    return pd.DataFrame.from_records(records, columns=["path", "status", "detail"])


def _validate_table(spec: TableSpec, paths: Paths) -> list[tuple[str, bool, str]]:
    from econ.schema import arrow_type

    path = paths.table_path(spec.name)
    if not path.exists():
        return [("exists", False, f"{path} missing: run `econ refresh`")]
    meta = read_provenance(path)
    if meta is None:
        return [("provenance", False, f"{path} unreadable or without econ metadata")]
    try:
        table = read_table(path)
    except TableReadError as exc:
        return [("readable", False, f"{exc.problem}: run `econ refresh` to rebuild it")]
    checks = []
    expected = [(c.name, str(arrow_type(c.dtype))) for c in spec.schema.columns]
    found = [(f.name, str(f.type)) for f in table.schema]
    checks.append(("schema", expected == found,
                   "" if expected == found else f"expected {expected}, found {found}"))
    keys = table.select(list(spec.schema.primary_key)).to_pandas()
    dupes = int(keys.duplicated().sum())
    required = [k for k in spec.schema.primary_key if k not in spec.schema.nullable_key]
    nulls = int(keys[required].isna().any(axis=1).sum())
    checks.append(("primary_key", dupes == 0 and nulls == 0,
                   f"{dupes} duplicate and {nulls} null keys" if dupes or nulls else ""))
    digest = content_sha256(table.replace_schema_metadata(None))
    checks.append(("content", digest == meta["content_sha256"],
                   "" if digest == meta["content_sha256"] else "data differ from the digest "
                   "recorded at build time: the file was altered"))
    changed = []
    for item in meta["inputs"]:
        rel = item["path"]
        source = (REFERENCE_DIR / Path(rel).name if rel.startswith("econ/")
                  else paths.raw / rel)
        if not source.is_file() or manifest.sha256_file(source) != item["sha256"]:
            changed.append(item["path"])
    checks.append(("inputs", not changed,
                   f"inputs changed since the build: {', '.join(changed[:5])}; run "
                   "`econ refresh`" if changed else ""))
    return checks


def validate(*, root: Root = None) -> pd.DataFrame:
    """Re-check every built table against its schema, its digest and its raw inputs.

    Returns
    -------
    pandas.DataFrame
        Columns ``table, check, ok, detail``; the raw-file manifest is checked as table
        ``data/raw/MANIFEST.csv``.
    """
    import pandas as pd

    paths = resolve_paths(root)
    records = []
    for spec in TABLES:
        for check, ok, detail in _validate_table(spec, paths):
            records.append({"table": spec.name, "check": check, "ok": ok, "detail": detail})
    manifest = check_manifest(root=paths.root)
    bad = manifest[manifest["status"] != "ok"]
    records.append({
        "table": "data/raw/MANIFEST.csv", "check": "manifest", "ok": bad.empty,
        "detail": "; ".join(f"{p}: {s}" for p, s in zip(bad["path"], bad["status"],
                                                          strict=True))[:2000],
    })
    return pd.DataFrame.from_records(records, columns=["table", "check", "ok", "detail"])
