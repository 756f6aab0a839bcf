"""Write data/raw/MANIFEST.csv: path, bytes and sha256 of every raw file.

Run after copying a raw file in (``python scripts/make_manifest.py``); the test suite
checks every file against the manifest, so an edited or truncated raw file is caught.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def main() -> None:
    """Hash every file under data/raw (except the manifest) into MANIFEST.csv."""
    rows = []
    for path in sorted(p for p in RAW.rglob("*") if p.is_file() and p.name != "MANIFEST.csv"):
        data = path.read_bytes()
        rows.append((path.relative_to(RAW).as_posix(), len(data),
                     hashlib.sha256(data).hexdigest()))
    with open(RAW / "MANIFEST.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["path", "bytes", "sha256"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
