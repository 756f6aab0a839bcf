"""Write the Russia-China balance and share tables as they were before the refactor.

The architecture refactor (issue 14) renamed ``out_balance__{yearly,monthly}_rus_chn`` to
``out_balance__{yearly,monthly}_bilateral`` (keyed by pair) and
``out_dependence__yearly_china_share_of_russia_imports`` to
``out_shares__yearly_partner_share_of_imports``. ``tests/test_real_data.py`` checks that
the RUS-CHN rows of the new tables equal these files.

Made with the code of commit c431a68 (the last before the refactor) on the same
``data/raw``::

    git archive c431a68 econ | tar -x -C /tmp/old
    mkdir -p /tmp/oldproject/data && ln -s "$PWD/data/raw" /tmp/oldproject/data/raw
    PYTHONPATH=/tmp/old python -c "import econ; econ.refresh(root='/tmp/oldproject')"
    PYTHONPATH=/tmp/old python tests/results/before_refactor/export.py /tmp/oldproject
"""

from __future__ import annotations

import sys
from pathlib import Path

import econ

HERE = Path(__file__).resolve().parent
TABLES = {
    "out_balance__yearly_rus_chn": ["year", "basis", "exports_usd", "imports_usd",
                                    "normalised_balance", "cif_fob_factor"],
    "out_balance__monthly_rus_chn": ["period", "basis", "exports_usd", "imports_usd",
                                     "normalised_balance", "cif_fob_factor"],
    "out_dependence__yearly_china_share_of_russia_imports": [
        "year", "basis", "share", "numerator_usd", "denominator_usd", "valuation",
        "cif_fob_factor"],
}


def main(root: str) -> None:
    for name, columns in TABLES.items():
        frame = econ.load(name, root=root)[columns]
        frame.to_csv(HERE / f"{name}.csv", index=False, float_format="%.17g")


if __name__ == "__main__":
    main(sys.argv[1])
