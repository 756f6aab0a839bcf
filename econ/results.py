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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Results", "TestResult", "format_number"]


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

    @property
    def title(self) -> str:  # type: ignore[override]
        return f"{self.test} test"

    @property
    def ran(self) -> bool:
        """True when the test ran on the data."""
        return self.reason is None

    def reject(self, level: float = 0.05) -> bool | None:
        """Whether the null is rejected at ``level`` (None if no p-value)."""
        if self.pvalue is None or not self.ran or math.isnan(self.pvalue):
            return None
        return self.pvalue < level

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
        for key, value in (("lags", self.lags), ("deterministic", self.deterministic),
                           ("nobs", self.nobs)):
            if value is not None:
                yield "", key, value
        for level, value in self.critical_values.items():
            yield "critical values", level, value
        for key, value in self.params.items():
            yield "estimates", key, value
