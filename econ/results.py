"""Small immutable results objects shared by tests and models.

A result has labelled numbers (``statistic``, ``pvalue``, ``params`` ...), a one-line
``null_hypothesis`` in words where it is a test, ``summary()`` (text), ``to_frame()`` (one
tidy row per quantity), ``__str__`` equal to the summary and ``_repr_html_`` for notebooks.
A test that cannot run on the data returns a result whose ``reason`` says why, with
missing numbers, rather than raising deep inside a library.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Results", "Tail", "TestResult", "format_number", "format_pvalue",
           "format_statistic"]

Tail = Literal["upper", "lower"]
_NOT_AVAILABLE = "n/a"


def format_number(value: Any) -> str:
    """A number as a reader wants it: 4 significant digits, no 17-digit floats."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-3):
            return f"{value:.4g}"
        return f"{value:.4f}".rstrip("0").rstrip(".") if abs(value) < 1e4 else f"{value:,.1f}"
    return str(value)


def format_pvalue(value: float | None, *, bounded: bool = False) -> str:
    """A p-value as a reader wants it: two significant digits, ``"< 0.001"`` below.

    Parameters
    ----------
    value : float or None
        The p-value; None or NaN print as ``"n/a"``.
    bounded : bool
        The value is the edge of a table (KPSS interpolates in [0.01, 0.10]): the true
        p-value is beyond it, so it prints as an inequality (``"< 0.01"``, ``"> 0.10"``).

    Examples
    --------
    >>> format_pvalue(1.526e-20), format_pvalue(0.0369), format_pvalue(0.5)
    ('< 0.001', '0.037', '0.50')
    >>> format_pvalue(0.01, bounded=True), format_pvalue(0.1, bounded=True)
    ('< 0.01', '> 0.10')
    """
    if value is None or math.isnan(value):
        return _NOT_AVAILABLE
    if bounded:
        return f"< {value:.2f}" if value <= 0.05 else f"> {value:.2f}"
    if value < 0.001:
        return "< 0.001"
    return f"{value:#.2g}".rstrip(".")


def format_statistic(value: float | None, *, digits: int | None = None) -> str:
    """A statistic or estimate to 2-3 decimals: 3 below 10 in size, 2 from 10 up.

    Parameters
    ----------
    value : float or None
        The number; None or NaN print as ``"n/a"``, infinities as ``"inf"``/``"-inf"``.
    digits : int, optional
        Fixed number of decimals instead of the rule (e.g. 1 for half-lives).

    Examples
    --------
    >>> format_statistic(15.4943), format_statistic(-4.472003), format_statistic(0.26095)
    ('15.49', '-4.472', '0.261')
    >>> format_statistic(4.7203, digits=1), format_statistic(float("inf"))
    ('4.7', 'inf')
    """
    if value is None or math.isnan(value):
        return _NOT_AVAILABLE
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if digits is None:
        digits = 3 if abs(value) < 10 else 2
    rounded = round(value, digits) or 0.0  # no "-0.000"
    return f"{rounded:,.{digits}f}"


class Results:
    """Base class: subclasses provide ``title`` and ``_items()``.

    ``_items()`` yields ``(section, quantity, value)`` triples; ``summary()`` and
    ``to_frame()`` are derived from them so the two never disagree.
    """

    title: str = "Results"

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        raise NotImplementedError

    def to_frame(self) -> pd.DataFrame:
        """One tidy row per quantity: ``section, quantity, value``."""
        import pandas as pd

        return pd.DataFrame(list(self._items()), columns=["section", "quantity", "value"])

    def summary(self) -> str:
        """Plain-text summary, one quantity per line, grouped by section."""
        lines = [self.title, "=" * len(self.title)]
        current = None
        for section, quantity, value in self._items():
            if section != current:
                if current is not None:
                    lines.append("")
                if section:
                    lines.append(f"{section}:")
                current = section
            lines.append(f"  {quantity:<28} {format_number(value)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(str(s))}</td><td>{html.escape(str(q))}</td>"
            f"<td>{html.escape(format_number(v))}</td></tr>"
            for s, q, v in self._items()
        )
        return (f"<table><caption>{html.escape(self.title)}</caption>"
                f"<tr><th>section</th><th>quantity</th><th>value</th></tr>{rows}</table>")


@dataclass(frozen=True, repr=False)
class TestResult(Results):
    """Outcome of one statistical test.

    Parameters
    ----------
    test : str
        Name of the test, e.g. ``"ADF"``.
    statistic : float
        Test statistic (nan when the test could not run).
    pvalue : float or None
        p-value where the test has one.
    null_hypothesis : str
        The null hypothesis in words.
    critical_values : mapping, optional
        Critical values by level, e.g. ``{"5%": -2.86}``.
    lags : int, optional
        Lags used.
    deterministic : str, optional
        Deterministic terms (``"n"``, ``"c"``, ``"ct"`` ...).
    nobs : int, optional
        Observations used.
    params : mapping, optional
        Other labelled estimates (break dates, coefficients ...).
    reason : str, optional
        Why the test could not run on the data; None when it ran.
    tail : {"upper", "lower"}
        Which tail rejects: ``"lower"`` for tests that reject for small statistics
        (ADF, Zivot-Andrews, Engle-Granger); used when only critical values exist.
    """

    __test__ = False  # not a pytest test class

    test: str
    statistic: float
    pvalue: float | None
    null_hypothesis: str
    critical_values: Mapping[str, float] = field(default_factory=dict)
    lags: int | None = None
    deterministic: str | None = None
    nobs: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    reason: str | None = None
    tail: Tail = "upper"

    @property
    def title(self) -> str:  # type: ignore[override]
        """Heading of the summary: the test's name."""
        return f"{self.test} test"

    @property
    def ran(self) -> bool:
        """True when the test ran on the data."""
        return self.reason is None

    def reject(self, level: float = 0.05) -> bool | None:
        """Whether the null is rejected at ``level``.

        From the p-value; without one, from the critical value at ``level`` (if given)
        in the direction of ``tail``. None when neither decides, or the statistic is
        missing.
        """
        if not self.ran or math.isnan(self.statistic):
            return None
        if self.pvalue is not None and not math.isnan(self.pvalue):
            return self.pvalue < level
        critical = self.critical_values.get(f"{level:.0%}")
        if critical is None or math.isnan(critical):
            return None
        return self.statistic < critical if self.tail == "lower" else self.statistic > critical

    @classmethod
    def not_run(cls, test: str, null_hypothesis: str, reason: str, **kwargs: Any
                ) -> TestResult:
        """A result for a test that cannot run on the data, saying why."""
        return cls(test=test, statistic=math.nan, pvalue=None,
                   null_hypothesis=null_hypothesis, reason=reason, **kwargs)

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        yield "", "null hypothesis", self.null_hypothesis
        if self.reason is not None:
            yield "", "not run", self.reason
            return
        yield "", "statistic", self.statistic
        if self.pvalue is not None:
            yield "", "p-value", self.pvalue
        yield "", "rejects in the tail", self.tail
        for key, value in (("lags", self.lags), ("deterministic", self.deterministic),
                           ("nobs", self.nobs)):
            if value is not None:
                yield "", key, value
        for level, critical in self.critical_values.items():
            yield "critical values", level, critical
        for key, value in self.params.items():
            yield "estimates", key, value
