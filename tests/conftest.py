"""Shared fixtures: a throw-away project whose DOTS workbooks are tiny made-up files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from econ.data import write_manifest

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


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once per session from the fixture DOTS workbooks (do not modify)."""
    import econ

    root = copy_raw(tmp_path_factory.mktemp("template"))
    report = econ.refresh(root=root)
    assert report.ok, report.summary()
    return root


@pytest.fixture
def built(built_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built fixture project, free to modify."""
    root = tmp_path / "built"
    shutil.copytree(built_template, root)
    return root


@pytest.fixture(scope="session")
def real_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data/raw (linked, read-only use) refreshed into a temporary processed dir."""
    import econ

    root = tmp_path_factory.mktemp("real")
    (root / "data").mkdir()
    (root / "data" / "raw").symlink_to(REAL_RAW)
    report = econ.refresh(root=root)
    assert report.ok, report.summary()
    return root


#: scripts that make fixtures or reference values: run by hand, never collected
collect_ignore_glob = ["data/*", "results/*"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites tests/golden_row_counts.csv from the real refresh."""
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden row counts (only on purpose)")

