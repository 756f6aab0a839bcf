"""Test helper: a lock held by another process."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_HOLDER = """
import sys
from pathlib import Path
from econ.lock import hold
with hold(Path(sys.argv[1]), wait=False, timeout=0, purpose="test holder"):
    print("held", flush=True)
    sys.stdin.read()
"""


@contextmanager
def lock_held_elsewhere(folder: Path) -> Iterator[int]:
    """Another process holds the refresh lock on ``folder`` for the ``with`` block;
    yields its pid."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(folder)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc.pid
    finally:
        proc.communicate("", timeout=30)
