"""The README against the code: each test fails when the manual drifts from what it documents.

Offline and fast: nothing is built; the commands come from the parser ``econ.cli`` builds,
the tables from ``econ.catalog``, the dependencies from ``pyproject.toml``.
"""

from __future__ import annotations

import argparse
import ast
import collections
import importlib
import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import econ
from econ import cli
from econ.catalog import table_names
from econ.fetch import EXIT_CODES
from econ.names import BACI_RELEASE_DATASET

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
TEXT = README.read_text(encoding="utf-8")
_FENCE = re.compile(r"^```(\S*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def _code_blocks(info: str | None = None) -> list[str]:
    """Bodies of the fenced code blocks, in order (only those of language ``info``)."""
    return [m.group(2) for m in _FENCE.finditer(TEXT) if info is None or m.group(1) == info]


def _prose() -> str:
    """The README with its fenced code blocks removed."""
    return _FENCE.sub("", TEXT)


def _section(title: str) -> str:
    """The text of the level-2 section ``title``, up to the next level-2 heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", TEXT,
                      re.MULTILINE | re.DOTALL)
    assert match is not None, f"README: no section '## {title}'"
    return match.group(1)


def _script() -> ModuleType:
    path = REPO / "scripts" / "readme_tables.py"
    spec = importlib.util.spec_from_file_location("readme_tables", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands() -> dict[str, list[str]]:
    """Each subcommand of ``econ`` and its long options, walked from the parser."""
    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: [o for a in p._actions for o in a.option_strings
                   if o.startswith("--") and o != "--help"]
            for name, p in sub.choices.items()}


def test_the_readme_starts_with_make_report_then_make_test() -> None:
    assert TEXT.startswith("```"), "the README must open with the commands' code block"
    first = _code_blocks()[0]
    assert "make report" in first and "make test" in first, first
    assert first.index("make report") < first.index("make test"), first


def test_the_tables_block_is_what_the_script_writes() -> None:
    """Run `python scripts/readme_tables.py` to mend a failure."""
    script = _script()
    assert script.replace_block(TEXT, script.render()) == TEXT


def test_the_tables_script_check_mode_says_whether_the_block_is_current(
        tmp_path: Path) -> None:
    script = _script()
    stale = tmp_path / "README.md"
    stale.write_text(script.replace_block(TEXT, "| stale |"), encoding="utf-8")
    assert script.main(["--check", "--readme", str(stale)]) == 1
    assert script.main(["--readme", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == TEXT
    assert script.main(["--check", "--readme", str(stale)]) == 0


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_and_its_options_are_in_its_row(command: str) -> None:
    section = _section("Command line")
    rows = [line for line in section.splitlines() if line.startswith(f"| `econ {command}")]
    assert rows, f"no row for `econ {command}` in the Command line table"
    missing = [o for o in _commands()[command] if o not in rows[0]]
    assert not missing, f"econ {command}: options {missing} not in its row"


def test_the_global_options_are_documented() -> None:
    parser = cli._parser()
    options = [o for a in parser._actions for o in a.option_strings
               if o.startswith("--") and o != "--help"]
    section = _section("Command line")
    assert options and all(o in section for o in options), options


def test_every_fetch_exit_status_is_explained() -> None:
    section = _section("Command line")
    for code in EXIT_CODES:
        assert re.search(rf"^\| {code} \|", section, re.MULTILINE), f"fetch exit {code}"


def test_the_layout_names_every_top_level_module_and_package() -> None:
    layout = _section("Layout")
    package = REPO / "econ"
    entries = [f"{p.name}/" if p.is_dir() else p.name for p in sorted(package.iterdir())
               if (p.is_dir() and (p / "__init__.py").is_file()) or p.suffix == ".py"]
    missing = [e for e in entries if not re.search(rf"(?<![\w/]){re.escape(e)}", layout)]
    assert entries and not missing, f"Layout omits {missing}"


def test_every_dependency_is_explained() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        required += extra
    names = [re.match(r"[A-Za-z0-9_.-]+", r).group(0) for r in required]  # type: ignore[union-attr]
    section = _section("Dependencies, and why")
    missing = [n for n in names if f"**{n}**" not in section]
    assert names and not missing, f"Dependencies section omits {missing}"
    for extra in project["optional-dependencies"]:
        assert f"`{extra}`" in section, f"extra '{extra}' not named"


def test_no_heading_or_long_paragraph_appears_twice() -> None:
    prose = _prose()
    headings = [line for line in prose.splitlines() if line.startswith("#")]
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", prose)]
    repeated = [k for k, n in collections.Counter(headings).items() if n > 1]
    repeated += [k for k, n in collections.Counter(p for p in paragraphs if len(p) > 80).items()
                 if n > 1]
    assert not repeated, repeated


def _slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.strip("# ").lower())
    return text.replace(" ", "-")


def test_every_link_inside_the_readme_reaches_a_heading() -> None:
    anchors = {_slug(line) for line in _prose().splitlines() if line.startswith("#")}
    links = set(re.findall(r"\]\(#([^)]+)\)", TEXT))
    assert links and not links - anchors, sorted(links - anchors)


def test_every_table_named_in_the_readme_exists() -> None:
    known = {*table_names(), BACI_RELEASE_DATASET}
    named = set(re.findall(r"\b(?:core|out)_[a-z0-9_]+__[a-z0-9_]+", TEXT))
    assert named and not named - known, sorted(named - known)


def test_every_repository_file_named_in_the_readme_exists() -> None:
    """Paths such as `tests/fetch/test_fetch_faults.py` or `scripts/make_manifest.py`."""
    named = set(re.findall(r"`((?:econ|tests|scripts|benchmarks)/[\w/.-]+\.(?:py|sql|R|csv))`",
                           TEXT))
    missing = sorted(n for n in named if "*" not in n and not (REPO / n).exists())
    assert named and not missing, missing


def test_every_raw_folder_is_described() -> None:
    manifest = (REPO / "data" / "raw" / "MANIFEST.csv").read_text(encoding="utf-8")
    folders = {line.split("/", 1)[0] for line in manifest.splitlines()[1:] if "/" in line}
    section = _section("The data")
    missing = sorted(f for f in folders if f"`{f}`" not in section)
    assert folders and not missing, f"The data section omits {missing}"


def _imports(block: str) -> list[tuple[str, str | None]]:
    """(module, name) of each ``econ`` import and ``econ.<name>`` use in a snippet."""
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(block)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("econ"):
            found += [(str(node.module), a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(a.name, None) for a in node.names if a.name.startswith("econ")]
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id == "econ"):
            found.append(("econ", node.attr))
    return found


def _exists(module: str, name: str | None) -> bool:
    """``module`` imports and has ``name``, as an attribute or a submodule."""
    if name is None or hasattr(importlib.import_module(module), name):
        return True
    return importlib.util.find_spec(f"{module}.{name}") is not None


def test_the_python_snippets_parse_and_name_what_exists() -> None:
    """The snippets were run against the built tables; this keeps their names current."""
    blocks = _code_blocks("python")
    assert blocks
    for block in blocks:
        for module, name in _imports(block):
            assert _exists(module, name), f"{module}.{name}"
    assert all(hasattr(econ, n) for n in ("load", "tables", "provenance", "validate"))


_LOWER = ("etl", "indicators", "tsa", "forecast", "gravity")
_FORBIDDEN = {**dict.fromkeys(_LOWER, ("refresh", "cli", "analysis", "report")),
              "analysis": ("report", "cli")}


def _econ_imports(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(a.name for a in node.names)
    return {m for m in modules if m.split(".")[0] == "econ"}


def test_the_layer_rule_the_layout_states_holds() -> None:
    back_edges = []
    for layer, forbidden in _FORBIDDEN.items():
        for path in sorted((REPO / "econ" / layer).rglob("*.py")):
            for module in _econ_imports(path):
                parts = module.split(".")
                if len(parts) > 1 and parts[1] in forbidden:
                    back_edges.append(f"{path.relative_to(REPO)} imports {module}")
    assert not back_edges, back_edges
