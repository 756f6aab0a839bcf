"""``data/raw/MANIFEST.csv``: the one list of raw files ``econ`` may read.

Every raw file is listed with its size and sha256. A table's inputs are resolved from this
list, never from whatever a glob finds on disk: a listed file that is missing, changed,
a symlink or outside ``data/raw`` fails the build, and so does an unlisted file that
matches an input pattern (it was copied in without being registered).

New releases (``econ fetch``) are registered with :func:`add_files`, which never
changes an existing entry. ``scripts/make_manifest.py`` rewrites the whole list after
files were copied in by hand.
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
import io
import json
import os
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from econ._atomic import write_text
from econ.errors import RawDataError

__all__ = [
    "MANIFEST_NAME",
    "FileHasher",
    "ManifestEntry",
    "add_files",
    "check_raw",
    "matches",
    "newest_release",
    "read_manifest",
    "resolve_inputs",
    "sha256_file",
    "vintage_key",
    "write_manifest",
]

MANIFEST_NAME = "MANIFEST.csv"
_HEADER = ["path", "bytes", "sha256"]
_FIX = "run `python scripts/make_manifest.py` after adding a raw file"


@dataclass(frozen=True)
class ManifestEntry:
    """One listed raw file: path relative to ``data/raw``, size and sha256."""

    path: str
    bytes: int
    sha256: str


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FileHasher:
    """sha256 of files, remembered by (size, mtime, ctime, inode).

    The cache lets a no-op refresh read nothing; keying on ctime and inode as well as
    mtime means an edit whose mtime was restored (``touch -d``), or a file replaced by
    another, is hashed again. Saving the cache is best effort: a read-only or full disk
    costs speed, never correctness.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.entries: dict[str, list[Any]] = {}
        if path is not None:
            try:
                loaded = json.loads(path.read_text())
                if isinstance(loaded, dict):
                    self.entries = loaded
            except (OSError, ValueError):
                pass
        self.dirty = False

    def sha256(self, path: Path) -> str:
        """sha256 of ``path`` (from the cache when the file's identity is unchanged)."""
        stat = path.stat()
        key = str(path)
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        entry = self.entries.get(key)
        if entry is not None and entry[:4] == stamp:
            return str(entry[4])
        digest = sha256_file(path)
        self.entries[key] = [*stamp, digest]
        self.dirty = True
        return digest

    def cached(self, path: Path) -> str | None:
        """The remembered sha256 of ``path`` if the file is unchanged since, else None."""
        try:
            stat = path.stat()
        except OSError:
            return None
        entry = self.entries.get(str(path))
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        return str(entry[4]) if entry is not None and entry[:4] == stamp else None

    def save(self) -> bool:
        """Write the cache atomically; return False (and keep going) if the disk refuses."""
        if not self.dirty or self.path is None:
            return True
        try:
            write_text(self.path, json.dumps(self.entries))
        except OSError:
            return False
        self.dirty = False
        return True


def read_manifest(raw: Path) -> dict[str, ManifestEntry]:
    """The entries of ``raw/MANIFEST.csv`` by path.

    Raises
    ------
    RawDataError
        If the manifest is missing, has another header, or a row is malformed.
    """
    manifest = raw / MANIFEST_NAME
    try:
        text = manifest.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RawDataError(manifest, expected="the list of raw files (path,bytes,sha256)",
                           found="no file", hint=f"Restore it from git or {_FIX}.") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header != _HEADER:
        raise RawDataError(manifest, row=1, expected=f"header {','.join(_HEADER)}",
                           found=repr(header), hint=f"Restore it from git or {_FIX}.")
    entries: dict[str, ManifestEntry] = {}
    for number, row in enumerate(reader, start=2):
        if len(row) != 3 or not row[1].isdigit() or len(row[2]) != 64:
            raise RawDataError(manifest, row=number, expected="path,bytes,sha256",
                               found=repr(row), hint=f"Restore it from git or {_FIX}.")
        entries[row[0]] = ManifestEntry(row[0], int(row[1]), row[2])
    return entries


