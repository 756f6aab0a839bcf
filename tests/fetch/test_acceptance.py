"""Issue 17's acceptance: with no network at all, `econ fetch` exits non-zero quickly,
one line per source naming the failure, data/raw and data/processed unchanged; and
`econ fetch --dry-run` lists every source with its URL and what it would do."""

from __future__ import annotations

import time

import pytest
from fetch_helpers import tree
from fetch_servers import ScriptedServer, closed_port, stall

from econ.cli import main
from econ.fetch import SOURCES, HttpSettings
from econ.paths import Paths


def _point_all(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    for fetcher in SOURCES.values():
        monkeypatch.setenv(fetcher.info.url_env, url)
    for key, value in {"ECON_FETCH_CONNECT_TIMEOUT": "1", "ECON_FETCH_READ_TIMEOUT": "1",
                       "ECON_FETCH_ATTEMPTS": "3", "ECON_FETCH_RETRY_BUDGET": "5",
                       "ECON_FETCH_BACKOFF_INITIAL": "0.05",
                       "ECON_FETCH_BACKOFF_MAX": "0.2"}.items():
        monkeypatch.setenv(key, value)


def _failure_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("econ fetch: ")
            and " failed: " in line]


@pytest.mark.parametrize("network", ["refused", "stalls"])
def test_no_network(network: str, project: Paths, monkeypatch: pytest.MonkeyPatch,
                    capsys: pytest.CaptureFixture[str]) -> None:
    raw, processed = tree(project.raw), tree(project.processed)
    started = time.monotonic()
    if network == "refused":
        _point_all(monkeypatch, closed_port())
        code = main(["--root", str(project.root), "fetch", "--quiet"])
    else:
        with ScriptedServer(stall(30.0)) as server:
            _point_all(monkeypatch, server.url)
            code = main(["--root", str(project.root), "fetch", "--quiet"])
    seconds = time.monotonic() - started
    output = capsys.readouterr()
    assert code == 6, output.out
    lines = _failure_lines(output.err)
    assert sorted(line.split()[2] for line in lines) == sorted(SOURCES)
    reason = "cannot connect" if network == "refused" else "no data within the read timeout"
    assert all(reason in line for line in lines), lines
    assert tree(project.raw) == raw
    assert tree(project.processed) == processed
    # all sources run at once: the run is bounded by one source's retry budget, not ten
    assert seconds < HttpSettings(connect_timeout=1, read_timeout=1, retry_budget=5
                                  ).worst_case_seconds() * 3


def test_default_settings_fit_in_two_minutes() -> None:
    """With the shipped timeouts a source that never answers gives up within 100 s."""
    assert HttpSettings().worst_case_seconds() < 120


def test_dry_run_lists_every_source(project: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(project.raw)
    assert main(["--root", str(project.root), "fetch", "--dry-run", "--quiet"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for fetcher in SOURCES.values():
        line = next(line for line in lines if line.startswith(fetcher.info.name + " "))
        assert "would fetch" in line
        assert fetcher.info.base_url in line
        assert "detection:" in line
    assert tree(project.raw) == before


def test_dry_run_honours_url_override(project: Paths, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ECON_FETCH_CBR_URL", "https://mirror.example.org/cbr")
    main(["--root", str(project.root), "fetch", "cbr", "--dry-run", "--quiet"])
    assert "https://mirror.example.org/cbr/trade.xls" in capsys.readouterr().out


def test_unknown_source_is_a_usage_error(project: Paths,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project.root), "fetch", "dots", "--quiet"]) == 6
    assert "unknown source 'dots'" in capsys.readouterr().err
