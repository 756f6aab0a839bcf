"""Named, documented changes to a trade flow, applied to simulated flow paths.

A scenario changes Russia's exports to or imports from its partner over the forecast
periods; applied to the joint flow paths of a flow model (:class:`econ.forecast.VECM`)
it gives the scenario's balance paths, hence its mean, intervals and the probability
of reaching the reciprocity band. Flows are the reporter's (Russia's): a gas pipeline to
China adds to exports. Inputs are explicit (volumes, prices: numbers or Series by year
or month) so a price table can be fed in.

Gas prices follow a contract formula rather than one spot price:
:func:`oil_indexed_price` (a slope times a lagged Brent average, the form of Asian
pipeline and LNG contracts), and a pipeline's volumes ramp up over its first years
(:func:`ramp_up`). :class:`GasPipelineAssumptions` holds every assumption of such a
scenario as data, with its source, so a table can store it beside the numbers.

Gas volumes are converted to energy with the Energy Institute's approximate conversion
factor, 1 billion cubic metres of natural gas = 36 petajoules (Statistical Review of
World Energy, "Approximate conversion factors", net calorific value), and to MMBtu with
the International Table Btu, 1 Btu = 1055.05585262 J (NIST SP 811, 2008, Appendix B.9):
1 bcm = 34.12 million MMBtu. Gas prices in USD per MMBtu are often quoted on a gross
calorific basis, about 10% more energy per cubic metre than net; pass ``mmbtu_per_bcm``
to use another basis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from econ.forecast._series import FLOW_COLUMNS
from econ.forecast.result import ForecastResult, result_from_paths
from econ.units import MMBTU_PER_BCM_NATURAL_GAS

__all__ = [
    "MMBTU_PER_BCM",
    "SCENARIOS",
    "GasPipelineAssumptions",
    "Scenario",
    "ScenarioSpec",
    "apply_scenario",
    "compare_scenario",
    "flow_change",
    "oil_indexed_price",
    "pipeline_gas_exports",
    "ramp_up",
]

#: Million British thermal units per billion cubic metres of natural gas (~34.12 million),
#: from the one table of energy conversion factors (:mod:`econ.units`).
MMBTU_PER_BCM = MMBTU_PER_BCM_NATURAL_GAS

_CONVERSION_SOURCE = ("Energy Institute, Statistical Review of World Energy, approximate "
                      "conversion factors (1 bcm = 36 PJ = 34.1214 trillion Btu), econ.units")

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
    if not isinstance(values, pd.Series):
        return np.full(len(index), float(values))
    series = values
    by_year = pd.api.types.is_integer_dtype(series.index)
    keys = index.year if by_year else index
    missing = pd.Index(keys).difference(series.index)
    if len(missing):
        raise ValueError(f"{what}: expected a value for every forecast period "
                         f"{'year' if by_year else 'month'}, missing {missing[0]}; extend "
                         "the series or pass one number.")
    out: np.ndarray = series.reindex(keys).to_numpy(dtype=float)
    return out


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
        volume, price = np.zeros(len(index)), np.zeros(len(index))
        volume[active] = _per_period(volume_bcm_per_year, index[active], "volume_bcm_per_year")
        price[active] = _per_period(price_usd_per_mmbtu, index[active], "price_usd_per_mmbtu")
        return paths + volume * mmbtu_per_bcm * price / per_year

    volume_text = ("a volume path (bcm/year)" if isinstance(volume_bcm_per_year, pd.Series)
                   else f"{volume_bcm_per_year:g} bcm/year")
    price_text = ("a price path (USD/MMBtu)" if isinstance(price_usd_per_mmbtu, pd.Series)
                  else f"{price_usd_per_mmbtu:g} USD/MMBtu")
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


def _power_of_siberia_2(price_usd_per_mmbtu: float | pd.Series, start_year: int = 2030,
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
#: ``SCENARIOS["power_of_siberia_2"].build(price_usd_per_mmbtu=prices, start_year=2031)``.
SCENARIOS: Mapping[str, ScenarioSpec] = {
    "power_of_siberia_2": ScenarioSpec(
        "Power of Siberia 2 (West Siberian gas to China via Mongolia) at its announced "
        "design capacity, 50 bcm/year of extra pipeline gas exports to China, first gas in "
        "start_year (default 2030, the earliest date Gazprom has named), at a given price "
        "(USD/MMBtu); volume may be a ramp-up Series by year (see ramp_up).",
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

    return result_from_paths(model=result.model, index=index, history=result.history,
                             sampler=sample, n_paths=result.n_paths, seed=result.seed,
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


def oil_indexed_price(brent_usd_per_bbl: float | pd.Series, slope: float, *,
                      constant_usd_per_mmbtu: float = 0.0) -> float | pd.Series:
    """Gas price of an oil-indexed contract: ``slope x Brent + constant``, USD per MMBtu.

    ``brent_usd_per_bbl`` is the contract's lagged oil average (e.g. the mean Brent of
    the 12 months ending six months before delivery), a number or a Series by period.

    Examples
    --------
    >>> oil_indexed_price(80.0, 0.1)
    8.0
    """
    if not slope > 0:
        raise ValueError(f"slope: expected a positive number (USD/MMBtu per USD/bbl), "
                         f"found {slope}.")
    return slope * brent_usd_per_bbl + constant_usd_per_mmbtu


def ramp_up(capacity_bcm_per_year: float, start_year: int, shares: Sequence[float],
            end_year: int) -> pd.Series:
    """Volumes by year: ``capacity x shares[i]`` in the i-th year from ``start_year``.

    After the last share the pipeline runs at capacity; before ``start_year`` nothing.

    Examples
    --------
    >>> ramp_up(50.0, 2030, [0.2, 0.6], 2033).tolist()
    [10.0, 30.0, 50.0, 50.0]
    """
    years = np.arange(start_year, end_year + 1)
    share = np.ones(len(years))
    share[:len(shares)] = np.asarray(shares, dtype=float)[:len(years)]
    if (share < 0).any() or (share > 1).any():
        raise ValueError(f"shares: expected fractions of capacity in [0, 1], found "
                         f"{list(shares)}.")
    return pd.Series(capacity_bcm_per_year * share, index=years, name="volume_bcm")


@dataclass(frozen=True)
class GasPipelineAssumptions:
    """Every assumption of a new-pipeline scenario, with its source.

    Parameters
    ----------
    name : str
        Scenario label.
    capacity_bcm_per_year : float
        Design capacity.
    start_year : int
        First year of deliveries.
    ramp_shares : sequence of float
        Share of capacity delivered in each year from ``start_year`` until full.
    slope : float
        Oil-indexation slope, USD/MMBtu per USD/bbl.
    brent_usd_per_bbl : float
        Lagged Brent average the formula is applied to.
    sources : mapping
        Source of each assumption, by field name.

    Examples
    --------
    >>> a = GasPipelineAssumptions("pos2", 50.0, 2030, (0.5,), 0.1, 80.0)
    >>> a.price_usd_per_mmbtu, a.volumes(2031).tolist()
    (8.0, [25.0, 50.0])
    """

    name: str
    capacity_bcm_per_year: float
    start_year: int
    ramp_shares: Sequence[float]
    slope: float
    brent_usd_per_bbl: float
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def price_usd_per_mmbtu(self) -> float:
        """The contract price the formula gives."""
        return float(oil_indexed_price(self.brent_usd_per_bbl, self.slope))

    def volumes(self, end_year: int) -> pd.Series:
        """Delivered volumes by year up to ``end_year``."""
        return ramp_up(self.capacity_bcm_per_year, self.start_year, self.ramp_shares,
                       end_year)

    def scenario(self, end_year: int) -> Scenario:
        """The scenario: these volumes at this price added to exports."""
        volumes = self.volumes(end_year)
        return pipeline_gas_exports(volumes, self.start_year, self.price_usd_per_mmbtu,
                                    name=self.name)

    def to_frame(self) -> pd.DataFrame:
        """One row per assumption: ``assumption, value, unit, source``."""
        rows = [("capacity_bcm_per_year", self.capacity_bcm_per_year, "bcm/year"),
                ("start_year", float(self.start_year), "year"),
                *((f"ramp_share_year_{i + 1}", float(v), "share of capacity")
                  for i, v in enumerate(self.ramp_shares)),
                ("slope", self.slope, "USD/MMBtu per USD/bbl"),
                ("brent_usd_per_bbl", self.brent_usd_per_bbl, "USD/bbl"),
                ("price_usd_per_mmbtu", self.price_usd_per_mmbtu, "USD/MMBtu"),
                ("mmbtu_per_bcm", MMBTU_PER_BCM, "MMBtu/bcm")]
        sources = {"mmbtu_per_bcm": _CONVERSION_SOURCE,
                   "price_usd_per_mmbtu": "slope x brent_usd_per_bbl", **self.sources}
        return pd.DataFrame([{"scenario": self.name, "assumption": key, "value": value,
                              "unit": unit,
                              "source": sources.get("ramp_shares" if key.startswith("ramp")
                                                    else key, "")}
                             for key, value, unit in rows])