def _write(raw: Path, entries: Iterable[ManifestEntry]) -> Path:
    target = raw / MANIFEST_NAME
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_HEADER)
    for entry in sorted(entries, key=lambda e: e.path):
        writer.writerow([entry.path, entry.bytes, entry.sha256])
    write_text(target, buffer.getvalue())
    return target


def _disk_files(raw: Path) -> list[Path]:
    return sorted(p for p in raw.rglob("*")
                  if (p.is_file() or p.is_symlink()) and p.name != MANIFEST_NAME
                  and not p.name.startswith("."))


def write_manifest(raw: Path) -> Path:
    """Rewrite ``raw/MANIFEST.csv`` from the files on disk (path, bytes, sha256).

    Run it (``python scripts/make_manifest.py``) after copying a raw file in, never to
    silence a failed check: a raw file must stay byte-for-byte as published. Symlinks
    are refused.
    """
    entries = []
    for path in _disk_files(raw):
        if path.is_symlink():
            raise RawDataError(path, expected="a regular file", found="a symlink",
                               hint="Copy the file into data/raw instead of linking it.")
        entries.append(ManifestEntry(path.relative_to(raw).as_posix(), path.stat().st_size,
                                     sha256_file(path)))
    return _write(raw, entries)


def add_files(raw: Path, relative: Sequence[str]) -> list[ManifestEntry]:
    """Register new raw files in the manifest; never change an existing entry.

    Parameters
    ----------
    raw : Path
        The ``data/raw`` folder.
    relative : sequence of str
        Paths relative to ``raw`` of files already in place (e.g. renamed there by a
        fetcher after verification).

    Returns
    -------
    list of ManifestEntry
        The entries added (a path already listed with the same size and sha256 is
        accepted and returned as it is).

    Raises
    ------
    RawDataError
        If a path is already listed with other content (a raw file is never replaced),
        is missing, is a symlink or lies outside ``raw``.
    """
    entries = read_manifest(raw)
    added = []
    for rel in relative:
        path = _checked_path(raw, rel)
        entry = ManifestEntry(rel, path.stat().st_size, sha256_file(path))
        old = entries.get(rel)
        if old is not None and old != entry:
            raise RawDataError(path, expected=f"the listed {old.bytes} bytes, sha256 "
                               f"{old.sha256[:12]}", found=f"{entry.bytes} bytes, sha256 "
                               f"{entry.sha256[:12]}", hint="A raw file is never replaced: "
                               "save a new release under a new name.")
        entries[rel] = entry
        added.append(entry)
    _write(raw, entries.values())
    return added


def _checked_path(raw: Path, rel: str) -> Path:
    """The file ``raw/rel``, refusing symlinks, missing files and paths outside ``raw``."""
    pure = PurePosixPath(rel)
    path = raw / rel
    if pure.is_absolute() or ".." in pure.parts:
        raise RawDataError(rel, expected="a path inside data/raw", found="a path outside it",
                           hint="List files by their path relative to data/raw.")
    if path.is_symlink():
        raise RawDataError(path, expected="a regular file", found=f"a symlink to "
                           f"{os.readlink(path)}", hint="Copy the file into data/raw "
                           "instead of linking it, then " + _FIX + ".")
    if not path.is_file():
        raise RawDataError(path, expected="the file listed in data/raw/MANIFEST.csv",
                           found="no file", hint="Restore it (git checkout data/raw, or copy "
                           "it byte-for-byte from ../shared/data/raw).")
    if not path.resolve().is_relative_to(raw.resolve()):
        raise RawDataError(path, expected="a file inside data/raw",
                           found=f"a path resolving to {path.resolve()}",
                           hint="Copy the file into data/raw.")
    return path


