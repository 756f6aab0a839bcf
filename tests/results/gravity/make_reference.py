"""Extract the published chapter 1 estimates into ``yotov2016_published.json``.

Source: the rendered output of pachadotdev/tradepolicy (commit 342a6553, file
``_freeze/01-traditional-gravity/execute-results/html.json``), whose author states that the
chapter 1 application 1 estimates match Table 1 of Yotov, Piermartini, Monteiro and Larch
(2016), "An Advanced Guide to Trade Policy Analysis" (WTO/UNCTAD), and whose application 3
columns are the book's Table 3. The values are taken from the printed ``Estimates`` tables
(4 decimals, kept as printed: rounding them again to 3 decimals would round twice);
nothing is typed by hand.

Run::

    python tests/results/gravity/make_reference.py path/to/html.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

#: R object name in the rendered chapter -> (book table, column label)
MODELS = {
    "fit_ppml": ("Table 1", "PPML"),
    "fit_ppml_rta": ("Table 3", "PPML"),
    "fit_endg_rta": ("Table 3", "ENDG"),
    "fit_lead_rta": ("Table 3", "LEAD"),
    "fit_phsng_rta": ("Table 3", "PHSNG"),
    "fit_glbzn_rta": ("Table 3", "GLBZN"),
}
_ROW = re.compile(r"^\|\s*(\w+)\s*\|\s*(-?\d+\.\d+)\s*\|\s*(\d+\.\d+)\s*\|")
_NOBS = re.compile(r"Number of observations: Full (\d+)")


def _estimates(markdown: str, name: str) -> tuple[dict[str, dict[str, float]], int]:
    start = markdown.index(f"\n{name}\n```")  # the cell that prints the fitted model
    block = markdown[start: markdown.index("\n:::\n:::", start)]
    rows = {m.group(1): {"estimate": float(m.group(2)), "std_error": float(m.group(3))}
            for m in map(_ROW.match, block.splitlines()) if m}
    nobs = _NOBS.search(block)
    if not rows or nobs is None:
        raise ValueError(f"no estimates printed for {name}")
    return rows, int(nobs.group(1))


if __name__ == "__main__":
    markdown = json.loads(Path(sys.argv[1]).read_text())["result"]["markdown"]
    out = []
    for name, (table, column) in MODELS.items():
        rows, nobs = _estimates(markdown, name)
        out.append({"table": table, "column": column, "nobs": nobs, "terms": rows})
    target = Path(__file__).with_name("yotov2016_published.json")
    target.write_text(json.dumps(out, indent=1) + "\n")
    print(target)
