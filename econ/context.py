"""The build contract: what a table's builder receives and may read.

Loaders (``econ/etl``) and answers (``econ/analysis``) depend on this module, never on the
engine (``econ.refresh``) that creates the context.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from econ.pairs import DEFAULT_PAIRS, Pair
from econ.paths import REFERENCE_DIR, Paths
from econ.store import read_frame

if TYPE_CHECKING:
    import pandas as pd

    from econ.catalog.spec import TableSpec

__all__ = ["BuildContext", "InputFile"]


@dataclass(frozen=True)
class InputFile:
    """One file a table was built from."""

    path: str
    sha256: str
    bytes: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form stored in the Parquet metadata."""
        return {"path": self.path, "sha256": self.sha256, "bytes": self.bytes}


@dataclass
class BuildContext:
    """What a builder may read: its declared input files and upstream tables.

    Parameters
    ----------
    spec : TableSpec
    paths : Paths
    inputs : list of InputFile
        Files matched by the spec's input patterns, relative to ``data/raw``.
    pairs : tuple of Pair
        The pairs answers are built for (``econ.pairs.configured_pairs``).
    notes : list of str
        Filled by the builder with data notes (e.g. duplicate rows dropped); stored in the
        table's provenance.
    """

    spec: TableSpec
    paths: Paths
    inputs: list[InputFile]
    pairs: tuple[Pair, ...] = DEFAULT_PAIRS
    notes: list[str] = field(default_factory=list)

    def files(self, pattern: str | None = None) -> list[Path]:
        """Absolute paths of the input files, optionally those matching ``pattern``."""
        chosen = [i.path for i in self.inputs if not i.path.startswith("econ/")]
        if pattern is not None:
            chosen = [p for p in chosen if Path(p).match(pattern)]
        return [self.paths.raw / p for p in chosen]

    def file(self, relative: str) -> Path:
        """Absolute path of one declared input file (relative to ``data/raw``)."""
        if relative not in {i.path for i in self.inputs}:
            raise KeyError(f"{relative} is not an input of {self.spec.name}; declare it in "
                           "its econ/catalog entry")
        return self.paths.raw / relative

    def reference(self, name: str) -> Path:
        """Path of a reviewed reference file declared by the spec."""
        if name not in self.spec.references:
            raise KeyError(f"{name} is not a reference of {self.spec.name}")
        return REFERENCE_DIR / name

    def table(self, name: str, **kwargs: Any) -> pd.DataFrame:
        """Read an upstream table (must be listed in the spec's ``upstream``)."""
        if name not in self.spec.upstream:
            raise KeyError(f"{name} is not upstream of {self.spec.name}; declare it")
        return read_frame(self.paths.table_path(name), **kwargs)

    def note(self, text: str) -> None:
        """Record a data note in the table's provenance."""
        self.notes.append(text)
