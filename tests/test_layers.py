"""Imports run one way: cli -> features -> record/banks -> files -> model.

The package groups into parts (house-style 8.1.1): ``banks`` (questionnaires and what applies),
``record`` (the answers file and what changes it), ``interview`` (the live interview) and
``report`` (the outputs), beside single-noun modules. Each key below is a module or a part; its
value is what it may not import from the package (model and errors are always allowed).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "assessor"
OUTER = {"cli", "commands", "batch", "diff", "render"}
FORBIDDEN = {
    "model": {"files", "banks", "record", "scoring", "report", "cli", "interview", *OUTER},
    "registers": {"files", "banks", "record", "scoring", "report", "cli", "interview", *OUTER},
    "files": {"banks", "record", "scoring", "report", "cli", "interview", *OUTER},
    "syntax": {"files", "banks", "record", "scoring", "report", "cli", "interview", *OUTER},
    "banks.conditions": {"banks.catalog", "record", "scoring", "report", "interview", "files",
                         *OUTER},
    "banks.scope": {"files", "report", "interview", "banks.catalog", "record", "scoring", *OUTER},
    "banks": {"record", "scoring", "report", "interview", *OUTER},
    "scoring": {"files", "report", "interview", "banks.catalog", "record", *OUTER},
    "record": {"report", "interview", *OUTER},
    "interview": {"report", "cli", "commands", "batch", "diff"},
    "interview.wording": {"model", "files", "banks", "record", "scoring", "report", "interview",
                          *OUTER},
    "report": {"cli", "commands", "interview", "banks.catalog", "batch", "diff"},
    "filing": {"cli", "commands", "interview", "batch", "diff"},
}
THIRD_PARTY = {
    "weasyprint": {"report.pdf"},
    "questionary": {"interview.prompts"},
    "prompt_toolkit": {"interview.prompts", "interview.question", "interview.question_view"},
}


def rules_for(module: str) -> set[str]:
    """Return what ``module`` may not import: its own rule, else its part's."""
    for key in (module, module.split(".")[0]):
        if key in FORBIDDEN:
            return FORBIDDEN[key]
    return set()


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
        forbidden = rules_for(module)
        for imported in imports(path):
            if imported.startswith("assessor."):
                target = imported.removeprefix("assessor.")
                assert not any(target == rule or target.startswith(rule + ".")
                               for rule in forbidden), f"{module} imports {imported}"
            top = imported.split(".")[0]
            if top in THIRD_PARTY:
                assert module in THIRD_PARTY[top], f"{module} imports {top}"


def test_the_rules_can_fail() -> None:
    assert "report" in rules_for("record.answers")
    assert "record" in rules_for("banks.catalog")