def resolve_inputs(raw: Path, patterns: Sequence[str], *, table: str,
                   hasher: FileHasher | None = None, optional: bool = False,
                   newest: Collection[str] = (), may_be_empty: Collection[str] = ()
                   ) -> list[tuple[ManifestEntry, Path]]:
    """The listed files matching ``patterns``, each verified on disk.

    Parameters
    ----------
    raw : Path
        The ``data/raw`` folder.
    patterns : sequence of str
        Glob patterns relative to ``raw`` (``*`` does not cross ``/``).
    table : str
        The table being built, named in messages.
    hasher : FileHasher, optional
        sha256 cache.
    optional : bool
        Any pattern may match no listed file (releases not fetched yet).
    newest : collection of str
        Patterns (among ``patterns``) whose files are vintages of one publication: only
        the newest (:func:`newest_release`) is returned; every one is verified.
    may_be_empty : collection of str
        Patterns (among ``patterns``) that may match no listed file, as with
        ``optional`` (releases only ``econ fetch`` brings).

    Returns
    -------
    list of (ManifestEntry, Path)
        Sorted by path within each pattern.

    Raises
    ------
    RawDataError
        Naming the file when a pattern matches no listed file, a listed file is missing,
        a symlink, outside ``raw``, or differs in size or sha256, an unlisted file on
        disk matches a pattern, or two files of a ``newest`` pattern lie in one release
        folder (which one is newest cannot be told).
    """
    entries = read_manifest(raw)
    hasher = hasher or FileHasher()
    found: list[tuple[ManifestEntry, Path]] = []
    for pattern in patterns:
        listed = sorted(p for p in entries if matches(p, pattern))
        on_disk = {p.relative_to(raw).as_posix() for p in raw.glob(pattern)
                   if p.is_file() or p.is_symlink()}
        unlisted = sorted(on_disk - set(listed) - {MANIFEST_NAME})
        if unlisted:
            raise RawDataError(raw / unlisted[0], expected="a file listed in "
                               "data/raw/MANIFEST.csv", found="a file that is not listed "
                               f"(input of {table})", hint=f"If it is a new release, {_FIX}; "
                               "otherwise remove it.")
        if not listed and not optional and pattern not in may_be_empty:
            raise RawDataError(f"data/raw/{pattern}", expected="at least one file listed in "
                               "data/raw/MANIFEST.csv", found="none", hint=f"Table {table} "
                               "reads it: copy the file byte-for-byte from ../shared/data/raw "
                               f"and {_FIX}.")
        for rel in listed:
            _verify(entries[rel], _checked_path(raw, rel), hasher)
        read = [_only_newest(raw, listed, pattern, table)] if pattern in newest and listed \
            else listed
        found.extend((entries[rel], raw / rel) for rel in read)
    return found


def _verify(entry: ManifestEntry, path: Path, hasher: FileHasher) -> None:
    """Fail unless ``path`` has the size and sha256 the manifest lists."""
    size = path.stat().st_size
    if size != entry.bytes:
        raise RawDataError(path, expected=f"{entry.bytes} bytes as listed in "
                           "data/raw/MANIFEST.csv", found=f"{size} bytes",
                           hint="The file was truncated or edited: restore it (git "
                           "checkout data/raw, or copy it from ../shared/data/raw).")
    digest = hasher.sha256(path)
    if digest != entry.sha256:
        raise RawDataError(path, expected=f"sha256 {entry.sha256[:12]}… as listed in "
                           "data/raw/MANIFEST.csv", found=f"sha256 {digest[:12]}…",
                           hint="The file was edited: restore it (git checkout "
                           "data/raw, or copy it from ../shared/data/raw).")


def _only_newest(raw: Path, listed: Sequence[str], pattern: str, table: str) -> str:
    """The newest of ``listed``, refusing two files of the same release."""
    chosen = newest_release(listed)
    twins = [p for p in listed if p != chosen and vintage_key(p) == vintage_key(chosen)]
    if twins:
        raise RawDataError(raw / chosen, expected=f"one file of {pattern} per release "
                           f"(input of {table})", found=f"also {twins[0]}",
                           hint="Keep one file per release folder: remove the one that "
                           "is not the release, then run `python scripts/make_manifest.py`.")
    return chosen


