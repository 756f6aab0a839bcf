"""Fixtures for the fetcher tests: no network but loopback, a throw-away project, servers.

Every test under tests/fetch runs with sockets to anything but the loopback interface
blocked: an attempt raises at once, is recorded, and fails the test at teardown even if
the code under test swallowed the error (a fetcher would turn it into a retryable
network fault).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fetch_helpers import Sleeps

from econ.fetch.http import HttpSettings
from econ.paths import Paths

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
               "all_proxy", "NO_PROXY", "no_proxy")


class NetworkBlockedError(OSError):
    """A test tried to reach an address off the loopback interface."""


def _is_loopback(host: Any) -> bool:
    text = str(host).strip("[]").lower()
    return text in _LOOPBACK_NAMES or text.startswith("127.") or text == "::1"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Block sockets to non-loopback addresses; fail the test if one was attempted."""
    attempts: list[str] = []
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def refuse(what: str) -> NetworkBlockedError:
        attempts.append(what)
        return NetworkBlockedError(f"tests/fetch may not reach the network: {what}")

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _is_loopback(host):
            raise refuse(f"name lookup of {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise refuse(f"connect to {address!r}")

    def connect(sock: socket.socket, address: Any) -> None:
        check(sock, address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        check(sock, address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    for name in _PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    yield attempts
    if attempts and not getattr(no_network, "expected", False):
        pytest.fail(f"a test tried to reach the network: {attempts}")


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    """An empty project: ``data/raw`` with an empty MANIFEST.csv, and ``data/processed``."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "MANIFEST.csv").write_text("path,bytes,sha256\n")
    (tmp_path / "data" / "processed").mkdir()
    (tmp_path / "data" / "processed" / "core").mkdir()
    (tmp_path / "data" / "processed" / "core" / "table.parquet").write_bytes(b"PAR1 stand-in")
    return Paths(tmp_path)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def settings(sleeps: Sleeps) -> HttpSettings:
    """Short timeouts, three attempts, recorded (not slept) waits."""
    return HttpSettings(connect_timeout=1.0, read_timeout=0.5, attempts=3, retry_budget=30.0,
                        backoff_initial=0.5, backoff_max=2.0, retry_after_max=60.0,
                        sleep=sleeps)

