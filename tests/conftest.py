"""Shared fixtures: a throw-away project whose DOTS workbooks are tiny made-up files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REAL_RAW = REPO / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "data"


def copy_raw(root: Path, *, dots: list[Path] | None = None) -> Path:
    """Make ``root/data/raw`` from the real raw files, with fixture DOTS workbooks.

    Every raw folder but the 235 DOTS workbooks is copied (a few MB); the DOTS folder
    gets ``dots`` (default: the two tiny fixture workbooks).
    """
    raw = root / "data" / "raw"
    shutil.copytree(REAL_RAW, raw, ignore=shutil.ignore_patterns("DOTS_*.xlsx"))
    for path in dots if dots is not None else sorted((FIXTURES / "dots").glob("*.xlsx")):
        shutil.copy(path, raw / "imf_dots_annual_xlsx" / path.name)
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
