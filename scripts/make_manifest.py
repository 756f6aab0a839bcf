"""Write data/raw/MANIFEST.csv: path, bytes and sha256 of every raw file.

Run after copying a raw file in (``python scripts/make_manifest.py``); the test suite
checks every file against the manifest, so an edited or truncated raw file is caught.
"""

from __future__ import annotations

from pathlib import Path

from econ.data import write_manifest

if __name__ == "__main__":
    print(write_manifest(root=Path(__file__).resolve().parents[1]))
