"""Unit conversions: hand-checked values, round trips (hypothesis), and EI's own factors."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from econ import units
from econ.units import DIMENSIONS, convert

ALL_UNITS = [u for group in DIMENSIONS.values() for u in group]
BRIDGED = {"natural_gas": ("gas_volume", "energy"), "lng": ("mass", "gas_volume"),
           "crude": ("mass", "oil_volume")}


@pytest.mark.parametrize(("value", "source", "target", "commodity", "expected"), [
    (1.0, "mt", "bcm", "lng", 1.36),          # EI: 1 Mt LNG = 1.36 bcm
    (10.0, "bcm", "ej", "natural_gas", 0.36),  # EI: 1 bcm = 36 PJ
    (1.0, "mt", "ej", "lng", 1.36 * 0.036),    # LNG mass -> gas volume -> energy
    (1.0, "mtoe", "pj", None, 41.868),         # EI: 1 Mtoe = 41.868 PJ
    (1.0, "bcf", "bcm", None, 0.02831685),     # EI: 1 bcf = 0.02831685 bcm
    (100.0, "t", "bbl", "crude", 733.0),       # EI: 1 t crude = 7.33 barrels
    (7_992_702_438.0, "kg", "t", None, 7_992_702.438),
    (4800.0, "kt", "mt", None, 4.8),
    (1.0, "mmbtu", "gj", None, 1.05505585262),  # International Table Btu (NIST SP 811)
    (1.0, "bcm", "mmbtu", "natural_gas", 34.121416e6),  # EI's table: 34.121416 trillion Btu
])
def test_hand_checked(value: float, source: str, target: str, commodity: str | None,
                      expected: float) -> None:
    assert convert(value, source, target, commodity=commodity) == pytest.approx(expected,
                                                                                rel=1e-6)


def test_arrays() -> None:
    out = convert(np.array([1.0, 2.0]), "mt", "bcm", commodity="lng")
    assert out.tolist() == pytest.approx([1.36, 2.72])


def test_errors_say_what_to_do() -> None:
    with pytest.raises(ValueError, match="unknown unit 'tonnes'; known units"):
        convert(1.0, "tonnes", "t")
    with pytest.raises(ValueError, match="pass commodity= one of \\['lng'\\]"):
        convert(1.0, "mt", "bcm")
    with pytest.raises(ValueError, match="no conversion from mass to energy for commodity "
                                         "'crude'"):
        convert(1.0, "t", "ej", commodity="crude")


@given(st.floats(min_value=1e-9, max_value=1e12),
       st.sampled_from(list(itertools.product(ALL_UNITS, ALL_UNITS))))
def test_round_trip_within_dimension(value: float, pair: tuple[str, str]) -> None:
    source, target = pair
    if units.dimension_of(source) != units.dimension_of(target):
        return
    there = convert(value, source, target)
    assert convert(there, target, source) == pytest.approx(value, rel=1e-12)


@given(st.floats(min_value=1e-9, max_value=1e12), st.sampled_from(sorted(BRIDGED)),
       st.data())
def test_round_trip_across_dimensions(value: float, commodity: str, data: st.DataObject) -> None:
    a, b = BRIDGED[commodity]
    source = data.draw(st.sampled_from(sorted(DIMENSIONS[a])))
    target = data.draw(st.sampled_from(sorted(DIMENSIONS[b])))
    there = convert(value, source, target, commodity=commodity)  # type: ignore[arg-type]
    back = convert(there, target, source, commodity=commodity)  # type: ignore[arg-type]
    assert back == pytest.approx(value, rel=1e-12)
    assert there > 0


@given(st.floats(min_value=0, max_value=1e9), st.floats(min_value=0, max_value=1e9))
def test_linear(a: float, b: float) -> None:
    assert convert(a + b, "mt", "bcm", commodity="lng") == pytest.approx(
        convert(a, "mt", "bcm", commodity="lng") + convert(b, "mt", "bcm", commodity="lng"),
        rel=1e-12, abs=1e-9)
