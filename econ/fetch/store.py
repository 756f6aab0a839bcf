"""The fetch manifest and the one way a fetched file enters ``data/raw``.

``data/raw/.fetch_manifest.csv`` holds one row per stored release: source, path, URL,
retrieval time, HTTP status, ETag, Last-Modified, size, sha256, licence, the release
label and the publisher's release date. Its ETag and Last-Modified drive the next
conditional GET; its release dates drive the release calendar. (The leading dot keeps
it out of ``data/raw/MANIFEST.csv``, which lists data files only.)

:func:`commit` renames verified ``.part`` files into place, registers them with
:func:`econ.manifest.add_files` and appends their rows, as one transaction: if any step
fails, the renamed files are removed and both manifests restored byte for byte, so
``data/raw`` is exactly as it was.
"""

from __future__ import annotations

import csv
import io
import os
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from econ._atomic import write_bytes
from econ.catalog import TABLES
from econ.fetch.errors import FetchError
from econ.manifest import MANIFEST_NAME, add_files, matches, newest_release, read_manifest

__all__ = ["FETCH_MANIFEST", "FetchRecord", "Staged", "commit", "read_fetch_manifest",
           "stored_digests", "tables_reading"]

FETCH_MANIFEST = ".fetch_manifest.csv"
_LOCK = threading.Lock()  # sources run in threads; the manifests are read-modify-write


@dataclass(frozen=True)
class FetchRecord:
    """One stored release (a row of the fetch manifest)."""

    source: str
    path: str
    url: str
    retrieved_at: str
    status: str
    etag: str
    last_modified: str
    bytes: int
    sha256: str
    licence: str
    release: str
    release_date: str


_COLUMNS = [f.name for f in fields(FetchRecord)]


@dataclass(frozen=True)
class Staged:
    """A verified ``.part`` file and the record it will be stored under."""

    part: Path
    record: FetchRecord


def read_fetch_manifest(raw: Path) -> list[FetchRecord]:
    """Rows of ``raw/.fetch_manifest.csv`` (empty if there is none yet).

    Raises
    ------
    FetchError
        If the file exists but its header or a row is not as written by ``econ fetch``.
    """
    path = raw / FETCH_MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    rows = list(csv.DictReader(io.StringIO(text)))
    header = text.splitlines()[0].split(",") if text else []
    if header != _COLUMNS:
        raise FetchError("fetch", str(path), f"expected the header {','.join(_COLUMNS)}, "
                         f"found {','.join(header)[:120]!r}",
                         hint="Restore data/raw/.fetch_manifest.csv from git")
    records = []
    for number, row in enumerate(rows, start=2):
        try:
            values: dict[str, Any] = {**row, "bytes": int(row["bytes"])}
            records.append(FetchRecord(**values))
        except (TypeError, ValueError):
            raise FetchError("fetch", str(path), f"row {number}: expected {len(_COLUMNS)} "
                             f"fields with a byte count, found {row!r}",
                             hint="Restore data/raw/.fetch_manifest.csv from git") from None
    return records


def stored_digests(raw: Path, folder: str) -> dict[str, str]:
    """sha256 -> path of every listed raw file under ``folder`` (to spot re-downloads)."""
    prefix = folder.rstrip("/") + "/"
    return {e.sha256: e.path for e in read_manifest(raw).values() if e.path.startswith(prefix)}


def tables_reading(raw: Path, relative: str) -> list[str]:
    """The tables whose next ``econ refresh`` reads the listed raw file ``relative``.

    A table reads a file one of its input patterns matches, unless that pattern keeps
    only the newest release (``newest_only``) and a newer one is listed.
    """
    listed = list(read_manifest(raw))
    found = []
    for spec in TABLES:
        for pattern in spec.inputs:
            if matches(relative, pattern) and (
                    pattern not in spec.newest_only
                    or newest_release(p for p in listed if matches(p, pattern)) == relative):
                found.append(spec.name)
                break
    return found


def _render(records: Sequence[FetchRecord]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(asdict(record))
    return buffer.getvalue().encode("utf-8")


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def commit(raw: Path, staged: Sequence[Staged]) -> list[FetchRecord]:
    """Move verified files into ``data/raw`` and register them, all or nothing.

    Parameters
    ----------
    raw : Path
        The ``data/raw`` folder.
    staged : sequence of Staged
        ``.part`` files (on the same file system) and their records; ``record.path`` is
        the target relative to ``raw`` and must not exist yet.

    Returns
    -------
    list of FetchRecord
        The rows appended to the fetch manifest.

    Raises
    ------
    FetchError
        If a target exists (a raw file is never overwritten) or a manifest cannot be
        updated; ``data/raw`` is then byte-identical to before.
    """
    with _LOCK:
        manifest, fetch_manifest = raw / MANIFEST_NAME, raw / FETCH_MANIFEST
        saved = _read_bytes(manifest), _read_bytes(fetch_manifest)
        moved: list[Path] = []
        made: list[Path] = []
        try:
            existing = read_fetch_manifest(raw)
            for item in staged:
                target = raw / item.record.path
                if target.exists() or target.is_symlink():
                    raise FetchError(item.record.source, item.record.url,
                                     f"{item.record.path} exists already",
                                     hint="A raw file is never overwritten")
                for parent in reversed(target.relative_to(raw).parents[:-1]):
                    if not (raw / parent).exists():
                        (raw / parent).mkdir()
                        made.append(raw / parent)
                os.replace(item.part, target)
                moved.append(target)
            add_files(raw, [item.record.path for item in staged])
            write_bytes(fetch_manifest, _render([*existing, *(s.record for s in staged)]))
        except BaseException:
            for target in moved:
                target.unlink(missing_ok=True)
            for folder in reversed(made):
                folder.rmdir()
            for path, data in zip((manifest, fetch_manifest), saved, strict=True):
                if data is None:
                    path.unlink(missing_ok=True)
                elif _read_bytes(path) != data:
                    write_bytes(path, data)
            raise
    return [s.record for s in staged]
