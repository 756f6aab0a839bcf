"""Write econ/etl/reference/hs2022_hs2017.csv and hs2017_scope_losses.csv from UNSD's
HS2022-HS2017 workbook.

Usage::

    python scripts/make_hs_concordance.py HS2022toHS2017ConversionAndCorrelationTables.xlsx

The workbook is not shipped (see econ/etl/reference/README.md for where the copy used
came from and its sha256). Only the rows that the identity rule "a code present in both
revisions maps to itself" does not already give are written:

* ``unsd_conversion``: every row of the sheet "HS2022-HS2017 Conversions" whose HS2022
  code is not an HS2017 code in BACI's product list, or whose HS2017 code differs from
  the HS2022 code (a code number reused for other content);
* ``unsd_correlation``: for every HS2017 code of BACI's list that no Conversions row names,
  its rows of the sheet "HS2022-HS2017 Correlations" (without them its value would be
  lost);
* ``review``: the few links checked by hand, listed in ``REVIEWED`` below with the reason.

BACI's product list is the HS2017 universe (BACI reports heading 2710 as one code 271000):
a Conversions row whose HS2017 code BACI does not report is replaced by a reviewed row.

Each row carries the Correlations sheet's relationship for the pair where it has one.

``hs2017_scope_losses.csv`` lists, for every HS2017 code of BACI's list, the HS2022
headings that the Correlations sheet says took part of its content although they are not
linked to it in ``hs2022_hs2017.csv`` (their Conversions row names another HS2017 code):
from 2022 that content is reported under another code, so the code's series breaks.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "econ" / "etl" / "reference" / "hs2022_hs2017.csv"
LOSSES = ROOT / "econ" / "etl" / "reference" / "hs2017_scope_losses.csv"
BACI_PRODUCTS = ROOT / "data" / "raw" / "cepii_baci_meta" / "product_codes.csv"

#: (hs2022, hs2017, note): links checked by hand that the UNSD sheets lack or get wrong.
REVIEWED = (
    ("854151", "854150", "HS2022 split subheading 8541.50 (other semiconductor devices) into "
     "8541.51 (semiconductor-based transducers) and 8541.59 (other); the Correlations sheet "
     "links 854150 only to 8549 (waste) and the Conversions sheet names 851712 instead"),
    ("854159", "854150", "as 854151: the other half of HS2017 8541.50"),
    ("911490", "911490", "HS2022 9114.90 (other clock or watch parts) continues HS2017 "
     "9114.90; the Correlations sheet links HS2017 911490 only to 8549 (waste)"),
    *((code, "271000", "BACI reports heading 2710 as one code 271000 (no HS2017 subheadings "
       "in its product list)") for code in ("271012", "271019", "271020", "271091", "271099")),
)


def _code(value: object) -> str:
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or len(text) > 6:
        raise ValueError(f"not an HS6 code: {value!r}")
    return text.zfill(6)


def _sheet(book: CalamineWorkbook, name: str, header_rows: int) -> list[list[object]]:
    rows = book.get_sheet_by_name(name).to_python()
    return [r for r in rows[header_rows:] if str(r[0]).strip()]


def read_workbook(workbook: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """The Conversions sheet (HS2022 -> HS2017) and the Correlations rows."""
    book = CalamineWorkbook.from_path(str(workbook))
    conversions = {_code(a): _code(b) for a, b, *_ in
                   _sheet(book, "HS2022-HS2017 Conversions", 1)}
    correlations = [(_code(a), _code(b), str(r).strip()) for a, b, r, *_ in
                    _sheet(book, "HS2022-HS2017 Correlations", 2)]
    return conversions, correlations


def build_rows(conversions: dict[str, str], correlations: list[tuple[str, str, str]],
               baci_codes: set[str]) -> list[dict[str, str]]:
    """Rows of the reference CSV, sorted by (hs2022, hs2017)."""
    relationship = {(a, b): r for a, b, r in correlations}
    links = Counter(a for a, _, _ in correlations)
    rows: dict[tuple[str, str], dict[str, str]] = {}

    def add(hs2022: str, hs2017: str, source: str, note: str) -> None:
        rows[(hs2022, hs2017)] = {"hs2022": hs2022, "hs2017": hs2017,
                                  "relationship": relationship.get((hs2022, hs2017), ""),
                                  "source": source, "note": note}

    reviewed = {hs2022 for hs2022, _, _ in REVIEWED}
    for hs2022, hs2017 in conversions.items():
        if hs2022 in baci_codes and hs2017 == hs2022:
            continue
        if hs2017 not in baci_codes:
            if hs2022 not in reviewed:
                raise ValueError(f"HS2017 {hs2017} (from HS2022 {hs2022}) is not in BACI's "
                                 "product list and has no reviewed row")
            continue
        notes = []
        if hs2022 in baci_codes:
            notes.append(f"code number kept but its content comes from HS2017 {hs2017}")
        if links[hs2022] > 1:
            notes.append(f"the Correlations sheet links it to {links[hs2022]} HS2017 codes")
        add(hs2022, hs2017, "unsd_conversion", "; ".join(notes))
    named = set(conversions.values())
    for hs2022, hs2017, _ in correlations:
        if hs2017 in baci_codes and hs2017 not in named:
            add(hs2022, hs2017, "unsd_correlation",
                "HS2017 code that no Conversions row names; link from the Correlations sheet")
    for hs2022, hs2017, note in REVIEWED:
        add(hs2022, hs2017, "review", note)
    return [rows[k] for k in sorted(rows)]


def scope_losses(correlations: list[tuple[str, str, str]], rows: list[dict[str, str]],
                 baci_codes: set[str]) -> list[dict[str, str]]:
    """Per HS2017 code, the HS2022 headings that took content without a link to it."""
    linked = {(r["hs2022"], r["hs2017"]) for r in rows}
    lost: dict[str, set[str]] = {}
    for hs2022, hs2017, _ in correlations:
        if (hs2017 in baci_codes and hs2022 != hs2017 and (hs2022, hs2017) not in linked):
            lost.setdefault(hs2017, set()).add(hs2022)
    return [{"hs2017": code, "lost_to_headings": ";".join(sorted({c[:4] for c in lost[code]})),
             "n_hs2022": str(len(lost[code]))} for code in sorted(lost)]


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> int:
    """Write the CSV; return the process exit code."""
    if len(argv) != 1:
        print(__doc__)
        return 2
    with open(BACI_PRODUCTS, newline="", encoding="utf-8") as fh:
        baci_codes = {row["code"].zfill(6) for row in csv.DictReader(fh)}
    conversions, correlations = read_workbook(Path(argv[0]))
    rows = build_rows(conversions, correlations, baci_codes)
    _write(OUT, rows)
    print(f"{OUT}: {len(rows)} rows, by source {dict(Counter(r['source'] for r in rows))}")
    losses = scope_losses(correlations, rows, baci_codes)
    _write(LOSSES, losses)
    print(f"{LOSSES}: {len(losses)} HS2017 codes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
