"""One registry of columns, table schemas, and the check a table must pass to be written.

A quantity has one name, dtype and unit everywhere (``value_usd`` is US dollars in every
table). Tables list their columns by registry name; a table may sharpen a column's
description (``col("value_usd", description="converted from USD millions")``) but never
its dtype or unit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from econ.errors import SchemaError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

__all__ = ["COLUMNS", "Column", "Dtype", "TableSchema", "arrow_type", "col", "validate_frame"]

Dtype = Literal["string", "int64", "float64", "bool", "date"]


@dataclass(frozen=True)
class Column:
    """One column: name, dtype, unit and meaning.

    Parameters
    ----------
    name : str
        Column name; units are suffixes (``_usd``, ``_t``, ``_bcm``), booleans start ``is_``.
    dtype : {"string", "int64", "float64", "bool", "date"}
        Storage type. ``date`` is a calendar day (Arrow ``date32``).
    unit : str
        Unit of the values, empty for codes and labels.
    description : str
        What the column holds, including any unit conversion from the source.
    nullable : bool
        Whether missing values are allowed (key columns never are).
    """

    name: str
    dtype: Dtype
    unit: str = ""
    description: str = ""
    nullable: bool = True


def _registry(*columns: Column) -> dict[str, Column]:
    return {c.name: c for c in columns}


COLUMNS: dict[str, Column] = _registry(
    # keys and codes
    Column("year", "int64", "year", "Calendar year"),
    Column("period", "date", "month", "First day of the month the value refers to"),
    Column("iso3", "string", "", "ISO 3166-1 alpha-3 code, or an econ code for groups"),
    Column("reporter_iso3", "string", "", "Reporting economy (ISO3 or econ group code)"),
    Column("partner_iso3", "string", "", "Partner economy (ISO3 or econ group code)"),
    Column("exporter_iso3", "string", "", "Exporting economy (ISO3)"),
    Column("importer_iso3", "string", "", "Importing economy (ISO3)"),
    Column("flow", "string", "", "Trade flow seen from the reporter: 'exports' or 'imports'"),
    Column("valuation", "string", "", "Valuation basis: 'fob' or 'cif'"),
    Column("hs6", "string", "", "HS 6-digit product code, zero-padded string"),
    Column("hs4", "string", "", "HS 4-digit heading, zero-padded string"),
    Column("hs2", "string", "", "HS 2-digit chapter, zero-padded string"),
    Column("hs_revision", "string", "", "HS nomenclature revision, e.g. 'HS2017'"),
    Column("classification", "string", "", "Product classification code of the source"),
    Column("indicator", "string", "", "Indicator code of the source"),
    Column("source", "string", "", "Which source or file variant the row comes from"),
    Column("source_file", "string", "", "Raw file the row was read from (relative to data/raw)"),
    Column("name", "string", "", "English name"),
    Column("description", "string", "", "Description text from the source"),
    Column("kind", "string", "", "What sort of entity a code stands for"),
    Column("partner_group", "string", "", "Partner group of a total: world, far_abroad "
           "(non-CIS), cis, or a continent"),
    Column("vintage", "string", "", "Publication or update date of the source version"),
    Column("basis", "string", "", "How a value was computed (reporter, denominator ...)"),
    Column("caveat", "string", "", "Known problem with this row's value; empty when none"),
    Column("exporter", "string", "", "Exporting economy or region, named as the source writes it"),
    Column("importer", "string", "", "Importing economy or region, named as the source writes it"),
    Column("country", "string", "", "Economy or region, named as the source writes it"),
    Column("reported_by_iso3", "string", "", "Economy whose statistics a value rests on (its "
           "customs or balance-of-payments reports)"),
    Column("origin_iso3", "string", "", "Economy of origin of imports (ISO3 or econ group code)"),
    Column("commodity", "string", "", "Traded or produced good, econ's name for it (e.g. 'crude')"),
    Column("measure", "string", "", "What a value measures, e.g. 'production' or 'consumption'"),
    Column("edition", "int64", "year", "Edition of a yearly publication (year it was published)"),
    Column("list_name", "string", "", "Sanctions or export-control list: 'chpl', "
           "'us_ear_746' or 'eu_833_2014'"),
    Column("list_version", "string", "", "Version of the list: the date its source prints "
           "(publication, eCFR issue or consolidation date)"),
    Column("tier", "string", "", "Part of a list: CHPL tier ('Tier 1' ...), EAR supplement "
           "('Supp. 4'), EU code kind ('CN8 codes', 'CN4 headings'); 'all' = whole list"),
    Column("hs2022", "string", "", "HS2022 6-digit code, zero-padded string"),
    Column("hs2017", "string", "", "HS2017 6-digit code, zero-padded string"),
    Column("match", "string", "", "How a code maps across HS revisions: 'exact', 'merged', "
           "'split' or 'unmatched'"),
    Column("n_codes", "int64", "count", "Number of HS6 codes"),
    Column("base_year", "int64", "year", "Year a growth rate is measured from"),
    # values
    Column("value_usd", "float64", "USD", "Value in current US dollars"),
    Column("exports_usd", "float64", "USD", "Exports in current US dollars"),
    Column("imports_usd", "float64", "USD", "Imports in current US dollars"),
    Column("gdp_usd", "float64", "USD", "Gross domestic product in current US dollars"),
    Column("quantity_t", "float64", "t", "Quantity in metric tons"),
    Column("volume_mt", "float64", "Mt", "Mass in million metric tonnes"),
    Column("volume_bcm", "float64", "bcm", "Natural gas volume in billion cubic metres"),
    Column("energy_ej", "float64", "EJ", "Energy in exajoules"),
    Column("value", "float64", "", "Value in the unit named by the row's 'unit' column"),
    Column("unit", "string", "", "Unit of the row's 'value'"),
    Column("share", "float64", "fraction", "Share between 0 and 1"),
    Column("weight", "float64", "fraction", "Share of a value allocated along a mapping, "
           "0 to 1"),
    Column("total_usd", "float64", "USD", "Total of which a share is taken, current US "
           "dollars"),
    Column("value_lower_usd", "float64", "USD", "Lower bound of a value, current US dollars"),
    Column("value_upper_usd", "float64", "USD", "Upper bound of a value, current US dollars"),
    Column("growth", "float64", "ratio", "Relative change since the base year: value / "
           "base-year value - 1"),
    Column("tariff_pct", "float64", "percent", "Applied tariff rate in percent"),
    # flags
    Column("is_estimate", "bool", "", "The publisher marks the value as an estimate"),
    Column("is_aggregate", "bool", "", "The code stands for a group of economies"),
    Column("is_aggregate_partner", "bool", "", "The partner is a group (World, region, ...)"),
    Column("is_mirror_estimate", "bool", "", "Value built from partners' reports"),
    Column("is_cumulative", "bool", "", "Value covers the year to date, not one period"),
    Column("is_jan_feb_combined", "bool", "", "January and February published as one value"),
    Column("is_transcribed", "bool", "", "The source file is a checked transcription, not a "
           "byte-for-byte copy of a published file"),
)


def col(name: str, *, description: str | None = None, nullable: bool | None = None) -> Column:
    """Return registry column ``name``, optionally with a sharper description.

    Parameters
    ----------
    name : str
        A key of :data:`COLUMNS`.
    description : str, optional
        Table-specific description (e.g. the source unit the value was converted from).
    nullable : bool, optional
        Override nullability for this table.

    Examples
    --------
    >>> col("value_usd", description="converted from USD millions").unit
    'USD'
    """
    try:
        column = COLUMNS[name]
    except KeyError:
        raise KeyError(
            f"column '{name}' is not in econ.schema.COLUMNS; add it to the registry "
            "(one name, dtype and unit per quantity) or declare a table-specific Column"
        ) from None
    if description is not None:
        column = replace(column, description=description)
    if nullable is not None:
        column = replace(column, nullable=nullable)
    return column


@dataclass(frozen=True)
class TableSchema:
    """Columns and primary key of one table.

    Parameters
    ----------
    columns : tuple of Column
        In storage order: keys first, then values.
    primary_key : tuple of str
        Columns that identify a row; unique and never null.
    version : int
        Bumped when the columns or their meaning change.
    nullable_key : tuple of str
        Key columns where a missing value is a value (e.g. an open-ended validity
        period); two missing values count as equal when checking uniqueness.
    """

    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    version: int = 1
    nullable_key: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate column names in schema: {names}")
        missing = [k for k in self.primary_key if k not in names]
        if missing:
            raise ValueError(f"primary key columns {missing} are not columns of the schema")

    @property
    def names(self) -> list[str]:
        """Column names in storage order."""
        return [c.name for c in self.columns]

    def empty_frame(self) -> pd.DataFrame:
        """A frame with this schema's columns and dtypes and no rows."""
        import pandas as pd

        pandas_dtype = {"string": "object", "int64": "int64", "float64": "float64",
                        "bool": "bool", "date": "datetime64[ns]"}
        return pd.DataFrame({c.name: pd.Series([], dtype=pandas_dtype[c.dtype])
                             for c in self.columns})

    def describe(self) -> dict[str, object]:
        """JSON-ready description stored in each Parquet file's metadata."""
        return {
            "version": self.version,
            "primary_key": list(self.primary_key),
            "columns": [
                {"name": c.name, "dtype": c.dtype, "unit": c.unit, "description": c.description}
                for c in self.columns
            ],
        }


