"""``econ fetch``: bring new releases from the publishers into ``data/raw``, verified.

One module per publisher declares its endpoint(s), how a new release is detected, its
release calendar, licence and rate limit; the shared machinery retries with jittered
backoff (honouring ``Retry-After``), makes conditional GETs from the fetch manifest,
streams to ``.part`` files with resumption, verifies length, checksum and content, opens
archives defensively and renames a verified file into a new path, registering it in
``data/raw/MANIFEST.csv``. A failed fetch leaves ``data/raw`` byte-identical.
"""

from __future__ import annotations

from econ.fetch.base import Release, ReleaseCalendar, SourceInfo, SourceResult
from econ.fetch.errors import FetchError
from econ.fetch.http import HttpSettings
from econ.fetch.registry import SOURCES
from econ.fetch.run import EXIT_CODES, FetchReport, fetch

__all__ = [
    "EXIT_CODES",
    "SOURCES",
    "FetchError",
    "FetchReport",
    "HttpSettings",
    "Release",
    "ReleaseCalendar",
    "SourceInfo",
    "SourceResult",
    "fetch",
]
