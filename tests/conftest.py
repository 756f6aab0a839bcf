"""Shared fixtures: a throw-away project whose DOTS workbooks are tiny made-up files, and
the real data/raw refreshed once per session.

Both session projects are refreshed by ``econ refresh`` in background processes started
as soon as the tests are collected (only if a collected test uses them), and the tests
that need neither run first, then those on the fixture project, then those on the real
one: the builds overlap the other tests. A fixture waits for its build and refreshes once
more in-process, which finds every table fresh (or rebuilds, with the full message, what
the background build could not).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from econ.data import write_manifest

# property tests draw the same examples on every run (the suite is deterministic); a new
# example is explored when a test or hypothesis changes
settings.register_profile("econ", derandomize=True)
settings.load_profile("econ")

REPO = Path(__file__).resolve().parents[1]
REAL_RAW = REPO / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "data"


def copy_raw(root: Path, *, dots: list[Path] | None = None) -> Path:
    """Make ``root/data/raw`` from the real raw files, with fixture DOTS workbooks.

    Every raw folder but the 235 DOTS workbooks is copied (a few MB); the DOTS folder
    gets ``dots`` (default: the two tiny fixture workbooks), renamed ``DOTS_<n>.xlsx``
    when their names do not already have that form.
    """
    raw = root / "data" / "raw"
    shutil.copytree(REAL_RAW, raw, ignore=shutil.ignore_patterns("DOTS_*.xlsx"))
    chosen = dots if dots is not None else sorted((FIXTURES / "dots").glob("*.xlsx"))
    for number, path in enumerate(chosen, start=1):
        name = path.name if path.name.startswith("DOTS_") else f"DOTS_{number}.xlsx"
        shutil.copy(path, raw / "imf_dots_annual_xlsx" / name)
    write_manifest(root=root)  # the fixture project's own raw files
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Factory: ``make_project(dots=[...])`` returns a project root in a temp folder."""
    counter = iter(range(100))

    def factory(*, dots: list[Path] | None = None) -> Path:
        return copy_raw(tmp_path / f"project{next(counter)}", dots=dots)

    return factory


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    """A project root with the two fixture DOTS workbooks and the real other raw files."""
    return make_project()


class Background:
    """A project refreshed by ``econ refresh`` in a child process."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.log = root.with_suffix(".log")
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "econ.cli", "refresh", "--quiet"],
                env={**os.environ, "ECON_ROOT": str(root)}, stdout=log,
                stderr=subprocess.STDOUT)

    def wait(self) -> Path:
        """The project once built; fails with the refresh summary if a table failed."""
        import econ

        self.process.wait(timeout=1800)
        report = econ.refresh(root=self.root)
        assert report.ok, report.summary() + "\n" + self.log.read_text()
        return self.root

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)
        self.log.unlink(missing_ok=True)


def _template_project() -> Background:
    return Background(copy_raw(Path(tempfile.mkdtemp(prefix="econ-template-"))))


def _real_project() -> Background:
    root = Path(tempfile.mkdtemp(prefix="econ-real-"))
    (root / "data").mkdir()
    (root / "data" / "raw").symlink_to(REAL_RAW)
    return Background(root)


_STARTERS = {"built_template": _template_project, "real_project": _real_project}
_STARTED: dict[str, Background] = {}


def _needs(item: pytest.Item) -> int:
    """0: neither session project, 1: the fixture project, 2: the real one."""
    names = set(getattr(item, "fixturenames", ()))
    return 2 if "real_project" in names else 1 if "built_template" in names else 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the session projects the collected tests use (the real one first: longer)
    and run the tests that wait for them last."""
    items.sort(key=_needs)  # stable: file order within each group
    used = {name for item in items for name in getattr(item, "fixturenames", ())}
    for name in ("real_project", "built_template"):
        if name in used and name not in _STARTED:
            _STARTED[name] = _STARTERS[name]()


def pytest_sessionfinish() -> None:
    for project in _STARTED.values():
        project.stop()


def _session_project(name: str) -> Path:
    if name not in _STARTED:  # a test run without collection hooks (e.g. --fixtures)
        _STARTED[name] = _STARTERS[name]()
    return _STARTED[name].wait()


@pytest.fixture(scope="session")
def built_template() -> Path:
    """A project built once per session from the fixture DOTS workbooks (do not modify)."""
    return _session_project("built_template")


@pytest.fixture
def built(built_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built fixture project, free to modify."""
    root = tmp_path / "built"
    shutil.copytree(built_template, root)
    return root


@pytest.fixture(scope="session")
def real_project() -> Path:
    """The real data/raw (linked, read-only use) refreshed into a temporary processed dir."""
    return _session_project("real_project")


#: scripts that make fixtures or reference values: run by hand, never collected
collect_ignore_glob = ["data/*", "results/*"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites tests/golden_row_counts.csv from the real refresh."""
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden row counts (only on purpose)")

