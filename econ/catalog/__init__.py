"""Every table ``econ`` builds, and the order to build them in.

The catalog is plain data so that ``econ refresh`` can decide what is stale without
importing pandas or any loader; a builder module is imported only when its table is
built. Entries live one module per source (``sources/``) and one per question
(``answers/``); inputs are glob patterns relative to ``data/raw`` resolved through
``data/raw/MANIFEST.csv``; references are reviewed CSV files in ``econ/etl/reference``.

The build order is not written anywhere: it is a topological sort of the declared
upstream tables (:mod:`graphlib`), ties broken by layer and name, and
:func:`check_catalog` fails on a cycle, an undeclared upstream table or a duplicate name.
"""

from __future__ import annotations

import ast
import difflib
import graphlib
import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from econ._version import __version__
from econ.catalog.answers import (
    balance,
    convergence,
    dependence,
    energy,
    forecast,
    gravity,
    listed_trade,
    quality,
    shares,
)
from econ.catalog.sources import (
    atlas,
    baci,
    cbr,
    china_customs,
    codes,
    comtrade,
    cow,
    dots,
    ei,
    fcs,
    gacc,
    geo,
    hs,
    imts,
    oec,
    pink_sheet,
    sanctions,
    third_party,
    wdi,
)
from econ.catalog.spec import TableSpec
from econ.errors import UnknownTableError

__all__ = ["TABLES", "TableSpec", "build_order", "check_catalog", "code_fingerprint",
           "get_spec", "table_names"]

_MODULES = (codes, dots, comtrade, third_party, baci, oec, atlas, wdi, cow, cbr, fcs, gacc,
            hs, ei, china_customs, pink_sheet, sanctions, imts, geo,
            balance, shares, dependence, energy, listed_trade, convergence, forecast,
            gravity, quality)


def check_catalog(specs: Iterable[TableSpec]) -> None:
    """Fail on a duplicate name, an upstream table not in the catalog, or a cycle.

    Raises
    ------
    ValueError
        Naming the table and the problem.
    """
    specs = list(specs)
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            raise ValueError(f"catalog: table {spec.name} is declared twice")
        seen.add(spec.name)
    for spec in specs:
        unknown = [u for u in spec.upstream if u not in seen]
        if unknown:
            raise ValueError(f"catalog: {spec.name} reads undeclared upstream table(s) "
                             f"{', '.join(unknown)}")
        if spec.layer == "core" and any(u.startswith("out_") for u in spec.upstream):
            raise ValueError(f"catalog: core table {spec.name} reads an out table")
    try:
        graphlib.TopologicalSorter({s.name: set(s.upstream) for s in specs}).prepare()
    except graphlib.CycleError as exc:
        raise ValueError(f"catalog: upstream cycle {' -> '.join(exc.args[1])}") from None


def build_order(specs: Iterable[TableSpec]) -> tuple[TableSpec, ...]:
    """``specs`` sorted so every table comes after its upstream tables.

    Raises
    ------
    ValueError
        On a cycle (naming it) or any problem :func:`check_catalog` finds.
    """
    specs = list(specs)
    check_catalog(specs)
    by_name = {s.name: s for s in specs}
    sorter = graphlib.TopologicalSorter({s.name: set(s.upstream) for s in specs})
    sorter.prepare()  # acyclic: checked above
    order: list[TableSpec] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=lambda n: (by_name[n].layer != "core", n))
        order.extend(by_name[n] for n in ready)
        sorter.done(*ready)
    return tuple(order)


TABLES: tuple[TableSpec, ...] = build_order(t for m in _MODULES for t in m.TABLES)


def table_names() -> list[str]:
    """Names of all tables in build order."""
    return [t.name for t in TABLES]


def get_spec(name: str) -> TableSpec:
    """Return the spec of table ``name``.

    Raises
    ------
    UnknownTableError
        With the closest known names.
    """
    for spec in TABLES:
        if spec.name == name:
            return spec
    close = difflib.get_close_matches(name, table_names(), n=3)
    hint = f" Did you mean {', '.join(close)}?" if close else " Run `econ tables` for the list."
    raise UnknownTableError(f"unknown table '{name}'.{hint}")


_PACKAGE = Path(__file__).resolve().parents[1]


def _module_path(module: str) -> Path | None:
    """Source file of an ``econ`` module, or None if the name is not a module."""
    parts = module.split(".")[1:]
    base = _PACKAGE.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_file(module: str) -> Path:
    path = _module_path(module)
    if path is None:
        raise ModuleNotFoundError(f"builder module {module} not found under {_PACKAGE}")
    return path


@cache
def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def _econ_imports(module: str) -> frozenset[str]:
    """The econ modules that ``module`` imports, read from its source (not executed)."""
    tree = ast.parse(_module_file(module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # imports for type checkers only do not shape the data
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            node.body = []
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found.update(n for n in names if n.startswith("econ.") and _module_path(n))
    return frozenset(found)


def _closure_of(module: str) -> list[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_econ_imports(name))
    return sorted(seen)


def code_fingerprint(spec: TableSpec) -> str:
    """SHA-256 over the code that decides a table's content.

    Covers the package version, the table's schema, the builder's module and every
    ``econ`` module it imports, directly or not (found by reading their import
    statements); a change in any of them makes the table stale.
    """
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(repr(spec.schema).encode())
    modules = {*_closure_of(spec.builder.split(":", 1)[0]), "econ.schema"}  # + validation
    for module in sorted(modules):
        digest.update(module.encode())
        digest.update(_file_sha256(_module_file(module)).encode())
    return digest.hexdigest()
