"""The few exception and warning classes of ``econ``, with their message templates.

Every message names the place (file, sheet, row, column, table or argument), says what
was expected and what was found, and how to get out of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ArgumentError",
    "DataCaveatWarning",
    "EconError",
    "LockHeldError",
    "MirrorDataWarning",
    "RawDataError",
    "SchemaError",
    "TableReadError",
    "UnknownTableError",
    "column_letter",
]


def _restore(cls: type[BaseException], args: tuple[object, ...], state: dict[str, object]
             ) -> BaseException:
    """Rebuild an error from its message and attributes, without calling ``__init__``."""
    error = cls.__new__(cls)
    BaseException.__init__(error, *args)
    error.__dict__.update(state)
    return error


class EconError(Exception):
    """Base class of the errors raised by ``econ``.

    Errors pickle with their message and attributes, so one raised in a worker process
    reaches the user unchanged (file, sheet, row and column included).
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_restore, (type(self), self.args, dict(self.__dict__)))


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 -> 'A', 27 -> 'AB')."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class _Where:
    path: str
    sheet: str | None
    row: int | None
    column: str | None

    def __str__(self) -> str:
        parts = [self.path]
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


class RawDataError(EconError, ValueError):
    """A raw file does not look as its loader expects.

    Parameters
    ----------
    path : str or Path
        The raw file (shown relative to ``data/raw`` when possible).
    expected, found : str
        What the loader expected at that place and what it found.
    sheet : str, optional
        Worksheet name.
    row : int, optional
        1-based row number as a spreadsheet or text editor shows it.
    column : str, optional
        Column letter or column name.
    hint : str, optional
        How to fix it.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        expected: str,
        found: str,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = str(path)
        self.where = _Where(self.path, sheet, row, column)
        self.expected = expected
        self.found = found
        self.hint = hint
        message = f"{self.where}: expected {expected}, found {found}."
        if hint:
            message += f" {hint}"
        super().__init__(message)


class SchemaError(EconError, ValueError):
    """A table does not match its declared schema (columns, dtypes, keys)."""

    def __init__(self, table: str, problem: str, offending: str | None = None) -> None:
        self.table = table
        self.problem = problem
        self.offending = offending
        message = f"table {table}: {problem}"
        if offending:
            message += f"\n{offending}"
        super().__init__(message)


class UnknownTableError(EconError, KeyError):
    """A table name that the catalog does not know, or that has not been built."""

    def __str__(self) -> str:
        return str(self.args[0])


class ArgumentError(EconError, ValueError):
    """An argument of an ``econ`` function or command is not what it accepts."""

    def __init__(self, argument: str, expected: str, found: str) -> None:
        self.argument = argument
        self.expected = expected
        self.found = found
        super().__init__(f"argument {argument}: expected {expected}, found {found}")


class TableReadError(EconError, OSError):
    """A built table's Parquet file cannot be read (damaged, truncated, not Parquet)."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: cannot read this econ table ({problem}). Run `econ "
                         "refresh` to rebuild it (a damaged table is treated as stale).")

    def __str__(self) -> str:
        return str(self.args[0])


class LockHeldError(EconError, RuntimeError):
    """Another ``econ refresh`` holds the lock on ``data/processed``."""


class DataCaveatWarning(UserWarning):
    """A number is computed, but on data with a documented caveat."""


class MirrorDataWarning(DataCaveatWarning):
    """A value uses partner-reported (mirror) data in place of the reporter's own."""
