"""HTTP for the fetchers: bounded, jittered retries and resumable streaming downloads.

One client per run (httpx, which honours ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY``
and ``NO_PROXY``). Every request has a connect and a read timeout; faults worth another
try (timeouts, refused or reset connections, a body cut short, HTTP 408, 429 and 5xx) are
retried with full-jitter exponential backoff, honouring ``Retry-After``, until the number
of attempts or the retry budget (seconds since the first attempt) runs out. Other 4xx
answers, redirect loops and wrong content types fail at once. Retries use tenacity
because its sleep function can be injected: tests check the exact waits (``Retry-After``
honoured, budget respected) without sleeping.

A download streams to a ``.part`` file outside ``data/raw``. When the server advertised
byte ranges and a validator (ETag or Last-Modified), a later attempt (or run) asks only
for the missing bytes (``Range`` with ``If-Range``) and appends them; otherwise it starts
again from zero.
"""

from __future__ import annotations

import email.utils
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import tenacity

from econ._version import __version__
from econ.fetch.errors import FetchError

__all__ = [
    "RETRY_STATUSES",
    "Downloaded",
    "HttpSettings",
    "NotModified",
    "discard",
    "download",
    "get",
    "make_client",
    "new_part",
]

#: HTTP statuses worth another attempt.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_ENV = "ECON_FETCH_"


@dataclass(frozen=True)
class HttpSettings:
    """Timeouts and retry limits of every request.

    Parameters
    ----------
    connect_timeout, read_timeout : float
        Seconds to connect, and to wait for the next bytes of an answer.
    attempts : int
        Most attempts per request (first try included).
    retry_budget : float
        No new attempt starts more than this many seconds after the first one.
    backoff_initial, backoff_max : float
        Full-jitter exponential backoff: the n-th wait is uniform on
        ``[0, min(backoff_max, backoff_initial * 2**(n-1))]``.
    retry_after_max : float
        Longest ``Retry-After`` honoured; a server asking for more fails the request.
    max_redirects : int
        Redirects followed before a redirect loop is declared.
    sleep : callable
        Waits between attempts (injected by tests).

    Examples
    --------
    >>> HttpSettings().worst_case_seconds()
    100.0
    """

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    attempts: int = 5
    retry_budget: float = 60.0
    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    retry_after_max: float = 120.0
    max_redirects: int = 5
    user_agent: str = f"econ/{__version__} (scheduled refresh of public trade statistics)"
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> HttpSettings:
        """Settings with overrides from the ``ECON_FETCH_*`` environment variables.

        The variables are ``ECON_FETCH_CONNECT_TIMEOUT``, ``_READ_TIMEOUT``, ``_ATTEMPTS``,
        ``_RETRY_BUDGET``, ``_BACKOFF_INITIAL`` and ``_BACKOFF_MAX``.

        Raises
        ------
        ValueError
            Naming the variable whose value is not a positive number.
        """
        environ = os.environ if environ is None else environ
        changes: dict[str, Any] = {}
        for name in ("connect_timeout", "read_timeout", "attempts", "retry_budget",
                     "backoff_initial", "backoff_max"):
            key = _ENV + name.upper()
            text = environ.get(key)
            if text is None or not text.strip():
                continue
            try:
                value = int(text) if name == "attempts" else float(text)
            except ValueError:
                raise ValueError(f"{key}={text!r}: expected a positive number") from None
            if value <= 0:
                raise ValueError(f"{key}={text!r}: expected a positive number")
            changes[name] = value
        return replace(cls(), **changes)

    def worst_case_seconds(self) -> float:
        """Longest a failing request can take, in seconds.

        The retry budget, then one last attempt that connects slowly and then waits a full
        read timeout.
        """
        return self.retry_budget + self.connect_timeout + self.read_timeout


def make_client(settings: HttpSettings) -> httpx.Client:
    """An httpx client with the settings' timeouts, redirects and User-Agent.

    ``trust_env`` stays on, so the standard proxy variables apply.
    """
    timeout = httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                            write=settings.read_timeout, pool=settings.connect_timeout)
    return httpx.Client(timeout=timeout, follow_redirects=True,
                        max_redirects=settings.max_redirects, trust_env=True,
                        headers={"User-Agent": settings.user_agent})


# --------------------------------------------------------------------------- faults


def _retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or an HTTP date).

    Examples
    --------
    >>> _retry_after("7")
    7.0
    >>> _retry_after("Wed, 21 Oct 2015 07:28:10 GMT",
    ...              datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC))
    10.0
    >>> _retry_after("soon") is None
    True
    """
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _describe_transport(exc: httpx.TransportError) -> str:
    """A plain description of a network fault."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out connecting ({detail})"
    if isinstance(exc, httpx.ReadTimeout):
        return f"no data within the read timeout ({detail})"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({detail})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({detail})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke off the answer ({detail})"
    if isinstance(exc, httpx.ReadError):
        return f"the connection failed while reading ({detail})"
    return f"network error ({type(exc).__name__}: {detail})"


