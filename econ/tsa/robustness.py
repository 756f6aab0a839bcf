"""Does the verdict depend on choices it does not show? Rerun it under every one.

:func:`robustness` runs the headline of :func:`~econ.tsa.battery.convergence_battery`
(the break selection and the balance state of the latest regime) for every
specification of a full-factorial grid: data choices (e.g. reporter basis, CIF/FOB
factor: whatever ``make_series`` takes) and test choices (``lag_rule``,
``break_rule``, ``seasonal_adjust``). It returns :class:`RobustnessResults`: one row
per specification, how many reach each state, and for every dimension its *flip rate*:
the share of pairs of specifications differing only in that dimension whose states
differ. The dimension with the highest flip rate is the choice that matters most.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from econ.results import Results
from econ.tsa._data import date_label
from econ.tsa.battery import convergence_battery

__all__ = ["TEST_CHOICES", "RobustnessResults", "choice_words", "flip_rates", "robustness",
           "specification_grid"]

TEST_CHOICES = ("lag_rule", "break_rule", "seasonal_adjust")
_STATES = ("within_band", "outside_band", "undetermined")
_WORDS = {"within_band": "within the band", "outside_band": "outside the band",
          "undetermined": "undetermined"}
_CHOICE_WORDS = {"basis": "the reporting side", "cif_fob_factor": "the CIF/FOB factor",
                 "lag_rule": "the lag rule", "break_rule": "the break rule",
                 "seasonal_adjust": "seasonal adjustment"}


def choice_words(dimension: str) -> str:
    """A specification choice in words.

    Examples
    --------
    >>> choice_words("cif_fob_factor"), choice_words("other_choice")
    ('the CIF/FOB factor', 'other choice')
    """
    return _CHOICE_WORDS.get(dimension, dimension.replace("_", " "))


def specification_grid(**choices: Sequence[Any]) -> list[dict[str, Any]]:
    """Every combination of the choices, in order (the first varies slowest).

    Examples
    --------
    >>> specification_grid(basis=["a", "b"], lag_rule=["aic"])
    [{'basis': 'a', 'lag_rule': 'aic'}, {'basis': 'b', 'lag_rule': 'aic'}]
    """
    names = list(choices)
    return [dict(zip(names, values, strict=True))
            for values in itertools.product(*(choices[n] for n in names))]


def flip_rates(table: pd.DataFrame, dimensions: Sequence[str], *, column: str = "state"
               ) -> pd.Series:
    """Share of specification pairs differing only in one dimension whose states differ.

    Examples
    --------
    >>> t = pd.DataFrame({"a": [1, 1, 2, 2], "b": ["x", "y", "x", "y"],
    ...                   "state": ["in", "in", "out", "out"]})
    >>> flip_rates(t, ["a", "b"]).to_dict()
    {'a': 1.0, 'b': 0.0}
    """
    rates = {}
    for dimension in dimensions:
        others = [d for d in dimensions if d != dimension and table[d].nunique() > 1]
        groups = table.groupby(others, dropna=False) if others else [((), table)]
        pairs = flips = 0
        for _, group in groups:
            states = group[column].tolist()
            for i, j in itertools.combinations(range(len(states)), 2):
                pairs += 1
                flips += states[i] != states[j]
        rates[dimension] = flips / pairs if pairs else float("nan")
    return pd.Series(rates, name="flip_rate")


@dataclass(frozen=True, repr=False)
class RobustnessResults(Results):
    """The headline under every specification, agreement counts and flip rates."""

    title = "Robustness of the balance verdict"
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    dimensions: tuple[str, ...] = ()
    flips: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))

    @property
    def counts(self) -> dict[str, int]:
        """Number of specifications in each state."""
        found = self.table["state"].value_counts()
        return {state: int(found.get(state, 0)) for state in _STATES}

    @property
    def matters_most(self) -> str | None:
        """The dimension whose change alone most often changes the state."""
        varied = self.flips.dropna()
        return None if varied.empty or varied.max() == 0 else str(varied.idxmax())

    def headline(self) -> str:
        """E.g. ``"within the band in 11 of 16 specifications (...)"``."""
        total = len(self.table)
        counts = self.counts
        first = max(_STATES, key=lambda s: counts[s])
        rest = ", ".join(f"{_WORDS[s]} in {counts[s]}" for s in _STATES if s != first)
        text = f"{_WORDS[first]} in {counts[first]} of {total} specifications ({rest})"
        if self.matters_most is None:
            return f"{text}; no single choice changes the state"
        return (f"{text}; the choice that matters most is {choice_words(self.matters_most)}"
                f" (changing it alone changes the state in "
                f"{self.flips[self.matters_most]:.0%} of cases)")

    def to_frame(self) -> pd.DataFrame:
        """One row per specification."""
        return self.table.copy()

    def _items(self) -> Iterable[tuple[str, str, Any]]:
        for state, count in self.counts.items():
            yield "specifications", state, count
        for dimension, rate in self.flips.items():
            yield "flip rate", str(dimension), rate
        yield "", "headline", self.headline()


def robustness(make_series: Callable[[Mapping[str, Any]], pd.Series],
               grid: Sequence[Mapping[str, Any]], **battery: Any) -> RobustnessResults:
    """The battery's headline for every specification of ``grid``.

    Parameters
    ----------
    make_series : callable
        Specification -> the balance series (it reads the data choices, e.g. basis
        and CIF/FOB factor; a series is built once per distinct data choice).
    grid : sequence of mappings
        The specifications (:func:`specification_grid`); keys in
        :data:`TEST_CHOICES` go to the battery, the others to ``make_series``.
    **battery
        Other :func:`convergence_battery` options, the same for every specification.

    Returns
    -------
    RobustnessResults

    Examples
    --------
    >>> import numpy as np
    >>> noise = np.random.default_rng(0).normal(0, 0.02, 40)
    >>> make = lambda spec: pd.Series(noise + spec["shift"], index=range(1981, 2021))
    >>> out = robustness(make, specification_grid(shift=[0.0, 0.3], lag_rule=["aic"]),
    ...                  n_sim=49)
    >>> out.table["state"].tolist(), out.matters_most
    (['within_band', 'outside_band'], 'shift')
    """
    data_keys = [k for k in (grid[0] if grid else {}) if k not in TEST_CHOICES]
    made: dict[tuple[Any, ...], pd.Series] = {}
    rows = []
    for spec in grid:
        key = tuple(spec[k] for k in data_keys)
        if key not in made:
            made[key] = make_series(spec)
        options = {k: spec[k] for k in TEST_CHOICES if k in spec}
        out = convergence_battery(made[key], scope="headline", **options, **battery)
        clause = out.clauses[0]  # the headline scope makes the headline clause only
        rows.append({**spec, "sample_start": date_label(clause.sample_start),
                     "sample_end": date_label(clause.sample_end),
                     "n_breaks": len(out.breaks), "state": clause.state,
                     "mean_balance": clause.estimate, "ci_lower": clause.ci_lower,
                     "ci_upper": clause.ci_upper, "tost_basis": out.table.set_index("id")
                     .loc[f"{clause.sample}:tost", "decision_basis"], "text": clause.text})
    table = pd.DataFrame(rows)
    dimensions = tuple(grid[0]) if grid else ()
    return RobustnessResults(table=table, dimensions=dimensions,
                             flips=flip_rates(table, list(dimensions)))
