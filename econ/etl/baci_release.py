"""A full CEPII BACI HS17 release as hive-partitioned Parquet, written in one streaming pass.

A release (``BACI_HS17_V{version}.zip``, CEPII) holds one CSV per year,
``BACI_HS17_Y{year}_V{version}.csv``, with columns ``t,i,j,k,v,q``: the year, exporter and
importer (BACI numeric country codes, mostly UN M49), the HS6 product (written as an
integer, so ``010121`` appears as ``10121``), the value in thousands of US dollars and the
quantity in tonnes (``NA`` or blank when BACI has none); beside them
``country_codes_V{version}.csv`` and ``product_codes_HS17_V{version}.csv``. A release has
about 11 million rows a year (77 million for 2017-2023).

:func:`write_release_dataset` reads each year's CSV from the zip in blocks (pyarrow's
streaming CSV reader, never the whole file in memory), checks and converts every block
(ISO3 codes, zero-padded ``hs6`` text, ``value_usd`` in dollars, ``quantity_t``), and has
DuckDB sort the year by importer, product and exporter, spilling to disk above its memory
limit, into ``year=YYYY/part-0.parquet`` (zstd). The folder appears only when every year
is written (a temporary sibling folder renamed into place); ``_release.json`` beside the
years records the source file, its size and SHA-256, the rows per year and the code
version.

Reference: CEPII, "BACI: international trade database at the product level", description
and file naming at https://www.cepii.fr/DATA_DOWNLOAD/baci/doc/baci_webpage.html;
Gaulier, G. and Zignago, S. (2010), CEPII Working Paper 2010-23.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from econ import names
from econ._version import __version__
from econ.errors import RawDataError
from econ.etl._read import CodeLookup, display_path
from econ.manifest import newest_release
from econ.results import Results

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

    from econ.context import BuildContext
    from econ.paths import Paths

__all__ = [
    "DATASET_COLUMNS",
    "DATASET_FOLDER",
    "ReleaseDataset",
    "baci_country_codes",
    "build_release_dataset",
    "find_release",
    "release_country_codes",
    "release_dataset_path",
    "write_release_dataset",
]

#: Columns of each Parquet file (``year`` is the folder: ``year=YYYY``).
DATASET_COLUMNS = ("importer_iso3", "hs6", "exporter_iso3", "value_usd", "quantity_t")

#: The dataset's folder under ``data/processed/core`` (see :func:`release_dataset_path`).
DATASET_FOLDER = names.BACI_RELEASE_DATASET

_RELEASE = re.compile(r"BACI_HS17_V(\d{6})\.zip")
_YEAR_FILE = re.compile(r"(?:.*/)?BACI_HS17_Y(\d{4})_V(\d{6})\.csv")
_COUNTRY_FILE = re.compile(r"(?:.*/)?country_codes_V\d{6}\.csv")
_COLUMNS = ("t", "i", "j", "k", "v", "q")
_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
_USD_PER_UNIT = 1_000.0  # BACI v is in thousands of US dollars
_CITATION = "CEPII BACI HS17 (Gaulier & Zignago 2010), full release"


@dataclass(frozen=True, repr=False)
class ReleaseDataset(Results):
    """A BACI release written as Parquet.

    Attributes
    ----------
    path : Path
        The dataset folder (``year=YYYY/part-0.parquet`` and ``_release.json``).
    source : str
        The release zip's file name.
    version : str
        BACI version, e.g. ``"V202501"``.
    rows : dict
        Rows written per year.
    sha256 : str
        Of the release zip.
    """

    path: Path
    source: str
    version: str
    rows: dict[int, int] = field(default_factory=dict)
    sha256: str = ""

    title = "BACI release dataset"

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        yield "", "path", str(self.path)
        yield "", "source", self.source
        yield "", "version", self.version
        yield "", "sha256", self.sha256
        for year, count in self.rows.items():
            yield "rows", str(year), count
        yield "rows", "total", sum(self.rows.values())


def find_release(folder: str | Path) -> Path | None:
    """The newest ``BACI_HS17_V{version}.zip`` in ``folder`` or its release folders.

    ``folder`` is ``data/raw/cepii_baci``; its release folders (``V{version}/``) are where
    ``econ fetch baci`` stores the zips. Newest by :func:`econ.manifest.newest_release`;
    None if there is none.

    Examples
    --------
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     print(find_release(folder))
    None
    """
    root = Path(folder)
    found = {f"{root.name}/{p.relative_to(root).as_posix()}": p
             for pattern in ("BACI_HS17_V*.zip", "*/BACI_HS17_V*.zip")
             for p in root.glob(pattern) if _RELEASE.fullmatch(p.name)}
    return found[newest_release(found)] if found else None


def baci_country_codes(aliases: pd.DataFrame) -> dict[int, str]:
    """BACI numeric code -> ISO3, from ``core_codes__country_aliases`` (source ``baci``).

    Examples
    --------
    >>> import pandas as pd
    >>> aliases = pd.DataFrame({"source": ["baci", "imf"], "key": ["643", "Russia"],
    ...                         "iso3": ["RUS", "RUS"], "first_year": [None, None],
    ...                         "last_year": [None, None]})
    >>> baci_country_codes(aliases)
    {643: 'RUS'}
    """
    return {int(key): iso3 for key, iso3 in CodeLookup(aliases, "baci", what="code")
            .mapping.items()}


def release_country_codes(path: str | Path) -> dict[int, str]:
    """BACI numeric code -> ISO3 from the release's own ``country_codes_V*.csv``.

    Raises
    ------
    RawDataError
        The zip has no country file, or it lacks ``country_code``/``country_iso3``.
    """
    zip_path = Path(path)
    with _open_zip(zip_path) as archive:
        names = [n for n in archive.namelist() if _COUNTRY_FILE.fullmatch(n)]
        if not names:
            raise RawDataError(display_path(zip_path), expected="a member "
                               "country_codes_V{version}.csv", found=f"{archive.namelist()}",
                               hint="Is this a CEPII BACI release zip?")
        with archive.open(names[0]) as member:
            table = pacsv.read_csv(member, convert_options=pacsv.ConvertOptions(
                column_types={"country_code": pa.string()}))
    shown = f"{display_path(zip_path)}:{names[0]}"
    missing = {"country_code", "country_iso3"} - set(table.column_names)
    if missing:
        raise RawDataError(shown, row=1, expected="columns country_code, country_iso3",
                           found=f"{table.column_names}")
    return {int(code.strip()): iso3.strip() for code, iso3 in zip(
        table["country_code"].to_pylist(), table["country_iso3"].to_pylist(), strict=True)
        if code and iso3}


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise RawDataError(display_path(path), expected="a BACI release zip", found="no file",
                           hint="Run `econ fetch` or copy the release into data/raw.") from None
    except zipfile.BadZipFile as exc:
        raise RawDataError(display_path(path), expected="a zip archive",
                           found=f"an unreadable file ({exc})",
                           hint="The download may be truncated: fetch it again.") from exc


def _year_members(archive: zipfile.ZipFile, path: Path) -> dict[int, str]:
    """Year -> member name, checking that every year file has the zip's version."""
    shown = display_path(path)
    match = _RELEASE.fullmatch(path.name)
    members: dict[int, str] = {}
    for name in archive.namelist():
        found = _YEAR_FILE.fullmatch(name)
        if found is None:
            continue
        if match and found.group(2) != match.group(1):
            raise RawDataError(shown, expected=f"year files of version V{match.group(1)}",
                               found=f"{name}", hint="Do not mix BACI versions (CEPII FAQ 4).")
        members[int(found.group(1))] = name
    if not members:
        raise RawDataError(shown, expected="members BACI_HS17_Y{year}_V{version}.csv",
                           found=f"{archive.namelist()[:10]}",
                           hint="Is this a CEPII BACI HS17 release zip?")
    return dict(sorted(members.items()))


