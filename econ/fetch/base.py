"""What every source module declares, and the steps they share.

A source module defines a :class:`Fetcher` subclass with a :class:`SourceInfo`:
endpoint(s), how a new release is detected, the release calendar, the licence and the
rate limit. Its ``fetch`` asks the publisher, verifies what arrives and stores it with
:meth:`FetchContext.store`; ``latest`` answers ``econ fetch --check``; ``validate`` is
the content check shared by downloads and manual drop-ins.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar, Literal

import httpx

from econ.errors import RawDataError
from econ.fetch.errors import FetchError
from econ.fetch.http import Downloaded, HttpSettings, NotModified, discard, download, get, new_part
from econ.fetch.store import FetchRecord, Staged, commit, stored_digests, tables_reading
from econ.fetch.verify import CONTENT_TYPES, Kind, check_kind, digest
from econ.paths import Paths

__all__ = [
    "STAGING",
    "FetchContext",
    "Fetcher",
    "Release",
    "ReleaseCalendar",
    "SingleFileFetcher",
    "SourceInfo",
    "SourceResult",
    "Status",
    "add_months",
    "fetch_file",
    "finish_file",
    "loader_error",
    "named_copy",
    "probe",
]

#: Where ``.part`` files live, beside ``data/raw`` (same file system: renames are atomic).
STAGING = ".fetch-staging"

#: "not read": a release was stored, but no table of the catalog reads it (exit status as
#: for "nothing new": ``econ refresh`` would change nothing)
Status = Literal["new", "not read", "nothing new", "overdue", "failed", "would fetch", "answers"]

_UNREAD = ("no table's input patterns (econ/catalog/sources) match it, or a newer release "
           "of it is listed")


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clipped to the month's length.

    Examples
    --------
    >>> add_months(date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class ReleaseCalendar:
    """When the next release is expected.

    Parameters
    ----------
    every_months : int or None
        Months between releases; None when the publisher has no schedule (or has
        stopped publishing).
    lag_days : int
        Days after ``release date + every_months`` before a release counts as overdue.
    description : str
        The publisher's calendar in words.

    Examples
    --------
    >>> monthly = ReleaseCalendar(1, 10, "around the 20th of each month")
    >>> monthly.due(date(2026, 3, 20))
    datetime.date(2026, 4, 30)
    >>> monthly.is_overdue(date(2026, 3, 20), today=date(2026, 5, 1))
    True
    """

    every_months: int | None
    lag_days: int
    description: str

    def due(self, last: date) -> date | None:
        """Date after which the release following ``last`` is overdue."""
        if self.every_months is None:
            return None
        return date.fromordinal(add_months(last, self.every_months).toordinal() + self.lag_days)

    def is_overdue(self, last: date | None, *, today: date) -> bool:
        """True if the release after ``last`` should have come by ``today``."""
        due = None if last is None else self.due(last)
        return due is not None and today > due


@dataclass(frozen=True)
class SourceInfo:
    """What a source declares (shown by ``econ fetch --dry-run`` and in the notes).

    Parameters
    ----------
    name : str
        Short name used on the command line and in ``data/raw/.fetch_manifest.csv``.
    title, publisher : str
    base_url : str
        Default base URL; the environment variable :attr:`url_env` overrides it.
    endpoints : tuple of str
        Paths (relative to the base URL) asked for, in order.
    detection : str
        How a new release is recognised.
    calendar : ReleaseCalendar
    licence, rate_limit : str
    raw_folder : str
        Folder under ``data/raw`` for new releases.
    manual : bool
        True if ``--file`` drop-ins are accepted.
    key_env : str, optional
        Environment variable holding an API key (sent in a header, never logged).
    unread : str
        Why ``econ refresh`` may not read a file of this source that was stored, told to
        the user instead of "run econ refresh" (default: no table names it).
    """

    name: str
    title: str
    publisher: str
    base_url: str
    endpoints: tuple[str, ...]
    detection: str
    calendar: ReleaseCalendar
    licence: str
    rate_limit: str
    raw_folder: str
    manual: bool = False
    key_env: str | None = None
    unread: str = _UNREAD

    @property
    def url_env(self) -> str:
        """The environment variable overriding :attr:`base_url` (mirrors, proxies)."""
        return f"ECON_FETCH_{self.name.upper()}_URL"


@dataclass(frozen=True)
class Release:
    """A release as recognised from its content: a label and the publisher's date."""

    label: str
    date: date | None = None


