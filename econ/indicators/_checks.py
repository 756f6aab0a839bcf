"""Argument checks and guarded arithmetic shared by the indicator modules.

An indicator never returns a silent 0 or inf: a division by zero gives NaN and one
:class:`~econ.errors.DataCaveatWarning` that says how many values and why; a frame that
cannot be used raises ``ValueError`` naming the argument, what was expected and found.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from econ.errors import DataCaveatWarning

__all__ = [
    "caveat",
    "check_frame",
    "check_shares",
    "divide",
    "drop_group_keys",
    "group_keys",
    "sum_by",
]

_ALL = "_all_rows"


def caveat(message: str) -> None:
    """Issue a :class:`DataCaveatWarning` attributed to the caller's caller."""
    warnings.warn(message, DataCaveatWarning, stacklevel=3)


def _first_row(frame: pd.DataFrame, mask: pd.Series, columns: Iterable[str]) -> str:
    row = frame.loc[mask, list(columns)].iloc[0]
    return ", ".join(f"{k}={v!r}" for k, v in row.items())


def check_frame(frame: pd.DataFrame, *, argument: str, keys: Sequence[str],
                values: Sequence[str]) -> None:
    """Raise ``ValueError`` unless ``frame`` has rows, the columns, and values >= 0.

    Parameters
    ----------
    frame : DataFrame
        The argument to check.
    argument : str
        Its name in the calling function, for the message.
    keys, values : sequence of str
        Columns that must exist; ``values`` must be numeric and never negative
        (missing values are allowed: the indicators turn them into NaN with a warning).

    Examples
    --------
    >>> check_frame(pd.DataFrame({"year": [2020], "value_usd": [1.0]}), argument="flows",
    ...             keys=["year"], values=["value_usd"])
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"argument '{argument}': expected a pandas DataFrame, "
                        f"found {type(frame).__name__}")
    missing = [c for c in [*keys, *values] if c not in frame.columns]
    if missing:
        raise ValueError(f"argument '{argument}': missing column(s) {missing}; found "
                         f"{list(frame.columns)}. Rename the columns or pass their names "
                         "with the keyword options.")
    if frame.empty:
        raise ValueError(f"argument '{argument}': expected rows, found an empty frame. "
                         "Check the filters that made it.")
    for column in values:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            raise ValueError(f"argument '{argument}': column '{column}' must be numeric, "
                             f"found dtype {frame[column].dtype}")
        negative = frame[column] < 0
        if negative.any():
            raise ValueError(
                f"argument '{argument}': column '{column}' must be >= 0 (trade values), "
                f"found {int(negative.sum())} negative value(s), first at "
                f"{_first_row(frame, negative, [*keys, column])}. Net flows or balances "
                "are not trade values: pass gross exports or imports.")


def check_shares(frame: pd.DataFrame, column: str, *, argument: str,
                 keys: Sequence[str]) -> None:
    """Raise ``ValueError`` when a share lies outside [0, 1].

    Examples
    --------
    >>> check_shares(pd.DataFrame({"share": [0.2, 1.0]}), "share", argument="shares", keys=[])
    """
    outside = (frame[column] < 0) | (frame[column] > 1)
    if outside.any():
        raise ValueError(
            f"argument '{argument}': column '{column}' must hold shares between 0 and 1, "
            f"found {int(outside.sum())} outside, first at "
            f"{_first_row(frame, outside, [*keys, column])}. Percentages must be divided "
            "by 100.")


def divide(numerator: pd.Series | np.ndarray, denominator: pd.Series | np.ndarray, *,
           what: str) -> np.ndarray:
    """``numerator / denominator``; NaN (with one warning) where it is not finite.

    Parameters
    ----------
    numerator, denominator : array-like
        Same length.
    what : str
        What the quotient is, for the warning (e.g. ``"HHI: total trade of a group"``).

    Returns
    -------
    ndarray of float
        The quotient; NaN where the denominator is zero or missing, or the quotient
        overflows.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True):
    ...     divide(np.array([1.0, 1.0]), np.array([2.0, 0.0]), what="test").tolist()
    [0.5, nan]
    """
    num = np.asarray(numerator, dtype="float64")
    den = np.asarray(denominator, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = num / den
    zero = int((den == 0).sum())
    overflow = int((np.isinf(out) & (den != 0)).sum())
    out[~np.isfinite(out)] = np.nan
    if zero or overflow:
        caveat(f"{what}: {zero} value(s) divide by zero"
               + (f" and {overflow} overflow" if overflow else "")
               + " and are set to NaN")
    return np.asarray(out, dtype="float64")


def sum_by(frame: pd.DataFrame, keys: Sequence[str], values: Sequence[str]) -> pd.DataFrame:
    """Sum ``values`` within ``keys``; a group with a missing value stays missing.

    Examples
    --------
    >>> sum_by(pd.DataFrame({"k": ["a", "a"], "v": [1.0, 2.0]}), ["k"], ["v"])
       k    v
    0  a  3.0
    """
    data = frame[[*keys, *values]]
    group = dict(sort=True, observed=True, dropna=False)
    sums = data.groupby(list(keys), **group)[list(values)].sum()
    missing = data[list(values)].isna().groupby([data[k] for k in keys], **group).any()
    return sums.mask(missing).reset_index()


def group_keys(frame: pd.DataFrame, by: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """The frame and its group keys; with no keys, one constant key for the whole frame.

    Pair with :func:`drop_group_keys` on the result.

    Examples
    --------
    >>> group_keys(pd.DataFrame({"v": [1.0]}), ())[1]
    ['_all_rows']
    """
    keys = list(by)
    if keys:
        return frame, keys
    return frame.assign(**{_ALL: 0}), [_ALL]


def drop_group_keys(result: pd.DataFrame) -> pd.DataFrame:
    """Remove the constant key :func:`group_keys` added, if any.

    Examples
    --------
    >>> list(drop_group_keys(pd.DataFrame({"_all_rows": [0], "hhi": [1.0]})).columns)
    ['hhi']
    """
    return result.drop(columns=[_ALL], errors="ignore")