def matches(path: str, pattern: str) -> bool:
    """Glob match as :meth:`pathlib.Path.glob` does it.

    ``*`` and ``?`` stay within one path segment; a ``**`` segment stands for any number
    of segments, none included.

    Examples
    --------
    >>> matches("cepii_baci/V202501/BACI_HS17_V202501.zip", "cepii_baci/**/BACI_*.zip")
    True
    >>> matches("cepii_baci/BACI_HS17_V202501.zip", "cepii_baci/**/BACI_*.zip")
    True
    >>> matches("cepii_baci/V202501/BACI_HS17_V202501.zip", "cepii_baci/BACI_*.zip")
    False
    """
    return _match_parts(path.split("/"), pattern.split("/"))


def _match_parts(parts: Sequence[str], wanted: Sequence[str]) -> bool:
    if not wanted:
        return not parts
    head, rest = wanted[0], wanted[1:]
    if head == "**":
        return any(_match_parts(parts[i:], rest) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and _match_parts(parts[1:],
                                                                                 rest)


_DIGITS = re.compile(r"(\d+)")


def vintage_key(path: str) -> tuple[str, ...]:
    """Sort key of a raw file among the releases of its source (later sorts higher).

    A release's vintage is the folder ``econ fetch`` stored it in,
    ``<source folder>/<release>/<file>``, named by the release: the publisher's version
    (BACI ``V202601``, Atlas ``v9.0``), the date the publisher prints in the file (WDI
    "Last Updated Date", Pink Sheet "Updated on", Bank of Russia "last updated") or the
    last period it holds (Comtrade ``2026-05``, IMTS ``M_2026-06``). Labels compare piece
    by piece with digit runs as numbers, so ``v9.0 < v10.0`` and ``2024-10-24 <
    2025-07-01``; the same release fetched again (``<release>_retrieved_<time>``) sorts
    after it. A file copied by hand into the source folder itself (the files shipped
    with econ) has no release folder and is older than any release econ fetch stored.

    Examples
    --------
    >>> paths = ["harvard_atlas/v10.0/x.csv", "harvard_atlas/x.csv", "harvard_atlas/v9.0/x.csv"]
    >>> sorted(paths, key=vintage_key)
    ['harvard_atlas/x.csv', 'harvard_atlas/v9.0/x.csv', 'harvard_atlas/v10.0/x.csv']
    """
    folders = path.split("/")[1:-1]
    return tuple(_DIGITS.sub(lambda m: m.group(1).zfill(20), label) for label in folders)


def newest_release(paths: Iterable[str]) -> str:
    """The newest of several releases of one file (:func:`vintage_key`; ties by path).

    Examples
    --------
    >>> newest_release(["wdi/API_1.csv", "wdi/2025-07-01/API_2.csv", "wdi/2024-12-16/API_3.csv"])
    'wdi/2025-07-01/API_2.csv'
    """
    return max(paths, key=lambda p: (vintage_key(p), p))


def check_raw(raw: Path) -> list[dict[str, str]]:
    """Compare every raw file with the manifest.

    Returns
    -------
    list of dict
        One record per file listed or present: ``path, status, detail``; status is
        ``ok``, ``missing``, ``changed`` (size or sha256), ``symlink`` or ``unlisted``.
    """
    entries = read_manifest(raw)
    records = []
    for rel, entry in sorted(entries.items()):
        path = raw / rel
        if path.is_symlink():
            records.append({"path": rel, "status": "symlink",
                            "detail": "a symlink; raw files must be regular files"})
            continue
        if not path.is_file():
            records.append({"path": rel, "status": "missing", "detail": "listed, not on disk"})
            continue
        size, digest = path.stat().st_size, sha256_file(path)
        if size != entry.bytes or digest != entry.sha256:
            records.append({"path": rel, "status": "changed", "detail":
                            f"expected {entry.bytes} bytes sha256 {entry.sha256[:12]}, found "
                            f"{size} bytes sha256 {digest[:12]}"})
        else:
            records.append({"path": rel, "status": "ok", "detail": ""})
    for path in _disk_files(raw):
        rel = path.relative_to(raw).as_posix()
        if rel not in entries:
            records.append({"path": rel, "status": "unlisted",
                            "detail": f"not in MANIFEST.csv; {_FIX}"})
    return records
