"""Harvard Growth Lab, Atlas of Economic Complexity: trade data (HS92) on Harvard Dataverse.

New release: the dataset version (``versionNumber.versionMinorNumber``) of the latest
published version, newer than the stored one. The files wanted are downloaded through
the Dataverse access API (``format=original`` for ingested tables) and each is checked
against the size and checksum Dataverse lists (MD5 or SHA), and its CSV header against
the columns the loader reads. Stored as ``harvard_atlas/v<version>/<file>``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from econ.errors import RawDataError
from econ.etl._read import read_csv_checked
from econ.fetch.base import (
    FetchContext,
    Fetcher,
    Release,
    ReleaseCalendar,
    SourceInfo,
    SourceResult,
    loader_error,
)
from econ.fetch.errors import FetchError
from econ.fetch.http import NotModified, discard
from econ.fetch.store import Staged
from econ.fetch.verify import CONTENT_TYPES, Kind, check_digest, check_kind, check_length

__all__ = ["DOI", "FILES", "INFO", "Atlas", "dataset_version"]

DOI = "doi:10.7910/DVN/T4CHWJ"
#: file wanted -> columns it must have
FILES = {"hs92_country_year.csv": ("country_iso3_code", "year", "export_value",
                                   "import_value")}
_VERSION = "api/datasets/:persistentId/versions/:latest-published"
INFO = SourceInfo(
    name="atlas",
    title="Atlas of Economic Complexity: International Trade Data (HS92)",
    publisher="Harvard Growth Lab (Harvard Dataverse)",
    base_url="https://dataverse.harvard.edu",
    endpoints=(f"{_VERSION}?persistentId={DOI}", "api/access/datafile/<id>"),
    detection="dataset version string (Dataverse), then each file's size and checksum",
    calendar=ReleaseCalendar(12, 90, "yearly, with corrections in between"),
    licence="CC BY 4.0 (Dataverse terms of the Growth Lab dataset)",
    rate_limit="none published; a few requests per release",
    raw_folder="harvard_atlas",
)
_ALGORITHMS = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-512": "sha512"}


def dataset_version(message: dict[str, Any], *, url: str) -> tuple[str, date | None,
                                                                    list[dict[str, Any]]]:
    """``(version, release date, files)`` of a Dataverse dataset-version answer.

    Raises
    ------
    FetchError
        If the answer is not ``{"status": "OK", "data": {...versionNumber...}}``.
    """
    data = message.get("data") if message.get("status") == "OK" else None
    if not isinstance(data, dict) or "versionNumber" not in data:
        raise FetchError(INFO.name, url, "expected a Dataverse dataset version "
                         f"(status OK, data.versionNumber), found {str(message)[:100]!r}")
    version = f"v{data['versionNumber']}.{data.get('versionMinorNumber', 0)}"
    released = str(data.get("releaseTime") or data.get("publicationDate") or "")[:10]
    return version, date.fromisoformat(released) if released else None, data.get("files") or []


class Atlas(Fetcher):
    """The Growth Lab's Dataverse dataset."""

    info = INFO

    def _version(self, ctx: FetchContext) -> tuple[str, str, date | None, list[dict[str, Any]]]:
        url = ctx.url(_VERSION)
        answer = ctx.get(url, params={"persistentId": DOI}, accept=CONTENT_TYPES["json"])
        try:
            message = json.loads(answer.content)
        except ValueError:
            raise FetchError(INFO.name, url, "expected JSON, found text that does not parse"
                             ) from None
        return (url, *dataset_version(message, url=url))

    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Download the files of the latest published dataset version, unless it is stored."""
        url, version, released, files = self._version(ctx)
        last = ctx.last()
        if last is not None and last.release == version and not ctx.force:
            return ctx.nothing_new(url, f"dataset version {version} is stored")
        by_name = {str(f.get("dataFile", {}).get("filename")): f.get("dataFile", {})
                   for f in files}
        missing = [name for name in FILES if name not in by_name]
        if missing:
            raise FetchError(INFO.name, url, f"expected files {list(FILES)} in version "
                             f"{version}, missing {missing}")
        release = Release(version, released)
        staged: list[Staged] = []
        try:
            for name in FILES:
                staged.append(self._file(ctx, name, by_name[name], release))
        except BaseException:
            for item in staged:
                discard(item.part)
            raise
        return ctx.store(staged, url)

    def _file(self, ctx: FetchContext, name: str, meta: dict[str, Any], release: Release
              ) -> Staged:
        url = ctx.url(f"api/access/datafile/{meta.get('id')}")
        params = {"format": "original"} if meta.get("tabularData") else None
        part = ctx.part(name)
        answer = ctx.download(url, part, params=params,
                              accept=CONTENT_TYPES["csv"] + ("text/tab-separated-values",))
        if isinstance(answer, NotModified):
            raise FetchError(INFO.name, url, "unexpected 304 for a file not stored yet")
        try:
            check_kind(part, "csv", source=INFO.name, url=url)
            size = meta.get("originalFileSize") if meta.get("tabularData") else meta.get("filesize")
            check_length(part, int(size) if size is not None else None, source=INFO.name,
                         url=url)
            checksum = meta.get("checksum") or ({"type": "MD5", "value": meta["md5"]}
                                                if meta.get("md5") else None)
            if checksum:
                algorithm = _ALGORITHMS.get(str(checksum.get("type")).upper())
                if algorithm is None:
                    raise FetchError(INFO.name, url, f"unknown checksum type "
                                     f"{checksum.get('type')!r}")
                check_digest(part, algorithm, str(checksum.get("value")), source=INFO.name,
                             url=url)
            self._columns(part, name, url)
            return ctx.record(url, ctx.target(release, name), part, release, status="200",
                              etag=answer.etag, last_modified=answer.last_modified)
        except BaseException:
            discard(part)
            raise

    def _columns(self, path: Path, name: str, url: str) -> None:
        try:
            read_csv_checked(path, required=list(FILES[name]), nrows=5)
        except RawDataError as exc:
            raise loader_error(INFO.name, url, exc) from exc

    def latest(self, ctx: FetchContext) -> str:
        """The latest published dataset version, its release date and how many files it has."""
        _, version, released, files = self._version(ctx)
        return f"dataset version {version} released {released}, {len(files)} files"

    def validate(self, path: Path, url: str) -> Release:
        """Check a dropped-in file's CSV header; its release is ``manual``."""
        self._columns(path, next(iter(FILES)), url)
        return Release("manual")

    def file_kind(self, path: Path) -> Kind:
        """Always ``csv``: the Dataverse original of the country-year table."""
        return "csv"
