"""Every network fault of issue 17, end to end through `econ fetch cbr`.

A local server plays the Bank of Russia: it serves the real ``trade.xls`` (the Bank's
own file, vintage 11 Nov 2020, from data/raw) or misbehaves. For each fault the test
checks the exit status, that the message names the source and the URL, and that
``data/raw`` is byte-identical (or holds exactly the verified new file and its manifest
rows) and ``data/processed`` untouched.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from fetch_helpers import REAL_RAW, tree
from fetch_servers import ScriptedServer, answer, closed_port, cut_short, reset_midway, stall
from process_helpers import lock_held_elsewhere
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from econ.cli import main
from econ.paths import Paths

XLS = (REAL_RAW / "cbr_external_trade_goods" / "cbr_trade_xls_vintage_20201111.xls").read_bytes()
XLS_TYPE = "application/vnd.ms-excel"
NEW_FILE = "cbr_external_trade_goods/2020-11-11/trade.xls"
HTML_ERROR = (b"<!DOCTYPE html><html><head><title>Service temporarily unavailable</title>"
              b"</head><body>Try later</body></html>")


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Point the cbr source at ``url`` with short timeouts and tiny real backoffs."""
    for key, value in {"ECON_FETCH_CONNECT_TIMEOUT": "1", "ECON_FETCH_READ_TIMEOUT": "0.5",
                       "ECON_FETCH_ATTEMPTS": "3", "ECON_FETCH_RETRY_BUDGET": "20",
                       "ECON_FETCH_BACKOFF_INITIAL": "0.01",
                       "ECON_FETCH_BACKOFF_MAX": "0.02"}.items():
        monkeypatch.setenv(key, value)

    def point(url: str) -> None:
        monkeypatch.setenv("ECON_FETCH_CBR_URL", url)
    return point


