"""Helpers shared by the fetcher tests (imported as a plain module)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
REAL_RAW = REPO / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class Sleeps(list[float]):
    """A stand-in for time.sleep that records the waits."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (lock files aside) and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".refresh.lock"}
