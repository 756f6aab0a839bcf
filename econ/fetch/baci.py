"""CEPII BACI: the yearly release zip (HS17), version read from the release page.

New release: the version string (``V202501``) on the BACI page, newer than the stored
one. The zip (about 2 GB) is streamed with resumption, opened defensively (no traversal,
links or bombs), CRC-checked, and must hold ``BACI_HS17_Y<year>_V<version>.csv`` files
whose header is ``t,i,j,k,v,q`` and the country and product code lists. It is stored as
it came: ``cepii_baci/V<version>/BACI_HS17_V<version>.zip``.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from econ.fetch.archive import inspect_zip
from econ.fetch.base import (
    FetchContext,
    Fetcher,
    Release,
    ReleaseCalendar,
    SourceInfo,
    SourceResult,
    finish_file,
)
from econ.fetch.errors import FetchError
from econ.fetch.http import NotModified
from econ.fetch.verify import CONTENT_TYPES, Kind

__all__ = ["CLASSIFICATION", "INFO", "Baci", "release_version"]

CLASSIFICATION = "HS17"
_PAGE = "CEPII/en/bdd_modele/bdd_modele_item.asp?id=37"
_LINK = re.compile(rf"""href=["']?([^"'\s>]*BACI_{CLASSIFICATION}_V(\d{{6}}[a-z]?)\.zip)""",
                   re.IGNORECASE)
_HEADER = "t,i,j,k,v,q"
INFO = SourceInfo(
    name="baci",
    title=f"BACI: international trade by product (HS6), {CLASSIFICATION} release",
    publisher="CEPII",
    base_url="https://www.cepii.fr",
    endpoints=(_PAGE, f"DATA_DOWNLOAD/baci/data/BACI_{CLASSIFICATION}_V<version>.zip"),
    detection="version string on the release page (BACI_HS17_V<yyyymm>.zip)",
    calendar=ReleaseCalendar(12, 60, "yearly, usually in January or February"),
    licence="Etalab Open Licence 2.0: free reuse with citation (Gaulier and Zignago 2010)",
    rate_limit="none published; one page and one zip per release",
    raw_folder="cepii_baci",
)


def release_version(html: str, *, page: str) -> tuple[str, str]:
    """The newest ``(version, zip URL)`` linked from the BACI release page.

    Raises
    ------
    FetchError
        If the page links no BACI zip of the classification.

    Examples
    --------
    >>> release_version('<a href="/DATA_DOWNLOAD/baci/data/BACI_HS17_V202501.zip">x</a>',
    ...                 page="https://www.cepii.fr/p")
    ('202501', 'https://www.cepii.fr/DATA_DOWNLOAD/baci/data/BACI_HS17_V202501.zip')
    """
    found = [(m.group(2), urljoin(page, m.group(1))) for m in _LINK.finditer(html)]
    if not found:
        raise FetchError(INFO.name, page, f"expected a link to BACI_{CLASSIFICATION}_V<version>"
                         ".zip on the release page, found none",
                         hint="The page changed: set ECON_FETCH_BACI_URL or check the page")
    return max(found)


class Baci(Fetcher):
    """The BACI release zip."""

    info = INFO

    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Download the release zip the BACI page offers, unless that version is stored."""
        page = ctx.url(_PAGE)
        version, url = release_version(ctx.get(page, accept=CONTENT_TYPES["html"]).text,
                                       page=page)
        last = ctx.last()
        if last is not None and last.release >= f"V{version}" and not ctx.force:
            return ctx.nothing_new(page, f"the page offers V{version}, stored {last.release}")
        name = f"BACI_{CLASSIFICATION}_V{version}.zip"
        part = ctx.part(name)
        answer = ctx.download(url, part, accept=CONTENT_TYPES["zip"])
        if isinstance(answer, NotModified):
            return ctx.nothing_new(url, "not modified (HTTP 304)")
        return finish_file(self, ctx, url, part, name, status="200", etag=answer.etag,
                           last_modified=answer.last_modified)

    def latest(self, ctx: FetchContext) -> str:
        """The version the BACI page offers and the URL of its zip."""
        page = ctx.url(_PAGE)
        version, url = release_version(ctx.get(page, accept=CONTENT_TYPES["html"]).text,
                                       page=page)
        return f"V{version} at {url}"

    def validate(self, path: Path, url: str) -> Release:
        """Check the zip's members and the yearly files' header; its release is the version.

        Raises
        ------
        FetchError
            When the zip lacks the yearly files or the country codes, or a yearly file's header
            is not ``t,i,j,k,v,q``.
        """
        members = [i.filename for i in inspect_zip(path, source=INFO.name, url=url)]
        years = sorted(m for m in members
                       if re.fullmatch(rf"BACI_{CLASSIFICATION}_Y\d{{4}}_V\d{{6}}[a-z]?\.csv", m))
        if not years:
            raise FetchError(INFO.name, url, f"expected BACI_{CLASSIFICATION}_Y<year>_V<version>"
                             f".csv members, found {members[:6]}")
        if not any(m.startswith("country_codes") for m in members):
            raise FetchError(INFO.name, url, "expected the country_codes_V<version>.csv member, "
                             f"found {members[:6]}")
        with zipfile.ZipFile(path) as archive, archive.open(years[-1]) as member:
            header = io.TextIOWrapper(member, encoding="utf-8-sig").readline().strip()
        if header.replace(" ", "") != _HEADER:
            raise FetchError(INFO.name, url, f"expected the header {_HEADER} in {years[-1]}, "
                             f"found {header[:60]!r}")
        version = years[-1].rsplit("_V", 1)[1][:-4]
        return Release(f"V{version}", date(int(version[:4]), int(version[4:6]), 1))

    def file_kind(self, path: Path) -> Kind:
        """Always ``zip``."""
        return "zip"
