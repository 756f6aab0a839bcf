"""Where the raw data, the processed tables and the reports live.

The project root is, in order of preference: the ``root`` argument, the ``ECON_ROOT``
environment variable, the nearest folder at or above the working directory that holds
``data/raw``, and the folder above the installed package (an editable install).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["REFERENCE_DIR", "Paths", "resolve_paths"]

#: reviewed mapping files shipped with the package (see its README)
REFERENCE_DIR = Path(__file__).resolve().parent / "etl" / "reference"


@dataclass(frozen=True)
class Paths:
    """The folders of one ``econ`` project.

    Parameters
    ----------
    root : Path
        Project root: holds ``data/raw``, ``data/processed`` and ``reports``.
    """

    root: Path

    @property
    def data(self) -> Path:
        """``data/``: raw files, processed tables and the project's pair list."""
        return self.root / "data"

    @property
    def raw(self) -> Path:
        """Immutable raw files, byte-for-byte as published."""
        return self.data / "raw"

    @property
    def processed(self) -> Path:
        """Parquet tables built by ``econ refresh``."""
        return self.data / "processed"

    @property
    def reports(self) -> Path:
        """Report output written by ``econ report``."""
        return self.root / "reports"

    def dataset(self, name: str) -> Path:
        """Folder of a partitioned core dataset (``data/processed/core/<name>``)."""
        return self.processed / "core" / name

    def table_path(self, name: str) -> Path:
        """Parquet file of table ``name`` (``core_*`` and ``out_*`` live in sub-folders)."""
        layer = name.lstrip("_").split("_", 1)[0]
        return self.processed / layer / f"{name}.parquet"


def _find_upward(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / "data" / "raw").is_dir():
            return folder
    return None


def resolve_paths(root: str | os.PathLike[str] | None = None) -> Paths:
    """Return the project's :class:`Paths`.

    Parameters
    ----------
    root : path-like, optional
        Explicit project root. Without it, ``ECON_ROOT``, then the working directory and
        its parents, then the source checkout of the package are tried.

    Returns
    -------
    Paths

    Raises
    ------
    FileNotFoundError
        If no folder with ``data/raw`` can be found.

    Examples
    --------
    >>> resolve_paths("/srv/econ").raw
    PosixPath('/srv/econ/data/raw')
    """
    if root is not None:
        return Paths(Path(root).resolve())
    env = os.environ.get("ECON_ROOT")
    if env:
        return Paths(Path(env).resolve())
    found = _find_upward(Path.cwd().resolve())
    if found is None:
        found = _find_upward(Path(__file__).resolve().parent)
    if found is None:
        raise FileNotFoundError(
            "cannot find the econ project root: no 'data/raw' folder in the working "
            "directory or its parents. Run from the project checkout or set ECON_ROOT."
        )
    return Paths(found)
