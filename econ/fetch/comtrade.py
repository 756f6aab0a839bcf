"""UN Comtrade: monthly totals of the configured pairs (China and Russia by default).

Without a key the public preview endpoint is used (at most 500 records per call);
with a key in ``COMTRADE_API_KEY`` the data API. The key travels only in the
``Ocp-Apim-Subscription-Key`` header: never in a URL, a message, a log line or the
fetch manifest. New release: a date inside the answer (its newest ``period``) later
than the stored one; the last 12 months are asked again each time, so revisions land
as a new file. Each answer must be a Comtrade JSON with no ``error`` whose records the
loader reads (:func:`econ.etl.comtrade.check_records`). An answer with no records (Russia
has reported nothing since 2022) is not stored; only when every answer is empty does the
fetch fail. Answers are stored as ``un_comtrade/<newest period>/comtrade_<reporter>_
<partner>_<from>_<to>.json``, where ``core_comtrade__monthly_bilateral_trade`` reads them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from econ.errors import RawDataError
from econ.etl.comtrade import check_records, read_records
from econ.fetch.base import (
    FetchContext,
    Fetcher,
    Release,
    ReleaseCalendar,
    SourceInfo,
    SourceResult,
    add_months,
    loader_error,
)
from econ.fetch.errors import FetchError
from econ.fetch.http import NotModified, discard
from econ.fetch.store import Staged
from econ.fetch.verify import CONTENT_TYPES, Kind, check_kind

__all__ = ["INFO", "PAIRS", "Comtrade", "periods"]

#: (reporter, partner) M49 codes asked for: China-Russia both ways.
PAIRS = (("156", "643"), ("643", "156"))
_PREVIEW = "public/v1/preview/C/M/HS"
_DATA = "data/v1/get/C/M/HS"
_FIRST = date(2017, 1, 1)
INFO = SourceInfo(
    name="comtrade",
    title="UN Comtrade monthly merchandise trade, totals of China-Russia",
    publisher="United Nations Statistics Division (UN Comtrade)",
    base_url="https://comtradeapi.un.org",
    endpoints=(_PREVIEW, _DATA),
    detection="a date inside the answer: the newest period, later than the stored one",
    calendar=ReleaseCalendar(1, 45, "monthly as reporters submit; China within about six "
                             "weeks"),
    licence="UN Comtrade terms: free use and redistribution of extracts with attribution",
    rate_limit="preview: 1 request/s, 500 records; data API: 500 calls and 100,000 "
    "records a day per key",
    raw_folder="un_comtrade",
    key_env="COMTRADE_API_KEY",
)


def periods(start: date, end: date, *, size: int = 12) -> list[str]:
    """``YYYYMM`` period lists of at most ``size`` months from ``start`` to ``end``.

    Examples
    --------
    >>> periods(date(2025, 11, 1), date(2026, 2, 1), size=3)
    ['202511,202512,202601', '202602']
    """
    months = []
    day = start.replace(day=1)
    while day <= end:
        months.append(f"{day:%Y%m}")
        day = add_months(day, 1)
    return [",".join(months[i:i + size]) for i in range(0, len(months), size)]


def _records(path: Path, url: str) -> list[dict[str, object]]:
    """The records of a Comtrade answer, after checking its envelope.

    Raises
    ------
    FetchError
        If the answer is not ``{"data": [...]}``, reports an error, or holds another
        number of records than its ``count``.
    """
    message = json.loads(path.read_bytes())
    if not isinstance(message, dict) or not isinstance(message.get("data", ()), list | None):
        raise FetchError(INFO.name, url, "expected a Comtrade answer with 'data', found "
                         f"{str(message)[:80]!r}")
    if message.get("error"):
        raise FetchError(INFO.name, url, f"Comtrade reports an error: {message['error']}")
    records: list[dict[str, object]] = message.get("data") or []
    if message.get("count") not in (None, len(records)):
        raise FetchError(INFO.name, url, f"expected {message['count']} records as the "
                         f"answer says, found {len(records)}")
    return records


class Comtrade(Fetcher):
    """UN Comtrade's preview or data API."""

    info = INFO

    def _endpoint(self, ctx: FetchContext) -> tuple[str, dict[str, str]]:
        key = ctx.environ.get(INFO.key_env or "", "").strip()
        if key:
            return ctx.url(_DATA), {"Ocp-Apim-Subscription-Key": key}
        return ctx.url(_PREVIEW), {}

    def _start(self, ctx: FetchContext) -> date:
        if ctx.since is not None:
            return ctx.since
        last = ctx.last()
        if last is None or len(last.release) != 7:
            return _FIRST
        return add_months(date.fromisoformat(last.release + "-01"), -11)

    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Ask for each pair's months from 11 before the newest stored one (or from ``--since``).

        The answers are stored when their newest period is later than the stored release (or the
        bytes are new, or with ``--force``).

        Raises
        ------
        FetchError
            When every answer is empty.
        """
        url, headers = self._endpoint(ctx)
        answers: list[Staged | str | None] = []
        try:
            for reporter, partner in PAIRS:
                for chunk in periods(self._start(ctx), ctx.today):
                    answers.append(self._one(ctx, url, headers, reporter, partner, chunk))
        except BaseException:
            for item in answers:
                if isinstance(item, Staged):
                    discard(item.part)
            raise
        staged = [a for a in answers if isinstance(a, Staged)]
        empty = [a for a in answers if isinstance(a, str)]
        if answers and len(empty) == len(answers):
            raise FetchError(INFO.name, empty[0], "expected records, found an empty result "
                             f"for every query ({len(empty)})", hint="The periods asked for "
                             "are not released yet, or the query matches nothing")
        last = ctx.last()
        newest = max((s.record.release for s in staged), default="")
        if not staged or (last is not None and newest <= last.release and not ctx.force
                          and all(ctx.known(s.part) for s in staged)):
            for item in staged:
                discard(item.part)
            return ctx.nothing_new(url, "no period after the stored answers")
        return ctx.store(staged, url)

    def _one(self, ctx: FetchContext, url: str, headers: dict[str, str], reporter: str,
             partner: str, chunk: str) -> Staged | str | None:
        """The answer staged; its URL if it holds no records; None if nothing new."""
        params = {"reporterCode": reporter, "partnerCode": partner, "period": chunk,
                  "flowCode": "M,X", "cmdCode": "TOTAL", "customsCode": "C00",
                  "motCode": "0", "partner2Code": "0", "includeDesc": "false"}
        name = f"comtrade_{reporter}_{partner}_{chunk[:6]}_{chunk[-6:]}.json"
        part = ctx.part(name)
        answer = ctx.download(url, part, params=params, headers=headers,
                              accept=CONTENT_TYPES["json"])
        if isinstance(answer, NotModified):
            return None
        try:
            check_kind(part, "json", source=INFO.name, url=answer.url)
            if not _records(part, answer.url):
                discard(part)
                return answer.url
            release = self.validate(part, answer.url)
            if ctx.known(part):
                discard(part)
                return None
            return ctx.record(answer.url, ctx.target(release, name), part, release,
                              status="200")
        except BaseException:
            discard(part)
            raise

    def latest(self, ctx: FetchContext) -> str:
        """The newest period of the first pair's imports over the last three months."""
        url, headers = self._endpoint(ctx)
        chunk = periods(add_months(ctx.today, -3), ctx.today)[0]
        answer = ctx.get(url, params={"reporterCode": PAIRS[0][0], "partnerCode": PAIRS[0][1],
                                      "period": chunk, "flowCode": "M", "cmdCode": "TOTAL"},
                         headers=headers, accept=CONTENT_TYPES["json"])
        records = json.loads(answer.content).get("data") or []
        newest = max((str(r.get("period")) for r in records), default="none")
        return f"{'data API' if headers else 'preview'}: newest period {newest}"

    def validate(self, path: Path, url: str) -> Release:
        """Check that an answer holds records the loader reads; its release is the newest period.

        Raises
        ------
        FetchError
            When the answer has no records or the loader rejects them.
        """
        records = _records(path, url)
        if not records:
            raise FetchError(INFO.name, url, "expected records, found an empty result",
                             hint="The periods asked for are not released yet, or the query "
                             "matches nothing")
        try:
            check_records(read_records(path))
        except RawDataError as exc:
            raise loader_error(INFO.name, url, exc) from exc
        newest = max(f"{int(str(r['refYear'])):04d}-{int(str(r['refMonth'])):02d}"
                     for r in records)
        return Release(newest)

    def file_kind(self, path: Path) -> Kind:
        """Always ``json``."""
        return "json"