def _status_error(response: httpx.Response, source: str, url: str) -> FetchError:
    status = response.status_code
    retryable = status in RETRY_STATUSES
    asked = _retry_after(response.headers.get("Retry-After"))
    hint = None
    if response.headers.get("cf-mitigated", "").lower() == "challenge":
        return FetchError(source, url, f"HTTP {status}: the server answered with a browser "
                          "challenge", hint="Download the file in a browser and drop it in "
                          "with `econ fetch SOURCE --file PATH`")
    if status in (401, 403):
        hint = ("The server refused access: check the API key variable, or download the "
                "file by hand and drop it in with `econ fetch SOURCE --file PATH`")
    elif status == 404:
        hint = ("The publisher may have moved the file: check the URL or set the source's "
                "URL variable")
    elif status == 429:
        hint = "Rate limited: run later, or less often"
    return FetchError(source, url, f"HTTP {status} {response.reason_phrase}".rstrip(),
                      hint=hint, retryable=retryable, retry_after=asked)


def _as_fetch_error(exc: BaseException, source: str, url: str) -> BaseException:
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError(source, url, f"redirect loop ({exc})",
                          hint="The publisher's server redirects in a circle: try later or "
                          "set the source's URL variable to the file's final address")
    if isinstance(exc, httpx.TransportError):
        return FetchError(source, url, _describe_transport(exc), retryable=True,
                          hint="Check the network, the proxy variables, or set the source's "
                          "URL variable to a mirror")
    if isinstance(exc, httpx.HTTPError):
        return FetchError(source, url, f"{type(exc).__name__}: {exc}")
    return exc


# --------------------------------------------------------------------------- retrying


