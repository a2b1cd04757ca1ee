"""JSON Schemas: the hand-kept, shipped schemas of the files assessor reads and writes."""

from __future__ import annotations

from pathlib import Path

from assessor.errors import AssessorError

FOLDER = Path(__file__).resolve().parent


def schema_text(kind: str) -> str:
    """Return the JSON Schema of ``kind`` (``questionnaire``, ``answers``, ...) as text.

    Raises:
        AssessorError: no schema of that kind ships with this installation.
    """
    path = FOLDER / f"{kind}.schema.json"
    if not path.is_file():
        known = ", ".join(sorted(p.name.removesuffix(".schema.json")
                                 for p in FOLDER.glob("*.schema.json")))
        raise AssessorError(f"no schema for '{kind}' (known: {known})")
    return path.read_text(encoding="utf-8")