def run(project: Paths, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--root", str(project.root), "fetch", "cbr", "--quiet"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@dataclass
class Fault:
    name: str
    serve: Callable[[HTTPServer], None]
    exit_code: int
    says: str
    new_file: bool = False


def _sequence(*responses: Response) -> Callable[[Request], Response]:
    queue = list(responses)

    def handler(request: Request) -> Response:
        return queue.pop(0) if len(queue) > 1 else queue[0]
    return handler


def _xls() -> Response:
    return Response(XLS, content_type=XLS_TYPE, headers={"ETag": '"v1"'})


HTTP_FAULTS = [
    Fault("429 with Retry-After, then the file",
          lambda s: s.expect_request("/trade.xls").respond_with_handler(_sequence(
              Response("slow down", status=429, headers={"Retry-After": "1"}), _xls())),
          3, "new", new_file=True),
    Fault("429 without Retry-After, every time",
          lambda s: s.expect_request("/trade.xls").respond_with_data("slow down", status=429),
          6, "HTTP 429"),
    Fault("500, then 503, then the file",
          lambda s: s.expect_request("/trade.xls").respond_with_handler(_sequence(
              Response("oops", status=500), Response("busy", status=503), _xls())),
          3, "new", new_file=True),
    Fault("404: not retried",
          lambda s: s.expect_request("/trade.xls").respond_with_data("gone", status=404),
          6, "HTTP 404"),
    Fault("an HTML error page served with 200",
          lambda s: s.expect_request("/trade.xls").respond_with_data(
              HTML_ERROR, content_type=XLS_TYPE),
          6, "found an HTML page titled 'Service temporarily unavailable'"),
    Fault("an empty result",
          lambda s: s.expect_request("/trade.xls").respond_with_data(b"", content_type=XLS_TYPE),
          6, "found an empty body"),
    Fault("the wrong content type",
          lambda s: s.expect_request("/trade.xls").respond_with_data(XLS, content_type="image/png"),
          6, "found 'image/png'"),
    Fault("a redirect loop",
          lambda s: (s.expect_request("/trade.xls").respond_with_data(
              "", status=302, headers={"Location": "/moved.xls"}),
              s.expect_request("/moved.xls").respond_with_data(
              "", status=302, headers={"Location": "/trade.xls"})),
          6, "redirect loop"),
    Fault("a workbook the loader cannot read",
          lambda s: s.expect_request("/trade.xls").respond_with_data(
              XLS[:512] + bytes(4096), content_type=XLS_TYPE),
          6, "does not read as expected"),
]


@pytest.mark.parametrize("fault", HTTP_FAULTS, ids=lambda f: f.name)
def test_http_fault(fault: Fault, project: Paths, httpserver: HTTPServer,
                    env: Callable[[str], None], capsys: pytest.CaptureFixture[str]) -> None:
    raw_before, processed_before = tree(project.raw), tree(project.processed)
    fault.serve(httpserver)
    env(httpserver.url_for("/").rstrip("/"))
    code, output = run(project, capsys)
    assert code == fault.exit_code, output
    assert fault.says in output
    assert "cbr" in output and httpserver.url_for("/trade.xls") in output
    _check_raw(project, raw_before, new_file=fault.new_file)
    assert tree(project.processed) == processed_before


def _check_raw(project: Paths, before: dict[str, bytes], *, new_file: bool) -> None:
    after = tree(project.raw)
    if not new_file:
        assert after == before
        return
    assert set(after) - set(before) == {NEW_FILE, ".fetch_manifest.csv"}
    assert after[NEW_FILE] == XLS
    listed = list(csv.DictReader(io.StringIO(after["MANIFEST.csv"].decode())))
    assert [r["path"] for r in listed] == [NEW_FILE]
    assert {k: v for k, v in before.items() if k != "MANIFEST.csv"} == {
        k: v for k, v in after.items() if k in before and k != "MANIFEST.csv"}


SOCKET_FAULTS = [
    ("a body cut short without Content-Length", [cut_short(XLS, 4000, content_type=XLS_TYPE)],
     6, "does not read as expected", False),
    ("a connection reset mid-body, every time", [reset_midway(XLS, 4000,
                                                              content_type=XLS_TYPE)],
     6, "after 3 attempt(s)", False),
    ("a connection reset mid-body, then resumed with Range",
     [reset_midway(XLS, 40_000, content_type=XLS_TYPE), answer(XLS, content_type=XLS_TYPE)],
     3, "new", True),
    ("a stall past the read timeout", [stall(3.0)], 6, "no data within the read timeout",
     False),
]


@pytest.mark.parametrize(("name", "script", "exit_code", "says", "new_file"), SOCKET_FAULTS,
                         ids=[f[0] for f in SOCKET_FAULTS])
def test_socket_fault(name: str, script: list, exit_code: int, says: str, new_file: bool,
                      project: Paths, env: Callable[[str], None],
                      capsys: pytest.CaptureFixture[str]) -> None:
    raw_before, processed_before = tree(project.raw), tree(project.processed)
    with ScriptedServer(*script) as server:
        url = server.url
        env(url)
        code, output = run(project, capsys)
    assert code == exit_code, output
    assert says in output
    assert f"{url}/trade.xls" in output
    _check_raw(project, raw_before, new_file=new_file)
    assert tree(project.processed) == processed_before
    if name.endswith("resumed with Range"):
        assert server.requests[1].headers.get("range") == "bytes=40000-"


def test_connection_refused(project: Paths, env: Callable[[str], None],
                            capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(project.raw)
    url = closed_port()
    env(url)
    code, output = run(project, capsys)
    assert code == 6
    assert f"cbr failed: {url}/trade.xls: cannot connect" in output
    assert tree(project.raw) == before


def test_not_modified(project: Paths, httpserver: HTTPServer, env: Callable[[str], None],
                      capsys: pytest.CaptureFixture[str]) -> None:
    """A stored copy's ETag goes out as If-None-Match; 304 means nothing new. The stored
    release (updated 2020-11-11) is long past its monthly calendar: exit 4, overdue."""
    httpserver.expect_ordered_request("/trade.xls").respond_with_response(_xls())
    httpserver.expect_ordered_request("/trade.xls", headers={"If-None-Match": '"v1"'}
                                      ).respond_with_data("", status=304)
    env(httpserver.url_for("/").rstrip("/"))
    assert run(project, capsys)[0] == 3
    before = tree(project.raw)
    code, output = run(project, capsys)
    assert code == 4, output
    assert "HTTP 304" in output
    assert "a release after 2020-11-11 was due by 2020-12-31" in output
    assert tree(project.raw) == before


def test_same_bytes_again_is_nothing_new(project: Paths, httpserver: HTTPServer,
                                         env: Callable[[str], None],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A server without validators sends the same file again: it is not stored twice."""
    httpserver.expect_request("/trade.xls").respond_with_data(XLS, content_type=XLS_TYPE)
    env(httpserver.url_for("/").rstrip("/"))
    assert run(project, capsys)[0] == 3
    before = tree(project.raw)
    code, output = run(project, capsys)
    assert code == 4  # nothing new, and the stored 2020 vintage is overdue
    assert f"same bytes as {NEW_FILE}" in output
    assert tree(project.raw) == before


def test_lock_held_fails_without_waiting(project: Paths, httpserver: HTTPServer,
                                         env: Callable[[str], None],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    env(httpserver.url_for("/").rstrip("/"))
    with lock_held_elsewhere(project.processed):
        code = main(["--root", str(project.root), "fetch", "cbr", "--no-wait", "--quiet"])
    assert code == 6
    assert "holds" in capsys.readouterr().err
    assert not httpserver.log


def test_partial_download_resumes_in_the_next_run(project: Paths, env: Callable[[str], None],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A run that ends on resets keeps its ``.part`` outside data/raw; the next run asks
    only for the missing bytes (Range with If-Range) and stores the complete file."""
    with ScriptedServer(reset_midway(XLS, 50_000, content_type=XLS_TYPE)) as server:
        env(server.url)
        assert run(project, capsys)[0] == 6
        port = server.port
    part = project.root / "data" / ".fetch-staging" / "cbr" / "trade.xls.part"
    assert part.stat().st_size == 50_000
    with ScriptedServer(answer(XLS, content_type=XLS_TYPE), port=port) as server:
        env(server.url)
        code, output = run(project, capsys)
        assert server.requests[0].headers.get("range") == "bytes=50000-"
        assert server.requests[0].headers.get("if-range") == '"v1"'
    assert code == 3, output
    assert (project.raw / NEW_FILE).read_bytes() == XLS
    assert not part.exists()