def _retrying(settings: HttpSettings, source: str, url: str,
              log: Callable[[str], None] | None) -> tenacity.Retrying:
    backoff = tenacity.wait_random_exponential(multiplier=settings.backoff_initial,
                                               max=settings.backoff_max)

    def wait(state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = getattr(exc, "retry_after", None)
        if asked is not None:
            return float(asked)
        return float(backoff(state))

    def stop(state: tenacity.RetryCallState) -> bool:
        return (state.attempt_number >= settings.attempts
                or state.upcoming_sleep > settings.retry_after_max
                or (state.seconds_since_start or 0.0) + state.upcoming_sleep
                > settings.retry_budget)

    def retry(state: tenacity.RetryCallState) -> bool:
        exc = state.outcome.exception() if state.outcome else None
        return isinstance(exc, FetchError) and exc.retryable

    def before_sleep(state: tenacity.RetryCallState) -> None:
        if log is not None:
            exc = state.outcome.exception() if state.outcome else None
            problem = exc.problem if isinstance(exc, FetchError) else str(exc)
            log(f"{source}: {url}: {problem}; attempt {state.attempt_number + 1} of "
                f"{settings.attempts} in {state.upcoming_sleep:.1f}s")

    def give_up(state: tenacity.RetryCallState) -> Any:
        exc = state.outcome.exception() if state.outcome else None
        assert isinstance(exc, FetchError)
        if not exc.retryable:
            raise exc
        why = f"after {state.attempt_number} attempt(s) in {state.seconds_since_start or 0:.1f}s"
        if state.upcoming_sleep > settings.retry_after_max:
            why += (f"; the server asked to wait {state.upcoming_sleep:.0f}s, more than "
                    f"{settings.retry_after_max:.0f}s")
        elif state.attempt_number < settings.attempts:
            why += f"; the retry budget of {settings.retry_budget:.0f}s is spent"
        raise FetchError(exc.source, exc.url, f"{exc.problem} ({why})", hint=exc.hint)

    return tenacity.Retrying(wait=wait, stop=stop, retry=retry, sleep=settings.sleep,
                             before_sleep=before_sleep, retry_error_callback=give_up)


def _call(settings: HttpSettings, source: str, url: str, log: Callable[[str], None] | None,
          attempt: Callable[[], Any]) -> Any:
    def guarded() -> Any:
        try:
            return attempt()
        except (httpx.HTTPError, FetchError) as exc:
            raise _as_fetch_error(exc, source, url) from exc

    return _retrying(settings, source, url, log)(guarded)


def get(client: httpx.Client, url: str, *, source: str, settings: HttpSettings,
        params: Mapping[str, str] | None = None, headers: Mapping[str, str] | None = None,
        accept: tuple[str, ...] = (), log: Callable[[str], None] | None = None,
        max_bytes: int = 64 << 20, method: str = "GET") -> httpx.Response:
    """GET (or HEAD) a small answer (an index page, a JSON document), with retries.

    Returns the response with its body read. A 304 is returned as it is.

    Raises
    ------
    FetchError
        On a status other than 2xx/304, a content type outside ``accept``, a body larger
        than ``max_bytes``, or a network fault that outlived the retries.
    """
    def attempt() -> httpx.Response:
        with client.stream(method, url, params=params, headers=dict(headers or {})) as response:
            if response.status_code == 304:
                response.read()
                return response
            if not response.is_success:
                raise _status_error(response, source, url)
            _check_content_type(response, accept, source, url)
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(source, url, f"answer larger than {max_bytes} bytes",
                                     hint="Is the URL the publisher's index or API endpoint?")
            response._content = bytes(body)
            return response

    result: httpx.Response = _call(settings, source, url, log, attempt)
    return result


def _check_content_type(response: httpx.Response, accept: tuple[str, ...], source: str,
                        url: str) -> None:
    if not accept:
        return
    found = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if found not in accept:
        raise FetchError(source, str(response.url),
                         f"expected content type {' or '.join(accept)}, found "
                         f"{found or 'none'!r}",
                         hint="The server answered something other than the file (an error "
                         "or login page?)")


# --------------------------------------------------------------------------- downloads


@dataclass(frozen=True)
class NotModified:
    """The server answered 304: nothing new since the validators we sent."""

    url: str


@dataclass(frozen=True)
class Downloaded:
    """A complete body in a ``.part`` file, with what the server said about it."""

    url: str
    path: Path
    bytes: int
    etag: str | None
    last_modified: str | None
    content_type: str | None
    resumed: bool


def _meta_path(part: Path) -> Path:
    return part.with_name(part.name + ".json")


def _resume_point(part: Path, url: str) -> tuple[int, str | None]:
    """Bytes already in ``part`` and the validator to send with ``If-Range``."""
    try:
        meta = json.loads(_meta_path(part).read_text())
        size = part.stat().st_size
    except (OSError, ValueError):
        return 0, None
    validator = meta.get("etag") or meta.get("last_modified")
    if meta.get("url") != url or not meta.get("ranges") or not validator or meta.get("encoded"):
        return 0, None
    return size, str(validator)


def discard(part: Path) -> None:
    """Remove a ``.part`` file and its resume notes."""
    part.unlink(missing_ok=True)
    _meta_path(part).unlink(missing_ok=True)


def download(client: httpx.Client, url: str, part: Path, *, source: str,
             settings: HttpSettings, headers: Mapping[str, str] | None = None,
             params: Mapping[str, str] | None = None, accept: tuple[str, ...] = (),
             log: Callable[[str], None] | None = None,
             progress: Callable[[int, int | None], None] | None = None
             ) -> Downloaded | NotModified:
    """Stream ``url`` into ``part``, resuming a partial body where the server allows.

    Parameters
    ----------
    headers : mapping, optional
        Extra request headers (conditional GET: ``If-None-Match``, ``If-Modified-Since``;
        an API key).
    accept : tuple of str
        Content types accepted (lower case, without parameters); empty accepts any.
    progress : callable, optional
        Called as ``progress(bytes_so_far, total_or_None)``.

    Raises
    ------
    FetchError
        On a refused status, a wrong content type, a body shorter than its
        Content-Length, or network faults that outlived the retries.
    """
    part.parent.mkdir(parents=True, exist_ok=True)
    full_url = str(httpx.URL(url, params=params)) if params else url

    def attempt() -> Downloaded | NotModified:
        have, validator = _resume_point(part, full_url)
        request_headers = dict(headers or {})
        if have and validator:
            request_headers.update({"Range": f"bytes={have}-", "If-Range": validator})
        with client.stream("GET", url, params=params, headers=request_headers) as response:
            if response.status_code == 304:
                return NotModified(str(response.url))
            if not response.is_success:
                raise _status_error(response, source, url)
            _check_content_type(response, accept, source, url)
            resumed = response.status_code == 206 and _range_start(response) == have
            encoded = response.headers.get("Content-Encoding", "identity") != "identity"
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
            _meta_path(part).write_text(json.dumps({
                "url": full_url, "etag": etag, "last_modified": modified, "encoded": encoded,
                "ranges": response.headers.get("Accept-Ranges", "").lower() == "bytes"}))
            declared = response.headers.get("Content-Length")
            expected = None if declared is None or encoded else int(declared)
            written = have if resumed else 0
            total = None if expected is None else written + expected
            with open(part, "ab" if resumed else "wb") as fh:
                for chunk in response.iter_bytes():
                    fh.write(chunk)
                    written += len(chunk)
                    if progress is not None:
                        progress(written, total)
            if total is not None and written != total:
                raise FetchError(source, url, f"the body ended after {written} of {total} bytes",
                                 retryable=True)
            return Downloaded(str(response.url), part, written, etag, modified,
                              response.headers.get("Content-Type"), resumed)

    result: Downloaded | NotModified = _call(settings, source, url, log, attempt)
    return result


def _range_start(response: httpx.Response) -> int | None:
    """First byte of a 206 answer, from ``Content-Range: bytes N-M/T``."""
    value = response.headers.get("Content-Range", "")
    if not value.startswith("bytes ") or "-" not in value:
        return None
    start = value[6:].split("-", 1)[0].strip()
    return int(start) if start.isdigit() else None


def new_part(staging: Path, source: str, name: str) -> Path:
    """The ``.part`` path of ``name`` for ``source`` in the staging folder."""
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name) or "download"
    return staging / source / f"{safe}.part"
