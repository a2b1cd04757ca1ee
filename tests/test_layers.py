"""Imports run one way, in no circle, and only the command layer and the screens print.

The package groups into parts (house-style 8.1.1): ``banks`` (questionnaires and what applies),
``record`` (the answers file and what changes it), ``interview`` (the live interview) and
``report`` (the outputs), beside single-noun modules, under the command layer (``cli`` and
``commands``). Each key of FORBIDDEN is a module or a part; its value is what it may not import
from the package (model and errors are always allowed). Every import counts: at the top, inside
a function (lazy) and under ``TYPE_CHECKING``. The checks are plain functions over a folder, so
the last tests run them on a small package planted in a temporary folder and watch them fail.
"""

from __future__ import annotations

import ast
import functools
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

from .conftest import syntax_tree

PACKAGE = Path(__file__).parent.parent / "assessor"
OUTER = {"cli", "commands", "batch", "diff", "render"}
FILES = {"files", "loader", "screening", "targets"}  # reading, the YAML loader, writing
FORBIDDEN = {
    "model": {*FILES, "banks", "record", "scoring", "report", "cli", "interview", *OUTER},
    "registers": {*FILES, "banks", "record", "scoring", "report", "cli", "interview", *OUTER},
    "bilingual": {"model", *FILES, "banks", "record", "scoring", "report", "interview",
                  *OUTER},
    "clock": {"model", *FILES, "banks", "record", "scoring", "report", "interview", *OUTER},
    "text": {"model", *FILES, "banks", "record", "scoring", "report", "interview", *OUTER},
    "jsontext": {"model", *FILES, "banks", "record", "scoring", "report", "interview", *OUTER},
    "kinds": {*FILES, "banks", "record", "scoring", "report", "interview", *OUTER},
    "loader": {*FILES, "model", "banks", "record", "scoring", "report", "cli", "interview",
               *OUTER},
    "screening": {"files", "targets", "model", "banks", "record", "scoring", "report", "cli",
                  "interview", *OUTER},
    "files": {"targets", "banks", "record", "scoring", "report", "cli", "interview", *OUTER},
    "targets": {"banks", "record", "scoring", "report", "cli", "interview", *OUTER},
    "syntax": {*FILES, "banks", "record", "scoring", "report", "cli", "interview", *OUTER},
    "citation": {*FILES, "banks", "record", "scoring", "report", "interview", *OUTER},
    "system": {"banks", "record", "scoring", "report", "interview", *OUTER},
    "terminal": {"report", "interview", *OUTER},
    "banks.conditions": {"banks.catalog", "record", "scoring", "report", "interview", *FILES,
                         *OUTER},
    "banks.scope": {*FILES, "report", "interview", "banks.catalog", "record", "scoring", *OUTER},
    "banks": {"record", "scoring", "report", "interview", *OUTER},
    "scoring": {*FILES, "report", "interview", "banks.catalog", "record", *OUTER},
    "record": {"report", "interview", *OUTER},
    # what the evidence request list's writer shares with its reader: no lock, no answers file
    "record.evidencecolumns": {"report", "interview", *OUTER, "record.lock", "record.answers",
                               "record.evidencebook"},
    "interview": {"report", "cli", "commands", "batch", "diff"},
    "interview.wording": {"model", *FILES, "banks", "record", "scoring", "report", "interview",
                          *OUTER},
    "report": {"cli", "commands", "interview", "banks.catalog", "batch", "diff"},
    "filing": {"cli", "commands", "interview", "batch", "diff"},
    "exports": {"cli", "commands", "interview", "batch", "diff"},
    "render": {"cli", "commands", "interview", "batch", "diff"},
    "batch": {"cli", "commands", "interview", "diff"},
    "diff": {"cli", "commands", "interview", "batch"},
}
THIRD_PARTY = {
    "weasyprint": {"report.pdf"},
    "questionary": {"interview.prompts"},
    "prompt_toolkit": {"interview.bindings", "interview.prompts", "interview.question",
                       "interview.question_view"},
}
# Who may write to the terminal: the command layer and the interview's screens.
SPEAKERS = ("cli", "commands", "interview.app", "interview.menus", "interview.prompts",
            "interview.question", "interview.question_view", "interview.review",
            "interview.stale")
STREAMS = {"stdout", "stderr", "__stdout__", "__stderr__"}


