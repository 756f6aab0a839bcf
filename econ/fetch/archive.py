"""Zip archives from publishers, opened defensively.

A member name that is absolute, climbs out with ``..``, uses a drive letter or a
backslash, or a member that is a symbolic link, refuses the whole archive. So does a zip
bomb: more members, more uncompressed bytes, or a higher compression ratio than the caps
allow. Extraction counts the bytes it actually writes, so a member whose header
understates its size is caught too.
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from econ.fetch.errors import FetchError

__all__ = ["ZipLimits", "extract_members", "inspect_zip"]


@dataclass(frozen=True)
class ZipLimits:
    """Caps that refuse a zip bomb.

    Parameters
    ----------
    max_members : int
        Most members.
    max_total_bytes : int
        Most uncompressed bytes over all members (a full BACI release is about 8 GB).
    max_ratio : float
        Highest ratio of uncompressed to compressed size of one member (CSV compresses
        about 5-10 times; bombs reach 1000).
    """

    max_members: int = 10_000
    max_total_bytes: int = 20 << 30
    max_ratio: float = 200.0


def _unsafe_name(name: str) -> str | None:
    """Why a member name is unsafe, or None.

    Examples
    --------
    >>> _unsafe_name("../../etc/passwd")
    "it climbs out of the archive's folder ('..')"
    >>> _unsafe_name("data/BACI.csv") is None
    True
    """
    if "\\" in name:
        return "it contains a backslash"
    pure = PurePosixPath(name)
    if pure.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "it is an absolute path"
    if ".." in pure.parts:
        return "it climbs out of the archive's folder ('..')"
    return None


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def inspect_zip(path: Path, *, source: str, url: str,
                limits: ZipLimits | None = None) -> list[zipfile.ZipInfo]:
    """The file members of a zip, after refusing traversal, links and bombs.

    Raises
    ------
    FetchError
        Naming the member and the rule it breaks.
    """
    limits = limits or ZipLimits()
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FetchError(source, url, f"expected a zip file, found a damaged one ({exc})"
                         ) from None
    if len(infos) > limits.max_members:
        raise FetchError(source, url, f"expected at most {limits.max_members} zip members, "
                         f"found {len(infos)}", hint="Refused as a possible zip bomb")
    total = 0
    for info in infos:
        why = _unsafe_name(info.filename)
        if why is not None:
            raise FetchError(source, url, f"zip member {info.filename!r} refused: {why}",
                             hint="Refused as a path-traversal attempt")
        if _is_link(info):
            raise FetchError(source, url, f"zip member {info.filename!r} refused: it is a "
                             "symbolic link", hint="Archives may hold regular files only")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > (1 << 20) and ratio > limits.max_ratio:
            raise FetchError(source, url, f"zip member {info.filename!r} expands {ratio:.0f} "
                             f"times (cap {limits.max_ratio:.0f})",
                             hint="Refused as a possible zip bomb")
    if total > limits.max_total_bytes:
        raise FetchError(source, url, f"the zip expands to {total} bytes, more than the cap "
                         f"of {limits.max_total_bytes}", hint="Refused as a possible zip bomb")
    return [i for i in infos if not i.is_dir()]


def extract_members(path: Path, names: Sequence[str], folder: Path, *, source: str, url: str,
                    limits: ZipLimits | None = None) -> list[Path]:
    """Extract the named members (flat, by their base name) into ``folder``.

    Every member is checked by :func:`inspect_zip` first; bytes are counted while
    writing, so a member that expands past its declared size or the total cap is
    refused and the partial output removed.
    """
    limits = limits or ZipLimits()
    members = {i.filename: i for i in inspect_zip(path, source=source, url=url, limits=limits)}
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    budget = limits.max_total_bytes
    try:
        with zipfile.ZipFile(path) as archive:
            for name in names:
                info = members.get(name)
                if info is None:
                    raise FetchError(source, url, f"expected zip member {name!r}, found "
                                     f"{sorted(members)[:6]}")
                target = folder / PurePosixPath(name).name
                written.append(target)
                with archive.open(info) as src, open(target, "wb") as dst:
                    count = 0
                    for block in iter(partial(src.read, 1 << 20), b""):
                        count += len(block)
                        if count > info.file_size or count > budget:
                            raise FetchError(source, url, f"zip member {name!r} expands past "
                                             "its declared size", hint="Refused as a "
                                             "possible zip bomb")
                        dst.write(block)
                budget -= count
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return written
