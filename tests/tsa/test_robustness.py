"""The robustness table: the headline under every specification, flip rates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from econ.analysis.convergence import rebase_balance
from econ.tsa.robustness import flip_rates, robustness, specification_grid


def test_grid_is_full_factorial():
    grid = specification_grid(basis=["a", "b"], cif_fob_factor=[1.0, 1.06, 1.1],
                              lag_rule=["aic", "bic"])
    assert len(grid) == 12 and grid[0] == {"basis": "a", "cif_fob_factor": 1.0,
                                           "lag_rule": "aic"}


def test_flip_rates_count_pairs_differing_in_one_choice():
    """Two dimensions, 2 x 2: 'a' flips the state in both of its pairs, 'b' in one of two."""
    table = pd.DataFrame({"a": [1, 1, 2, 2], "b": ["x", "y", "x", "y"],
                          "state": ["in", "in", "out", "in"]})
    assert flip_rates(table, ["a", "b"]).to_dict() == {"a": 0.5, "b": 0.5}
    table["state"] = ["in", "in", "out", "out"]
    assert flip_rates(table, ["a", "b"]).to_dict() == {"a": 1.0, "b": 0.0}


def test_the_data_choice_that_moves_the_mean_matters_most():
    """A balance whose level depends on one data choice (0 or 0.3) and not on the test
    choices: two states, split by that choice, which matters most."""
    noise = np.random.default_rng(0).normal(0, 0.02, 40)

    def make(spec):
        return pd.Series(noise + spec["shift"], index=range(1981, 2021))

    out = robustness(make, specification_grid(shift=[0.0, 0.3], lag_rule=["aic", "bic"],
                                              break_rule=["sequential", "bic"]), n_sim=49)
    assert out.counts == {"within_band": 4, "outside_band": 4, "undetermined": 0}
    assert out.matters_most == "shift"
    assert out.headline().startswith("within the band in 4 of 8 specifications")
    assert set(out.table.columns) >= {"state", "mean_balance", "ci_lower", "ci_upper",
                                      "n_breaks",
                                      "sample_start", "sample_end", "tost_basis"}


@pytest.mark.parametrize(("reported_by", "factor", "expected"), [
    ("CHN", 1.00, (106 * 1.06 - 100) / (106 * 1.06 + 100)),
    ("CHN", 1.10, (106 * 1.06 / 1.1 - 100) / (106 * 1.06 / 1.1 + 100)),
    ("RUS", 1.00, (106 - 100 * 1.06) / (106 + 100 * 1.06)),
])
def test_rebase_balance_rescales_the_cif_flow(reported_by, factor, expected):
    """Pair RUS-CHN. On China's reports Russia's exports are China's CIF imports, on
    Russia's its own imports are CIF: that flow was divided by 1.06; another factor
    rescales it alone."""
    rows = pd.DataFrame({"reporter_iso3": ["RUS"], "reported_by_iso3": [reported_by],
                         "exports_usd": [106.0], "imports_usd": [100.0],
                         "cif_fob_factor": [1.06]})
    assert rebase_balance(rows, factor).iloc[0] == pytest.approx(expected, rel=1e-12)
    assert rebase_balance(rows, 1.06).iloc[0] == pytest.approx(6 / 206, rel=1e-12)
