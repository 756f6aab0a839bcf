"""Atomic file writes, one way for every writer in econ.

A file is written to a temporary beside its target (same folder, so the rename is atomic),
flushed to disk, renamed over the target, and the folder is flushed so the rename survives
a power cut. A reader sees the old file or the new one, never a part. Temporaries are named
``.<name>.<pid>.<thread>.tmp`` so that :func:`econ.lock.sweep_stale_temporaries` can tell
whose they are and remove those of processes that died.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

__all__ = ["TEMP_NAME", "commit", "fsync_dir", "temp_path", "write_bytes", "write_text"]

#: a temporary's name; group 1 is the writing process's pid
TEMP_NAME = re.compile(r"^\..+\.(\d+)\.\d+\.tmp$")


def temp_path(path: Path) -> Path:
    """The temporary for ``path``: beside it, named after this process and thread.

    >>> temp_path(Path("/data/x.parquet")).name.startswith(".x.parquet.")
    True
    >>> bool(TEMP_NAME.match(temp_path(Path("/data/x.parquet")).name))
    True
    """
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename inside it) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit(tmp: Path, path: Path) -> None:
    """Flush the finished temporary ``tmp`` and rename it over ``path``."""
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    try:
        tmp.write_bytes(data)
        commit(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically as UTF-8."""
    write_bytes(path, text.encode("utf-8"))
