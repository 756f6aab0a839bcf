"""China customs (GACC) preliminary release (4), trade by country/region, as HTML pages.

The release is "(4) China's Total Export & Import Values by Country/Region", saved as HTML
pages: the CNY edition (CNY 100 million) and the USD edition (USD 1 million).

Only the page's table is parsed (with the standard library's HTML parser), never the
layout around it. The table's header names the release ("January-February 2025", "Mar
2026"); its column headers say which columns hold the month ("3") and which the
cumulative period ("1-to-3", "1- to-2"), and which hold year-on-year growth. China
publishes January and February together: such a release is flagged
``is_jan_feb_combined`` and is cumulative. Values stay in the edition's currency
(``value_cny`` or ``value_usd``): no exchange rate is invented here.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from econ import names
from econ.errors import RawDataError
from econ.etl._read import CodeLookup, display_path

if TYPE_CHECKING:
    from econ.context import BuildContext

__all__ = ["CNY_PER_UNIT", "USD_PER_UNIT", "build_release_by_country",
           "build_release_by_country_usd", "read_release", "read_release_usd"]

CNY_PER_UNIT = 100_000_000.0  # the CNY edition is in CNY 100 million
USD_PER_UNIT = 1_000_000.0  # the USD edition is in USD 1 million
Currency = Literal["cny", "usd"]
#: currency -> (unit line as printed, lower case and without spaces; value per unit)
_UNITS: dict[Currency, tuple[str, float]] = {"cny": ("cny100million", CNY_PER_UNIT),
                                             "usd": ("usd1million", USD_PER_UNIT)}
_MONTHS = {m: k for k, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_TITLE = re.compile(r"by country/region,\s*(.+?)\s*\(in (cny|usd)\)", re.IGNORECASE)
_PUBLISHED = re.compile(r"(\d{4})/(\d{2})/(\d{2})")
_FLOWS = {"export & import": "total", "export": "exports", "import": "imports"}


class _Tables(HTMLParser):
    """Collects the cells of every <table>, row by row.

    A cell is repeated ``colspan`` times so that header cells line up with the columns they
    span.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._open = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._open += 1
            self.tables.append([])
        elif tag == "tr" and self._open:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.strip().isdigit() else 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.extend([" ".join("".join(self._cell).split())] * self._span)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "table" and self._open:
            self._open -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _period(label: str, path: Path) -> tuple[date, bool, bool]:
    """(release month, is_cumulative, is_jan_feb_combined) from 'January-February 2025'."""
    words = label.replace("-", " ").lower().split()
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4), None)
    months = [m for w in words for name, m in _MONTHS.items() if name.startswith(w[:3])
              and len(w) >= 3 and not w.isdigit()]
    if year is None or not months:
        raise RawDataError(display_path(path), expected="a release period like 'Mar 2026' or "
                           "'January-February 2025' in the table title", found=repr(label))
    combined = months[:2] == [1, 2]
    return date(year, max(months), 1), combined, combined


def _header(rows: list[list[str]], path: Path, currency: Currency
            ) -> tuple[str, int, list[tuple[int, str, str]]]:
    """Release label, first data row, and (column, flow, span) of the value columns."""
    text = " ".join(" ".join(r) for r in rows[:4])
    title = _TITLE.search(text)
    wanted = currency.upper()
    if title is None or title.group(2).lower() != currency:
        raise RawDataError(display_path(path), expected="a table titled \"(4) China's Total "
                           f"Export & Import Values by Country/Region, <period> (in {wanted})\"",
                           found=repr(text[:120]), hint="Is this the other currency's "
                           "edition?" if title is not None else None)
    unit, _ = _UNITS[currency]
    if unit not in "".join(text.lower().split()):
        printed = "CNY 100 Million" if currency == "cny" else "USD1 Million"
        raise RawDataError(display_path(path), expected=f"the unit line 'Unit: {printed}'",
                           found=repr(text[:200]), hint="A unit change must be handled.")
    flows_row = next((k for k, r in enumerate(rows) if "Import Source" in r), None)
    if flows_row is None:
        raise RawDataError(display_path(path), row=None, expected="a header row starting "
                           "'Import Source'", found="none")
    flows = rows[flows_row][1:]
    spans = rows[flows_row + 1][1:]
    columns = []
    for k, (flow, span) in enumerate(zip(flows, spans, strict=False)):
        if flow.lower().rstrip() in _FLOWS and "year-on-year" not in flow.lower():
            columns.append((k + 1, _FLOWS[flow.lower()], span.replace(" ", "")))
    if not columns:
        raise RawDataError(display_path(path), expected="value columns 'Export & Import', "
                           "'Export', 'Import'", found=f"{flows}")
    return title.group(1), flows_row + 2, columns


