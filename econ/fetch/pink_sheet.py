"""World Bank Commodity Price Data (the Pink Sheet): the monthly historical workbook.

New release: ETag / Last-Modified (conditional GET), then the workbook's own
``Updated on ...`` line, which names the release. Checked by
:func:`econ.etl.pink_sheet.read_pink_sheet`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from econ.errors import RawDataError
from econ.etl.pink_sheet import read_pink_sheet
from econ.fetch.base import (
    Release,
    ReleaseCalendar,
    SingleFileFetcher,
    SourceInfo,
    loader_error,
    named_copy,
)
from econ.fetch.errors import FetchError

__all__ = ["INFO", "PinkSheet", "updated_date"]

_FILE = "CMO-Historical-Data-Monthly.xlsx"
INFO = SourceInfo(
    name="pink_sheet",
    title="Commodity Price Data (the Pink Sheet), monthly historical workbook",
    publisher="World Bank",
    base_url="https://thedocs.worldbank.org/en/doc/5d903e848db1d1b83e0ec8f744e55570-0350012021/related",
    endpoints=(_FILE,),
    detection="ETag / Last-Modified (conditional GET), then the 'Updated on' date inside",
    calendar=ReleaseCalendar(1, 10, "monthly, on the second business day of each month"),
    licence="CC BY 4.0 (World Bank open data terms)",
    rate_limit="none published; one request per run",
    raw_folder="world_bank_pink_sheet",
    manual=True,
)


def updated_date(line: str) -> date | None:
    """The date of an ``Updated on ...`` line.

    Examples
    --------
    >>> updated_date("Updated on August 04, 2026")
    datetime.date(2026, 8, 4)
    >>> updated_date("no date") is None
    True
    """
    match = re.search(r"([A-Z][a-z]+)\s+(\d{1,2}),\s*(\d{4})", line)
    if match is None:
        return None
    try:
        return datetime.strptime(" ".join(match.groups()), "%B %d %Y").date()
    except ValueError:
        return None


class PinkSheet(SingleFileFetcher):
    """The Pink Sheet's monthly workbook."""

    info = INFO
    filename = _FILE

    def validate(self, path: Path, url: str) -> Release:
        """Read the workbook with the loader; its release is its ``Updated on`` date.

        The last month with prices names the release when the workbook states no date.
        """
        try:
            with named_copy(path, _FILE) as named:
                frame, updated = read_pink_sheet(named)
        except RawDataError as exc:
            raise loader_error(INFO.name, url, exc) from exc
        if frame.empty:
            raise FetchError(INFO.name, url, "expected monthly prices, found none")
        released = updated_date(updated)
        last_month = frame["period"].max()
        label = released.isoformat() if released else f"{last_month:%Y-%m}"
        return Release(label, released)
