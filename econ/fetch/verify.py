"""Checks on a downloaded (or dropped-in) file before it may enter ``data/raw``.

Each check raises :class:`econ.fetch.errors.FetchError` naming the source, the URL and
what was expected and found. The order matters: an HTML error page served with status
200 is named as such before a format check reports a confusing "bad zip".
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Literal

from econ.fetch.errors import FetchError

__all__ = ["CONTENT_TYPES", "Kind", "check_digest", "check_kind", "check_length", "digest",
           "looks_like_html"]

#: File formats a fetcher can expect.
Kind = Literal["xlsx", "xls", "zip", "json", "csv", "html"]
#: Content types a server may send for each kind (octet-stream is common for all files).
CONTENT_TYPES: dict[str, tuple[str, ...]] = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "application/vnd.ms-excel", "application/octet-stream", "application/zip",
             "application/x-zip-compressed", "binary/octet-stream"),
    "xls": ("application/vnd.ms-excel", "application/octet-stream", "application/x-msexcel",
            "application/excel", "binary/octet-stream"),
    "zip": ("application/zip", "application/x-zip-compressed", "application/octet-stream",
            "binary/octet-stream"),
    "json": ("application/json", "text/json", "application/vnd.sdmx.data+json"),
    "csv": ("text/csv", "application/csv", "text/plain", "application/octet-stream"),
    "html": ("text/html", "application/xhtml+xml"),
}
_OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")  # legacy .xls (BIFF in an OLE2 container)
_ZIP = b"PK\x03\x04"
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<title")


def _head(path: Path, size: int = 2048) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(size)


def looks_like_html(head: bytes) -> bool:
    r"""True if the first bytes of a file are an HTML page.

    Examples
    --------
    >>> looks_like_html(b"\xef\xbb\xbf  <!DOCTYPE html><html>")
    True
    >>> looks_like_html(b"PK\x03\x04...")
    False
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(_HTML_MARKS)


def digest(path: Path, algorithm: str = "sha256") -> str:
    """Hex digest of a file, read in 1 MiB blocks."""
    hasher = hashlib.new(algorithm)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def check_length(path: Path, expected: int | None, *, source: str, url: str) -> None:
    """The file has the size the publisher declared (when it declared one)."""
    size = path.stat().st_size
    if expected is not None and size != expected:
        raise FetchError(source, url, f"expected {expected} bytes as the publisher lists, "
                         f"found {size}", hint="The download was cut short or changed; "
                         "run again")


def check_digest(path: Path, algorithm: str, expected: str, *, source: str, url: str) -> None:
    """The file's checksum equals the one the publisher published."""
    found = digest(path, algorithm)
    if found.lower() != expected.strip().lower():
        raise FetchError(source, url, f"expected {algorithm} {expected} as published, found "
                         f"{found}", hint="The download is damaged or the publisher changed "
                         "the file without updating its checksum; run again")


def check_kind(path: Path, kind: Kind, *, source: str, url: str) -> None:
    """Check that the file is non-empty and has the signature and structure of ``kind``.

    An HTML page fails the check unless HTML is expected.

    Raises
    ------
    FetchError
        Naming what was found: an empty body, an HTML page, a zip that fails its CRC
        check, JSON that does not parse, ...
    """
    size = path.stat().st_size
    if size == 0:
        raise FetchError(source, url, f"expected a {kind} file, found an empty body",
                         hint="The publisher returned nothing; run again later")
    head = _head(path)
    if kind != "html" and looks_like_html(head):
        title = _title(head)
        raise FetchError(source, url, f"expected a {kind} file, found an HTML page"
                         + (f" titled {title!r}" if title else ""),
                         hint="The server sent an error, login or browser-challenge page "
                         "with status 200")
    {"xlsx": _check_xlsx, "xls": _check_xls, "zip": _check_zip, "json": _check_json,
     "csv": _check_csv, "html": _check_html}[kind](path, head, source, url)


def _title(head: bytes) -> str:
    text = head.decode("utf-8", "replace")
    start = text.lower().find("<title>")
    end = text.lower().find("</title>", start)
    return " ".join(text[start + 7:end].split())[:80] if 0 <= start < end else ""


def _check_zip(path: Path, head: bytes, source: str, url: str) -> None:
    if not head.startswith(_ZIP):
        raise FetchError(source, url, f"expected a zip file, found bytes {head[:8]!r}")
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FetchError(source, url, f"expected a complete zip file, found a damaged one "
                         f"({exc})", hint="The download was probably cut short; run again"
                         ) from None
    if bad is not None:
        raise FetchError(source, url, f"zip member {bad!r} fails its CRC check",
                         hint="The download is damaged; run again")


def _check_xlsx(path: Path, head: bytes, source: str, url: str) -> None:
    _check_zip(path, head, source, url)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FetchError(source, url, "expected an xlsx workbook (a zip holding "
                         "xl/workbook.xml), found a zip with " + ", ".join(sorted(names)[:5]))


def _check_xls(path: Path, head: bytes, source: str, url: str) -> None:
    if not head.startswith(_OLE2):
        found = "an xlsx workbook" if head.startswith(_ZIP) else f"bytes {head[:8]!r}"
        raise FetchError(source, url, f"expected a legacy .xls workbook (OLE2), found {found}")


def _check_json(path: Path, head: bytes, source: str, url: str) -> None:
    try:
        json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        raise FetchError(source, url, f"expected JSON, found text that does not parse ({exc})",
                         hint="The answer was cut short or is not JSON; run again") from None


def _check_csv(path: Path, head: bytes, source: str, url: str) -> None:
    try:
        first = head.decode("utf-8-sig").splitlines()[0] if head else ""
    except UnicodeDecodeError:
        raise FetchError(source, url, "expected UTF-8 CSV text, found binary data") from None
    if "," not in first and ";" not in first and "\t" not in first:
        raise FetchError(source, url, f"expected a CSV header line, found {first[:80]!r}")


def _check_html(path: Path, head: bytes, source: str, url: str) -> None:
    if not looks_like_html(head):
        raise FetchError(source, url, f"expected an HTML page, found {head[:40]!r}")