def read_release(path: Path) -> pd.DataFrame:
    """Read one GACC by-country release page, CNY edition.

    Returns
    -------
    DataFrame
        ``name`` (partner or group as printed), ``flow`` (``total``, ``exports``,
        ``imports``), ``release_period`` (first day of the release's last month),
        ``is_cumulative``, ``is_jan_feb_combined``, ``value_cny``, ``published``.

    Raises
    ------
    RawDataError
        If the page has no such table, the title, currency or unit changed, or a value
        is not a number.
    """
    return _read(path, "cny")


def read_release_usd(path: Path) -> pd.DataFrame:
    """Read one GACC by-country release page, USD edition (``Unit: USD1 Million``).

    Returns
    -------
    DataFrame
        As :func:`read_release`, with ``value_usd`` (US dollars) for ``value_cny``.

    Raises
    ------
    RawDataError
        As :func:`read_release`; a CNY page is refused, naming its title.
    """
    return _read(path, "usd")


def _read(path: Path, currency: Currency) -> pd.DataFrame:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8", errors="strict"))
    candidates = [t for t in parser.tables if any("Import Source" in r for r in t)]
    if len(candidates) != 1:
        raise RawDataError(display_path(path), expected="one table with an 'Import Source' "
                           "header", found=f"{len(candidates)} such tables among "
                           f"{len(parser.tables)}", hint="Is this a GACC release page?")
    rows = candidates[0]
    label, first, columns = _header(rows, path, currency)
    _, per_unit = _UNITS[currency]
    month, is_jan_feb, combined = _period(label, path)
    published = _PUBLISHED.search(path.read_text(encoding="utf-8"))
    records = []
    for k in range(first, len(rows)):
        row = rows[k]
        if not row or not row[0].strip() or len(set(row)) == 1:
            continue  # blank rows and notes spanning the whole table
        name = row[0].strip()
        for j, flow, span in columns:
            cell = row[j].replace(",", "").strip() if j < len(row) else ""
            try:
                value = float(cell)
            except ValueError:
                raise RawDataError(display_path(path), row=k + 1, column=f"{flow} {span}",
                                   expected="a number", found=repr(row[j] if j < len(row)
                                                                   else "")) from None
            cumulative = span.startswith("1-to") or combined
            records.append((name, flow, month, cumulative, is_jan_feb, value * per_unit))
    frame = pd.DataFrame(records, columns=["name", "flow", "release_period", "is_cumulative",
                                           "is_jan_feb_combined", f"value_{currency}"])
    frame["published"] = (pd.Timestamp(date(*map(int, published.groups())))
                          if published else pd.NaT)
    return frame


def build_release_by_country(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_gacc__release_by_country`` from every saved CNY release page."""
    return _build(ctx, "cny")


def build_release_by_country_usd(ctx: BuildContext) -> pd.DataFrame:
    """Build ``core_gacc__release_by_country_usd`` from every saved USD release page."""
    return _build(ctx, "usd")


def _build(ctx: BuildContext, currency: Currency) -> pd.DataFrame:
    lookup = CodeLookup(ctx.table(names.COUNTRY_ALIASES), "gacc_name")
    parts = []
    for path in ctx.files():
        frame = _read(path, currency)
        frame["partner_iso3"] = lookup(frame["name"], path=path).to_numpy()
        frame["release_period"] = pd.to_datetime(frame["release_period"])
        frame["source_file"] = display_path(path)
        parts.append(frame)
    table = pd.concat(parts, ignore_index=True).rename(columns={"name": "partner_name"})
    return table[["release_period", "is_cumulative", "partner_iso3", "flow", "partner_name",
                  "is_jan_feb_combined", f"value_{currency}", "published", "source_file"]]
