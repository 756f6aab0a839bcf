"""The lock that keeps two writers of ``data/processed`` (refresh, fetch) apart.

A POSIX record lock (``fcntl.lockf``) on ``data/processed/.refresh.lock``. Unlike
``flock``, a record lock belongs to the process, not to an open file description: a child
forked by the holder does not inherit it, and the kernel drops it the moment the holder
dies, ``kill -9`` included, so a killed refresh can never leave the next one waiting.
Record locks do not exclude threads of one process from each other, so a per-path
re-entrant thread lock sits in front: the thread that holds the lock may take it again
(``econ refresh --fetch`` fetches, then refreshes), other threads wait like processes.

The lock file records its holder (pid, host, start time, command); a process that waits
says whether that holder is still running.
"""

from __future__ import annotations

import fcntl
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from econ._atomic import TEMP_NAME
from econ.errors import LockHeldError

__all__ = ["LOCK_NAME", "hold", "holder", "pid_alive", "sweep_stale_temporaries"]

LOCK_NAME = ".refresh.lock"
_GUARD = threading.Lock()
_THREAD_LOCKS: dict[Path, threading.RLock] = {}
_DEPTH: dict[Path, int] = {}


def pid_alive(pid: int) -> bool:
    """True if a process with this pid exists (on this host)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def holder(lock_path: Path) -> str:
    """The holder recorded in a lock file, and whether it is still running."""
    try:
        text = lock_path.read_text(encoding="utf-8").strip()
    except OSError:
        return "unknown process"
    match = re.search(r"pid (\d+) on (\S+)", text)
    if not text or match is None:
        return "unknown process"
    pid, host = int(match.group(1)), match.group(2)
    if host != socket.gethostname():
        return f"{text} (on another host: cannot tell whether it runs)"
    return f"{text} ({'running' if pid_alive(pid) else 'no longer running'})"


def _try_lock(fd: int) -> bool:
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # EACCES or EAGAIN: another process holds it
        return False
    return True


def _record(fd: int, purpose: str) -> None:
    command = " ".join(os.path.basename(a) if i == 0 else a
                       for i, a in enumerate(sys.argv))[:200]
    text = (f"{purpose}: pid {os.getpid()} on {socket.gethostname()} since "
            f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S}Z ({command})\n")
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8"), 0)


def _thread_lock(lock_path: Path) -> threading.RLock:
    with _GUARD:
        return _THREAD_LOCKS.setdefault(lock_path, threading.RLock())


@contextmanager
def hold(folder: Path, *, wait: bool = True, timeout: float = 3600.0,
         purpose: str = "econ refresh") -> Iterator[None]:
    """Hold the lock on ``folder`` (``data/processed``) for the ``with`` block.

    Parameters
    ----------
    folder : Path
        The folder the lock protects; the lock file is created in it.
    wait : bool
        Wait for the holder to finish (up to ``timeout`` seconds) rather than raise.
    timeout : float
        Seconds to wait.
    purpose : str
        What the holder does, recorded for whoever waits.

    Raises
    ------
    LockHeldError
        If another process (or thread) holds the lock and ``wait`` is False, or it is
        still held after ``timeout`` seconds; the message names the holder and whether
        it is still running.
    """
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / LOCK_NAME
    local = _thread_lock(lock_path)
    deadline = time.monotonic() + (timeout if wait else 0.0)
    if not local.acquire(blocking=wait, timeout=max(timeout, 0.0) if wait else -1):
        # another thread of this process holds it; reading the lock file here would
        # close a descriptor of it, which drops this process's record lock
        raise LockHeldError(f"another thread of this process (pid {os.getpid()}) holds "
                            f"{lock_path}")
    try:
        if _DEPTH.get(lock_path, 0):  # this thread holds it already
            _DEPTH[lock_path] += 1
            try:
                yield
            finally:
                _DEPTH[lock_path] -= 1
            return
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _acquire(fd, lock_path, wait=wait, timeout=timeout, deadline=deadline)
            _record(fd, purpose)
            _DEPTH[lock_path] = 1
            try:
                yield
            finally:
                _DEPTH[lock_path] = 0
        finally:
            os.close(fd)  # releases the record lock
    finally:
        local.release()


def _acquire(fd: int, lock_path: Path, *, wait: bool, timeout: float, deadline: float
             ) -> None:
    if _try_lock(fd):
        return
    if not wait:
        raise _held(lock_path, waited=False, timeout=timeout)
    from logging import getLogger

    getLogger("econ.lock").info("waiting for %s", holder(lock_path))
    while not _try_lock(fd):
        if time.monotonic() > deadline:
            raise _held(lock_path, waited=True, timeout=timeout)
        time.sleep(0.2)


def _held(lock_path: Path, *, waited: bool, timeout: float) -> LockHeldError:
    who = holder(lock_path)
    if waited:
        return LockHeldError(f"gave up after {timeout:.0f}s waiting for {who}, which holds "
                             f"{lock_path}")
    return LockHeldError(f"another econ refresh or fetch ({who}) holds {lock_path}; wait "
                         "for it to finish, or run without --no-wait to queue behind it")


def sweep_stale_temporaries(folders: list[Path]) -> list[Path]:
    """Delete the temporaries (:data:`econ._atomic.TEMP_NAME`) of processes that died.

    Call it while holding the lock. Returns the files removed.
    """
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            match = TEMP_NAME.match(path.name)
            if match and not pid_alive(int(match.group(1))):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed
