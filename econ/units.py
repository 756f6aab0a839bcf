"""Energy units and their conversion factors, each with its source.

Units are lower-case identifiers grouped by dimension: mass (``kg``, ``t``, ``kt``,
``mt`` = million tonnes), natural gas volume (``m3``, ``mcm``, ``bcm``, ``bcf``),
energy (``gj``, ``pj``, ``ej``, ``mmbtu``, ``mtoe``) and crude oil volume (``bbl``,
``kbbl``, ``mbbl``). Within a dimension, conversion is exact (SI prefixes) or an
accounting definition; between dimensions it depends on the fuel and needs ``commodity``:

* natural gas: 1 bcm = 36 PJ (``commodity="natural_gas"``);
* LNG: 1 Mt = 1.36 bcm of natural gas (``commodity="lng"``);
* crude oil: 1 t = 7.33 barrels (``commodity="crude"``).

The fuel factors are EI's "Approximate conversion factors" (Statistical Review of World
Energy, every edition from 2021 to 2026 prints the same values; a test reads them from
each workbook in ``data/raw`` and compares them with the constants here). They are
averages: a given LNG cargo or crude grade differs.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "BARRELS_PER_TONNE_CRUDE",
    "BCM_PER_BCF",
    "BCM_PER_MT_LNG",
    "DIMENSIONS",
    "GJ_PER_MMBTU",
    "MMBTU_PER_BCM_NATURAL_GAS",
    "PJ_PER_BCM_NATURAL_GAS",
    "PJ_PER_MTOE",
    "Commodity",
    "convert",
    "dimension_of",
]

Commodity = Literal["natural_gas", "lng", "crude"]

#: 1 million tonnes of LNG = 1.36 billion cubic metres of natural gas. Source: EI
#: Statistical Review of World Energy, "Approximate conversion factors", natural gas and
#: LNG table (the same in the 2021-2026 editions); also GIIGNL's annual report.
BCM_PER_MT_LNG = 1.36
#: 1 billion cubic metres of natural gas = 36 petajoules (EI, same table; EI standardises
#: gas volumes at a gross calorific value of 40 MJ/m3, 36 MJ/m3 net).
PJ_PER_BCM_NATURAL_GAS = 36.0
#: 1 billion cubic feet = 0.02831685 billion cubic metres (EI, same table; 1 ft = 0.3048 m).
BCM_PER_BCF = 0.3048**3
#: 1 million tonnes of oil equivalent = 41.868 PJ (EI, same table; the IEA's toe of
#: 10 Gcal at 4.1868 kJ/kcal).
PJ_PER_MTOE = 41.868
#: 1 tonne of crude oil = 7.33 barrels, at the world average gravity (EI, crude oil table).
BARRELS_PER_TONNE_CRUDE = 7.33
#: 1 million British thermal units = 1.05505585262 GJ: the International Table Btu (exact by
#: definition, NIST SP 811). EI's conversion table uses it (1 bcm = 36 PJ = 34.121416
#: trillion Btu); its "Units" list rounds it to 1.055 kJ per Btu.
GJ_PER_MMBTU = 1.05505585262

#: Million British thermal units in 1 bcm of natural gas: 36 PJ / 1.05505585262 GJ
#: (34.121416 million, EI's table).
MMBTU_PER_BCM_NATURAL_GAS = PJ_PER_BCM_NATURAL_GAS * 1e6 / GJ_PER_MMBTU

#: dimension -> {unit: size in the dimension's base unit}; bases t, bcm, pj, bbl.
DIMENSIONS: dict[str, dict[str, float]] = {
    "mass": {"kg": 1e-3, "t": 1.0, "kt": 1e3, "mt": 1e6},
    "gas_volume": {"m3": 1e-9, "mcm": 1e-3, "bcm": 1.0, "bcf": BCM_PER_BCF},
    "energy": {"gj": 1e-6, "pj": 1.0, "ej": 1e3, "mmbtu": GJ_PER_MMBTU * 1e-6,
               "mtoe": PJ_PER_MTOE},
    "oil_volume": {"bbl": 1.0, "kbbl": 1e3, "mbbl": 1e6},
}
#: (from dimension, to dimension, commodity) -> base-to-base factor
_BRIDGES: dict[tuple[str, str, str], float] = {
    ("gas_volume", "energy", "natural_gas"): PJ_PER_BCM_NATURAL_GAS,
    ("mass", "gas_volume", "lng"): BCM_PER_MT_LNG / 1e6,  # per tonne
    ("mass", "oil_volume", "crude"): BARRELS_PER_TONNE_CRUDE,
}


def dimension_of(unit: str) -> str:
    """The dimension a unit belongs to.

    Raises
    ------
    ValueError
        For an unknown unit, listing the known ones.

    Examples
    --------
    >>> dimension_of("bcm")
    'gas_volume'
    """
    for dimension, units in DIMENSIONS.items():
        if unit in units:
            return dimension
    known = sorted(u for units in DIMENSIONS.values() for u in units)
    raise ValueError(f"unknown unit {unit!r}; known units: {known}")


def _bridge(source: str, target: str, commodity: str | None) -> float:
    """Factor from the base of ``source`` to the base of ``target`` for ``commodity``."""
    if source == target:
        return 1.0
    for (a, b, fuel), factor in _BRIDGES.items():
        if commodity == fuel and (a, b) == (source, target):
            return factor
        if commodity == fuel and (b, a) == (source, target):
            return 1.0 / factor
    if commodity == "lng" and {source, target} == {"mass", "energy"}:
        return _bridge(source, "gas_volume", "lng") * _bridge("gas_volume", target, "natural_gas")
    fuels = sorted({fuel for (a, b, fuel) in _BRIDGES if {a, b} == {source, target}})
    raise ValueError(f"no conversion from {source} to {target}"
                     + (f" for commodity {commodity!r}" if commodity else "")
                     + (f"; pass commodity= one of {fuels}" if fuels else ""))


def convert(value: float, from_unit: str, to_unit: str, *,
            commodity: Commodity | None = None) -> float:
    """Convert ``value`` from one unit to another.

    Parameters
    ----------
    value : float
        Also works element-wise on NumPy arrays and pandas Series.
    from_unit, to_unit : str
        Units of :data:`DIMENSIONS` (``"mt"`` is million tonnes, ``"bcm"`` billion cubic
        metres, ``"ej"`` exajoules).
    commodity : {"natural_gas", "lng", "crude"}, optional
        Needed to cross dimensions: gas volume <-> energy (natural gas), mass <-> gas
        volume or energy (LNG), mass <-> barrels (crude oil).

    Raises
    ------
    ValueError
        For an unknown unit, or a conversion between dimensions without the commodity
        that makes it meaningful.

    Examples
    --------
    >>> round(convert(1.0, "mt", "bcm", commodity="lng"), 6)
    1.36
    >>> round(convert(36.0, "pj", "bcm", commodity="natural_gas"), 6)
    1.0
    >>> round(convert(1.0, "t", "bbl", commodity="crude"), 2)
    7.33
    """
    source, target = dimension_of(from_unit), dimension_of(to_unit)
    factor = (DIMENSIONS[source][from_unit] * _bridge(source, target, commodity)
              / DIMENSIONS[target][to_unit])
    return value * factor
