"""Where the shipped data lives: inside the wheel, or beside the package in a source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """Return the folder ``name`` (questionnaires, report_templates) of this installation."""
    inside = PACKAGE / "data" / name
    return inside if inside.is_dir() else PACKAGE.parent / name


def questionnaires_dir() -> Path:
    """Return the built-in questionnaires folder."""
    return shipped("questionnaires")


def templates_dir() -> Path:
    """Return the report templates folder (the only place the renderer may read)."""
    return shipped("report_templates")


def examples_dir() -> Path:
    """Return the shipped example answers files (in the wheel too, for the README's demo)."""
    return shipped("examples")