@dataclass
class _Block:
    """Where a block of one year file lies, for error messages."""

    shown: str
    first_line: int  # 1-based line of the block's first row in the CSV file

    def error(self, mask: pa.Array, column: str, expected: str, values: pa.Array,
              hint: str | None = None) -> RawDataError:
        index = pc.index(mask, True).as_py()
        return RawDataError(self.shown, row=self.first_line + index, column=column,
                            expected=expected, found=repr(values[index].as_py()), hint=hint)


def _trimmed(batch: pa.RecordBatch, column: str) -> pa.Array:
    return pc.utf8_trim_whitespace(batch.column(column))


def _numbers(text: pa.Array, column: str, block: _Block) -> pa.Array:
    try:
        return pc.cast(text, pa.float64())
    except pa.ArrowInvalid:
        bad = pc.invert(pc.match_substring_regex(text, _NUMBER))
        raise block.error(bad, column, "a number", text) from None


def _integers(text: pa.Array, column: str, block: _Block, expected: str) -> pa.Array:
    bad = pc.invert(pc.match_substring_regex(text, r"^\d+$"))
    if pc.any(bad).as_py():
        raise block.error(bad, column, expected, text)
    return pc.cast(text, pa.int64())


def _iso3(text: pa.Array, column: str, block: _Block, codes: pa.Array,
          iso3: pa.Array) -> pa.Array:
    numbers = _integers(text, column, block, "a BACI country code")
    position = pc.index_in(numbers, value_set=codes)
    unknown = pc.is_null(position)
    if pc.any(unknown).as_py():
        raise block.error(unknown, column, "a BACI country code known to the code mapping",
                          text, hint=f"Add it to {names.COUNTRY_ALIASES} (source 'baci') "
                          "after review, or check the release's country_codes file.")
    return pc.take(iso3, position)


