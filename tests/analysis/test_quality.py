"""econ.analysis.quality: spread = value_b / value_a - 1, flagged beyond its tolerance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from inline import table

from econ.analysis.quality import (
    TOLERANCES,
    baci_reconciliation,
    bilateral_totals,
    economy_totals,
    energy_volumes,
    pipeline_gas_unit_value,
)
from econ.pairs import Pair
from econ.units import MMBTU_PER_BCM_NATURAL_GAS

RUS_CHN = Pair("RUS", "CHN")

#: Russia -> China as each side reports it: 2020 within 10% after CIF/FOB, 2021 not
FLOWS = """
    year,reporter_iso3,partner_iso3,flow,valuation,value_usd,source,priority
    2020,RUS,CHN,exports,fob,100,r,2
    2020,CHN,RUS,imports,cif,110,c,1
    2021,RUS,CHN,exports,fob,100,r,2
    2021,CHN,RUS,imports,cif,130,c,1
    """


def test_bilateral_totals_spread_and_flag() -> None:
    """a = Russia's FOB report x 1.06 = 106; 2020: b = 110, spread 110/106 - 1 = 3.8%,
    within 10%; 2021: 130/106 - 1 = 22.6%, flagged. The other direction has no data."""
    rows = bilateral_totals(table(FLOWS), RUS_CHN).set_index("year")
    assert rows["value_a"].tolist() == pytest.approx([106, 106])
    assert rows["spread"].tolist() == pytest.approx([110 / 106 - 1, 130 / 106 - 1])
    assert rows["is_flagged"].tolist() == [False, True]
    assert (rows["tolerance"] == TOLERANCES["bilateral_total"]).all()
    assert set(rows["quantity"]) == {"RUS to CHN, all goods"}


def test_economy_totals_against_the_reference_basis() -> None:
    """Russia has no own report: the BoP is the reference (FOB). Customs imports (CIF /
    1.06 = 300) are 0% off; the mirror (240) is 20% low and flagged; goods and services
    are never compared."""
    totals = table("""
        year,iso3,flow,basis,valuation,value_usd,source,is_known_low
        2021,RUS,imports,bop,fob,300,b,False
        2021,RUS,imports,customs,cif,318,c,False
        2021,RUS,imports,mirror,fob,240,m,True
        2021,RUS,imports,goods_and_services,fob,380,w,False
        """)
    rows = economy_totals(totals, "RUS", RUS_CHN).set_index("source_b")
    assert set(rows.index) == {"RUS: customs", "RUS: mirror"}
    assert rows.loc["RUS: customs", "spread"] == pytest.approx(0.0, abs=1e-12)
    assert rows.loc["RUS: mirror", "spread"] == pytest.approx(-0.2)
    assert rows["is_flagged"].to_dict() == {"RUS: customs": False, "RUS: mirror": True}
    assert (rows["source_a"] == "RUS: bop").all()


def test_baci_reconciliation_against_each_report() -> None:
    """BACI's FOB 104 against Russia's FOB report 100 (+4%, within 5%) and against China's
    CIF report / 1.06 = 103.77 (+0.2%)."""
    baci = table("""
        year,exporter_iso3,importer_iso3,hs6,value_usd
        2020,RUS,CHN,270900,100
        2020,RUS,CHN,440710,4
        """)
    rows = baci_reconciliation(baci, table(FLOWS), RUS_CHN).set_index("source_a")
    assert rows.loc["RUS's report (FOB)", "spread"] == pytest.approx(0.04)
    assert rows.loc["CHN's report / 1.06", "spread"] == pytest.approx(104 / (110 / 1.06) - 1)
    assert not rows["is_flagged"].any()


def test_energy_volumes_only_with_china_as_importer() -> None:
    """EI crude 80 Mt against customs 86e6 t = 86 Mt: +7.5%, beyond 5%; pipeline gas EI 20
    bcm against customs 14.0e6 t x 1.36e-6 = 19.04 bcm: -4.8%, within 10%."""
    ei = table("""
        year,commodity,exporter_iso3,importer_iso3,volume_mt,volume_bcm
        2022,crude,RUS,CHN,80,
        2022,pipeline_gas,RUS,CHN,,20
        """)
    quantities = table("""
        year,origin_iso3,commodity,quantity_t,months
        2022,RUS,crude,86000000,12
        2022,RUS,pipeline_gas,14000000,12
        2023,RUS,crude,90000000,11
        """)
    rows = energy_volumes(ei, quantities, RUS_CHN).set_index("check")
    assert rows.loc["crude_volume", "spread"] == pytest.approx(0.075)
    assert rows.loc["crude_volume", "is_flagged"]
    assert rows.loc["pipeline_gas_volume", "value_b"] == pytest.approx(19.04)
    assert not rows.loc["pipeline_gas_volume", "is_flagged"]
    assert energy_volumes(ei, quantities, Pair("RUS", "IND")).empty


def test_pipeline_gas_unit_value_flags_the_year_far_from_the_others() -> None:
    """Brent flat at 80 USD/bbl; the customs value per MMBtu over it is 0.1 in 2021, 2022
    and 2024 and 0.2 in 2023: 2023 is twice the median of the other years (+100%,
    flagged), the others match it."""
    years = [2021, 2022, 2023, 2024]
    mmbtu = 10 * MMBTU_PER_BCM_NATURAL_GAS  # 10 bcm a year
    ei = pd.DataFrame({"year": years, "commodity": "pipeline_gas", "exporter_iso3": "RUS",
                       "importer_iso3": "CHN", "volume_bcm": 10.0})
    customs = pd.DataFrame({"year": years, "origin_iso3": "RUS", "commodity": "pipeline_gas",
                            "months": 12,
                            "value_usd": [mmbtu * 80 * s for s in (0.1, 0.1, 0.2, 0.1)]})
    prices = pd.DataFrame({"commodity": "crude_oil_brent", "value": 80.0,
                           "period": pd.date_range("2020-01-01", "2024-12-01", freq="MS")})
    rows = pipeline_gas_unit_value(ei, customs, prices, RUS_CHN).set_index("year")
    assert rows["value_b"].tolist() == pytest.approx([0.1, 0.1, 0.2, 0.1])
    assert rows["spread"].tolist() == pytest.approx([0, 0, 1, 0], abs=1e-9)
    assert rows["is_flagged"].tolist() == [False, False, True, False]
    assert pipeline_gas_unit_value(ei.iloc[:2], customs, prices, RUS_CHN).empty  # < 3 years


def test_spread_is_missing_where_source_a_is_zero() -> None:
    flows = table(FLOWS).assign(value_usd=lambda f: f["value_usd"].where(
        f["reporter_iso3"] == "CHN", 0.0))
    rows = bilateral_totals(flows, RUS_CHN)
    assert rows["spread"].isna().all() and not rows["is_flagged"].any()
    assert np.isfinite(rows["value_b"]).all()
