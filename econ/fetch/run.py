"""Run the fetchers: all selected sources in parallel, one result per source.

Sources run in threads (one each: they sit on different hosts), so the slowest failing
source bounds the run: with no network a run ends within
:meth:`HttpSettings.worst_case_seconds` (100 s with the defaults).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

import pandas as pd

from econ.fetch.base import FetchContext, Fetcher, SourceResult
from econ.fetch.errors import FetchError
from econ.fetch.http import HttpSettings, make_client
from econ.fetch.registry import SOURCES
from econ.fetch.store import read_fetch_manifest
from econ.lock import hold
from econ.paths import Paths, resolve_paths

__all__ = ["EXIT_CODES", "FetchReport", "Mode", "fetch"]

log = logging.getLogger("econ.fetch")

Mode = Literal["fetch", "dry-run", "check"]

#: Exit status of ``econ fetch`` -> meaning.
EXIT_CODES: dict[int, str] = {
    0: "nothing new: every source answered, no new release that econ refresh reads, none "
       "overdue",
    3: "new data: at least one new release verified and stored, no source failed",
    4: "overdue: nothing failed, but a source's next release is past its expected date",
    5: "partial failure: at least one source failed, at least one answered",
    6: "failure: every selected source failed (e.g. no network), or the run could not start",
}


@dataclass(frozen=True)
class FetchReport:
    """What a fetch run did, source by source."""

    results: tuple[SourceResult, ...]
    seconds: float
    mode: Mode = "fetch"

    @property
    def failed(self) -> list[SourceResult]:
        """Sources that failed."""
        return [r for r in self.results if r.status == "failed"]

    @property
    def exit_code(self) -> int:
        """The documented exit status (see :data:`EXIT_CODES`)."""
        statuses = [r.status for r in self.results]
        if statuses and all(s == "failed" for s in statuses):
            return 6
        if "failed" in statuses:
            return 5
        if "new" in statuses:
            return 3
        if "overdue" in statuses:
            return 4
        return 0

    def summary(self) -> str:
        """One line per source, then a total line."""
        lines = [r.line() for r in self.results]
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        tally = ", ".join(f"{n} {s}" for s, n in counts.items())
        lines.append(f"fetch: {tally} in {self.seconds:.1f}s (exit {self.exit_code}: "
                     f"{EXIT_CODES[self.exit_code].split(':')[0]})")
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """One row per source."""
        return pd.DataFrame([{"source": r.source, "status": r.status, "url": r.url,
                              "release": r.release, "files": ";".join(r.files),
                              "message": r.message, "seconds": r.seconds}
                             for r in self.results])

    def __str__(self) -> str:
        return self.summary()


def _select(names: Sequence[str] | None) -> list[Fetcher]:
    if not names:
        return list(SOURCES.values())
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        raise ValueError(f"unknown source {unknown[0]!r}: choose from {', '.join(SOURCES)}")
    return [SOURCES[n] for n in dict.fromkeys(names)]


def _run_one(fetcher: Fetcher, ctx: FetchContext, mode: Mode, file: Path | None
             ) -> SourceResult:
    started = time.perf_counter()
    url = ctx.url(fetcher.info.endpoints[0])
    try:
        if mode == "dry-run":
            result = SourceResult(fetcher.info.name, "would fetch", url, fetcher.plan(ctx))
        elif mode == "check":
            result = SourceResult(fetcher.info.name, "answers", url, fetcher.latest(ctx))
        elif file is not None:
            result = fetcher.accept_file(ctx, file)
        else:
            result = fetcher.fetch(ctx)
    except FetchError as exc:
        result = SourceResult(fetcher.info.name, "failed", exc.url, str(exc).split(": ", 2)[-1])
    except Exception as exc:  # one source's bug must not stop the others
        log.debug("fetching %s failed", fetcher.info.name, exc_info=True)
        result = SourceResult(fetcher.info.name, "failed", url, f"{type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - started
    (log.error if result.status == "failed" else log.info)("%s", result.line())
    return SourceResult(result.source, result.status, result.url, result.message,
                        result.files, result.release, seconds)


def fetch(
    sources: Sequence[str] | None = None,
    *,
    mode: Mode = "fetch",
    since: date | None = None,
    force: bool = False,
    file: str | os.PathLike[str] | None = None,
    wait: bool = True,
    root: str | os.PathLike[str] | None = None,
    settings: HttpSettings | None = None,
    environ: Mapping[str, str] | None = None,
    today: date | None = None,
    on_result: Callable[[SourceResult], None] | None = None,
) -> FetchReport:
    """Fetch new releases from the publishers into ``data/raw``.

    Parameters
    ----------
    sources : sequence of str, optional
        Source names (default: all, see :data:`econ.fetch.SOURCES`).
    mode : {"fetch", "dry-run", "check"}
        ``dry-run`` lists each source's URL and what it would do without touching the
        network; ``check`` asks each live endpoint whether it answers and what its
        latest release is, storing nothing.
    since : date, optional
        First period wanted from sources that take a time range (IMF IMTS, UN
        Comtrade) or list releases (China customs).
    force : bool
        Skip conditional GET and version comparisons (files with bytes already stored
        are still not stored twice).
    file : path-like, optional
        A file downloaded by hand, for one source that takes manual drop-ins; it is
        validated like a download.
    wait : bool
        Wait for a running refresh or fetch to release the lock.
    root : path-like, optional
        Project root (see :func:`econ.paths.resolve_paths`).
    settings : HttpSettings, optional
        Timeouts and retries (default: :meth:`HttpSettings.from_env`).
    environ : mapping, optional
        Environment for URL overrides and API keys (default: ``os.environ``).
    today : date, optional
        The date the release calendar is judged on.
    on_result : callable, optional
        Called with each source's result as it finishes (progress).

    Returns
    -------
    FetchReport
        ``report.exit_code`` is the documented exit status.

    Raises
    ------
    ValueError
        On an unknown source, or ``file`` with other than one source.
    econ.errors.LockHeldError
        If the lock is held and ``wait`` is false.

    Examples
    --------
    >>> report = fetch(["pink_sheet"], mode="dry-run")  # doctest: +SKIP
    >>> print(report.summary())  # doctest: +SKIP
    """
    started = time.perf_counter()
    paths = resolve_paths(root)
    chosen = _select(sources)
    if file is not None and len(chosen) != 1:
        raise ValueError("--file takes exactly one SOURCE (the publisher of the file)")
    environ = dict(os.environ if environ is None else environ)
    settings = settings or HttpSettings.from_env(environ)
    records = read_fetch_manifest(paths.raw)
    today = today or datetime.now(UTC).date()
    with make_client(settings) as client:
        def run(fetcher: Fetcher) -> SourceResult:
            ctx = FetchContext(fetcher.info, paths, client, settings,
                               [r for r in records if r.source == fetcher.info.name],
                               since=since, force=force, today=today,
                               log=lambda message: log.info("%s", message), environ=environ)
            result = _run_one(fetcher, ctx, mode, Path(file) if file is not None else None)
            if on_result is not None:
                on_result(result)
            return result

        if mode == "fetch":
            with hold(paths.processed, wait=wait, purpose="econ fetch"):
                results = _parallel(run, chosen)
        else:
            results = _parallel(run, chosen)
    return FetchReport(tuple(results), time.perf_counter() - started, mode)


def _parallel(run: Callable[[Fetcher], SourceResult], chosen: list[Fetcher]
              ) -> list[SourceResult]:
    with ThreadPoolExecutor(max_workers=max(1, len(chosen)),
                            thread_name_prefix="econ-fetch") as pool:
        return list(pool.map(run, chosen))


def snapshot(paths: Paths) -> dict[str, bytes]:
    """Every file under ``data/raw`` and its bytes (tests compare two snapshots)."""
    return {p.relative_to(paths.raw).as_posix(): p.read_bytes()
            for p in sorted(paths.raw.rglob("*")) if p.is_file()}
