"""How the codes in the out tables read in the report: one place for every display label.

Out tables keep short stable codes (``imf_average``, ``own_reports``, ``chpl``,
``monthly_chn_reported``); the report shows words. A code with no label here is shown with
its underscores as spaces, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from econ.names import CIF_FOB_FACTOR

__all__ = ["LABELS", "label", "prose"]

#: code -> words, for the codes the report shows in tables and prose
LABELS: dict[str, str] = {
    # CIF/FOB factor methods (out_balance__cif_fob_evidence)
    "imf_average": f"IMF average ({CIF_FOB_FACTOR:.2f})",
    "mirror_ratio": "importer CIF / exporter FOB",
    "baci_ratio": "importer CIF / BACI FOB",
    "pipeline_weighted": "no margin on pipeline gas",
    "pipeline_crude_weighted": "no margin on pipeline gas or crude",
    # cross-source checks (out_quality__cross_source_checks)
    "baci_reconciliation": "BACI against each side's customs",
    "bilateral_total": "bilateral totals, one side against the other",
    "crude_volume": "crude oil volume, Energy Institute against China's customs",
    "economy_total": "an economy's total trade across sources",
    "lng_volume": "LNG volume, Energy Institute against China's customs",
    "pipeline_gas_unit_value": "pipeline gas unit value against its other years",
    "pipeline_gas_volume": "pipeline gas volume, Energy Institute against China's customs",
    # dependence bases (out_dependence__yearly_pair_indicators)
    "own_reports": "own reports to the IMF",
    "partner_reported": "partner's customs",
    "baci_products": "BACI products",
    # dependence indicators
    "total_trade_share": "share of total trade (%)",
    "hirschman_ratio": "Hirschman ratio",
    "interdependence": "interdependence",
    "export_intensity": "export intensity",
    "import_intensity": "import intensity",
    # energy commodities (out_energy__*)
    "crude": "crude oil",
    "pipeline_gas": "pipeline gas",
    "lng": "LNG",
    "coal": "coal",
    "oil_products": "oil products",
    # sanctions lists (out_sanctions__yearly_listed_trade)
    "chpl": "Common High Priority List",
    "eu_833_2014": "EU Reg. 833/2014",
    "us_ear_746": "US EAR part 746",
    # economy totals by source (out_quality__cross_source_checks: "RUS: dots")
    "dots": "report to the IMF",
    "atlas": "Harvard Atlas",
    "bop": "balance of payments",
    "customs": "customs",
    "mirror": "partners' mirror data",
    # balance series reported by whom (out_tsa__*: "monthly_chn_reported")
    "monthly": "monthly",
    "yearly": "yearly",
}
_POSSESSIVE_S = re.compile(r"(?<=s)'s\b")
_SERIES = re.compile(r"^(monthly|yearly)_([a-z]{3})_reported$")
_SOURCE = re.compile(r"^([A-Z]{3}): ([a-z]+)$")


def label(code: object, possessive: Callable[[str], str] | None = None) -> str:
    """The words for ``code``; an unknown code with its underscores as spaces.

    ``possessive`` (ISO3 -> "China's") lets codes naming an economy read with its name:
    balance series (``monthly_chn_reported``) and economy totals by source (``RUS: dots``).

    >>> label("imf_average"), label("some_new_code")
    ('IMF average (1.06)', 'some new code')
    >>> names = {"CHN": "China's", "RUS": "Russia's"}.get
    >>> label("monthly_chn_reported", names), label("RUS: dots", names)
    ("monthly, China's data", "Russia's report to the IMF")
    """
    text = str(code)
    if possessive is not None:
        series, source = _SERIES.match(text), _SOURCE.match(text)
        if series:
            return f"{series.group(1)}, {possessive(series.group(2).upper())} data"
        if source:
            return f"{possessive(source.group(1))} {label(source.group(2))}"
    return LABELS.get(text, text.replace("_", " "))


def prose(text: str) -> str:
    """Text as a sentence or heading: the first letter capitalised, possessives mended.

    A name ending in "s" is given its possessive as "s'" ("the United States's" reads
    "the United States'").

    >>> prose("the United States's share of China's imports")
    "The United States' share of China's imports"
    """
    text = _POSSESSIVE_S.sub("'", text)
    return text[:1].upper() + text[1:]
