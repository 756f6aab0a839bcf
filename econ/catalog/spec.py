"""What a catalog entry says about a table: :class:`TableSpec` and schema helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from econ.names import Layer
from econ.schema import Column, TableSchema, col

__all__ = ["TEXT", "TableSpec", "table_schema"]

#: dtype name of text columns
TEXT: Final = "string"


@dataclass(frozen=True)
class TableSpec:
    """How one table is built.

    Parameters
    ----------
    name : str
        ``{core|out}_{source}__{frequency}_{what}``.
    description : str
        One sentence for ``econ tables`` and the report footnotes.
    schema : TableSchema
    builder : str
        ``"module:function"``; the function takes a :class:`econ.context.BuildContext`
        and returns a pandas DataFrame.
    inputs : tuple of str
        Glob patterns relative to ``data/raw`` (see :mod:`econ.manifest`: ``**`` spans
        release folders); each must match at least one listed file.
    references : tuple of str
        Reviewed mapping files in ``econ/etl/reference`` that the builder reads.
    upstream : tuple of str
        Tables the builder reads; they are built first.
    citation : str
        Publisher and dataset, as a report footnote cites it.
    caveats : tuple of str
        Known problems a user of the table must know.
    inputs_optional : bool
        The inputs are releases that ``econ fetch`` brings: while none is listed the
        table is built empty (with a note saying so) instead of failing.
    newest_only : tuple of str
        Patterns among ``inputs`` whose files are whole-file vintages of one publication
        (the file shipped with econ and the releases ``econ fetch`` stored beside it):
        only the newest (:func:`econ.manifest.newest_release`) is read and named in the
        table's provenance; the older ones stay on disk, checked but not read.
    fetched_only : tuple of str
        Patterns among ``inputs`` that name only releases ``econ fetch`` stores (no such
        file is shipped): they may match no listed file, unlike the other patterns.
    """

    name: str
    description: str
    schema: TableSchema
    builder: str
    inputs: tuple[str, ...]
    citation: str
    references: tuple[str, ...] = ()
    upstream: tuple[str, ...] = ()
    caveats: tuple[str, ...] = field(default=())
    inputs_optional: bool = False
    newest_only: tuple[str, ...] = ()
    fetched_only: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        stray = [p for p in (*self.newest_only, *self.fetched_only) if p not in self.inputs]
        if stray:
            raise ValueError(f"catalog: {self.name} qualifies the pattern {stray[0]}, which "
                             "is not one of its inputs")

    @property
    def layer(self) -> Layer:
        """``core`` or ``out``."""
        return "core" if self.name.startswith("core_") else "out"


def table_schema(*columns: Column | str, key: tuple[str, ...], version: int = 1,
            nullable_key: tuple[str, ...] = ()) -> TableSchema:
    """A table's schema: columns by registry name or as :class:`Column`, and its key."""
    resolved = tuple(c if isinstance(c, Column) else col(c) for c in columns)
    return TableSchema(resolved, key, version, nullable_key)
