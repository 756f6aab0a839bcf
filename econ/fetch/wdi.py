"""World Bank World Development Indicators: GDP, current US$ (``NY.GDP.MKTP.CD``), bulk CSV.

The bulk download is a zip of three CSV files (data, country and indicator metadata).
New release: ETag / Last-Modified, then the ``Last Updated Date`` in the data file's
preamble. The zip is opened defensively (:mod:`econ.fetch.archive`); the data file is
checked with :func:`econ.etl.wdi.read_bulk_csv`; the three CSV files are stored in
``worldbank_wdi/<last updated>/``, where ``core_wdi__yearly_gdp`` reads the newest.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from econ.errors import RawDataError
from econ.etl.wdi import last_updated, read_bulk_csv
from econ.fetch.archive import extract_members, inspect_zip
from econ.fetch.base import (
    FetchContext,
    Fetcher,
    Release,
    ReleaseCalendar,
    SourceInfo,
    SourceResult,
    loader_error,
    probe,
)
from econ.fetch.errors import FetchError
from econ.fetch.http import NotModified, discard
from econ.fetch.verify import CONTENT_TYPES, Kind, check_kind

__all__ = ["INDICATOR", "INFO", "WorldBankWdi"]

INDICATOR = "NY.GDP.MKTP.CD"
_ZIP = f"v2/en/indicator/{INDICATOR}?downloadformat=csv"
INFO = SourceInfo(
    name="wdi",
    title="World Development Indicators: GDP (current US$), bulk CSV",
    publisher="World Bank",
    base_url="https://api.worldbank.org",
    endpoints=(_ZIP,),
    detection="ETag / Last-Modified, then the 'Last Updated Date' inside the CSV",
    calendar=ReleaseCalendar(12, 60, "GDP updated about yearly (July), with smaller "
                             "updates in between"),
    licence="CC BY 4.0",
    rate_limit="none published; one request per run",
    raw_folder="worldbank_wdi",
    unread="the bulk zip's country and indicator metadata are kept beside the data for "
    "reference; the code tables read the reviewed copy shipped with econ",
)


class WorldBankWdi(Fetcher):
    """The WDI bulk CSV of one indicator."""

    info = INFO

    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Conditional GET of the bulk zip; its three CSV files are stored when the data are new."""
        url = ctx.url(_ZIP)
        part = ctx.part("wdi.zip")
        answer = ctx.download(url, part, headers=ctx.conditional_headers(url),
                              accept=CONTENT_TYPES["zip"] + ("application/x-zip",))
        if isinstance(answer, NotModified):
            return ctx.nothing_new(url, "not modified since the stored copy (HTTP 304)")
        folder = part.parent / "wdi-extract"
        try:
            check_kind(part, "zip", source=INFO.name, url=url)
            members = [i.filename for i in inspect_zip(part, source=INFO.name, url=url)
                       if i.filename.lower().endswith(".csv")]
            data = [m for m in members if m.startswith(f"API_{INDICATOR}")]
            if len(data) != 1:
                raise FetchError(INFO.name, url, f"expected one API_{INDICATOR}_*.csv in the "
                                 f"zip, found {members}")
            files = extract_members(part, members, folder, source=INFO.name, url=url)
            main = folder / Path(data[0]).name
            release = self.validate(main, url)
            if ctx.known(main):
                return ctx.nothing_new(url, f"same data file as {ctx.known(main)}")
            staged = [ctx.record(url, ctx.target(release, f.name), f, release, status="200",
                                 etag=answer.etag, last_modified=answer.last_modified)
                      for f in files]
            return ctx.store(staged, url)
        finally:
            discard(part)
            shutil.rmtree(folder, ignore_errors=True)

    def latest(self, ctx: FetchContext) -> str:
        """What a HEAD request says about the bulk zip."""
        return probe(ctx, ctx.url(_ZIP))

    def validate(self, path: Path, url: str) -> Release:
        """Read the data file with the loader; its release is its ``Last Updated Date``.

        The newest year with a value names the release when the preamble has no date.
        """
        try:
            frame = read_bulk_csv(path, INDICATOR)
        except RawDataError as exc:
            raise loader_error(INFO.name, url, exc) from exc
        if frame.empty:
            raise FetchError(INFO.name, url, "expected GDP values, found none")
        updated = last_updated(path)
        return Release(updated.isoformat() if updated else f"{frame['year'].max()}", updated)

    def file_kind(self, path: Path) -> Kind:
        """Always ``csv``: the data file taken out of the bulk zip."""
        return "csv"