def modules(root: Path) -> dict[str, Path]:
    """Return every module under the package folder ``root``, by dotted name within it."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path, package: str, module: str) -> list[tuple[str, ...]]:
    """Return what each import statement of a file names (top, lazy and TYPE_CHECKING alike).

    ``import a.b`` gives ``("a.b",)``; ``from a import b, c`` gives ``("a", "a.b", "a.c")``:
    the module ``a``, then the names that may be modules in it. Relative imports are resolved
    against ``module``.
    """
    return list(imports_in(path.read_text(encoding="utf-8"), package, module,
                           path.name == "__init__.py"))


@functools.cache  # several tests walk every module of the package: each text once
def imports_in(text: str, package: str, module: str, is_package: bool) -> tuple[tuple[str, ...],
                                                                               ...]:
    """Return what each import statement of a module's text names (see :func:`imports`)."""
    found: list[tuple[str, ...]] = []
    for node in ast.walk(syntax_tree(text)):
        if isinstance(node, ast.Import):
            found += [(alias.name,) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = [package, *module.split(".")] if module else [package]
                here = here if is_package else here[:-1]
                base = ".".join(here[:len(here) - node.level + 1] + ([base] if base else []))
            found.append((base, *(f"{base}.{alias.name}" for alias in node.names)))
    return tuple(found)


def graph(root: Path, package: str) -> dict[str, set[str]]:
    """Return who imports whom inside the package, by names within it.

    ``from a import b`` is an edge to the module ``a.b`` where that is one, else to ``a``.
    """
    known = modules(root)

    def inner(name: str) -> str | None:
        if name != package and not name.startswith(package + "."):
            return None
        found = name.removeprefix(package).removeprefix(".")
        return found if found in known else None

    edges: dict[str, set[str]] = {}
    for module, path in known.items():
        targets: set[str] = set()
        for base, *names in imports(path, package, module):
            submodules = {found for name in names if (found := inner(name)) is not None}
            whole = inner(base)
            targets |= submodules
            if whole is not None and len(submodules) < len(names):
                targets.add(whole)
        edges[module] = targets - {module}
    return edges


def cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Return the import circles: strongly connected parts of the graph (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = stack[stack.index(node):]
            del stack[stack.index(node):]
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def rules_for(module: str, rules: Mapping[str, set[str]]) -> set[str]:
    """Return what ``module`` may not import: its own rule, else its part's."""
    for key in (module, module.split(".")[0]):
        if key in rules:
            return rules[key]
    return set()


def broken_rules(root: Path, package: str, rules: Mapping[str, set[str]]) -> list[str]:
    """Return every import that breaks ``rules``, as 'module imports target'."""
    broken = []
    for module, targets in graph(root, package).items():
        forbidden = rules_for(module, rules)
        broken += [f"{module} imports {target}" for target in sorted(targets)
                   if any(target == rule or target.startswith(rule + ".") for rule in forbidden)]
    return broken


def writes(path: Path) -> tuple[str, ...]:
    """Return each way a file writes to the terminal: print, sys.stdout/stderr, a rich console."""
    return tuple(writes_in(path.read_text(encoding="utf-8")))


@functools.cache
def writes_in(text: str) -> tuple[str, ...]:
    """Return each way a module's text writes to the terminal (see :func:`writes`)."""
    return tuple(ways_of_writing(text))


def ways_of_writing(text: str) -> Iterator[str]:
    """Yield each way a module's text writes to the terminal."""
    for node in ast.walk(syntax_tree(text)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "print":
            yield f"print() at line {node.lineno}"
        elif isinstance(node, ast.Attribute) and node.attr in STREAMS \
                and isinstance(node.value, ast.Name) and node.value.id == "sys":
            yield f"sys.{node.attr} at line {node.lineno}"
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) \
                else [node.module or ""]
            if any(name == "rich" or name.startswith("rich.") for name in names):
                yield f"rich at line {node.lineno}"


def speakers(root: Path, allowed: tuple[str, ...]) -> list[str]:
    """Return the modules outside ``allowed`` that write to the terminal, with where."""
    return [f"{module}: {how}" for module, path in modules(root).items()
            if not any(module == a or module.startswith(a + ".") for a in allowed)
            for how in writes(path)]


def test_imports_run_one_way() -> None:
    assert broken_rules(PACKAGE, "assessor", FORBIDDEN) == []


def test_only_named_modules_use_the_heavy_libraries() -> None:
    for module, path in modules(PACKAGE).items():
        for imported, *_ in imports(path, "assessor", module):
            top = imported.split(".")[0]
            if top in THIRD_PARTY:
                assert module in THIRD_PARTY[top], f"{module} imports {top}"


def test_no_import_runs_in_a_circle() -> None:
    assert cycles(graph(PACKAGE, "assessor")) == []


def test_only_the_command_layer_and_the_screens_write_to_the_terminal() -> None:
    assert speakers(PACKAGE, SPEAKERS) == []


def test_every_module_is_under_a_rule_or_in_the_command_layer() -> None:
    ruled = {module for module in modules(PACKAGE)
             if rules_for(module, FORBIDDEN) or module.split(".")[0] in ("cli", "commands")}
    leaves = {"", "errors", "resources", "examples", "__main__", "schemas"}  # import nothing
    assert set(modules(PACKAGE)) - ruled - leaves == set()


def plant(root: Path, files: dict[str, str]) -> Path:
    """Write a small package ``pkg`` under ``root``; return its folder."""
    package = root / "pkg"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return package


def test_the_checks_fail_on_a_planted_package(tmp_path: Path) -> None:
    package = plant(tmp_path, {
        "__init__.py": "",
        "model.py": "from pkg import report\n",  # upward: a rule forbids it
        "report/__init__.py": "",
        "report/page.py": """\
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from pkg.report.chart import Chart
            """,
        "report/chart.py": """\
            import sys
            def draw():
                from . import page  # lazy and relative: still an edge
                sys.stdout.write("x")
            """,
        "core.py": "def f():\n    print('x')\n",
        "cli.py": "import pkg.core\nprint('allowed here')\n",
    })
    assert broken_rules(package, "pkg", {"model": {"report"}}) == ["model imports report"]
    assert cycles(graph(package, "pkg")) == [["report.chart", "report.page"]]
    assert speakers(package, ("cli",)) == ["core: print() at line 2",
                                           "report.chart: sys.stdout at line 4"]


def test_a_clean_planted_package_passes(tmp_path: Path) -> None:
    package = plant(tmp_path, {"__init__.py": "", "model.py": "",
                               "report.py": "from pkg import model\n",
                               "cli.py": "from pkg import report\nprint('x')\n"})
    assert broken_rules(package, "pkg", {"model": {"report"}}) == []
    assert cycles(graph(package, "pkg")) == []
    assert speakers(package, ("cli",)) == []
