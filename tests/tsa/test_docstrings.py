"""The examples in the econ.tsa docstrings run and print what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["econ.tsa", "econ.tsa._data", "econ.tsa.unit_root", "econ.tsa.cointegration",
           "econ.tsa.half_life", "econ.tsa.breaks", "econ.tsa.battery", "econ.tsa.batch",
           "econ.tsa.calibrate", "econ.tsa.equivalence", "econ.tsa.persistence",
           "econ.tsa.simulate", "econ.tsa.size_checks", "econ.tsa.robust_breaks",
           "econ.tsa.robustness", "econ.out.tsa", "econ.results"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
