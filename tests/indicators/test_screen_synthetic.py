"""The synthetic BACI generator, and the screen finding its planted dependencies exactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from econ.etl.baci_release import write_release_dataset
from econ.indicators.screen import dependence_screen
from econ.indicators.synthetic import PLANTED_KINDS, SyntheticBaci

SMALL = {"countries": 40, "products": 250, "years": (2019, 2020, 2021, 2022)}
KEYS = ["year", "importer_iso3", "hs6"]


def _flagged(frame: pd.DataFrame, column: str) -> set[tuple[int, str, str]]:
    rows = frame[frame[column].fillna(False).astype(bool)]
    return set(rows[KEYS].itertuples(index=False, name=None))


def _check_planted(panel: SyntheticBaci, screen: pd.DataFrame) -> None:
    """The screen flags exactly the planted dependencies, with the planted numbers."""
    truth = panel.truth()
    for column in ("is_geodep_dependent", "is_dependent_on_partner", "is_dependent_in_year"):
        assert _flagged(screen, column) >= _flagged(truth, column), column
    for column in ("is_geodep_dependent", "is_dependent_on_partner"):
        assert _flagged(screen, column) == _flagged(truth, column), column
    merged = truth.merge(screen, on=KEYS, suffixes=("_planted", ""), validate="1:1")
    assert len(merged) == len(truth)
    np.testing.assert_allclose(merged["supplier_hhi"], merged["supplier_hhi_planted"],
                               atol=1e-12)
    for column in ("top_supplier_iso3", "is_dependent_in_year", "is_geodep_dependent",
                   "is_dependent_on_partner"):
        assert merged[column].equals(merged[f"{column}_planted"].astype(merged[column].dtype)), \
            column


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
def test_planted_dependencies_found_exactly_through_the_release(tmp_path: Path) -> None:
    """Generator -> release zip (CEPII layout) -> Parquet dataset -> screen of Russia.

    Known truth, by construction (econ.indicators.synthetic): 12 products dependent on
    China every year, 3 on another leader, 3 dependent two years in three (GeoDep-dependent
    from the third year), and 12 decoys (intermittent, diversified, net exporter) that
    must not be flagged; no background product can be world-concentrated (world share cap
    0.3). Russia's GeoDep-dependent products are exactly the planted ones, with their
    supplier HHI (0.815 or 0.225) to 1e-12."""
    panel = SyntheticBaci(rows=60_000, seed=3, **SMALL)  # type: ignore[arg-type]
    dataset = tmp_path / "baci"
    write_release_dataset(panel.write_release(tmp_path), dataset)
    screen = dependence_screen(dataset, "RUS")
    _check_planted(panel, screen)
    latest = screen[screen.year == 2022]
    assert int(latest["is_geodep_dependent"].sum()) == 12 + 3 + 3
    assert int(latest["is_dependent_on_partner"].sum()) == 12 + 3
    background = screen[~screen.hs6.isin(panel.plan.hs6)]
    assert background["world_export_hhi"].max() <= 0.3


@pytest.mark.filterwarnings("ignore::econ.errors.DataCaveatWarning")
@settings(max_examples=4, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32 - 1), focus=st.sampled_from([("RUS",), ("RUS", "KAZ")]))
def test_planted_dependencies_found_for_any_seed(seed: int, focus: tuple[str, ...]) -> None:
    """Whatever the seed, and with two focus importers screened at once, the planted set
    is found exactly (a property of the construction, not of one lucky draw)."""
    panel = SyntheticBaci(rows=48_000, seed=seed, focus=focus, **SMALL)  # type: ignore[arg-type]
    _check_planted(panel, dependence_screen(panel.frame(), list(focus)))


def test_panel_shape_size_and_determinism() -> None:
    """Exact size, unique flows, no self-trade, ~2% missing quantities, a few large
    exporters (the top 5 sell more than half), reproducible by seed."""
    panel = SyntheticBaci(rows=48_001, seed=7, **SMALL)  # type: ignore[arg-type]
    frame = panel.frame()
    assert len(frame) == 48_001
    assert frame.groupby("year").size().tolist() == [12001, 12000, 12000, 12000]
    assert not frame.duplicated(["year", "exporter_iso3", "importer_iso3", "hs6"]).any()
    assert (frame.exporter_iso3 != frame.importer_iso3).all()
    assert (frame.value_usd > 0).all() and frame.hs6.str.fullmatch(r"\d{6}").all()
    assert 0.01 < frame.quantity_t.isna().mean() < 0.03
    exporters = frame.groupby("exporter_iso3").value_usd.sum().sort_values(ascending=False)
    assert exporters.iloc[:5].sum() > 0.5 * exporters.sum()
    assert exporters.index[0] == "CHN"
    pd.testing.assert_frame_equal(frame, panel.frame())
    other = SyntheticBaci(rows=48_001, seed=8, **SMALL).frame()  # type: ignore[arg-type]
    assert not frame.equals(other)


def test_truth_follows_the_recipe() -> None:
    """Per focus importer: 12 + 3 + 3 + 3 + 3 + 3 planted products; GeoDep verdicts are
    missing in the first two years (no full window)."""
    panel = SyntheticBaci(rows=48_000, seed=1, **SMALL)  # type: ignore[arg-type]
    truth = panel.truth()
    counts = truth.drop_duplicates("hs6")["kind"].value_counts().to_dict()
    assert counts == {**PLANTED_KINDS, "dependent": 12}
    assert truth[truth.year < 2021]["is_geodep_dependent"].isna().all()
    never = truth[truth.kind.isin(["intermittent", "diversified", "net_exporter"])]
    assert not never["is_geodep_dependent"].fillna(False).any()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"countries": 10}, "at least 24 economies"),
    ({"focus": ("CHN",)}, "'leader', 'focus'"),
    ({"focus": ("USA",)}, "'leader', 'focus'"),
    ({"world_share_cap": 0.5}, "'world_share_cap'"),
    ({"products": 40}, "'products': expected at least"),
    ({"rows": 5_000}, "too few"),
])
def test_bad_arguments_raise_clear_errors(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"rows": 48_000, "seed": 1, **SMALL, **kwargs}
    with pytest.raises(ValueError, match=message):
        SyntheticBaci(**arguments)  # type: ignore[arg-type]
