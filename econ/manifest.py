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
from collections.abc import Iterable, Sequence
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
    "read_manifest",
    "resolve_inputs",
    "sha256_file",
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
                   hasher: FileHasher | None = None, optional: bool = False
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
        A pattern may match no listed file (releases not fetched yet).

    Returns
    -------
    list of (ManifestEntry, Path)
        Sorted by path within each pattern.

    Raises
    ------
    RawDataError
        Naming the file when a pattern matches no listed file, a listed file is missing,
        a symlink, outside ``raw``, or differs in size or sha256, or an unlisted file on
        disk matches a pattern.
    """
    entries = read_manifest(raw)
    hasher = hasher or FileHasher()
    found: list[tuple[ManifestEntry, Path]] = []
    for pattern in patterns:
        listed = sorted(p for p in entries if _matches(p, pattern))
        on_disk = {p.relative_to(raw).as_posix() for p in raw.glob(pattern)
                   if p.is_file() or p.is_symlink()}
        unlisted = sorted(on_disk - set(listed) - {MANIFEST_NAME})
        if unlisted:
            raise RawDataError(raw / unlisted[0], expected="a file listed in "
                               "data/raw/MANIFEST.csv", found="a file that is not listed "
                               f"(input of {table})", hint=f"If it is a new release, {_FIX}; "
                               "otherwise remove it.")
        if not listed and not optional:
            raise RawDataError(f"data/raw/{pattern}", expected="at least one file listed in "
                               "data/raw/MANIFEST.csv", found="none", hint=f"Table {table} "
                               "reads it: copy the file byte-for-byte from ../shared/data/raw "
                               f"and {_FIX}.")
        for rel in listed:
            entry = entries[rel]
            path = _checked_path(raw, rel)
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
            found.append((entry, path))
    return found


def _matches(path: str, pattern: str) -> bool:
    """Glob match where ``*`` and ``?`` stay within one path segment, as Path.glob does."""
    parts, wanted = path.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(
        fnmatch.fnmatchcase(p, w) for p, w in zip(parts, wanted, strict=True))


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