def _convert(batch: pa.RecordBatch, year: int, block: _Block, codes: pa.Array,
             iso3: pa.Array) -> pa.RecordBatch:
    """One block of ``t,i,j,k,v,q`` text as checked :data:`DATASET_COLUMNS`."""
    years = _integers(_trimmed(batch, "t"), "t", block, f"the year {year}")
    wrong = pc.not_equal(years, year)
    if pc.any(wrong).as_py():
        raise block.error(wrong, "t", f"the year {year} of the file name", years)
    product = _trimmed(batch, "k")
    bad = pc.invert(pc.match_substring_regex(product, r"^\d{1,6}$"))
    if pc.any(bad).as_py():
        raise block.error(bad, "k", "an HS6 code of up to 6 digits", product)
    value = _numbers(_trimmed(batch, "v"), "v", block)
    negative = pc.or_(pc.less(value, 0.0), pc.invert(pc.is_finite(value)))
    if pc.any(negative).as_py():
        raise block.error(negative, "v", "a finite trade value >= 0 (thousands of USD)",
                          batch.column("v"))
    quantity = _trimmed(batch, "q")
    missing = pc.or_(pc.equal(quantity, ""), pc.equal(quantity, "NA"))
    return pa.RecordBatch.from_arrays([
        _iso3(_trimmed(batch, "j"), "j", block, codes, iso3),
        pc.utf8_lpad(product, 6, "0"),
        _iso3(_trimmed(batch, "i"), "i", block, codes, iso3),
        pc.round(pc.multiply(value, _USD_PER_UNIT), 3),
        _numbers(pc.if_else(missing, pa.scalar(None, pa.string()), quantity), "q", block),
    ], names=list(DATASET_COLUMNS))


_SCHEMA = pa.schema([("importer_iso3", pa.string()), ("hs6", pa.string()),
                     ("exporter_iso3", pa.string()), ("value_usd", pa.float64()),
                     ("quantity_t", pa.float64())])


