"""Named, documented changes to a trade flow, applied to simulated flow paths.

A scenario changes Russia's exports to or imports from its partner over the forecast
periods; applied to the joint flow paths of a flow model (:class:`econ.forecast.VECM`)
it gives the scenario's balance paths, hence its mean, intervals and the probability
of reaching the reciprocity band. Flows are the reporter's (Russia's): a gas pipeline to
China adds to exports. Inputs are explicit (volumes, prices: numbers or Series by year
or month) so a price table can be fed in.

Gas volumes are converted to energy with the Energy Institute's approximate conversion
factor, 1 billion cubic metres of natural gas = 36 petajoules (Statistical Review of
World Energy, "Approximate conversion factors", net calorific value), and to MMBtu with
the International Table Btu, 1 Btu = 1055.05585262 J (NIST SP 811, 2008, Appendix B.9):
1 bcm = 34.12 million MMBtu. Gas prices in USD per MMBtu are often quoted on a gross
calorific basis, about 10% more energy per cubic metre than net; pass ``mmbtu_per_bcm``
to use another basis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from econ.forecast._series import FLOW_COLUMNS
from econ.forecast.result import ForecastResult

__all__ = [
    "BTU_JOULES",
    "MMBTU_PER_BCM",
    "PETAJOULES_PER_BCM",
    "SCENARIOS",
    "Scenario",
    "ScenarioSpec",
    "apply_scenario",
    "compare_scenario",
    "flow_change",
    "pipeline_gas_exports",
]

#: Energy Institute, Statistical Review of World Energy, "Approximate conversion factors":
#: 1 billion cubic metres of natural gas = 36 PJ (net calorific value).
PETAJOULES_PER_BCM = 36.0
#: International Table British thermal unit in joules (exact by definition; NIST SP 811).
BTU_JOULES = 1055.05585262
#: Million British thermal units per billion cubic metres of natural gas (~34.12 million).
MMBTU_PER_BCM = PETAJOULES_PER_BCM * 1e15 / (BTU_JOULES * 1e6)

Flow = Literal["exports", "imports"]
#: ``adjust(paths, index) -> paths``: paths of one flow in USD, shape (n_paths, horizon).
Adjustment = Callable[[np.ndarray, pd.DatetimeIndex], np.ndarray]


@dataclass(frozen=True)
class Scenario:
    """A named change to one flow over the forecast periods.

    Parameters
    ----------
    name : str
        Short label (``scenario`` column of the forecast table).
    description : str
        What is assumed, with volumes, prices and sources.
    flow : {"exports", "imports"}
        The flow changed (the reporter's).
    adjust : callable
        ``adjust(paths_usd, periods) -> paths_usd`` for that flow.
    """

    name: str
    description: str
    flow: Flow
    adjust: Adjustment

    def __post_init__(self) -> None:
        if self.flow not in FLOW_COLUMNS:
            raise ValueError(f"flow: expected one of {list(FLOW_COLUMNS)}, found {self.flow!r}.")


def _per_period(values: float | pd.Series, index: pd.DatetimeIndex, what: str) -> np.ndarray:
    """A number, or a Series by year or by month, read on each forecast period."""
    if np.isscalar(values):
        return np.full(len(index), float(values))
    series = values
    by_year = pd.api.types.is_integer_dtype(series.index)
    keys = index.year if by_year else index
    missing = pd.Index(keys).difference(series.index)
    if len(missing):
        raise ValueError(f"{what}: expected a value for every forecast period "
                         f"{'year' if by_year else 'month'}, missing {missing[0]}; extend "
                         "the series or pass one number.")
    return series.reindex(keys).to_numpy(dtype=float)


def pipeline_gas_exports(volume_bcm_per_year: float | pd.Series, start_year: int,
                         price_usd_per_mmbtu: float | pd.Series, *,
                         mmbtu_per_bcm: float = MMBTU_PER_BCM,
                         name: str = "pipeline_gas") -> Scenario:
    """Extra pipeline gas exports: ``V`` bcm a year from ``start_year`` at a gas price.

    Added value per year = volume (bcm) x ``mmbtu_per_bcm`` x price (USD/MMBtu); a
    monthly forecast gets a twelfth of it each month.

    Parameters
    ----------
    volume_bcm_per_year : float or Series by year
        Extra volume; a Series by year describes a ramp-up.
    start_year : int
        First year with extra exports.
    price_usd_per_mmbtu : float or Series by year or month
        Border price of the gas (e.g. the World Bank Pink Sheet Europe price).
    mmbtu_per_bcm : float
        Energy per bcm (default :data:`MMBTU_PER_BCM`).
    name : str
        Scenario label.

    Examples
    --------
    >>> s = pipeline_gas_exports(10, 2026, 8.0)
    >>> idx = pd.date_range("2025-12-01", periods=2, freq="MS")
    >>> (s.adjust(np.zeros((1, 2)), idx) / 1e6).round(1).tolist()
    [[0.0, 227.5]]
    """
    def adjust(paths: np.ndarray, index: pd.DatetimeIndex) -> np.ndarray:
        per_year = 12 if index.freqstr == "MS" else 1
        active = index.year >= start_year
        volume = np.where(active, _per_period(volume_bcm_per_year, index, "volume_bcm_per_year")
                          if active.any() else 0.0, 0.0)
        price = np.zeros(len(index))
        price[active] = _per_period(price_usd_per_mmbtu, index[active], "price_usd_per_mmbtu")
        return paths + volume * mmbtu_per_bcm * price / per_year

    volume_text = (f"{volume_bcm_per_year:g} bcm/year" if np.isscalar(volume_bcm_per_year)
                   else "a volume path (bcm/year)")
    price_text = (f"{price_usd_per_mmbtu:g} USD/MMBtu" if np.isscalar(price_usd_per_mmbtu)
                  else "a price path (USD/MMBtu)")
    return Scenario(name=name, flow="exports", adjust=adjust,
                    description=f"+{volume_text} of pipeline gas exports from {start_year} at "
                                f"{price_text}; {mmbtu_per_bcm / 1e6:.2f} million MMBtu per bcm")


def flow_change(flow: Flow, change: float, start: str | pd.Timestamp, *,
                name: str = "flow_change") -> Scenario:
    """A flow scaled by ``1 + change`` from ``start`` (e.g. -0.1: a 10% fall).

    Examples
    --------
    >>> s = flow_change("imports", -0.1, "2026-01-01")
    >>> idx = pd.date_range("2025-12-01", periods=2, freq="MS")
    >>> s.adjust(np.full((1, 2), 100.0), idx).tolist()
    [[100.0, 90.0]]
    """
    begin = pd.Timestamp(start)

    def adjust(paths: np.ndarray, index: pd.DatetimeIndex) -> np.ndarray:
        return paths * np.where(index >= begin, 1 + change, 1.0)

    return Scenario(name=name, flow=flow, adjust=adjust,
                    description=f"{flow} {change:+.0%} from {begin.date()}")


@dataclass(frozen=True)
class ScenarioSpec:
    """A registered scenario: its description and the function that builds it."""

    description: str
    build: Callable[..., Scenario]


def _power_of_siberia_2(start_year: int, price_usd_per_mmbtu: float | pd.Series,
                        volume_bcm_per_year: float | pd.Series = 50.0) -> Scenario:
    return pipeline_gas_exports(volume_bcm_per_year, start_year, price_usd_per_mmbtu,
                                name="power_of_siberia_2")


def _far_eastern_route(start_year: int, price_usd_per_mmbtu: float | pd.Series,
                       volume_bcm_per_year: float | pd.Series = 10.0) -> Scenario:
    return pipeline_gas_exports(volume_bcm_per_year, start_year, price_usd_per_mmbtu,
                                name="far_eastern_route")


def _imports_fall(change: float, start: str) -> Scenario:
    return flow_change("imports", change, start, name="imports_fall")


#: Named scenarios. Build one with its explicit inputs, e.g.
#: ``SCENARIOS["power_of_siberia_2"].build(start_year=2030, price_usd_per_mmbtu=prices)``.
SCENARIOS: Mapping[str, ScenarioSpec] = {
    "power_of_siberia_2": ScenarioSpec(
        "Power of Siberia 2 (Altai route via Mongolia) at its announced design capacity, "
        "50 bcm/year of extra pipeline gas exports to China from start_year, at a given "
        "price (USD/MMBtu); volume may be a ramp-up Series by year.",
        _power_of_siberia_2),
    "far_eastern_route": ScenarioSpec(
        "Far Eastern route (Sakhalin to Heilongjiang), 10 bcm/year of extra pipeline gas "
        "exports to China from start_year, at a given price (USD/MMBtu).",
        _far_eastern_route),
    "imports_fall": ScenarioSpec(
        "Russia's imports from China scaled by 1 + change from start (payment frictions, "
        "secondary sanctions); change = -0.1 is a 10% fall.",
        _imports_fall),
}


def apply_scenario(result: ForecastResult, scenario: Scenario) -> ForecastResult:
    """The forecast under ``scenario``: each flow path adjusted, balance recomputed.

    Parameters
    ----------
    result : ForecastResult
        A forecast of a flow model (:class:`econ.forecast.VECM`), whose paths include
        ``exports`` and ``imports`` in US dollars.
    scenario : Scenario

    Returns
    -------
    ForecastResult
        Same model, seed and number of paths; mean and intervals from the adjusted
        balance paths, so it can be compared path for path with the baseline.

    Examples
    --------
    >>> from econ.forecast import VECM
    >>> rng = np.random.default_rng(0)
    >>> idx = pd.date_range("2000", periods=30, freq="YS")
    >>> level = np.exp(np.cumsum(rng.normal(0.05, 0.05, 30))) * 1e9
    >>> noise = np.exp(rng.normal(0, 0.05, (30, 2)))
    >>> flows = pd.DataFrame({"exports": level * noise[:, 0], "imports": level * noise[:, 1]},
    ...                      idx)
    >>> baseline = VECM(k_ar_diff=1).fit(flows, horizon=2)
    >>> gas = pipeline_gas_exports(10, 2030, 8.0)
    >>> bool((apply_scenario(baseline, gas).paths > baseline.paths).all())
    True
    """
    if result.flow_paths is None:
        raise ValueError(f"result: scenario {scenario.name!r} changes {scenario.flow}, but "
                         f"model {result.model!r} forecast no flows; use VECM on exports and "
                         "imports.")
    index = result.mean.index
    base = result.sampler

    def sample(n_paths: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        flows = dict(base(n_paths, rng))
        flows[scenario.flow] = scenario.adjust(flows[scenario.flow], index)
        exports, imports = flows["exports"], flows["imports"]
        return {"y": (exports - imports) / (exports + imports), "exports": exports,
                "imports": imports}

    mean = sample(result.n_paths, np.random.default_rng(result.seed))["y"].mean(axis=0)
    return ForecastResult(model=result.model, mean=pd.Series(mean, index=index, name="mean"),
                          se=None, history=result.history, sampler=sample,
                          n_paths=result.n_paths, seed=result.seed,
                          spec=f"{result.spec}; scenario {scenario.name}: "
                               f"{scenario.description}", params=result.params)


def compare_scenario(result: ForecastResult, scenario: Scenario, *, band: float = 0.05
                     ) -> pd.DataFrame:
    """Baseline and scenario balance per period: means, difference, band probabilities.

    Examples
    --------
    >>> from econ.forecast import VECM
    >>> logs = 20 + np.random.default_rng(1).normal(0.02, 0.05, (30, 2)).cumsum(axis=0)
    >>> flows = pd.DataFrame(np.exp(logs), pd.date_range("2000", periods=30, freq="YS"),
    ...                      ["exports", "imports"])
    >>> fc = VECM(k_ar_diff=1).fit(flows, horizon=2)
    >>> table = compare_scenario(fc, flow_change("imports", 0.2, "2030-01-01"))
    >>> bool((table["difference"] < 0).all())
    True
    """
    adjusted = apply_scenario(result, scenario)
    return pd.DataFrame({"baseline_mean": result.mean, "scenario_mean": adjusted.mean,
                         "difference": adjusted.mean - result.mean,
                         "baseline_prob_within": result.prob_within(band),
                         "scenario_prob_within": adjusted.prob_within(band)})
