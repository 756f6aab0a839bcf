"""The examples in the econ.forecast docstrings run and print what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["_series", "_statespace", "backtest", "calibration", "combination", "metrics", "models",
           "result", "scenarios", "vecm"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"econ.forecast.{name}")
    outcome = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0, f"{outcome.failed} example(s) failed in {module.__name__}"
