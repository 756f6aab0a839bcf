"""Every source ``econ fetch`` knows, by name, in the order runs list them."""

from __future__ import annotations

from econ.fetch.atlas import Atlas
from econ.fetch.baci import Baci
from econ.fetch.base import Fetcher
from econ.fetch.cbr import BankOfRussia
from econ.fetch.china_customs import ChinaCustoms
from econ.fetch.comtrade import Comtrade
from econ.fetch.energy_institute import EnergyInstitute
from econ.fetch.imf_imts import ImfImts
from econ.fetch.pink_sheet import PinkSheet
from econ.fetch.russia_customs import RussiaCustoms
from econ.fetch.wdi import WorldBankWdi

__all__ = ["SOURCES"]

SOURCES: dict[str, Fetcher] = {f.info.name: f for f in (
    ImfImts(),
    Comtrade(),
    WorldBankWdi(),
    Baci(),
    ChinaCustoms(),
    BankOfRussia(),
    PinkSheet(),
    Atlas(),
    EnergyInstitute(),
    RussiaCustoms(),
)}