@dataclass(frozen=True)
class SourceResult:
    """What happened to one source in one run."""

    source: str
    status: Status
    url: str
    message: str = ""
    files: tuple[str, ...] = ()
    release: str | None = None
    seconds: float = 0.0

    def line(self) -> str:
        """One line for the terminal or the log."""
        detail = f" {self.message}" if self.message else ""
        files = f" -> {', '.join(self.files)}" if self.files else ""
        return f"{self.source:<18} {self.status:<12} {self.url}{detail}{files}"


@dataclass
class FetchContext:
    """What a fetcher may use: its settings, client, stored state and the clock."""

    info: SourceInfo
    paths: Paths
    client: httpx.Client
    settings: HttpSettings
    records: list[FetchRecord]
    since: date | None = None
    force: bool = False
    today: date = field(default_factory=lambda: datetime.now(UTC).date())
    log: Callable[[str], None] = lambda _message: None
    environ: Mapping[str, str] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        """The base URL, from the source's environment variable when set."""
        return (self.environ.get(self.info.url_env) or self.info.base_url).rstrip("/")

    def url(self, endpoint: str) -> str:
        """Absolute URL of an endpoint (absolute endpoints are returned unchanged)."""
        if "://" in endpoint:
            return endpoint
        return f"{self.base_url}/{endpoint.lstrip('/')}"

    def last(self, url: str | None = None) -> FetchRecord | None:
        """The newest stored record of this source (of ``url`` if given)."""
        chosen = [r for r in self.records if url is None or r.url == url]
        return max(chosen, key=lambda r: r.retrieved_at) if chosen else None

    def conditional_headers(self, url: str) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` from the last stored copy of ``url``."""
        record = None if self.force else self.last(url)
        headers = {}
        if record is not None and record.etag:
            headers["If-None-Match"] = record.etag
        if record is not None and record.last_modified:
            headers["If-Modified-Since"] = record.last_modified
        return headers

    def part(self, name: str) -> Path:
        """A ``.part`` path in the staging folder."""
        return new_part(self.paths.root / "data" / STAGING, self.info.name, name)

    def get(self, url: str, **kwargs: object) -> httpx.Response:
        """:func:`econ.fetch.http.get` with this source's settings."""
        return get(self.client, url, source=self.info.name, settings=self.settings,
                   log=self.log, **kwargs)  # type: ignore[arg-type]

    def download(self, url: str, part: Path, **kwargs: object) -> Downloaded | NotModified:
        """:func:`econ.fetch.http.download` with this source's settings."""
        return download(self.client, url, part, source=self.info.name,
                        settings=self.settings, log=self.log, **kwargs)  # type: ignore[arg-type]

    def nothing_new(self, url: str, why: str) -> SourceResult:
        """"nothing new", or "overdue" when the calendar says a release is late."""
        last = max(self.records, key=lambda r: (r.release_date, r.retrieved_at), default=None)
        when = _parse_date(last.release_date) if last else None
        if self.info.calendar.is_overdue(when, today=self.today):
            due = self.info.calendar.due(when) if when else None
            return SourceResult(self.info.name, "overdue", url,
                                f"{why}; a release after {last.release if last else '?'} was "
                                f"due by {due} ({self.info.calendar.description})",
                                release=last.release if last else None)
        return SourceResult(self.info.name, "nothing new", url, why,
                            release=last.release if last else None)

    def record(self, url: str, target: str, part: Path, release: Release, *, status: str,
               etag: str | None = None, last_modified: str | None = None) -> Staged:
        """A staged file with its fetch-manifest row."""
        return Staged(part, FetchRecord(
            source=self.info.name, path=target, url=url,
            retrieved_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), status=status,
            etag=etag or "", last_modified=last_modified or "", bytes=part.stat().st_size,
            sha256=digest(part), licence=self.info.licence, release=release.label,
            release_date=release.date.isoformat() if release.date else ""))

    def target(self, release: Release, filename: str) -> str:
        """A new path under the source's folder: ``<folder>/<release>/<filename>``."""
        base = f"{self.info.raw_folder}/{release.label}"
        if not (self.paths.raw / base / filename).exists():
            return f"{base}/{filename}"
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        return f"{base}_retrieved_{stamp}/{filename}"

    def known(self, part: Path) -> str | None:
        """The listed raw file of this source with the same bytes as ``part``, if any."""
        return stored_digests(self.paths.raw, self.info.raw_folder).get(digest(part))

    def store(self, staged: list[Staged], url: str) -> SourceResult:
        """Commit staged files (see :func:`econ.fetch.store.commit`)."""
        try:
            records = commit(self.paths.raw, staged)
        except RawDataError as exc:
            raise FetchError(self.info.name, url, f"cannot register the new file: {exc}") from exc
        labels = sorted({r.release for r in records})
        files = tuple(r.path for r in records)
        status, reading = self.reading(files)
        return SourceResult(self.info.name, status, url,
                            f"release {', '.join(labels)}; {reading}", files=files,
                            release=labels[-1])

    def reading(self, files: Sequence[str]) -> tuple[Status, str]:
        """Whether the next ``econ refresh`` reads stored ``files``, and into which tables.

        Returns ``("new", ...)`` if any file is read (the others named as not read, and
        why), else ``("not read", why)``: ``econ fetch`` then does not ask for a refresh.
        """
        tables = {f: tables_reading(self.paths.raw, f) for f in files}
        read = sorted({t for names in tables.values() for t in names})
        unread = [f for f, names in tables.items() if not names]
        parts = [f"econ refresh reads it into {', '.join(read)}"] if read else []
        if unread:
            parts.append(f"econ refresh does not read {', '.join(unread)}: {self.info.unread}")
        return ("new" if read else "not read"), "; ".join(parts)


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


class Fetcher(ABC):
    """One publisher: detect a new release, download, verify, store."""

    info: SourceInfo

    @abstractmethod
    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Fetch what is new; raise :class:`FetchError` on failure."""

    @abstractmethod
    def latest(self, ctx: FetchContext) -> str:
        """Ask the live endpoint what its latest release is (``--check``)."""

    @abstractmethod
    def validate(self, path: Path, url: str) -> Release:
        """Check a downloaded or dropped-in file's content; return its release."""

    def plan(self, ctx: FetchContext) -> str:
        """What ``fetch`` would do (``--dry-run``; asks nothing of the network)."""
        last = ctx.last()
        since = (f"releases newer than {last.release} (stored {last.retrieved_at[:10]})"
                 if last else "the current release (never fetched by econ)")
        return f"would ask for {since}; detection: {self.info.detection}"

    def accept_file(self, ctx: FetchContext, path: Path) -> SourceResult:
        """Store a file downloaded by hand, validated exactly like a download."""
        url = path.resolve().as_uri()
        if not self.info.manual:
            raise FetchError(self.info.name, url, "this source takes no manual drop-in",
                             hint="Run `econ fetch` for it without --file")
        if not path.is_file():
            raise FetchError(self.info.name, url, "expected a file, found none")
        part = ctx.part(path.name)
        part.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, part)
        return finish_file(self, ctx, url, part, path.name, status="manual")

    def file_kind(self, path: Path) -> Kind:
        """The format a downloaded or dropped-in file must have."""
        return "xlsx"

    def target(self, ctx: FetchContext, release: Release, filename: str) -> str:
        """Where a verified file of ``release`` is stored (see :meth:`FetchContext.target`)."""
        return ctx.target(release, filename)


class SingleFileFetcher(Fetcher):
    """A source published as one file at one URL (conditional GET; HEAD for ``--check``)."""

    filename: ClassVar[str]
    kind: ClassVar[Kind] = "xlsx"

    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Conditional GET of the file, stored when its bytes are new."""
        return fetch_file(self, ctx, ctx.url(self.filename), self.filename,
                          accept=CONTENT_TYPES[self.kind])

    def latest(self, ctx: FetchContext) -> str:
        """What a HEAD request says about the file."""
        return probe(ctx, ctx.url(self.filename))

    def file_kind(self, path: Path) -> Kind:
        """The format the file is published in."""
        return self.kind


def finish_file(fetcher: Fetcher, ctx: FetchContext, url: str, part: Path, filename: str, *,
                status: str, etag: str | None = None,
                last_modified: str | None = None) -> SourceResult:
    """Verify a complete ``.part`` and store it, unless the same bytes are stored already.

    The ``.part`` is removed whatever happens (a complete body that fails its checks is
    not worth resuming).
    """
    try:
        check_kind(part, fetcher.file_kind(part), source=ctx.info.name, url=url)
        release = fetcher.validate(part, url)
        same = ctx.known(part)
        if same is not None:
            return ctx.nothing_new(url, f"same bytes as {same}")
        staged = ctx.record(url, fetcher.target(ctx, release, filename), part, release,
                            status=status, etag=etag, last_modified=last_modified)
        return ctx.store([staged], url)
    finally:
        discard(part)


def fetch_file(fetcher: Fetcher, ctx: FetchContext, url: str, filename: str, *,
               accept: tuple[str, ...] = (), headers: Mapping[str, str] | None = None
               ) -> SourceResult:
    """Conditional GET of one file, then :func:`finish_file`."""
    part = ctx.part(filename)
    answer = ctx.download(url, part, headers={**ctx.conditional_headers(url), **(headers or {})},
                          accept=accept)
    if isinstance(answer, NotModified):
        return ctx.nothing_new(url, "not modified since the stored copy (HTTP 304)")
    return finish_file(fetcher, ctx, url, part, filename, status=str(200 if not answer.resumed
                                                                       else 206),
                       etag=answer.etag, last_modified=answer.last_modified)


def loader_error(source: str, url: str, exc: Exception) -> FetchError:
    """A loader's complaint about a file, as a fetch failure naming the URL."""
    return FetchError(source, url, f"the file does not read as expected: {exc}",
                      hint="Either the body was cut short (run again) or the publisher "
                      "changed the format (the loader must then be updated before this "
                      "release can be used)")


def elapsed(started: float) -> float:
    """Seconds since ``started`` (a ``time.perf_counter`` value)."""
    return time.perf_counter() - started


@contextmanager
def named_copy(part: Path, relative: str) -> Iterator[Path]:
    """``part`` under the name a loader expects, as a hard link in a scratch folder beside it.

    ``relative`` is that name: ``name.xlsx`` or ``ei_2026_edition/name.xlsx``.
    """
    folder = part.parent / f"check-{uuid.uuid4().hex[:8]}"
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        try:
            os.link(part, target)
        except OSError:
            shutil.copyfile(part, target)
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def probe(ctx: FetchContext, url: str) -> str:
    """What a HEAD request says about ``url`` (``--check`` of single-file sources)."""
    response = ctx.get(url, method="HEAD")
    parts = [f"HTTP {response.status_code}"]
    for header in ("Last-Modified", "ETag", "Content-Length", "Content-Type"):
        if response.headers.get(header):
            parts.append(f"{header} {response.headers[header]}")
    return ", ".join(parts)
