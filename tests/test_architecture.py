"""The architecture, checked by reading the code (issue 14).

* The import graph of ``econ/`` (every import statement, lazy ones inside functions
  included, imports under ``if TYPE_CHECKING:`` left out because they never run) keeps the
  layers' arrows pointing down and has no cycle.
* Table names are defined once, in :mod:`econ.names`, never retyped as strings.
* The catalog's build order is proved by :func:`econ.catalog.check_catalog` and
  :func:`econ.catalog.build_order`, which fail on a cycle, a duplicate and an undeclared
  upstream table.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import econ
from econ.catalog import TableSpec, build_order, check_catalog
from econ.catalog.spec import table_schema

PACKAGE = Path(econ.__file__).resolve().parent


def module_name(path: Path) -> str:
    """``econ/analysis/flows.py`` -> ``econ.analysis.flows``; a package is its folder."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _statements(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node, except the bodies of ``if TYPE_CHECKING:`` blocks (their ``else`` runs)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend(node.orelse)
        else:
            todo.extend(ast.iter_child_nodes(node))


def _resolve(name: str) -> str | None:
    """The econ module an import names: itself, else its longest module prefix."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    """The econ modules ``module`` imports (a name imported from a package is the
    submodule when one has that name, else the package)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _statements(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(filter(None, (_resolve(a.name) for a in node.names)))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                target = _resolve(f"{base}.{alias.name}") or _resolve(base)
                if target:
                    found.add(target)
    found.discard(module)
    return {m for m in found if m.startswith("econ")}


GRAPH = {module: imports_of(module) for module in MODULES}


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _violations(sources: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(f"{module} imports {target}" for module, targets in GRAPH.items()
                  if any(_within(module, s) for s in sources)
                  for target in targets if any(_within(target, f) for f in forbidden))


def test_the_graph_reads_lazy_imports_and_skips_type_checking_blocks() -> None:
    """The parser itself: a lazy import counts, a TYPE_CHECKING import does not, a name
    imported from a package resolves to the submodule of that name."""
    assert "econ.schema" in GRAPH["econ.refresh"]  # imported inside _build
    assert "econ.context" not in GRAPH["econ.analysis.balance"]  # under TYPE_CHECKING
    assert "econ.names" in GRAPH["econ.analysis.balance"]  # from econ import names
    assert "econ.analysis.flows" in GRAPH["econ.analysis.balance"]  # relative-free alias


@pytest.mark.parametrize(("sources", "forbidden"), [
    (("econ.etl", "econ.indicators", "econ.tsa", "econ.forecast", "econ.gravity"),
     ("econ.refresh", "econ.cli", "econ.report", "econ.analysis")),
    (("econ.analysis",), ("econ.report", "econ.cli")),
    (("econ.report",), ("econ.analysis", "econ.indicators", "econ.etl", "econ.tsa",
                        "econ.forecast")),
], ids=["lower layers", "analysis", "report"])
def test_layers_import_only_downwards(sources: tuple[str, ...],
                                      forbidden: tuple[str, ...]) -> None:
    found = _violations(sources, forbidden)
    assert not found, f"{len(found)} upward import(s):\n" + "\n".join(found)


def back_edges(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Edges to a module on the current depth-first path (each closes a cycle)."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    found: list[tuple[str, str]] = []
    for root in sorted(graph):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(sorted(graph[root])))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                found.append((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(graph.get(child, ())))))
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def test_cycle_finders_on_a_small_graph() -> None:
    """a -> b -> c -> a is one cycle with one back-edge; d -> a adds neither."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert back_edges(graph) == [("c", "a")]
    assert cycles(graph) == [["a", "b", "c"]]
    assert back_edges({"a": {"b"}, "b": set()}) == [] and cycles({"a": set()}) == []


def test_no_import_cycle_in_econ() -> None:
    """Counted from the graph above (module-level and lazy imports): the back-edges of a
    depth-first search and the strongly connected components."""
    edges = back_edges(GRAPH)
    found = cycles(GRAPH)
    n_imports = sum(len(t) for t in GRAPH.values())
    assert not edges and not found, (
        f"{len(GRAPH)} modules, {n_imports} imports: {len(edges)} back-edge(s), "
        f"{len(found)} cycle(s)\nback-edges: {edges}\ncycles: {found}")


# ------------------------------------------------------------------ table names
TABLE_NAME = re.compile(r"(core|out)_[a-z0-9_]+__")


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
            and isinstance(node.body[0].value.value, str)}


def retyped_table_names(path: Path) -> list[str]:
    """String literals (f-string parts included) of ``path`` that spell a table name,
    docstrings excepted."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    shown = path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE.parent) else path
    return [f"{shown}:{node.lineno}: {node.value[:70]!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs and TABLE_NAME.search(node.value)]


def test_the_literal_finder(tmp_path: Path) -> None:
    source = tmp_path / "example.py"
    source.write_text('"""Reads core_x__yearly_y."""\n'
                      'A = "out_balance__yearly_bilateral"\n'
                      'B = f"core_cbr__{1}_goods"\n'
                      'C = "core tables and out_ tables"\n'
                      'def f():\n    """Docstring naming out_a__b."""\n')
    found = retyped_table_names(source)
    assert [line.split(":")[1] for line in found] == ["2", "3"], found


def test_table_names_are_never_retyped() -> None:
    """Code refers to a table through econ.names; a literal that spells one (a message
    included) goes stale when the table is renamed."""
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) if path.name != "names.py"
             or path.parent != PACKAGE for hit in retyped_table_names(path)]
    assert not found, f"{len(found)} retyped table name(s):\n" + "\n".join(found)


# ------------------------------------------------------------------ build order
def _spec(name: str, *upstream: str) -> TableSpec:
    return TableSpec(name=name, description="", schema=table_schema("year", key=("year",)),
                     builder="econ.x:y", inputs=(), citation="", upstream=upstream)


def test_build_order_puts_upstream_tables_first() -> None:
    specs = [_spec("out_c__x", "core_b__x"), _spec("core_b__x", "core_a__x"),
             _spec("core_a__x")]
    assert [s.name for s in build_order(specs)] == ["core_a__x", "core_b__x", "out_c__x"]


@pytest.mark.parametrize(("specs", "message"), [
    ([_spec("core_a__x", "core_b__x"), _spec("core_b__x", "core_a__x")],
     "upstream cycle"),
    ([_spec("core_a__x"), _spec("core_a__x")], "core_a__x is declared twice"),
    ([_spec("out_a__x", "core_missing__x")], "undeclared upstream table(s) core_missing__x"),
    ([_spec("core_a__x", "out_b__x"), _spec("out_b__x")], "core table core_a__x reads an "
     "out table"),
], ids=["cycle", "duplicate", "undeclared", "core reads out"])
def test_check_catalog_fails_naming_the_problem(specs: list[TableSpec], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        check_catalog(specs)
    with pytest.raises(ValueError, match=re.escape(message)):
        build_order(specs)


def test_the_shipped_catalog_passes() -> None:
    check_catalog(econ.catalog.TABLES)
    assert [s.name for s in build_order(econ.catalog.TABLES)] == econ.catalog.table_names()


def test_out_tables_carry_the_pair() -> None:
    """Issue 14: the pair is a key. Every out table has reporter_iso3 and partner_iso3
    among its columns (the sanctions application's tables by the pair it studies, the
    importer screen by the importer and the partner whose share it reports)."""
    missing = {spec.name for spec in econ.catalog.TABLES if spec.layer == "out"
               and not {"reporter_iso3", "partner_iso3"} <= set(spec.schema.names)}
    assert missing == set()
