"""China customs (GACC): preliminary release (4), trade by country/region, CNY and USD.

The English site's index of preliminary releases
(``statics/report/preliminary.html``) has one row per table and currency, with one
link per month released so far this year (January and February come together, linked
from "Feb."). New release: a month linked in the index that is not stored yet. Each page
is checked with :func:`econ.etl.gacc.read_release` (CNY) or
:func:`econ.etl.gacc.read_release_usd` (USD), named from the release month it states, and
stored flat beside the pages copied by hand: CNY in ``china_customs_gacc_releases/``
(read by ``core_gacc__release_by_country``), USD in ``china_customs_gacc_releases_usd/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

import pandas as pd

from econ.errors import RawDataError
from econ.etl.gacc import read_release, read_release_usd
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

__all__ = ["INFO", "ChinaCustoms", "IndexLink", "read_index"]

Currency = Literal["cny", "usd"]
_INDEX = "statics/report/preliminary.html"
_TABLE = re.compile(r"^\(4\)\s*China's Total Export & Import Values by Country/Region "
                    r"\(in (CNY|USD)\)", re.IGNORECASE)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_FOLDERS: dict[Currency, str] = {"cny": "china_customs_gacc_releases",
                                 "usd": "china_customs_gacc_releases_usd"}
INFO = SourceInfo(
    name="china_customs",
    title="Preliminary release (4): China's trade by country/region, CNY and USD editions",
    publisher="General Administration of Customs of the People's Republic of China (GACC)",
    base_url="http://english.customs.gov.cn",
    endpoints=(_INDEX,),
    detection="months linked from the index of preliminary releases that are not stored",
    calendar=ReleaseCalendar(1, 20, "monthly, 7-20 days after the month; January and "
                             "February together in March"),
    licence="official statistical publication; cite 'Source: General Administration of "
    "Customs of the People's Republic of China (GACC)'",
    rate_limit="none published; one page per release",
    raw_folder="china_customs_gacc_releases",
)


@dataclass(frozen=True)
class IndexLink:
    """One release page linked from the index."""

    currency: Currency
    month: date
    url: str


class _Index(HTMLParser):
    """Rows of the index table, and the year chosen in the page's year selector.

    A row is its first cell's text, then (link text, href) pairs.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, list[tuple[str, str]]]] = []
        self.years: list[int] = []
        self._cell: list[str] | None = None
        self._cells = 0
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tr":
            self.rows.append(("", []))
            self._cells = 0
        elif tag == "td" and self.rows:
            self._cells += 1
            self._cell = []
        elif tag == "a" and self._cells == 2:
            self._href, self._text = values.get("href"), []
        elif tag == "option" and (values.get("value") or "").isdigit():
            self.years.append(int(values["value"] or 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._cells == 1:
            self.rows[-1] = (" ".join("".join(self._cell).split()), self.rows[-1][1])
            self._cell = None
        elif tag == "a" and self._href is not None:
            self.rows[-1][1].append(("".join(self._text).strip(), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and self._cells == 1:
            self._cell.append(data)
        if self._href is not None:
            self._text.append(data)


def read_index(html: str, *, url: str) -> list[IndexLink]:
    """Links to release (4) pages in the index of preliminary releases.

    Raises
    ------
    FetchError
        If the page has no year selector or no release (4) rows (the layout changed).

    Examples
    --------
    >>> page = ('<select id="preliminarysel"><option value="2026">2026</option></select>'
    ...         "<table><tr><td>(4) China's Total Export & Import Values by Country/Region "
    ...         "(in USD)</td><td><span>Jan.</span><a href=http://x/a.html> Feb.</a></td>"
    ...         "</tr></table>")
    >>> read_index(page, url="http://x/")
    [IndexLink(currency='usd', month=datetime.date(2026, 2, 1), url='http://x/a.html')]
    """
    parser = _Index()
    parser.feed(html)
    if not parser.years:
        raise FetchError(INFO.name, url, "expected the year selector of the index page, "
                         "found none", hint="The index layout changed")
    year = parser.years[0]
    links = []
    for title, anchors in parser.rows:
        match = _TABLE.match(title)
        if match is None:
            continue
        currency: Currency = "cny" if match.group(1).lower() == "cny" else "usd"
        for text, href in anchors:
            key = text.strip(" .").lower()[:3]
            if key in _MONTHS:
                links.append(IndexLink(currency, date(year, _MONTHS.index(key) + 1, 1), href))
    if not links:
        raise FetchError(INFO.name, url, "expected rows '(4) China's Total Export & Import "
                         "Values by Country/Region (in CNY|USD)' with month links, found none",
                         hint="The index layout changed")
    return links


def _label(frame: pd.DataFrame) -> str:
    month = pd.Timestamp(frame["release_period"].iloc[0])
    if bool(frame["is_jan_feb_combined"].iloc[0]):
        return f"{month.year}-01-02"
    return f"{month:%Y-%m}"


class ChinaCustoms(Fetcher):
    """GACC's by-country release pages, both currencies."""

    info = INFO

    def _links(self, ctx: FetchContext) -> tuple[str, list[IndexLink]]:
        index = ctx.url(_INDEX)
        page = ctx.get(index, accept=CONTENT_TYPES["html"])
        links = read_index(page.text, url=index)
        # links are absolute on the publisher's host: follow a mirror's override
        default = INFO.base_url.rstrip("/")
        moved = [IndexLink(link.currency, link.month,
                           ctx.base_url + link.url[len(default):]
                           if link.url.startswith(default) else link.url)
                 for link in links]
        return index, moved

    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Download the release pages the index links and econ has not stored (from ``--since``)."""
        index, links = self._links(ctx)
        stored = {r.url for r in ctx.records}
        wanted = [link for link in links
                  if (ctx.force or link.url not in stored)
                  and (ctx.since is None or link.month >= ctx.since.replace(day=1))]
        staged: list[Staged] = []
        try:
            for link in wanted:
                item = self._page(ctx, link)
                if item is not None:
                    staged.append(item)
        except BaseException:
            for item in staged:
                discard(item.part)
            raise
        if not staged:
            return ctx.nothing_new(index, f"{len(links)} release pages linked, none new")
        return ctx.store(staged, index)

    def _page(self, ctx: FetchContext, link: IndexLink) -> Staged | None:
        part = ctx.part(f"{link.currency}-{link.month:%Y-%m}.html")
        answer = ctx.download(link.url, part, accept=CONTENT_TYPES["html"])
        if isinstance(answer, NotModified):
            return None
        try:
            check_kind(part, "html", source=INFO.name, url=link.url)
            frame = self._read(part, link.currency, link.url)
            label = _label(frame)
            target = f"{_FOLDERS[link.currency]}/gacc_s4_by_country_{label}_{link.currency}.html"
            if (ctx.paths.raw / target).exists() or ctx.known(part):
                discard(part)
                return None
            published = frame["published"].iloc[0]
            release = Release(f"{label}_{link.currency}",
                              None if pd.isna(published) else pd.Timestamp(published).date())
            return ctx.record(link.url, target, part, release, status="200", etag=answer.etag,
                              last_modified=answer.last_modified)
        except BaseException:
            discard(part)
            raise

    def _read(self, path: Path, currency: Currency, url: str) -> pd.DataFrame:
        try:
            frame = read_release(path) if currency == "cny" else read_release_usd(path)
        except (RawDataError, UnicodeDecodeError) as exc:
            raise loader_error(INFO.name, url, exc) from exc
        if frame.empty:
            raise FetchError(INFO.name, url, "expected partner rows in the release table, "
                             "found none")
        return frame

    def latest(self, ctx: FetchContext) -> str:
        """The newest month the index links, per currency edition."""
        _, links = self._links(ctx)
        newest = {c: max((link.month for link in links if link.currency == c), default=None)
                  for c in ("cny", "usd")}
        return ", ".join(f"{c.upper()} edition to {m:%Y-%m}" for c, m in newest.items() if m)

    def validate(self, path: Path, url: str) -> Release:
        """Read a page as its currency edition; its release is the release month it states."""
        text = path.read_text(encoding="utf-8", errors="replace")
        currency: Currency = "usd" if "(in USD)" in text else "cny"
        return Release(_label(self._read(path, currency, url)))

    def file_kind(self, path: Path) -> Kind:
        """Always ``html``."""
        return "html"
