"""Imports run one way: cli -> features -> catalog/answers -> conditions/files -> model."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "assessor"
# What each module may import from the package, beyond model and errors (always allowed).
FORBIDDEN = {
    "model": {"files", "catalog", "answers", "scoring", "report", "cli", "interview"},
    "conditions": {"catalog", "answers", "scoring", "report", "cli", "interview", "files"},
    "files": {"catalog", "answers", "scoring", "report", "cli", "interview"},
    "scoring": {"files", "report", "cli", "interview", "catalog"},
    "scope": {"files", "report", "cli", "interview", "catalog", "answers", "scoring"},
    "catalog": {"answers", "scoring", "report", "cli", "interview"},
    "answers": {"scoring", "report", "cli", "interview"},
    "interview": {"report", "scoring", "cli"},
    "session": {"report", "cli", "interview"},
    "screens": {"report", "cli", "interview"},
    "wording": {"model", "files", "catalog", "answers", "scoring", "report", "cli", "interview"},
    "report": {"cli", "interview", "catalog"},
}
THIRD_PARTY = {
    "weasyprint": {"report.pdf"},
    "questionary": {"interview"},
    "prompt_toolkit": {"interview"},
}


def imports(path: Path) -> set[str]:
    """Return the modules a file imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_imports_run_one_way() -> None:
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        noun = module.split(".")[0]
        for imported in imports(path):
            if imported.startswith("assessor."):
                target = imported.removeprefix("assessor.").split(".")[0]
                assert target not in FORBIDDEN.get(noun, set()), f"{module} imports {imported}"
            top = imported.split(".")[0]
            if top in THIRD_PARTY:
                assert module in THIRD_PARTY[top], f"{module} imports {top}"
