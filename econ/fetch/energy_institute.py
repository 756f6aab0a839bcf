"""Energy Institute, Statistical Review of World Energy: the all-data workbook.

The workbook sits behind a browser challenge (Cloudflare), so an unattended download
usually fails with a clear message; the way in is a manual drop-in
(``econ fetch energy_institute --file PATH``), validated exactly like a download. New
release: ETag / Last-Modified, then the edition, found by reading the workbook with
:func:`econ.etl.ei.read_trade` (an edition's data end in the year before it). Stored as
``energy_institute_statistical_review/ei_<edition>_edition/<file>``, where the existing
EI tables find it; a re-issue of an edition already stored goes one folder deeper,
``ei_<edition>_edition/<date fetched>/<file>``, and replaces it in those tables.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from econ.errors import RawDataError
from econ.etl.ei import read_trade
from econ.fetch.base import (
    FetchContext,
    Release,
    ReleaseCalendar,
    SingleFileFetcher,
    SourceInfo,
    SourceResult,
    loader_error,
    named_copy,
)
from econ.fetch.errors import FetchError

__all__ = ["INFO", "EnergyInstitute"]

_FILE = "EI-Stats-Review-ALL-data.xlsx"
INFO = SourceInfo(
    name="energy_institute",
    title="Statistical Review of World Energy, all-data workbook",
    publisher="Energy Institute (with KPMG and Kearney)",
    base_url="https://www.energyinst.org/__data/assets/excel_doc/0020/1540550",
    endpoints=(_FILE,),
    detection="ETag / Last-Modified, then the edition read from the workbook",
    calendar=ReleaseCalendar(12, 45, "yearly, in late June"),
    licence="free to use with attribution to the Energy Institute Statistical Review",
    rate_limit="behind a browser challenge: expect manual drop-ins",
    raw_folder="energy_institute_statistical_review",
    manual=True,
)


class EnergyInstitute(SingleFileFetcher):
    """The Statistical Review's all-data workbook (download or drop-in)."""

    info = INFO
    filename = _FILE

    def fetch(self, ctx: FetchContext) -> SourceResult:
        """Conditional GET of the workbook, stored when its bytes are new.

        Raises
        ------
        FetchError
            When the download fails; a browser challenge (an HTML page or HTTP 403) gets the
            hint to drop the workbook in with ``--file``.
        """
        try:
            return super().fetch(ctx)
        except FetchError as exc:
            if "challenge" in exc.problem or "HTML page" in exc.problem or "403" in exc.problem:
                raise FetchError(INFO.name, exc.url, exc.problem, hint="The workbook sits "
                                 "behind a browser challenge: download it in a browser, then "
                                 "run `econ fetch energy_institute --file PATH`") from exc
            raise

    def target(self, ctx: FetchContext, release: Release, filename: str) -> str:
        """The edition's folder, or a dated folder in it when it holds a workbook already.

        A workbook arriving there is a re-issue: the EI tables read the newest workbook of
        each edition.
        """
        edition = ctx.paths.raw / INFO.raw_folder / release.label
        if any(edition.glob("*.xlsx")):
            return ctx.target(Release(f"{release.label}/{ctx.today.isoformat()}"), filename)
        return ctx.target(release, filename)

    def validate(self, path: Path, url: str) -> Release:
        """Read the workbook as this year's edition or a nearby one; its release is the edition.

        Raises
        ------
        FetchError
            When no edition reads, or the inter-regional trade table has no rows.
        """
        this_year = datetime.now(UTC).year
        first: RawDataError | None = None
        for edition in (this_year, this_year - 1, this_year + 1, this_year - 2, this_year - 3):
            try:
                with named_copy(path, f"ei_{edition}_edition/{_FILE}") as named:
                    frame, _notes = read_trade(named)
            except RawDataError as exc:
                first = first or exc
                continue
            if frame.empty:
                raise FetchError(INFO.name, url, "expected inter-regional trade rows, found none")
            return Release(f"ei_{edition}_edition")
        assert first is not None
        raise loader_error(INFO.name, url, first)
