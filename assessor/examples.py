"""The shipped examples: list them and copy one out, so a pip install can reproduce the demo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessor.errors import AssessorError
from assessor.resources import examples_dir


@dataclass(frozen=True, slots=True)
class Example:
    """One shipped example answers file."""

    name: str
    path: Path
    summary: str


def examples() -> list[Example]:
    """Return the shipped examples, sorted by name, each with its organisation and language."""
    from assessor.files import load_data

    found = []
    for path in sorted(examples_dir().glob("*.yaml")):
        data = load_data(path)
        organisation = data.get("organisation") or {}
        lang = (data.get("assessment") or {}).get("lang", "en")
        summary = f"{organisation.get('name', '')} ({organisation.get('sector', '')}; {lang})"
        found.append(Example(path.stem, path, summary))
    return found


def find(name: str) -> Example:
    """Return the example called ``name`` (its file name without ``.yaml``).

    Raises:
        AssessorError: no shipped example has that name.
    """
    known = examples()
    for example in known:
        if name in (example.name, f"{example.name}.yaml"):
            return example
    raise AssessorError(f"no example named {name!r} (examples: "
                        f"{', '.join(e.name for e in known)})")
