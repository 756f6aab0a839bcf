"""``econ refresh``: rebuild the tables whose inputs, upstream tables or code changed.

A table is *fresh* when the fingerprint stored in its Parquet file equals the fingerprint
of what it would be built from now: the sha256 of every input file, the content digest
of every upstream table and the code fingerprint. Fresh tables are skipped; stale ones
are rebuilt, validated and written atomically. A table that fails keeps its previous
file, its dependants are skipped, and every other table is still built.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from econ._version import __version__
from econ.catalog import TABLES, TableSpec, code_fingerprint, get_spec
from econ.context import BuildContext, InputFile
from econ.errors import RawDataError
from econ.lock import hold, sweep_stale_temporaries
from econ.manifest import FileHasher, resolve_inputs
from econ.pairs import Pair, configured_pairs
from econ.paths import REFERENCE_DIR, Paths, resolve_paths
from econ.store import content_sha256, read_provenance, verify_file, write_table

__all__ = ["RefreshReport", "TableResult", "hash_inputs", "refresh"]

log = logging.getLogger("econ.refresh")

Status = Literal["fresh", "built", "would build", "failed", "skipped"]
_HASH_CACHE = ".hash_cache.json"


@dataclass(frozen=True)
class TableResult:
    """Outcome of one table in a refresh."""

    name: str
    status: Status
    seconds: float = 0.0
    rows: int | None = None
    message: str = ""


@dataclass(frozen=True)
class RefreshReport:
    """What a refresh did, table by table."""

    results: tuple[TableResult, ...]
    seconds: float

    @property
    def failed(self) -> list[TableResult]:
        """Tables that failed or were skipped because an upstream table failed."""
        return [r for r in self.results if r.status in ("failed", "skipped")]

    @property
    def ok(self) -> bool:
        """True when no table failed."""
        return not self.failed

    def summary(self) -> str:
        """One line per table and a total line."""
        lines = []
        for r in self.results:
            extra = f" {r.rows} rows" if r.rows is not None and r.status == "built" else ""
            timing = f" in {r.seconds:.2f}s" if r.status == "built" else ""
            lines.append(f"{r.status:>11}  {r.name}{extra}{timing}")
            if r.message:
                lines.extend("             " + m for m in r.message.splitlines())
        counts = {s: sum(r.status == s for r in self.results)
                  for s in ("built", "fresh", "would build", "failed", "skipped")}
        tally = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        lines.append(f"refresh: {tally} in {self.seconds:.2f}s")
        return "\n".join(lines)


# --------------------------------------------------------------------------- hashing


def hash_inputs(spec: TableSpec, paths: Paths, hasher: FileHasher | None = None
                ) -> list[InputFile]:
    """sha256 and size of every input and reference file of ``spec``.

    Inputs are the files of ``data/raw/MANIFEST.csv`` that match the spec's patterns,
    each checked on disk (see :func:`econ.manifest.resolve_inputs`); of a
    ``newest_only`` pattern only the newest release.
    """
    hasher = hasher or FileHasher(paths.processed / _HASH_CACHE)
    out = [InputFile(entry.path, entry.sha256, entry.bytes) for entry, _ in
           resolve_inputs(paths.raw, spec.inputs, table=spec.name, hasher=hasher,
                          optional=spec.inputs_optional, newest=spec.newest_only,
                          may_be_empty=spec.fetched_only)]
    for name in spec.references:
        ref = REFERENCE_DIR / name
        out.append(InputFile(f"econ/etl/reference/{name}", hasher.sha256(ref),
                             ref.stat().st_size))
    return out


def _fingerprint(code: str, inputs: Sequence[InputFile], upstream: dict[str, str],
                 pairs: Sequence[Pair]) -> str:
    payload: dict[str, Any] = {
        "code": code,
        "inputs": [i.as_dict() for i in inputs],
        "upstream": upstream,
    }
    if pairs:  # out tables: the pairs they are built for
        payload["pairs"] = [str(p) for p in pairs]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# --------------------------------------------------------------------------- building


def _closure(names: Sequence[str]) -> set[str]:
    wanted: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(get_spec(name).upstream)
    return wanted


def _build(spec: TableSpec, paths: Paths, inputs: list[InputFile], code: str,
           upstream: dict[str, str], fingerprint: str, pairs: tuple[Pair, ...]
           ) -> tuple[int, str]:
    from econ.schema import validate_frame

    builder = _builder(spec)
    context = BuildContext(spec, paths, inputs, pairs)
    started = time.perf_counter()
    if spec.inputs_optional and not context.files():
        context.note("no release listed yet: the table is empty until `econ fetch` brings "
                     "one (" + ", ".join(spec.inputs) + ")")
        frame = spec.schema.empty_frame()
    else:
        with warnings.catch_warnings(record=True) as caught:  # data caveats go to the notes
            warnings.simplefilter("always")
            frame = builder(context)
        for message in dict.fromkeys(str(w.message) for w in caught):
            context.note(f"warning: {message}")
    built = time.perf_counter()
    table = validate_frame(frame, spec.name, spec.schema)
    log.debug("%s: builder %.2fs, validation %.2fs", spec.name, built - started,
              time.perf_counter() - built)
    provenance = {
        "table": spec.name,
        "description": spec.description,
        "schema_version": spec.schema.version,
        "schema": spec.schema.describe(),
        "inputs": [i.as_dict() for i in inputs],
        "upstream": [{"table": t, "content_sha256": d} for t, d in sorted(upstream.items())],
        "code_version": __version__,
        "code_sha256": code,
        "built_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "citation": spec.citation,
        "caveats": list(spec.caveats),
        "notes": context.notes,
        "pairs": [str(p) for p in pairs],
        "rows": table.num_rows,
        "fingerprint": fingerprint,
        "content_sha256": content_sha256(table),
    }
    write_table(table, paths.table_path(spec.name), provenance)
    return table.num_rows, provenance["content_sha256"]


def refresh(
    *,
    only: Sequence[str] | None = None,
    layer: Literal["core", "out"] | None = None,
    force: bool = False,
    dry_run: bool = False,
    wait: bool = True,
    timeout: float = 3600.0,
    root: str | os.PathLike[str] | None = None,
    on_progress: Callable[[int, int, TableResult], None] | None = None,
    pairs: Sequence[Pair] = (),
) -> RefreshReport:
    """Rebuild the stale tables.

    Parameters
    ----------
    only : sequence of str, optional
        Build only these tables (and those of their upstream tables that are stale).
    layer : {"core", "out"}, optional
        Build only the tables of one layer (and their stale upstream tables).
    force : bool
        Rebuild even fresh tables (with ``only``: the named tables; their upstream tables
        are rebuilt only if stale).
    dry_run : bool
        Report what would be built, build nothing.
    wait : bool
        If another refresh holds the lock, wait for it (up to ``timeout`` seconds)
        instead of raising :class:`econ.errors.LockHeldError`.
    timeout : float
        Seconds to wait for the lock.
    root : path-like, optional
        Project root (see :func:`econ.paths.resolve_paths`).
    pairs : sequence of Pair
        Pairs to answer besides those configured (``data/pairs.csv``); ``econ refresh
        --pair`` writes its pairs there instead, so later refreshes keep them.
    on_progress : callable, optional
        Called as ``on_progress(done, total, result)`` after each table.

    Returns
    -------
    RefreshReport
        Per-table outcome; ``report.ok`` is False if any table failed.

    Examples
    --------
    >>> report = refresh(only=["core_wdi__yearly_gdp"])  # doctest: +SKIP
    >>> print(report.summary())  # doctest: +SKIP
    """
    started = time.perf_counter()
    paths = resolve_paths(root)
    if layer is not None and layer not in ("core", "out"):
        raise ValueError(f"layer must be 'core' or 'out', got {layer!r}")
    named = list(only or []) + [t.name for t in TABLES if layer and t.layer == layer]
    selected = _closure(named) if named else {t.name for t in TABLES}
    specs = [t for t in TABLES if t.name in selected]
    configured = configured_pairs(paths.data)
    pairs = (*configured, *(p for p in dict.fromkeys(pairs) if p not in configured))
    results: list[TableResult] = []
    with hold(paths.processed, wait=wait, timeout=timeout):
        swept = sweep_stale_temporaries([paths.processed, *(paths.processed / part
                                                             for part in ("core", "out"))])
        for path in swept:
            log.info("removed %s, left by a refresh that died", path)
        cache = FileHasher(paths.processed / _HASH_CACHE)
        digests: dict[str, str] = {}
        broken: set[str] = set()
        early: set[str] = set()  # tables looked at, builders started ahead of them
        for n, spec in enumerate(specs, start=1):
            forced = force and (not named or spec.name in named)  # not the upstream closure
            result = _refresh_one(spec, paths, cache, digests, broken, context_pairs=pairs,
                                  force=forced, dry_run=dry_run)
            results.append(result)
            if result.status in ("failed", "skipped"):
                broken.add(spec.name)
                log.error("%s %s: %s", result.status, spec.name, result.message)
            else:
                log.info("%s %s", result.status, spec.name)
            if on_progress is not None:
                on_progress(n, len(specs), result)
            if not dry_run:
                _start_ready(specs[n:], paths, cache, digests, broken, early, pairs=pairs,
                             forced=lambda s: force and (not named or s.name in named))
        cache.save()
    return RefreshReport(tuple(results), time.perf_counter() - started)


def _builder(spec: TableSpec) -> Callable[[BuildContext], Any]:
    module_name, function = spec.builder.split(":", 1)
    builder: Callable[[BuildContext], Any] = getattr(importlib.import_module(module_name),
                                                     function)
    return builder


def _start_ready(pending: Sequence[TableSpec], paths: Paths, cache: FileHasher,
                 digests: dict[str, str], broken: set[str], started: set[str], *,
                 pairs: tuple[Pair, ...], forced: Callable[[TableSpec], bool]) -> None:
    """Start early the shared computations whose upstream tables are all done.

    For each stale later table whose builder is prefetchable (:mod:`econ.analysis._cache`)
    the computation runs beside the tables built meanwhile; the table's own build then
    takes the result. Any problem here is left to that build to find and report.
    """
    for spec in pending:
        if (spec.layer != "out" or spec.name in started or spec.builder in started
                or not all(u in digests and u not in broken for u in spec.upstream)):
            continue
        started.add(spec.name)  # looked at once, when its upstream tables are done
        try:
            inputs = hash_inputs(spec, paths, cache)
            fingerprint = _fingerprint(code_fingerprint(spec), inputs,
                                       {u: digests[u] for u in spec.upstream}, pairs)
            current = read_provenance(paths.table_path(spec.name))
            if (not forced(spec) and current is not None
                    and current.get("fingerprint") == fingerprint):
                continue  # fresh: nothing to compute (nor to import)
            from econ.analysis._cache import can_prefetch, prefetch  # pandas: only if stale

            builder = _builder(spec)
            if not can_prefetch(builder):
                continue
            started.add(spec.builder)
            prefetch(builder, BuildContext(spec, paths, inputs, pairs))
        except Exception:  # the table's own refresh finds and reports it
            log.debug("could not start %s early", spec.name, exc_info=True)


def _damage(target: Path, provenance: dict[str, Any], hasher: FileHasher) -> str | None:
    """Why a fresh-looking table file cannot be trusted, or None.

    A file unchanged (size, mtime, ctime, inode) since this machine wrote or last
    verified it is trusted without reading it; any other is read in full, its page
    checksums and content digest verified.
    """
    if hasher.cached(target) is not None:
        return None
    problem = verify_file(target, provenance)
    if problem is None:
        hasher.sha256(target)
    return problem


def _refresh_one(spec: TableSpec, paths: Paths, cache: FileHasher, digests: dict[str, str],
                 broken: set[str], *, force: bool, dry_run: bool,
                 context_pairs: tuple[Pair, ...]) -> TableResult:
    bad_upstream = [u for u in spec.upstream if u in broken]
    if bad_upstream:
        return TableResult(spec.name, "skipped",
                           message=f"upstream table(s) {', '.join(bad_upstream)} failed")
    started = time.perf_counter()
    target = paths.table_path(spec.name)
    try:
        inputs = hash_inputs(spec, paths, cache)
        upstream = {}
        for name in spec.upstream:
            digest = digests.get(name)
            if digest is None:
                existing = read_provenance(paths.table_path(name))
                digest = existing["content_sha256"] if existing else "missing"
            upstream[name] = digest
        code = code_fingerprint(spec)
        pairs = context_pairs if spec.layer == "out" else ()
        fingerprint = _fingerprint(code, inputs, upstream, pairs)
        current = read_provenance(target)
        damage = None
        if current is not None and current.get("fingerprint") == fingerprint and not force:
            damage = _damage(target, current, cache)
            if damage is None:
                digests[spec.name] = current["content_sha256"]
                return TableResult(spec.name, "fresh", rows=current.get("rows"))
            log.warning("%s: rebuilding, the stored file is damaged (%s)", spec.name, damage)
        if dry_run:
            return TableResult(spec.name, "would build")
        if "missing" in upstream.values():
            missing = [k for k, v in upstream.items() if v == "missing"]
            return TableResult(spec.name, "skipped",
                               message=f"upstream table(s) {', '.join(missing)} not built")
        rows, digests[spec.name] = _build(spec, paths, inputs, code, upstream, fingerprint,
                                          pairs)
        cache.sha256(target)  # remember the file as written, so it is trusted until touched
        return TableResult(spec.name, "built", time.perf_counter() - started, rows,
                           message=f"the previous file was damaged: {damage}" if damage
                           else "")
    except Exception as exc:  # one table's failure must not stop the others
        log.debug("building %s failed", spec.name, exc_info=True)
        kind = "" if isinstance(exc, RawDataError | ValueError) else f"{type(exc).__name__}: "
        return TableResult(spec.name, "failed", time.perf_counter() - started,
                           message=f"{kind}{exc}")