def arrow_type(dtype: Dtype) -> pa.DataType:
    """Arrow type that stores an econ dtype."""
    import pyarrow as pa

    return {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }[dtype]


def _show(frame: pd.DataFrame, mask: pd.Series, limit: int = 10) -> str:
    bad = frame.loc[mask]
    text = str(bad.head(limit).to_string())
    if len(bad) > limit:
        text += f"\n... and {len(bad) - limit} more rows"
    return text


def _coerce(frame: pd.DataFrame, table: str, column: Column) -> pa.Array:
    """Return the column as an Arrow array of its declared type, or raise SchemaError."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    series = frame[column.name]
    kind = series.dtype.kind
    target = arrow_type(column.dtype)
    if series.empty:  # no value to be of the wrong type (an empty frame's dtype is a guess)
        return pa.array([], type=target)
    if column.dtype == "string":
        if isinstance(series.dtype, pd.StringDtype):
            return pa.array(series, from_pandas=True).cast(target)
        if isinstance(series.dtype, pd.CategoricalDtype) and pd.api.types.infer_dtype(
                series.cat.categories) == "string":
            return pa.array(series, from_pandas=True)  # decoded after sorting: cheaper
        inferred = pd.api.types.infer_dtype(series, skipna=True)
        if inferred in ("string", "empty"):
            return pa.array(series, type=target, from_pandas=True)
        bad = series.notna() & ~series.map(lambda v: isinstance(v, str)).astype(bool)
        message = f"column '{column.name}' should hold text, found {inferred} values"
    elif column.dtype in ("int64", "float64") and kind in "iuf":
        numeric = series.astype("float64")
        if column.dtype == "float64":
            return pa.array(numeric.to_numpy(), type=target, from_pandas=True)
        bad = numeric.notna() & (numeric != np.floor(numeric))
        if not bad.any():
            return pa.array(series.astype("Int64"), type=target)
        message = f"column '{column.name}' should hold whole numbers"
    elif column.dtype == "bool" and (kind == "b" or str(series.dtype) == "boolean"):
        return pa.array(series.astype("boolean"), type=target)
    elif column.dtype == "date" and kind == "M":
        return pa.array(pd.to_datetime(series).dt.date.astype(object), type=target)
    else:
        bad = series.notna()
        message = f"column '{column.name}' should be {column.dtype}, found dtype {series.dtype}"
    raise SchemaError(table, message + "; offending rows:", _show(frame, bad))


def _key_order(frame: pd.DataFrame, keys: tuple[str, ...]) -> np.ndarray:
    """Row order sorting ``frame`` by ``keys`` (missing values last), stable.

    Each key is factorized with sorted codes first, so the sort runs on integers; this is
    several times faster than sorting millions of strings.
    """
    import numpy as np
    import pandas as pd

    if not keys:
        return np.arange(len(frame))
    combined = np.zeros(len(frame), dtype=np.int64)
    span = 1
    codes = []
    for key in keys:
        values, uniques = pd.factorize(frame[key], sort=True)
        values = np.where(values < 0, len(uniques), values).astype(np.int64)
        codes.append(values)
        span *= len(uniques) + 1
        combined = combined * (len(uniques) + 1) + values
    if span < 2**62:  # one integer key: a single stable argsort
        return np.argsort(combined, kind="stable")
    return np.lexsort(codes[::-1])


def _duplicated_sorted(frame: pd.DataFrame, keys: tuple[str, ...],
                       order: np.ndarray) -> pd.Series:
    """Mask of rows whose key occurs more than once (missing values compare equal)."""
    import numpy as np
    import pandas as pd

    same = np.ones(max(len(order) - 1, 0), dtype=bool)
    for key in keys:
        values, _ = pd.factorize(frame[key])
        ranked = values[order]
        same &= ranked[1:] == ranked[:-1]
    dup_sorted = np.zeros(len(order), dtype=bool)
    dup_sorted[1:] |= same
    dup_sorted[:-1] |= same
    mask = np.zeros(len(order), dtype=bool)
    mask[order] = dup_sorted
    return pd.Series(mask, index=frame.index)


def validate_frame(frame: pd.DataFrame, table: str, schema: TableSchema) -> pa.Table:
    """Check ``frame`` against ``schema`` and return it as a sorted Arrow table.

    Checks, in order: every declared column is present and no other; each column holds
    its dtype; non-nullable and key columns have no missing values; the primary key is
    unique. Rows are sorted by the primary key so that equal inputs give equal files.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as built.
    table : str
        Table name, used in error messages.
    schema : TableSchema

    Returns
    -------
    pyarrow.Table
        With the declared Arrow types, and each field's unit and description as field
        metadata.

    Raises
    ------
    SchemaError
        Naming the table, the problem and the offending rows.
    """
    import pyarrow as pa

    found = list(frame.columns)
    missing = [n for n in schema.names if n not in found]
    extra = [n for n in found if n not in schema.names]
    if missing or extra:
        raise SchemaError(
            table,
            f"columns do not match the schema: missing {missing}, unexpected {extra}; "
            f"found {found}",
        )
    frame = frame.reset_index(drop=True)
    converted = {c.name: _coerce(frame, table, c) for c in schema.columns}
    keys = set(schema.primary_key) - set(schema.nullable_key)
    for c in schema.columns:
        if c.nullable and c.name not in keys:
            continue
        nulls = frame[c.name].isna()
        if nulls.any():
            raise SchemaError(
                table, f"column '{c.name}' must not be missing; offending rows:",
                _show(frame, nulls),
            )
    order = _key_order(frame, schema.primary_key)
    if schema.primary_key:
        dup = _duplicated_sorted(frame, schema.primary_key, order)
        if dup.any():
            raise SchemaError(
                table,
                f"duplicate primary key {list(schema.primary_key)} in {int(dup.sum())} rows; "
                "offending rows:",
                _show(frame, dup),
            )
    fields = [
        pa.field(
            c.name,
            arrow_type(c.dtype),
            nullable=c.nullable and c.name not in keys,
            metadata={"unit": c.unit, "description": c.description},
        )
        for c in schema.columns
    ]
    indices = pa.array(order)
    arrays = []
    for c in schema.columns:
        array = converted[c.name]
        if schema.primary_key:
            array = array.take(indices)
        if pa.types.is_dictionary(array.type):  # decode: a take from the small dictionary
            array = array.dictionary.cast(arrow_type(c.dtype)).take(array.indices)
        arrays.append(array)
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))
