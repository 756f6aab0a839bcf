"""The error a fetcher raises: which source, which URL, what went wrong, the way out."""

from __future__ import annotations

from typing import Any

from econ.errors import EconError

__all__ = ["FetchError"]


class FetchError(EconError, RuntimeError):
    """A release could not be fetched, verified or stored.

    Parameters
    ----------
    source : str
        The source's name (``imf_imts``, ``cbr``, ...).
    url : str
        The URL asked for (never holds a key: keys travel in headers), or the path of a
        dropped-in file.
    problem : str
        What went wrong, with what was expected and what was found.
    hint : str, optional
        The way out.
    retryable : bool
        True for faults worth another attempt (timeouts, resets, 429, 5xx).
    retry_after : float, optional
        Seconds the server asked us to wait (``Retry-After``).

    Examples
    --------
    >>> import pickle
    >>> e = FetchError("cbr", "https://example.org/trade.xls", "HTTP 404", hint="Check the URL.")
    >>> str(pickle.loads(pickle.dumps(e))) == str(e)
    True
    """

    def __init__(self, source: str, url: str, problem: str, *, hint: str | None = None,
                 retryable: bool = False, retry_after: float | None = None) -> None:
        self.source = source
        self.url = url
        self.problem = problem
        self.hint = hint
        self.retryable = retryable
        self.retry_after = retry_after
        message = f"{source}: {url}: {problem.rstrip('. ')}"
        if hint:
            message += f". {hint}"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.source, self.url, self.problem, self.hint, self.retryable,
                           self.retry_after))


def _rebuild(source: str, url: str, problem: str, hint: str | None, retryable: bool,
             retry_after: float | None) -> FetchError:
    return FetchError(source, url, problem, hint=hint, retryable=retryable,
                      retry_after=retry_after)
