"""IMF International Trade in Goods (IMTS) on the SDMX 3.0 API: every reporter x partner.

The successor of the Direction of Trade Statistics (the old DOTS service was switched
off in 2025). For each frequency (monthly, annual) the availability endpoint says up to
which period data exist; when that end moves past the stored release (or with
``--force``), the data endpoint is asked for every reporter and partner
(``*.XG_FOB_USD+MG_CIF_USD+MG_FOB_USD.*.<freq>``) from ``--since`` (default: 2010 for
monthly, 1990 for annual) as an SDMX-JSON message, checked with
:func:`econ.etl.imts.read_imts` and stored as
``imf_imts/<freq>_<end period>/imts_<freq>.json``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from econ.errors import RawDataError
from econ.etl.imts import read_imts
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
from econ.fetch.verify import CONTENT_TYPES, Kind, check_kind

__all__ = ["FREQUENCIES", "INFO", "ImfImts", "availability_end"]

_FLOW = "dataflow/IMF.STA/IMTS/+"
_KEY = "*.XG_FOB_USD+MG_CIF_USD+MG_FOB_USD.*.{freq}"
#: frequency -> first period asked for when --since is not given
FREQUENCIES = {"M": "2010-01", "A": "1990"}
INFO = SourceInfo(
    name="imf_imts",
    title="International Trade in Goods by partner country (IMTS), monthly and annual",
    publisher="International Monetary Fund, Statistics Department",
    base_url="https://api.imf.org/external/sdmx/3.0",
    endpoints=(f"availability/{_FLOW}/{_KEY.format(freq='M')}/FREQUENCY?mode=available"
               "&references=none",
               f"data/{_FLOW}/{_KEY.format(freq='<M|A>')}?c[TIME_PERIOD]=ge:<since>"
               "&attributes=dsd&measures=all"),
    detection="the data's last period (availability endpoint, time_period_end)",
    calendar=ReleaseCalendar(1, 30, "monthly; a month's data appear about two months later"),
    licence="IMF terms of use: free reuse with attribution",
    rate_limit="about 10 requests per 5 seconds (IMF guidance): two requests per frequency",
    raw_folder="imf_imts",
)


def availability_end(message: object, *, url: str) -> date:
    """The ``time_period_end`` of an SDMX 3.0 availability (data constraint) message.

    Raises
    ------
    FetchError
        If the message holds no such annotation (an empty or changed answer).

    Examples
    --------
    >>> availability_end({"data": {"dataConstraints": [{"annotations": [
    ...     {"id": "time_period_end", "title": "2026-06-01"}]}]}}, url="u")
    datetime.date(2026, 6, 1)
    """
    try:
        constraints = message["data"]["dataConstraints"]  # type: ignore[index]
        for constraint in constraints:
            for note in constraint.get("annotations", []):
                if note.get("id") == "time_period_end":
                    return date.fromisoformat(str(note["title"])[:10])
    except (KeyError, TypeError, ValueError):
        pass
    raise FetchError(INFO.name, url, "expected a data constraint with a time_period_end "
                     "annotation, found none", hint="No data are available for the query, "
                     "or the API changed")


class ImfImts(Fetcher):
    """IMTS through the IMF's SDMX 3.0 API."""

    info = INFO

    def _end(self, ctx: FetchContext, freq: str) -> date:
        url = ctx.url(f"availability/{_FLOW}/{_KEY.format(freq=freq)}/FREQUENCY")
        answer = ctx.get(url, params={"mode": "available", "references": "none"},
                         accept=CONTENT_TYPES["json"])
        try:
            message = json.loads(answer.content)
        except ValueError:
            raise FetchError(INFO.name, url, "expected JSON, found text that does not parse"
                             ) from None
        return availability_end(message, url=url)

    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Download each frequency whose availability end is past the stored release."""
        staged: list[Staged] = []
        first = ctx.url(INFO.endpoints[0])
        try:
            for freq, default_start in FREQUENCIES.items():
                end = self._end(ctx, freq)
                label = f"{freq}_{end:%Y-%m}"
                if not ctx.force and any(r.release == label for r in ctx.records):
                    continue
                start = default_start if ctx.since is None else (
                    f"{ctx.since:%Y-%m}" if freq == "M" else f"{ctx.since:%Y}")
                item = self._data(ctx, freq, start, Release(label, end))
                if item is not None:
                    staged.append(item)
        except BaseException:
            for item in staged:
                discard(item.part)
            raise
        if not staged:
            return ctx.nothing_new(first, "no period after the stored releases")
        return ctx.store(staged, first)

    def _data(self, ctx: FetchContext, freq: str, start: str, release: Release
              ) -> Staged | None:
        url = ctx.url(f"data/{_FLOW}/{_KEY.format(freq=freq)}")
        part = ctx.part(f"imts_{freq}.json")
        answer = ctx.download(url, part, params={"c[TIME_PERIOD]": f"ge:{start}",
                                                 "attributes": "dsd", "measures": "all"},
                              headers={"Accept": "application/json"},
                              accept=CONTENT_TYPES["json"])
        if isinstance(answer, NotModified):
            return None
        full = answer.url
        try:
            check_kind(part, "json", source=INFO.name, url=full)
            self.validate(part, full)
            if ctx.known(part):
                discard(part)
                return None
            return ctx.record(full, ctx.target(release, f"imts_{freq}.json"), part, release,
                              status="200", etag=answer.etag, last_modified=answer.last_modified)
        except BaseException:
            discard(part)
            raise

    def latest(self, ctx: FetchContext) -> str:
        """The period up to which the availability endpoint says data exist, per frequency."""
        return ", ".join(f"{freq} data to {self._end(ctx, freq):%Y-%m}" for freq in FREQUENCIES)

    def validate(self, path: Path, url: str) -> Release:
        """Read an SDMX-JSON answer with the loader; its release is the newest period in it."""
        try:
            frame = read_imts(path)
        except RawDataError as exc:
            raise loader_error(INFO.name, url, exc) from exc
        return Release(f"{frame['period'].max():%Y-%m}")

    def file_kind(self, path: Path) -> Kind:
        """Always ``json``."""
        return "json"