class _YearReader:
    """The converted blocks of one year file; keeps the first error for the caller.

    DuckDB pulls the blocks through Arrow's C stream, which turns a Python exception
    into its own error type: the original is kept here and re-raised.
    """

    def __init__(self, stream: IO[bytes], shown: str, year: int,
                 codes: Mapping[int, str]) -> None:
        self.stream, self.shown, self.year = stream, shown, year
        self.codes = pa.array(list(codes), pa.int64())
        self.iso3 = pa.array(list(codes.values()), pa.string())
        self.rows = 0
        self.error: RawDataError | None = None

    def _batches(self) -> Iterator[pa.RecordBatch]:
        try:
            # one 2 MiB block at a time: Arrow's parallel reading holds several, and the
            # sort that follows has DuckDB's threads (measured: 200 MB less at 11 M rows)
            reader = pacsv.open_csv(
                self.stream,
                read_options=pacsv.ReadOptions(block_size=2 << 20, use_threads=False),
                convert_options=pacsv.ConvertOptions(
                    column_types=dict.fromkeys(_COLUMNS, pa.string()),
                    include_columns=list(_COLUMNS), strings_can_be_null=False))
            for batch in reader:
                block = _Block(self.shown, first_line=self.rows + 2)
                self.rows += batch.num_rows
                yield _convert(batch, self.year, block, self.codes, self.iso3)
        except RawDataError as exc:
            self.error = exc
            raise
        except (pa.ArrowInvalid, pa.ArrowKeyError, OSError, zipfile.BadZipFile) as exc:
            self.error = RawDataError(
                self.shown, expected=f"a CSV file with columns {','.join(_COLUMNS)}",
                found=f"{exc}".splitlines()[0], hint="The release may be truncated or not "
                "a BACI HS17 release: fetch it again.")
            raise self.error from exc

    def reader(self) -> pa.RecordBatchReader:
        return pa.RecordBatchReader.from_batches(_SCHEMA, self._batches())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_year(con: duckdb.DuckDBPyConnection, reader: _YearReader, target: Path) -> None:
    """Sort one year by importer, product, exporter into ``target`` (zstd Parquet)."""
    target.parent.mkdir(parents=True)
    quoted = str(target).replace("'", "''")
    con.register("flows", reader.reader())
    try:
        con.execute(
            "COPY (SELECT * FROM flows ORDER BY importer_iso3, hs6, exporter_iso3) "
            f"TO '{quoted}' (FORMAT PARQUET, COMPRESSION ZSTD)")
    except duckdb.Error as exc:
        if reader.error is not None:
            raise reader.error from exc
        raise
    finally:
        con.unregister("flows")
    if reader.rows == 0:
        raise RawDataError(reader.shown, row=2, expected="rows of trade flows",
                           found="a header only", hint="Fetch the release again.")
    duplicate = con.execute(
        f"SELECT importer_iso3, hs6, exporter_iso3 FROM read_parquet('{quoted}') "
        "GROUP BY ALL HAVING COUNT(*) > 1 LIMIT 1").fetchall()
    if duplicate:
        importer, hs6, exporter = duplicate[0]
        raise RawDataError(reader.shown, expected="one row per exporter, importer and product",
                           found=f"several rows for {exporter} -> {importer}, HS {hs6}",
                           hint="BACI flows are unique: the file is damaged.")


