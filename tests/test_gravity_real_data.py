"""The gravity panel on the real DOTS table and CEPII file (slow: needs the real refresh).

Checks that hold by construction of the sources, so they fail only if the panel is built
wrong: each flow equals the importer's own report where there is one, else the exporter's
(flagged as mirror); distances equal the haversine distance of CEPII's main-city
coordinates; and the RUS-CHN pair is there in every panel year.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import econ
from econ.etl.geo import GEO_FILE, read_geo_cepii
from econ.gravity.panel import build_gravity_panel, panel_years

pytestmark = pytest.mark.slow
YEARS = panel_years(2000, 2020, interval=2)


@pytest.fixture(scope="module")
def sources(real_project: Path) -> tuple[object, object, object]:
    trade = econ.load("core_imf_dots__yearly_bilateral_trade", root=real_project)
    countries = econ.load("core_codes__countries", root=real_project)
    economies = countries.loc[countries["kind"].isin(["country", "territory"]), "iso3"]
    geo = read_geo_cepii(real_project / "data" / "raw" / GEO_FILE)
    return trade, geo, build_gravity_panel(trade, geo, years=YEARS, economies=economies)


def test_flows_are_importer_reports_else_mirror(sources: tuple) -> None:
    trade, _, panel = sources
    rus_chn = panel[(panel["exporter_iso3"] == "RUS") & (panel["importer_iso3"] == "CHN")]
    assert rus_chn["year"].tolist() == YEARS
    reported = trade[(trade["reporter_iso3"] == "CHN") & (trade["partner_iso3"] == "RUS")
                     & (trade["flow"] == "imports") & trade["year"].isin(YEARS)]
    assert np.allclose(rus_chn["value_usd"].to_numpy(),
                       reported.sort_values("year")["value_usd"].to_numpy())
    assert not rus_chn["is_mirror_estimate"].any()
    mirror = panel[panel["is_mirror_estimate"]].head(50)
    exports = trade[trade["flow"] == "exports"].set_index(
        ["reporter_iso3", "partner_iso3", "year"])["value_usd"]
    keys = list(zip(mirror["exporter_iso3"], mirror["importer_iso3"], mirror["year"],
                    strict=True))
    assert np.allclose(mirror["value_usd"].to_numpy(), exports.loc[keys].to_numpy())


def test_distance_from_main_cities(sources: tuple) -> None:
    _, geo, panel = sources
    main = geo[geo["is_main_city"]].set_index("iso3")
    row = panel[(panel["exporter_iso3"] == "RUS") & (panel["importer_iso3"] == "CHN")].iloc[0]
    lat1, lon1, lat2, lon2 = np.radians([main.at["RUS", "lat_deg"], main.at["RUS", "lon_deg"],
                                         main.at["CHN", "lat_deg"], main.at["CHN", "lon_deg"]])
    angle = np.arccos(np.sin(lat1) * np.sin(lat2)
                      + np.cos(lat1) * np.cos(lat2) * np.cos(lon2 - lon1))
    assert row["distance_km"] == pytest.approx(6371.0088 * angle, rel=1e-9)
    assert not row["is_common_language"] and not row["is_colonial_tie"]
    assert panel["value_usd"].ge(0).all()
    assert (panel["exporter_iso3"] != panel["importer_iso3"]).all()
