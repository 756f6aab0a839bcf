"""Parquet storage: atomic writes that carry provenance, and reads back into pandas.

Each file's schema metadata holds, under the key ``econ``, a JSON document with the
table name, schema, every input file with its sha256 and size, the upstream tables, the
code version, the build time and the source citation. ``pyarrow`` alone can read it::

    import json, pyarrow.parquet as pq
    meta = json.loads(pq.read_schema(path).metadata[b"econ"])

The key ``econ.inputs`` repeats the inputs as ``sha256  bytes  path`` lines for a reader
with no JSON at hand.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from econ._atomic import commit, temp_path
from econ.errors import TableReadError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "METADATA_KEY",
    "content_sha256",
    "read_frame",
    "read_provenance",
    "read_table",
    "verify_file",
    "write_table",
]

METADATA_KEY = b"econ"
Filters = Mapping[str, Any] | Sequence[tuple[str, str, Any]] | None


def _canonical_parts(array: pa.Array) -> list[bytes | memoryview]:
    """Bytes that identify an array's values, whatever its buffer layout.

    Arrow may or may not allocate a validity bitmap for an array without nulls, may slice
    buffers, and leaves the values under null slots undefined; none of that may change a
    digest. Nulls are hashed as a mask and replaced by a fixed value; buffers are cut to
    the array's own range.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    parts: list[bytes | memoryview] = [str(len(array)).encode()]
    kind = array.type
    if array.null_count:
        mask = array.is_null().to_numpy(zero_copy_only=False)
        parts.append(np.packbits(mask).tobytes())
        if pa.types.is_string(kind):
            fill = pa.scalar("", kind)
        elif pa.types.is_boolean(kind):
            fill = pa.scalar(False)
        else:
            fill = pa.scalar(0, pa.int64()).cast(kind)
        array = pc.fill_null(array, fill)
    if pa.types.is_string(kind):
        buffers = array.buffers()
        offsets = np.frombuffer(buffers[1], dtype=np.int32)[array.offset:
                                                            array.offset + len(array) + 1]
        parts.append((offsets - offsets[0]).tobytes())
        parts.append(memoryview(buffers[2])[offsets[0]:offsets[-1]] if buffers[2] else b"")
    elif pa.types.is_boolean(kind):
        parts.append(np.packbits(array.to_numpy(zero_copy_only=False)).tobytes())
    else:
        width = kind.bit_width // 8
        parts.append(memoryview(array.buffers()[1])[array.offset * width:
                                                    (array.offset + len(array)) * width])
    return parts


def content_sha256(table: pa.Table) -> str:
    """SHA-256 of a table's values and schema, ignoring metadata and memory layout.

    Equal for the table as built and as read back from its Parquet file, so downstream
    tables can tell whether an upstream table really changed and ``econ validate`` can
    tell whether a file was altered.
    """
    digest = hashlib.sha256()
    schema = table.schema.remove_metadata()
    digest.update(str([(f.name, str(f.type), f.nullable) for f in schema]).encode())
    for column in table.columns:
        for part in _canonical_parts(column.combine_chunks()):
            digest.update(part)
    return digest.hexdigest()


def write_table(table: pa.Table, path: Path, provenance: Mapping[str, Any]) -> None:
    """Write ``table`` to ``path`` atomically, with ``provenance`` in its metadata.

    The file is written under a temporary name in the same folder, flushed to disk and
    renamed into place, so readers see the old file or the new one, never half of one.

    Parameters
    ----------
    table : pyarrow.Table
        Validated table (see :func:`econ.schema.validate_frame`).
    path : Path
        Destination ``.parquet`` file.
    provenance : mapping
        JSON-serialisable provenance; ``inputs`` (a list of dicts with ``path``,
        ``sha256`` and ``bytes``) is also written as plain text under ``econ.inputs``.
    """
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "\n".join(
        f"{i['sha256']}  {i['bytes']}  {i['path']}" for i in provenance.get("inputs", [])
    )
    metadata = dict(table.schema.metadata or {})
    metadata[METADATA_KEY] = json.dumps(provenance, sort_keys=True).encode()
    metadata[b"econ.inputs"] = lines.encode()
    table = table.replace_schema_metadata(metadata)
    tmp = temp_path(path)
    try:
        pq.write_table(table, tmp, compression="zstd", write_page_checksum=True)
        commit(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_provenance(path: Path) -> dict[str, Any] | None:
    """Return the provenance stored in a Parquet file, or None if absent or unreadable."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(path).metadata or {}
        found: dict[str, Any] = json.loads(metadata[METADATA_KEY])
    except (OSError, KeyError, ValueError):
        return None
    except Exception as exc:  # pyarrow raises its own ArrowInvalid for corrupt files
        if type(exc).__module__.startswith("pyarrow"):
            return None
        raise
    return found


def _filter_expression(filters: Filters) -> list[tuple[str, str, Any]] | None:
    if filters is None:
        return None
    if isinstance(filters, Mapping):
        out: list[tuple[str, str, Any]] = []
        for column, wanted in filters.items():
            if isinstance(wanted, list | tuple | set | frozenset):
                out.append((column, "in", list(wanted)))
            else:
                out.append((column, "==", wanted))
        return out
    return list(filters)


def read_table(path: Path, *, columns: Sequence[str] | None = None,
               filters: Filters = None) -> pa.Table:
    """Read a Parquet table, verifying its page checksums.

    Raises
    ------
    TableReadError
        Naming the file, if it cannot be read or a page fails its checksum.
    """
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path, columns=list(columns) if columns else None,
                             filters=_filter_expression(filters),
                             page_checksum_verification=True)
    except FileNotFoundError:
        raise
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ArrowException ...
        if isinstance(exc, KeyError | TypeError) or not (
                isinstance(exc, OSError) or type(exc).__module__.startswith("pyarrow")):
            raise
        raise TableReadError(path, str(exc)) from exc


def read_frame(
    path: Path, *, columns: Sequence[str] | None = None, filters: Filters = None
) -> pd.DataFrame:
    """Read a Parquet table into pandas with the dtypes analysts expect.

    Dates (``period``) become ``datetime64``; integer columns with gaps become ``Int64``;
    booleans with gaps become ``boolean``. Page checksums are verified.

    Parameters
    ----------
    path : Path
    columns : sequence of str, optional
        Subset of columns to read.
    filters : mapping or list of tuples, optional
        ``{"reporter_iso3": "RUS", "year": [2019, 2020]}`` or pyarrow-style tuples
        ``[("year", ">=", 2019)]``. Applied while reading.

    Raises
    ------
    TableReadError
        If the file is damaged (see :func:`read_table`).
    """
    import pandas as pd
    import pyarrow as pa

    table = read_table(path, columns=columns, filters=filters)
    frame = table.to_pandas(
        date_as_object=False,
        types_mapper={pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}.get,
    )
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.Int64Dtype | pd.BooleanDtype) and not (
            frame[name].isna().any()
        ):
            frame[name] = frame[name].astype(frame[name].dtype.numpy_dtype)
    return frame


def verify_file(path: Path, provenance: Mapping[str, Any]) -> str | None:
    """Why a built table's file cannot be trusted, or None when it can.

    Reads every page (checksums verified) and compares the content digest with the one
    recorded at build time.
    """
    try:
        table = read_table(path)
    except TableReadError as exc:
        return exc.problem
    if content_sha256(table.replace_schema_metadata(None)) != provenance.get("content_sha256"):
        return "its data differ from the digest recorded at build time"
    return None
