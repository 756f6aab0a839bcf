"""The shared machinery on its own: retry waits, the socket guard, archives, the store."""

from __future__ import annotations

import pickle
import socket
import stat
import zipfile
from pathlib import Path

import pytest
from fetch_helpers import Sleeps, tree
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from econ.errors import RawDataError
from econ.fetch import FetchError, HttpSettings
from econ.fetch.archive import ZipLimits, extract_members, inspect_zip
from econ.fetch.base import ReleaseCalendar, add_months
from econ.fetch.http import download, get, make_client
from econ.fetch.store import FetchRecord, Staged, commit
from econ.paths import Paths


def _get(server: HTTPServer, settings: HttpSettings) -> object:
    with make_client(settings) as client:
        return get(client, server.url_for("/x"), source="test", settings=settings)


def test_retry_after_is_honoured_exactly(httpserver: HTTPServer, settings: HttpSettings,
                                         sleeps: Sleeps) -> None:
    httpserver.expect_ordered_request("/x").respond_with_data(
        "", status=429, headers={"Retry-After": "7"})
    httpserver.expect_ordered_request("/x").respond_with_data(
        "", status=503, headers={"Retry-After": "3"})
    httpserver.expect_ordered_request("/x").respond_with_data("ok")
    _get(httpserver, settings)
    assert sleeps == [7.0, 3.0]


def test_retry_after_beyond_the_cap_gives_up(httpserver: HTTPServer, settings: HttpSettings,
                                             sleeps: Sleeps) -> None:
    httpserver.expect_request("/x").respond_with_data("", status=429,
                                                      headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="asked to wait 3600s, more than 60s"):
        _get(httpserver, settings)
    assert sleeps == [] and len(httpserver.log) == 1


def test_backoff_is_jittered_and_capped(httpserver: HTTPServer, sleeps: Sleeps) -> None:
    """Full jitter: the n-th wait lies in [0, min(max, initial * 2**(n-1))]."""
    settings = HttpSettings(attempts=6, backoff_initial=1.0, backoff_max=4.0, sleep=sleeps,
                            retry_budget=1000)
    httpserver.expect_request("/x").respond_with_data("", status=500)
    with pytest.raises(FetchError, match=r"HTTP 500 .*after 6 attempt\(s\)"):
        _get(httpserver, settings)
    assert len(sleeps) == 5
    assert all(0 <= wait <= cap for wait, cap in zip(sleeps, [1, 2, 4, 4, 4], strict=True))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_client_errors_are_not_retried(status: int, httpserver: HTTPServer,
                                       settings: HttpSettings) -> None:
    httpserver.expect_request("/x").respond_with_data("", status=status)
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        _get(httpserver, settings)
    assert len(httpserver.log) == 1


def test_408_is_retried(httpserver: HTTPServer, settings: HttpSettings, sleeps: Sleeps) -> None:
    httpserver.expect_ordered_request("/x").respond_with_data("", status=408)
    httpserver.expect_ordered_request("/x").respond_with_data("ok")
    _get(httpserver, settings)
    assert len(sleeps) == 1


def test_short_body_with_content_length_is_retried(httpserver: HTTPServer,
                                                   settings: HttpSettings,
                                                   tmp_path: Path) -> None:
    from fetch_servers import ScriptedServer, answer, close_early

    body = bytes(range(256)) * 40
    with ScriptedServer(close_early(body, 100), answer(body)) as server, \
            make_client(settings) as client:
        result = download(client, f"{server.url}/f", tmp_path / "f.part", source="test",
                          settings=settings)
    assert (tmp_path / "f.part").read_bytes() == body
    assert getattr(result, "bytes", None) == len(body)


