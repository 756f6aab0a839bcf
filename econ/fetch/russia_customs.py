"""Federal Customs Service of Russia (FCS): archived trade tables and manual drop-ins.

FCS stopped publishing partner detail in April 2022 and its site is often unreachable
from abroad: the fetcher reads the statistics archive page, downloads the workbooks it
links that econ has not stored yet (by URL), and accepts files downloaded by hand
(``econ fetch russia_customs --file PATH``). Each workbook must open and carry an FCS
title; there is no release calendar to be overdue against. Workbooks are stored under
the name FCS gives them, in ``russia_fcs_customs/<date fetched>/``; the FCS tables read
those whose layout they know by that name (:data:`econ.etl.fcs.LAYOUTS`), and
``econ fetch`` says which others are stored but not read.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from econ.errors import RawDataError
from econ.etl._read import read_sheets
from econ.fetch.base import (
    FetchContext,
    Fetcher,
    Release,
    ReleaseCalendar,
    SourceInfo,
    SourceResult,
    finish_file,
    loader_error,
    named_copy,
)
from econ.fetch.errors import FetchError
from econ.fetch.http import NotModified
from econ.fetch.verify import CONTENT_TYPES, Kind

__all__ = ["INFO", "RussiaCustoms", "file_name", "workbook_links"]

_INDEX = "statistic/vneshn-torg/vneshn-torg-countries"
INFO = SourceInfo(
    name="russia_customs",
    title="Foreign trade of the Russian Federation (FCS tables)",
    publisher="Federal Customs Service of Russia (ФТС России)",
    base_url="https://customs.gov.ru",
    endpoints=(_INDEX,),
    detection="workbooks linked from the archive page that are not stored yet (by URL)",
    calendar=ReleaseCalendar(None, 0, "publication of partner detail suspended since April "
                             "2022"),
    licence="FCS terms: cite 'По данным ФТС России' (according to FCS Russia data)",
    rate_limit="none published; site often unreachable from abroad",
    raw_folder="russia_fcs_customs",
    manual=True,
    unread="econ reads an FCS table only when it knows its layout, told by its name: "
    "WEB_UTSA_04/05, ПубликацияТСТВ, страны, структура as FCS names them (or the fcs_* "
    "names of the shipped files) and Rosstat's *94itog*/*96stran*; this one is kept for "
    "reference (another layout needs its reader in econ/etl/fcs.py)",
)
#: words of an FCS table's title; the 2022-2024 tables say only "Экспорт и импорт товаров"
_MARKS = ("фтс", "таможен", "внешн", "экспорт и импорт")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href and re.search(r"\.xlsx?($|\?)", href, re.IGNORECASE):
            self.links.append(href)


def file_name(url: str) -> str:
    """The file name a URL ends in, percent-decoded (FCS names files in Russian).

    The name is kept as written when decoding would give a path rather than a name.

    Examples
    --------
    >>> file_name("https://customs.gov.ru/f/%D1%81%D1%82%D1%80%D0%B0%D0%BD%D1%8B092024.xlsx?x=1")
    'страны092024.xlsx'
    >>> file_name("https://customs.gov.ru/f/..%2F..%2Fevil.xlsx")
    '..%2F..%2Fevil.xlsx'
    """
    raw = PurePosixPath(urlsplit(url).path).name
    decoded = unquote(raw)
    return raw if "/" in decoded or "\\" in decoded or decoded in ("", ".", "..") else decoded


def workbook_links(html: str, base: str) -> list[str]:
    """Absolute URLs of the .xls/.xlsx files an HTML page links, in page order.

    Examples
    --------
    >>> workbook_links('<a href="/f/WEB_UTSA_04.xlsx">t</a>', "https://customs.gov.ru/p")
    ['https://customs.gov.ru/f/WEB_UTSA_04.xlsx']
    """
    parser = _Links()
    parser.feed(html)
    return list(dict.fromkeys(urljoin(base, link) for link in parser.links))


class RussiaCustoms(Fetcher):
    """FCS workbooks from the archive page, or dropped in by hand."""

    info = INFO

    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Download the workbooks the archive page links that are not stored yet (by URL)."""
        index = ctx.url(_INDEX)
        page = ctx.get(index, accept=CONTENT_TYPES["html"])
        links = workbook_links(page.text, str(page.url))
        if not links:
            raise FetchError(INFO.name, index, "expected links to .xls/.xlsx tables, found none",
                             hint="The archive page changed: drop files in with --file")
        stored = {r.url for r in ctx.records}
        results = [self._one(ctx, url) for url in links if url not in stored or ctx.force]
        files = tuple(f for r in results for f in r.files)
        if not files:
            return ctx.nothing_new(index, f"{len(links)} linked tables, all stored")
        status, reading = ctx.reading(files)
        return SourceResult(INFO.name, status, index, f"{len(files)} new table(s); {reading}",
                            files=files)

    def _one(self, ctx: FetchContext, url: str) -> SourceResult:
        name = file_name(url)
        part = ctx.part(name)
        answer = ctx.download(url, part, accept=CONTENT_TYPES["xlsx"] + CONTENT_TYPES["xls"])
        if isinstance(answer, NotModified):
            return ctx.nothing_new(url, "not modified")
        return finish_file(self, ctx, url, part, name, status="200", etag=answer.etag,
                           last_modified=answer.last_modified)

    def latest(self, ctx: FetchContext) -> str:
        """How many workbooks the archive page links, and the first of them."""
        page = ctx.get(ctx.url(_INDEX), accept=CONTENT_TYPES["html"])
        links = workbook_links(page.text, str(page.url))
        return f"{len(links)} linked tables; first: {links[0] if links else 'none'}"

    def file_kind(self, path: Path) -> Kind:
        """``xlsx`` when the file starts with the zip signature, else ``xls``."""
        with open(path, "rb") as fh:
            return "xlsx" if fh.read(4) == b"PK\x03\x04" else "xls"

    def validate(self, path: Path, url: str) -> Release:
        """Check that the workbook opens and carries an FCS title; its release is today's date.

        Raises
        ------
        FetchError
            When the workbook does not open, or no FCS title is found in its first rows.
        """
        suffix = "." + self.file_kind(path)
        try:
            with named_copy(path, f"table{suffix}") as named:
                sheets = read_sheets(named)
        except RawDataError as exc:
            raise loader_error(INFO.name, url, exc) from exc
        text = " ".join(str(c).lower() for s in sheets for row in s.rows[:12] for c in row)
        if not any(mark in text for mark in _MARKS):
            raise FetchError(INFO.name, url, "expected an FCS trade table (a title naming "
                             "ФТС, foreign trade or exports and imports), found none in the "
                             "first rows")
        return Release(datetime.now(UTC).strftime("%Y-%m-%d"))
