"""Bilateral balance indicators: normalised balance, log ratio, coverage ratio.

For a country's exports X to, and imports M from, a partner:

* normalised balance (X − M)/(X + M), in [−1, 1]; 0 is balanced trade;
* log ratio ln(X/M); 0 is balanced trade, symmetric in X and M;
* coverage ratio X/M; 1 is balanced trade.

Zero or negative flows give NaN with a :class:`econ.errors.DataCaveatWarning`, never a
silent 0 or inf.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from econ.errors import DataCaveatWarning

__all__ = ["balance_indicators", "coverage_ratio", "log_ratio", "normalised_balance"]


def _clean(exports: pd.Series, imports: pd.Series, what: str) -> tuple[pd.Series, pd.Series]:
    x = pd.to_numeric(pd.Series(exports), errors="raise").astype("float64")
    m = pd.to_numeric(pd.Series(imports), errors="raise").astype("float64")
    bad = (x < 0) | (m < 0)
    if bad.any():
        warnings.warn(f"{what}: {int(bad.sum())} negative flows set to NaN", DataCaveatWarning,
                      stacklevel=3)
        x, m = x.mask(bad), m.mask(bad)
    return x, m


def normalised_balance(exports: pd.Series, imports: pd.Series) -> pd.Series:
    """(X − M)/(X + M), NaN where X + M is 0.

    Examples
    --------
    >>> normalised_balance(pd.Series([60.0]), pd.Series([40.0])).tolist()
    [0.2]
    """
    x, m = _clean(exports, imports, "normalised_balance")
    total = x + m
    if (total == 0).any():
        warnings.warn("normalised_balance: zero trade gives NaN", DataCaveatWarning,
                      stacklevel=2)
    return (x - m) / total.where(total != 0)


def log_ratio(exports: pd.Series, imports: pd.Series) -> pd.Series:
    """ln(X/M), NaN where X or M is 0.

    Examples
    --------
    >>> float(round(log_ratio(pd.Series([60.0]), pd.Series([40.0])).iloc[0], 6))
    0.405465
    """
    x, m = _clean(exports, imports, "log_ratio")
    zero = (x == 0) | (m == 0)
    if zero.any():
        warnings.warn("log_ratio: a zero flow gives NaN", DataCaveatWarning, stacklevel=2)
    return np.log(x.where(~zero) / m.where(~zero))


def coverage_ratio(exports: pd.Series, imports: pd.Series) -> pd.Series:
    """X/M, NaN where M is 0.

    Examples
    --------
    >>> coverage_ratio(pd.Series([60.0]), pd.Series([40.0])).tolist()
    [1.5]
    """
    x, m = _clean(exports, imports, "coverage_ratio")
    if (m == 0).any():
        warnings.warn("coverage_ratio: zero imports give NaN", DataCaveatWarning, stacklevel=2)
    return x / m.where(m != 0)


def balance_indicators(frame: pd.DataFrame, *, exports: str = "exports_usd",
                       imports: str = "imports_usd") -> pd.DataFrame:
    """Add ``normalised_balance``, ``log_ratio`` and ``coverage_ratio`` columns.

    Parameters
    ----------
    frame : DataFrame
        One row per period with an exports and an imports column.
    exports, imports : str
        Column names.

    Examples
    --------
    >>> balance_indicators(pd.DataFrame({"exports_usd": [3.0], "imports_usd": [1.0]}))
       exports_usd  imports_usd  normalised_balance  log_ratio  coverage_ratio
    0          3.0          1.0                 0.5   1.098612             3.0
    """
    out = frame.copy()
    out["normalised_balance"] = normalised_balance(out[exports], out[imports]).to_numpy()
    out["log_ratio"] = log_ratio(out[exports], out[imports]).to_numpy()
    out["coverage_ratio"] = coverage_ratio(out[exports], out[imports]).to_numpy()
    return out