def write_release_dataset(path: str | Path, out_dir: str | Path, *,
                          country_codes: Mapping[int, str] | None = None,
                          memory_limit: str = "512MB", threads: int | None = None,
                          temp_directory: str | Path | None = None) -> ReleaseDataset:
    """Write a BACI HS17 release zip as hive-partitioned Parquet, one streaming pass.

    Parameters
    ----------
    path : str or Path
        The release, ``BACI_HS17_V{version}.zip`` as CEPII publishes it.
    out_dir : str or Path
        The dataset folder to write (replaced, once complete, if it exists).
    country_codes : mapping, optional
        BACI numeric code -> ISO3; default the release's own ``country_codes`` file. The
        refresh passes :func:`baci_country_codes` of ``core_codes__country_aliases``.
    memory_limit : str, default "512MB"
        DuckDB's memory limit while it sorts a year; above it, it spills to disk. The
        process peaks about 300 MB above it (measured at 11 million rows a year).
    threads : int, optional
        DuckDB threads (default every core).
    temp_directory : str or Path, optional
        Where DuckDB spills (default a temporary folder).

    Returns
    -------
    ReleaseDataset
        The folder, the release, rows per year and the zip's SHA-256.

    Raises
    ------
    RawDataError
        Naming the zip, the year file, its line and column: a missing or unreadable zip,
        no year files, mixed versions, a missing column, a year other than the file's, a
        country code the mapping does not know, an HS code that is not 1-6 digits, a
        value that is not a number or is negative, a header-only file, a duplicate flow.

    Examples
    --------
    >>> from econ.indicators.synthetic import SyntheticBaci
    >>> panel = SyntheticBaci(rows=12_000, seed=2, countries=30, products=100,
    ...                       years=(2022, 2023))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = Path(tmp)
    ...     written = write_release_dataset(panel.write_release(folder), folder / "baci")
    ...     print(written.rows, sorted(p.name for p in (folder / "baci").iterdir()))
    {2022: 6000, 2023: 6000} ['_release.json', 'year=2022', 'year=2023']
    """
    zip_path, target = Path(path), Path(out_dir)
    codes = dict(country_codes) if country_codes is not None else release_country_codes(
        zip_path)
    named = _RELEASE.fullmatch(zip_path.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.part-", dir=target.parent))
    config: dict[str, str | int | bool] = {"memory_limit": memory_limit,
                                           "preserve_insertion_order": False}
    if threads is not None:
        config["threads"] = threads
    try:
        rows: dict[int, int] = {}
        with (_open_zip(zip_path) as archive, tempfile.TemporaryDirectory() as scratch,
              duckdb.connect(config={**config,
                                     "temp_directory": str(temp_directory or scratch)}) as con):
            members = _year_members(archive, zip_path)
            for year, name in members.items():
                with archive.open(name) as stream:
                    reader = _YearReader(stream, f"{display_path(zip_path)}:{name}", year,
                                         codes)
                    _write_year(con, reader, staging / f"year={year}" / "part-0.parquet")
                rows[year] = reader.rows
        written = ReleaseDataset(path=target, source=zip_path.name,
                                 version=f"V{named.group(1)}" if named else "",
                                 rows=rows, sha256=_sha256(zip_path))
        (staging / "_release.json").write_text(json.dumps({
            "source": written.source, "version": written.version,
            "source_size": zip_path.stat().st_size, "source_sha256": written.sha256,
            "rows": {str(y): n for y, n in rows.items()}, "columns": list(DATASET_COLUMNS),
            "sorted_by": ["importer_iso3", "hs6", "exporter_iso3"],
            "econ_version": __version__, "built_at": datetime.now(UTC).isoformat(),
            "citation": _CITATION}, indent=2), encoding="utf-8")
        _publish(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _publish(staging: Path, target: Path) -> None:
    """Rename the finished folder into place; a previous dataset goes only after."""
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old)
    else:
        staging.rename(target)


def release_dataset_path(paths: Paths) -> Path:
    """Where the refresh keeps the release dataset.

    That is :data:`DATASET_FOLDER` in ``data/processed/core/``.
    """
    return paths.dataset(DATASET_FOLDER)


def build_release_dataset(ctx: BuildContext) -> pd.DataFrame:
    """Write the newest release as the dataset; one row per year.

    For a catalog entry whose inputs are the release zips
    (``cepii_baci/**/BACI_HS17_V*.zip``, of which the refresh passes only the newest) and
    upstream ``core_codes__country_aliases``: the dataset goes to
    :func:`release_dataset_path`, the returned frame (``year, rows, source_file,
    sha256``) is the table that records it.
    """
    import pandas as pd

    zips = {display_path(p): p for p in ctx.files("BACI_HS17_V*.zip")}
    newest = zips[newest_release(zips)]  # the catalog passes the newest only; be sure
    codes = baci_country_codes(ctx.table(names.COUNTRY_ALIASES))
    written = write_release_dataset(newest, release_dataset_path(ctx.paths),
                                    country_codes=codes)
    ctx.note(f"{display_path(newest)} ({written.version}) written to {written.path}: "
             f"{sum(written.rows.values()):,} flows")
    return pd.DataFrame({"year": list(written.rows), "rows": list(written.rows.values()),
                         "source_file": display_path(newest), "sha256": written.sha256})
