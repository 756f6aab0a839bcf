"""Size under the series' own null, power against a stated alternative, the decision.

:func:`calibrate` takes a test's observed statistic, the same statistic on series
simulated from the series' own fitted null (:mod:`econ.tsa.simulate`) and, optionally,
on series simulated under a stated alternative. It returns a :class:`Calibration`:

* ``size``: how often the published (asymptotic) rule rejects the simulated null at the
  nominal level: the rule's real size for this series' length, persistence and settings;
* ``basis``: ``"asymptotic"`` when that size is within ``SIZE_BAND`` (3-7% at 5%), else
  ``"bootstrap p-value"`` (tests with p-values) or ``"simulated critical value"``
  (tests with critical values only), and the decision then uses the simulated null;
* ``pvalue_bootstrap``: ``(1 + #{null draws at least as extreme}) / (R + 1)``, a
  parametric bootstrap p-value (Davison and Hinkley 1997, eq. 4.11);
* ``critical_simulated``: the simulated critical value at the nominal level;
* ``power``: how often the rule in force rejects the alternative draws.

A test whose power is below a stated floor is reported but not used for a verdict
(:func:`usable`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from econ.results import Tail

__all__ = ["SIZE_BAND", "Basis", "Calibration", "calibrate", "usable"]

Basis = Literal["asymptotic", "simulated critical value", "bootstrap p-value",
                "selection rule"]
SIZE_BAND = (0.03, 0.07)


@dataclass(frozen=True)
class Calibration:
    """A test's simulated size and power and the decision that follows (see module).

    ``null_quantiles`` are the simulated null's quantiles at ``nominal`` and
    ``1 - nominal`` (for a studentized statistic: the bootstrap-t interval).
    """

    nominal: float
    size: float
    basis: Basis
    pvalue_bootstrap: float
    critical_simulated: float
    power: float
    alternative: str
    null: str
    n_sim: int
    reject: bool | None
    null_quantiles: tuple[float, float] = (math.nan, math.nan)

    @property
    def size_ok(self) -> bool:
        """True when the simulated size is inside ``SIZE_BAND`` (scaled to the level)."""
        low, high = (bound * self.nominal / 0.05 for bound in SIZE_BAND)
        return low <= self.size <= high


def _extreme(values: np.ndarray, statistic: float, tail: Tail) -> np.ndarray:
    return values >= statistic if tail == "upper" else values <= statistic


def calibrate(statistic: float, null: np.ndarray, *, tail: Tail,
              rule: Callable[[np.ndarray], np.ndarray], has_pvalue: bool = True,
              alternative: np.ndarray | None = None, level: float = 0.05,
              null_text: str = "", alternative_text: str = "") -> Calibration:
    """Size, bootstrap p-value, simulated critical value, power and the decision.

    Parameters
    ----------
    statistic : float
        The observed statistic.
    null : ndarray
        The statistic on series simulated under the null (NaN draws are dropped).
    tail : {"upper", "lower"}
        Which tail rejects.
    rule : callable
        The published decision, elementwise: statistics -> rejects at ``level``.
    has_pvalue : bool
        The test has an asymptotic p-value (else only critical values).
    alternative : ndarray, optional
        The statistic on series simulated under the stated alternative.
    level : float
        Nominal size.
    null_text, alternative_text : str
        The simulated null and alternative in words.

    Returns
    -------
    Calibration

    Examples
    --------
    >>> null = np.random.default_rng(0).standard_normal(999) * 2  # a too-wide null
    >>> cal = calibrate(2.5, null, tail="upper", rule=lambda s: s > 1.645)
    >>> cal.basis, cal.reject, round(cal.size, 2)
    ('bootstrap p-value', False, 0.18)
    """
    null = null[np.isfinite(null)]
    observed = bool(rule(np.array([statistic]))[0]) if math.isfinite(statistic) else None
    size = float(np.mean(rule(null))) if len(null) else math.nan
    p_boot = float((1 + np.sum(_extreme(null, statistic, tail))) / (len(null) + 1))
    q = 1 - level if tail == "upper" else level
    critical = float(np.quantile(null, q)) if len(null) else math.nan
    low, high = (bound * level / 0.05 for bound in SIZE_BAND)
    basis: Basis = ("asymptotic" if low <= size <= high or not len(null) else
                    "bootstrap p-value" if has_pvalue else "simulated critical value")

    def decide(values: np.ndarray) -> np.ndarray:
        if basis == "asymptotic":
            return rule(values)
        return np.asarray(_extreme(values, critical, tail) & (values != critical), dtype=float)

    reject = observed
    if basis != "asymptotic" and observed is not None:
        reject = p_boot < level if has_pvalue else bool(decide(np.array([statistic]))[0])
    power = math.nan
    if alternative is not None and len(alternative):
        power = float(np.mean(decide(alternative[np.isfinite(alternative)])))
    quantiles = (float(np.quantile(null, level)), float(np.quantile(null, 1 - level))) \
        if len(null) else (math.nan, math.nan)
    return Calibration(nominal=level, size=size, basis=basis, pvalue_bootstrap=p_boot,
                       critical_simulated=critical, power=power,
                       alternative=alternative_text, null=null_text, n_sim=len(null),
                       reject=reject, null_quantiles=quantiles)


def usable(calibration: Calibration | None, power_floor: float) -> bool:
    """True when a calibrated test may enter a verdict: its power reaches the floor.

    Examples
    --------
    >>> cal = calibrate(3.0, np.zeros(9), tail="upper", rule=lambda s: s > 1.0,
    ...                 alternative=np.r_[np.zeros(8), 5.0])
    >>> round(cal.power, 2), usable(cal, 0.5)
    (0.11, False)
    """
    if calibration is None:
        return True
    return not (math.isfinite(calibration.power) and calibration.power < power_floor)