def test_proxy_variables_are_honoured(httpserver: HTTPServer, settings: HttpSettings,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """With HTTP_PROXY set, a request for another host goes to the proxy (here a loopback
    server that answers for it): no direct connection is tried."""
    httpserver.expect_request("/file.xls").respond_with_data("via proxy")
    monkeypatch.setenv("HTTP_PROXY", httpserver.url_for("/").rstrip("/"))
    with make_client(settings) as client:
        answer = get(client, "http://publisher.invalid/file.xls", source="t", settings=settings)
    assert answer.text == "via proxy"
    assert httpserver.log[0][0].headers["Host"] == "publisher.invalid"


def test_the_guard_blocks_and_reports(no_network: list[str]) -> None:
    with pytest.raises(OSError, match="may not reach the network"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    assert no_network == ["name lookup of '192.0.2.1'"]
    no_network.clear()  # expected here: do not fail this test at teardown


def test_settings_from_env_name_the_bad_variable() -> None:
    assert HttpSettings.from_env({"ECON_FETCH_ATTEMPTS": "2"}).attempts == 2
    with pytest.raises(ValueError, match="ECON_FETCH_READ_TIMEOUT='soon'"):
        HttpSettings.from_env({"ECON_FETCH_READ_TIMEOUT": "soon"})


def test_fetch_error_survives_pickling() -> None:
    error = FetchError("cbr", "https://x/trade.xls", "HTTP 503", hint="later", retryable=True,
                       retry_after=5.0)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) and again.retry_after == 5.0 and again.retryable


# --------------------------------------------------------------------------- archives


def _zip(tmp_path: Path, members: dict[str, bytes], *, link: str | None = None) -> Path:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("name", ["../up.csv", "/abs.csv", "C:/win.csv", "a\\b.csv",
                                  "ok/../../up.csv"])
def test_traversal_is_refused(name: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="refused"):
        inspect_zip(_zip(tmp_path, {name: b"x"}), source="t", url="u")


def test_links_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="symbolic link"):
        inspect_zip(_zip(tmp_path, {"a.csv": b"x"}, link="evil"), source="t", url="u")


def test_a_bomb_is_refused_by_ratio(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"zeros.csv": bytes(50 << 20)})  # 50 MB of zeros: ~1000x
    with pytest.raises(FetchError, match=r"expands \d+ times"):
        inspect_zip(path, source="t", url="u")


def test_a_bomb_is_refused_by_total_size(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"a.csv": b"1,2\n" * 1000, "b.csv": b"3,4\n" * 1000})
    with pytest.raises(FetchError, match="more than the cap"):
        inspect_zip(path, source="t", url="u", limits=ZipLimits(max_total_bytes=5000))


def test_a_member_lying_about_its_size_is_caught(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"a.csv": b"1,2\n" * 1000})
    data = bytearray(path.read_bytes())
    # understate the uncompressed size in the central directory (and local header)
    real = (4000).to_bytes(4, "little")
    data = bytearray(bytes(data).replace(real, (40).to_bytes(4, "little")))
    path.write_bytes(bytes(data))
    with pytest.raises((FetchError, zipfile.BadZipFile)):
        extract_members(path, ["a.csv"], tmp_path / "out", source="t", url="u")
    assert not (tmp_path / "out" / "a.csv").exists()


# --------------------------------------------------------------------------- store


def _staged(project: Paths, name: str, data: bytes, target: str) -> Staged:
    part = project.root / "data" / ".fetch-staging" / name
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(data)
    return Staged(part, FetchRecord("t", target, "http://x", "2026-01-01T00:00:00Z", "200",
                                    "", "", len(data), "0" * 64, "CC BY", "r1", ""))


def test_commit_rolls_back_when_registering_fails(project: Paths) -> None:
    """The manifest refuses to change an entry; the renamed file is removed again and
    data/raw is byte-identical (new folders included)."""
    existing = project.raw / "src" / "a.csv"
    existing.parent.mkdir()
    existing.write_bytes(b"old")
    (project.raw / "MANIFEST.csv").write_text(
        "path,bytes,sha256\nsrc/b/c.csv,3," + "0" * 64 + "\n")
    before = tree(project.raw)
    with pytest.raises(RawDataError, match="never replaced"):
        commit(project.raw, [_staged(project, "c.part", b"new", "src/b/c.csv")])
    assert tree(project.raw) == before
    assert not (project.raw / "src" / "b").exists()


def test_commit_never_overwrites(project: Paths) -> None:
    (project.raw / "a.csv").write_bytes(b"old")
    with pytest.raises(FetchError, match="exists already"):
        commit(project.raw, [_staged(project, "a.part", b"new", "a.csv")])
    assert (project.raw / "a.csv").read_bytes() == b"old"


# --------------------------------------------------------------------------- calendar


@given(st.dates(), st.integers(min_value=1, max_value=24))
def test_add_months_stays_in_the_target_month(day: object, months: int) -> None:
    from datetime import date

    assert isinstance(day, date)
    if day.year > 9000:
        return
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day


def test_a_source_without_schedule_is_never_overdue() -> None:
    from datetime import date

    suspended = ReleaseCalendar(None, 0, "suspended")
    assert not suspended.is_overdue(date(2022, 4, 1), today=date(2030, 1, 1))


