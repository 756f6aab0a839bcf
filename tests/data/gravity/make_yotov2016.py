"""Make ``yotov2016_ch1.csv.gz`` from the book's data as shipped by the R package tradepolicy.

Source: ``data/agtpa_applications.rda`` of github.com/pachadotdev/tradepolicy (version
0.7.0, CC BY 4.0), the book's ``Chapter1Application3.dta`` (Yotov, Piermartini, Monteiro
and Larch 2016) converted to R. Its columns exporter ... clny are identical, row for row,
to the book's ``Chapter1Application1.dta`` and ``Chapter2Application1.dta``, and ``rta``
to ``RTA`` of ``Chapter2Application2.dta`` (checked when this file was made).

Reduction, and nothing else: keep the years the book's chapter 1 applications use (1986,
1990, ..., 2006) and the columns they use. Values are written with 17 significant digits,
so they round-trip exactly.

Run (needs the ``rdata`` package, not a dependency of econ)::

    python tests/data/gravity/make_yotov2016.py path/to/agtpa_applications.rda
"""

from __future__ import annotations

import sys
from pathlib import Path

import rdata

YEARS = range(1986, 2007, 4)
COLUMNS = ["exporter", "importer", "pair_id", "year", "trade", "dist", "cntg", "lang", "clny",
           "rta", "rta_lag4", "rta_lag8", "rta_lag12", "rta_lead4"]
INTEGER = ["pair_id", "year", "cntg", "lang", "clny", "rta", "rta_lag4", "rta_lag8",
           "rta_lag12", "rta_lead4"]

if __name__ == "__main__":
    frame = rdata.read_rda(sys.argv[1])["agtpa_applications"]
    frame = frame.loc[frame["year"].isin(YEARS), COLUMNS].reset_index(drop=True)
    frame[INTEGER] = frame[INTEGER].round().astype("int64")
    out = Path(__file__).with_name("yotov2016_ch1.csv.gz")
    frame.to_csv(out, index=False, float_format="%.17g", compression={"method": "gzip",
                                                                      "mtime": 0})
    print(f"{out}: {len(frame)} rows")
