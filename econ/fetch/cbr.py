"""Bank of Russia: external trade in goods (balance-of-payments methodology), ``trade.xls``.

New release: ETag / Last-Modified (conditional GET), then the "last updated" date
printed in the sheet. Checked by :func:`econ.etl.cbr.read_trade_xls`.
"""

from __future__ import annotations

from pathlib import Path

from econ.errors import RawDataError
from econ.etl.cbr import read_trade_xls
from econ.fetch.base import (
    Release,
    ReleaseCalendar,
    SingleFileFetcher,
    SourceInfo,
    loader_error,
    named_copy,
)
from econ.fetch.errors import FetchError

__all__ = ["INFO", "BankOfRussia"]

_FILE = "trade.xls"
INFO = SourceInfo(
    name="cbr",
    title="External trade of the Russian Federation in goods (BoP methodology), trade.xls",
    publisher="Bank of Russia",
    base_url="https://www.cbr.ru/vfs/statistics/credit_statistics/trade",
    endpoints=(_FILE,),
    detection="ETag / Last-Modified (conditional GET), then the 'last updated' date inside",
    calendar=ReleaseCalendar(1, 20, "monthly, about six weeks after the month"),
    licence="Bank of Russia statistics; reuse with attribution (terms not restated)",
    rate_limit="none published; one request per run",
    raw_folder="cbr_external_trade_goods",
    manual=True,
)


class BankOfRussia(SingleFileFetcher):
    """The Bank of Russia's trade workbook."""

    info = INFO
    filename = _FILE
    kind = "xls"

    def validate(self, path: Path, url: str) -> Release:
        """Read the workbook with the loader; its release is the sheet's "last updated" date."""
        try:
            with named_copy(path, _FILE) as named:
                frame, updated = read_trade_xls(named)
        except RawDataError as exc:
            raise loader_error(INFO.name, url, exc) from exc
        if frame.empty:
            raise FetchError(INFO.name, url, "expected trade rows, found none")
        return Release(updated.isoformat(), updated)
